package org.astanaqa.bot.telegram;

import java.util.List;
import java.util.Optional;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.telegram.send.Sender;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * Turns a reply's HTML into Telegram messages and hands them to the {@link Sender}: HTML parse
 * mode, no link preview, in the asker's forum topic, split when longer than Telegram allows, or an
 * earlier message edited in place.
 */
final class Messages {
  private final Sender sender;

  Messages(Sender sender) {
    this.sender = sender;
  }

  /**
   * Sends a reply to {@code m} in its forum topic, if any: HTML, no link preview, split when longer
   * than Telegram allows (the buttons under the last part). Returns the message sent (the first
   * part of a split one), or empty when it was not delivered.
   */
  Optional<Message> reply(Message m, String html, InlineKeyboardMarkup keyboard)
      throws InterruptedException {
    if (TelegramHtml.length(html) > TelegramHtml.MAX_MESSAGE) {
      return sendLong(m.getChatId(), m.getMessageId(), topicOf(m), isGroup(m), html, keyboard);
    }
    return sender.send(
        message(m.getChatId(), html, keyboard, m.getMessageId(), topicOf(m)),
        isGroup(m),
        TelegramHtml.toPlain(html));
  }

  /**
   * Sends one message of at most {@link TelegramHtml#MAX_MESSAGE} characters as Telegram counts.
   */
  Optional<Message> send(
      long chatId,
      String html,
      InlineKeyboardMarkup keyboard,
      Integer replyTo,
      Integer thread,
      boolean group)
      throws InterruptedException {
    return sender.send(
        message(chatId, html, keyboard, replyTo, thread), group, TelegramHtml.toPlain(html));
  }

  /**
   * Sends a long text in parts, the buttons under the last; the first part's message, when Telegram
   * took it.
   */
  Optional<Message> sendLong(
      long chatId,
      Integer replyTo,
      Integer thread,
      boolean group,
      String html,
      InlineKeyboardMarkup keyboard)
      throws InterruptedException {
    Optional<Message> first = null;
    List<String> parts = TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE);
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      InlineKeyboardMarkup buttons = i == parts.size() - 1 ? keyboard : null;
      Optional<Message> sent =
          sender.send(
              message(chatId, part, buttons, replyTo, thread), group, TelegramHtml.toPlain(part));
      first = first == null ? sent : first;
      replyTo = null;
    }
    return first == null ? Optional.empty() : first;
  }

  /**
   * Replaces the text and buttons of message {@code messageId}; false when Telegram did not take
   * the edit (the message was deleted, or is too old to edit).
   */
  boolean edit(long chatId, int messageId, String html, InlineKeyboardMarkup keyboard)
      throws InterruptedException {
    EditMessageText edit =
        EditMessageText.builder()
            .chatId(chatId)
            .messageId(messageId)
            .text(html)
            .parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
            .replyMarkup(keyboard)
            .build();
    return sender.execute(edit).isPresent();
  }

  /** Answers a button press, with a toast when {@code text} is not null. */
  void ack(String callbackQueryId, String text) throws InterruptedException {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b =
        AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId);
    if (text != null) {
      b.text(text);
    }
    sender.execute(b.build());
  }

  private static SendMessage message(
      long chatId, String html, InlineKeyboardMarkup keyboard, Integer replyTo, Integer thread) {
    SendMessage.SendMessageBuilder<?, ?> b =
        SendMessage.builder()
            .chatId(chatId)
            .text(html)
            .parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
    if (keyboard != null) {
      b.replyMarkup(keyboard);
    }
    if (replyTo != null) {
      b.replyParameters(
          ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
    }
    if (thread != null) {
      b.messageThreadId(thread);
    }
    return b.build();
  }

  /** The forum topic a message is in, or null outside forum topics (where Telegram refuses one). */
  static Integer topicOf(Message m) {
    return Boolean.TRUE.equals(m.getIsTopicMessage()) ? m.getMessageThreadId() : null;
  }

  static boolean isGroup(Message m) {
    return m.getChat() != null
        && (Boolean.TRUE.equals(m.isGroupMessage())
            || Boolean.TRUE.equals(m.isSuperGroupMessage()));
  }
}
