package org.astanaqa.bot.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Turns one Telegram update into a question and the answer into messages. The answering itself is
 * the retrieval module's; the HTML is {@link TelegramHtml}'s; delivery is {@link Sender}'s.
 */
final class UpdateHandler {
  private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);

  /** A question taking longer than this shows "typing..." while it is answered. */
  static final long TYPING_AFTER_MILLIS = 300;

  /** Inline results are cached by Telegram for this long (the corpus changes rarely). */
  private static final int INLINE_CACHE_SECONDS = 300;

  /** Who may do what: admins may use /stats and /reindex; an allow-list, if set, limits the chats. */
  record Access(java.util.Set<Long> admins, java.util.Set<Long> allowedChats) {
    Access {
      admins = java.util.Set.copyOf(admins);
      allowedChats = java.util.Set.copyOf(allowedChats);
    }

    static Access open() {
      return new Access(java.util.Set.of(), java.util.Set.of());
    }

    boolean allows(long chatId) {
      return allowedChats.isEmpty() || allowedChats.contains(chatId);
    }

    boolean isAdmin(User u) {
      return u != null && admins.contains(u.getId());
    }
  }

  /** Rebuilds the index and switches to it; returns a one-line summary. */
  @FunctionalInterface
  interface Reindexer {
    String reindex() throws Exception;
  }

  private final java.util.function.Supplier<QuestionAnswerer> answerer;
  private final Sender sender;
  private final ButtonStore buttons;
  private final UserRateLimit rateLimit;
  private final UserRateLimit inlineRateLimit;
  private final ScheduledExecutorService timers;
  private final List<String> examples;
  private final long botId;
  private final String botUsername;
  private final Access access;
  private final Reindexer reindexer;
  private final BotStats stats = new BotStats();
  /** The bot's @name as a whole word: {@code @astana_qa_test_bot2} is another bot. */
  private final Pattern mention;

  /** Documents per page of /sources: one message, whatever the corpus size. */
  static final int SOURCES_PER_PAGE = 15;

  /** The user Telegram shows as the sender of an anonymous group admin's messages. */
  static final long GROUP_ANONYMOUS_BOT = 1087968824L;

  UpdateHandler(java.util.function.Supplier<QuestionAnswerer> answerer, Sender sender, ButtonStore buttons,
      UserRateLimit rateLimit, UserRateLimit inlineRateLimit, ScheduledExecutorService timers, List<String> examples,
      long botId, String botUsername, Access access, Reindexer reindexer) {
    this.answerer = answerer;
    this.access = access;
    this.reindexer = reindexer;
    this.sender = sender;
    this.buttons = buttons;
    this.rateLimit = rateLimit;
    this.inlineRateLimit = inlineRateLimit;
    this.timers = timers;
    this.examples = List.copyOf(examples);
    this.botId = botId;
    this.botUsername = botUsername == null ? "" : botUsername;
    this.mention = this.botUsername.isEmpty() ? null
        : Pattern.compile("(?<![\\w@])@" + Pattern.quote(this.botUsername) + "(?!\\w)", Pattern.CASE_INSENSITIVE);
  }

  /** Handles one update; Telegram errors are handled by the sender, so this only throws on bugs. */
  void handle(Update u) throws InterruptedException {
    if (u.hasMessage()) {
      onMessage(u.getMessage());
    } else if (u.hasCallbackQuery()) {
      onCallback(u.getCallbackQuery());
    } else if (u.hasInlineQuery()) {
      onInline(u.getInlineQuery());
    } else {
      log.debug("update {} of another kind ignored", u.getUpdateId());
    }
  }

  private void onMessage(Message m) throws InterruptedException {
    if (m.getMigrateToChatId() != null) {
      sender.migrated(m.getChatId(), m.getMigrateToChatId()); // the group became a supergroup
      return;
    }
    boolean privateChat = m.getChat() != null && Boolean.TRUE.equals(m.isUserMessage());
    User from = m.getFrom();
    if (from != null && Boolean.TRUE.equals(from.getIsBot()) && m.getSenderChat() == null) {
      // Other bots, and our own messages echoed by a client, are never questions. An anonymous
      // group admin also writes as a bot (GroupAnonymousBot), with sender_chat set: a person.
      return;
    }
    if (!access.allows(m.getChatId())) {
      if (privateChat) {
        reply(m, "Sorry, this bot answers only in the chats its operators have approved.", null);
      }
      return;
    }
    String raw = textOf(m);
    if (raw == null) {
      // A sticker, a voice note, a photo without a caption: a hint in a private chat; in groups, not for us.
      if (privateChat) {
        reply(m, "I read text questions only. Try: <i>" + TelegramHtml.escape(examples.get(0)) + "</i>", null);
      }
      return;
    }
    String text = raw.strip();
    if (text.startsWith("/")) {
      onCommand(m, text, privateChat);
      return;
    }
    if (privateChat) {
      answer(m, text);
      return;
    }
    boolean replyToUs = m.getReplyToMessage() != null && m.getReplyToMessage().getFrom() != null
        && m.getReplyToMessage().getFrom().getId() != null && m.getReplyToMessage().getFrom().getId() == botId;
    String withoutMention = withoutMention(raw, m.hasText() ? m.getEntities() : m.getCaptionEntities());
    if (withoutMention != null) {
      answer(m, withoutMention);
    } else if (replyToUs) {
      answer(m, text);
    }
    // Other group chatter is not for us (with privacy mode on, Telegram does not even send it).
  }

  private void onCommand(Message m, String text, boolean privateChat) throws InterruptedException {
    String first = text.split("\\s+", 2)[0].substring(1);
    String args = text.length() > first.length() + 1 ? text.substring(first.length() + 1).strip() : "";
    int at = first.indexOf('@');
    if (at >= 0) {
      if (!first.substring(at + 1).equalsIgnoreCase(botUsername)) {
        return; // a command for another bot in the same group
      }
      first = first.substring(0, at);
    }
    switch (first.toLowerCase(Locale.ROOT)) {
      case "start" -> reply(m, greeting(), exampleButtons());
      case "help" -> reply(m, help(), null);
      case "sources" -> {
        SourcesPage page = sourcesPage(0);
        reply(m, page.html(), page.buttons());
      }
      case "ask" -> {
        if (args.isEmpty()) {
          reply(m, "Write your question after /ask, for example: <i>/ask " + TelegramHtml.escape(examples.get(0)) + "</i>", null);
        } else {
          answer(m, args);
        }
      }
      case "stats" -> {
        if (access.isAdmin(m.getFrom())) {
          reply(m, TelegramHtml.escape(stats.summary() + " " + indexLine()), null);
        } else {
          unknownCommand(m, privateChat);
        }
      }
      case "reindex" -> {
        if (access.isAdmin(m.getFrom())) {
          reply(m, TelegramHtml.escape(reindex()), null);
        } else {
          unknownCommand(m, privateChat);
        }
      }
      default -> unknownCommand(m, privateChat);
    }
  }

  private void unknownCommand(Message m, boolean privateChat) throws InterruptedException {
    if (privateChat) {
      reply(m, "I don't know that command. Just write a question, or see /help.", null);
    }
  }

  /** The index's size and how far its passage vectors are, for /stats. */
  private String indexLine() {
    org.astanaqa.retrieval.IndexReport r = answerer.get().report();
    String vectors = r.model() == null ? ""
        : String.format(Locale.ROOT, "; passage vectors %d of %d (%.0f%%)", r.passagesWithVectors(), r.passages(),
            100.0 * r.passagesWithVectors() / Math.max(1, r.passages()));
    return String.format(Locale.ROOT, "Index: %d documents, %d passages%s.", r.documents(), r.passages(), vectors);
  }

  private String reindex() {
    try {
      String summary = reindexer.reindex();
      log.info("reindexed on an admin's request: {}", summary);
      return summary;
    } catch (Exception e) {
      log.error("reindex failed", e);
      return "Reindexing failed (" + Secrets.mask(String.valueOf(e.getMessage())) + "); the old index is still in use.";
    }
  }

  /** A message's text, or a photo's or document's caption: either can hold a question. */
  private static String textOf(Message m) {
    if (m.hasText()) {
      return m.getText();
    }
    return m.getCaption() != null && !m.getCaption().isBlank() ? m.getCaption() : null;
  }

  /** The text without the bot's @mention, or null when the bot is not mentioned (exactly). */
  private String withoutMention(String text, List<MessageEntity> entities) {
    if (mention == null) {
      return null;
    }
    if (entities != null) {
      for (MessageEntity e : entities) {
        if ("mention".equals(e.getType()) && e.getOffset() != null && e.getLength() != null
            && e.getOffset() + e.getLength() <= text.length()
            && text.substring(e.getOffset(), e.getOffset() + e.getLength()).equalsIgnoreCase("@" + botUsername)) {
          return (text.substring(0, e.getOffset()) + text.substring(e.getOffset() + e.getLength())).strip();
        }
      }
    }
    Matcher matcher = mention.matcher(text);
    return matcher.find() ? (text.substring(0, matcher.start()) + text.substring(matcher.end())).strip() : null;
  }

  /** Answers a question in the chat of {@code m}, as a reply to it. */
  private void answer(Message m, String question) throws InterruptedException {
    long chatId = m.getChatId();
    // An anonymous admin (or a channel) speaks as its chat; all of them share its limit.
    long userId = m.getSenderChat() != null ? m.getSenderChat().getId() : m.getFrom() != null ? m.getFrom().getId() : chatId;
    if (question.isBlank()) {
      reply(m, "Please write a question, for example: <i>" + TelegramHtml.escape(examples.get(0)) + "</i>", null);
      return;
    }
    long wait = rateLimit.tryAsk(userId);
    if (wait > 0) {
      reply(m, "You are asking faster than I can keep up with. Please wait " + wait + " s and ask again.", null);
      return;
    }
    long t0 = System.nanoTime();
    ScheduledFuture<?> typing = timers.schedule(() -> typing(chatId), TYPING_AFTER_MILLIS, TimeUnit.MILLISECONDS);
    Answer a;
    try {
      a = answerer.get().ask(question);
    } finally {
      typing.cancel(false);
    }
    stats.record(a.answered(), System.nanoTime() - t0);
    if (!a.answered()) {
      reply(m, notFound(), null);
    } else {
      String key = buttons.put(chatId, a);
      reply(m, TelegramHtml.answer(a, 0, answerer.get().likelyConfidence()),
          answerButtons(key, 0, a.quotes().size()));
    }
    log.info("answered chat {} in {} ms: {}", hash(chatId), (System.nanoTime() - t0) / 1_000_000,
        a.answered() ? "found" : "not found");
  }

  private void typing(long chatId) {
    try {
      sender.execute(SendChatAction.builder().chatId(chatId).action("typing").build());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onCallback(CallbackQuery cq) throws InterruptedException {
    String data = cq.getData() == null ? "" : cq.getData();
    MaybeInaccessibleMessage msg = cq.getMessage();
    if (msg != null && !access.allows(msg.getChatId())) {
      ack(cq, "Not available in this chat.");
      return;
    }
    String[] parts = data.split(":");
    if (parts.length == 2 && parts[0].equals("s") && msg != null) {
      ack(cq, null);
      int page = parseIndex(parts[1]);
      if (page >= 0) {
        SourcesPage p = sourcesPage(page);
        sender.execute(EditMessageText.builder().chatId(msg.getChatId()).messageId(msg.getMessageId())
            .text(p.html()).parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
            .replyMarkup(p.buttons()).build());
      }
      return;
    }
    if (parts.length == 2 && parts[0].equals("q") && msg != null) {
      ack(cq, null);
      int n = parseIndex(parts[1]);
      if (n >= 0 && n < examples.size()) {
        answerInChat(msg, examples.get(n));
      }
      return;
    }
    if (parts.length != 3 || !(parts[0].equals("m") || parts[0].equals("f")) || msg == null) {
      ack(cq, "This button no longer works. Please ask again.");
      return;
    }
    Optional<Answer> answer = buttons.get(msg.getChatId(), parts[1]);
    int i = parseIndex(parts[2]);
    if (answer.isEmpty() || i < 0 || i >= answer.get().quotes().size()) {
      ack(cq, "This answer has expired. Please ask your question again.");
      return;
    }
    ack(cq, null);
    Answer a = answer.get();
    Quote q = a.quotes().get(i);
    boolean group = !msg.isUserMessage();
    if (parts[0].equals("m")) {
      String html = TelegramHtml.answer(a, i, answerer.get().likelyConfidence());
      sender.send(message(msg.getChatId(), html, answerButtons(parts[1], i, a.quotes().size()), null),
          group, TelegramHtml.toPlain(html));
      return;
    }
    String full = TelegramHtml.fullPassage(q);
    if (full.length() > TelegramHtml.MAX_MESSAGE) {
      sendLong(msg.getChatId(), null, group, full);
      return;
    }
    EditMessageText edit = EditMessageText.builder()
        .chatId(msg.getChatId()).messageId(msg.getMessageId())
        .text(full).parseMode(ParseMode.HTML)
        .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
        .replyMarkup(moreOnly(parts[1], i, a.quotes().size()))
        .build();
    sender.execute(edit);
  }

  /** Answers a question asked by pressing a button: a new message in that chat. */
  private void answerInChat(MaybeInaccessibleMessage msg, String question) throws InterruptedException {
    long t0 = System.nanoTime();
    Answer a = answerer.get().ask(question);
    stats.record(a.answered(), System.nanoTime() - t0);
    boolean group = !msg.isUserMessage();
    String html = a.answered()
        ? "<b>" + TelegramHtml.escape(question) + "</b>\n\n"
            + TelegramHtml.quote(a.quotes().get(0), answerer.get().likelyConfidence())
        : notFound();
    InlineKeyboardMarkup kb = a.answered() ? answerButtons(buttons.put(msg.getChatId(), a), 0, a.quotes().size()) : null;
    sender.send(message(msg.getChatId(), html, kb, null), group, TelegramHtml.toPlain(html));
    log.info("answered chat {} in {} ms: {}", hash(msg.getChatId()), (System.nanoTime() - t0) / 1_000_000,
        a.answered() ? "found" : "not found");
  }

  private void ack(CallbackQuery cq, String text) throws InterruptedException {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b = AnswerCallbackQuery.builder().callbackQueryId(cq.getId());
    if (text != null) {
      b.text(text);
    }
    sender.execute(b.build());
  }

  private void onInline(InlineQuery iq) throws InterruptedException {
    String query = iq.getQuery() == null ? "" : iq.getQuery().strip();
    List<InlineQueryResult> results = new ArrayList<>();
    if (!query.isEmpty() && access.allows(iq.getFrom().getId())) {
      // Its own limit: Telegram sends a query per keystroke, which must not use up the user's questions.
      long wait = inlineRateLimit.tryAsk(iq.getFrom().getId());
      Answer a = wait > 0 ? null : answerer.get().ask(query);
      if (a != null && a.answered()) {
        for (int i = 0; i < a.quotes().size(); i++) {
          Quote q = a.quotes().get(i);
          String html = "<b>" + TelegramHtml.escape(query) + "</b>\n\n" + TelegramHtml.quote(q, answerer.get().likelyConfidence());
          results.add(article(Integer.toString(i), shorten(q.text(), 60), q.source().title(), html));
        }
      } else {
        String why = a == null ? "Too many questions; wait a moment." : "Not found in the documents.";
        results.add(article("none", why, "Try other words.",
            "<b>" + TelegramHtml.escape(query) + "</b>\n\n" + (a == null ? why : notFound())));
      }
    }
    sender.execute(AnswerInlineQuery.builder()
        .inlineQueryId(iq.getId()).results(results).cacheTime(INLINE_CACHE_SECONDS).isPersonal(false).build());
  }

  private static InlineQueryResultArticle article(String id, String title, String description, String html) {
    return InlineQueryResultArticle.builder()
        .id(id).title(title).description(shorten(description, 100))
        .inputMessageContent(InputTextMessageContent.builder()
            .messageText(html.length() > TelegramHtml.MAX_MESSAGE ? TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE).get(0) : html)
            .parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
            .build())
        .build();
  }

  /** Sends a reply to {@code m}: HTML, no link preview, split when longer than Telegram allows. */
  private void reply(Message m, String html, InlineKeyboardMarkup keyboard) throws InterruptedException {
    if (html.length() > TelegramHtml.MAX_MESSAGE) {
      sendLong(m.getChatId(), m.getMessageId(), isGroup(m), html);
      return;
    }
    sender.send(message(m.getChatId(), html, keyboard, m.getMessageId()), isGroup(m), TelegramHtml.toPlain(html));
  }

  private void sendLong(long chatId, Integer replyTo, boolean group, String html) throws InterruptedException {
    for (String part : TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE)) {
      sender.send(message(chatId, part, null, replyTo), group, TelegramHtml.toPlain(part));
      replyTo = null;
    }
  }

  private static SendMessage message(long chatId, String html, InlineKeyboardMarkup keyboard, Integer replyTo) {
    SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder()
        .chatId(chatId).text(html).parseMode(ParseMode.HTML)
        .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
    if (keyboard != null) {
      b.replyMarkup(keyboard);
    }
    if (replyTo != null) {
      b.replyParameters(ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
    }
    return b.build();
  }

  /** "More" (when quotes remain after {@code i}) and "Full passage" for quote {@code i}. */
  static InlineKeyboardMarkup answerButtons(String key, int i, int quotes) {
    InlineKeyboardRow row = new InlineKeyboardRow();
    if (i + 1 < quotes) {
      row.add(InlineKeyboardButton.builder().text("More").callbackData("m:" + key + ":" + (i + 1)).build());
    }
    row.add(InlineKeyboardButton.builder().text("Full passage").callbackData("f:" + key + ":" + i).build());
    return InlineKeyboardMarkup.builder().keyboardRow(row).build();
  }

  private static InlineKeyboardMarkup moreOnly(String key, int i, int quotes) {
    if (i + 1 >= quotes) {
      return null;
    }
    InlineKeyboardRow row = new InlineKeyboardRow();
    row.add(InlineKeyboardButton.builder().text("More").callbackData("m:" + key + ":" + (i + 1)).build());
    return InlineKeyboardMarkup.builder().keyboardRow(row).build();
  }

  private InlineKeyboardMarkup exampleButtons() {
    InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> kb = InlineKeyboardMarkup.builder();
    for (int i = 0; i < examples.size(); i++) {
      // Button labels may be long; callback data stays a few bytes ("q:0").
      kb.keyboardRow(new InlineKeyboardRow(
          InlineKeyboardButton.builder().text(shorten(examples.get(i), 60)).callbackData("q:" + i).build()));
    }
    return kb.build();
  }

  private String greeting() {
    return "Hello! I answer questions about the Astana peace process on Syria by quoting the documents I have"
        + " read, each with its source.\n\nTap an example or write your own question. /help tells more.";
  }

  private String help() {
    int docs = answerer.get().sources().size();
    return "<b>What I know</b>\n" + docs + " document" + (docs == 1 ? "" : "s")
        + " (see /sources). I quote the passages that best answer your question, with their source;"
        + " when the documents do not answer it, I say so.\n\n"
        + "<b>How to ask</b>\nWrite a question in plain words, for example: <i>" + TelegramHtml.escape(examples.get(0))
        + "</i>. Under an answer, <b>More</b> shows the next passage and <b>Full passage</b> the whole paragraph.\n\n"
        + "<b>In groups</b>\nMention me" + (botUsername.isEmpty() ? "" : " (@" + TelegramHtml.escape(botUsername) + ")")
        + ", reply to one of my messages, or use /ask <i>question</i>.\n\n"
        + "<b>Anywhere</b>\nType " + (botUsername.isEmpty() ? "my name" : "@" + TelegramHtml.escape(botUsername))
        + " and a question in any chat to share an answer.\n\n"
        + "<b>Commands</b>\n/start: greeting and examples\n/help: this text\n/sources: the documents";
  }

  /** One page of /sources and its Prev/Next buttons. */
  record SourcesPage(String html, InlineKeyboardMarkup buttons) {}

  /** Page {@code page} (from 0, clamped) of the document list: one message, edited in place. */
  SourcesPage sourcesPage(int page) {
    List<Source> all = answerer.get().sources();
    int pages = Math.max(1, (all.size() + SOURCES_PER_PAGE - 1) / SOURCES_PER_PAGE);
    int p = Math.min(Math.max(0, page), pages - 1);
    StringBuilder sb = new StringBuilder("<b>Documents</b>");
    if (pages > 1) {
      sb.append(" (").append(all.size()).append(", page ").append(p + 1).append(" of ").append(pages).append(')');
    }
    sb.append('\n');
    for (Source s : all.subList(p * SOURCES_PER_PAGE, Math.min(all.size(), (p + 1) * SOURCES_PER_PAGE))) {
      sb.append("\n").append(TelegramHtml.sourceLine(s).substring(2)).append('\n');
    }
    String html = sb.toString();
    if (html.length() > TelegramHtml.MAX_MESSAGE) {
      html = TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE).get(0); // very long titles: the page's start
    }
    if (pages == 1) {
      return new SourcesPage(html, null);
    }
    InlineKeyboardRow row = new InlineKeyboardRow();
    if (p > 0) {
      row.add(InlineKeyboardButton.builder().text("\u2039 Prev").callbackData("s:" + (p - 1)).build());
    }
    if (p + 1 < pages) {
      row.add(InlineKeyboardButton.builder().text("Next \u203a").callbackData("s:" + (p + 1)).build());
    }
    return new SourcesPage(html, InlineKeyboardMarkup.builder().keyboardRow(row).build());
  }

  private static String notFound() {
    return "I could not find this in my documents. Try other words (names, places, dates help),"
        + " or see /sources for what I know.";
  }

  private static boolean isGroup(Message m) {
    return m.getChat() != null && (Boolean.TRUE.equals(m.isGroupMessage()) || Boolean.TRUE.equals(m.isSuperGroupMessage()));
  }

  private static int parseIndex(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String shorten(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int cut = s.lastIndexOf(' ', max - 1);
    return s.substring(0, cut > max / 2 ? cut : max - 1) + "\u2026";
  }

  /** A short, stable hash of a chat id: logs can follow a conversation without naming it. */
  static String hash(long chatId) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("astana-qa:" + chatId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
