package org.astanaqa.retrieval;

import java.util.Locale;
import java.util.Objects;
import org.astanaqa.retrieval.answer.AnswerExtractor;

/**
 * The fact a question asks for (a date, a number, a name or a place), taken from one of the
 * answer's quotes, to be shown before the quote that proves it.
 *
 * <p>{@code quoted} always occurs verbatim in the quote at {@code answer}, at {@code [start, end)}:
 * a direct answer never says more than the corpus. {@code text} is what to display and is {@code
 * quoted} itself, except that a date the text gives without its year ("17 September") is completed
 * with the year of the document's date ("17 September 2018"), and that a day named by its distance
 * from the day of writing ("today", "yesterday") is the day the document's date gives ("3 May 2017"
 * for "today" in a report of 2017-05-03, {@link #namesDayOfWriting}); the year, or the date, then
 * comes from the document's metadata, not from the quote. A question for when and where gets the
 * date with the place the quote puts right beside it, typed as a date ("17 September 2018 in
 * Sochi", quoted "17 September in Sochi").
 *
 * @param text the answer as displayed
 * @param quoted the answer exactly as the quote writes it
 * @param type what kind of fact it is
 * @param confidence how likely the direct answer is right, in [0, 1]: the quote's confidence
 *     discounted by how closely the fact sits to the question's words and how many passages agree
 *     (a score tuned against labelled answers, not a fitted probability)
 * @param answer the index of the quote that holds it, in {@link Answer#quotes()}
 * @param start where {@code quoted} starts in that quote's text
 * @param end where it ends (exclusive)
 */
public record DirectAnswer(
    String text, String quoted, Type type, double confidence, int answer, int start, int end) {
  /** The kinds of fact a question can ask for. */
  public enum Type {
    DATE,
    NUMBER,
    PERSON,
    ORGANISATION,
    PLACE,
    /** The name something is called by, when the question asks for it ("what is X called"). */
    NAME;

    /** The lower-case name used in JSON ("date"). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DirectAnswer {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(quoted, "quoted");
    Objects.requireNonNull(type, "type");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
    }
    if (answer < 0 || start < 0 || end - start != quoted.length() || quoted.isBlank()) {
      throw new IllegalArgumentException(
          "bad direct answer \""
              + quoted
              + "\" at quote "
              + answer
              + " ["
              + start
              + ", "
              + end
              + ")");
    }
  }

  /**
   * Whether {@code quoted} is, or opens with, a day named by its distance from the day of writing
   * ("today", "yesterday", "tonight", "tomorrow"; "today in Astana" for "when and where"), so that
   * the displayed date is the document's.
   */
  public static boolean namesDayOfWriting(String quoted) {
    return org.astanaqa.retrieval.text.Facts.opensWithDayOfWriting(quoted);
  }

  /** The answer's place in its quote, for marking it. */
  public Span span() {
    return new Span(start, end);
  }

  /** The confidence from which a candidate is given as a direct answer. */
  public static final double MIN_CONFIDENCE = AnswerExtractor.MIN_CONFIDENCE;

  /**
   * SQuAD's answer normalization (lower case, no punctuation, no articles, single spaces), which
   * also decides when two candidates are the same answer.
   */
  public static String normalize(String s) {
    return AnswerExtractor.normalize(s);
  }
}
