package org.astanaqa.bot.telegram.send;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.astanaqa.bot.logging.Secrets;
import org.astanaqa.bot.render.TelegramHtml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageCaption;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends Bot API methods with Telegram's flow control: every call and every retry waits its turn
 * ({@link Throttle}), waits out 429 {@code retry_after} (with up to a second of jitter; a 429 on a
 * call to a chat holds every worker's calls until then, {@link Throttle#pauseFor}, one on a chat
 * action its chat's calls only, {@link Throttle#pauseChatFor}; any one that method's calls to the
 * chat for all of its retry_after, {@link Throttle#pauseChatMethodFor}), retries 5xx (the Bot API's
 * JSON, or the HTML page of the nginx in front of it: {@link ErrorPages}) and connection failures
 * with jittered exponential backoff (a few times; a reply for as long as an outage may last, {@link
 * #OUTAGE_PATIENCE_NANOS}), resends as plain text when Telegram cannot parse the HTML, splits a
 * message Telegram finds too long, follows a group's move to a supergroup ({@code
 * migrate_to_chat_id}), and gives up quietly on 403 (blocked by the user). Nothing here throws for
 * a Telegram error: a message that cannot be delivered is logged.
 *
 * <p>Duplicates: the Bot API has no idempotency key, so a call whose request went out but whose
 * answer never came (a timeout, a connection dropped mid-answer, an unreadable answer) may have
 * been carried out, and so may a reply answered by nginx's 504 (the Bot API behind it was slow, not
 * idle). Such a call is sent again at most once, with a longer timeout; a call that never left
 * (connection refused, DNS) is retried like a 5xx. A message resent so may be seen twice, which is
 * logged at WARN; an edit resent so is no duplicate: Telegram answers "message is not modified",
 * which {@link #attempt} reports as done. A button's or inline query's answer is taken by Telegram
 * only while the query lives (about 15 s from the press, {@link #answerWithin}): it is waited for,
 * and tried again, only until then; when a try that may have arrived is followed by the query's
 * end, by "query is too old" (said of a query answered already as of one expired), or by a retry
 * that gets no answer or a 5xx too, its outcome is not known and logged so, at INFO, not as not
 * delivered.
 */
public final class Sender {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);

  /**
   * Attempts for 5xx and connection failures; 429 waits do not count. A new chat message (a reply)
   * is tried for longer: {@link #OUTAGE_PATIENCE_NANOS}.
   */
  public static final int MAX_ATTEMPTS = 4;

  /**
   * How long a reply keeps being retried while Telegram cannot be reached (5xx other than 504, a
   * connection never made): its update stays in the journal meanwhile, so a restart answers it too,
   * and the chat's later updates wait behind it in order. Before, a reply was given up after four
   * attempts in about 3.5 s and its update marked done: a network blip lost the answer.
   */
  public static final long OUTAGE_PATIENCE_NANOS = 10L * 60 * 1_000_000_000L;

  /** The longest wait between two tries of a reply during an outage. */
  public static final long MAX_BACKOFF_NANOS = 30L * 1_000_000_000L;

  /** 429s waited out per call at most, so a storm cannot hold a worker forever. */
  public static final int MAX_RATE_LIMITED = 10;

  /**
   * The most a call waits out 429s in all. Telegram's retry_after is "the number of seconds left to
   * wait before the request can be repeated", so a call is never repeated sooner; one that would
   * wait longer than this is given up at once.
   */
  public static final int MAX_RATE_LIMITED_SECONDS = 600;

  /**
   * The longest 429 retry_after that pauses every worker's calls ({@link Throttle#pauseFor}): the
   * overall limit's waits last seconds; a longer one is a chat's own flood wait, which the other
   * chats need not wait out, unless a second chat is told one that ends with it ({@link
   * #sameLongFlood}).
   */
  static final int MAX_SHARED_PAUSE_SECONDS = 30;

  /**
   * How close the ends of two long 429s told to two chats are when they are one flood wait of the
   * whole bot ({@link #sameLongFlood}): retry_after counts whole seconds, beyond the span between
   * when each request left and when its answer came, within which Telegram counted it.
   */
  static final long SAME_FLOOD_NANOS = 2_000_000_000L;

  /**
   * The longest 429 a group's own limit explains (Bot FAQ: "no more than 20 messages per minute" in
   * a group): a group told one is no sign of the whole bot's, whichever other chat's it ends with.
   */
  static final int GROUP_MINUTE_SECONDS = 60;

  /**
   * The long 429s (longer than the shared pause) told to new messages that have not yet run out, by
   * chat: the earliest and the latest moment ({@link Throttle.Clock#nanoTime}) at which each may
   * end, its retry_after counted from when its request left and from when its answer came. Every
   * one is kept, not only the last, so that a third chat's own between two of the whole bot's hides
   * nothing ({@link #sameLongFlood}).
   */
  private final Map<Long, long[]> longFloods = new org.astanaqa.retrieval.util.LruMap<>(1_000);

  /**
   * The most a callback or inline query answer waits out 429s: Telegram refuses an answer more than
   * about 15 s after the query ({@link #QUERY_LIFETIME_NANOS}; not documented, bots report 5 to 15
   * s), and a longer wait holds the press's own reply (the edit, the next quote) behind it.
   */
  public static final int MAX_QUERY_ANSWER_WAIT_SECONDS = 5;

  /** The most added at random to a 429's retry_after. */
  public static final long RETRY_AFTER_JITTER_NANOS = 1_000_000_000L;

  /** Times a message Telegram finds too long is halved at most. */
  private static final int MAX_SPLITS = 3;

  private final TelegramClient client;
  private final TelegramClient patient;
  private final Throttle throttle;
  private final Throttle.Clock clock;
  private final long backoffNanos;
  private final Random jitter;
  private final Map<Long, Long> migrated = new ConcurrentHashMap<>();

  /** Calls whose request may be on the wire: sent, their answer not yet come. */
  private final java.util.concurrent.atomic.AtomicInteger onTheWire =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Set by {@link #stopSending}: no call goes out any more. */
  private volatile boolean stopping;

  /**
   * Told, once, that Telegram rejected the token while answering ({@link #stopOnRejectedToken}).
   */
  private volatile java.util.function.Consumer<String> rejectedToken;

  private final java.util.concurrent.atomic.AtomicBoolean rejectedTold =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * @param client sends every call first
   * @param patient the same with a longer timeout, for the one resend of a call whose answer was
   *     lost
   * @param backoffNanos the first retry's longest wait; each further retry doubles it
   * @param jitter spreads the waits, so workers that failed together do not retry together
   */
  public Sender(
      TelegramClient client,
      TelegramClient patient,
      Throttle throttle,
      Throttle.Clock clock,
      long backoffNanos,
      Random jitter) {
    this.client = client;
    this.patient = patient;
    this.throttle = throttle;
    this.clock = clock;
    this.backoffNanos = backoffNanos;
    this.jitter = jitter;
  }

  public Sender(TelegramClient client, Throttle throttle, Throttle.Clock clock, long backoffNanos) {
    this(client, client, throttle, clock, backoffNanos, new Random());
  }

  /** How a call is paced: as a message in a chat (per chat and overall), or overall only. */
  private record Pace(long chatId, boolean group, boolean perChat) {
    static final Pace OVERALL = new Pace(0, false, false);

    /**
     * Edits change a message in a chat, so they count as the chat's messages; chat actions,
     * callback and inline answers and the command menu put nothing in a chat's history and count
     * overall only (pacing "typing..." per chat would delay the answer it announces).
     */
    static Pace of(BotApiMethod<?> method) {
      String chat = null;
      if (method instanceof EditMessageText m) {
        chat = m.getChatId();
      } else if (method instanceof EditMessageReplyMarkup m) {
        chat = m.getChatId();
      } else if (method instanceof EditMessageCaption m) {
        chat = m.getChatId();
      } else if (method instanceof SendMessage m) {
        chat = m.getChatId();
      }
      if (chat == null || !chat.matches("-?\\d{1,19}")) {
        // An inline message's edit has no chat; a "@channel" name is paced overall only.
        return OVERALL;
      }
      long id = Long.parseLong(chat);
      return new Pace(id, id < 0, true); // groups, supergroups and channels have negative ids
    }
  }

  /**
   * A stop: from now on no call goes out (one about to be sent, or retried, throws {@link
   * InterruptedException}, so its update stays in the journal for the restart, never sent); the
   * calls on the wire are left to finish ({@link #awaitOnTheWire}).
   */
  public void stopSending() {
    stopping = true;
  }

  /**
   * From now on Telegram's own 401 to any call (the token revoked with @BotFather's /revoke: every
   * call is refused so, replies included) is a stop, as it is to the long poll: no call goes out
   * any more, the call refused throws {@link InterruptedException} so that its update stays in the
   * journal and is answered after the restart with the new token, and {@code fatal} is told once.
   * Before, the reply refused counted as not delivered and its update was marked done: the question
   * was never answered, and the workers went on losing the queued ones until the next poll met the
   * 401 (up to a poll's length). A proxy's 401 page says nothing of the token and stays an error of
   * its call, as does a 404 (a self-hosted Bot API server older than a method, such as
   * setMyShortDescription, answers 404 for it: taken for a rejected token, it stopped the bot at
   * every start). Set once the bot runs: at start, getMe reports a rejected token.
   */
  public void stopOnRejectedToken(java.util.function.Consumer<String> fatal) {
    this.rejectedToken = fatal;
  }

  /** Whether a refusal is Telegram's word that the token is no longer the bot's. */
  private boolean tokenRejected(TelegramApiRequestException e) {
    Integer code = e.getErrorCode();
    return rejectedToken != null
        && code != null
        && code == 401
        && !ErrorPages.wrote(e.getApiResponse());
  }

  /**
   * Waits up to {@code millis} for the calls on the wire to be answered. A worker interrupted while
   * its reply is on the wire leaves the update unanswered in the journal although Telegram may have
   * sent the reply, and the restart sends it again: a slow Telegram (an answer in 5 s) at a SIGTERM
   * gave the chat two copies (review 8).
   *
   * @return whether no call is on the wire any more
   */
  public boolean awaitOnTheWire(long millis) throws InterruptedException {
    long end = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
    while (onTheWire.get() > 0 && System.nanoTime() - end < 0) {
      Thread.sleep(10);
    }
    return onTheWire.get() == 0;
  }

  /**
   * What to do, on this thread, right before its next message or edit through this Sender goes out:
   * after the pacing let it go, so that "typing..." is shown while a reply waits for its chat's or
   * group's turn (up to a minute in a busy group) and closed only then ({@link
   * #beforeNextMessage}). This Sender's own (before review 18 one for every Sender in the JVM, so
   * another Sender's message on the thread ran it). It runs before the first try only: a reply
   * whose first try gets a 429 or a 5xx and waits long for the next ({@link #LONG_WAIT_NANOS}) has
   * its "typing..." shown again through that wait by {@link #duringLongWaits}'s listener.
   */
  private final ThreadLocal<Runnable> beforeNextMessage = new ThreadLocal<>();

  /**
   * Has {@code action} run once, on this thread, right before the next message or edit sent from it
   * through this Sender leaves (after its wait for the chat's pacing, before its first try); {@code
   * null} forgets what was set. Typing closes so: closed before the wait, a reply that waited a
   * busy group's minute showed no "typing..." after the first 5 s of it; closed after the message,
   * a last chat action could follow the reply and show "typing..." under the answer.
   */
  public void beforeNextMessage(Runnable action) {
    if (action == null) {
      beforeNextMessage.remove();
    } else {
      beforeNextMessage.set(action);
    }
  }

  /**
   * A wait of a call this long or longer, once the answering has started (a 429's retry_after, a
   * backoff through an outage, a group's next minute for a reply's second part), is told to {@link
   * #duringLongWaits}'s listener: the same 1.5 s from which a reply's wait for its chat's turn is
   * taken off the workers before its answering starts ({@code UpdateDispatcher}).
   */
  public static final long LONG_WAIT_NANOS = 1_500_000_000L;

  /** Told of a long wait of a call on the calling thread ({@link #LONG_WAIT_NANOS}). */
  @FunctionalInterface
  public interface LongWaits {
    /**
     * A call on this thread is about to wait {@code nanos}; what is returned is closed when the
     * wait ends, right before the call is tried (or given up, or a stop interrupted the wait).
     *
     * @param shown what runs before this thread's next message ({@link #beforeNextMessage}, its
     *     "typing...") is still open: the answer's own indicator is shown through the wait
     * @param everyChat the wait holds every chat's calls alike: a backoff, Telegram failing or out
     *     of reach (a 5xx, a network error), not a wait of this chat's or this call's own (a 429's
     *     retry_after, a group's next minute)
     */
    AutoCloseable waiting(long nanos, boolean shown, boolean everyChat);
  }

  private volatile LongWaits longWaits = (nanos, shown, everyChat) -> () -> {};

  /**
   * Has {@code listener} told of each long wait of a call ({@link #LONG_WAIT_NANOS}), on the thread
   * that waits: the dispatcher lets a stand-in take the worker's place meanwhile and shows
   * "typing..." through it. Before, a 429 told to a reply held its worker for all of its
   * retry_after (up to 10 minutes), and four such replies (four workers) held every chat's answers.
   */
  public void duringLongWaits(LongWaits listener) {
    this.longWaits = listener == null ? (nanos, shown, everyChat) -> () -> {} : listener;
  }

  /**
   * Sleeps {@code nanos}, a long wait told to {@link #duringLongWaits}'s listener ({@code
   * everyChat}: see {@link LongWaits#waiting}).
   */
  private void sleepTold(long nanos, boolean everyChat) throws InterruptedException {
    AutoCloseable told = longWaitBegins(nanos, everyChat);
    try {
      clock.sleepNanos(nanos);
    } finally {
      longWaitEnds(told);
    }
  }

  /** Tells a wait of {@code nanos} when it is long; what to close once it is over. */
  private AutoCloseable longWaitBegins(long nanos, boolean everyChat) {
    if (nanos < LONG_WAIT_NANOS) {
      return null;
    }
    try {
      return longWaits.waiting(nanos, beforeNextMessage.get() != null, everyChat);
    } catch (RuntimeException | Error e) {
      log.warn("telling a long wait failed; the call waits on its thread", e);
      return null;
    }
  }

  private static void longWaitEnds(AutoCloseable told) {
    if (told == null) {
      return;
    }
    try {
      told.close();
    } catch (Exception | Error e) {
      log.warn("ending a long wait failed", e);
    }
  }

  /** Told each move of a group to a supergroup the first time it is learnt ({@link #migrated}). */
  private volatile java.util.function.BiConsumer<Long, Long> onMigrated = (from, to) -> {};

  /**
   * How long after it came Telegram still takes the answer to a button press or an inline query, at
   * the most ({@code UpdateDispatcher.QUERY_LIFETIME_MILLIS}): later it refuses it ("query is too
   * old and response timeout expired"). A query answer is neither waited for nor sent again past
   * that ({@link #answerWithin}).
   */
  public static final long QUERY_LIFETIME_NANOS = 15L * 1_000_000_000L;

  /**
   * As {@link #QUERY_LIFETIME_NANOS} for an inline query's answer, which Telegram takes for less
   * time ({@code UpdateDispatcher.INLINE_QUERY_LIFETIME_MILLIS}).
   */
  public static final long INLINE_QUERY_LIFETIME_NANOS = 10L * 1_000_000_000L;

  /** When the answers to the queries being answered stop being taken ({@link #answerWithin}). */
  private final Map<String, Long> queryDeadlines = new ConcurrentHashMap<>();

  /**
   * Notes that Telegram takes the answer to callback or inline query {@code queryId} for {@code
   * millis} more at the most, counted from its reception ({@code UpdateDispatcher}, which knows
   * when the update was received): its answer is waited for only until then, and not sent again
   * after (before, the request timeout and a resend through the patient client held a worker up to
   * 150 s for an answer Telegram refuses after about 15). A query not noted so gets {@link
   * #QUERY_LIFETIME_NANOS} from its answer's first try, and so does one with no id: the dispatcher
   * calls this outside its handling of failures, where a NullPointerException of the map left the
   * update unanswered in the journal, silently, at every start.
   */
  public void answerWithin(String queryId, long millis) {
    if (queryId == null) {
      return;
    }
    long now = clock.nanoTime();
    // Queries whose time ran out long ago are forgotten, so the map holds about a minute's.
    queryDeadlines.values().removeIf(deadline -> now - deadline > 60_000_000_000L);
    queryDeadlines.put(queryId, now + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /**
   * When Telegram stops taking {@code method}'s answer, a query answer tried first at {@code
   * started}.
   */
  private long deadlineOf(BotApiMethod<?> method, long started) {
    String id =
        method instanceof org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery a
            ? a.getCallbackQueryId()
            : ((org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery) method)
                .getInlineQueryId();
    Long noted = id == null ? null : queryDeadlines.get(id);
    return noted != null
        ? noted
        : started
            + (method instanceof org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery
                ? INLINE_QUERY_LIFETIME_NANOS
                : QUERY_LIFETIME_NANOS);
  }

  /** Notes that a group became a supergroup: what is sent to {@code from} goes to {@code to}. */
  public void migrated(long from, long to) {
    if (from != to && migrated.put(from, to) == null) {
      log.info("a group moved to a supergroup; its answers now go there");
      onMigrated.accept(from, to);
    }
  }

  /**
   * Notes a move learnt before (kept from an earlier run), quietly: the group's id is not used by
   * Telegram any more, and nothing tells the bot of the move a second time.
   */
  public void migratedBefore(long from, long to) {
    if (from != to) {
      migrated.put(from, to);
    }
  }

  /** Has {@code listener} told of each move first learnt from now on, to keep it. */
  public void onMigrated(java.util.function.BiConsumer<Long, Long> listener) {
    onMigrated = listener;
  }

  /**
   * The chat that messages to {@code chat} go to now: the supergroup a group became ({@link
   * #migrated}), or {@code chat} itself.
   */
  public long chatNow(long chat) {
    return migrated.getOrDefault(chat, chat);
  }

  /**
   * The groups that became {@code chat} ({@link #migrated}): what was sent to them before is in
   * {@code chat} now. Empty for most chats.
   */
  public List<Long> movedHere(long chat) {
    List<Long> from = new ArrayList<>();
    migrated.forEach(
        (group, to) -> {
          if (to == chat) {
            from.add(group);
          }
        });
    return from;
  }

  /**
   * Sends a message within the chat's limits; if Telegram rejects its entities, sends it again as
   * plain text; if Telegram finds it too long, sends it in parts.
   *
   * @param plain the same text without markup, for the fallback
   * @return the sent message (the last part), or empty when it could not be delivered
   */
  public Optional<Message> send(SendMessage message, boolean group, String plain)
      throws InterruptedException {
    List<Message> sent = send(message, group, plain, 0, clock.nanoTime()).messages();
    return sent.isEmpty() ? Optional.empty() : Optional.of(sent.get(sent.size() - 1));
  }

  /**
   * Sends the parts of one reply in order (a text the bot split itself, as longer than a message),
   * each as {@link #send(SendMessage, boolean, String)} does, but sharing one outage patience, as
   * the parts of a reply Telegram finds too long do: each part with its own 10 minutes held the
   * chat and a worker for 10 minutes a part. A part not delivered stops the rest, which would make
   * a reply with a hole in it. Returns every message delivered, in order: one a part, or more for a
   * part Telegram found too long and that went out in parts of its own. All of them only when the
   * whole reply was delivered; the ones before the first part not delivered otherwise.
   *
   * @param plain each part's text without markup, for the fallback
   */
  public List<Message> sendAll(List<SendMessage> parts, boolean group, List<String> plain)
      throws InterruptedException {
    return sendAll(parts, group, plain, Confirmed.NONE);
  }

  /**
   * As {@link #sendAll(List, boolean, List)}, telling {@code confirmed} of each part as soon as
   * Telegram confirmed it, before the next part is sent.
   */
  public List<Message> sendAll(
      List<SendMessage> parts, boolean group, List<String> plain, Confirmed confirmed)
      throws InterruptedException {
    return sendInOrder(parts, group, plain, 0, clock.nanoTime(), confirmed).messages();
  }

  /**
   * As {@link #sendAll(List, boolean, List, Confirmed)}, within what is left of {@code patience}.
   */
  public List<Message> sendAll(
      List<SendMessage> parts,
      boolean group,
      List<String> plain,
      Patience patience,
      Confirmed confirmed)
      throws InterruptedException {
    return sendInOrder(parts, group, plain, 0, patience.started, confirmed).messages();
  }

  /** Told of each part of a reply Telegram confirmed ({@link #sendAll}). */
  @FunctionalInterface
  public interface Confirmed {
    /** Told nothing: a reply whose parts' progress nobody keeps. */
    Confirmed NONE = (index, messages) -> {};

    /**
     * Part {@code index} was delivered as {@code messages} (one, or more when Telegram found it too
     * long and it went out in pieces).
     */
    void part(int index, List<Message> messages);
  }

  /**
   * The messages of parts sent in order; {@code whole} when Telegram confirmed every part, {@code
   * stopped} when a part not delivered stopped the rest.
   */
  private record Delivered(List<Message> messages, boolean whole, boolean stopped) {}

  /**
   * What became of one message of a reply: the messages Telegram confirmed (more than one for a
   * message it found too long, which went out in pieces), and whether one may have arrived beyond
   * them, unconfirmed: tried twice, each try perhaps carried out and its answer lost (no answer, an
   * unreadable one, nginx's 504), and sent no third time. Neither: not delivered.
   */
  private record Sent(List<Message> messages, boolean unconfirmed) {
    static final Sent NONE = new Sent(List.of(), false);

    static Sent of(Optional<Message> m) {
      return new Sent(listOf(m), false);
    }

    boolean failed() {
      return messages.isEmpty() && !unconfirmed;
    }
  }

  /**
   * Sends the parts of one reply in order under one outage patience, counted from {@code started},
   * and stops at the first part not delivered (an outage past the patience, a refusal): the later
   * parts would make a reply with a hole in it, and each would wait out the same outage again.
   *
   * @return the parts' messages as delivered, all of them only when every part was
   */
  private Delivered sendInOrder(
      List<SendMessage> parts, boolean group, List<String> plain, int splits, long started)
      throws InterruptedException {
    return sendInOrder(parts, group, plain, splits, started, Confirmed.NONE);
  }

  private Delivered sendInOrder(
      List<SendMessage> parts,
      boolean group,
      List<String> plain,
      int splits,
      long started,
      Confirmed confirmed)
      throws InterruptedException {
    List<Message> sent = new ArrayList<>();
    boolean whole = true;
    for (int i = 0; i < parts.size(); i++) {
      Sent m = send(parts.get(i), group, plain.get(i), splits, started);
      if (m.failed()) {
        if (i < parts.size() - 1) {
          log.warn(
              "part {} of {} of a reply not delivered; the rest is not sent", i + 1, parts.size());
        }
        return new Delivered(sent, false, true);
      }
      sent.addAll(m.messages());
      if (m.unconfirmed()) {
        // Carried out at one try or both, most likely (a slow Telegram, not an idle one): the
        // rest is sent after it. Stopped there, as for a part not delivered, the chat saw the
        // answer cut off after it, without its buttons, for good.
        whole = false;
        if (i < parts.size() - 1) {
          log.warn(
              "part {} of {} of a reply may have arrived (no answer for it at two tries); the rest"
                  + " is sent after it, so the chat may see that part twice, or miss it",
              i + 1,
              parts.size());
        }
      } else {
        confirmed.part(i, m.messages());
      }
    }
    return new Delivered(sent, whole, false);
  }

  /** The message's messages as delivered (more than one when it went out in parts), or none. */
  private Sent send(SendMessage message, boolean group, String plain, int splits, long started)
      throws InterruptedException {
    long addressed = Long.parseLong(message.getChatId());
    long chatId = chatNow(addressed);
    if (chatId != addressed) {
      message.setChatId(chatId);
      notAReplyThere(message);
    }
    Pace pace = new Pace(chatId, group, true);
    try {
      return Sent.of(Optional.ofNullable(call(message, pace, started, false)));
    } catch (TelegramApiRequestException e) {
      Long to = e.getParameters() == null ? null : e.getParameters().getMigrateToChatId();
      if (to != null && to != chatId) {
        migrated(chatId, to);
        return send(message, group, plain, splits, started);
      }
      if (isEntityError(e)) {
        log.warn(
            "Telegram could not parse the HTML of a reply ({}); sending it as plain text",
            e.getApiResponse());
        message.setParseMode(null);
        message.setText(plain);
        message.setEntities(null);
        // The same reply: the rest of its outage patience, not 10 minutes of its own (an outage
        // back for the resend held its chat and a worker up to 20 minutes).
        try {
          return Sent.of(Optional.ofNullable(call(message, pace, started, false)));
        } catch (MayHaveArrived unconfirmed) {
          failed(message, unconfirmed.last());
          return new Sent(List.of(), true);
        } catch (TelegramApiException again) {
          return Sent.of(failed(message, again));
        }
      }
      if (isTooLong(e) && splits < MAX_SPLITS) {
        return sendInParts(message, group, splits, started);
      }
      return Sent.of(failed(message, e));
    } catch (AlreadyDone e) {
      return Sent.NONE;
    } catch (MayHaveArrived e) {
      failed(message, e.last()); // given up, logged with its last try's error as before
      return new Sent(List.of(), true);
    } catch (TelegramApiException e) {
      return Sent.of(failed(message, e));
    }
  }

  private static List<Message> listOf(Optional<Message> m) {
    return m.map(List::of).orElse(List.of());
  }

  /**
   * Makes a message that follows its group to the supergroup the group became reply to nothing. A
   * message id names a message of its own chat (ReplyParameters, "message_id: Identifier of the
   * message that will be replied to in the current chat"), and the supergroup's ids are its own:
   * the group's question id there named the supergroup's message of that id, so the answer quoted
   * somebody else's message (or, with none yet, was sent as no reply only thanks to
   * allow_sending_without_reply). A reply across chats to the group's message cannot be made
   * either: the group is read-only once moved, and allow_sending_without_reply is "Always False for
   * replies in another chat".
   */
  private static void notAReplyThere(SendMessage message) {
    if (message.getReplyParameters() != null && message.getReplyParameters().getChatId() == null) {
      message.setReplyParameters(null);
    }
    message.setReplyToMessageId(null);
  }

  /**
   * Sends a message Telegram found too long as two or more shorter ones; buttons go on the last.
   */
  private Sent sendInParts(SendMessage message, boolean group, int splits, long started)
      throws InterruptedException {
    String text = message.getText();
    boolean html = message.getParseMode() != null;
    int half = text.length() / 2;
    if (half > 0 && Character.isLowSurrogate(text.charAt(half))) {
      half--; // never between the two halves of an emoji: neither part would be UTF-8
    }
    List<String> parts =
        html
            ? TelegramHtml.split(text, Math.max(1, TelegramHtml.length(text) / 2 + 1))
            : List.of(text.substring(0, half), text.substring(half));
    log.info("Telegram found a reply too long; sending it in {} parts", parts.size());
    List<SendMessage> messages = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      SendMessage.SendMessageBuilder<?, ?> b =
          SendMessage.builder()
              .chatId(message.getChatId())
              .text(part)
              .parseMode(message.getParseMode())
              .linkPreviewOptions(message.getLinkPreviewOptions())
              .messageThreadId(message.getMessageThreadId()); // a forum topic's parts stay in it
      if (i == 0 && message.getReplyParameters() != null) {
        b.replyParameters(message.getReplyParameters());
      }
      if (i == parts.size() - 1 && message.getReplyMarkup() != null) {
        b.replyMarkup(message.getReplyMarkup());
      }
      messages.add(b.build());
      plain.add(html ? TelegramHtml.toPlain(part) : part);
    }
    Delivered sent = sendInOrder(messages, group, plain, splits + 1, started);
    return sent.whole()
        ? new Sent(sent.messages(), false)
        : sent.stopped() ? Sent.NONE : new Sent(sent.messages(), true);
  }

  /**
   * Sends a method that is not a new chat message (callback and inline answers, edits, chat
   * actions, the command menu), paced like every call: an edit as its chat's message, the others
   * against the overall limit.
   */
  public <T extends Serializable> Optional<T> execute(BotApiMethod<T> method)
      throws InterruptedException {
    return Optional.ofNullable(attempt(method).result());
  }

  /**
   * As {@link #execute(BotApiMethod)}, for a call paced against the overall limit that is of no use
   * once {@code wanted} says so (a "typing..." closed because its reply leaves): it stops waiting
   * for its turn then, and does not leave. Empty when it did not leave.
   */
  public <T extends Serializable> Optional<T> execute(BotApiMethod<T> method, Wanted wanted)
      throws InterruptedException {
    return Optional.ofNullable(attempt(method, wanted).result());
  }

  /**
   * As {@link #execute(BotApiMethod, Wanted)}, saying what became of the call: whether the chat
   * refuses the bot ({@link Outcome#forbidden}), so that a caller stops calling it for nothing.
   */
  public <T extends Serializable> Outcome<T> attempt(BotApiMethod<T> method, Wanted wanted)
      throws InterruptedException {
    return attempt(method, false, wanted);
  }

  /** Whether a call is still wanted ({@link #execute(BotApiMethod, Wanted)}). */
  public interface Wanted {
    /** Asked while the call waits for its turn: false ends the wait, and the call is not sent. */
    boolean stillWanted();

    /**
     * Asked once, when the call may leave, right before it does: false and it is not sent. The
     * place to take what shows the call is on its way.
     */
    boolean leaving();
  }

  /** A call whose {@link Wanted} said it is of no use any more: not sent, nothing to report. */
  private static final class NotWanted extends TelegramApiException {
    private static final long serialVersionUID = 1L;

    NotWanted() {
      super("no longer wanted");
    }
  }

  /**
   * Sends a method as {@link #execute} does (paced, 429 waited out, 5xx and network errors retried,
   * a lost answer resent once) but throws Telegram's last error instead of logging it, for a caller
   * that must tell a rejected token from an outage: the calls at start.
   */
  public <T extends Serializable> T executeOrThrow(BotApiMethod<T> method)
      throws TelegramApiException, InterruptedException {
    return call(method, Pace.of(method));
  }

  /**
   * What became of a call.
   *
   * @param result Telegram's result, when it gave one
   * @param done whether the call took effect: Telegram's result came, or Telegram said it had
   *     nothing left to do (an edit to what the message already shows, "message is not modified").
   *     False, with no refusal, for a query answer whose outcome is not known (an earlier try may
   *     have been carried out, and the query's lifetime ran out or a retry was refused "query is
   *     too old")
   * @param refusal Telegram's description when it refused this call (400); null when it took it,
   *     could not be reached, asked us to wait longer than we may, refuses the chat (403), or the
   *     outcome is not known
   * @param forbidden whether Telegram refused the call with 403 (the user blocked the bot, or it
   *     was removed from the group): it refuses any other call to that chat so too
   */
  public record Outcome<T>(T result, boolean done, String refusal, boolean forbidden) {
    /** An outcome that is no 403. */
    public Outcome(T result, boolean done, String refusal) {
      this(result, done, refusal, false);
    }

    /**
     * Whether Telegram refused the call's formatting (400 "can't parse entities" or
     * "ENTITIES_TOO_LONG"): the same words as plain text may still be sent.
     */
    public boolean unparsable() {
      return refusal != null && entityRefusal(refusal);
    }
  }

  /**
   * Sends a method as {@link #execute} does, and says whether it took effect or Telegram refused
   * it, so that a caller can fall back (an edit refused because the message is gone).
   */
  public <T extends Serializable> Outcome<T> attempt(BotApiMethod<T> method)
      throws InterruptedException {
    return attempt(method, false, null);
  }

  /**
   * One reply's outage patience ({@link #OUTAGE_PATIENCE_NANOS}), from when {@link #patience} made
   * it: the calls that make one reply share it, as the parts of a new reply do ({@link #sendAll}).
   */
  public static final class Patience {
    private final long started;

    private Patience(long started) {
      this.started = started;
    }
  }

  /** A reply's outage patience, beginning now. */
  public Patience patience() {
    return new Patience(clock.nanoTime());
  }

  /**
   * As {@link #attempt(BotApiMethod)} for a call that is (part of) a reply, tried through an outage
   * as a reply is ({@link #OUTAGE_PATIENCE_NANOS}) for what is left of {@code patience}: the edits
   * and deletions that rewrite the reply to a question its user edited. An edit is idempotent (a
   * resend of one made already is "message is not modified", done), so waiting out an outage risks
   * no duplicate; given up after four tries (about 3.5 s), a blip left the old answer under the
   * edited question and the update was marked done, never answered. Each such call had 10 minutes
   * of its own (a three-part reply made one held its chat and a worker 45 minutes through an
   * outage); they share the reply's.
   */
  public <T extends Serializable> Outcome<T> attempt(BotApiMethod<T> method, Patience patience)
      throws InterruptedException {
    return attempt(method, true, null, patience.started);
  }

  private <T extends Serializable> Outcome<T> attempt(
      BotApiMethod<T> method, boolean reply, Wanted wanted) throws InterruptedException {
    return attempt(method, reply, wanted, clock.nanoTime());
  }

  private <T extends Serializable> Outcome<T> attempt(
      BotApiMethod<T> method, boolean reply, Wanted wanted, long started)
      throws InterruptedException {
    try {
      return new Outcome<>(call(method, Pace.of(method), started, reply, wanted), true, null);
    } catch (NotWanted e) {
      return new Outcome<>(null, false, null);
    } catch (AlreadyDone e) {
      log.debug("{}: {}", method.getMethod(), e.getMessage());
      return new Outcome<>(null, true, null);
    } catch (OutcomeUnknown e) {
      log.info("{}: outcome unknown: {}", method.getMethod(), e.getMessage());
      return new Outcome<>(null, false, null);
    } catch (TelegramApiRequestException e) {
      Long to = e.getParameters() == null ? null : e.getParameters().getMigrateToChatId();
      if (to != null && method instanceof SendChatAction action) {
        // Telegram refuses "typing..." to a group that became a supergroup, as it refuses
        // messages: where the group is now is known from here on.
        migrated(Long.parseLong(action.getChatId()), to);
      }
      failed(method, e);
      // 400 is a refusal of this call (a message gone, not editable); 403 (blocked, kicked) and
      // 401 would refuse any other call to the chat too, so they count as not delivered.
      Integer code = e.getErrorCode();
      boolean refused = code != null && code == 400;
      return new Outcome<>(
          null, false, refused ? String.valueOf(e.getApiResponse()) : null, forbidden(e));
    } catch (TelegramApiException e) {
      failed(method, e);
      return new Outcome<>(null, false, null);
    }
  }

  /**
   * Telegram's word that a call has nothing left to do: an edit to what the message shows already
   * ("message is not modified"). A query answer's "query is too old" is no such word: Telegram says
   * it of an expired query too ({@link OutcomeUnknown}).
   */
  private static final class AlreadyDone extends TelegramApiException {
    private static final long serialVersionUID = 1L;

    AlreadyDone(String why) {
      super(why);
    }
  }

  /**
   * A button's or inline query's answer that may or may not have been taken, and cannot be tried
   * again: an earlier try got no answer or a 5xx (nginx's 504 may come after the Bot API carried
   * the call out), and then the query lived no more, or Telegram refused the retry as too old
   * (which it says of a query answered already as of one expired). Logged at INFO, not as a
   * delivery failure: the toast or the results may well have been shown.
   */
  private static final class OutcomeUnknown extends TelegramApiException {
    private static final long serialVersionUID = 1L;

    OutcomeUnknown(String why) {
      super(why);
    }
  }

  /**
   * Executes with the retry policy, waiting for the throttle before every attempt (a retry is a
   * call like any other); throws the last error once retries are exhausted.
   */
  private <T extends Serializable> T call(BotApiMethod<T> method, Pace pace)
      throws TelegramApiException, InterruptedException {
    return call(method, pace, clock.nanoTime(), false);
  }

  /**
   * As {@link #call(BotApiMethod, Pace)}, the outage patience counted from {@code started}: the
   * parts of one reply share one. With {@code reply}, tried through an outage as a new chat message
   * is, whatever the method ({@link #attempt(BotApiMethod, Patience)}).
   */
  private <T extends Serializable> T call(
      BotApiMethod<T> method, Pace pace, long started, boolean reply)
      throws TelegramApiException, InterruptedException {
    return call(method, pace, started, reply, null);
  }

  /** As {@link #call(BotApiMethod, Pace, long, boolean)}, not sent once {@code wanted} says so. */
  private <T extends Serializable> T call(
      BotApiMethod<T> method, Pace pace, long started, boolean reply, Wanted wanted)
      throws TelegramApiException, InterruptedException {
    Probe probe = new Probe();
    Tries tries = new Tries();
    try {
      return call(method, pace, started, reply, wanted, probe, tries);
    } catch (TelegramApiException e) {
      throw tries.mayHaveArrived && method instanceof SendMessage ? mayHaveArrived(e) : e;
    } finally {
      if (probe.taken) {
        probeEnds(false); // not taken by Telegram: the pause holds as it was
      }
    }
  }

  /** Whether a try of a call may have been carried out: it got no answer, or nginx's 504. */
  private static final class Tries {
    boolean mayHaveArrived;
  }

  /**
   * A new message given up after a try that may have been carried out (its answer lost, or nginx's
   * 504) and was not sent a third time: it may have arrived, once or twice. Telegram's refusal of a
   * later try (a 4xx other than 429) is its own answer and stays as it is: the caller acts on it.
   */
  private static final class MayHaveArrived extends TelegramApiException {
    private static final long serialVersionUID = 1L;

    MayHaveArrived(TelegramApiException last) {
      super("it may have arrived: a try got no answer and it was sent no third time", last);
    }

    /** The last try's error. */
    TelegramApiException last() {
      return (TelegramApiException) getCause();
    }
  }

  private static TelegramApiException mayHaveArrived(TelegramApiException e) {
    if (e instanceof MayHaveArrived
        || e instanceof TelegramApiRequestException r
            && r.getErrorCode() != null
            && r.getErrorCode() >= 400
            && r.getErrorCode() < 500
            && r.getErrorCode() != 429) {
      return e;
    }
    return new MayHaveArrived(e);
  }

  /**
   * Whether a call is the one message that asks Telegram during the whole bot's flood wait as
   * believed ({@link #takeProbe}).
   */
  private static final class Probe {
    boolean taken;
  }

  /**
   * How often, during the whole bot's flood wait as believed ({@link #sameLongFlood}), one message
   * leaves to ask Telegram rather than wait it out, or be given up unsent when it is longer than
   * any call waits ({@link #floodTooLong}). Which long 429 is the whole bot's is a guess (Telegram
   * does not say; asked whether another chat's message may go after a 429, tdlib's maintainer
   * answers "Sometimes yes and sometimes no", tdlib/td#1062): believed wrongly, it held every reply
   * of every chat for all of it, up to 10 minutes, and gave them all up unsent for a longer one, up
   * to hours. A minute costs one refused call a minute in a real one, where each chat had learnt it
   * through a call of its own.
   */
  static final long PROBE_NANOS = 60_000_000_000L;

  /** When the last message asked during such a pause, or when the pause was believed. */
  private long lastProbe;

  /** Whether that message is on its way. */
  private boolean probeOut;

  /** Whether a message may ask Telegram now during the whole bot's long pause. */
  private synchronized boolean probeDue() {
    return !probeOut && clock.nanoTime() - lastProbe >= PROBE_NANOS;
  }

  /**
   * Whether a message should ask Telegram now: the pause of every call is the whole bot's flood
   * wait as believed ({@link #sameLongFlood}; the shared pause of a short 429 lasts 30 s at most)
   * with more than a minute left, and the minute since the last one asked is over.
   */
  private boolean probeWanted() {
    return throttle.pausedFor() > PROBE_NANOS && probeDue();
  }

  /** Takes the turn to ask ({@link #PROBE_NANOS}), if it is due. */
  private synchronized boolean takeProbe() {
    if (!probeDue()) {
      return false;
    }
    probeOut = true;
    lastProbe = clock.nanoTime();
    return true;
  }

  /**
   * The message that asked has its answer: taken, the pause of every call is over (it was no flood
   * wait of the whole bot's, or that ended early), and the long 429s that made it believed are
   * forgotten.
   */
  private synchronized void probeEnds(boolean taken) {
    probeOut = false;
    if (taken) {
      throttle.endPause();
      longFloods.clear();
      log.info(
          "a message was taken during what looked like the whole bot's flood wait; it is over");
    }
  }

  private <T extends Serializable> T call(
      BotApiMethod<T> method,
      Pace pace,
      long started,
      boolean reply,
      Wanted wanted,
      Probe probe,
      Tries tries)
      throws TelegramApiException, InterruptedException {
    int attempts = 0;
    int rateLimited = 0;
    long rateLimitedSeconds = 0;
    boolean resent = false;
    boolean outage = false;
    TelegramClient via = client;
    // A button's or inline query's answer is taken only while the query lives: never waited for,
    // nor tried again, past that (queryExpired).
    boolean query = isQueryAnswer(method);
    long deadline = query ? deadlineOf(method, started) : 0;
    // Whether an earlier try may have been carried out (a 5xx, an answer lost or unreadable): a
    // retry Telegram then refuses as "too old" leaves the outcome unknown (the query may have been
    // answered by that try).
    boolean unknown = false;
    // Whether an earlier try got no answer at all, or one that could not be read: it may have been
    // carried out, and nothing says whether it was. A 5xx is an answer, of Telegram's front end: a
    // query answer that got one at every try was most likely not delivered (a WARN), not unknown.
    boolean lost = false;
    TelegramApiException last = null;
    // Only a new message asks Telegram during the whole bot's flood wait (takeProbe): that wait is
    // learnt from new messages' 429s, and a flood wait is a method's, so an edit taken says nothing
    // of it; taken, one had ended the pause, and every chat's replies went into the flood.
    boolean mayAsk = pace.perChat() && method instanceof SendMessage;
    while (true) {
      long held = heldFor(method);
      if (floodTooLong() && !probe.taken && !(mayAsk && probeDue())) {
        // The whole bot's flood wait, longer than any call waits: given up unsent, as when the
        // call's own 429 says so, rather than sent into it for another 429; but for one message a
        // minute, which asks (takeProbe).
        throw floodGivenUp();
      }
      if (held > 0 && tooLate(method, query, deadline, 0)) {
        // Every call waits out a 429's pause (Throttle.pauseFor), but "typing..." would come too
        // late after it, and a query answer after the query's end, holding the press's own reply
        // behind it: not sent, as when their own try gets such a 429 (below).
        throw heldBy429(method, lost, held);
      }
      Throttle.Slot slot;
      long callHeld =
          method instanceof SendChatAction
              ? 0
              : callHeld(pace.perChat() ? (Long) pace.chatId() : unpacedChatOf(method), method);
      if (callHeld > 0) {
        // A 429 told to a call to this chat holds this call until its retry_after has passed (one
        // of this method's, for all of it; another method's, the shared pause at most), a deletion
        // too, though it is paced overall only; one longer than any call waits gives it up.
        sleepTold(callHeld, false);
        continue;
      }
      if (pace.perChat()) {
        // A long wait for the chat's turn (a group's next minute, for a reply's second part) is
        // told as a 429's is: the answering has started, so it can no longer wait off the workers.
        // So is a wait for a 429's pause of every call (Throttle.pauseFor), as one that holds every
        // chat alike: its update's start was left in the journal through up to 10 minutes of the
        // whole bot's flood wait, where a kill -9 counted against it.
        if (!probe.taken && mayAsk && probeWanted() && takeProbe()) {
          probe.taken = true; // this message asks Telegram, past the pause of every call
        } else if (!probe.taken && floodTooLong()) {
          throw floodGivenUp();
        }
        long turn = throttle.chatTurnIn(pace.chatId(), pace.group());
        long paused = probe.taken ? 0 : throttle.pausedFor();
        AutoCloseable told =
            paused > turn ? longWaitBegins(paused, true) : longWaitBegins(turn, false);
        try {
          // A flood wait too long to wait out that begins while this waits for its turn gives it
          // up too: slept whole there, a worker was held through it and the reply sent late.
          // So does one that waits out such a wait when its turn to ask Telegram comes.
          slot =
              probe.taken
                  ? throttle.acquirePastPause(pace.chatId(), pace.group())
                  : throttle.acquire(
                      pace.chatId(),
                      pace.group(),
                      wait -> floodTooLong() || mayAsk && probeWanted());
        } finally {
          longWaitEnds(told);
        }
        if (slot == null) {
          // Its turn to ask (takeProbe), unless another message took it meanwhile; or a flood wait
          // too long to wait out, given up above unless it may ask.
          continue;
        }
      } else {
        // A chat action or a query answer stops waiting for the overall limit as soon as it would
        // come too late (a 429's pause that began while it waited, the query's end), as it is not
        // sent when either holds before: it held a press worker, or the thread that sends its
        // "typing...", for the whole pause. And a call no longer wanted (its "typing..." closed,
        // as its reply leaves) stops waiting at once.
        final boolean lostBefore = lost;
        final long queryDeadline = deadline;
        slot =
            throttle.acquireGlobal(
                wait ->
                    tooLate(method, query, queryDeadline, wait)
                        || wanted != null && !wanted.stillWanted()
                        || floodTooLong());
        if (slot == null) {
          if (wanted != null && !wanted.stillWanted()) {
            throw new NotWanted();
          }
          long pause = heldFor(method);
          if (pause > 0) {
            throw heldBy429(method, lostBefore, pause);
          }
          throw queryExpired(method, lostBefore, last);
        }
      }
      boolean leaves = false;
      try {
        if (stopping) {
          // Not sent: the update stays in the journal and is answered after the restart, once.
          throw new InterruptedException("stopping: " + method.getMethod() + " not sent");
        }
        if (wanted != null && !wanted.leaving()) {
          throw new NotWanted();
        }
        if (pace.perChat()) {
          Runnable before = beforeNextMessage.get();
          if (before != null) {
            beforeNextMessage.remove();
            before.run();
            if (!probe.taken && throttle.pausedFor() > 0
                || throttle.chatPausedFor(pace.chatId()) > 0
                || throttle.chatMethodPausedFor(pace.chatId(), method.getMethod()) > 0) {
              // Another call got a 429 while "typing..." closed (up to a second, a chat action on
              // a slow Telegram): Telegram takes no call before its retry_after, so this one gives
              // its place back and waits the pause out as every call does, rather than leave
              // inside it and earn a 429 of its own.
              continue;
            }
          }
        }
        if (query && clock.nanoTime() - deadline >= 0) {
          throw queryExpired(method, lost, last);
        }
        leaves = true;
      } finally {
        if (!leaves) {
          slot.unused(); // it never left: its place in the overall limit is free again
        }
      }
      final long sentAt = clock.nanoTime();
      try {
        T result = sentPaced(via, method, slot, query, deadline);
        if (probe.taken) {
          probe.taken = false;
          probeEnds(true);
        }
        return result;
      } catch (OutcomeUnknown e) {
        throw e; // no answer while the query lived: too late for another try
      } catch (TelegramApiRequestException e) {
        last = e;
        Integer code = e.getErrorCode();
        if (tokenRejected(e)) {
          stopping = true;
          if (rejectedTold.compareAndSet(false, true)) {
            rejectedToken.accept(
                "Telegram rejected the bot token ("
                    + code
                    + ") while the bot was answering; check the token in the environment, and"
                    + " TELEGRAM_API_URL if you use your own Bot API server. Questions not yet"
                    + " answered are answered after the restart");
          }
          throw new InterruptedException(
              "stopping: Telegram rejected the token; " + method.getMethod() + " not sent");
        }
        int seconds = 0;
        // Whether this 429 is known to be the whole bot's long flood wait (sameLongFlood)
        boolean wholeBot = false;
        if (code != null && code == 429) {
          seconds =
              e.getParameters() != null && e.getParameters().getRetryAfter() != null
                  ? Math.max(1, e.getParameters().getRetryAfter())
                  : 1;
          Long chat = pace.perChat() ? (Long) pace.chatId() : unpacedChatOf(method);
          if (chat != null) {
            // "The number of seconds left to wait before the request can be repeated"
            // (ResponseParameters), and a flood wait is a method's ("attempts to invoke the given
            // method with the given input parameters", error 420 FLOOD): this method's calls to
            // the chat wait all of it, whatever its length, the chat's other calls a shared pause
            // at most, in case it was theirs too (they then ask, and Telegram's own 429 to them
            // decides). Held whole for every call, an hour-long 429 on "typing..." gave up the
            // reply it announced, and one on a deletion or an edit the chat's next reply, unsent.
            throttle.pauseChatMethodFor(chat, method.getMethod(), seconds * 1_000_000_000L);
            throttle.pauseChatFor(
                chat, Math.min(seconds, MAX_SHARED_PAUSE_SECONDS) * 1_000_000_000L);
          }
          // A group's message or edit told a 429 of up to a minute: its 20 messages a minute (Bot
          // FAQ) explain it, and it holds the group only, as a chat action's holds its chat; were
          // the bot over the overall limit, the next message to another chat would be told so.
          // Paused for all, a busy group meeting its limit each minute froze every other chat.
          boolean groupsMinute = pace.perChat() && pace.group() && seconds <= GROUP_MINUTE_SECONDS;
          boolean sharedPause =
              toAChat(method)
                  && !(method instanceof SendChatAction)
                  && !groupsMinute
                  && (seconds <= MAX_SHARED_PAUSE_SECONDS
                      // a new message's only: an edit's or a deletion's long 429 is a flood wait
                      // of that method in that chat, and two chats' rewrites meet theirs together
                      || method instanceof SendMessage
                          && chat != null
                          && sameLongFlood(chat, seconds, sentAt));
          wholeBot = sharedPause && seconds > MAX_SHARED_PAUSE_SECONDS;
          if (wholeBot) {
            // before the pause begins: a worker that looked between the two would find an old
            // minute over and ask Telegram at once, into the flood wait just learnt
            synchronized (this) {
              lastProbe = clock.nanoTime(); // the next message asks a minute from now
            }
          }
          if (sharedPause) {
            // Every worker's calls wait until then, not only this one's: see Throttle. A longer
            // wait is one chat's flood wait (a bot-wide one lasts seconds): held for all, one
            // chat's hour-long 429 froze every other chat's answers for that hour. A chat action's
            // 429 holds its chat only: Telegram's flood limits are the messages', and one over the
            // overall limit would come to the next message to another chat, which pauses every
            // call then; paused for all, one chat's refused "typing..." held every chat's replies.
            // A longer one holds every call too once a second chat is told a 429 that ends with
            // the first one's (sameLongFlood): the whole bot's flood wait, which every other chat
            // had learnt through a refused call of its own, each made inside it.
            throttle.pauseFor(seconds * 1_000_000_000L);
          }
          if (probe.taken && seconds * 1_000_000_000L > PROBE_NANOS) {
            // The message that asked is told a wait that ends after the next one would ask: its
            // chat's own (it holds no other chat), or the whole bot's (so no message is taken
            // yet). Either way it waits it out as any message does, and a minute after it asked
            // another message asks: kept through its own wait of up to 10 minutes, the turn let
            // no other chat ask for all of it, every reply held or given up meanwhile. A shorter
            // one (a group's minute) it waits out keeping the turn, and asks again at its end.
            probe.taken = false;
            probeEnds(false);
          }
        }
        if (method instanceof SendChatAction) {
          // "typing..." shows 5 s at most: one that waited out a 429's retry_after or a backoff
          // would come too late, and would hold the thread that sends it and, for up to a second,
          // the reply whose Typing closes behind it. One attempt only.
          throw e;
        }
        if (code != null && code == 429) {
          rateLimitedSeconds += seconds;
          if (++rateLimited > MAX_RATE_LIMITED || rateLimitedSeconds > MAX_RATE_LIMITED_SECONDS) {
            throw e; // asking sooner than Telegram allows would only earn another 429
          }
          // Up to a second more than asked, so the workers Telegram stopped together do not all
          // come back in the same instant and earn the next 429.
          long wait = seconds * 1_000_000_000L + jitter.nextLong(RETRY_AFTER_JITTER_NANOS + 1);
          if (query
              && (rateLimitedSeconds > MAX_QUERY_ANSWER_WAIT_SECONDS
                  || clock.nanoTime() + wait - deadline >= 0)) {
            // The query would be too old by then ("query is too old"), and the worker holds the
            // press's own reply (an edit, the next quote) behind this answer.
            if (lost) {
              throw queryExpired(method, true, e);
            }
            throw e;
          }
          log.info(
              "{}: 429 Too Many Requests, waiting {} ms ({} s as Telegram asks, and jitter)",
              method.getMethod(),
              wait / 1_000_000,
              seconds);
          // The whole bot's long flood wait holds every chat alike, as an outage does: told so,
          // it gets no stand-in, which would only take the next chat's update into the same wait.
          sleepTold(wait, wholeBot);
          continue;
        }
        // No code (0 or null): the answer was not Telegram's JSON and came with a 2xx or 3xx
        // status (a torn body; an error page keeps its status, see ErrorPages); the request may
        // have been carried out, so it is sent once more at most.
        if (code == null || code == 0) {
          if (resent) {
            throw givenUp(query, e);
          }
          resent = true;
          unknown = true;
          lost = true;
          tries.mayHaveArrived = true;
          via = query ? client : patient; // a query answer waits no longer than the query lives
          backoff(method, 1, "unreadable answer; it may have arrived, sending once more");
          continue;
        }
        if (isNotModified(e)) {
          // An edit to what the message shows already: after a lost answer, the first attempt's
          // doing; else a stale press. Either way the message shows what was asked.
          throw new AlreadyDone(
              resent
                  ? "the first attempt, whose answer was lost, had carried it out"
                  : "the message already shows this");
        }
        if (unknown && isQueryAnswered(e)) {
          // Telegram says so of a query answered already as of one expired: the earlier try may
          // have shown the toast or the results, or not. No delivery failure to report.
          throw new OutcomeUnknown(
              "Telegram refused the retry as too old; whether the earlier try, which got no"
                  + " answer or a 5xx, answered the query is not known");
        }
        if (code == 504 && method instanceof SendMessage) {
          // nginx's 504: the Bot API behind it was too slow to answer, not necessarily idle; it
          // may have sent the message (users report doubled messages after retrying 5xx). So a
          // reply is sent once more at most, as when its answer was lost.
          if (resent) {
            throw e;
          }
          resent = true;
          tries.mayHaveArrived = true;
          via = patient;
          log.warn(
              "sendMessage: HTTP 504 (Telegram too slow to answer); it may have arrived, so it is"
                  + " sent once more with a longer timeout and the chat may see it twice");
          backoff(method, 1, "HTTP 504");
          continue;
        }
        if (code >= 500) {
          unknown = true; // a 5xx may come after the Bot API carried the call out (nginx's 504)
        }
        if (code >= 500 && ++attempts < MAX_ATTEMPTS) {
          backoff(method, attempts, "HTTP " + code);
          continue;
        }
        if (code >= 500 && patientWith(method, started, reply)) {
          outage = outageNoted(outage, "HTTP " + code, method);
          backoff(method, attempts, "HTTP " + code);
          continue;
        }
        // Every try a 5xx: most likely not delivered (a WARN, for an outage of Telegram's to be
        // seen). A try before whose answer was lost leaves the outcome unknown.
        throw lost ? givenUp(query, e) : e;
      } catch (TelegramApiException e) {
        last = e;
        Throwable root = rootCause(e);
        if (root instanceof InterruptedException
            || root instanceof java.io.InterruptedIOException
                && !(root instanceof java.net.SocketTimeoutException)
            || root instanceof java.util.concurrent.RejectedExecutionException) {
          // TelegramBots waits for its HTTP call with Future.get(): a stop that interrupts the
          // wait comes back as this exception, the thread's flag cleared, and once the client is
          // shut down every call is refused so. Neither is an outage to wait out: the update
          // stays in the journal for the restart.
          Thread.currentThread().interrupt();
          throw new InterruptedException("stopping: " + method.getMethod() + " not sent");
        }
        if (method instanceof SendChatAction) {
          throw e; // one attempt only, as above; a resend would wait four times the timeout
        }
        boolean mayHaveArrived = maybeDelivered(e);
        if (mayHaveArrived && !query) {
          // The answer did not come in time: the next try waits longer. Not a query answer's,
          // which is waited for only while the query lives (sentBy).
          via = patient;
        }
        if (mayHaveArrived) {
          unknown = true; // a query answer's retry then tells nothing of the first (see above)
          lost = true;
          tries.mayHaveArrived = true;
        }
        // The checks at start only read or are idempotent: tried again through an outage, below,
        // not sent once more at most
        if (mayHaveArrived && !atStart(method)) {
          if (resent) {
            throw givenUp(query, e);
          }
          resent = true;
          String cause = Secrets.mask(String.valueOf(root));
          if (method instanceof SendMessage) {
            // The Bot API has no idempotency key: the chat may see this message twice. Said at
            // WARN so that an operator can tell a duplicate the user reports from a bug.
            log.warn(
                "sendMessage: no answer ({}); it may have arrived, so it is sent once more with a"
                    + " longer timeout and the chat may see it twice",
                cause);
          } else {
            log.info(
                "{}: no answer ({}); it may have arrived, sending once more {}",
                method.getMethod(),
                cause,
                query ? "while the query lives" : "with a longer timeout");
          }
          continue;
        }
        // The request never left (connection refused, no route, DNS): retry with backoff.
        if (++attempts < MAX_ATTEMPTS) {
          backoff(method, attempts, Secrets.mask(String.valueOf(root)));
          continue;
        }
        if (patientWith(method, started, reply)) {
          String why = Secrets.mask(String.valueOf(root));
          outage = outageNoted(outage, why, method);
          backoff(method, attempts, why);
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * Whether a 429 of {@code seconds}, longer than the shared pause, told to a new message to {@code
   * chat} whose request left at {@code sentAt} (its answer came now) ends when another chat's such
   * 429 still running does: two chats in a flood wait that ends at the same moment are in the whole
   * bot's (bots that sent to many chats report retry_after of 2282 s, tdlib/telegram-bot-api#184),
   * not each in its own, whose ends would fall apart. Telegram counted each retry_after at some
   * moment between when its request left and when its answer came, so each ends within that span
   * after it, and two spans that meet (within {@link #SAME_FLOOD_NANOS}, as retry_after counts
   * whole seconds) are one end: taken from the answers alone, a second 429 that came back slowly
   * ended later by its time on the way. One such 429 alone may be its chat's own, and holds no
   * other chat (a group's of a minute at most never comes here: its 20 messages a minute explain
   * it, and it holds that group only). Every such 429 is remembered until it runs out, so a third
   * chat's own between two of the whole bot's does not hide the first.
   */
  private synchronized boolean sameLongFlood(long chat, int seconds, long sentAt) {
    long now = clock.nanoTime();
    longFloods.values().removeIf(span -> span[1] - now <= 0);
    long earliest = sentAt + seconds * 1_000_000_000L;
    long latest = now + seconds * 1_000_000_000L;
    boolean same = false;
    for (Map.Entry<Long, long[]> other : longFloods.entrySet()) {
      long[] span = other.getValue();
      if (other.getKey() != chat
          && earliest - span[1] <= SAME_FLOOD_NANOS
          && span[0] - latest <= SAME_FLOOD_NANOS) {
        same = true;
        break;
      }
    }
    longFloods.put(chat, new long[] {earliest, latest});
    return same;
  }

  /**
   * How long a new message to chat {@code chatId} (where its messages now go, {@link #chatNow})
   * would wait for the chat's turn before it may leave: its spacing, a group's 20 a minute ({@code
   * group}), a 429 told to the chat or to its messages. 0 when it may go now, and when a 429 holds
   * it longer than any call waits ({@link #MAX_RATE_LIMITED_SECONDS}): such a message is given up
   * at its try, not waited for. Books nothing.
   */
  public long messageTurnIn(long chatId, boolean group) {
    long to = chatNow(chatId);
    long held =
        Math.max(throttle.chatPausedFor(to), throttle.chatMethodPausedFor(to, SendMessage.PATH));
    if (held > MAX_RATE_LIMITED_SECONDS * 1_000_000_000L) {
      return 0;
    }
    return Math.max(held, throttle.chatTurnIn(to, group));
  }

  /** Whether every call is paused longer than any call waits (the whole bot's flood wait). */
  private boolean floodTooLong() {
    return throttle.pausedFor() > MAX_RATE_LIMITED_SECONDS * 1_000_000_000L;
  }

  /** A call given up unsent for the whole bot's flood wait ({@link #floodTooLong}). */
  private TelegramApiException floodGivenUp() {
    return new TelegramApiException(
        "not sent: Telegram asked the bot to wait "
            + throttle.pausedFor() / 1_000_000_000L
            + " s more (429) before any call");
  }

  /**
   * A call not sent because a 429's pause holds every call for {@code held} more nanoseconds; for a
   * query answer an earlier try of which got no answer, one whose outcome is unknown.
   */
  private static TelegramApiException heldBy429(BotApiMethod<?> method, boolean lost, long held) {
    TelegramApiException why =
        new TelegramApiException(
            "not sent: Telegram asked the bot to wait "
                + held / 1_000_000
                + " ms more (429) before any call");
    return lost ? queryExpired(method, true, why) : why;
  }

  /**
   * How long a 429 still holds {@code method}: every call's pause ({@link Throttle#pauseFor}), and
   * for a chat action its chat's own too ({@link Throttle#pauseChatFor}) and its chat's chat
   * actions' ({@link Throttle#pauseChatMethodFor}).
   */
  private long heldFor(BotApiMethod<?> method) {
    long held = throttle.pausedFor();
    Long chat = method instanceof SendChatAction a ? chatIdOf(a.getChatId()) : null;
    return chat == null
        ? held
        : Math.max(
            held,
            Math.max(
                throttle.chatPausedFor(chat),
                throttle.chatMethodPausedFor(chat, method.getMethod())));
  }

  /**
   * The chat of a call to a chat that is paced overall only (a chat action, a deletion), whose 429
   * is still that chat's; null for any other call, or a chat given by "@name".
   */
  private static Long unpacedChatOf(BotApiMethod<?> method) {
    if (method instanceof SendChatAction a) {
      return chatIdOf(a.getChatId());
    }
    return method instanceof DeleteMessage d ? chatIdOf(d.getChatId()) : null;
  }

  /**
   * How long a 429 told to a call to chat {@code chat} (null: none) still holds {@code method}'s
   * call to it: the chat's pause ({@link Throttle#pauseChatFor}) and the method's there ({@link
   * Throttle#pauseChatMethodFor}). A hold longer than any call waits is a call given up at once, as
   * its own 429 would be, rather than one sent into the flood wait for another 429.
   */
  private long callHeld(Long chat, BotApiMethod<?> method) throws TelegramApiException {
    long held =
        chat == null
            ? 0
            : Math.max(
                throttle.chatPausedFor(chat),
                throttle.chatMethodPausedFor(chat, method.getMethod()));
    if (held > MAX_RATE_LIMITED_SECONDS * 1_000_000_000L) {
      throw new TelegramApiException(
          "not sent: Telegram asked the bot to wait "
              + held / 1_000_000_000L
              + " s more (429) before calling "
              + method.getMethod()
              + " in this chat again");
    }
    return held;
  }

  /** A numeric chat id, or null for a "@channel" name, none, or a number no chat id can be. */
  private static Long chatIdOf(String chat) {
    if (chat == null || !chat.matches("-?\\d{1,19}")) {
      return null;
    }
    try {
      return Long.parseLong(chat);
    } catch (NumberFormatException e) {
      return null; // beyond a long
    }
  }

  /**
   * Whether a chat action or a query answer that would wait {@code wait} more for the overall limit
   * comes too late by then: a chat action while a 429's pause holds every call, a query answer when
   * the pause is longer than it waits ({@link #MAX_QUERY_ANSWER_WAIT_SECONDS}) or the wait outlasts
   * its query ({@code deadline}).
   */
  private boolean tooLate(BotApiMethod<?> method, boolean query, long deadline, long wait) {
    long held = heldFor(method);
    if (method instanceof SendChatAction) {
      return held > 0;
    }
    return query
        && (held > MAX_QUERY_ANSWER_WAIT_SECONDS * 1_000_000_000L
            || clock.nanoTime() + Math.max(held, wait) - deadline >= 0);
  }

  /**
   * Executes one attempt ({@link #sent}, or {@link #sentBy} for a query answer), and ends its slot
   * when it is over, however ({@link Throttle.Slot#answered}): an answer, a refusal, an error, a
   * timeout. Telegram counts calls as they arrive, and an answered call has arrived: it counts
   * against the overall limit for a window from then, and a message's chat has its next message
   * counted from then. (A query answer no longer waited for at its query's end, {@link #sentBy},
   * may still be on its way; it is counted from then all the same.)
   */
  private <T extends Serializable> T sentPaced(
      TelegramClient via, BotApiMethod<T> method, Throttle.Slot slot, boolean query, long deadline)
      throws TelegramApiException {
    try {
      return query ? sentBy(via, method, deadline) : sent(via, method);
    } finally {
      slot.answered();
    }
  }

  /** Executes one attempt, counted as on the wire until its answer (or failure) comes. */
  private <T extends Serializable> T sent(TelegramClient via, BotApiMethod<T> method)
      throws TelegramApiException {
    onTheWire.incrementAndGet();
    try {
      return via.execute(method);
    } finally {
      onTheWire.decrementAndGet();
    }
  }

  /**
   * Executes a query answer's attempt as {@link #sent} does, waiting for its answer only until
   * {@code deadline}: Telegram refuses the answer after that, and the worker holds the press's own
   * reply behind it. An answer not come by then is no more waited for (the call ends at the
   * client's timeout), and its outcome is not known ({@link OutcomeUnknown}).
   */
  private <T extends Serializable> T sentBy(
      TelegramClient via, BotApiMethod<T> method, long deadline) throws TelegramApiException {
    onTheWire.incrementAndGet();
    try {
      java.util.concurrent.CompletableFuture<T> answer = via.executeAsync(method);
      try {
        return answer.get(
            Math.max(0, deadline - clock.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        answer.cancel(false);
        throw new OutcomeUnknown(
            "no answer while the query lived; Telegram refuses any answer to it from now on, so it"
                + " is not sent again (it may have arrived)");
      } catch (java.util.concurrent.ExecutionException e) {
        // As the library's own execute reports it.
        throw e.getCause() instanceof TelegramApiException t
            ? t
            : new TelegramApiException(
                "Unable to execute " + method.getMethod() + " method", e.getCause());
      } catch (InterruptedException e) {
        throw new TelegramApiException("Unable to execute " + method.getMethod() + " method", e);
      }
    } finally {
      onTheWire.decrementAndGet();
    }
  }

  /**
   * The error a call given up after a try whose answer was lost ends with: for a query answer its
   * outcome is not known ({@link OutcomeUnknown}, logged at INFO), as when its retry is refused
   * "query is too old" or the query's lifetime runs out, since that try may have shown the toast or
   * the results (before, a second lost answer was logged at WARN as not delivered, the first at
   * INFO as unknown); for any other call, {@code last}. Not for tries that all got a 5xx: those are
   * an answer each, most likely of a Bot API that did not take the call, so {@code last} (a WARN
   * "not delivered"; before review 18 an INFO, and an outage for presses left no WARN).
   */
  private static TelegramApiException givenUp(boolean query, TelegramApiException last) {
    return query
        ? new OutcomeUnknown(
            "given up after a try that got no answer; whether it answered the query is not known")
        : last;
  }

  /**
   * A query answer whose query is past its lifetime before a try: not sent. After a try whose
   * answer was lost, its outcome is not known ({@link OutcomeUnknown}); else (tries refused or
   * answered with a 5xx) it was not delivered, as the last try's error says.
   */
  private static TelegramApiException queryExpired(
      BotApiMethod<?> method, boolean unknown, TelegramApiException last) {
    if (unknown) {
      return new OutcomeUnknown(
          "the query is too old for another try; whether the earlier one, which got no answer,"
              + " answered it is not known");
    }
    return last != null
        ? last
        : new TelegramApiException(
            "not sent: the query is too old for Telegram to take its answer ("
                + method.getMethod()
                + ")");
  }

  /**
   * Whether a call still gets tried while Telegram cannot be reached: a reply (a new chat message,
   * whose loss the user notices) for {@link #OUTAGE_PATIENCE_NANOS} since its first try, and the
   * bot's check at start ({@code getMe}: after a reboot the network may come up after the bot);
   * edits, button and inline answers and chat actions do not wait (a button's answer is refused
   * about 15 s after the press anyway, {@link #QUERY_LIFETIME_NANOS}). A reply one of whose tries
   * may have arrived is still tried through an outage after it (a 504, then 502s: giving up would
   * lose the answer if that try had not arrived); a second try that may have arrived ends the call,
   * so one copy more is the most a chat may see.
   */
  private boolean patientWith(BotApiMethod<?> method, long started, boolean reply) {
    return (reply || method instanceof SendMessage || atStart(method))
        && clock.nanoTime() - started < OUTAGE_PATIENCE_NANOS;
  }

  /**
   * The bot's calls at start before it polls: getMe, and getWebhookInfo and deleteWebhook, which
   * remove a webhook so that it can poll. They only read or are idempotent, so they are tried
   * through an outage however their tries ended; before, the two after getMe were given up after
   * four tries (about 3.5 s) of a network still flapping, and the bot stopped ("cannot start
   * polling") though getMe had just waited minutes for the same network.
   */
  private static boolean atStart(BotApiMethod<?> method) {
    return method instanceof GetMe
        || method instanceof org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo
        || method instanceof org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
  }

  /**
   * Says once per reply, or once at start, that Telegram cannot be reached and the call keeps being
   * tried.
   */
  private static boolean outageNoted(boolean noted, String why, BotApiMethod<?> method) {
    if (!noted && atStart(method)) {
      log.warn(
          "{}: Telegram cannot be reached yet ({}); the bot keeps trying for up to {} min before"
              + " it gives up (check the network, or TELEGRAM_API_URL for a self-hosted server)",
          method.getMethod(),
          why,
          OUTAGE_PATIENCE_NANOS / 60_000_000_000L);
    } else if (!noted) {
      log.warn(
          "{}: Telegram cannot be reached ({}); the reply keeps being tried for up to {} min, its"
              + " update stays in the journal until then",
          method.getMethod(),
          why,
          OUTAGE_PATIENCE_NANOS / 60_000_000_000L);
    }
    return true;
  }

  /** Whether a network error came after the request was written (Telegram may have acted on it). */
  static boolean maybeDelivered(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException) {
        // The TLS handshake failed ("Remote host terminated the handshake", its root cause an
        // EOFException): HTTP goes only over a finished handshake, so no request was written.
        return false;
      }
    }
    Throwable c = rootCause(e);
    if (c instanceof java.net.ConnectException
        || c instanceof java.net.UnknownHostException
        || c instanceof java.net.NoRouteToHostException) {
      return false;
    }
    // A connect that timed out never sent the request. The JDK since 13 says "Connect timed out"
    // (capital C; the old socket code said "connect timed out"), so the case is ignored.
    if (c instanceof java.net.SocketTimeoutException t
        && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect")) {
      return false;
    }
    return c instanceof java.io.IOException;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  /**
   * Waits before retry {@code attempt}: "full jitter", a time drawn evenly from zero to the
   * exponential backoff's ceiling, so that failures shared by several workers (an outage) do not
   * bring them back in step.
   */
  private void backoff(BotApiMethod<?> method, int attempt, String why)
      throws InterruptedException {
    long ceiling = Math.min(MAX_BACKOFF_NANOS, backoffNanos << Math.min(attempt - 1, 20));
    long wait = jitter.nextLong(ceiling + 1);
    log.info(
        "{} failed ({}); retry {} in {} ms", method.getMethod(), why, attempt, wait / 1_000_000);
    // Telegram failing or out of reach: every chat's calls fail alike meanwhile
    sleepTold(wait, true);
  }

  /**
   * A 400 whose description says one of {@code phrases}. ENTITIES_TOO_LONG: the entities' total
   * size (a link's URL counts) is over Telegram's undocumented limit, about 9,500 characters
   * (tdlib/telegram-bot-api#165); plain text has none.
   */
  private static boolean refusal(TelegramApiRequestException e, String... phrases) {
    Integer code = e.getErrorCode();
    String response = String.valueOf(e.getApiResponse()).toLowerCase(java.util.Locale.ROOT);
    return code != null
        && code == 400
        && java.util.Arrays.stream(phrases).anyMatch(response::contains);
  }

  /** What Telegram says when it cannot parse a call's formatting, in lower case. */
  private static final String[] ENTITY_ERRORS = {"can't parse entities", "entities_too_long"};

  private static boolean isEntityError(TelegramApiRequestException e) {
    return refusal(e, ENTITY_ERRORS);
  }

  private static boolean entityRefusal(String response) {
    String r = response.toLowerCase(java.util.Locale.ROOT);
    return java.util.Arrays.stream(ENTITY_ERRORS).anyMatch(r::contains);
  }

  /**
   * Whether a call goes to a chat or a user (a message, an edit or a deletion, a chat action, a
   * button's or inline query's answer), whose 429 may be the whole bot's and pauses every call
   * ({@link Throttle#pauseFor}). Not the bot's settings (the command menu, its descriptions):
   * Telegram limits those on their own and hard, a retry_after of 460-490 s for a bot restarted a
   * few times (openclaw/openclaw#32017), which would hold every answer that long.
   */
  private static boolean toAChat(BotApiMethod<?> method) {
    return method instanceof SendMessage
        || method instanceof EditMessageText
        || method instanceof EditMessageReplyMarkup
        || method instanceof EditMessageCaption
        || method instanceof DeleteMessage
        || method instanceof SendChatAction
        || isQueryAnswer(method);
  }

  private static boolean isQueryAnswer(BotApiMethod<?> method) {
    return method instanceof org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery
        || method instanceof org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
  }

  private static boolean isNotModified(TelegramApiRequestException e) {
    return refusal(e, "message is not modified");
  }

  /** answerCallbackQuery's refusal of a query answered already (or too old, or unknown). */
  private static boolean isQueryAnswered(TelegramApiRequestException e) {
    return refusal(e, "query is too old");
  }

  private static boolean isTooLong(TelegramApiRequestException e) {
    return refusal(e, "message is too long");
  }

  /**
   * Whether Telegram refused a call with 403 (blocked by the user, kicked from the group): a
   * proxy's 403 page says nothing of the user ({@link ErrorPages}).
   */
  private static boolean forbidden(TelegramApiRequestException e) {
    return e.getErrorCode() != null
        && e.getErrorCode() == 403
        && !ErrorPages.wrote(e.getApiResponse());
  }

  private static <T> Optional<T> failed(BotApiMethod<?> method, TelegramApiException e) {
    if (e instanceof TelegramApiRequestException r && forbidden(r)) {
      log.info("{}: the user blocked the bot or left the chat (403); skipped", method.getMethod());
    } else if (method instanceof SendChatAction) {
      log.info(
          "sendChatAction not delivered ({}); the reply is not held for it",
          e instanceof TelegramApiRequestException r
              ? "error " + r.getErrorCode()
              : Secrets.mask(String.valueOf(rootCause(e))));
    } else {
      String detail =
          e instanceof TelegramApiRequestException r
              ? "error " + r.getErrorCode() + ": " + r.getApiResponse()
              : Secrets.mask(String.valueOf(rootCause(e)));
      log.warn("{} not delivered: {}", method.getMethod(), detail);
    }
    return Optional.empty();
  }
}
