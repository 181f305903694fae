package org.astanaqa.retrieval.index;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.Source;

/**
 * The months in which the documents are dated by their metadata, with how many documents each
 * dates, and the years they are dated in. A report's dateline ("ASTANA, October 30./TASS/.") is no
 * passage, so the only "October" of a corpus may be in its documents' dates ({@code
 * QuestionQuery}).
 */
public final class DocumentDates {
  /** No document dated. */
  public static final DocumentDates NONE = new DocumentDates(Map.of(), Set.of());

  private final Map<Integer, Integer> documentsByMonth;

  private final Set<Integer> years;

  /**
   * A metadata date with its year, and with its month: compiled once, as the ranking reads a
   * passage's date for each of its quotes weighed ({@code QuestionQuery#markDated}).
   */
  private static final Pattern YEAR = Pattern.compile("\\d{4}(?:-.*)?");

  private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}(?:-.*)?");

  private DocumentDates(Map<Integer, Integer> byMonth, Set<Integer> years) {
    this.documentsByMonth = Map.copyOf(byMonth);
    this.years = Set.copyOf(years);
  }

  /** The months {@code sources} are dated in. */
  public static DocumentDates of(Collection<Source> sources) {
    Map<Integer, Integer> byMonth = new HashMap<>();
    Set<Integer> years = new HashSet<>();
    for (Source s : sources) {
      if (month(s.date()) > 0) {
        byMonth.merge(month(s.date()), 1, Integer::sum);
      }
      if (year(s.date()) > 0) {
        years.add(year(s.date()));
      }
    }
    return new DocumentDates(byMonth, years);
  }

  /** How many documents are dated in {@code month} (1-12). */
  public int documentsInMonth(int month) {
    return documentsByMonth.getOrDefault(month, 0);
  }

  /** Whether a document is dated in {@code year}. */
  public boolean datesYear(int year) {
    return years.contains(year);
  }

  public boolean isEmpty() {
    return documentsByMonth.isEmpty();
  }

  /** The year of a metadata date ("2017-10-30", "2018-09", "2017"), or 0 when it has none. */
  public static int year(String date) {
    return date != null && YEAR.matcher(date).matches()
        ? Integer.parseInt(date.substring(0, 4))
        : 0;
  }

  /** The month (1-12) of a metadata date ("2017-10-30", "2018-09"), or 0 when it has none. */
  public static int month(String date) {
    if (date == null || !YEAR_MONTH.matcher(date).matches()) {
      return 0;
    }
    int m = Integer.parseInt(date.substring(5, 7));
    return m >= 1 && m <= 12 ? m : 0;
  }
}
