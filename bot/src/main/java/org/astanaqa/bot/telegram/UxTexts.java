package org.astanaqa.bot.telegram;

/**
 * What the bot says about feedback and the other Telegram details of issue 15, in one place so that
 * the wording catalog (English and Russian) can take them over. Texts are Telegram HTML where they
 * go into messages; button labels and toasts are plain text.
 */
final class UxTexts {
  /** The button that says an answer helped. */
  static final String VOTE_UP = "\ud83d\udc4d";

  /** The button that says an answer was wrong. */
  static final String VOTE_DOWN = "\ud83d\udc4e";

  /** The toast shown when a 👍 or 👎 is kept. */
  static final String VOTE_NOTED = "Thanks \u2014 noted";

  /** The heading of an admin's /feedback; %d: presses shown, 👍 and 👎 kept. */
  static final String FEEDBACK_HEADING =
      "<b>Latest \ud83d\udc4e</b> (%d shown; %d \ud83d\udc4d and %d" + " \ud83d\udc4e kept)";

  /** /feedback when nobody has pressed 👎 yet. */
  static final String FEEDBACK_NONE = "No \ud83d\udc4e yet (%d \ud83d\udc4d kept).";

  /** One 👎 in /feedback: the question, then the quoted document and the confidence. */
  static final String FEEDBACK_LINE = "\u2022 <b>%s</b>\n  quoted %s (confidence %.2f), %s";

  /** The description of an example question offered to an empty inline query. */
  static final String INLINE_EXAMPLE = "Example question: tap to share its answer";

  private UxTexts() {}
}
