package org.astanaqa.bot.telegram;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.bot.Conversations;
import org.astanaqa.bot.logging.ChatTag;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.reply.Texts;
import org.astanaqa.bot.telegram.http.TelegramClock;
import org.astanaqa.bot.telegram.receive.SentParts;
import org.astanaqa.bot.telegram.receive.UpdateDispatcher;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.util.LruMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * Routes one Telegram update: a message becomes a question or a command, a button press an action,
 * an inline query an {@link InlineAnswers} list. The answering itself is the retrieval module's;
 * the words are {@link Texts}' and {@link Wording}'s, the HTML {@link TelegramHtml}'s, the buttons
 * {@link Keyboards}'; {@link Messages} sends. Who may ask is {@link Access}'s to say, how often
 * {@link UserRateLimit}'s; the admins' commands are {@link AdminCommands}.
 */
final class UpdateHandler implements UpdateDispatcher.Handler {
  private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);

  /** Questions whose reply is remembered, so that editing the question edits the reply. */
  static final int REMEMBERED_REPLIES = 10_000;

  /**
   * A command: its name, the bot it names (or none) and what follows, on as many lines as the user
   * wrote (without DOTALL an /ask of several lines did not match, and its edit was ignored). As
   * Telegram's command entity, the name ends at the first character that is no letter, digit or
   * underscore: "/ask, who ...?" and "/ask: who ...?" are /ask, whose question had been read as the
   * unknown command "ask,".
   */
  private static final Pattern COMMAND =
      Pattern.compile("/(\\w+)(?:@(\\w+))?(?![\\w@])\\p{Punct}*\\s*(.*)", Pattern.DOTALL);

  /**
   * A command as {@link #COMMAND} reads it: its name, the bot it names (null for none) and what
   * follows. Text that starts with "/" and is no such command ("/", "/+", a name in another script)
   * is a command by its first word, named for the bot after an "@" in it, with nothing after it.
   */
  private record Command(String name, String bot, String args) {
    static Command of(String text) {
      java.util.regex.Matcher c = COMMAND.matcher(text);
      if (c.matches()) {
        return new Command(c.group(1), c.group(2), c.group(3).strip());
      }
      String first = text.split("\\s+", 2)[0].substring(1);
      int at = first.indexOf('@');
      return at < 0
          ? new Command(first, null, "")
          : new Command(first.substring(0, at), first.substring(at + 1), "");
    }
  }

  /** The user Telegram shows as the sender of an anonymous group admin's messages. */
  static final long GROUP_ANONYMOUS_BOT = 1087968824L;

  private final java.util.function.Supplier<QuestionAnswerer> answerer;
  private final Sender sender;
  private final Messages messages;
  private final ButtonStore buttons;
  private final UserRateLimit rateLimit;

  /**
   * A user's 👍 and 👎 a minute that are written ({@link #votes}); more are told to wait. A person
   * changes their mind a few times; each press is a line of about a kilobyte forced to disk, in a
   * file never compacted, and a thumb (or a client scripted to press) on one answer wrote a line
   * per press without a bound.
   */
  static final int VOTES_PER_MINUTE = 10;

  private final UserRateLimit votes;
  private final ScheduledExecutorService timers;
  private final List<String> examples;
  private final long botId;
  private final String botUsername;
  private final Access access;
  private final ChatTag chatTags;
  private final BotStats stats = new BotStats();
  private final FeedbackStore feedback;
  private final AdminCommands admin;
  private final InlineAnswers inline;
  private final SourcesPages sources;
  private final Wording wording;

  /** "chat/question id" to its reply; in memory only (an edit after a restart is answered anew). */
  private final Map<String, Messages.Shown> replies =
      java.util.Collections.synchronizedMap(new LruMap<>(REMEMBERED_REPLIES));

  /**
   * "chat/message id" to a hash of the text (or caption) last read in that message, so that an
   * edited_message that changes nothing is not taken for an edit ({@link #unchanged}); in memory.
   */
  private final Map<String, Long> readTexts =
      java.util.Collections.synchronizedMap(new LruMap<>(REMEMBERED_REPLIES));

  /** The versions of edited questions answered, kept across restarts ({@link #unchanged}). */
  private final QuestionEdits edits;

  /**
   * "chat/media_group_id" of the albums a message was read from, so that only an album's first
   * message is replied to when the others hold nothing to answer ({@link #laterInAlbum}); in
   * memory.
   */
  private final Map<String, Boolean> albums =
      java.util.Collections.synchronizedMap(new LruMap<>(REMEMBERED_REPLIES));

  /**
   * "chat/message id/callback data" of the "More" presses whose next quote was sent, or is being
   * sent, under that message ({@link #firstMore}); in memory.
   */
  private final Map<String, Boolean> moreShown =
      java.util.Collections.synchronizedMap(new LruMap<>(REMEMBERED_REPLIES));

  /**
   * "chat/message id/callback data" of the "Full passage" and /sources page presses whose content
   * went out as a new message below the pressed one (Telegram would not edit it, or the passage is
   * longer than a message): that message keeps its buttons, and a second press, a double tap's
   * above all, sent the same content again ({@link #editOrSend}); in memory, for a press while the
   * content is on its way. What was delivered is kept in the {@link ButtonStore} as well ({@link
   * #sentBelow(String)}), where a press again after a restart sent it once more.
   */
  private final Map<String, Boolean> sentBelow =
      java.util.Collections.synchronizedMap(new LruMap<>(REMEMBERED_REPLIES));

  /**
   * "chat/message id/callback data" of the example questions asked by a press, to when (nanos) it
   * was asked, so that a quick double tap asks once ({@link #firstAsk}); in memory.
   */
  private final Map<String, Long> examplesAsked =
      java.util.Collections.synchronizedMap(new LruMap<>(REMEMBERED_REPLIES));

  /**
   * How long after an example's press a press of the same button under the same message is the same
   * tap again: a double tap's second callback query comes within a second or two.
   */
  static final long EXAMPLE_TAP_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

  /** Each chat's last question and what each answer message answered, for follow-ups. */
  private final Conversations conversations;

  /** The bot's @name as a whole word: {@code @astana_qa_test_bot2} is another bot. */
  private final Pattern mention;

  /** Telegram's clock, which dates its messages; the host's may be wrong. */
  private final TelegramClock telegramClock;

  /**
   * Where "typing..." is sent, off the timer thread that ticks it: the bot's own pool, which its
   * stop ends ({@link TelegramRunner}); {@link Typing#SENDS} for a handler not given one.
   */
  private volatile java.util.concurrent.Executor typingSends = Typing.SENDS;

  /**
   * Sends "typing..." on {@code sends}: the bot's pool, shut down with its other threads at a stop;
   * for a test whose timers run on the thread that moves its time, that thread ({@code
   * Runnable::run}).
   */
  UpdateHandler typingSentOn(java.util.concurrent.Executor sends) {
    this.typingSends = sends;
    return this;
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
      AdminCommands.Reindexer reindexer,
      FeedbackStore feedback,
      QuestionEdits edits,
      ChatTag chatTags,
      Conversations conversations,
      TelegramClock telegramClock) {
    this.edits = edits;
    this.conversations = conversations;
    this.telegramClock = telegramClock;
    this.answerer = answerer;
    this.chatTags = chatTags;
    this.feedback = feedback;
    this.access = access;
    this.sender = sender;
    this.messages = new Messages(sender);
    this.buttons = buttons;
    this.rateLimit = rateLimit;
    this.timers = timers;
    this.examples = List.copyOf(examples);
    this.botId = botId;
    this.botUsername = botUsername == null ? "" : botUsername;
    this.admin = new AdminCommands(answerer, stats, feedback, reindexer);
    this.votes = rateLimit.another(VOTES_PER_MINUTE);
    this.inline = new InlineAnswers(answerer, sender, inlineRateLimit, access, examples);
    this.sources = new SourcesPages(answerer);
    this.wording = new Wording(examples, this.botUsername);
    this.mention =
        this.botUsername.isEmpty()
            ? null
            : Pattern.compile(
                "(?<![\\w@])@" + Pattern.quote(this.botUsername) + "(?!\\w)",
                Pattern.CASE_INSENSITIVE);
  }

  /** Handles one update; Telegram errors are handled by the sender, so this only throws on bugs. */
  @Override
  public void handle(Update u) throws InterruptedException {
    if (u.hasMessage()) {
      onMessage(u.getMessage(), false);
    } else if (u.hasEditedMessage()) {
      onMessage(u.getEditedMessage(), true);
    } else if (u.hasCallbackQuery()) {
      UpdateDispatcher.Work rest = onCallback(u.getCallbackQuery(), false);
      if (rest != null) {
        rest.run();
      }
    } else if (u.hasInlineQuery()) {
      inline.answer(u.getInlineQuery());
    } else {
      log.debug("update {} of another kind ignored", u.getUpdateId());
    }
  }

  /**
   * How long the reply to {@code u} would wait for its chat's turn ({@link Sender#messageTurnIn}):
   * a message the bot replies to, or what a press shows in its chat; 0 for anything else.
   */
  @Override
  public long turnInMillis(Update u) {
    Message m =
        u.hasMessage() ? u.getMessage() : u.hasEditedMessage() ? u.getEditedMessage() : null;
    long nanos = 0;
    if (m != null && m.getChat() != null && forUs(m)) {
      nanos = sender.messageTurnIn(m.getChatId(), Messages.isGroup(m));
    } else if (u.hasCallbackQuery() && u.getCallbackQuery().getMessage() != null) {
      MaybeInaccessibleMessage msg = u.getCallbackQuery().getMessage();
      nanos = sender.messageTurnIn(msg.getChatId(), !msg.isUserMessage());
    }
    return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /**
   * "typing..." while a new message the bot replies to waits for its chat's turn off the workers (a
   * busy group's next minute), as it was shown while the answer waited on a worker; nothing for an
   * edit (a reaction comes as one) or a press, nor for the message of a user over the question
   * limit who was told to wait already (no reply is coming: {@link UserRateLimit#silenced}).
   */
  @Override
  public AutoCloseable waitingForTurn(Update u) {
    if (!u.hasMessage() || u.getMessage().getChat() == null || !forUs(u.getMessage())) {
      return () -> {};
    }
    Message m = u.getMessage();
    long asker = askerOf(m);
    // Over the limit and told to wait already: no reply is coming, so no "typing..." either. Read
    // at each renewal, not once when the message came: its user may be told to wait while it waits
    // (an earlier message of theirs answered meanwhile), or the told wait may run out.
    return Typing.whileWaiting(
        timers,
        typingSends,
        sender,
        m.getChatId(),
        Messages.topicOf(m),
        () -> !rateLimit.silenced(asker));
  }

  /**
   * Tells the user that {@code u} could not be answered now, after its handling threw (the engine
   * failed, the index could not be read during a reindex...): without it a question got no reply
   * and a press's spinner turned until Telegram gave up. No detail of the failure is shown; the log
   * has it. A message the bot would not have replied to (group chatter, another bot's command) gets
   * nothing.
   */
  @Override
  public void failed(Update u, boolean pressAnswered, boolean tooOld) throws InterruptedException {
    Message m =
        u.hasMessage() ? u.getMessage() : u.hasEditedMessage() ? u.getEditedMessage() : null;
    if (m != null) {
      if (forUs(m)) {
        messages.reply(m, Wording.texts(m.getFrom(), textOf(m)).get("failed"), null);
      }
    } else if (u.hasCallbackQuery()) {
      CallbackQuery cq = u.getCallbackQuery();
      Texts t = Wording.texts(cq.getFrom(), null);
      MaybeInaccessibleMessage msg = cq.getMessage();
      if (!pressAnswered) {
        (tooOld ? messages.withoutAcks() : messages).ack(cq.getId(), t.get("failed"));
      } else if (msg != null) {
        // The press was answered; what it was to show in the chat failed: said there instead.
        messages.send(
            msg.getChatId(),
            t.get("failed"),
            null,
            msg.getMessageId(),
            threadOf(cq),
            !msg.isUserMessage());
      }
    } else if (u.hasInlineQuery() && !tooOld) {
      inline.failed(u.getInlineQuery());
    }
  }

  @Override
  public boolean repliesTo(Update u) {
    return u.hasMessage() && forUs(u.getMessage());
  }

  @Override
  public void busy(Update u) throws InterruptedException {
    Message m = u.getMessage();
    if (m != null && forUs(m)) {
      messages.reply(m, Wording.texts(m.getFrom(), textOf(m)).get("busy"), null);
    }
  }

  /**
   * Whether the bot replies to {@code m} at all: a private chat's message, or in a group it answers
   * in a command for it, a mention of it or a reply to it; never another bot's message nor one of
   * its own inline answers.
   */
  private boolean forUs(Message m) {
    if (sentViaUs(m) || fromABot(m) || automaticForward(m)) {
      return false;
    }
    if (isPrivate(m)) {
      return true;
    }
    if (!access.allows(m.getChatId(), sender::chatNow)) {
      return false; // a group the bot does not answer in
    }
    String raw = textOf(m);
    if (raw == null) {
      return false;
    }
    String text = raw.strip();
    if (text.startsWith("/")) {
      return commandForUs(text);
    }
    return replyToUs(m) || mentionRemoved(m, raw) != null;
  }

  /** One of the bot's own inline answers, sent into a chat by the user who picked it. */
  private boolean sentViaUs(Message m) {
    return m.getViaBot() != null && m.getViaBot().getId() != null && m.getViaBot().getId() == botId;
  }

  /**
   * A channel's post that Telegram forwarded by itself into the channel's linked discussion group
   * (Message, "is_automatic_forward: True, if the message is a channel post that was automatically
   * forwarded to the connected discussion group"). Nobody in the group wrote it, it comes from the
   * service account Telegram (no bot) and carries the channel as sender_chat, as an anonymous
   * admin's message does: a post that mentioned the bot or read as an /ask was answered in the
   * group as a member's question, and its every edit by the channel edited that answer.
   */
  private static boolean automaticForward(Message m) {
    return Boolean.TRUE.equals(m.getIsAutomaticForward());
  }

  /**
   * Another bot's message, or the bot's own echoed by a client; not an anonymous group admin, who
   * writes as a bot (GroupAnonymousBot) with sender_chat set.
   */
  private static boolean fromABot(Message m) {
    return m.getFrom() != null
        && Boolean.TRUE.equals(m.getFrom().getIsBot())
        && m.getSenderChat() == null;
  }

  private static boolean isPrivate(Message m) {
    return m.getChat() != null && Boolean.TRUE.equals(m.isUserMessage());
  }

  private boolean replyToUs(Message m) {
    Message to = repliedTo(m);
    return to != null
        && to.getFrom() != null
        && to.getFrom().getId() != null
        && to.getFrom().getId() == botId;
  }

  /**
   * The message {@code m} replies to, or null: none, or only the creation of the forum topic it is
   * in. Telegram gives every message of a topic as a reply to that service message (a topic is the
   * thread of its "forum_topic_created" message; reported in banteg/takopi#152 and
   * NousResearch/hermes-agent#51349), which its user never chose; in a topic the bot made, it read
   * as a reply to the bot, and chatter there was answered.
   */
  private static Message repliedTo(Message m) {
    Message to = m.getReplyToMessage();
    if (to == null
        || to.hasForumTopicCreated()
        || Boolean.TRUE.equals(m.getIsTopicMessage())
            && to.getMessageId() != null
            && to.getMessageId().equals(m.getMessageThreadId())) {
      return null;
    }
    return to;
  }

  /** A command ({@code text} starts with "/") for no bot by name, or for this one. */
  private boolean commandForUs(String text) {
    return forUs(Command.of(text));
  }

  private boolean forUs(Command c) {
    return c.bot() == null || c.bot().equalsIgnoreCase(botUsername);
  }

  /** The text of a group message that mentions the bot, the mention removed; null otherwise. */
  private String mentionRemoved(Message m, String raw) {
    return withoutMention(raw, m.hasText() ? m.getEntities() : m.getCaptionEntities());
  }

  /**
   * The forum topic a press's message is in, or null: the message's own, or, for one Telegram
   * reports inaccessible (which names none), the topic its buttons name or remember.
   */
  private Integer threadOf(CallbackQuery cq) {
    MaybeInaccessibleMessage msg = cq.getMessage();
    if (msg instanceof Message mm) {
      return Messages.topicOf(mm);
    }
    String[] parts = (cq.getData() == null ? "" : cq.getData()).split(":");
    if (parts.length >= 2 && (parts[0].equals("q") || parts[0].equals("s"))) {
      Integer topic = Keyboards.topicIn(parts);
      return topic != null && topic > 0 ? topic : null;
    }
    return msg == null || parts.length < 2
        ? null
        : buttons.topic(msg.getChatId(), parts[1], sender::chatNow, sender::movedHere);
  }

  /** A new message, or one edited ({@code edited}): an edited question edits the earlier reply. */
  private void onMessage(Message m, boolean edited) throws InterruptedException {
    if (m.getMigrateToChatId() != null) {
      sender.migrated(m.getChatId(), m.getMigrateToChatId()); // the group became a supergroup
      conversations.moved(m.getChatId(), m.getMigrateToChatId());
      return;
    }
    if (m.getMigrateFromChatId() != null) {
      // The same move, told in the supergroup (its first message, before any question there).
      sender.migrated(m.getMigrateFromChatId(), m.getChatId());
      conversations.moved(m.getMigrateFromChatId(), m.getChatId());
      return;
    }
    if (sentViaUs(m)) {
      // One of our inline answers, which its user picked and so sent into this chat: Telegram
      // delivers it to us (a private chat with the bot; in groups too, Bot FAQ: privacy mode bots
      // get "Messages sent via this bot"). It is an answer already, not a question: answered, it
      // got a second reply quoting whatever its text matched.
      return;
    }
    if (automaticForward(m)) {
      // The channel's own post, for members to comment on: no question to the bot. Members'
      // comments under it are messages of their own.
      log.debug("a channel post forwarded into its discussion group ignored");
      return;
    }
    if (unchanged(m, edited)) {
      log.debug("an edited_message that changes nothing (a reaction?) ignored");
      return;
    }
    boolean privateChat = isPrivate(m);
    User from = m.getFrom();
    if (fromABot(m)) {
      // Other bots, and our own messages echoed by a client, are never questions. An anonymous
      // group admin also writes as a bot (GroupAnonymousBot), with sender_chat set: a person.
      return;
    }
    if (!access.allows(m.getChatId(), sender::chatNow)) {
      if (privateChat) {
        replyWithinLimit(m, Wording.texts(from, textOf(m)).get("notAllowed"), null);
      }
      return;
    }
    boolean laterInAlbum = laterInAlbum(m, edited);
    String raw = textOf(m);
    if (raw == null) {
      // A sticker, a voice note, a photo without a caption: a hint in a private chat; in groups,
      // not for us. A service message (a pin, the chat's background or auto-delete timer set)
      // is nothing the user sent, and gets nothing; nor does an album's photo after its first.
      // An edit of such a message asks nothing new either: a live location's every move comes
      // as one, and the first move after a restart (the message no longer remembered) got the
      // hint again.
      if (privateChat && !edited && sentContent(m) && !laterInAlbum) {
        Texts t = Wording.texts(from, null);
        replyWithinLimit(m, t.get("textOnly", TelegramHtml.escape(wording.example(t))), null);
      }
      return;
    }
    String text = raw.strip();
    // an /ask command, for any bot name (told apart in onCommand)
    boolean ask = text.startsWith("/") && Command.of(text).name().equalsIgnoreCase("ask");
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
    String withoutMention = mentionRemoved(m, raw);
    if (withoutMention != null) {
      answer(m, withoutMention, edited, repliedQuestion(m));
    } else if (replyToUs(m)) {
      answer(m, text, edited, repliedQuestion(m));
    }
    // Other group chatter is not for us (with privacy mode on, Telegram does not even send it).
  }

  private void onCommand(Message m, String text, boolean privateChat, boolean edited)
      throws InterruptedException {
    Command c = Command.of(text);
    if (!forUs(c)) {
      return; // a command for another bot in the same group
    }
    String first = c.name();
    String args = c.args();
    Texts t = Wording.texts(m.getFrom(), args.isEmpty() ? null : args);
    switch (first.toLowerCase(Locale.ROOT)) {
      case "start" ->
          replyWithinLimit(
              m, t.get("greeting"), Keyboards.exampleButtons(examples, Messages.topicOf(m)));
      case "help" -> replyWithinLimit(m, wording.help(t, answerer.get().sources().size()), null);
      case "sources" -> {
        SourcesPages.Page page = sources.page(0, t, Messages.topicOf(m));
        replyWithinLimit(m, page.html(), page.buttons());
      }
      case "ask" -> {
        if (args.isEmpty()) {
          replyWithinLimit(m, t.get("askUsage", TelegramHtml.escape(wording.example(t))), null);
        } else {
          answer(m, args, edited, repliedQuestion(m));
        }
      }
      case "stats" -> adminOnly(m, privateChat, admin::stats);
      case "feedback" ->
          // It lists users' questions, asked in their private chats: never into a group, where
          // every member would read them.
          adminOnly(m, privateChat, privateChat ? admin::feedback : () -> UxTexts.FEEDBACK_PRIVATE);
      case "reindex" -> adminOnly(m, privateChat, admin::reindex);
      default -> unknownCommand(m, privateChat);
    }
  }

  /** An admin's command is answered; anyone else's is an unknown command. */
  private void adminOnly(
      Message m, boolean privateChat, java.util.function.Supplier<String> command)
      throws InterruptedException {
    if (access.isAdmin(m.getFrom())) {
      replyWithinLimit(m, command.get(), null);
    } else {
      unknownCommand(m, privateChat);
    }
  }

  private void unknownCommand(Message m, boolean privateChat) throws InterruptedException {
    if (privateChat) {
      replyWithinLimit(m, Wording.texts(m.getFrom(), null).get("unknownCommand"), null);
    }
  }

  /**
   * Who a message counts against in {@link UserRateLimit}: its user, or the chat an anonymous admin
   * (or a channel) speaks as, whose messages all share one limit.
   */
  private static long askerOf(Message m) {
    return m.getSenderChat() != null
        ? m.getSenderChat().getId()
        : m.getFrom() != null ? m.getFrom().getId() : m.getChatId();
  }

  /**
   * Whether the user of {@code m} may have a reply now: every reply counts against the user's
   * limit, not only answers. A hint, a greeting or a "you are welcome" is a message too, and
   * Telegram takes one a second in a chat (Bot FAQ, "My bot is hitting limits"): a flood of
   * stickers or "thanks" got a reply each, one a second, holding the chat's sending and a worker.
   * Over the limit, the user is told to wait once a wait ({@link UserRateLimit#tell}), and nothing
   * else is sent.
   */
  private boolean withinLimit(Message m, Texts t) throws InterruptedException {
    long userId = askerOf(m);
    long wait = rateLimit.tryAsk(userId);
    if (wait <= 0) {
      return true;
    }
    if (rateLimit.tell(userId, wait)) {
      messages.reply(m, t.get("rateLimited", wait), null);
    } else {
      log.debug("a message over the limit; its user was told to wait already");
    }
    return false;
  }

  /** Replies to {@code m} unless its user is over the limit ({@link #withinLimit}). */
  private void replyWithinLimit(Message m, String html, InlineKeyboardMarkup keyboard)
      throws InterruptedException {
    if (withinLimit(m, Wording.texts(m.getFrom(), textOf(m)))) {
      messages.reply(m, html, keyboard);
    }
  }

  /**
   * The question of the bot's answer that {@code m} replies to, or null: a reply to an answer is a
   * follow-up candidate however long ago the answer was. {@link Conversations#FORGOTTEN} for a
   * reply to a message of the bot's not remembered and older than the follow-up window.
   */
  private String repliedQuestion(Message m) {
    Message to = repliedTo(m);
    if (to == null
        || to.getFrom() == null
        || to.getFrom().getId() == null
        || to.getFrom().getId() != botId) {
      return null;
    }
    String q = conversations.questionOf(m.getChatId(), to.getMessageId());
    if (q == null && olderThanTheWindow(to, m)) {
      // An answer the bot no longer remembers (sent before a restart, or forgotten since): the
      // chat's last question, asked after it, was taken for what it answered.
      return Conversations.FORGOTTEN;
    }
    return q;
  }

  /**
   * Whether the bot's message {@code to} was sent longer before the reply {@code m} than a chat's
   * last question is followed up: then that question, if any, came after it and is not what it
   * answered. A message of the bot's just sent (a "You are welcome") is not.
   */
  private boolean olderThanTheWindow(Message to, Message m) {
    if (to.getDate() == null || to.getDate() <= 0) {
      return false;
    }
    long at = m.getDate() != null && m.getDate() > 0 ? m.getDate() : telegramClock.nowSeconds();
    return at - to.getDate()
        > java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(conversations.window());
  }

  /**
   * Whether an edited_message changes nothing the bot reads, and notes what {@code m} says.
   * Telegram sends an edited_message when nothing visible changed, for instance at a message's
   * first reaction (tdlib/telegram-bot-api#388: "There is no way to always avoid edited_message
   * updates without actual changes for bots"); taken for an edit, it was asked again and, after a
   * restart, answered a second time. Such an update has no edit_date when its author never edited
   * the message (Telegram's is 0, which the Bot API leaves out); when they did, it carries the
   * edit_date of their last edit and the text the bot read last, as remembered here for the last
   * {@link #REMEMBERED_REPLIES} messages, and, for the edited questions answered, in {@link
   * QuestionEdits} across restarts: after a restart the reaction to an edited question was answered
   * again, as a new reply.
   */
  private boolean unchanged(Message m, boolean edited) {
    String text = textOf(m);
    long hash =
        java.util
            .UUID
            .nameUUIDFromBytes(
                (text == null ? "" : text).getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .getMostSignificantBits();
    Long before = readTexts.put(m.getChatId() + "/" + m.getMessageId(), hash);
    if (!edited) {
      return false;
    }
    return m.getEditDate() == null
        || m.getEditDate() <= 0
        || before != null && before == hash
        || text != null && edits.actedOn(m.getChatId(), m.getMessageId(), text);
  }

  /**
   * Whether {@code m} is a message of an album (Message, "media_group_id") after the first one the
   * bot read, and notes the album. Telegram delivers an album as a message per photo or video, each
   * in an update of its own, the album's caption on the first only: a question asked as the caption
   * of three screenshots was answered and then got "I only answer text questions" twice, and an
   * album of ten photos ten hints. The first message is replied to (its caption answered, or the
   * hint); the others are not, unless a caption of their own asks something. An edit is of a
   * message read before.
   */
  private boolean laterInAlbum(Message m, boolean edited) {
    String album = m.getMediaGroupId();
    return album != null
        && !edited
        && albums.putIfAbsent(m.getChatId() + "/" + album, Boolean.TRUE) != null;
  }

  /**
   * Whether a message without text or caption holds something its user sent (a sticker, a voice
   * note, a photo...), rather than being a service message: in a private chat Telegram sends the
   * bot one when its user pins a message, sets the chat's background or auto-delete timer, or lets
   * it write (Message: pinned_message, chat_background_set, message_auto_delete_timer_changed,
   * write_access_allowed), and those had the "text questions only" hint as if a sticker had come.
   */
  private static boolean sentContent(Message m) {
    return m.hasSticker()
        || m.hasPhoto()
        || m.hasVoice()
        || m.hasVideo()
        || m.hasVideoNote()
        || m.hasAudio()
        || m.hasAnimation()
        || m.hasDocument()
        || m.hasContact()
        || m.hasLocation()
        || m.getVenue() != null
        || m.hasPoll()
        || m.hasDice()
        || m.hasStory()
        || m.hasGame()
        || m.hasPaidMedia()
        || m.hasChecklist();
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

  /**
   * Answers a question in the chat of {@code m}, as a reply to it, in its forum topic if any. An
   * edited question whose reply is remembered gets that reply edited instead. {@code repliedTo} is
   * the question of the bot's answer that {@code m} replies to, if any (a follow-up).
   */
  private void answer(Message m, String question, boolean edited, String repliedTo)
      throws InterruptedException {
    answerNow(m, question, edited, repliedTo);
    if (edited && m.getEditDate() != null && m.getEditDate() > 0) {
      // Kept once answered, as the update journal marks an update done once answered: a crash
      // before this answers the edit again after the restart (the journal holds it), one after
      // it does not, and an edit is never lost. A later update with this version (a reaction)
      // is no edit, also after a restart.
      edits.acted(m.getChatId(), m.getMessageId(), m.getEditDate(), textOf(m));
    }
  }

  private void answerNow(Message m, String question, boolean edited, String repliedTo)
      throws InterruptedException {
    long chatId = m.getChatId();
    Texts t = Wording.texts(m.getFrom(), question);
    if (!withinLimit(m, t)) {
      return;
    }
    if (QuestionAnswerer.asksNothing(question)) {
      // blank, or punctuation or emoji alone: it was searched and told "I could not find this"
      messages.reply(m, t.get("emptyQuestion", TelegramHtml.escape(wording.example(t))), null);
      return;
    }
    if (QuestionAnswerer.onlyThanks(question)) {
      // "thanks!" after an answer asks nothing: no quote about someone thanking someone, and the
      // conversation still follows on from the last question
      messages.reply(m, t.get("welcome"), null);
      return;
    }
    if (QuestionAnswerer.onlyGreets(question)) {
      // "hello" asks nothing either: greeted back, with an example of a question
      messages.reply(m, t.get("hello", TelegramHtml.escape(wording.example(t))), null);
      return;
    }
    long t0 = System.nanoTime();
    if (edited
        && (replies.containsKey(chatId + "/" + m.getMessageId())
            || SentParts.current().rewriting() != null)) {
      // Its reply is edited in place: no "typing...". Telegram clears it when a message of the
      // bot's arrives ("when a message arrives from your bot, Telegram clients clear its typing
      // status", sendChatAction), and an edit is none: the last one went on showing for up to 5 s
      // after the edit, announcing a message that never came. (None is shown for an edit while it
      // waits for its chat's turn either.)
      answerAndSend(m, question, edited, repliedTo, t, t0);
      return;
    }
    // "typing..." until the reply leaves, also while it waits for a busy group's next minute: the
    // sender closes it right before the first message or edit goes out (Typing).
    try (Typing typing = new Typing(timers, typingSends, sender, chatId, Messages.topicOf(m))) {
      answerAndSend(m, question, edited, repliedTo, t, t0);
    }
  }

  /** Answers {@code m} and sends (or edits in) the reply, while "typing..." is shown. */
  private void answerAndSend(
      Message m, String question, boolean edited, String repliedTo, Texts t, long t0)
      throws InterruptedException {
    long chatId = m.getChatId();
    // A follow-up this update was answered as before a restart (the conversation is kept in
    // memory only) is answered after the same question: alone, its reply read otherwise than the
    // parts Telegram had confirmed, and was sent again whole, two different answers in the chat.
    // Also a reply to an answer the restart made the bot forget, which is otherwise asked as it
    // stands.
    SentParts journaled = SentParts.current();
    String kept = journaled.answeredAfter();
    String after =
        kept != null && (repliedTo == null || Conversations.FORGOTTEN.equals(repliedTo))
            ? kept
            : repliedTo;
    // An edited question is answered in its place in the conversation, after the question that
    // came before it: the chat's last question had been its context, asked since or its own first
    // version ("who signed it?" edited after a question on the guarantors became "Who signed the
    // Astana guarantors?").
    Conversations.Turn turn =
        edited
            ? conversations.askAgain(
                answerer.get(),
                conversationOf(m),
                m.getMessageId(),
                question,
                after,
                answerer.get().settings().topN(),
                sentAt(m, true))
            : conversations.ask(
                answerer.get(),
                conversationOf(m),
                m.getMessageId(),
                question,
                after,
                answerer.get().settings().topN(),
                sentAt(m, false));
    Answer a = turn.answer();
    journaled.answeredAfter(turn.context()); // before any part of its reply goes out
    stats.record(a.answered(), System.nanoTime() - t0);
    String reply;
    InlineKeyboardMarkup kb;
    if (!turn.understood()) {
      reply = Wording.otherLanguage(m.getFrom(), turn.language());
      kb = null;
    } else if (!a.answered()) {
      reply = t.get("notFound");
      kb = null;
    } else {
      String key = buttons.put(chatId, Messages.topicOf(m), a);
      reply = TelegramHtml.answer(a, 0, answerer.get().likelyConfidence(), t);
      kb = Keyboards.answerButtons(key, 0, a, t);
    }
    String html = askedAgo(m, edited, t) + (turn.understood() ? answering(a, t) + reply : reply);
    String slot = chatId + "/" + m.getMessageId();
    // The reply to the question as it was, to be edited when the question is: every part of a
    // split one (before, a split reply was not remembered, and an edit of its question got a
    // second reply under the first, the old parts left as they were).
    Messages.Shown earlier = edited ? replies.get(slot) : null;
    if (edited && earlier == null && journaled.rewriting() != null) {
      // A rewrite of the reply that a restart (a kill -9, a stop after the drain) interrupted: its
      // messages, what each shows not known, are rewritten. Answered anew, the chat got a second
      // reply under the old one, some of whose parts showed the new answer and some the old.
      SentParts.Reply r = journaled.rewriting();
      earlier =
          new Messages.Shown(
              r.chat(),
              r.messageIds(),
              r.messageIds().stream().map(id -> Messages.PIECE).toList(),
              r.buttons());
    }
    if (earlier != null) {
      journaled.rewriting(
          new SentParts.Reply(earlier.chat(), earlier.messageIds(), earlier.buttons()));
    }
    List<String> parts = Messages.parts(html);
    Messages.Shown now = null;
    // One outage patience for the reply, also when the edit of the earlier one is refused after
    // a while and the question is answered anew: that new reply had 10 minutes of its own.
    Sender.Patience patience = sender.patience();
    if (earlier != null) {
      Messages.Rewritten done =
          messages.rewrite(
              earlier,
              parts,
              kb,
              Messages.topicOf(m),
              Messages.isGroup(m),
              t.get("replaced"),
              patience);
      if (done.outcome() == Messages.Edit.REFUSED) {
        earlier = null; // the reply was deleted, or cannot be edited: answer anew
      } else if (done.outcome() == Messages.Edit.FAILED) {
        // Telegram could not be reached, or the edit's answer was lost twice (it may be made):
        // a new reply would likely fail too, or show the answer twice.
        log.warn("the reply to an edited question could not be edited; not answered anew");
        // Some of its edits may have been made (an answer lost twice): what each message shows is
        // not known, so the next edit rewrites them all. Remembered as before, a part the lost edit
        // had changed was skipped as showing its text already, and the reply mixed two answers.
        replies.put(slot, earlier.unknown());
        return;
      } else {
        now = done.now();
      }
    }
    Optional<Integer> replyId = Optional.empty();
    long repliedIn = chatId; // the chat the reply is in: the supergroup, when the group became one
    List<Integer> shownIn = List.of(); // every message of the reply: a reply to any is a follow-up
    if (earlier == null) {
      Messages.Delivery delivery =
          messages.deliver(
              chatId,
              m.getMessageId(),
              Messages.topicOf(m),
              Messages.isGroup(m),
              parts,
              kb,
              patience);
      List<Message> sent = delivery.messages();
      if (!sent.isEmpty()) {
        Message r = sent.get(0);
        replyId = Optional.of(r.getMessageId());
        repliedIn = r.getChat() != null ? r.getChatId() : chatId;
        shownIn = sent.stream().map(Message::getMessageId).toList();
      }
      // Every message of it, also the pieces of a part Telegram found too long (before, a reply
      // with more messages than parts was not remembered, and an edit of its question got a
      // second reply under the old one): it is edited message by message.
      now = delivery.shownIn(repliedIn, kb != null);
    } else {
      replyId = Optional.of(now.messageIds().get(0));
      repliedIn = now.chat();
      shownIn = now.messageIds();
    }
    if (now != null) {
      replies.put(slot, now);
    }
    if (repliedIn != chatId) {
      // The group became a supergroup, learnt from this reply's refusal: its conversation goes on
      // there, where a follow-up had found no last question (it was the group's).
      conversations.moved(chatId, repliedIn);
    }
    // Each message of it, not only the first: a user replies to the part they read last, where
    // the buttons are.
    for (Integer id : shownIn) {
      conversations.answered(repliedIn, id, turn);
    }
    log.info(
        "{} chat {} in {} ms: {}{}{}",
        replyId.isPresent() ? "answered" : "could not deliver the answer to",
        chatTags.tag(chatId),
        (System.nanoTime() - t0) / 1_000_000,
        a.answered() ? "found" : "not found",
        earlier != null ? " (edited question, reply edited)" : "",
        turn.context() != null ? " (a follow-up)" : "");
  }

  /**
   * When {@code m} was sent ({@code edited}: edited), in nanoseconds of Telegram's clock, which
   * dates it: the follow-up window is the user's time ({@link Conversations#ask(
   * org.astanaqa.retrieval.QuestionAnswerer, Object, Object, String, String, int, long)}). Now on
   * that clock for a message without a date.
   */
  private long sentAt(Message m, boolean edited) {
    Integer at =
        edited && m.getEditDate() != null && m.getEditDate() > 0 ? m.getEditDate() : m.getDate();
    return TimeUnit.SECONDS.toNanos(at != null && at > 0 ? at : telegramClock.nowSeconds());
  }

  /**
   * The conversation {@code m} is part of, whose last question a follow-up may lean on: its chat,
   * or in a forum its topic (Message, "message_thread_id: Unique identifier of a message thread or
   * forum topic"). A topic is shown apart from the others and its members see nothing of them, yet
   * the chat's last question was the whole forum's: "who signed it?" in one topic was answered as a
   * follow-up of a question asked a minute before in another.
   */
  private Object conversationOf(Message m) {
    // A group's message read after it became a supergroup is the supergroup's conversation.
    return conversationOf(sender.chatNow(m.getChatId()), Messages.topicOf(m));
  }

  /** The conversation of chat {@code chat}, or of its forum topic {@code topic} (null: none). */
  private static Object conversationOf(long chat, Integer topic) {
    return topic == null ? (Object) chat : List.of(chat, topic);
  }

  /**
   * How long after its question an answer says when it was asked: {@value} seconds. A busy group's
   * answers go out one a second, 20 a minute (Bot FAQ), so a backlog of a few dozen takes minutes;
   * later than this the question waited at Telegram, or in the journal, while the bot was down.
   */
  static final long LATE_ANSWER_SECONDS = 10 * 60;

  /**
   * "You asked this 3 h ago..." and a blank line, for a question answered more than {@link
   * #LATE_ANSWER_SECONDS} after it was sent (an edited one: edited); empty otherwise. A question
   * that waited at Telegram while the bot was down (Telegram keeps it up to 24 hours) was answered
   * as if just asked, hours later, with nothing to say that it came late. Timed on Telegram's
   * clock, which dated the message: on the host's, a host whose clock was 3 hours ahead told every
   * user that a fresh question had waited 3 hours.
   */
  private String askedAgo(Message m, boolean edited, Texts t) {
    Integer at =
        edited && m.getEditDate() != null && m.getEditDate() > 0 ? m.getEditDate() : m.getDate();
    if (at == null || at <= 0) {
      return "";
    }
    long waited = telegramClock.nowSeconds() - at;
    if (waited < LATE_ANSWER_SECONDS) {
      return "";
    }
    String ago =
        waited < 2 * 3600 ? t.get("ago.minutes", waited / 60) : t.get("ago.hours", waited / 3600);
    return t.get("askedAgo", ago) + "\n\n";
  }

  /**
   * A follow-up's answer says which question it answered ("and Iran?" -> "Answering: When did Iran
   * join ...?"), on its first line and then a blank one; empty for a question answered as asked.
   * Every message that shows one of its quotes starts so (the answer, "More", "Full passage"):
   * "Full passage" replaced the whole answer, that line included, and "More" sent the next quote
   * without it, so the quote of "who signed it?" no longer said what "it" was.
   */
  private static String answering(Answer a, Texts t) {
    return a.resolved()
        .map(q -> t.get("answering", TelegramHtml.escape(Wording.shorten(q, 300))) + "\n\n")
        .orElse("");
  }

  /** Hands the query's lifetime left to the sender, which bounds the wait for its answer. */
  @Override
  public void answerWithin(Update u, long millis) {
    sender.answerWithin(
        u.hasCallbackQuery() ? u.getCallbackQuery().getId() : u.getInlineQuery().getId(), millis);
  }

  /**
   * Answers a button press and returns its edit or message, which the dispatcher sends in the
   * chat's order: paced as the chat's messages, it may wait for a busy group's next minute, and on
   * the presses' own workers that wait held every other press past Telegram's ~15 s.
   */
  @Override
  public UpdateDispatcher.Work press(Update u, boolean tooOld) throws InterruptedException {
    return onCallback(u.getCallbackQuery(), tooOld);
  }

  /**
   * A button press: its callback data is one of {@link Keyboards}' formats. The press is answered
   * here, unless {@code tooOld} (Telegram would refuse the answer); what it shows in the chat (an
   * edit, a message) is returned, or null when nothing.
   */
  private UpdateDispatcher.Work onCallback(CallbackQuery cq, boolean tooOld)
      throws InterruptedException {
    Messages messages = tooOld ? this.messages.withoutAcks() : this.messages;
    String data = cq.getData() == null ? "" : cq.getData();
    MaybeInaccessibleMessage msg = cq.getMessage();
    if (msg != null && !access.allows(msg.getChatId(), sender::chatNow)) {
      messages.ack(cq.getId(), Wording.texts(cq.getFrom(), null).get("chat.notAvailable"));
      return null;
    }
    String[] parts = data.split(":");
    // An example's or a /sources page's button names the forum topic its message went to: a
    // message Telegram reports inaccessible names none, and its reply went to the General topic.
    Integer sentTo = Keyboards.topicIn(parts);
    boolean listed = parts.length == 2 || sentTo != null && sentTo > 0;
    Integer where = threadOf(cq);
    if (listed && parts[0].equals("s") && msg != null) {
      int page = parseIndex(parts[1]);
      SourcesPages.Page p =
          page < 0 ? null : sources.page(page, Wording.texts(cq.getFrom(), null), where);
      if (p == null || shows(msg, p.html(), p.buttons())) {
        messages.ack(cq.getId(), null);
        return null;
      }
      String below = msg.getChatId() + "/" + msg.getMessageId() + "/" + data;
      if (sentBelow(below)) {
        messages.ack(cq.getId(), Wording.texts(cq.getFrom(), null).get("button.shownBelow"));
        return null;
      }
      // A page turn edits the message (or sends one) as "Full passage" does, and counts alike:
      // Prev and Next pressed again and again were an edit each, paced as the chat's messages,
      // unlimited; in a group every one took one of its 20 a minute from everyone's answers.
      if (overTheLimit(messages, cq)) {
        return null;
      }
      messages.ack(cq.getId(), null);
      return () -> editOrSend(msg, where, p.html(), p.buttons(), below);
    }
    if (listed && parts[0].equals("q") && msg != null) {
      int n = Keyboards.exampleIn(parts[1], examples);
      if (n < 0) {
        // An example the bot no longer offers (the examples changed since the button was sent):
        // said so, as for other stale buttons, rather than an empty toast or another question.
        messages.ack(cq.getId(), Wording.texts(cq.getFrom(), null).get("button.exampleExpired"));
        return null;
      }
      String asked = msg.getChatId() + "/" + msg.getMessageId() + "/" + data;
      if (!firstAsk(asked)) {
        // A double tap: its second callback query asked the question again, and the chat got the
        // same answer twice.
        messages.ack(cq.getId(), Wording.texts(cq.getFrom(), null).get("button.asked"));
        return null;
      }
      // An example asked by a press is a question like a typed one, and counts so: pressed
      // again and again, each press was a full answer, one a second in the chat.
      if (overTheLimit(messages, cq)) {
        examplesAsked.remove(asked); // nothing asked: a press once the wait is over asks
        return null;
      }
      messages.ack(cq.getId(), null);
      return () -> {
        boolean sent = false;
        try {
          sent = answerInChat(msg, examples.get(n), where, cq.getFrom());
        } finally {
          if (!sent) {
            examplesAsked.remove(asked); // not answered: a press again asks
          }
        }
      };
    }
    boolean vote =
        parts.length == 4 && parts[0].equals("v") && (parts[3].equals("u") || parts[3].equals("d"));
    if (!(vote || parts.length == 3 && (parts[0].equals("m") || parts[0].equals("f")))
        || msg == null) {
      messages.ack(cq.getId(), staleTexts(cq).get("button.gone"));
      return null;
    }
    // An answer sent to the supergroup its group became is pressed there (review 9). One sent
    // before a restart is read back from the data folder (ButtonStore.open). A vote is kept for
    // days, "More" and "Full passage" for the buttons' minutes: a 👍 pressed an hour after the
    // answer said "expired" and was lost.
    Optional<Answer> answer =
        vote
            ? buttons.forVote(msg.getChatId(), parts[1], sender::chatNow, sender::movedHere)
            : buttons.get(msg.getChatId(), parts[1], sender::chatNow, sender::movedHere);
    int i = parseIndex(parts[2]);
    if (answer.isEmpty() || i < 0 || i >= answer.get().quotes().size()) {
      // A vote too old to keep says that it was not saved, not to ask again: asking again does
      // not rate the old answer.
      messages.ack(
          cq.getId(),
          vote ? staleTexts(cq).get("vote.expired") : staleTexts(cq).get("button.expired"));
      return null;
    }
    Answer a = answer.get();
    Texts t = Wording.texts(cq.getFrom(), a.question());
    Quote q = a.quotes().get(i);
    if (vote) {
      long wait = cq.getFrom() != null ? votes.tryAsk(cq.getFrom().getId()) : 0;
      if (wait > 0) {
        messages.ack(cq.getId(), t.get("rateLimited", wait)); // not written
        return null;
      }
      // On disk before the user is told it is noted: a crash after the toast loses nothing. A press
      // the disk refused is not "noted": the user is told it was not saved, to press again later
      // (the store writes it with the next press the disk takes, but that may never come).
      boolean kept =
          feedback.record(
              new FeedbackStore.Feedback(
                  parts[1] + ":" + i,
                  chatTags.tag(msg.getChatId()),
                  parts[3].equals("u") ? "up" : "down",
                  java.time.Instant.now().toString(),
                  // A follow-up's question as answered: kept as typed, "who signed it?" became a
                  // regression question that asks nothing, and /feedback listed it so.
                  a.resolved().orElse(a.question()),
                  q.source().id(),
                  q.text(),
                  q.passage().text(),
                  a.confidence(),
                  // Each member of a group votes: keyed by the chat alone, every member's press
                  // replaced the one before, each member told "noted" all the same.
                  cq.getFrom() == null
                      ? null
                      : FeedbackStore.Feedback.voterOf(
                          chatTags.tag(msg.getChatId()), chatTags.tag(cq.getFrom().getId())),
                  a.resolved().isPresent() ? a.question() : null));
      messages.ack(cq.getId(), t.get(kept ? "vote.noted" : "vote.failed"));
      return null;
    }
    String more =
        parts[0].equals("m") ? msg.getChatId() + "/" + msg.getMessageId() + "/" + data : null;
    // Shown before a restart: the store keeps it with the answer (the marks below are in memory),
    // where a press again after a deploy sent the same quote again under the message.
    if (more != null && (buttons.wasShown(parts[1], moreMark(msg, parts)) || !firstMore(more))) {
      // Shown already, or on its way: a second tap shows nothing new, and costs nothing.
      messages.ack(cq.getId(), t.get("button.shown"));
      return null;
    }
    if (parts[0].equals("f")
        && sentBelow(msg.getChatId() + "/" + msg.getMessageId() + "/" + data)) {
      messages.ack(cq.getId(), t.get("button.shownBelow")); // the passage is in a message below
      return null;
    }
    UpdateDispatcher.Work work = moreOrFull(messages, msg, where, parts, i, a, t, more);
    // "More" sends a message in the chat and "Full passage" edits or sends, so a press counts
    // as a question does: pressed again and again, each was a message a second in the chat. A
    // press that shows nothing new (the passage already shown) costs the chat nothing.
    // Said in the answer's words, as its buttons are: a Russian question's "More" pressed over the
    // limit said "Please wait" in English to a user whose app is in another language.
    if (work != null && overTheLimit(messages, cq, t)) {
      if (more != null) {
        moreShown.remove(more); // nothing was shown: a press once the wait is over shows it
      }
      return null;
    }
    messages.ack(cq.getId(), null);
    return work;
  }

  /**
   * What the {@link ButtonStore} keeps of a "More" press whose quote was shown: the pressed
   * message's id and the quote's index (the key is the store's; a key is one chat's).
   */
  private static String moreMark(MaybeInaccessibleMessage msg, String[] parts) {
    return "m/" + msg.getMessageId() + "/" + parts[2];
  }

  /**
   * Whether a "More" press ({@code more}: "chat/message id/callback data") is the first to show its
   * quote under its message, and notes it. A quick double tap is two callback queries, both
   * delivered, each carrying the message as it was before either was answered: each sent the same
   * next quote, and the chat showed it twice. The mark goes again when the quote was not delivered
   * ({@link #moreOrFull}) or the press was over the limit, so that a press then shows it.
   */
  private boolean firstMore(String more) {
    return moreShown.putIfAbsent(more, Boolean.TRUE) == null;
  }

  /**
   * Whether an example's press ({@code asked}: "chat/message id/callback data") is the first of its
   * tap, and notes it: a quick double tap is two callback queries, each asked the question, and the
   * chat got its answer twice. A press of the same button {@link #EXAMPLE_TAP_NANOS} later asks
   * again. The mark goes again when the answer was not delivered or the press was over the limit.
   */
  private boolean firstAsk(String asked) {
    long now = System.nanoTime();
    synchronized (examplesAsked) {
      Long at = examplesAsked.get(asked);
      if (at != null && now - at < EXAMPLE_TAP_NANOS) {
        return false;
      }
      examplesAsked.put(asked, now);
      return true;
    }
  }

  /**
   * What a "More" ({@code m}) or "Full passage" ({@code f}) press shows in the chat: a message or
   * an edit, or null when the message already shows it. {@code more} is a "More" press's mark
   * ({@link #firstMore}), forgotten when its quote is not delivered.
   */
  private UpdateDispatcher.Work moreOrFull(
      Messages messages,
      MaybeInaccessibleMessage msg,
      Integer thread,
      String[] parts,
      int i,
      Answer a,
      Texts t,
      String more) {
    boolean group = !msg.isUserMessage();
    if (parts[0].equals("m")) {
      // A reply to the message whose button was pressed, so it stays in that thread (and topic).
      String html =
          answering(a, t) + TelegramHtml.answer(a, i, answerer.get().likelyConfidence(), t);
      InlineKeyboardMarkup kb = Keyboards.answerButtons(parts[1], i, a, t);
      return () -> {
        List<Message> sent = List.of();
        try {
          // In parts when the quote is longer than a message, as an answer is.
          sent = messages.sendParts(msg.getChatId(), html, kb, msg.getMessageId(), thread, group);
        } finally {
          if (sent.isEmpty()) {
            moreShown.remove(more); // not shown: a press again sends it
          }
        }
        if (!sent.isEmpty()) {
          buttons.markShown(parts[1], moreMark(msg, parts));
        }
        sent.forEach(r -> remember(msg.getChatId(), Optional.of(r), a));
      };
    }
    String full = answering(a, t) + TelegramHtml.fullPassage(a.quotes().get(i));
    InlineKeyboardMarkup kb = Keyboards.fullPassageButtons(parts[1], i, a.quotes().size(), t);
    String below = msg.getChatId() + "/" + msg.getMessageId() + "/" + String.join(":", parts);
    if (TelegramHtml.length(full) > TelegramHtml.MAX_MESSAGE) {
      // Too long to replace the answer: sent in parts below it, the buttons under the last.
      return () -> {
        if (sentBelow.putIfAbsent(below, Boolean.TRUE) != null) {
          return; // a double tap's second press: its first sent the passage
        }
        Optional<Message> sent = Optional.empty();
        try {
          sent = messages.sendLong(msg.getChatId(), msg.getMessageId(), thread, group, full, kb);
        } finally {
          if (sent.isEmpty()) {
            sentBelow.remove(below); // not shown: a press again sends it
          }
        }
        if (sent.isPresent()) {
          keepSentBelow(below);
        }
        remember(msg.getChatId(), sent, a);
      };
    }
    return shows(msg, full, kb)
        ? null
        : () -> remember(msg.getChatId(), editOrSend(msg, thread, full, kb, below), a);
  }

  /**
   * Remembers that {@code sent}, a message of the bot's, shows (part of) answer {@code a}: a reply
   * to it is a follow-up of {@code a}'s question, as a reply to the answer's first message is.
   * Telegram's reply_to_message names the message replied to, and only the first was remembered, so
   * a reply to a "More" message leaned on whatever the chat asked last.
   */
  private void remember(long chat, Optional<Message> sent, Answer a) {
    sent.ifPresent(
        r ->
            conversations.answered(
                r.getChat() != null ? r.getChatId() : chat, r.getMessageId(), a));
  }

  /**
   * Counts a press that sends or edits a message in the chat (an example question, "More", "Full
   * passage", a /sources page turn) against the user's question limit, as a typed question counts.
   * Over it, the press is answered with the "please wait" toast and true is returned: nothing is to
   * be shown in the chat. A toast costs the chat nothing, so it says to wait at every press over
   * the limit.
   */
  private boolean overTheLimit(Messages messages, CallbackQuery cq) throws InterruptedException {
    return overTheLimit(messages, cq, Wording.texts(cq.getFrom(), null));
  }

  /** As {@link #overTheLimit(Messages, CallbackQuery)}, the toast in {@code t}'s words. */
  private boolean overTheLimit(Messages messages, CallbackQuery cq, Texts t)
      throws InterruptedException {
    long wait = cq.getFrom() != null ? rateLimit.tryAsk(cq.getFrom().getId()) : 0;
    if (wait <= 0) {
      return false;
    }
    messages.ack(cq.getId(), t.get("rateLimited", wait));
    return true;
  }

  /**
   * Shows {@code html} in the message whose button was pressed, or, when Telegram will not edit it
   * (deleted since the press, reported inaccessible, "message can't be edited"), in a new message
   * replying to it in the same chat and topic, so that a press is never lost. A message the
   * callback query reports inaccessible (InaccessibleMessage, date 0) is not tried. Content sent so
   * is noted under {@code below} ({@link #sentBelow}): the pressed message keeps showing the
   * button, and a press again, a double tap's second above all (a press's work runs in its chat's
   * order, after the first's), shows nothing new and tries no edit Telegram would refuse again.
   */
  private Optional<Message> editOrSend(
      MaybeInaccessibleMessage msg,
      Integer thread,
      String html,
      InlineKeyboardMarkup kb,
      String below)
      throws InterruptedException {
    if (sentBelow.containsKey(below)) {
      return Optional.empty(); // sent below already, by the press before this one
    }
    if (msg instanceof Message) {
      Messages.Edit done = messages.edit(msg.getChatId(), msg.getMessageId(), html, kb);
      if (done != Messages.Edit.REFUSED) {
        return Optional.empty(); // shown, or Telegram unreachable (a new message would fail too)
      }
    }
    log.info(
        "chat {}: the pressed message cannot be edited; its content is sent as a new message",
        chatTags.tag(msg.getChatId()));
    sentBelow.put(below, Boolean.TRUE);
    Optional<Message> sent = Optional.empty();
    try {
      sent =
          messages.send(
              msg.getChatId(), html, kb, msg.getMessageId(), thread, !msg.isUserMessage());
    } finally {
      if (sent.isEmpty()) {
        sentBelow.remove(below); // not shown: a press again sends it
      }
    }
    if (sent.isPresent()) {
      keepSentBelow(below);
    }
    return sent;
  }

  /**
   * Whether the content of a press, {@code below} ("chat/message id/callback data"), went out below
   * the pressed message, or is on its way: noted in memory, or in the {@link ButtonStore} by this
   * process or one before a restart.
   */
  private boolean sentBelow(String below) {
    if (sentBelow.containsKey(below)) {
      return true;
    }
    int chatEnd = below.indexOf('/');
    return buttons.wasSentBelow(
        Long.parseLong(below.substring(0, chatEnd)), below.substring(chatEnd + 1));
  }

  /**
   * Keeps, once it was delivered, that the content of a press {@code below} went out below the
   * pressed message: on disk (forced), so that after a restart or a kill -9 a press again says
   * where it is rather than sends it once more.
   */
  private void keepSentBelow(String below) {
    int chatEnd = below.indexOf('/');
    buttons.markSentBelow(
        Long.parseLong(below.substring(0, chatEnd)), below.substring(chatEnd + 1));
  }

  /** The labels of an answer's buttons, the bot's own words in the answer's language. */
  private static final List<String> ANSWER_BUTTONS =
      List.of("button.more", "button.fullPassage", "button.prev", "button.next");

  /**
   * The words of a toast for a press whose answer the bot no longer holds (expired, from before a
   * restart, of a layout it no longer makes): in the pressed answer's language, which its buttons
   * tell, as the bot labelled them in it, else in the app's ({@code language_code}). A Russian
   * question asked from an app in another language is answered in Russian, its toasts too; its
   * stale buttons said "This answer has expired" in English.
   */
  private static Texts staleTexts(CallbackQuery cq) {
    if (cq.getMessage() instanceof Message m
        && m.getReplyMarkup() != null
        && m.getReplyMarkup().getKeyboard() != null) {
      for (var row : m.getReplyMarkup().getKeyboard()) {
        for (var b : row) {
          for (String language : Texts.SPOKEN) {
            Texts t = Texts.of(language);
            if (!language.equals("en")
                && ANSWER_BUTTONS.stream().anyMatch(k -> t.get(k).equals(b.getText()))) {
              return t;
            }
          }
        }
      }
    }
    return Wording.texts(cq.getFrom(), null);
  }

  /**
   * Whether the message already shows this text and these buttons (a second tap, or a stale button
   * that leads to the page shown): Telegram refuses such an edit, "message is not modified". The
   * callback query carries the message as it is now, its text after entity parsing.
   */
  private static boolean shows(MaybeInaccessibleMessage msg, String html, InlineKeyboardMarkup kb) {
    return msg instanceof Message m
        && m.getText() != null
        && m.getText().strip().equals(TelegramHtml.toPlain(html).strip())
        && java.util.Objects.equals(m.getReplyMarkup(), kb);
  }

  /**
   * Answers a question asked by pressing a button: a new message in that chat (and topic). Returns
   * whether it was delivered.
   */
  private boolean answerInChat(
      MaybeInaccessibleMessage msg, String question, Integer thread, User from)
      throws InterruptedException {
    long t0 = System.nanoTime();
    Texts t = Wording.texts(from, question);
    Answer a;
    List<Message> sent;
    // Shown until the reply leaves, as for a typed question (answerNow).
    try (Typing typing = new Typing(timers, typingSends, sender, msg.getChatId(), thread)) {
      a = answerer.get().ask(question);
      // The chat's last question, as a typed one is: "who signed it?" typed after the answer to
      // the example "When was the Sochi memorandum signed?" was asked alone.
      conversations.asked(
          conversationOf(msg.getChatId(), thread),
          a,
          TimeUnit.SECONDS.toNanos(telegramClock.nowSeconds())); // a press carries no date
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
          a.answered()
              ? Keyboards.answerButtons(buttons.put(msg.getChatId(), thread, a), 0, a, t)
              : null;
      // In parts when its quote is longer than a message, as a typed question's answer is.
      sent = messages.sendParts(msg.getChatId(), html, kb, null, thread, group);
      sent.forEach(r -> remember(msg.getChatId(), Optional.of(r), a));
    }
    log.info(
        "{} chat {} in {} ms: {}",
        !sent.isEmpty() ? "answered" : "could not deliver the answer to",
        chatTags.tag(msg.getChatId()),
        (System.nanoTime() - t0) / 1_000_000,
        a.answered() ? "found" : "not found");
    return !sent.isEmpty();
  }

  private static int parseIndex(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
