package org.astanaqa.bot.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.astanaqa.retrieval.util.LruMap;
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

  /** "typing..." is renewed this often: Telegram shows it 5 s, or until the bot's next message. */
  static final long TYPING_EVERY_MILLIS = 4000;

  /** Questions whose reply is remembered, so that editing the question edits the reply. */
  static final int REMEMBERED_REPLIES = 10_000;

  /** 👎 shown by /feedback at most: one message. */
  static final int FEEDBACK_SHOWN = 20;

  /** Inline results are cached by Telegram for this long (the corpus changes rarely). */
  private static final int INLINE_CACHE_SECONDS = 300;

  /**
   * Who may do what: admins may use /stats and /reindex; an allow-list, if set, limits the chats.
   */
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

    boolean restricted() {
      return !allowedChats.isEmpty();
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
  private final ChatTag chatTags;
  private final BotStats stats = new BotStats();
  private final FeedbackStore feedback;

  /** "chat/question id" to its reply; in memory only (an edit after a restart is answered anew). */
  private final Map<String, Reply> replies =
      java.util.Collections.synchronizedMap(new LruMap<>(REMEMBERED_REPLIES));

  /** Each chat's last question and what each answer message answered, for follow-ups. */
  private final Conversations conversations;

  /** The bot's @name as a whole word: {@code @astana_qa_test_bot2} is another bot. */
  private final Pattern mention;

  /** Documents per page of /sources: one message, whatever the corpus size. */
  static final int SOURCES_PER_PAGE = 15;

  /** The user Telegram shows as the sender of an anonymous group admin's messages. */
  static final long GROUP_ANONYMOUS_BOT = 1087968824L;

  UpdateHandler(
      java.util.function.Supplier<QuestionAnswerer> answerer,
      Sender sender,
      ButtonStore buttons,
      UserRateLimit rateLimit,
      UserRateLimit inlineRateLimit,
      ScheduledExecutorService timers,
      List<String> examples,
      long botId,
      String botUsername,
      Access access,
      Reindexer reindexer,
      FeedbackStore feedback,
      ChatTag chatTags) {
    this(
        answerer,
        sender,
        buttons,
        rateLimit,
        inlineRateLimit,
        timers,
        examples,
        botId,
        botUsername,
        access,
        reindexer,
        feedback,
        chatTags,
        new Conversations(TimeUnit.MINUTES.toNanos(5), System::nanoTime));
  }

  UpdateHandler(
      java.util.function.Supplier<QuestionAnswerer> answerer,
      Sender sender,
      ButtonStore buttons,
      UserRateLimit rateLimit,
      UserRateLimit inlineRateLimit,
      ScheduledExecutorService timers,
      List<String> examples,
      long botId,
      String botUsername,
      Access access,
      Reindexer reindexer,
      FeedbackStore feedback,
      ChatTag chatTags,
      Conversations conversations) {
    this.conversations = conversations;
    this.answerer = answerer;
    this.chatTags = chatTags;
    this.feedback = feedback;
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
    this.mention =
        this.botUsername.isEmpty()
            ? null
            : Pattern.compile(
                "(?<![\\w@])@" + Pattern.quote(this.botUsername) + "(?!\\w)",
                Pattern.CASE_INSENSITIVE);
  }

  /** Handles one update; Telegram errors are handled by the sender, so this only throws on bugs. */
  void handle(Update u) throws InterruptedException {
    if (u.hasMessage()) {
      onMessage(u.getMessage(), false);
    } else if (u.hasEditedMessage()) {
      onMessage(u.getEditedMessage(), true);
    } else if (u.hasCallbackQuery()) {
      onCallback(u.getCallbackQuery());
    } else if (u.hasInlineQuery()) {
      onInline(u.getInlineQuery());
    } else {
      log.debug("update {} of another kind ignored", u.getUpdateId());
    }
  }

  /** A new message, or one edited ({@code edited}): an edited question edits the earlier reply. */
  private void onMessage(Message m, boolean edited) throws InterruptedException {
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
      // A sticker, a voice note, a photo without a caption: a hint in a private chat; in groups,
      // not for us.
      if (privateChat) {
        Texts t = texts(from, null);
        reply(m, t.get("textOnly", TelegramHtml.escape(example(t))), null);
      }
      return;
    }
    String text = raw.strip();
    boolean ask = text.toLowerCase(Locale.ROOT).matches("/ask(@\\w+)?(\\s.*)?");
    if (edited && text.startsWith("/") && !ask) {
      return; // an edited command other than /ask was answered when it was sent
    }
    if (text.startsWith("/")) {
      onCommand(m, text, privateChat, edited);
      return;
    }
    if (privateChat) {
      answer(m, text, edited, repliedQuestion(m));
      return;
    }
    boolean replyToUs =
        m.getReplyToMessage() != null
            && m.getReplyToMessage().getFrom() != null
            && m.getReplyToMessage().getFrom().getId() != null
            && m.getReplyToMessage().getFrom().getId() == botId;
    String withoutMention =
        withoutMention(raw, m.hasText() ? m.getEntities() : m.getCaptionEntities());
    if (withoutMention != null) {
      answer(m, withoutMention, edited, repliedQuestion(m));
    } else if (replyToUs) {
      answer(m, text, edited, repliedQuestion(m));
    }
    // Other group chatter is not for us (with privacy mode on, Telegram does not even send it).
  }

  private void onCommand(Message m, String text, boolean privateChat, boolean edited)
      throws InterruptedException {
    String first = text.split("\\s+", 2)[0].substring(1);
    String args =
        text.length() > first.length() + 1 ? text.substring(first.length() + 1).strip() : "";
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
          answer(m, args, edited, repliedQuestion(m));
        }
      }
      case "stats" -> {
        if (access.isAdmin(m.getFrom())) {
          reply(m, TelegramHtml.escape(stats.summary() + " " + indexLine()), null);
        } else {
          unknownCommand(m, privateChat);
        }
      }
      case "feedback" -> {
        if (access.isAdmin(m.getFrom())) {
          reply(m, feedbackSummary(), null);
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
    boolean russianUser =
        from != null
            && from.getLanguageCode() != null
            && Texts.of(from.getLanguageCode()).language().equals(Languages.RUSSIAN);
    return Languages.RUSSIAN.equals(language) || russianUser
        ? Texts.of(Languages.RUSSIAN)
        : Texts.english();
  }

  /** An example question in the texts' language: the configured first one in English. */
  private String example(Texts t) {
    return t.language().equals("en") ? examples.get(0) : t.get("example");
  }

  /**
   * The question of the bot's answer that {@code m} replies to, or null: a reply to an answer is a
   * follow-up candidate however long ago the answer was.
   */
  private String repliedQuestion(Message m) {
    Message to = m.getReplyToMessage();
    if (to == null
        || to.getFrom() == null
        || to.getFrom().getId() == null
        || to.getFrom().getId() != botId) {
      return null;
    }
    return conversations.questionOf(m.getChatId(), to.getMessageId());
  }

  /** The index's size and how far its passage vectors are, for /stats. */
  private String indexLine() {
    org.astanaqa.retrieval.IndexReport r = answerer.get().report();
    String vectors =
        r.model() == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; passage vectors %d of %d (%.0f%%)",
                r.passagesWithVectors(),
                r.passages(),
                100.0 * r.passagesWithVectors() / Math.max(1, r.passages()));
    return String.format(
        Locale.ROOT, "Index: %d documents, %d passages%s.", r.documents(), r.passages(), vectors);
  }

  private String reindex() {
    try {
      String summary = reindexer.reindex();
      log.info("reindexed on an admin's request: {}", summary);
      return summary;
    } catch (Exception e) {
      log.error("reindex failed", e);
      return "Reindexing failed ("
          + Secrets.mask(String.valueOf(e.getMessage()))
          + "); the old index is still in use.";
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
        if ("mention".equals(e.getType())
            && e.getOffset() != null
            && e.getLength() != null
            && e.getOffset() + e.getLength() <= text.length()
            && text.substring(e.getOffset(), e.getOffset() + e.getLength())
                .equalsIgnoreCase("@" + botUsername)) {
          return (text.substring(0, e.getOffset()) + text.substring(e.getOffset() + e.getLength()))
              .strip();
        }
      }
    }
    Matcher matcher = mention.matcher(text);
    return matcher.find()
        ? (text.substring(0, matcher.start()) + text.substring(matcher.end())).strip()
        : null;
  }

  /** The reply sent to a question: its message id and text, to be edited when the question is. */
  private record Reply(int messageId, String html, boolean buttons) {}

  /**
   * Answers a question in the chat of {@code m}, as a reply to it, in its forum topic if any. An
   * edited question whose reply is remembered gets that reply edited instead. {@code repliedTo} is
   * the question of the bot's answer that {@code m} replies to, if any (a follow-up).
   */
  private void answer(Message m, String question, boolean edited, String repliedTo)
      throws InterruptedException {
    long chatId = m.getChatId();
    Texts t = texts(m.getFrom(), question);
    // An anonymous admin (or a channel) speaks as its chat; all of them share its limit.
    long userId =
        m.getSenderChat() != null
            ? m.getSenderChat().getId()
            : m.getFrom() != null ? m.getFrom().getId() : chatId;
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
    Conversations.Turn turn;
    try (Typing typing = new Typing(chatId, topicOf(m))) {
      turn =
          conversations.ask(
              answerer.get(), chatId, question, repliedTo, answerer.get().settings().topN());
    }
    Answer a = turn.answer();
    stats.record(a.answered(), System.nanoTime() - t0);
    String reply;
    InlineKeyboardMarkup kb;
    if (!turn.understood()) {
      reply = otherLanguage(m.getFrom(), turn.language());
      kb = null;
    } else if (!a.answered()) {
      reply = t.get("notFound");
      kb = null;
    } else {
      String key = buttons.put(chatId, a);
      reply = TelegramHtml.answer(a, 0, answerer.get().likelyConfidence(), t);
      kb = answerButtons(key, 0, a, t);
    }
    // A follow-up says which question it answered ("and Iran?" -> "When did Iran join ...?").
    String html =
        turn.understood() && a.resolved().isPresent()
            ? t.get("answering", TelegramHtml.escape(shorten(a.resolved().get(), 300)))
                + "\n\n"
                + reply
            : reply;
    String slot = chatId + "/" + m.getMessageId();
    Reply earlier = edited ? replies.get(slot) : null;
    if (earlier != null && html.length() <= TelegramHtml.MAX_MESSAGE) {
      // Telegram refuses an edit that changes nothing (400 "message is not modified").
      if (!(html.equals(earlier.html()) && kb == null && !earlier.buttons())) {
        EditMessageText edit =
            EditMessageText.builder()
                .chatId(chatId)
                .messageId(earlier.messageId())
                .text(html)
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .replyMarkup(kb)
                .build();
        if (sender.execute(edit).isEmpty()) {
          earlier = null; // the reply was deleted, or is too old to edit: answer anew
        }
      }
    } else {
      earlier = null;
    }
    Optional<Integer> replyId;
    if (earlier == null) {
      Optional<Message> sent = reply(m, html, kb);
      replyId = sent.map(Message::getMessageId);
      if (html.length() <= TelegramHtml.MAX_MESSAGE) {
        sent.ifPresent(r -> replies.put(slot, new Reply(r.getMessageId(), html, kb != null)));
      }
    } else {
      replyId = Optional.of(earlier.messageId());
      replies.put(slot, new Reply(earlier.messageId(), html, kb != null));
    }
    replyId.ifPresent(id -> conversations.answered(chatId, id, turn));
    log.info(
        "answered chat {} in {} ms: {}{}{}",
        chatTags.tag(chatId),
        (System.nanoTime() - t0) / 1_000_000,
        a.answered() ? "found" : "not found",
        earlier != null ? " (edited question, reply edited)" : "",
        turn.context() != null ? " (a follow-up)" : "");
  }

  /**
   * "I understand English and Russian" in the user's language where there is a text for it, else in
   * the question's, else in English.
   */
  private static String otherLanguage(User from, String questionLanguage) {
    Texts t =
        from != null
                && from.getLanguageCode() != null
                && Texts.of(from.getLanguageCode()).has("otherLanguage")
            ? Texts.of(from.getLanguageCode())
            : Texts.of(questionLanguage).has("otherLanguage")
                ? Texts.of(questionLanguage)
                : Texts.english();
    return t.get("otherLanguage", TelegramHtml.escape(Texts.english().get("example")));
  }

  /**
   * "typing..." while an answer takes longer than {@link #TYPING_AFTER_MILLIS}, renewed every
   * {@link #TYPING_EVERY_MILLIS} until closed, and never after: closing waits for a chat action
   * being sent, so the reply that follows is the last thing the chat sees.
   */
  private final class Typing implements AutoCloseable {
    private final long chatId;
    private final Integer thread;
    private final ScheduledFuture<?> task;
    private boolean closed;

    Typing(long chatId, Integer thread) {
      this.chatId = chatId;
      this.thread = thread;
      this.task =
          timers.scheduleAtFixedRate(
              this::tick, TYPING_AFTER_MILLIS, TYPING_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void tick() {
      if (closed) {
        return;
      }
      try {
        sender.execute(
            SendChatAction.builder()
                .chatId(chatId)
                .messageThreadId(thread)
                .action("typing")
                .build());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public synchronized void close() {
      closed = true;
      if (task != null) {
        task.cancel(false);
      }
    }
  }

  private void onCallback(CallbackQuery cq) throws InterruptedException {
    String data = cq.getData() == null ? "" : cq.getData();
    MaybeInaccessibleMessage msg = cq.getMessage();
    if (msg != null && !access.allows(msg.getChatId())) {
      ack(cq, texts(cq.getFrom(), null).get("chat.notAvailable"));
      return;
    }
    Integer thread = msg instanceof Message mm ? topicOf(mm) : null;
    String[] parts = data.split(":");
    if (parts.length == 2 && parts[0].equals("s") && msg != null) {
      ack(cq, null);
      int page = parseIndex(parts[1]);
      if (page >= 0) {
        SourcesPage p = sourcesPage(page, texts(cq.getFrom(), null));
        sender.execute(
            EditMessageText.builder()
                .chatId(msg.getChatId())
                .messageId(msg.getMessageId())
                .text(p.html())
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .replyMarkup(p.buttons())
                .build());
      }
      return;
    }
    if (parts.length == 2 && parts[0].equals("q") && msg != null) {
      ack(cq, null);
      int n = parseIndex(parts[1]);
      if (n >= 0 && n < examples.size()) {
        answerInChat(msg, examples.get(n), thread, cq.getFrom());
      }
      return;
    }
    boolean vote =
        parts.length == 4 && parts[0].equals("v") && (parts[3].equals("u") || parts[3].equals("d"));
    if (!(vote || parts.length == 3 && (parts[0].equals("m") || parts[0].equals("f")))
        || msg == null) {
      ack(cq, texts(cq.getFrom(), null).get("button.gone"));
      return;
    }
    Optional<Answer> answer = buttons.get(msg.getChatId(), parts[1]);
    int i = parseIndex(parts[2]);
    if (answer.isEmpty() || i < 0 || i >= answer.get().quotes().size()) {
      ack(cq, texts(cq.getFrom(), null).get("button.expired"));
      return;
    }
    Answer a = answer.get();
    Texts t = texts(cq.getFrom(), a.question());
    Quote q = a.quotes().get(i);
    if (vote) {
      // On disk before the user is told it is noted: a crash after the toast loses nothing.
      feedback.record(
          new FeedbackStore.Feedback(
              parts[1] + ":" + i,
              chatTags.tag(msg.getChatId()),
              parts[3].equals("u") ? "up" : "down",
              java.time.Instant.now().toString(),
              a.question(),
              q.source().id(),
              q.text(),
              q.passage().text(),
              a.confidence()));
      ack(cq, t.get("vote.noted"));
      return;
    }
    ack(cq, null);
    boolean group = !msg.isUserMessage();
    if (parts[0].equals("m")) {
      // A reply to the message whose button was pressed, so it stays in that thread (and topic).
      String html = TelegramHtml.answer(a, i, answerer.get().likelyConfidence(), t);
      sender.send(
          message(
              msg.getChatId(), html, answerButtons(parts[1], i, a, t), msg.getMessageId(), thread),
          group,
          TelegramHtml.toPlain(html));
      return;
    }
    String full = TelegramHtml.fullPassage(q);
    if (full.length() > TelegramHtml.MAX_MESSAGE) {
      sendLong(msg.getChatId(), msg.getMessageId(), thread, group, full);
      return;
    }
    EditMessageText edit =
        EditMessageText.builder()
            .chatId(msg.getChatId())
            .messageId(msg.getMessageId())
            .text(full)
            .parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
            .replyMarkup(
                keyboard(moreButton(parts[1], i, a.quotes().size(), t), votes(parts[1], i)))
            .build();
    sender.execute(edit);
  }

  /** Answers a question asked by pressing a button: a new message in that chat (and topic). */
  private void answerInChat(
      MaybeInaccessibleMessage msg, String question, Integer thread, User from)
      throws InterruptedException {
    long t0 = System.nanoTime();
    Texts t = texts(from, question);
    Answer a;
    try (Typing typing = new Typing(msg.getChatId(), thread)) {
      a = answerer.get().ask(question);
    }
    stats.record(a.answered(), System.nanoTime() - t0);
    boolean group = !msg.isUserMessage();
    String html =
        a.answered()
            ? "<b>"
                + TelegramHtml.escape(question)
                + "</b>\n\n"
                + TelegramHtml.quote(a.quotes().get(0), answerer.get().likelyConfidence(), t)
            : t.get("notFound");
    InlineKeyboardMarkup kb =
        a.answered() ? answerButtons(buttons.put(msg.getChatId(), a), 0, a, t) : null;
    sender.send(
        message(msg.getChatId(), html, kb, null, thread), group, TelegramHtml.toPlain(html));
    log.info(
        "answered chat {} in {} ms: {}",
        chatTags.tag(msg.getChatId()),
        (System.nanoTime() - t0) / 1_000_000,
        a.answered() ? "found" : "not found");
  }

  private void ack(CallbackQuery cq, String text) throws InterruptedException {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b =
        AnswerCallbackQuery.builder().callbackQueryId(cq.getId());
    if (text != null) {
      b.text(text);
    }
    sender.execute(b.build());
  }

  /** An admin's /feedback: the latest 👎 with their questions, in one message. */
  private String feedbackSummary() {
    int[] counts = feedback.counts();
    List<FeedbackStore.Feedback> down = feedback.latestDown(FEEDBACK_SHOWN);
    if (down.isEmpty()) {
      return String.format(Locale.ROOT, UxTexts.FEEDBACK_NONE, counts[0]);
    }
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT, UxTexts.FEEDBACK_HEADING, down.size(), counts[0], counts[1]));
    for (FeedbackStore.Feedback f : down) {
      String line =
          "\n"
              + String.format(
                  Locale.ROOT,
                  UxTexts.FEEDBACK_LINE,
                  TelegramHtml.escape(shorten(f.question(), 200)),
                  TelegramHtml.escape(f.doc()),
                  f.confidence(),
                  TelegramHtml.escape(f.at().substring(0, Math.min(16, f.at().length()))));
      if (sb.length() + line.length() > TelegramHtml.MAX_MESSAGE) {
        break; // capped to one message; the export command has them all
      }
      sb.append(line);
    }
    return sb.toString();
  }

  private void onInline(InlineQuery iq) throws InterruptedException {
    String query = iq.getQuery() == null ? "" : iq.getQuery().strip();
    List<InlineQueryResult> results = new ArrayList<>();
    Texts t = texts(iq.getFrom(), query.isEmpty() ? null : query);
    boolean limited = false;
    if (query.isEmpty() && access.allows(iq.getFrom().getId())) {
      // Nothing typed yet: the example questions, each sharing its answer when tapped.
      for (int i = 0; i < examples.size(); i++) {
        Answer a = answerer.get().ask(examples.get(i));
        String html =
            "<b>"
                + TelegramHtml.escape(examples.get(i))
                + "</b>\n\n"
                + (a.answered()
                    ? TelegramHtml.quote(a.quotes().get(0), answerer.get().likelyConfidence(), t)
                    : t.get("notFound"));
        results.add(
            article("example" + i, shorten(examples.get(i), 60), t.get("inline.example"), html));
      }
    } else if (!query.isEmpty() && access.allows(iq.getFrom().getId())) {
      // Its own limit: Telegram sends a query per keystroke, which must not use up the user's
      // questions.
      long wait = inlineRateLimit.tryAsk(iq.getFrom().getId());
      limited = wait > 0;
      Answer a = limited ? null : answerer.get().ask(query);
      if (a != null && a.answered()) {
        for (int i = 0; i < a.quotes().size(); i++) {
          Quote q = a.quotes().get(i);
          String html =
              "<b>"
                  + TelegramHtml.escape(query)
                  + "</b>\n\n"
                  + TelegramHtml.quote(q, answerer.get().likelyConfidence(), t);
          results.add(
              article(Integer.toString(i), shorten(q.text(), 60), q.source().title(), html));
        }
      } else {
        String why = t.get(a == null ? "inline.tooMany" : "inline.notFound");
        results.add(
            article(
                "none",
                why,
                t.get("inline.tryOther"),
                "<b>"
                    + TelegramHtml.escape(query)
                    + "</b>\n\n"
                    + (a == null ? why : t.get("notFound"))));
      }
    }
    // Telegram caches inline results per query for everyone unless they are personal: an allow
    // list or a "wait a moment" must not reach other users from that cache.
    boolean personal = access.restricted() || limited;
    sender.execute(
        AnswerInlineQuery.builder()
            .inlineQueryId(iq.getId())
            .results(results)
            .cacheTime(limited ? 0 : INLINE_CACHE_SECONDS)
            .isPersonal(personal)
            .build());
  }

  private static InlineQueryResultArticle article(
      String id, String title, String description, String html) {
    return InlineQueryResultArticle.builder()
        .id(id)
        .title(title)
        .description(shorten(description, 100))
        .inputMessageContent(
            InputTextMessageContent.builder()
                .messageText(
                    html.length() > TelegramHtml.MAX_MESSAGE
                        ? TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE).get(0)
                        : html)
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .build())
        .build();
  }

  /**
   * Sends a reply to {@code m} in its forum topic, if any: HTML, no link preview, split when longer
   * than Telegram allows. Returns the message sent (the first part of a split one), or empty when
   * it was not delivered.
   */
  private Optional<Message> reply(Message m, String html, InlineKeyboardMarkup keyboard)
      throws InterruptedException {
    if (html.length() > TelegramHtml.MAX_MESSAGE) {
      return sendLong(m.getChatId(), m.getMessageId(), topicOf(m), isGroup(m), html);
    }
    return sender.send(
        message(m.getChatId(), html, keyboard, m.getMessageId(), topicOf(m)),
        isGroup(m),
        TelegramHtml.toPlain(html));
  }

  /** Sends a long text in parts; the first part's message, when Telegram took it. */
  private Optional<Message> sendLong(
      long chatId, Integer replyTo, Integer thread, boolean group, String html)
      throws InterruptedException {
    Optional<Message> first = null;
    for (String part : TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE)) {
      Optional<Message> sent =
          sender.send(
              message(chatId, part, null, replyTo, thread), group, TelegramHtml.toPlain(part));
      first = first == null ? sent : first;
      replyTo = null;
    }
    return first == null ? Optional.empty() : first;
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

  /**
   * Buttons under quote {@code i}: "More" when quotes remain after it, "Full passage" when its
   * passage holds more than the quote, then 👍 and 👎.
   */
  static InlineKeyboardMarkup answerButtons(String key, int i, Answer a) {
    return answerButtons(key, i, a, Texts.english());
  }

  /** As {@link #answerButtons(String, int, Answer)}, labelled in {@code t}'s language. */
  static InlineKeyboardMarkup answerButtons(String key, int i, Answer a, Texts t) {
    InlineKeyboardRow row = moreButton(key, i, a.quotes().size(), t);
    Quote q = a.quotes().get(i);
    if (!q.passage().text().strip().equals(q.text().strip())) {
      if (row == null) {
        row = new InlineKeyboardRow();
      }
      row.add(
          InlineKeyboardButton.builder()
              .text(t.get("button.fullPassage"))
              .callbackData("f:" + key + ":" + i)
              .build());
    }
    return keyboard(row, votes(key, i));
  }

  /** "More" when quotes remain after {@code i}; null otherwise. */
  private static InlineKeyboardRow moreButton(String key, int i, int quotes, Texts t) {
    if (i + 1 >= quotes) {
      return null;
    }
    InlineKeyboardRow row = new InlineKeyboardRow();
    row.add(
        InlineKeyboardButton.builder()
            .text(t.get("button.more"))
            .callbackData("m:" + key + ":" + (i + 1))
            .build());
    return row;
  }

  /** 👍 and 👎 for quote {@code i} of the answer behind {@code key}. */
  private static InlineKeyboardRow votes(String key, int i) {
    InlineKeyboardRow row = new InlineKeyboardRow();
    row.add(
        InlineKeyboardButton.builder()
            .text(UxTexts.VOTE_UP)
            .callbackData("v:" + key + ":" + i + ":u")
            .build());
    row.add(
        InlineKeyboardButton.builder()
            .text(UxTexts.VOTE_DOWN)
            .callbackData("v:" + key + ":" + i + ":d")
            .build());
    return row;
  }

  private static InlineKeyboardMarkup keyboard(InlineKeyboardRow... rows) {
    InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> kb = InlineKeyboardMarkup.builder();
    for (InlineKeyboardRow r : rows) {
      if (r != null && !r.isEmpty()) {
        kb.keyboardRow(r);
      }
    }
    return kb.build();
  }

  private InlineKeyboardMarkup exampleButtons() {
    InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> kb = InlineKeyboardMarkup.builder();
    for (int i = 0; i < examples.size(); i++) {
      // Button labels may be long; callback data stays a few bytes ("q:0").
      kb.keyboardRow(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(shorten(examples.get(i), 60))
                  .callbackData("q:" + i)
                  .build()));
    }
    return kb.build();
  }

  private String help(Texts t) {
    String name = TelegramHtml.escape(botUsername);
    return t.get(
        "help",
        t.documents(answerer.get().sources().size()),
        TelegramHtml.escape(example(t)),
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
    for (Source s :
        all.subList(p * SOURCES_PER_PAGE, Math.min(all.size(), (p + 1) * SOURCES_PER_PAGE))) {
      sb.append("\n").append(TelegramHtml.sourceLine(s).substring(2)).append('\n');
    }
    String html = sb.toString();
    if (html.length() > TelegramHtml.MAX_MESSAGE) {
      html =
          TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE)
              .get(0); // very long titles: the page's start
    }
    if (pages == 1) {
      return new SourcesPage(html, null);
    }
    InlineKeyboardRow row = new InlineKeyboardRow();
    if (p > 0) {
      row.add(
          InlineKeyboardButton.builder()
              .text(t.get("button.prev"))
              .callbackData("s:" + (p - 1))
              .build());
    }
    if (p + 1 < pages) {
      row.add(
          InlineKeyboardButton.builder()
              .text(t.get("button.next"))
              .callbackData("s:" + (p + 1))
              .build());
    }
    return new SourcesPage(html, InlineKeyboardMarkup.builder().keyboardRow(row).build());
  }

  private static boolean isGroup(Message m) {
    return m.getChat() != null
        && (Boolean.TRUE.equals(m.isGroupMessage())
            || Boolean.TRUE.equals(m.isSuperGroupMessage()));
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
}
