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
import org.astanaqa.bot.Conversations;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.render.Texts;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.Languages;
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
  /** Each chat's last question and what each answer message answered, for follow-ups. */
  private final Conversations conversations;
  /** The bot's @name as a whole word: {@code @astana_qa_test_bot2} is another bot. */
  private final Pattern mention;

  /** Documents per page of /sources: one message, whatever the corpus size. */
  static final int SOURCES_PER_PAGE = 15;

  /** The user Telegram shows as the sender of an anonymous group admin's messages. */
  static final long GROUP_ANONYMOUS_BOT = 1087968824L;

  UpdateHandler(java.util.function.Supplier<QuestionAnswerer> answerer, Sender sender, ButtonStore buttons,
      UserRateLimit rateLimit, UserRateLimit inlineRateLimit, ScheduledExecutorService timers, List<String> examples,
      long botId, String botUsername, Access access, Reindexer reindexer) {
    this(answerer, sender, buttons, rateLimit, inlineRateLimit, timers, examples, botId, botUsername,
        access, reindexer, new Conversations(TimeUnit.MINUTES.toNanos(5), System::nanoTime));
  }

  UpdateHandler(java.util.function.Supplier<QuestionAnswerer> answerer, Sender sender, ButtonStore buttons,
      UserRateLimit rateLimit, UserRateLimit inlineRateLimit, ScheduledExecutorService timers, List<String> examples,
      long botId, String botUsername, Access access, Reindexer reindexer, Conversations conversations) {
    this.conversations = conversations;
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
        reply(m, texts(from, textOf(m)).get("notAllowed"), null);
      }
      return;
    }
    String raw = textOf(m);
    if (raw == null) {
      // A sticker, a voice note, a photo without a caption: a hint in a private chat; in groups, not for us.
      if (privateChat) {
        Texts t = texts(from, null);
        reply(m, t.get("textOnly", TelegramHtml.escape(example(t))), null);
      }
      return;
    }
    String text = raw.strip();
    if (text.startsWith("/")) {
      onCommand(m, text, privateChat);
      return;
    }
    if (privateChat) {
      answer(m, text, repliedQuestion(m));
      return;
    }
    boolean replyToUs = m.getReplyToMessage() != null && m.getReplyToMessage().getFrom() != null
        && m.getReplyToMessage().getFrom().getId() != null && m.getReplyToMessage().getFrom().getId() == botId;
    String withoutMention = withoutMention(raw, m.hasText() ? m.getEntities() : m.getCaptionEntities());
    if (withoutMention != null) {
      answer(m, withoutMention, repliedQuestion(m));
    } else if (replyToUs) {
      answer(m, text, repliedQuestion(m));
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
    Texts t = texts(m.getFrom(), args.isEmpty() ? null : args);
    switch (first.toLowerCase(Locale.ROOT)) {
      case "start" -> reply(m, t.get("greeting"), exampleButtons());
      case "help" -> reply(m, help(t), null);
      case "sources" -> {
        SourcesPage page = sourcesPage(0, t);
        reply(m, page.html(), page.buttons());
      }
      case "ask" -> {
        if (args.isEmpty()) {
          reply(m, t.get("askUsage", TelegramHtml.escape(example(t))), null);
        } else {
          answer(m, args, repliedQuestion(m));
        }
      }
      case "stats" -> {
        if (access.isAdmin(m.getFrom())) {
          reply(m, TelegramHtml.escape(stats.summary()), null);
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
      reply(m, texts(m.getFrom(), null).get("unknownCommand"), null);
    }
  }

  /**
   * The bot's own words for a user and a question: Russian for a Russian question or a user whose
   * Telegram is in Russian ({@code language_code} "ru"), English otherwise.
   */
  static Texts texts(User from, String question) {
    String language = question == null ? null : Languages.detect(question);
    boolean russianUser = from != null && from.getLanguageCode() != null
        && Texts.of(from.getLanguageCode()).language().equals(Languages.RUSSIAN);
    return Languages.RUSSIAN.equals(language) || russianUser ? Texts.of(Languages.RUSSIAN) : Texts.english();
  }

  /** An example question in the texts' language: the configured first one in English. */
  private String example(Texts t) {
    return t.language().equals("en") ? examples.get(0) : t.get("example");
  }

  /**
   * The question of the bot's answer that {@code m} replies to, or null: a reply to an answer is
   * a follow-up candidate however long ago the answer was.
   */
  private String repliedQuestion(Message m) {
    Message to = m.getReplyToMessage();
    if (to == null || to.getFrom() == null || to.getFrom().getId() == null || to.getFrom().getId() != botId) {
      return null;
    }
    return conversations.questionOf(m.getChatId(), to.getMessageId());
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
  private void answer(Message m, String question, String repliedTo) throws InterruptedException {
    long chatId = m.getChatId();
    Texts t = texts(m.getFrom(), question);
    // An anonymous admin (or a channel) speaks as its chat; all of them share its limit.
    long userId = m.getSenderChat() != null ? m.getSenderChat().getId() : m.getFrom() != null ? m.getFrom().getId() : chatId;
    if (question.isBlank()) {
      reply(m, t.get("emptyQuestion", TelegramHtml.escape(example(t))), null);
      return;
    }
    long wait = rateLimit.tryAsk(userId);
    if (wait > 0) {
      reply(m, t.get("rateLimited", wait), null);
      return;
    }
    long t0 = System.nanoTime();
    ScheduledFuture<?> typing = timers.schedule(() -> typing(chatId), TYPING_AFTER_MILLIS, TimeUnit.MILLISECONDS);
    Conversations.Turn turn;
    try {
      turn = conversations.ask(answerer.get(), chatId, question, repliedTo, answerer.get().settings().topN());
    } finally {
      typing.cancel(false);
    }
    Answer a = turn.answer();
    stats.record(a.answered(), System.nanoTime() - t0);
    Optional<Message> sent;
    if (!turn.understood()) {
      sent = reply(m, otherLanguage(m.getFrom(), turn.language()), null);
    } else if (!a.answered()) {
      sent = reply(m, t.get("notFound"), null);
    } else {
      String key = buttons.put(chatId, a);
      sent = reply(m, TelegramHtml.answer(a, 0, answerer.get().likelyConfidence(), t),
          answerButtons(key, 0, a.quotes().size(), t));
    }
    sent.ifPresent(s -> conversations.answered(chatId, s.getMessageId(), turn));
    log.info("answered chat {} in {} ms: {}{}", hash(chatId), (System.nanoTime() - t0) / 1_000_000,
        a.answered() ? "found" : "not found", turn.context() != null ? " (a follow-up)" : "");
  }

  /**
   * "I understand English and Russian" in the user's language where there is a text for it,
   * else in the question's, else in English.
   */
  private static String otherLanguage(User from, String questionLanguage) {
    Texts t = from != null && from.getLanguageCode() != null && Texts.of(from.getLanguageCode()).has("otherLanguage")
        ? Texts.of(from.getLanguageCode())
        : Texts.of(questionLanguage).has("otherLanguage") ? Texts.of(questionLanguage) : Texts.english();
    return t.get("otherLanguage", TelegramHtml.escape(Texts.english().get("example")));
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
      ack(cq, texts(cq.getFrom(), null).get("chat.notAvailable"));
      return;
    }
    String[] parts = data.split(":");
    if (parts.length == 2 && parts[0].equals("s") && msg != null) {
      ack(cq, null);
      int page = parseIndex(parts[1]);
      if (page >= 0) {
        SourcesPage p = sourcesPage(page, texts(cq.getFrom(), null));
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
        answerInChat(msg, examples.get(n), cq.getFrom());
      }
      return;
    }
    if (parts.length != 3 || !(parts[0].equals("m") || parts[0].equals("f")) || msg == null) {
      ack(cq, texts(cq.getFrom(), null).get("button.gone"));
      return;
    }
    Optional<Answer> answer = buttons.get(msg.getChatId(), parts[1]);
    int i = parseIndex(parts[2]);
    if (answer.isEmpty() || i < 0 || i >= answer.get().quotes().size()) {
      ack(cq, texts(cq.getFrom(), null).get("button.expired"));
      return;
    }
    ack(cq, null);
    Answer a = answer.get();
    Texts t = texts(cq.getFrom(), a.question());
    Quote q = a.quotes().get(i);
    boolean group = !msg.isUserMessage();
    if (parts[0].equals("m")) {
      String html = TelegramHtml.answer(a, i, answerer.get().likelyConfidence(), t);
      sender.send(message(msg.getChatId(), html, answerButtons(parts[1], i, a.quotes().size(), t), null),
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
        .replyMarkup(moreOnly(parts[1], i, a.quotes().size(), t))
        .build();
    sender.execute(edit);
  }

  /** Answers a question asked by pressing a button: a new message in that chat. */
  private void answerInChat(MaybeInaccessibleMessage msg, String question, User from) throws InterruptedException {
    long t0 = System.nanoTime();
    Texts t = texts(from, question);
    Answer a = answerer.get().ask(question);
    stats.record(a.answered(), System.nanoTime() - t0);
    boolean group = !msg.isUserMessage();
    String html = a.answered()
        ? "<b>" + TelegramHtml.escape(question) + "</b>\n\n"
            + TelegramHtml.quote(a.quotes().get(0), answerer.get().likelyConfidence(), t)
        : t.get("notFound");
    InlineKeyboardMarkup kb = a.answered() ? answerButtons(buttons.put(msg.getChatId(), a), 0, a.quotes().size(), t) : null;
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
    Texts t = texts(iq.getFrom(), query.isEmpty() ? null : query);
    if (!query.isEmpty() && access.allows(iq.getFrom().getId())) {
      // Its own limit: Telegram sends a query per keystroke, which must not use up the user's questions.
      long wait = inlineRateLimit.tryAsk(iq.getFrom().getId());
      Answer a = wait > 0 ? null : answerer.get().ask(query);
      if (a != null && a.answered()) {
        for (int i = 0; i < a.quotes().size(); i++) {
          Quote q = a.quotes().get(i);
          String html = "<b>" + TelegramHtml.escape(query) + "</b>\n\n" + TelegramHtml.quote(q, answerer.get().likelyConfidence(), t);
          results.add(article(Integer.toString(i), shorten(q.text(), 60), q.source().title(), html));
        }
      } else {
        String why = t.get(a == null ? "inline.tooMany" : "inline.notFound");
        results.add(article("none", why, t.get("inline.tryOther"),
            "<b>" + TelegramHtml.escape(query) + "</b>\n\n" + (a == null ? why : t.get("notFound"))));
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
  private Optional<Message> reply(Message m, String html, InlineKeyboardMarkup keyboard) throws InterruptedException {
    if (html.length() > TelegramHtml.MAX_MESSAGE) {
      return sendLong(m.getChatId(), m.getMessageId(), isGroup(m), html);
    }
    return sender.send(message(m.getChatId(), html, keyboard, m.getMessageId()), isGroup(m), TelegramHtml.toPlain(html));
  }

  /** Sends a long text in parts; the first part's message, when Telegram took it. */
  private Optional<Message> sendLong(long chatId, Integer replyTo, boolean group, String html) throws InterruptedException {
    Optional<Message> first = null;
    for (String part : TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE)) {
      Optional<Message> sent = sender.send(message(chatId, part, null, replyTo), group, TelegramHtml.toPlain(part));
      first = first == null ? sent : first;
      replyTo = null;
    }
    return first == null ? Optional.empty() : first;
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
    return answerButtons(key, i, quotes, Texts.english());
  }

  /** As {@link #answerButtons(String, int, int)}, labelled in {@code t}'s language. */
  static InlineKeyboardMarkup answerButtons(String key, int i, int quotes, Texts t) {
    InlineKeyboardRow row = new InlineKeyboardRow();
    if (i + 1 < quotes) {
      row.add(InlineKeyboardButton.builder().text(t.get("button.more")).callbackData("m:" + key + ":" + (i + 1)).build());
    }
    row.add(InlineKeyboardButton.builder().text(t.get("button.fullPassage")).callbackData("f:" + key + ":" + i).build());
    return InlineKeyboardMarkup.builder().keyboardRow(row).build();
  }

  private static InlineKeyboardMarkup moreOnly(String key, int i, int quotes, Texts t) {
    if (i + 1 >= quotes) {
      return null;
    }
    InlineKeyboardRow row = new InlineKeyboardRow();
    row.add(InlineKeyboardButton.builder().text(t.get("button.more")).callbackData("m:" + key + ":" + (i + 1)).build());
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

  private String help(Texts t) {
    String name = TelegramHtml.escape(botUsername);
    return t.get("help", t.documents(answerer.get().sources().size()), TelegramHtml.escape(example(t)),
        botUsername.isEmpty() ? "" : t.get("help.mention", name),
        botUsername.isEmpty() ? t.get("help.myName") : "@" + name);
  }

  /** One page of /sources and its Prev/Next buttons. */
  record SourcesPage(String html, InlineKeyboardMarkup buttons) {}

  /** Page {@code page} (from 0, clamped) of the document list: one message, edited in place. */
  SourcesPage sourcesPage(int page) {
    return sourcesPage(page, Texts.english());
  }

  /** As {@link #sourcesPage(int)}, in {@code t}'s language. */
  SourcesPage sourcesPage(int page, Texts t) {
    List<Source> all = answerer.get().sources();
    int pages = Math.max(1, (all.size() + SOURCES_PER_PAGE - 1) / SOURCES_PER_PAGE);
    int p = Math.min(Math.max(0, page), pages - 1);
    StringBuilder sb = new StringBuilder("<b>" + t.get("sources.title") + "</b>");
    if (pages > 1) {
      sb.append(t.get("sources.page", all.size(), p + 1, pages));
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
      row.add(InlineKeyboardButton.builder().text(t.get("button.prev")).callbackData("s:" + (p - 1)).build());
    }
    if (p + 1 < pages) {
      row.add(InlineKeyboardButton.builder().text(t.get("button.next")).callbackData("s:" + (p + 1)).build());
    }
    return new SourcesPage(html, InlineKeyboardMarkup.builder().keyboardRow(row).build());
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
