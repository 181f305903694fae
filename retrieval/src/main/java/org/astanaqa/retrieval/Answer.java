package org.astanaqa.retrieval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reply to one question: quotes, best first, or an honest "not found".
 *
 * @param question the question as asked
 * @param answered whether the corpus answers it; when false, {@code quotes} is empty
 * @param quotes the best quotes, each from a different passage, best first
 * @param terms the question's search terms after analysis (and typo correction), for display
 * @param confidence the probability that the first quote answers the question, in [0, 1]; when the
 *     answer is "not found", the best candidate's (0 when there was none)
 * @param direct the fact asked for, taken verbatim from one of the quotes, when the question asks
 *     for a date, number, name or place and one is found with enough confidence
 * @param resolved the one question answered in its place when it followed up on an earlier one
 *     ("and Iran?" after "When did Turkey join the talks?" -> "When did Iran join the talks?"), in
 *     the English it was searched in; empty when it was answered as asked
 */
public record Answer(
    String question,
    boolean answered,
    List<Quote> quotes,
    List<String> terms,
    double confidence,
    Optional<DirectAnswer> direct,
    Optional<String> resolved) {
  public Answer {
    Objects.requireNonNull(question, "question");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
    }
    quotes = List.copyOf(quotes);
    terms = List.copyOf(terms);
    if (answered == quotes.isEmpty()) {
      throw new IllegalArgumentException("an answer has quotes exactly when it is answered");
    }
    Objects.requireNonNull(direct, "direct");
    Objects.requireNonNull(resolved, "resolved");
    if (direct.isPresent()) {
      DirectAnswer d = direct.get();
      // Every direct answer must be visibly backed by the corpus: its text is in its quote.
      if (d.answer() >= quotes.size()
          || d.end() > quotes.get(d.answer()).text().length()
          || !quotes.get(d.answer()).text().startsWith(d.quoted(), d.start())) {
        throw new IllegalArgumentException(
            "direct answer \"" + d.quoted() + "\" is not in quote " + d.answer());
      }
    }
  }

  /** An answer to the question as asked (no follow-up resolved). */
  public Answer(
      String question,
      boolean answered,
      List<Quote> quotes,
      List<String> terms,
      double confidence,
      Optional<DirectAnswer> direct) {
    this(question, answered, quotes, terms, confidence, direct, Optional.empty());
  }

  /** An answer without a direct answer. */
  public Answer(
      String question,
      boolean answered,
      List<Quote> quotes,
      List<String> terms,
      double confidence) {
    this(question, answered, quotes, terms, confidence, Optional.empty(), Optional.empty());
  }

  /** An answer whose confidence is its first quote's (1 without quotes' own figures). */
  public Answer(String question, boolean answered, List<Quote> quotes, List<String> terms) {
    this(question, answered, quotes, terms, quotes.isEmpty() ? 0 : quotes.get(0).confidence());
  }

  static Answer notFound(String question, List<String> terms, double confidence) {
    return new Answer(question, false, List.of(), terms, confidence);
  }

  /** This answer, saying it answered {@code resolved} in the question's place (null: as asked). */
  Answer resolvedAs(String resolved) {
    return new Answer(
        question, answered, quotes, terms, confidence, direct, Optional.ofNullable(resolved));
  }
}
