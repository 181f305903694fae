package org.astanaqa.retrieval.answer;

import java.time.Month;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.index.DocumentDates;

/**
 * Whether a quote dates what it says to another month than the question asks about: "When was the
 * Astana meeting in October 2017?" and "On February 15-16, 2017 the city of Astana hosted the
 * regular high-level meeting" share the year and the words, not the month. The question names a
 * month, the quote names one or more months, and none of them, nor its document's month, is the
 * question's; a quote that names no month is left to its document's date ({@link
 * org.astanaqa.retrieval.search.QuestionQuery#markDateline}), as {@link RivalYears} leaves years.
 */
public final class RivalMonths {
  private RivalMonths() {}

  /** A month's name or its usual abbreviation with a dot ("Sept.", "Oct."), as a group. */
  private static final String NAME =
      "(January|February|March|April|June|July|August|September|October|November|December"
          + "|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.)";

  /**
   * A month as a quote writes it: with its capital ("a protest march" is none), "May" only beside a
   * day or a year ("3 May", "May 2017"), not the verb ("Talks may resume", "30 may have died").
   */
  private static final Pattern QUOTE_MONTH =
      Pattern.compile(
          "\\b"
              + NAME
              + "(?!\\p{L})|(?<![\\d,.])\\b\\d{1,2}\\s+(May)\\b|\\b(May)(?=\\s+\\d{4}\\b)");

  /**
   * A month as a question writes it, in any case (a Russian question's English is lower case), but
   * "march" and "august", which are words too ("the march on Damascus"), only with a capital, or
   * before a number, or after "in", "of" or "by". "May" is never one: it is not searched ("may I
   * ask"), so the ranking does not prefer the passages that say it, and its first passage may rival
   * it where a later one does not.
   */
  private static final Pattern QUESTION_MONTH =
      Pattern.compile(
          "\\b(?!(?i:march|august)\\b)(?i:"
              + NAME
              + ")(?!\\p{L})|\\b(March|August)\\b|\\b((?i:march|august))(?=\\s+\\d)"
              + "|(?<=\\b(?i:in|of|by)\\s)((?i:march|august))\\b");

  /**
   * A month that dates another event than the one asked about, or bounds a span: "after the
   * February round", "before the end of March 2017", "since March", "from January to March".
   */
  private static final Pattern OTHER_TIME =
      Pattern.compile(
          "\\b(?:after|before|since|until|till|following|between|from|prior\\s+to)\\s+"
              + "(?:[\\p{L}'\\-]+\\s+){0,3}?"
              + NAME
              + "(?!\\p{L})",
          Pattern.CASE_INSENSITIVE);

  /**
   * The question's month names (lower case) when {@code quote} names only other months, and its
   * document is dated in none of the question's; empty otherwise, and when the question names two
   * months or more (a span, "between January and March").
   *
   * @param dated the quote's document's date ("2017-05-03"), or null when unknown
   */
  public static Set<String> rivalled(String question, String quote, String dated) {
    Set<String> asked = months(QUESTION_MONTH, OTHER_TIME.matcher(question).replaceAll(" "));
    if (asked.size() != 1 || months(QUESTION_MONTH, question).size() != 1) {
      return Set.of();
    }
    Set<String> said = months(QUOTE_MONTH, quote);
    if (said.isEmpty()) {
      return Set.of();
    }
    int month = DocumentDates.month(dated);
    if (month > 0) {
      said.add(name(Month.of(month)));
    }
    return said.containsAll(asked) ? Set.of() : asked;
  }

  private static Set<String> months(Pattern pattern, String text) {
    Set<String> out = new HashSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      String found = null;
      for (int g = 1; g <= m.groupCount() && found == null; g++) {
        found = m.group(g);
      }
      String word = found.toLowerCase(Locale.ROOT).replace(".", "");
      for (Month month : Month.values()) {
        if (name(month).startsWith(word)) {
          out.add(name(month));
          break;
        }
      }
    }
    return out;
  }

  private static String name(Month month) {
    return month.name().toLowerCase(Locale.ROOT);
  }
}
