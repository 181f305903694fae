package org.astanaqa.retrieval.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.astanaqa.retrieval.Span;

/**
 * Splits prose into sentences. A rule-based splitter rather than {@link java.text.BreakIterator}
 * because the JDK's iterator breaks after "Mr." in "Mr. de Mistura", which the UN records are full
 * of.
 */
public final class Sentences {
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "no", "nos", "vol", "gen", "col", "lt",
          "sen", "rep", "gov", "mt", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "u.s",
          "u.n", "u.k", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec", "art", "para", "paras", "fig", "approx", "cf", "al", "h.e");

  private Sentences() {}

  /** Sentence ranges {@code [start, end)} of {@code text}, trimmed of surrounding spaces. */
  public static List<Span> split(String text) {
    List<Span> out = new ArrayList<>();
    int n = text.length();
    int start = skipSpaces(text, 0);
    for (int i = start; i < n; i++) {
      char c = text.charAt(i);
      if (c != '.' && c != '!' && c != '?') {
        continue;
      }
      int end = i + 1;
      while (end < n && isCloser(text.charAt(end))) {
        end++;
      }
      if (end >= n || !Character.isWhitespace(text.charAt(end))) {
        continue;
      }
      int next = skipSpaces(text, end);
      if (next >= n || !startsSentence(text.charAt(next))) {
        continue;
      }
      if (c == '.' && isAbbreviation(text, start, i)) {
        continue;
      }
      add(out, text, start, end);
      start = next;
      i = next - 1;
    }
    add(out, text, start, n);
    return out;
  }

  /** Below this many words, a line without closing punctuation is a label, not a sentence. */
  static final int LABEL_WORDS = 10;

  /**
   * Whether {@code [start, end)} reads as a sentence that can be quoted: at least two words in
   * lower case, and closing punctuation unless it is long. Headings, "All news", a byline or a
   * dateline ("date 2017-02-18 ASTANA.") are not.
   */
  static boolean isProse(String text, int start, int end) {
    int lowerWords = 0;
    boolean lower = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        lower = false;
      } else if (!lower && Character.isLowerCase(c)) {
        lower = true;
        lowerWords++;
      }
    }
    if (lowerWords < 2) {
      return false;
    }
    int last = end - 1;
    while (last > start && isCloser(text.charAt(last))) {
      last--;
    }
    char c = text.charAt(last);
    boolean closed = c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '\u2026';
    return closed || wordCount(text, start, end) >= LABEL_WORDS;
  }

  /** Words in a piece of text, counted as runs of non-space characters. */
  public static int wordCount(String text, int start, int end) {
    int words = 0;
    boolean inWord = false;
    for (int i = start; i < end; i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  private static void add(List<Span> out, String text, int start, int end) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new Span(start, end));
    }
  }

  private static boolean isAbbreviation(String text, int sentenceStart, int dot) {
    int w = dot;
    while (w > sentenceStart && !Character.isWhitespace(text.charAt(w - 1))) {
      w--;
    }
    String word = text.substring(w, dot).toLowerCase(Locale.ROOT);
    while (!word.isEmpty() && !Character.isLetterOrDigit(word.charAt(0))) {
      word = word.substring(1);
    }
    if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
      return true; // an initial, as in "John F. Kennedy"
    }
    return ABBREVIATIONS.contains(word);
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201d' || c == '\u2019';
  }

  private static boolean startsSentence(char c) {
    return Character.isUpperCase(c)
        || Character.isDigit(c)
        || c == '"'
        || c == '\u201c'
        || c == '\u2018'
        || c == '('
        || c == '['
        || Character.isLetter(c) && !Character.isLowerCase(c);
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
