package org.astanaqa.retrieval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * Ranks passages for a question: BM25 with proximity clauses finds candidates, which are then
 * re-ranked by how much of the question they cover and how well their best quote answers it.
 */
final class Ranker {
  /** Weights of the re-ranking features; measured on the project's question set. */
  static final double W_BM25 = 0.15;

  static final double W_COVERAGE = 0.45;
  static final double W_QUOTE = 0.4;

  /**
   * A question word found only in the document's title counts for this share of its weight: the
   * title is read as context of every passage, as if it were written before each of them.
   */
  static final double TITLE_CONTEXT = 1.0;

  /** A compound question word ("airstrikes") written apart ("strikes") counts this much. */
  static final double HEAD_CREDIT = 0.5;

  /**
   * A candidate passage with its features.
   *
   * @param passage the passage
   * @param tokens its analyzed tokens
   * @param coverage IDF-weighted share of the question's terms the passage contains, reading the
   *     document's title as its context
   * @param ownCoverage the same share counting the passage's own words only
   * @param quote the passage's best quote
   * @param score the re-ranking score
   */
  record Candidate(
      Passage passage, List<Analyzers.Token> tokens, double coverage, double ownCoverage,
      QuoteSelector.Selection quote,
      double score) {
    Set<String> termSet() {
      Set<String> s = new HashSet<>();
      for (Analyzers.Token t : tokens) {
        s.add(t.term());
      }
      return s;
    }
  }

  private Ranker() {}

  static List<Candidate> rank(IndexSearcher searcher, QuestionQuery q, PassageCache cache, int candidates)
      throws IOException {
    ScoreDoc[] hits = searcher.search(q.query, candidates).scoreDocs;
    return rank(searcher, q, cache, hits, hits.length);
  }

  /** Re-ranks the first {@code n} of {@code hits}, already searched with {@code q.query}. */
  static List<Candidate> rank(IndexSearcher searcher, QuestionQuery q, PassageCache cache, ScoreDoc[] hits, int n)
      throws IOException {
    if (hits.length == 0 || n == 0) {
      return List.of();
    }
    double maxBm25 = hits[0].score;
    double total = q.totalWeight;
    List<Candidate> out = new ArrayList<>(Math.min(n, hits.length));
    for (int h = 0; h < Math.min(n, hits.length); h++) {
      PassageCache.Analyzed a = cache.get(searcher, hits[h].doc);
      List<Analyzers.Token> tokens = a.tokens();
      boolean[] present = q.present(tokens, 0, tokens.size());
      QuoteSelector.Context context = QuoteSelector.Context.of(a.titleTokens(), q);
      double own = 0;
      double fromTitle = 0;
      for (int i = 0; i < present.length; i++) {
        if (present[i]) {
          own += q.weight[i];
          continue;
        }
        double headCredit = q.head[i] != null && containsTerm(tokens, q.head[i]) ? HEAD_CREDIT * q.weight[i] : 0;
        own += headCredit;
        if (context.terms()[i]) {
          fromTitle += TITLE_CONTEXT * q.weight[i] - headCredit;
        }
      }
      double coverage = total > 0 ? (own + fromTitle) / total : 0;
      double ownCoverage = total > 0 ? own / total : 0;
      QuoteSelector.Selection quote = QuoteSelector.select(a, context, q);
      double score = W_BM25 * hits[h].score / maxBm25 + W_COVERAGE * coverage + W_QUOTE * quote.score();
      out.add(new Candidate(a.passage(), tokens, coverage, ownCoverage, quote, score));
    }
    out.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return out;
  }

  private static boolean containsTerm(List<Analyzers.Token> tokens, String term) {
    for (Analyzers.Token t : tokens) {
      if (t.term().equals(term)) {
        return true;
      }
    }
    return false;
  }
}
