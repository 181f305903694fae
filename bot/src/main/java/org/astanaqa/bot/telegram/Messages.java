package org.astanaqa.bot.telegram;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.telegram.receive.SentParts;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.retrieval.util.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * Turns a reply's HTML into Telegram messages and hands them to the {@link Sender}: HTML parse
 * mode, no link preview, in the asker's forum topic, split when longer than Telegram allows, or an
 * earlier message edited in place.
 */
final class Messages {
  private static final Logger log = LoggerFactory.getLogger(Messages.class);

  private final Sender sender;

  /** Whether {@link #ack} sends nothing ({@link #withoutAcks}). */
  private final boolean noAcks;

  Messages(Sender sender) {
    this(sender, false);
  }

  private Messages(Sender sender, boolean noAcks) {
    this.sender = sender;
    this.noAcks = noAcks;
  }

  /**
   * These messages for a button press too old to answer: {@link #ack} sends nothing, as Telegram
   * would refuse it ("query is too old"); the rest is sent as usual.
   */
  Messages withoutAcks() {
    return new Messages(sender, true);
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
   * The parts a reply of {@code html} is sent in: itself, or, longer than Telegram allows, the
   * pieces {@link TelegramHtml#split} makes of it.
   */
  static List<String> parts(String html) {
    return TelegramHtml.length(html) > TelegramHtml.MAX_MESSAGE
        ? TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE)
        : List.of(html);
  }

  /**
   * Sends {@code parts} as a reply to message {@code replyTo} (the first part replies to it), the
   * buttons under the last; returns every message delivered, in order (more than the parts when
   * Telegram found one too long and it went out in pieces; fewer when a part was not delivered).
   *
   * <p>Of a reply in several parts, each part Telegram confirms is journaled with its update
   * ({@link SentParts}), and the leading parts confirmed before a restart (a {@code kill -9}, a
   * stop after the drain) are not sent again: they are returned as the journal remembers them
   * (their message id and chat), and only the rest is sent. A part is skipped only when its text is
   * the one confirmed: from the first part that reads differently now (a follow-up whose context
   * the restart lost, a "you asked this N minutes ago" line after a long downtime) the reply is
   * sent as it reads now, so that the chat never sees a reply with a hole in it. A part not
   * confirmed before a later one that is was given up then as of unknown outcome (its answer lost
   * at both tries) and is not sent again: the chat had the parts after it already.
   */
  List<Message> sendAll(
      long chatId,
      Integer replyTo,
      Integer thread,
      boolean group,
      List<String> parts,
      InlineKeyboardMarkup keyboard)
      throws InterruptedException {
    return deliver(chatId, replyTo, thread, group, parts, keyboard, sender.patience()).messages();
  }

  /**
   * What became of a reply sent in parts ({@link #deliver}): every message delivered, in order;
   * what each shows, as {@link Shown#parts} keeps it (its part's HTML, or {@link #PIECE} for a
   * piece of a part that Telegram found too long and that went out in pieces, whose HTML is not
   * known here); and whether every part was delivered.
   */
  record Delivery(List<Message> messages, List<String> shown, boolean whole) {
    /** The reply as it is in its chat, when every part of it was delivered; else null. */
    Shown shownIn(long chat, boolean buttons) {
      return whole && !messages.isEmpty() ? new Shown(chat, ids(messages), shown, buttons) : null;
    }
  }

  /**
   * What {@link Shown#parts} holds for a message whose HTML is not known: a piece of a part that
   * Telegram found too long ("message is too long": its count and the bot's can differ) and that
   * went out in pieces. It equals no part, so an edit of the reply always rewrites that message.
   * Before, a reply with such a piece was not remembered at all, and an edit of its question got a
   * second reply under the old one, which went on showing the old answer.
   */
  static final String PIECE = "";

  private static List<Integer> ids(List<Message> messages) {
    return messages.stream().map(Message::getMessageId).toList();
  }

  /** The HTML each of {@code delivered}, the messages of {@code part}, shows ({@link #PIECE}). */
  private static List<String> shown(String part, List<Message> delivered) {
    return delivered.size() == 1
        ? List.of(part)
        : java.util.Collections.nCopies(delivered.size(), PIECE);
  }

  /**
   * As {@link #sendAll}, within what is left of {@code patience}, saying what each message shows
   * and whether every part was delivered.
   */
  Delivery deliver(
      long chatId,
      Integer replyTo,
      Integer thread,
      boolean group,
      List<String> parts,
      InlineKeyboardMarkup keyboard,
      Sender.Patience patience)
      throws InterruptedException {
    List<String> plain = new java.util.ArrayList<>();
    List<SendMessage> messages = messages(chatId, replyTo, thread, parts, keyboard, plain);
    if (parts.size() < 2) {
      // One message: its update is then done.
      List<Message> one = sender.sendAll(messages, group, plain, patience, Sender.Confirmed.NONE);
      return new Delivery(one, shown(parts.get(0), one), !one.isEmpty());
    }
    SentParts journal = SentParts.current();
    Map<Integer, SentParts.Part> before = journal.confirmed();
    List<String> hashes = parts.stream().map(Messages::hash).toList();
    List<Message> sent = new java.util.ArrayList<>();
    List<String> shown = new java.util.ArrayList<>();
    int[] delivered = {0};
    // Sent from the part after the last one confirmed before the restart, as long as each part
    // confirmed up to it reads as it did. A part no journal line confirms but one after it does
    // was given up then, its answer lost at both tries (it may have arrived), and the reply went on
    // after it: that decision stands. Taken for a part that "reads differently", it was sent again
    // with every part after it, confirmed ones too, and the chat saw them twice, out of order.
    int from = 0;
    int given = 0; // parts given up before the restart, up to from
    for (int i = 0; i < parts.size(); i++) {
      SentParts.Part p = before.get(i);
      if (p != null && !p.hash().equals(hashes.get(i))) {
        break; // reads differently now
      }
      if (p == null) {
        int at = i;
        if (before.keySet().stream().noneMatch(k -> k > at)) {
          break; // not sent yet
        }
        continue; // given up before the restart, if a part confirmed after it reads the same
      }
      given += i - from; // the gap before this confirmed part: given up then
      sent.add(asSent(p));
      shown.add(parts.get(i)); // the journal keeps a part's first message only
      delivered[0]++;
      from = i + 1;
    }
    if (from > 0) {
      log.info(
          "{} of the {} parts of a reply were sent before the restart{}; only the rest is sent",
          from,
          parts.size(),
          given == 0
              ? ""
              : " (" + given + " of them given up then as of unknown outcome, not sent again)");
    }
    int first = from;
    if (before.keySet().stream().anyMatch(k -> k >= first)) {
      log.warn(
          "part {} of a reply begun before the restart reads differently now; the reply is sent"
              + " from there as it reads now, so the chat may see some of it twice",
          from + 1);
    }
    sent.addAll(
        sender.sendAll(
            messages.subList(from, parts.size()),
            group,
            plain.subList(from, parts.size()),
            patience,
            (i, pieces) -> {
              Message m = pieces.get(0);
              journal.confirmed(
                  first + i,
                  new SentParts.Part(
                      hashes.get(first + i),
                      m.getChat() != null ? m.getChatId() : chatId,
                      m.getMessageId()));
              shown.addAll(shown(parts.get(first + i), pieces));
              delivered[0]++;
            }));
    return new Delivery(sent, shown, delivered[0] == parts.size());
  }

  /** A part's text hashed to one word for the journal ({@link SentParts.Part}). */
  static String hash(String part) {
    return Sha256.hex(part, 8);
  }

  /** A part sent before a restart, as the journal remembers it: its message id and chat. */
  private static Message asSent(SentParts.Part part) {
    Message m = new Message();
    m.setMessageId(part.messageId());
    // The chat's type is not kept; only its id is read (the chat the reply is in).
    m.setChat(new Chat(part.chat(), part.chat() < 0 ? "supergroup" : "private"));
    return m;
  }

  /**
   * The messages of a reply's parts, the first replying to {@code replyTo}, the buttons under the
   * last; each part's plain text, for a resend without HTML, added to {@code plain}.
   */
  private static List<SendMessage> messages(
      long chatId,
      Integer replyTo,
      Integer thread,
      List<String> parts,
      InlineKeyboardMarkup keyboard,
      List<String> plain) {
    List<SendMessage> messages = new java.util.ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      InlineKeyboardMarkup buttons = i == parts.size() - 1 ? keyboard : null;
      messages.add(message(chatId, part, buttons, i == 0 ? replyTo : null, thread));
      plain.add(TelegramHtml.toPlain(part));
    }
    return messages;
  }

  /**
   * A reply as it is in its chat: its messages, the HTML of each, and whether the last has buttons.
   */
  record Shown(long chat, List<Integer> messageIds, List<String> parts, boolean buttons) {
    Shown {
      messageIds = List.copyOf(messageIds);
      parts = List.copyOf(parts);
      if (messageIds.isEmpty() || messageIds.size() != parts.size()) {
        throw new IllegalArgumentException("a message for each part");
      }
    }

    /**
     * The same messages, what each shows not known ({@link #PIECE}): after a rewrite given up, some
     * of whose edits may have been made, so that the next rewrite edits every one of them.
     */
    Shown unknown() {
      return new Shown(
          chat, messageIds, java.util.Collections.nCopies(messageIds.size(), PIECE), buttons);
    }
  }

  /** What became of a reply rewritten ({@link #rewrite}), and its messages now. */
  record Rewritten(Edit outcome, Shown now) {}

  /**
   * Makes reply {@code was} show {@code parts} (a text split as {@link #parts} splits it), the
   * buttons under the last part, within Telegram's rules: each part that still has a message is
   * edited into it (not when it would show what it shows, which Telegram refuses, "message is not
   * modified"); the messages of parts no longer needed are deleted, or, when Telegram will not
   * delete them any more (deleteMessage, "A message can only be deleted if it was sent less than 48
   * hours ago"), edited to {@code replaced}, which says that the answer is above: left as they
   * were, they showed the end of the old answer under the new one. Parts beyond the reply's
   * messages are sent after them as new messages (Telegram cannot insert a message before later
   * ones, so they follow whatever was said in the chat since). A part whose edit is refused (its
   * message deleted meanwhile, or not editable) is sent anew with the parts after it, their old
   * messages removed as those no longer needed are; when that is the first part, nothing is left of
   * the reply ({@link Edit#REFUSED}, the caller answers anew). Stops at the first edit not
   * delivered ({@link Edit#FAILED}), or when a new part is not delivered (FAILED). Its edits,
   * deletions and new parts are one reply and share one outage patience ({@link Sender.Patience}):
   * each had 10 minutes of its own, so a three-part reply made one held its chat and a worker 45
   * minutes through an outage. It is done within what is left of {@code patience}.
   */
  Rewritten rewrite(
      Shown was,
      List<String> parts,
      InlineKeyboardMarkup keyboard,
      Integer thread,
      boolean group,
      String replaced,
      Sender.Patience patience)
      throws InterruptedException {
    List<Integer> ids = new java.util.ArrayList<>();
    int kept = Math.min(was.parts().size(), parts.size());
    for (int i = 0; i < kept; i++) {
      InlineKeyboardMarkup buttons = i == parts.size() - 1 ? keyboard : null;
      boolean hadButtons = was.buttons() && i == was.parts().size() - 1;
      int id = was.messageIds().get(i);
      if (!(parts.get(i).equals(was.parts().get(i)) && buttons == null && !hadButtons)) {
        Edit done = edit(was.chat(), id, parts.get(i), buttons, patience);
        if (done == Edit.FAILED) {
          return new Rewritten(done, null);
        }
        if (done == Edit.REFUSED) {
          // This part is gone (in a private chat the user may delete any message) or will not be
          // edited: it and the parts after it are sent anew below, once the old messages from it
          // on are removed. Answered anew whole, the reply showed the parts before it twice, and
          // those after it went on showing the end of the old answer under the new one.
          kept = i;
          break;
        }
      }
      ids.add(id);
    }
    for (int i = kept; i < was.messageIds().size(); i++) {
      int id = was.messageIds().get(i);
      // A bot may edit its own messages at any time (editMessageText's 48 hours are business
      // messages'), so a part too old to delete still stops showing the old answer.
      if (!delete(was.chat(), id, patience)
          && edit(was.chat(), id, replaced, null, patience) != Edit.DONE) {
        log.warn(
            "part {} of {} of an edited reply could be neither deleted nor edited; it still shows"
                + " its old text",
            i + 1,
            was.messageIds().size());
      }
    }
    if (kept == 0) {
      return new Rewritten(Edit.REFUSED, null); // nothing of it left: the caller answers anew
    }
    List<String> shown = new java.util.ArrayList<>(parts.subList(0, kept));
    if (parts.size() > kept) {
      Delivery sent =
          deliver(
              was.chat(),
              null,
              thread,
              group,
              parts.subList(kept, parts.size()),
              keyboard,
              patience);
      if (!sent.whole()) {
        return new Rewritten(Edit.FAILED, null);
      }
      ids.addAll(ids(sent.messages()));
      shown.addAll(sent.shown()); // a part Telegram found too long: each of its pieces
    }
    return new Rewritten(Edit.DONE, new Shown(was.chat(), ids, shown, keyboard != null));
  }

  /**
   * Deletes message {@code messageId} of the bot's; true when it is gone (Telegram took the call,
   * or the message was already deleted: "message to delete not found").
   */
  boolean delete(long chatId, int messageId) throws InterruptedException {
    return delete(chatId, messageId, null);
  }

  /**
   * As {@link #delete(long, int)}; with {@code patience} (not null), tried through an outage for
   * what is left of it, as the reply it is part of.
   */
  private boolean delete(long chatId, int messageId, Sender.Patience patience)
      throws InterruptedException {
    DeleteMessage delete = DeleteMessage.builder().chatId(chatId).messageId(messageId).build();
    Sender.Outcome<Boolean> outcome = attempt(delete, patience);
    return outcome.done()
        || (outcome.refusal() != null && outcome.refusal().contains("message to delete not found"));
  }

  /**
   * Sends {@code html} as a new message, or, longer than Telegram allows, in the parts {@link
   * #parts} cuts, the first replying to {@code replyTo}, the buttons under the last, as {@link
   * #sendAll} does; returns every message delivered. A "More" quote or an example's answer can be
   * longer than a message (a quote is shown up to {@link TelegramHtml#MAX_QUOTE} characters): sent
   * whole, Telegram refused it ("message is too long") before it was halved, a refused call that in
   * a group took one of its 20 a minute.
   */
  List<Message> sendParts(
      long chatId,
      String html,
      InlineKeyboardMarkup keyboard,
      Integer replyTo,
      Integer thread,
      boolean group)
      throws InterruptedException {
    // One outage patience for the whole reply, and no part after one given up (review 7: each
    // part had its own 10 minutes, and the later parts went out after a part was given up); the
    // parts confirmed before a restart are not sent again.
    return sendAll(chatId, replyTo, thread, group, parts(html), keyboard);
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
   * Sends a long text in parts as {@link #sendParts} does, the buttons under the last; the first
   * part's message, when Telegram took it.
   */
  Optional<Message> sendLong(
      long chatId,
      Integer replyTo,
      Integer thread,
      boolean group,
      String html,
      InlineKeyboardMarkup keyboard)
      throws InterruptedException {
    List<Message> sent = sendParts(chatId, html, keyboard, replyTo, thread, group);
    return sent.isEmpty() ? Optional.empty() : Optional.of(sent.get(0));
  }

  /** What became of an edit. */
  enum Edit {
    /** The message shows the new text and buttons (perhaps already did). */
    DONE,
    /**
     * Telegram refused it: the message is gone ("message to edit not found"), cannot be edited
     * ("message can't be edited"), or the edit is wrong for it. Showing the text needs a new
     * message.
     */
    REFUSED,
    /**
     * Not delivered: Telegram unreachable, 5xx after the retries, a 429 longer than a call may
     * wait, or a lost answer twice (the edit may have been made). A new message would likely fail
     * too, or show the text twice.
     */
    FAILED
  }

  /** A call as a reply's part, for what is left of {@code patience}; with null, as any call. */
  private <T extends java.io.Serializable> Sender.Outcome<T> attempt(
      org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod<T> method,
      Sender.Patience patience)
      throws InterruptedException {
    return patience == null ? sender.attempt(method) : sender.attempt(method, patience);
  }

  /** Replaces the text and buttons of message {@code messageId}. */
  Edit edit(long chatId, int messageId, String html, InlineKeyboardMarkup keyboard)
      throws InterruptedException {
    return edit(chatId, messageId, html, keyboard, null);
  }

  /**
   * As {@link #edit(long, int, String, InlineKeyboardMarkup)}; with {@code patience} (not null),
   * the edit is (part of) the reply to an edited question, tried through an outage as a new reply
   * is, for what is left of that reply's patience, its plain-text resend too.
   */
  private Edit edit(
      long chatId,
      int messageId,
      String html,
      InlineKeyboardMarkup keyboard,
      Sender.Patience patience)
      throws InterruptedException {
    EditMessageText edit =
        EditMessageText.builder()
            .chatId(chatId)
            .messageId(messageId)
            .text(withinEntityLimit(html))
            .parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
            .replyMarkup(keyboard)
            .build();
    Sender.Outcome<?> outcome = attempt(edit, patience);
    if (outcome.unparsable()) {
      // As a new reply is: the same words as plain text rather than no edit at all.
      log.warn("Telegram could not parse the HTML of an edit; making it as plain text");
      edit.setParseMode(null);
      edit.setText(TelegramHtml.toPlain(html));
      outcome = attempt(edit, patience);
    }
    return outcome.done() ? Edit.DONE : outcome.refusal() != null ? Edit.REFUSED : Edit.FAILED;
  }

  /** Answers a button press, with a toast when {@code text} is not null. */
  void ack(String callbackQueryId, String text) throws InterruptedException {
    if (noAcks) {
      log.debug("a button press too old to answer; not answered");
      return;
    }
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b =
        AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId);
    if (text != null) {
      b.text(text);
    }
    sender.execute(b.build());
  }

  /**
   * Telegram's limit on a message's formatting entities. Not in the Bot API documentation; bots
   * report that a message with more is sent and shown with the first 100 only, the rest as plain
   * text (rubenlagus/TelegramBots#854, tdlib/telegram-bot-api#820), which would leave the source
   * line, last in every answer, without its italics and link.
   */
  static final int MAX_ENTITIES = 100;

  private static final java.util.regex.Pattern OPENING_TAG =
      java.util.regex.Pattern.compile("<[a-z][a-z-]*(\\s[^>]*)?>");

  /** A bold element with text only in it: a matched word of the question. */
  private static final java.util.regex.Pattern PLAIN_BOLD =
      java.util.regex.Pattern.compile("<b>([^<]*)</b>");

  /**
   * {@code html} with at most {@link #MAX_ENTITIES} elements: the question's words in bold are
   * unbolded from the last one back (the direct answer, first, and the source line, last, keep
   * theirs); the text is unchanged. Every element of the bot's HTML is one entity.
   */
  static String withinEntityLimit(String html) {
    int over = count(OPENING_TAG, html) - MAX_ENTITIES;
    if (over <= 0) {
      return html;
    }
    java.util.regex.Matcher m = PLAIN_BOLD.matcher(html);
    List<int[]> bolds = new java.util.ArrayList<>();
    while (m.find()) {
      bolds.add(new int[] {m.start(), m.end(), m.start(1), m.end(1)});
    }
    if (bolds.size() <= over) {
      // Not the bot's usual HTML: the text alone rather than formatting Telegram would drop.
      return TelegramHtml.escape(TelegramHtml.toPlain(html));
    }
    StringBuilder sb = new StringBuilder(html);
    for (int k = bolds.size() - 1; k >= bolds.size() - over; k--) {
      int[] b = bolds.get(k);
      sb.replace(b[0], b[1], html.substring(b[2], b[3]));
    }
    return sb.toString();
  }

  private static int count(java.util.regex.Pattern p, String s) {
    java.util.regex.Matcher m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static SendMessage message(
      long chatId, String html, InlineKeyboardMarkup keyboard, Integer replyTo, Integer thread) {
    SendMessage.SendMessageBuilder<?, ?> b =
        SendMessage.builder()
            .chatId(chatId)
            .text(withinEntityLimit(html))
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
