package org.astanaqa.retrieval;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;

/**
 * The passages most recently ranked, already loaded and analyzed. Loading a passage decompresses a
 * stored-fields block and analyzing it runs the stemmer; both dominate a question's time, and the
 * same passages come back for related questions. Bounded, so a large corpus cannot fill the heap.
 */
final class PassageCache {
  /**
   * A passage with its analysis: its tokens, its title's tokens, and its sentences, each with the
   * range of its tokens and whether it holds a date or a number (answer evidence for "when" and
   * "how many" that does not depend on the question).
   */
  record Analyzed(Passage passage, List<Analyzers.Token> tokens, List<Analyzers.Token> titleTokens,
      List<Span> sentences, int[] firstToken, int[] endToken, boolean[] hasDate, boolean[] hasNumber) {

    static Analyzed of(Passage p, List<Analyzers.Token> tokens, List<Analyzers.Token> titleTokens) {
      String text = p.text();
      List<Span> sentences = Sentences.split(text);
      if (sentences.isEmpty()) {
        sentences = text.isEmpty() ? List.of() : List.of(new Span(0, text.length()));
      }
      int n = sentences.size();
      int[] first = new int[n];
      int[] end = new int[n];
      boolean[] date = new boolean[n];
      boolean[] number = new boolean[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        Span s = sentences.get(i);
        while (k < tokens.size() && tokens.get(k).start() < s.start()) {
          k++;
        }
        first[i] = k;
        while (k < tokens.size() && tokens.get(k).end() <= s.end()) {
          k++;
        }
        end[i] = k;
        String sentence = text.substring(s.start(), s.end());
        date[i] = QuestionType.hasDate(sentence);
        number[i] = QuestionType.hasNumber(sentence);
      }
      return new Analyzed(p, tokens, titleTokens, sentences, first, end, date, number);
    }
  }

  private final Map<Integer, Analyzed> entries;
  private final Map<String, Source> sources;

  /**
   * @param capacity passages kept at most (about 10 KB each)
   * @param sources the indexed documents by id
   */
  PassageCache(int capacity, Map<String, Source> sources) {
    this.sources = sources;
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Analyzed> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The passage with Lucene id {@code doc} of the searcher's reader, loaded and analyzed once. */
  Analyzed get(IndexSearcher searcher, int doc) throws IOException {
    synchronized (entries) {
      Analyzed a = entries.get(doc);
      if (a != null) {
        return a;
      }
    }
    Document d = searcher.storedFields().document(doc);
    Source source = sources.get(d.get(Fields.ID));
    if (source == null) {
      throw new IllegalStateException("passage of unknown document " + d.get(Fields.ID));
    }
    Passage p = PassageIndexer.toPassage(d, source);
    Analyzed a = Analyzed.of(p, Analyzers.tokens(p.text()), Analyzers.tokens(source.title()));
    synchronized (entries) {
      entries.put(doc, a);
    }
    return a;
  }
}
