package org.astanaqa.retrieval.corpus;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Joins a line broken at its end onto the text before it, repairing a word split by a hyphen at the
 * line end ("negoti-" + "ations") and keeping the hyphen of a compound split there ("de-" +
 * "escalation" stays "de-escalation").
 */
public final class Hyphenation {
  /** Prefixes written with a hyphen before a word ("de-escalation", "non-aligned"). */
  private static final Set<String> PREFIXES =
      Set.of(
          "de", "non", "self", "anti", "ex", "post", "pre", "multi", "cross", "counter", "vice",
          "semi", "co", "re", "well", "inter", "intra", "sub", "mid", "neo", "pan", "ultra");

  private Hyphenation() {}

  /**
   * How one document writes the words it splits at its line ends, found in two passes over its
   * text: the first collects the split pairs ("negoti-" + "ations"), the second looks for each
   * written whole ("negotiations") or with its hyphen inside a line ("de-escalation"). Asking is a
   * look-up, so a document is read twice however many of its lines end in a hyphen, and memory
   * holds the split words only, not the document's vocabulary. Case is ignored.
   */
  public static final class Evidence {
    /** "headtail" and "head-tail" of every split pair, in lower case. */
    private final Set<String> wanted = new HashSet<>();

    private final Set<String> found = new HashSet<>();
    private int shortest = Integer.MAX_VALUE;
    private int longest;

    private Evidence() {}

    public static Evidence of(CharSequence document) {
      Evidence e = new Evidence();
      e.collectSplitPairs(document);
      if (!e.wanted.isEmpty()) {
        e.findWritten(document);
      }
      return e;
    }

    /** Whether the document writes "head-tail" with its hyphen, inside a line. */
    public boolean hyphenated(String head, String tail) {
      return found.contains(lower(head) + "-" + lower(tail));
    }

    /** Whether the document writes "headtail" as one word. */
    public boolean joined(String head, String tail) {
      return found.contains(lower(head + tail));
    }

    /** A line ending in a letter and a hyphen, followed by a line that starts in lower case. */
    private void collectSplitPairs(CharSequence text) {
      int n = text.length();
      int start = 0;
      while (start < n) {
        int end = start;
        while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
          end++;
        }
        int next =
            end + 1 < n && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n'
                ? end + 2
                : end + 1;
        int last = end;
        while (last > start && Character.isWhitespace(text.charAt(last - 1))) {
          last--;
        }
        if (last - start >= 2
            && text.charAt(last - 1) == '-'
            && Character.isLetter(text.charAt(last - 2))) {
          int a = next;
          while (a < n
              && text.charAt(a) != '\n'
              && text.charAt(a) != '\r'
              && Character.isWhitespace(text.charAt(a))) {
            a++;
          }
          if (a < n && Character.isLowerCase(text.charAt(a))) {
            String head = lower(lastWord(text, last - 1));
            StringBuilder tail = new StringBuilder();
            for (int i = a; i < n && Character.isLetter(text.charAt(i)); i++) {
              tail.append(Character.toLowerCase(text.charAt(i)));
            }
            want(head + tail);
            want(head + "-" + tail);
          }
        }
        start = next;
      }
    }

    private void want(String key) {
      wanted.add(key);
      shortest = Math.min(shortest, key.length());
      longest = Math.max(longest, key.length());
    }

    /**
     * Reads the document's words (runs of letters, digits and '_', as the regex {@code \b} sees
     * them) once, noting each wanted word and each wanted pair of words joined by one hyphen.
     */
    private void findWritten(CharSequence text) {
      StringBuilder word = new StringBuilder();
      String previous = null; // the word just before a hyphen, while the next one is read
      int n = text.length();
      for (int i = 0; i <= n; i++) {
        char c = i < n ? text.charAt(i) : ' ';
        if (Character.isLetterOrDigit(c) || c == '_') {
          word.append(Character.toLowerCase(c));
          continue;
        }
        if (word.length() > 0) {
          String w = word.length() <= longest ? word.toString() : null;
          if (w != null && w.length() >= shortest && wanted.contains(w)) {
            found.add(w);
          }
          if (previous != null && w != null) {
            String pair = previous + "-" + w;
            if (wanted.contains(pair)) {
              found.add(pair);
            }
          }
          previous = c == '-' ? w : null;
          word.setLength(0);
        } else {
          previous = null;
        }
      }
    }

    private static String lower(CharSequence s) {
      StringBuilder sb = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        sb.append(Character.toLowerCase(s.charAt(i)));
      }
      return sb.toString();
    }
  }

  /** Appends {@code next} to {@code text}: after a space, or directly after a line-end hyphen. */
  static void join(StringBuilder text, String next, Evidence document) {
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
  public static boolean keepsHyphen(String head, String tail, Evidence document) {
    String joined = (head + tail).toLowerCase(Locale.ROOT);
    boolean hyphenatedElsewhere = document.hyphenated(head, tail);
    boolean joinedElsewhere = document.joined(head, tail);
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
  public static String lastWord(CharSequence s, int end) {
    int i = end;
    while (i > 0 && Character.isLetter(s.charAt(i - 1))) {
      i--;
    }
    return s.subSequence(i, end).toString();
  }

  /** The run of letters that starts {@code s}. */
  public static String firstWord(String s) {
    int i = 0;
    while (i < s.length() && Character.isLetter(s.charAt(i))) {
      i++;
    }
    return s.substring(0, i);
  }
}
