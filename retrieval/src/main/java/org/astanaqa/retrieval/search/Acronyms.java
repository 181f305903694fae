package org.astanaqa.retrieval.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.astanaqa.retrieval.index.Fields;
import org.astanaqa.retrieval.text.Analyzers;

/**
 * Acronyms a question uses where the documents spell the name out: "Which OCHA official ...?" is
 * searched as "Which Office for the Coordination of Humanitarian Affairs official ...?", because
 * the corpus says "the Office for the Coordination of Humanitarian Affairs" and never "OCHA". The
 * name is looked for in the passages that hold the question's other words (the best {@link
 * #PASSAGES} of them): a run of capitalised words there, with "of", "for", "the", "and", "on",
 * "in", "de" or "&" between them, or a part of such a run, whose initials are the acronym ("Islamic
 * State of Iraq and the Levant": ISIL); where several are, the most frequent. A name that only some
 * passage on another subject spells out is not taken ("PSP" in a question about bacteria is no
 * "Prescribing Services Partneriaeth").
 */
public final class Acronyms {
  /** A word in capitals, two to six letters, with a plural "s" ("NGOs"). */
  private static final Pattern ACRONYM = Pattern.compile("\\b(\\p{Lu}{2,6})(s?)\\b");

  private static final Pattern RUN =
      Pattern.compile(
          "\\p{Lu}[\\p{L}’'-]*(?:\\s+(?:(?:of|for|the|and|on|in|de|&)\\s+)*\\p{Lu}[\\p{L}’'-]*)+");

  private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{L}’'-]*");

  /** Passages holding the question's other words that are read for the name. */
  static final int PASSAGES = 50;

  private Acronyms() {}

  /**
   * The question with each acronym the corpus never uses replaced by the name it spells out in the
   * passages of the question's other words; the question as it is when it has none, or is written
   * in capitals.
   */
  public static String expand(String question, IndexReader reader) throws IOException {
    Matcher m = ACRONYM.matcher(question);
    if (!m.find() || shouting(question)) {
      return question;
    }
    StringBuilder out = null;
    int last = 0;
    do {
      String acronym = m.group(1);
      if (known(acronym, reader)) {
        continue;
      }
      String around = question.substring(0, m.start()) + " " + question.substring(m.end());
      String name = spelledOut(acronym, around, reader);
      if (name == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(question.length() + 64);
      }
      out.append(question, last, m.start()).append(name);
      last = m.end();
    } while (m.find());
    return out == null ? question : out.append(question, last, question.length()).toString();
  }

  /**
   * The name {@code acronym} stands for in the best passages that hold a word of {@code around}
   * (the rest of the question), or null when none of them spells it out.
   */
  private static String spelledOut(String acronym, String around, IndexReader reader)
      throws IOException {
    BooleanQuery.Builder rest = new BooleanQuery.Builder();
    int others = 0;
    for (Analyzers.Token t : Analyzers.tokens(around)) {
      if (!Analyzers.isQuestionWord(t.term())) {
        rest.add(new TermQuery(new Term(Fields.TEXT, t.term())), BooleanClause.Occur.SHOULD);
        others++;
      }
    }
    if (others == 0) {
      return null; // "What is OCHA?": nothing says which of the corpus's names is meant
    }
    StoredFields stored = reader.storedFields();
    Map<String, Integer> names = new HashMap<>();
    for (ScoreDoc hit : new IndexSearcher(reader).search(rest.build(), PASSAGES).scoreDocs) {
      String text = stored.document(hit.doc, Set.of(Fields.TEXT)).get(Fields.TEXT);
      if (text != null) {
        collect(text, acronym, names);
      }
    }
    return names.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** Whether the corpus says the word itself ("UN", "TASS"). */
  private static boolean known(String word, IndexReader reader) throws IOException {
    for (Analyzers.Token t : Analyzers.tokens(word)) {
      if (reader.docFreq(new Term(Fields.TEXT, t.term())) > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether most of a question's letters are capitals: "WHO WERE THE GUARANTORS?". */
  private static boolean shouting(String question) {
    int upper = 0;
    int letters = 0;
    for (int i = 0; i < question.length(); i++) {
      char c = question.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        upper += Character.isUpperCase(c) ? 1 : 0;
      }
    }
    return upper * 2 > letters;
  }

  /**
   * Counts, in {@code names}, every run of capitalised words in {@code text}, or part of one, whose
   * initials are {@code acronym}.
   */
  static void collect(String text, String acronym, Map<String, Integer> names) {
    Matcher run = RUN.matcher(text);
    while (run.find()) {
      String r = run.group();
      Matcher w = CAPITALISED.matcher(r);
      List<int[]> words = new ArrayList<>();
      while (w.find()) {
        words.add(new int[] {w.start(), w.end()});
      }
      for (int i = 0; i + acronym.length() <= words.size(); i++) {
        boolean match = true;
        for (int k = 0; k < acronym.length() && match; k++) {
          match = r.charAt(words.get(i + k)[0]) == acronym.charAt(k);
        }
        if (match) {
          int end = words.get(i + acronym.length() - 1)[1];
          names.merge(r.substring(words.get(i)[0], end), 1, Integer::sum);
        }
      }
    }
  }
}
