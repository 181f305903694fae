package org.astanaqa.retrieval.answer;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final List<String> MONTHS =
      List.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december");

  /**
   * A month by its name, or its usual abbreviation with a dot ("Sept.", "Oct."). "May" only beside
   * a day or a year, or after "in" ("in May", "3 May", "May 2017"), not the verb ("may help").
   */
  private static final Pattern MONTH =
      Pattern.compile(
          "\\b(January|February|March|April|June|July|August|September|October|November|December"
              + "|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.)"
              + "|(?<=\\bin\\s|\\d\\s|\\d\\s\\s)May\\b|\\bMay(?=\\s+\\d)",
          Pattern.CASE_INSENSITIVE);

  /**
   * A month that dates another event than the one asked about: "after the February round", "since
   * March", "before the December talks".
   */
  private static final Pattern OTHER_TIME =
      Pattern.compile(
          "\\b(?:after|before|since|until|till|following|prior\\s+to)\\s+(?:the\\s+)?\\p{L}+\\.?",
          Pattern.CASE_INSENSITIVE);

  /**
   * The question's month names (lower case) when {@code quote} names only other months, and its
   * document is dated in none of the question's; empty otherwise.
   *
   * @param dated the quote's document's date ("2017-05-03"), or null when unknown
   */
  public static Set<String> rivalled(String question, String quote, String dated) {
    Set<String> asked = months(OTHER_TIME.matcher(question).replaceAll(" "));
    // "May" is not searched (a question word, "may I ask"): the ranking does not prefer the
    // passages that say it, and its first passage may rival it where a later one does not
    asked.remove("may");
    if (asked.isEmpty()) {
      return Set.of();
    }
    Set<String> said = months(quote);
    if (said.isEmpty()) {
      return Set.of();
    }
    if (dated != null && dated.matches("\\d{4}-\\d{2}.*")) {
      int month = Integer.parseInt(dated.substring(5, 7));
      if (month >= 1 && month <= 12) {
        said.add(MONTHS.get(month - 1));
      }
    }
    for (String m : said) {
      if (asked.contains(m)) {
        return Set.of();
      }
    }
    return asked;
  }

  private static Set<String> months(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = MONTH.matcher(text);
    while (m.find()) {
      String found = m.group().toLowerCase(Locale.ROOT).replace(".", "");
      for (String month : MONTHS) {
        if (month.startsWith(found)) {
          out.add(month);
          break;
        }
      }
    }
    return out;
  }
}
