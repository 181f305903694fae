package org.astanaqa.retrieval.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The matches of one of Markdown's inline patterns in a line, the same as {@code
 * pattern.matcher(line).results()}, found in time near the line's length. {@link Matcher#find}
 * tries a pattern at each position in turn, and an opener with no closer ("*" of "2 * 3", "[" of
 * "[sic") scanned the rest of the line each time: a 200,000-character line of " *a" or "[a" took
 * minutes to read. Here the pattern is tried only where a match can begin, and an attempt that
 * failed skips the positions that fail for the same reason. The pattern itself decides every match,
 * so what it matches is what it matched before.
 */
final class InlineSpans {
  /** Where in one line a pattern may match. */
  interface Starts {
    /** Whether a match may begin at {@code i}: false only where none can. */
    boolean at(int i);

    /**
     * The first position where a match may still begin after an attempt at {@code i} failed: the
     * positions between fail for the same reason.
     */
    default int after(int i) {
      return i + 1;
    }
  }

  private final Pattern pattern;
  private final Function<String, Starts> starts;

  private InlineSpans(Pattern pattern, Function<String, Starts> starts) {
    this.pattern = pattern;
    this.starts = starts;
  }

  /**
   * A pattern whose match begins where {@code starts} says, given the line: for emphasis or a code
   * span, an opener with a closer somewhere after it.
   */
  static InlineSpans where(Pattern pattern, Function<String, IntPredicate> starts) {
    return new InlineSpans(pattern, line -> starts.apply(line)::test);
  }

  /**
   * A pattern that is {@code opener} (which holds no character {@code stop} takes), then a run of
   * characters none of which {@code stop} takes, then the first one it takes and what must follow:
   * as a link is "[", its words up to the first "]", that "]" and its address. An opener after one
   * that failed, and before the stop its run ended at, ends its run at the same stop, where the
   * same text follows: it fails too, and is not tried. A line of "[a" tried each "[" to the end.
   */
  static InlineSpans runTo(Pattern pattern, Pattern opener, IntPredicate stop) {
    return new InlineSpans(
        pattern,
        line ->
            new Starts() {
              private final Matcher open =
                  opener.matcher(line).useTransparentBounds(true).useAnchoringBounds(false);
              private int openerEnd;

              @Override
              public boolean at(int i) {
                if (!open.region(i, line.length()).lookingAt()) {
                  return false;
                }
                openerEnd = open.end();
                return true;
              }

              @Override
              public int after(int i) {
                int at = openerEnd; // at(i) has just matched the opener that failed
                while (at < line.length() && !stop.test(line.charAt(at))) {
                  at++;
                }
                return at;
              }
            });
  }

  Pattern pattern() {
    return pattern;
  }

  /** The matches of the pattern in {@code line}, left to right, as {@link Matcher#find} finds. */
  List<MatchResult> in(String line) {
    Starts can = starts.apply(line);
    Matcher m = pattern.matcher(line).useTransparentBounds(true).useAnchoringBounds(false);
    List<MatchResult> found = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      if (!can.at(i)) {
        i++;
      } else if (m.region(i, line.length()).lookingAt()) {
        found.add(m.toMatchResult());
        i = Math.max(i + 1, m.end());
      } else {
        i = Math.max(i + 1, can.after(i));
      }
    }
    return found;
  }

  /** {@code line} with each match replaced by {@code replacement}'s text, taken as it is. */
  String replaceAll(String line, Function<MatchResult, String> replacement) {
    List<MatchResult> found = in(line);
    if (found.isEmpty()) {
      return line;
    }
    StringBuilder out = new StringBuilder(line.length());
    int at = 0;
    for (MatchResult m : found) {
      out.append(line, at, m.start()).append(replacement.apply(m));
      at = m.end();
    }
    return out.append(line, at, line.length()).toString();
  }

  /**
   * The last position at or after 1 where {@code closer} holds, or -1: whether an opener has a
   * closer after it is then one comparison.
   */
  static int lastCloser(String line, IntPredicate closer) {
    for (int c = line.length() - 1; c >= 1; c--) {
      if (closer.test(c)) {
        return c;
      }
    }
    return -1;
  }

  /** A regular expression's {@code \s}: ASCII white space. */
  static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** A regular expression's {@code \w}: ASCII letters, digits and "_". */
  static boolean isWord(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }
}
