package org.astanaqa.retrieval.answer;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a quote only hopes for what the question asks happened: "What was decided at the Tehran
 * summit?" shares every word with "We hope that the Tehran summit ... will promote a mutually
 * acceptable decision", which says what Kazakhstan wished for before the summit, not what it
 * decided. Statements of hope and expectation are most of what diplomatic texts say about meetings
 * to come, and the documents seldom say how those meetings ended. A reader sees at once that the
 * quote does not answer; word coverage does not.
 *
 * <p>The question asks for an outcome (decided, decision, outcome, result, achieved, agreed,
 * concluded) and hopes for nothing itself; the quote hopes or expects (hope, wish, expect, look
 * forward) and reports no outcome (agreed, adopted, decided, signed, approved, concluded).
 */
public final class HopedOutcomes {
  private HopedOutcomes() {}

  private static final Pattern OUTCOME =
      Pattern.compile(
          "\\b(decid\\w*|decision\\w*|outcomes?|results?|achiev\\w*|agree|agreed|conclu\\w*)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Words with which a question asks for what was hoped or planned, which a hope answers. */
  private static final Pattern HOPING =
      Pattern.compile(
          "\\b(hope\\w*|wish\\w*|expect\\w*|look(s|ed|ing)? forward|want\\w*|seek\\w*|aim\\w*"
              + "|plan\\w*|intend\\w*|will|would|could|should|might|may)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern HOPES =
      Pattern.compile(
          "\\b(hope[sd]?|hoping|wish(es|ed)?|expect(s|ed)?|look(s|ed|ing)? forward)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern HAPPENED =
      Pattern.compile(
          "\\b(agreed|adopted|decided|signed|approved|concluded)\\b", Pattern.CASE_INSENSITIVE);

  /**
   * The question's outcome words (lower case, as written: "decided") when {@code quote} only hopes
   * for the outcome {@code question} asks about; empty otherwise.
   */
  public static Set<String> hopedOnly(String question, String quote) {
    if (HOPING.matcher(question).find()
        || !HOPES.matcher(quote).find()
        || HAPPENED.matcher(quote).find()) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    Matcher m = OUTCOME.matcher(question);
    while (m.find()) {
      out.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
