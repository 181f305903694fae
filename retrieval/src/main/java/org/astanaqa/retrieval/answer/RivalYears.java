package org.astanaqa.retrieval.answer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.text.Facts;

/**
 * Whether a quote dates what it says to another year than the question asks about: "On which day in
 * December 2015 was resolution 2254 adopted?" and "the ceasefire regime brokered ... in late
 * December 2016" share the month and the words, not the year. The question names a year, and
 * neither the years the quote names nor its document's year is the question's (a quote that names
 * no year speaks of its document's year); a reader sees at once that it speaks of another time.
 */
public final class RivalYears {
  private RivalYears() {}

  /** A year of the last two centuries, as a group. */
  private static final String Y = "((?:19|20)\\d{2})";

  private static final Pattern YEAR = Pattern.compile("\\b" + Y + "\\b");

  /**
   * A span of years the question asks about: "between 2016 and 2018", "from 2016 to 2018",
   * "2016-2018", "2017-18". Any year inside it is the question's.
   */
  private static final Pattern SPAN =
      Pattern.compile(
          "\\b(?:between\\s+"
              + Y
              + "\\s+and\\s+"
              + Y
              + "|"
              + Y
              + "\\s*(?:[-\u2013\u2014/]|\\bto\\b|\\buntil\\b|\\btill\\b|\\bthrough\\b)\\s*((?:19|20)?\\d{2})"
              + ")\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * A year that opens or closes what the question asks about: "since 2016", "after December 2016",
   * "before the end of 2018", "until 2018".
   */
  private static final Pattern OPEN_SPAN =
      Pattern.compile(
          "\\b(since|after|before|until|till|by|prior\\s+to)\\s+(?:[\\p{L}\\-]+\\s+){0,3}?"
              + Y
              + "\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * A question on a resolution itself, whose year is then its own: "when was resolution ...", "the
   * 2015 Security Council text", "the 2015 document". Not "the Security Council" alone, which a
   * question on what was said there names.
   */
  private static final Pattern CITES_RESOLUTION =
      Pattern.compile("\\b(?:resolutions?|texts?|documents?)\\b", Pattern.CASE_INSENSITIVE);

  /** Whether {@code question} asks about a resolution, whose cited year is then its answer. */
  public static boolean citesResolution(String question) {
    return CITES_RESOLUTION.matcher(question).find();
  }

  /**
   * The question's years when {@code quote} speaks only of other years; empty otherwise. The year
   * of the quote's document counts as one it names: "the latest round wrapped up in late March" in
   * a report of May 2017 speaks of 2017. A year inside a span the question asks about ("between
   * 2016 and 2018", "since 2016") is the question's.
   *
   * @param dated the quote's document's date ("2017-05-03"), or null when unknown
   */
  public static Set<String> rivalled(String question, String quote, String dated) {
    Set<String> asked = years(question);
    if (asked.isEmpty()) {
      return Set.of();
    }
    // "resolution 2254 (2015)" dates the resolution cited, not what the quote tells, unless the
    // question asks about a resolution
    Set<String> said =
        citesResolution(question) ? years(quote) : years(Facts.withoutCitedResolutions(quote));
    if (dated != null) {
      said.addAll(years(dated));
    }
    if (said.isEmpty()) {
      return Set.of();
    }
    List<int[]> spans = spans(question);
    for (String y : said) {
      if (asked.contains(y)) {
        return Set.of();
      }
      int year = Integer.parseInt(y);
      for (int[] span : spans) {
        if (span[0] <= year && year <= span[1]) {
          return Set.of();
        }
      }
    }
    return asked;
  }

  /** The spans of years {@code question} asks about, each as its first and last year. */
  private static List<int[]> spans(String question) {
    List<int[]> out = new ArrayList<>();
    Matcher m = SPAN.matcher(question);
    while (m.find()) {
      int from = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
      String end = m.group(1) != null ? m.group(2) : m.group(4);
      int to = end.length() == 2 ? from / 100 * 100 + Integer.parseInt(end) : Integer.parseInt(end);
      if (to > from) {
        out.add(new int[] {from, to});
      }
    }
    Matcher open = OPEN_SPAN.matcher(question);
    while (open.find()) {
      String word = open.group(1).toLowerCase(Locale.ROOT);
      int year = Integer.parseInt(open.group(2));
      boolean onward = word.equals("since") || word.equals("after");
      out.add(onward ? new int[] {year, Integer.MAX_VALUE} : new int[] {Integer.MIN_VALUE, year});
    }
    return out;
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
