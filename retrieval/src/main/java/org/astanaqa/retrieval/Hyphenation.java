package org.astanaqa.retrieval;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Joins a line broken at its end onto the text before it, repairing a word split by a hyphen at the
 * line end ("negoti-" + "ations") and keeping the hyphen of a compound split there ("de-" +
 * "escalation" stays "de-escalation").
 */
final class Hyphenation {
  /** Prefixes written with a hyphen before a word ("de-escalation", "non-aligned"). */
  private static final Set<String> PREFIXES =
      Set.of(
          "de", "non", "self", "anti", "ex", "post", "pre", "multi", "cross", "counter", "vice",
          "semi", "co", "re", "well", "inter", "intra", "sub", "mid", "neo", "pan", "ultra");

  private Hyphenation() {}

  /** Appends {@code next} to {@code text}: after a space, or directly after a line-end hyphen. */
  static void join(StringBuilder text, String next, String document) {
    int len = text.length();
    if (len >= 2
        && text.charAt(len - 1) == '-'
        && Character.isLetter(text.charAt(len - 2))
        && !next.isEmpty()
        && Character.isLowerCase(next.charAt(0))) {
      String head = lastWord(text, len - 1);
      String tail = firstWord(next);
      if (!keepsHyphen(head, tail, document)) {
        text.setLength(len - 1);
      }
      text.append(next);
      return;
    }
    text.append(' ').append(next);
  }

  /**
   * True for a compound: the document writes it with its hyphen inside a line and never as one
   * word, or the joined word is no English word while its parts are a compound prefix ("de",
   * "self") and a word ("escalation", "determination"). A split word joins into a known word
   * ("negotiations"), or its tail is a fragment ("ations").
   */
  static boolean keepsHyphen(String head, String tail, String document) {
    String joined = (head + tail).toLowerCase(Locale.ROOT);
    boolean hyphenatedElsewhere =
        Pattern.compile("\\b" + Pattern.quote(head + "-" + tail) + "\\b", Pattern.CASE_INSENSITIVE)
            .matcher(document)
            .find();
    boolean joinedElsewhere =
        Pattern.compile("\\b" + Pattern.quote(head + tail) + "\\b", Pattern.CASE_INSENSITIVE)
            .matcher(document)
            .find();
    if (hyphenatedElsewhere != joinedElsewhere) {
      return hyphenatedElsewhere;
    }
    if (EnglishWords.contains(joined)) {
      return false;
    }
    return PREFIXES.contains(head.toLowerCase(Locale.ROOT))
        && tail.length() >= 4
        && (EnglishWords.contains(tail)
            || EnglishWords.contains(tail.replaceAll("(ion|ions|s)$", "")));
  }

  /** The run of letters that ends at {@code end}. */
  static String lastWord(CharSequence s, int end) {
    int i = end;
    while (i > 0 && Character.isLetter(s.charAt(i - 1))) {
      i--;
    }
    return s.subSequence(i, end).toString();
  }

  /** The run of letters that starts {@code s}. */
  static String firstWord(String s) {
    int i = 0;
    while (i < s.length() && Character.isLetter(s.charAt(i))) {
      i++;
    }
    return s.substring(0, i);
  }
}
