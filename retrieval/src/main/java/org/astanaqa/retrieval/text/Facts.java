package org.astanaqa.retrieval.text;

import java.util.regex.Pattern;

/**
 * Whether a sentence holds a date or a number: what a "when" or "how many" question needs from its
 * quote. Cheap pattern tests, cached per sentence by the passage cache.
 */
public final class Facts {
  private static final Pattern DATE =
      Pattern.compile(
          "\\b((19|20)\\d{2}|January|February|March|April|May|June|July|August|September|October"
              + "|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.|Monday|Tuesday"
              + "|Wednesday|Thursday|Friday|Saturday|Sunday)\\b");
  private static final Pattern NUMBER =
      Pattern.compile(
          "\\b(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred"
              + "|hundreds|thousand|thousands|million|millions|dozens?)\\b",
          Pattern.CASE_INSENSITIVE);

  private Facts() {}

  /** Whether {@code sentence} names a year, a month or a weekday. */
  public static boolean hasDate(String sentence) {
    return DATE.matcher(sentence).find();
  }

  /** Whether {@code sentence} holds a number, in digits or in words. */
  public static boolean hasNumber(String sentence) {
    return NUMBER.matcher(sentence).find();
  }
}
