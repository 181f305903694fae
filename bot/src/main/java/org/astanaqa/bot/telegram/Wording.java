package org.astanaqa.bot.telegram;

import java.util.List;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.reply.Texts;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * The bot's replies that are not answers, as Telegram HTML in the reader's language: help, the
 * example question, "I read English and Russian". The texts themselves are {@link Texts}'.
 */
final class Wording {
  private final List<String> examples;
  private final String botUsername;

  /**
   * @param examples the configured example questions, in English
   * @param botUsername the bot's @name without the @, or "" when unknown
   */
  Wording(List<String> examples, String botUsername) {
    this.examples = List.copyOf(examples);
    this.botUsername = botUsername;
  }

  /**
   * The bot's own words for a user and a question: Russian for a Russian question or a user whose
   * Telegram is in Russian ({@code language_code} "ru"), English otherwise.
   */
  static Texts texts(User from, String question) {
    return Texts.forReader(from == null ? null : from.getLanguageCode(), question);
  }

  /** An example question in the texts' language: the configured first one in English. */
  String example(Texts t) {
    return t.language().equals("en") ? examples.get(0) : t.get("example");
  }

  /**
   * /help: what the bot knows ({@code documents} documents) and how to ask it. In groups it says to
   * ask with /ask@name: with privacy mode on (BotFather's default) Telegram gives a bot a group's
   * command that names no bot only "if the bot was the last bot to send a message to the group"
   * (features#privacy-mode), so in a group with another bot a plain /ask, which /help had told
   * members to type, reached no one once the other bot had spoken.
   */
  String help(Texts t, int documents) {
    String name = TelegramHtml.escape(botUsername);
    return t.get(
        "help",
        t.documents(documents),
        TelegramHtml.escape(example(t)),
        botUsername.isEmpty() ? "" : t.get("help.mention", name),
        botUsername.isEmpty() ? t.get("help.myName") : "@" + name,
        botUsername.isEmpty() ? "/ask" : "/ask@" + name);
  }

  /**
   * "I understand English and Russian" in the user's language where there is a text for it, else in
   * the question's, else in English.
   */
  static String otherLanguage(User from, String questionLanguage) {
    Texts t =
        Texts.forOtherLanguage(from == null ? null : from.getLanguageCode(), questionLanguage);
    return t.get("otherLanguage", TelegramHtml.escape(Texts.english().get("example")));
  }

  /** {@code s} cut at a word to at most {@code max} characters, with "…" when cut. */
  static String shorten(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int cut = s.lastIndexOf(' ', max - 1);
    if (cut <= max / 2) {
      // No space to cut at: cut at max - 1, but never between the two halves of an emoji.
      cut = Character.isLowSurrogate(s.charAt(max - 1)) ? max - 2 : max - 1;
    }
    return s.substring(0, cut) + "\u2026";
  }
}
