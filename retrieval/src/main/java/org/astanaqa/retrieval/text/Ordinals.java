package org.astanaqa.retrieval.text;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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
}
