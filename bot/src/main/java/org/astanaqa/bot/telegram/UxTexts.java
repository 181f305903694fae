package org.astanaqa.bot.telegram;

/**
 * The vote buttons and what an admin's /feedback says (in English, as /stats does). What users read
 * is in {@code reply/Texts}, in English and Russian.
 */
final class UxTexts {
  /** The button that says an answer helped. */
  static final String VOTE_UP = "\ud83d\udc4d";

  /** The button that says an answer was wrong. */
  static final String VOTE_DOWN = "\ud83d\udc4e";

  /** The heading of an admin's /feedback; %d: presses shown, 👍 and 👎 kept. */
  static final String FEEDBACK_HEADING =
      "<b>Latest \ud83d\udc4e</b> (%d shown; %d \ud83d\udc4d and %d" + " \ud83d\udc4e kept)";

  /** /feedback when nobody has pressed 👎 yet. */
  static final String FEEDBACK_NONE = "No \ud83d\udc4e yet (%d \ud83d\udc4d kept).";

  /**
   * Added to /feedback while presses the disk refused wait to be written: counted above, but not by
   * the {@code feedback} command, which reads the file.
   */
  static final String FEEDBACK_WAITING =
      "\n\u26a0\ufe0f %d of these are not on disk yet: the data folder refused them (see the"
          + " log); they are written with the next press it takes, lost if it still refuses them"
          + " when the bot stops.";

  /** One 👎 in /feedback: the question, then the quoted document and the confidence. */
  static final String FEEDBACK_LINE = "\u2022 <b>%s</b>\n  quoted %s (confidence %.2f), %s";

  /** An admin's /feedback in a group: it lists users' questions, so only in a private chat. */
  static final String FEEDBACK_PRIVATE =
      "/feedback lists users' questions, so I show it only in a private chat: send it to me"
          + " there.";

  private UxTexts() {}
}
