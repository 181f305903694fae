package org.astanaqa.retrieval.text;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** English ordinal words, "first" to "twentieth", and the numbers they stand for. */
public final class Ordinals {
  private Ordinals() {}

  private static final Map<String, Integer> NUMBERS = numbers();

  private static Map<String, Integer> numbers() {
    String[] words = {
      "first",
      "second",
      "third",
      "fourth",
      "fifth",
      "sixth",
      "seventh",
      "eighth",
      "ninth",
      "tenth",
      "eleventh",
      "twelfth",
      "thirteenth",
      "fourteenth",
      "fifteenth",
      "sixteenth",
      "seventeenth",
      "eighteenth",
      "nineteenth",
      "twentieth"
    };
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < words.length; i++) {
      out.put(words[i], i + 1);
    }
    return Map.copyOf(out);
  }

  /** The number an ordinal word (any case) stands for: 8 for "eighth"; null for another word. */
  public static Integer number(String word) {
    return NUMBERS.get(word.toLowerCase(Locale.ROOT));
  }

  /** An ordinal in figures, "7th", "21ST", with its number as a group. */
  private static final Pattern FIGURES =
      Pattern.compile("(\\d{1,3})(?:st|nd|rd|th)", Pattern.CASE_INSENSITIVE);

  /**
   * The number an ordinal stands for, in words or in figures: 8 for "eighth" or "8th"; null for
   * another word.
   */
  public static Integer ordinal(String word) {
    Integer n = number(word);
    if (n != null) {
      return n;
    }
    Matcher m = FIGURES.matcher(word);
    return m.matches() ? Integer.parseInt(m.group(1)) : null;
  }
}
