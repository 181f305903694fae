#!/usr/bin/env python3
"""Validate the fresh55 question sets against the five seed documents."""
import glob, json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "..", "seeds")  # the repository's seed texts, the same as ../shared/seeds
DOCS = {}
for p in sorted(glob.glob(os.path.join(SEEDS, "[0-9][0-9][0-9]_*.txt"))):
    DOCS[os.path.basename(p)[:3]] = open(p, encoding="utf-8").read().lower()

SPECS = {
    "fresh55-en.jsonl": dict(start=7133, n=60, kinds={"plain", "paraphrase", "keywords", "typos", "chatty", "multidoc", "outofscope"}),
    "fresh55-ru.jsonl": dict(start=3499, n=30, kinds={"plain", "paraphrase", "keywords", "chatty", "outofscope"}),
    "fresh55-fu.jsonl": dict(start=4881, n=50, kinds={"followup", "standalone"}),
}
ALLOWED = ["q", "after", "kind", "variantOf", "reply", "group", "expect", "docs", "short", "shortAlternatives", "none"]
errors = []

def err(f, ln, msg):
    errors.append(f"{f}:{ln}: {msg}")

def positions(text, s):
    return [m.start() for m in re.finditer(re.escape(s), text)]

def within(text, strings, limit=400):
    """True if all strings occur in text with every occurrence chosen lying inside a window of `limit` chars."""
    occ = [[(p, p + len(s)) for p in positions(text, s)] for s in strings]
    if any(not o for o in occ):
        return False
    for anchor in occ[0]:
        lo = anchor[0] - limit
        hi = anchor[1] + limit
        picks = [anchor]
        ok = True
        for o in occ[1:]:
            cand = [x for x in o if x[0] >= lo and x[1] <= hi]
            if not cand:
                ok = False; break
            picks.append(min(cand, key=lambda x: abs(x[0] - anchor[0])))
        if ok and max(x[1] for x in picks) - min(x[0] for x in picks) <= limit + max(len(s) for s in strings):
            return True
    return False

for fname, spec in SPECS.items():
    path = os.path.join(HERE, fname)
    rows = []
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    if not raw.endswith("\n"):
        err(fname, 0, "file does not end with newline")
    for ln, line in enumerate(raw.split("\n")[:-1] if raw.endswith("\n") else raw.split("\n"), 1):
        if not line.strip():
            err(fname, ln, "blank line"); continue
        try:
            d = json.loads(line)
        except Exception as e:
            err(fname, ln, f"invalid JSON: {e}"); continue
        if not isinstance(d, dict):
            err(fname, ln, "not an object"); continue
        rows.append((ln, d))
    # groups
    groups = [d.get("group") for _, d in rows]
    expected = list(range(spec["start"], spec["start"] + 2 * spec["n"], 2))
    if sorted(g for g in groups if isinstance(g, int)) != expected or len(groups) != spec["n"]:
        err(fname, 0, f"groups not exactly {expected[0]}..{expected[-1]} odd ({len(groups)} rows)")
    dup = [g for g, c in Counter(groups).items() if c > 1]
    if dup:
        err(fname, 0, f"duplicate groups {dup}")
    plain_qs = {d["q"] for _, d in rows if d.get("kind") == "plain" and isinstance(d.get("q"), str)}
    seen_q = Counter(d.get("q") for _, d in rows)
    for q, c in seen_q.items():
        if c > 1:
            err(fname, 0, f"duplicate q: {q!r}")
    for ln, d in rows:
        keys = list(d.keys())
        for k in keys:
            if k not in ALLOWED:
                err(fname, ln, f"unknown field {k}")
        order = [k for k in ALLOWED if k in d]
        if keys != order:
            err(fname, ln, f"field order {keys} != {order}")
        if not isinstance(d.get("q"), str) or not d["q"].strip():
            err(fname, ln, "missing q")
        kind = d.get("kind")
        if kind not in spec["kinds"]:
            err(fname, ln, f"bad kind {kind}")
        if not isinstance(d.get("group"), int) or d["group"] % 2 != 1:
            err(fname, ln, "group must be odd int")
        if fname.endswith("fu.jsonl"):
            if not isinstance(d.get("after"), str) or not d["after"].strip():
                err(fname, ln, "followup file entry needs 'after'")
        elif "after" in d:
            err(fname, ln, "'after' only allowed in fu file")
        if "reply" in d and d["reply"] is not True:
            err(fname, ln, "reply must be true")
        if kind == "chatty":
            if d.get("variantOf") not in plain_qs:
                err(fname, ln, f"variantOf does not match a plain q: {d.get('variantOf')!r}")
        elif "variantOf" in d:
            err(fname, ln, "variantOf only for chatty")
        if fname.endswith("ru.jsonl") and not re.search("[а-яё]", d.get("q", ""), re.I):
            err(fname, ln, "Russian q has no Cyrillic")
        is_none = d.get("none") is True
        if kind == "outofscope" and not is_none:
            err(fname, ln, "outofscope must have none:true")
        if is_none:
            for k in ("expect", "docs", "short", "shortAlternatives"):
                if k in d:
                    err(fname, ln, f"none entry must not have {k}")
            if kind not in ("outofscope", "followup"):
                err(fname, ln, f"none:true not allowed for kind {kind}")
            continue
        if "none" in d:
            err(fname, ln, "none must be true or absent")
        exp, docs = d.get("expect"), d.get("docs")
        if not isinstance(exp, list) or not 1 <= len(exp) <= 3 or not all(isinstance(s, str) and s for s in exp):
            err(fname, ln, "expect must be list of 1-3 non-empty strings"); continue
        if not isinstance(docs, list) or not docs or any(x not in DOCS for x in docs):
            err(fname, ln, f"bad docs {docs}"); continue
        if len(set(docs)) != len(docs):
            err(fname, ln, "duplicate doc ids")
        for s in exp:
            if s != s.lower():
                err(fname, ln, f"expect not lower-case: {s!r}")
            if "\n" in s:
                err(fname, ln, f"expect has line break: {s!r}")
            if not any(s.lower() in DOCS[x] for x in docs):
                err(fname, ln, f"expect {s!r} not in any of {docs}")
        lows = [s.lower() for s in exp]
        if not any(within(DOCS[x], lows) for x in docs):
            err(fname, ln, f"expect strings not all within 400 chars in any listed doc: {exp}")
        for x in docs:
            if not any(s in DOCS[x] for s in lows):
                err(fname, ln, f"listed doc {x} contains none of the expect strings")
        if kind == "multidoc" and len(docs) < 2:
            err(fname, ln, "multidoc needs >=2 docs")
        if "short" in d and (not isinstance(d["short"], str) or not d["short"]):
            err(fname, ln, "short must be non-empty string")
        if "shortAlternatives" in d:
            if "short" not in d or not isinstance(d["shortAlternatives"], list) or not all(isinstance(a, str) and a for a in d["shortAlternatives"]):
                err(fname, ln, "bad shortAlternatives")
    counts = Counter(d.get("kind") for _, d in rows)
    nones = sum(1 for _, d in rows if d.get("none") is True)
    print(f"{fname}: {len(rows)} rows; " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) + f"; none={nones}")

if errors:
    print(f"FAIL: {len(errors)} error(s)")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK: all checks passed")
