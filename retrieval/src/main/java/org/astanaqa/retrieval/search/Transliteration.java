package org.astanaqa.retrieval.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Russian words in Latin letters, the ways English texts write Russian names: BGN/PCGN-like
 * ("Лаврентьев" -> "lavrentyev") with the common variants beside it ("lavrentiev", "lavrentev";
 * "дж" as "j" as well as "dzh", "х" as "h" as well as "kh"). Which variant the corpus uses is for
 * the caller to find out.
 */
public final class Transliteration {
  /** At most this many variants of one word. */
  private static final int MAX_VARIANTS = 24;

  /** Each letter's spellings, the usual first. */
  private static final Map<Character, List<String>> LETTERS =
      Map.ofEntries(
          Map.entry('а', List.of("a")),
          Map.entry('б', List.of("b")),
          Map.entry('в', List.of("v")),
          Map.entry('г', List.of("g")),
          Map.entry('д', List.of("d")),
          Map.entry('е', List.of("e", "ye")),
          Map.entry('ё', List.of("yo", "e")),
          Map.entry('ж', List.of("zh", "j")),
          Map.entry('з', List.of("z")),
          Map.entry('и', List.of("i")),
          Map.entry('й', List.of("y", "i", "")),
          Map.entry('к', List.of("k")),
          Map.entry('л', List.of("l")),
          Map.entry('м', List.of("m")),
          Map.entry('н', List.of("n")),
          Map.entry('о', List.of("o")),
          Map.entry('п', List.of("p")),
          Map.entry('р', List.of("r")),
          Map.entry('с', List.of("s")),
          Map.entry('т', List.of("t")),
          Map.entry('у', List.of("u")),
          Map.entry('ф', List.of("f")),
          Map.entry('х', List.of("kh", "h")),
          Map.entry('ц', List.of("ts", "c")),
          Map.entry('ч', List.of("ch")),
          Map.entry('ш', List.of("sh")),
          Map.entry('щ', List.of("shch", "sch")),
          Map.entry('ъ', List.of("")),
          Map.entry('ы', List.of("y")),
          Map.entry('ь', List.of("", "i")),
          Map.entry('э', List.of("e")),
          Map.entry('ю', List.of("yu", "iu")),
          Map.entry('я', List.of("ya", "ia")));

  private Transliteration() {}

  /** The word's Latin spellings, the usual first; empty for a word with no Cyrillic letter. */
  public static List<String> variants(String word) {
    String w = Glossary.normalize(word);
    List<String> out = new ArrayList<>(List.of(""));
    boolean cyrillic = false;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      List<String> options;
      if (c == 'д' && i + 1 < w.length() && w.charAt(i + 1) == 'ж') {
        options = List.of("dzh", "j");
        i++;
      } else if (c == 'к' && i + 1 < w.length() && w.charAt(i + 1) == 'с') {
        options = List.of("ks", "x"); // Александр: Aleksandr, Alexander
        i++;
      } else if (c == 'д' && i + 1 < w.length() && w.charAt(i + 1) == 'р' && i + 2 >= w.length()) {
        options = List.of("dr", "der"); // Александр: Alexander, as Western names end
        i++;
      } else if (c == 'ь' && i + 1 < w.length() && "еёюя".indexOf(w.charAt(i + 1)) >= 0) {
        // "Лаврентьев": the soft sign before a vowel is "y" (lavrentyev) or "i" (lavrentiev).
        options = List.of("y", "i", "");
        char v = w.charAt(++i);
        List<String> vowel = List.of(v == 'е' ? "e" : v == 'ё' ? "o" : v == 'ю' ? "u" : "a");
        options = concat(options, vowel);
      } else {
        options = LETTERS.get(c);
      }
      if (options == null) {
        options = List.of(String.valueOf(c));
      } else {
        cyrillic = true;
      }
      // "е" at the start of a word or after a vowel is "ye" in BGN; elsewhere "e".
      if (c == 'е' && i > 0 && "аеёиоуыэюя".indexOf(w.charAt(i - 1)) < 0) {
        options = List.of("e");
      }
      List<String> next = new ArrayList<>();
      for (String prefix : out) {
        for (String o : options) {
          if (next.size() < MAX_VARIANTS * 4) {
            next.add(prefix + o);
          }
        }
      }
      out = next;
    }
    if (!cyrillic) {
      return List.of();
    }
    Set<String> unique = new LinkedHashSet<>(out);
    return new ArrayList<>(unique).subList(0, Math.min(unique.size(), MAX_VARIANTS));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>();
    for (String x : a) {
      for (String y : b) {
        out.add(x + y);
      }
    }
    return out;
  }
}
