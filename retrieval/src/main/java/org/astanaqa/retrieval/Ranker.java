package org.astanaqa.retrieval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

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

  static Set<String> termsOf(List<Analyzers.Token> tokens) {
    Set<String> s = new HashSet<>();
    for (Analyzers.Token t : tokens) {
      s.add(t.term());
    }
    return s;
  }

  static List<Candidate> rank(IndexSearcher searcher, QuestionQuery q, PassageCache cache, int candidates)
      throws IOException {
    TopDocs top = searcher.search(q.query, candidates);
    if (top.scoreDocs.length == 0) {
      return List.of();
    }
    double maxBm25 = top.scoreDocs[0].score;
    Map<String, Double> weights = q.weights();
    Map<String, String> heads = q.heads();
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    List<Candidate> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      PassageCache.Analyzed a = cache.get(searcher, sd.doc);
      Passage p = a.passage();
      List<Analyzers.Token> tokens = a.tokens();
      List<Analyzers.Token> titleTokens = a.titleTokens();
      Set<String> present = termsOf(tokens);
      Set<String> title = termsOf(titleTokens);
      double own = 0;
      double fromTitle = 0;
      for (Map.Entry<String, Double> e : weights.entrySet()) {
        String head = heads.get(e.getKey());
        if (present.contains(e.getKey())) {
          own += e.getValue();
          continue;
        }
        double headCredit = head != null && present.contains(head) ? HEAD_CREDIT * e.getValue() : 0;
        own += headCredit;
        if (title.contains(e.getKey())) {
          fromTitle += TITLE_CONTEXT * e.getValue() - headCredit;
        }
      }
      double coverage = total > 0 ? (own + fromTitle) / total : 0;
      double ownCoverage = total > 0 ? own / total : 0;
      QuoteSelector.Selection quote = QuoteSelector.select(p.text(), tokens, titleTokens, q);
      double score = W_BM25 * sd.score / maxBm25 + W_COVERAGE * coverage + W_QUOTE * quote.score();
      out.add(new Candidate(p, tokens, coverage, ownCoverage, quote, score));
    }
    out.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return out;
  }
}
