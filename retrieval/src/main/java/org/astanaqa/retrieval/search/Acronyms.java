package org.astanaqa.retrieval.search;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.astanaqa.retrieval.index.Fields;
import org.astanaqa.retrieval.text.Analyzers;

/**
 * Acronyms a question uses where the documents spell the name out: "Which OCHA official ...?" is
 * searched as "Which Office for the Coordination of Humanitarian Affairs official ...?", because
 * the corpus says "the Office for the Coordination of Humanitarian Affairs" and never "OCHA". The
 * expansions come from the corpus itself: every run of two or more capitalised words, with "of",
 * "for", "the", "and", "on", "in", "de" or "&" between them, stands for the acronym of its initials
 * ("Islamic State of Iraq and the Levant": ISIL), each part of a run too; where runs share
 * initials, the most frequent. They are read from the index once, on the first question that needs
 * them, and kept for as long as that index is open.
 */
public final class Acronyms {
  /** A word in capitals, two to six letters, with a plural "s" ("NGOs"); see MAX_LETTERS. */
  private static final Pattern ACRONYM = Pattern.compile("\\b(\\p{Lu}{2,6})(s?)\\b");

  private static final Pattern RUN =
      Pattern.compile(
          "\\p{Lu}[\\p{L}’'-]*(?:\\s+(?:(?:of|for|the|and|on|in|de|&)\\s+)*\\p{Lu}[\\p{L}’'-]*)+");

  private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{L}’'-]*");

  /** The longest acronym looked for. */
  private static final int MAX_LETTERS = 6;

  private static final Map<IndexReader, Map<String, String>> BY_READER =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Acronyms() {}

  /**
   * The question with each acronym the corpus never uses, and spells out, replaced by the spelled
   * out name; the question as it is when it has none, or is written in capitals.
   */
  public static String expand(String question, IndexReader reader) throws IOException {
    Matcher m = ACRONYM.matcher(question);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String word = m.group(1);
      if (known(word, reader)) {
        continue;
      }
      String name = of(reader).get(word);
      if (name == null || !besideTheRest(name, question, m.start(), m.end(), reader)) {
        continue;
      }
      if (out == null) {
        if (shouting(question)) {
          return question;
        }
        out = new StringBuilder(question.length() + 64);
      }
      out.append(question, last, m.start()).append(name);
      last = m.end();
    }
    return out == null ? question : out.append(question, last, question.length()).toString();
  }

  /**
   * Whether some passage names {@code name} together with another word of the question: the
   * evidence that the acronym means that name here. "OCHA" in "Which OCHA official briefed the
   * Security Council?" is the Office that the passage of the briefing names; "PSP" in "Ethanol
   * stress increases the expression of PSP in bacteria" is no "Prescribing Services Partneriaeth"
   * that some abstract names with none of those words.
   */
  private static boolean besideTheRest(
      String name, String question, int from, int to, IndexReader reader) throws IOException {
    BooleanQuery.Builder named = new BooleanQuery.Builder();
    for (Analyzers.Token t : Analyzers.tokens(name)) {
      named.add(new TermQuery(new Term(Fields.TEXT, t.term())), BooleanClause.Occur.MUST);
    }
    BooleanQuery.Builder rest = new BooleanQuery.Builder();
    int others = 0;
    String around = question.substring(0, from) + " " + question.substring(to);
    for (Analyzers.Token t : Analyzers.tokens(around)) {
      if (!Analyzers.isQuestionWord(t.term())) {
        rest.add(new TermQuery(new Term(Fields.TEXT, t.term())), BooleanClause.Occur.SHOULD);
        others++;
      }
    }
    if (others == 0) {
      return true; // "What is OCHA?": nothing else to check against
    }
    rest.setMinimumNumberShouldMatch(1);
    named.add(rest.build(), BooleanClause.Occur.MUST);
    return new IndexSearcher(reader).count(named.build()) > 0;
  }

  /** Whether the corpus says the word itself ("UN", "TASS"). */
  private static boolean known(String word, IndexReader reader) throws IOException {
    var tokens = Analyzers.tokens(word);
    for (Analyzers.Token t : tokens) {
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

  /** The corpus's acronyms and the names they stand for, read once per open index. */
  static Map<String, String> of(IndexReader reader) throws IOException {
    Map<String, String> known = BY_READER.get(reader);
    if (known != null) {
      return known;
    }
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    StoredFields stored = reader.storedFields();
    Bits live = MultiBits.getLiveDocs(reader);
    Set<String> fields = Set.of(Fields.TEXT);
    for (int doc = 0; doc < reader.maxDoc(); doc++) {
      if (live != null && !live.get(doc)) {
        continue;
      }
      Document d = stored.document(doc, fields);
      String text = d.get(Fields.TEXT);
      if (text != null) {
        collect(text, counts);
      }
    }
    Map<String, String> best = new HashMap<>();
    counts.forEach(
        (acronym, names) ->
            best.put(
                acronym,
                names.entrySet().stream()
                    .max(
                        Map.Entry.<String, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow()
                    .getKey()));
    Map<String, String> done = Map.copyOf(best);
    BY_READER.put(reader, done);
    return done;
  }

  /** Counts every run of capitalised words in {@code text}, and each part of it, by initials. */
  static void collect(String text, Map<String, Map<String, Integer>> counts) {
    Matcher run = RUN.matcher(text);
    while (run.find()) {
      String r = run.group();
      Matcher w = CAPITALISED.matcher(r);
      java.util.List<int[]> words = new java.util.ArrayList<>();
      while (w.find()) {
        words.add(new int[] {w.start(), w.end()});
      }
      for (int i = 0; i < words.size(); i++) {
        StringBuilder initials = new StringBuilder();
        for (int j = i; j < words.size() && j - i < MAX_LETTERS; j++) {
          initials.append(r.charAt(words.get(j)[0]));
          if (j > i) {
            String name = r.substring(words.get(i)[0], words.get(j)[1]);
            counts
                .computeIfAbsent(initials.toString(), k -> new HashMap<>())
                .merge(name, 1, Integer::sum);
          }
        }
      }
    }
  }
}
