package org.astanaqa.retrieval.search;

import java.util.regex.Pattern;

/**
 * What a person typed, reduced to the question: markup tags, emoji, greetings, politeness and
 * trailing noise ("thanks", "pls", "? 0") removed, so that how someone types does not change which
 * passage is quoted. Only the edges of the question are trimmed: a word such as "thank" inside the
 * question ("Whom did Kazakhstan thank?") stays.
 */
final class QuestionText {
  /** A markup tag as pasted from a web page or typed by mistake: {@code <b>}, {@code </i>}. */
  private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9]{0,10}\\s*/?>");

  /** Emoji, pictographs and their joiners and variation selectors. */
  private static final Pattern EMOJI =
      Pattern.compile("[\\p{So}\\p{Cs}\\x{200D}\\x{FE0E}\\x{FE0F}\\x{1F3FB}-\\x{1F3FF}]+");

  private static final String GREETING =
      "(?:hi|hello|hey|hiya|yo|greetings|good\\s+(?:morning|afternoon|evening|day)|dear\\s+bot"
          + "|ok(?:ay)?|so|um+|bot|there|quick\\s+question|question|q)";
  private static final String ASK =
      "(?:(?:please|pls|plz|pl[sz]e?)\\s+)?(?:(?:can|could|would|will)\\s+(?:you|u)\\s+(?:please\\s+"
          + "|pls\\s+|plz\\s+)?(?:tell|say|explain\\s+to)\\s+me|tell\\s+me|i\\s+(?:want|wanna|would\\s+like"
          + "|'d\\s+like|d\\s+like)\\s+to\\s+know|do\\s+you\\s+know|please|pls|plz)";
  private static final String THANKS =
      "(?:thanks?(?:\\s+(?:you|u|a\\s+lot|so\\s+much|very\\s+much|in\\s+advance|again))*|thx|ty|tnx"
          + "|cheers|please|pls"
          + "|plz|lol|:\\)|:-\\)|;\\)|:D)";

  private static final Pattern LEADING =
      Pattern.compile(
          "^(?:(?:" + GREETING + "|" + ASK + ")\\b[\\s,.!:;-]*)+", Pattern.CASE_INSENSITIVE);

  /**
   * Politeness after a comma or a sentence's end: "..., thanks", "... Iran. pls". Without the
   * punctuation a last "thank" may be the question's own word ("Whom did Kazakhstan thank?").
   */
  private static final Pattern TRAILING =
      Pattern.compile(
          "([?.!,;])\\s*(?:" + THANKS + ")(?:[\\s,.!;-]+(?:" + THANKS + "))*[\\s,.!?;)]*$",
          Pattern.CASE_INSENSITIVE);

  /** After the last question mark: nothing but digits, punctuation or politeness. */
  private static final Pattern AFTER_QUESTION_MARK =
      Pattern.compile(
          "\\?[^?\\p{L}]*(?:(?:" + THANKS + ")[^?\\p{L}]*)*$", Pattern.CASE_INSENSITIVE);

  private static final Pattern REPEATED_PUNCTUATION = Pattern.compile("([?!.,])[?!.,]+");

  private QuestionText() {}

  /** The question with typing noise removed; the text as typed when nothing would be left. */
  static String clean(String typed) {
    String s = TAG.matcher(typed).replaceAll(" ");
    s = EMOJI.matcher(s).replaceAll(" ");
    s = REPEATED_PUNCTUATION.matcher(s).replaceAll("$1");
    s = s.replaceAll("\\s+", " ").strip();
    s = AFTER_QUESTION_MARK.matcher(s).replaceFirst("?");
    s = TRAILING.matcher(s).replaceFirst("$1");
    s = LEADING.matcher(s).replaceFirst("");
    s = s.strip();
    return s.chars().anyMatch(Character::isLetterOrDigit) ? s : typed;
  }
}
