package org.astanaqa.retrieval.search;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.Exc;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Writes {@link Synonyms}' table from WordNet 3.1 (read by extJWNL, a test dependency: the jar
 * ships the table, about 1 MB, not WordNet's 11 MB and its 200 MB in memory). For every one-word
 * entry and irregular form ("became"), the synonyms of its common senses that have that sense among
 * their own common ones. Rerun by {@code mvn -B -pl retrieval test -Dtest=SynonymTableTest
 * -Dsynonyms.write=true} after changing the rule; {@link SynonymTableTest} checks that the stored
 * table is what this writes.
 */
final class WordNetSynonyms {
  /** Senses of each part of speech read, most common first (WordNet orders them so). */
  static final int SENSES = 3;

  /**
   * The least share of a word's uses (in WordNet's sense-tagged texts) a sense needs for its
   * synonyms to count: "set" is "place" too rarely. Tune halves: 0.15, 0.2 and 0.3 alike, no filter
   * worse.
   */
  static final double MIN_SHARE = 0.2;

  private final Dictionary wordnet;

  WordNetSynonyms() throws JWNLException {
    this.wordnet = Dictionary.getDefaultResourceInstance();
  }

  /**
   * The synonyms of {@code w} (lower case, any form: "worried", "became"): its own word where it is
   * a form of another ("became": "become"), then the synonyms of its common senses, first senses
   * first across its parts of speech; a hyphenated entry also as one word ("cease-fire" as
   * "ceasefire"), an entry of several words ("go against") not at all.
   */
  List<String> of(String w) throws JWNLException {
    List<IndexWord> words = List.copyOf(wordnet.lookupAllIndexWords(w).getIndexWordCollection());
    double total = 0;
    for (IndexWord iw : words) {
      for (Synset s : iw.getSenses()) {
        total += useCount(s, iw.getLemma());
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (IndexWord iw : words) {
      if (!iw.getLemma().equals(w) && !iw.getLemma().contains(" ")) {
        out.add(iw.getLemma());
      }
    }
    for (int rank = 0; rank < SENSES; rank++) {
      for (IndexWord iw : words) {
        List<Synset> senses = iw.getSenses();
        if (rank >= senses.size()) {
          continue;
        }
        Synset synset = senses.get(rank);
        double share = total > 0 ? useCount(synset, iw.getLemma()) / total : rank == 0 ? 1 : 0;
        if (share < MIN_SHARE) {
          continue;
        }
        for (Word lemma : synset.getWords()) {
          String l = lemma.getLemma().toLowerCase(Locale.ROOT);
          if (l.equals(w) || l.equals(iw.getLemma()) || l.contains(" ")) {
            continue;
          }
          if (!mutual(synset, l)) {
            continue;
          }
          out.add(l);
          if (l.contains("-")) {
            out.add(l.replace("-", ""));
          }
        }
      }
    }
    out.remove(w);
    return List.copyOf(out);
  }

  /** The words the table holds: one-word entries of every part of speech, and irregular forms. */
  Set<String> keys() throws JWNLException {
    Set<String> keys = new java.util.TreeSet<>();
    for (POS pos : POS.getAllPOS()) {
      for (Iterator<IndexWord> it = wordnet.getIndexWordIterator(pos); it.hasNext(); ) {
        String l = it.next().getLemma().toLowerCase(Locale.ROOT);
        if (l.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '-')) {
          keys.add(l);
        }
      }
      for (Iterator<Exc> it = wordnet.getExceptionIterator(pos); it.hasNext(); ) {
        String l = it.next().getLemma().toLowerCase(Locale.ROOT);
        if (l.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '-')) {
          keys.add(l);
        }
      }
    }
    return keys;
  }

  /** Writes "word TAB synonym synonym ..." per key, in order, gzipped. */
  void write(Path file) throws IOException, JWNLException {
    TreeMap<String, List<String>> table = new TreeMap<>();
    for (String k : keys()) {
      table.put(k, of(k));
    }
    Files.createDirectories(file.getParent());
    try (BufferedWriter out =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
      out.write("# " + Synonyms.SOURCE + "\n");
      for (String line : licence()) {
        out.write("#" + (line.isEmpty() ? "" : " " + line) + "\n");
      }
      for (var e : table.entrySet()) {
        out.write(e.getKey() + "\t" + String.join(" ", e.getValue()) + "\n");
      }
    }
  }

  /** WordNet's licence, as the head of its data files has it: it goes with every copy. */
  private static List<String> licence() throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    try (java.io.InputStream in =
            WordNetSynonyms.class.getResourceAsStream(
                "/net/sf/extjwnl/data/wordnet/wn31/data.noun");
        java.io.BufferedReader r =
            new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null && line.startsWith("  "); line = r.readLine()) {
        lines.add(line.replaceFirst("^\\s+\\d+\\s?", "").stripTrailing());
      }
    }
    return lines;
  }

  /**
   * Whether {@code synset} is among the most common senses of {@code lemma} too: "have" is a sense
   * of "bear" (as "born" is), but "bear" no common sense of "have".
   */
  private boolean mutual(Synset synset, String lemma) throws JWNLException {
    IndexWord iw = wordnet.getIndexWord(synset.getPOS(), lemma);
    if (iw == null) {
      return false;
    }
    List<Synset> s = iw.getSenses();
    for (int i = 0; i < Math.min(SENSES, s.size()); i++) {
      if (s.get(i).getOffset() == synset.getOffset()) {
        return true;
      }
    }
    return false;
  }

  private static double useCount(Synset synset, String lemma) {
    for (Word x : synset.getWords()) {
      if (x.getLemma().equalsIgnoreCase(lemma)) {
        return x.getUseCount();
      }
    }
    return 0;
  }
}
