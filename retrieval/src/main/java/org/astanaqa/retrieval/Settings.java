package org.astanaqa.retrieval;

import java.util.List;
import org.astanaqa.retrieval.search.Glossary;

/**
 * Tunables of retrieval and answering. {@link #defaults()} holds the values measured best on the
 * project's own question set (see the README for the numbers).
 *
 * @param topN answers to return at most
 * @param k1 BM25 term-frequency saturation
 * @param b BM25 length normalization
 * @param minCoverage share of the question (IDF-weighted) that a further quote (after the first)
 *     must cover, over {@code 0.75}, in (0, 1]; whether a question is answered at all is {@code
 *     minConfidence}'s
 * @param candidates passages taken from Lucene before re-ranking
 * @param maxQueryTerms terms of a question kept at most, so no question makes a search expensive
 * @param denseWeight hybrid mode: the share of the ranking given to meaning (the vector search)
 *     against words (BM25, coverage, quote), in [0, 1]
 * @param minConfidence the probability (of the fitted confidence model) from which the first quote
 *     is given as an answer; below it the reply is "not found"; null for the threshold stored with
 *     the model's fitted weights
 * @param aliasGroups groups of words that mean the same in questions about the corpus, added to the
 *     built-in ones ({@code aliases.txt})
 * @param directAnswers whether answers lead with the date, name, number or place asked for ({@link
 *     DirectAnswer}); off by default until it holds on held-out questions (README)
 * @param glossary lines of Russian-English glossary entries ("russian = english") added to the
 *     built-in ones ({@code glossary-ru.txt})
 */
public record Settings(
    int topN,
    double k1,
    double b,
    double minCoverage,
    int candidates,
    int maxQueryTerms,
    double denseWeight,
    Double minConfidence,
    List<List<String>> aliasGroups,
    boolean directAnswers,
    List<String> glossary) {
  public Settings {
    require(topN >= 1 && topN <= 20, "topN must be between 1 and 20, was " + topN);
    require(k1 > 0 && k1 <= 5, "k1 must be in (0, 5], was " + k1);
    require(b >= 0 && b <= 1, "b must be in [0, 1], was " + b);
    require(
        minCoverage > 0 && minCoverage <= 1, "minCoverage must be in (0, 1], was " + minCoverage);
    require(candidates >= topN, "candidates must be at least topN, was " + candidates);
    require(
        maxQueryTerms >= 1 && maxQueryTerms <= 256,
        "maxQueryTerms must be between 1 and 256, was " + maxQueryTerms);
    require(
        denseWeight >= 0 && denseWeight <= 1, "denseWeight must be in [0, 1], was " + denseWeight);
    require(
        minConfidence == null || minConfidence >= 0 && minConfidence <= 1,
        "minConfidence must be in [0, 1], was " + minConfidence);
    aliasGroups = aliasGroups == null ? List.of() : aliasGroups.stream().map(List::copyOf).toList();
    glossary = glossary == null ? List.of() : List.copyOf(glossary);
    Glossary.parse(glossary, "retrieval.glossary"); // a bad line fails here, naming itself
  }

  /** The measured defaults. */
  public static Settings defaults() {
    return new Settings(3, 0.9, 0.4, 0.6, 30, 32, 0.5, null, List.of(), false, List.of());
  }

  /** These settings with direct answers on or off. */
  public Settings withDirectAnswers(boolean on) {
    return new Settings(
        topN,
        k1,
        b,
        minCoverage,
        candidates,
        maxQueryTerms,
        denseWeight,
        minConfidence,
        aliasGroups,
        on,
        glossary);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
