package org.astanaqa.retrieval.answer;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a quote dates what it says to another year than the question asks about: "On which day in
 * December 2015 was resolution 2254 adopted?" and "the ceasefire regime brokered ... in late
 * December 2016" share the month and the words, not the year. The question names a year, the quote
 * names years and none of them, nor its document's year, is the question's; a reader sees at once
 * that it speaks of another time.
 */
public final class RivalYears {
  private RivalYears() {}

  private static final Pattern YEAR = Pattern.compile("\\b(?:19|20)\\d{2}\\b");

  /**
   * The question's years when {@code quote} names only other years; empty otherwise. The year of
   * the quote's document counts as one it names: "the latest round wrapped up in late March" in a
   * report of May 2017 speaks of 2017.
   *
   * @param dated the quote's document's date ("2017-05-03"), or null when unknown
   */
  public static Set<String> rivalled(String question, String quote, String dated) {
    Set<String> asked = years(question);
    if (asked.isEmpty()) {
      return Set.of();
    }
    Set<String> said = years(quote);
    if (said.isEmpty()) {
      return Set.of();
    }
    if (dated != null) {
      said.addAll(years(dated));
    }
    for (String y : said) {
      if (asked.contains(y)) {
        return Set.of();
      }
    }
    return asked;
  }

  private static Set<String> years(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = YEAR.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
