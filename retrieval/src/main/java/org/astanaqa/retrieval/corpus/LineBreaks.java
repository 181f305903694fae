package org.astanaqa.retrieval.corpus;

import java.util.regex.Pattern;

/** Line breaks that fall inside a sentence of a plain text: a stray one, or a page's. */
public final class LineBreaks {
  /**
   * A number that goes on in lower case, "28.8 per cent", "3 million innocent": a sentence's words,
   * where a page's number alone ("21-00394", "6/62") is none.
   */
  private static final Pattern NUMBER_GOING_ON = Pattern.compile("[$€£¥]?\\d[\\d.,]*\\s+\\p{Ll}");

  /**
   * Words no sentence and no heading ends on: after one, a next line that begins with a capital
   * goes on with the sentence, a name ("... through the" / "Paris Agreement, does not waver", "...
   * in the face of which my" / "Government could not stand by"; 61 such breaks in the UN General
   * Debate speeches), where a line that ends on another word may be a heading of its own.
   */
  private static final java.util.Set<String> NEVER_LAST =
      java.util.Set.of(
          "the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "by", "for", "from", "with",
          "about", "through", "into", "than", "as", "its", "their", "our", "his", "her", "my",
          "your", "whose", "between", "among", "under", "over", "towards", "toward", "against");

  /**
   * A line that starts a block of its own: a heading, a list item (a mark, a number, or a small
   * letter or Roman numeral, "a) ...", "iv. ...", as agreements and Russian texts number their
   * points), a quotation. One rule for both kinds of text file: {@code PassageSplitter} starts a
   * block of a hard-wrapped one with it too. A letter with a dot is a point only when it is a Latin
   * one and no number follows: a Cyrillic letter and a dot is an abbreviation ("2018 г.", "г.
   * Астане", "с. 12"; Russian numbers its points "а)"), and so is "p. 12", where a sentence wrapped
   * before it had been cut in two.
   */
  public static final Pattern BLOCK_START =
      Pattern.compile(
          "^(#{1,6}\\s|[-*+\u2022]\\s|\\d{1,3}[.)]\\s|(?:\\p{Ll}|ii|iii|iv|vi|vii|viii|ix)\\)\\s"
              + "|(?:[a-z]|ii|iii|iv|vi|vii|viii|ix)\\.\\s(?!\\d)|>)");

  /**
   * "v. " after a name: the rest of a court case's name ("Nicaragua v. United States", "Brown" /
   * "v. Board of Education"), not the fifth point of a list, which follows a point that ended as a
   * clause does (a full stop, a semicolon, a comma) or in lower case.
   */
  private static final Pattern VERSUS = Pattern.compile("^v\\.\\s+\\p{Lu}");

  /** A capitalised word at the end of a text: a name ("Nicaragua", "Brown"). */
  private static final Pattern ENDS_IN_NAME = Pattern.compile("\\b\\p{Lu}[\\p{L}'’-]*\\s*$");

  /**
   * Whether {@code line} starts a block of its own ({@link #BLOCK_START}) after {@code before}, the
   * text of the block so far: "v. United States" after a line that ends in a name goes on with the
   * case's name, where it had been cut off as the fifth point of a list, the case's name read as
   * two sentences ("... the judgment in Nicaragua" and "v. United States ...").
   */
  public static boolean startsBlock(CharSequence before, String line) {
    String n = line.stripLeading();
    if (!BLOCK_START.matcher(n).find()) {
      return false;
    }
    if (VERSUS.matcher(n).find()) {
      int end = before.length();
      CharSequence tail = before.subSequence(Math.max(0, end - 200), end);
      return !ENDS_IN_NAME.matcher(tail).find();
    }
    return true;
  }

  /**
   * The longest text whose blank lines are looked at, in characters: joining copies the text, and a
   * file of tens of megabytes is indexed in about twice its size of heap (README: a 60 MB file in
   * {@code -Xmx160m}), which a third copy would pass.
   */
  static final int MAX_JOINED = 8 * 1024 * 1024;

  private LineBreaks() {}

  /**
   * Whether {@code next} goes on with the sentence that {@code before} (a paragraph's text so far)
   * left unfinished: {@code before} ends in a word, a number, a comma or a hyphen (no full stop, no
   * colon), holds five words or more, and {@code next}, no list item ("a) ...", "2. ..."), begins
   * in lower case, or with a number that goes on in lower case ("killed" / "3 million innocent
   * Bengalis"). A label or a page's dateline of a few words ("13/01/2021") runs on to nothing.
   */
  public static boolean runsOn(CharSequence before, String next) {
    int end = before.length();
    while (end > 0 && Character.isWhitespace(before.charAt(end - 1))) {
      end--;
    }
    if (end == 0) {
      return false;
    }
    String n = next.stripLeading();
    if (n.isEmpty()
        || startsBlock(before, n)
        || !Character.isLowerCase(n.codePointAt(0))
            && !NUMBER_GOING_ON.matcher(n).lookingAt()
            && !(Character.isUpperCase(n.codePointAt(0)) && endsOnNeverLast(before, end))) {
      return false;
    }
    char last = before.charAt(end - 1);
    if (!(Character.isLetterOrDigit(last) || last == ',' || last == '-')) {
      return false;
    }
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < end && words < 5; i++) {
      boolean space = Character.isWhitespace(before.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words >= 5;
  }

  /**
   * Whether the last word of {@code before[0, end)} is one of {@link #NEVER_LAST}, as written:
   * "Plan A", "Annex A" or "vitamin A" end on a name, after which a capital may start a new line.
   */
  private static boolean endsOnNeverLast(CharSequence before, int end) {
    int start = end;
    while (start > 0 && Character.isLetter(before.charAt(start - 1))) {
      start--;
    }
    return start < end && NEVER_LAST.contains(before.subSequence(start, end).toString());
  }

  /**
   * A plain text file's text with each single blank line that falls inside a sentence taken out
   * ({@link #runsOn}: the line before stops mid-sentence, the line after goes on in lower case), so
   * that the two halves are read as one sentence: a page break left in a speech ("... committed to
   * the" / " " / "peace process, it should start talking to ..."; 377 sentences of the UN General
   * Debate speeches) was two paragraphs, and the second half was quoted from "peace process". Only
   * a plain text's: the blank lines of a rendered page, Markdown or Word file part its blocks (list
   * items, table cells), which end no sentence either.
   */
  static String pageBreaksJoined(String text) {
    int n = text.length();
    if (n > MAX_JOINED) {
      return text; // a copy of it would pass the heap a large file is indexed in
    }
    StringBuilder out = null;
    StringBuilder block = new StringBuilder(); // the last 400 characters since the last blank line
    int i = 0;
    while (i < n) {
      int end = lineEnd(text, i);
      int next = after(text, end);
      if (isBlank(text, i, end)) {
        if (block.length() > 0 && next < n) {
          String following = text.substring(next, lineEnd(text, next));
          if (!following.isBlank() && runsOn(block, following)) {
            if (out == null) {
              out = new StringBuilder(n).append(text, 0, i);
            }
            i = next; // the blank line is left out
            continue;
          }
        }
        block.setLength(0);
      } else {
        if (block.length() > 0) {
          block.append(' ');
        }
        block.append(text, Math.max(i, end - 400), end); // a line of megabytes: its end
        if (block.length() > 400) {
          block.delete(0, block.length() - 400);
        }
      }
      if (out != null) {
        out.append(text, i, next);
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  private static int lineEnd(String text, int start) {
    int end = start;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return end;
  }

  /** Where the line after the one that ends at {@code end} starts: past "\n", "\r" or "\r\n". */
  private static int after(String text, int end) {
    if (end >= text.length()) {
      return text.length();
    }
    return text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n'
        ? end + 2
        : end + 1;
  }

  private static boolean isBlank(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!Character.isWhitespace(text.charAt(k))) {
        return false;
      }
    }
    return true;
  }
}
