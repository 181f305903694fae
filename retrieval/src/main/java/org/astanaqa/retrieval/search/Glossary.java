package org.astanaqa.retrieval.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.ru.RussianLightStemmer;
import org.astanaqa.retrieval.text.Edits;

/**
 * The Russian-English glossary of the domain: the built-in {@code glossary-ru.txt} and any lines a
 * maintainer adds ({@code retrieval.glossary}). Each entry maps one or more Russian words, matched
 * by stem (Lucene's {@link RussianLightStemmer}) or, written with a trailing {@code *}, by prefix,
 * to the English words the documents use. Immutable and thread-safe.
 */
public final class Glossary {
  private static final List<String> BUILT_IN = read("glossary-ru.txt");
  private static final int MAX_PHRASE_WORDS = 4;

  /**
   * One entry.
   *
   * @param keys the Russian words, each a stem or, ending in *, a prefix (lower case, ё as е)
   * @param forms the Russian words as written in the entry (lower case, ё as е)
   * @param english the English words (empty: the Russian words are dropped)
   */
  record Entry(List<String> keys, List<String> forms, String english) {}

  /** A match at a position of the question: how many words it took and the English it gives. */
  record Match(int words, String english) {}

  private final List<Entry> entries;

  /**
   * Each entry's one word as spelt by ear ({@link #asSpoken}; a prefix without its *), null for a
   * phrase: worked out once, not for every unknown word of every question.
   */
  private final List<String> keysByEar;

  private Glossary(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    List<String> byEar = new ArrayList<>(entries.size());
    for (Entry e : this.entries) {
      String key = e.keys().get(0);
      byEar.add(
          e.keys().size() != 1
              ? null
              : asSpoken(
                  key.endsWith("*") ? key.substring(0, key.length() - 1) : e.forms().get(0)));
    }
    this.keysByEar = java.util.Collections.unmodifiableList(byEar);
  }

  /** The built-in glossary with {@code extra} lines (same format) after it. */
  public static Glossary of(List<String> extra) {
    List<Entry> entries = new ArrayList<>(parse(BUILT_IN, "glossary-ru.txt"));
    entries.addAll(parse(extra, "retrieval.glossary"));
    return new Glossary(entries);
  }

  /**
   * Parses glossary lines: blank lines and {@code #} comments are skipped.
   *
   * @throws IllegalArgumentException naming the line when it has no "="
   */
  public static List<Entry> parse(List<String> lines, String origin) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            origin
                + " line "
                + (i + 1)
                + ": expected \"russian words = english words\", got \""
                + line
                + "\"");
      }
      List<String> keys = new ArrayList<>();
      List<String> forms = new ArrayList<>();
      for (String w : line.substring(0, eq).strip().split("\\s+")) {
        String n = normalize(w);
        keys.add(n.endsWith("*") ? n : stem(n));
        forms.add(n);
      }
      out.add(new Entry(List.copyOf(keys), List.copyOf(forms), line.substring(eq + 1).strip()));
    }
    return out;
  }

  /**
   * The longest entry that matches the words from {@code from} on; among entries of the same
   * length, the word as written before its stem, a stem match before a prefix match, and a longer
   * prefix before a shorter one. Null when none does.
   */
  Match match(List<String> words, int from) {
    return match(words, from, false);
  }

  /**
   * As {@link #match}, {@code acrossHyphens} letting a prefix entry match a compound whole
   * ("генерал*" for "генерал-лейтенант"): the fallback for a compound whose parts do not all
   * translate one by one.
   */
  Match match(List<String> words, int from, boolean acrossHyphens) {
    int end = Math.min(words.size(), from + MAX_PHRASE_WORDS);
    String[] lower = new String[end - from];
    String[] stems = new String[end - from];
    for (int i = from; i < end; i++) {
      lower[i - from] = normalize(words.get(i));
      stems[i - from] = stem(lower[i - from]);
    }
    Entry best = null;
    int bestScore = -1;
    for (Entry e : entries) {
      int n = e.keys().size();
      if (n > MAX_PHRASE_WORDS || from + n > words.size()) {
        continue;
      }
      int score = n * 1000;
      boolean all = true;
      for (int k = 0; k < n && all; k++) {
        int s = matches(e.keys().get(k), e.forms().get(k), lower[k], stems[k], acrossHyphens);
        all = s >= 0;
        score += s;
      }
      // Later entries (a maintainer's) win ties over built-in ones.
      if (all && score >= bestScore) {
        best = e;
        bestScore = score;
      }
    }
    return best == null ? null : new Match(best.keys().size(), best.english());
  }

  /**
   * How well a key matches a word: 101 for the word as the entry writes it, 100 for its stem (so
   * that "какой = which" beats "как = how" for "какой", though both stem to "как"), the prefix
   * length for a prefix, -1 for no.
   */
  private static int matches(
      String key, String form, String w, String stem, boolean acrossHyphens) {
    if (key.endsWith("*")) {
      String prefix = key.substring(0, key.length() - 1);
      // "стран*" is not "стран-гарантов": a compound's parts are looked up one by one
      boolean compound =
          !acrossHyphens && prefix.indexOf('-') < 0 && w.indexOf('-', prefix.length()) >= 0;
      return w.startsWith(prefix) && !compound ? prefix.length() : -1;
    }
    if (form.equals(w)) {
      return 101;
    }
    return key.equals(stem) || key.equals(w) ? 100 : -1;
  }

  /** Words shorter than this are not matched with a typo: "дня" is one letter from too many. */
  static final int MIN_TYPO_CHARS = 6;

  /** Words shorter than this are not matched as spelt by ear ("кагда" for "когда" is five). */
  static final int MIN_SPOKEN_CHARS = 5;

  /**
   * A Russian word as spelt by ear: unstressed "о" sounds, and is often written, as "а", and "е" as
   * "и" ("кагда", "гаварил", "перимирие"), so both are folded into one letter each.
   */
  static String asSpoken(String w) {
    return w.replace('о', 'а').replace('е', 'и');
  }

  /**
   * The English of the one-word entry a mistyped word is one edit from ("переговорв" ->
   * "переговор*", "учавствовали" -> "участвова*"), or that it spells by ear ({@link #asSpoken}:
   * "кагда" -> "когда"): the word, its stem, or its start for an entry that ends in *; null when
   * the word is short, when none is, or when entries that are disagree.
   */
  String matchTypo(String word) {
    String w = normalize(word);
    if (w.length() < MIN_SPOKEN_CHARS) {
      return null;
    }
    String stem = stem(w);
    String spoken = asSpoken(w);
    boolean longEnough = w.length() >= MIN_TYPO_CHARS;
    Map<String, Integer> near = new HashMap<>(); // English -> the longest key giving it
    for (int k = 0; k < entries.size(); k++) {
      Entry e = entries.get(k);
      String byEar = keysByEar.get(k);
      if (byEar == null) {
        continue; // a phrase
      }
      String key = e.keys().get(0);
      boolean close;
      if (key.endsWith("*")) {
        String prefix = key.substring(0, key.length() - 1);
        close = prefix.length() >= MIN_SPOKEN_CHARS && spoken.startsWith(byEar);
        for (int len = prefix.length() - 1;
            longEnough && len <= prefix.length() + 1 && !close;
            len++) {
          close =
              len >= MIN_TYPO_CHARS - 1
                  && len <= w.length()
                  && Edits.oneApart(w.substring(0, len), prefix)
                  && endsAlike(w.charAt(len - 1), prefix.charAt(prefix.length() - 1));
        }
      } else {
        String form = e.forms().get(0);
        close =
            form.length() >= MIN_SPOKEN_CHARS && spoken.equals(byEar)
                || longEnough
                    && form.length() >= MIN_TYPO_CHARS
                    && (Edits.oneApart(w, form) || Edits.oneApart(stem, key));
      }
      if (close) {
        near.merge(e.english(), byEar.length(), Math::max);
      }
    }
    // Of the readings, those that agree with the most of the word, or within a letter of it, decide
    // ("следущей": "следующ*", next, over "следи*", monitor); when they disagree, no guess.
    int longest = near.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    List<String> readings =
        near.entrySet().stream()
            .filter(r -> r.getValue() >= longest - 1)
            .map(r -> r.getKey())
            .toList();
    return readings.size() == 1 ? readings.get(0) : null;
  }

  private static final String VOWELS = "аеиоуыэюяй";

  /**
   * Whether a word's start and a prefix entry one edit from it end alike: in the same letter, or
   * both in a vowel ("делегацы-" of "делегацыю" for "делегаци*", as people type). A start that ends
   * in another consonant is another word sharing letters with the entry, not a typo of it:
   * "позвон-" (called) is not "позвол*" (allow), "прочи-" (read) not "прочн*" (durable). Tune
   * halves' Russian questions unchanged in both modes; words the glossary lacks are no longer given
   * such readings.
   */
  static boolean endsAlike(char a, char b) {
    return a == b || VOWELS.indexOf(a) >= 0 && VOWELS.indexOf(b) >= 0;
  }

  /** Every English word some entry gives, for finding the corpus words that have none. */
  public Set<String> englishWords() {
    Set<String> out = new HashSet<>();
    for (Entry e : entries) {
      for (String w : e.english().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w.toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /** Lower case, ё as е: Russian writers often leave the dots off. */
  static String normalize(String word) {
    return word.toLowerCase(Locale.ROOT).replace('ё', 'е');
  }

  /** The word's stem by Lucene's light Russian stemmer. */
  static String stem(String word) {
    char[] chars = normalize(word).toCharArray();
    int len = new RussianLightStemmer().stem(chars, chars.length);
    return new String(chars, 0, len);
  }

  private static List<String> read(String resource) {
    try (InputStream in = Glossary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      List<String> lines = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          lines.add(line);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
