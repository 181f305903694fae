#!/usr/bin/env bash
# Scale-up benchmark: the seeds plus the UN General Debate speeches linked in N times under new
# folder names (so new document ids), indexed and queried at each size. Run from the project root
# after building the jar; prints the index summary and the dev-question latency for each size.
# Usage: bash docs/scale.sh [COPIES...]   (default: 1 4 31; 31 copies is about a million passages)
# BM25 mode: embedding a million passages for the hybrid mode would take days on 2 cores.
#
# bash docs/scale.sh --first-answer [JAR...]: time to the first answer in the default (hybrid)
# mode on the seeds plus one copy of the speeches, from no index and no vector cache: the console
# is started with one question piped in, and the time is taken when its answer is printed. Give
# an older jar beside the current one to compare them in the same run.
set -euo pipefail
jar="$PWD/bot/target/astana-qa.jar"
ungdc="$(cd ../shared/data/ungdc-2016-2020 && pwd)"
dev="$(cd ../shared/eval && pwd)/dev-questions.jsonl"
work="${TMPDIR:-/tmp}/astana-qa-scale"
if [ "${1:-}" = "--first-answer" ]; then
  shift
  [ $# -gt 0 ] || set -- "$jar"
  for j in "$@"; do
    rm -rf "$work" && mkdir -p "$work/corpus"
    ln -s "$PWD/seeds" "$work/corpus/seeds"
    ln -s "$ungdc" "$work/corpus/ungdc"
    printf 'dataDir: %s\n' "$work/data" > "$work/config.yaml"
    echo "== $j: seeds + UN General Debate speeches, hybrid mode, no index, no vector cache"
    t0=$(date +%s.%N)
    echo "Who were the Astana guarantors?" \
      | java -jar "$j" --config "$work/config.yaml" console --corpus "$work/corpus" \
      | { IFS= read -r first; t1=$(date +%s.%N)
          awk -v a="$t0" -v b="$t1" -v f="$first" 'BEGIN { printf "first answer after %.1f s: %s\n", b - a, f }'; cat > /dev/null; }
  done
  rm -rf "$work"
  exit 0
fi
for copies in "${@:-1 4 31}"; do
  for n in $copies; do
    rm -rf "$work" && mkdir -p "$work/corpus"
    ln -s "$PWD/seeds" "$work/corpus/seeds"
    for i in $(seq -w 1 "$n"); do ln -s "$ungdc" "$work/corpus/ungdc-copy$i"; done
    echo "== $n cop$( [ "$n" = 1 ] && echo y || echo ies) of the UN General Debate speeches"
    java -Xmx8g -jar "$jar" --mode bm25 index --corpus "$work/corpus" --index "$work/index"
    java -Xmx8g -jar "$jar" --mode bm25 eval --corpus "$work/corpus" --index "$work/index" "$dev" | head -3
  done
done
rm -rf "$work"
