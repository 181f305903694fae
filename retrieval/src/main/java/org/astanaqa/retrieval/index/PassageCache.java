package org.astanaqa.retrieval.index;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;
import org.astanaqa.retrieval.text.Analyzers;
import org.astanaqa.retrieval.text.Facts;
import org.astanaqa.retrieval.text.Sentences;
import org.astanaqa.retrieval.util.LruMap;

/**
 * The passages most recently ranked, already loaded and analyzed. Loading a passage decompresses a
 * stored-fields block and analyzing it runs the stemmer; both dominate a question's time, and the
 * same passages come back for related questions. Bounded, so a large corpus cannot fill the heap.
 */
public final class PassageCache {
  /**
   * A passage with its analysis: its tokens, its title's tokens, and its sentences, each with the
   * range of its tokens and, found when first asked, whether it holds a date, a count or a measure
   * (answer evidence for "when", "how many" and "how wide" that does not depend on the question).
   */
  public record Analyzed(
      Passage passage,
      List<Analyzers.Token> tokens,
      List<Analyzers.Token> titleTokens,
      List<Span> sentences,
      int[] firstToken,
      int[] endToken,
      byte[] evidence) {
    private static final int DATE_KNOWN = 1;
    private static final int DATE = 2;
    private static final int COUNT_KNOWN = 4;
    private static final int COUNT = 8;
    private static final int MEASURE_KNOWN = 16;
    private static final int MEASURE = 32;

    static Analyzed of(Passage p, List<Analyzers.Token> tokens, List<Analyzers.Token> titleTokens) {
      String text = p.text();
      List<Span> sentences = Sentences.split(text);
      if (sentences.isEmpty()) {
        sentences = text.isEmpty() ? List.of() : List.of(new Span(0, text.length()));
      }
      int n = sentences.size();
      int[] first = new int[n];
      int[] end = new int[n];
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
      }
      return new Analyzed(p, tokens, titleTokens, sentences, first, end, new byte[n]);
    }

    /** Whether sentence {@code i} holds a date ({@link Facts#hasDate}). */
    public boolean hasDate(int i) {
      return evidence(i, DATE_KNOWN, DATE, Facts::hasDate);
    }

    /** Whether sentence {@code i} holds a number that counts something ({@link Facts#hasCount}). */
    public boolean hasCount(int i) {
      return evidence(i, COUNT_KNOWN, COUNT, Facts::hasCount);
    }

    /** Whether sentence {@code i} holds a number and its unit ({@link Facts#hasMeasure}). */
    public boolean hasMeasure(int i) {
      return evidence(i, MEASURE_KNOWN, MEASURE, Facts::hasMeasure);
    }

    /**
     * Looks a sentence's evidence up once, when a question of its type first needs it: the patterns
     * cost more than the rest of a passage's analysis, and most questions never ask. Two threads
     * may both look the same sentence up, and one's bits may overwrite the other's; either way
     * every bit written is right, and a lost one is looked up again.
     */
    private boolean evidence(
        int i, int known, int found, java.util.function.Predicate<String> test) {
      int e = evidence[i];
      if ((e & known) == 0) {
        Span s = sentences.get(i);
        e = known | (test.test(passage.text().substring(s.start(), s.end())) ? found : 0);
        evidence[i] = (byte) (evidence[i] | e);
      }
      return (e & found) != 0;
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
    this.entries = new LruMap<>(capacity);
  }

  /**
   * The passage right before the one with Lucene id {@code doc} in the same document (its ordinal
   * one less), or null: the first passage of a document, or a Lucene id before it that holds
   * another document's passage or a document's own record. A live update and a words-first build
   * add a document as one block (its record, then its passages in order), which merges keep whole
   * and in order; the one-pass build adds its passages one at a time, so a flush of the writer's
   * buffer can split a document between two segments, which the default merge policy's {@code
   * forceMerge} may put in another order (larger segments first). The passage after such a split
   * then has no previous here: hence the checks of document id and ordinal, not the position alone.
   * {@code here} is the passage of {@code doc}; the one before is read from disk at most once.
   */
  public Analyzed previous(IndexSearcher searcher, int doc, Passage here) throws IOException {
    if (doc <= 0) {
      return null;
    }
    Bits live = MultiBits.getLiveDocs(searcher.getIndexReader());
    if (live != null && !live.get(doc - 1)) {
      return null; // a passage deleted with its document, or replaced by its new version
    }
    Analyzed known = cached(doc - 1);
    if (known != null) {
      Passage p = known.passage();
      return p.source().id().equals(here.source().id()) && p.ordinal() == here.ordinal() - 1
          ? known
          : null;
    }
    Document d = searcher.storedFields().document(doc - 1);
    IndexableField ordinal = d.getField(Fields.ORDINAL);
    return ordinal != null
            && here.source().id().equals(d.get(Fields.ID))
            && ordinal.numericValue().intValue() == here.ordinal() - 1
        ? load(doc - 1, d)
        : null;
  }

  /** The passage with Lucene id {@code doc} of the searcher's reader, loaded and analyzed once. */
  public Analyzed get(IndexSearcher searcher, int doc) throws IOException {
    Analyzed a = cached(doc);
    return a != null ? a : load(doc, searcher.storedFields().document(doc));
  }

  private Analyzed cached(int doc) {
    synchronized (entries) {
      return entries.get(doc);
    }
  }

  /** The passage stored as {@code d} under Lucene id {@code doc}, analyzed and kept. */
  private Analyzed load(int doc, Document d) {
    Source source = sources.get(d.get(Fields.ID));
    if (source == null) {
      throw new IllegalStateException("passage of unknown document " + d.get(Fields.ID));
    }
    Passage p = PassageIndexer.toPassage(d, source);
    Analyzed a = Analyzed.of(p, Analyzers.tokens(p.text()), Analyzers.tokens(p.context()));
    synchronized (entries) {
      entries.put(doc, a);
    }
    return a;
  }
}
