package org.astanaqa.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * The one or two sentences of a passage that best answer a question.
 *
 * @param text the quoted sentences, verbatim from {@link Passage#text()}
 * @param offset where {@code text} starts in the passage's text (a sentence may occur there twice)
 * @param matched the ranges of {@code text} whose words match the question, in order
 * @param passage the full passage the quote was taken from
 * @param score the passage's ranking score (higher is better; comparable within one answer)
 * @param similarity the passage's cosine similarity to the question in the hybrid mode; null in the
 *     BM25 mode
 * @param confidence the probability that this quote answers the question, in [0, 1]
 */
public record Quote(
    String text,
    int offset,
    List<Span> matched,
    Passage passage,
    double score,
    Double similarity,
    double confidence) {
  public Quote {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(passage, "passage");
    if (offset < 0 || !passage.text().startsWith(text, offset)) {
      throw new IllegalArgumentException("the quote is not the passage's text at " + offset);
    }
    matched = List.copyOf(matched);
    for (Span s : matched) {
      if (s.end() > text.length()) {
        throw new IllegalArgumentException("span " + s + " is outside the quote");
      }
    }
  }

  /** A quote whose confidence is not known: 1, as a quote a person chose would be. */
  public Quote(
      String text,
      int offset,
      List<Span> matched,
      Passage passage,
      double score,
      Double similarity) {
    this(text, offset, matched, passage, score, similarity, 1);
  }

  /** The document the quote comes from. */
  public Source source() {
    return passage.source();
  }
}
