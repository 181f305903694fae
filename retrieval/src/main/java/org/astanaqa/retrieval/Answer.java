package org.astanaqa.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * The reply to one question: quotes, best first, or an honest "not found".
 *
 * @param question the question as asked
 * @param answered whether the corpus answers it; when false, {@code quotes} is empty
 * @param quotes the best quotes, each from a different passage, best first
 * @param terms the question's search terms after analysis (and typo correction), for display
 */
public record Answer(String question, boolean answered, List<Quote> quotes, List<String> terms) {
  public Answer {
    Objects.requireNonNull(question, "question");
    quotes = List.copyOf(quotes);
    terms = List.copyOf(terms);
    if (answered == quotes.isEmpty()) {
      throw new IllegalArgumentException("an answer has quotes exactly when it is answered");
    }
  }

  static Answer notFound(String question, List<String> terms) {
    return new Answer(question, false, List.of(), terms);
  }
}
