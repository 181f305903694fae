package org.astanaqa.bot.telegram.receive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Answers journaled updates: a chat's updates one after another, different chats in parallel on the
 * worker pool. A user's button presses and inline queries have queues of their own, apart from any
 * chat's: Telegram refuses a press's answer about 15 s after the press ("query is too old", {@link
 * #QUERY_LIFETIME_MILLIS}), and in a group whose answers go out one a second (Telegram's flood
 * limit) a press queued behind a dozen questions came too late, its spinner turning and its "noted"
 * never shown. This is the Telegram front end's error boundary: whatever one update throws is
 * logged with its id, its user is told that it could not be answered now ({@link Handler#failed}),
 * the update is then marked done, and its queue moves on to the next one. It is not tried again,
 * after a restart either: the user was asked to try again, and an update that fails every time
 * would otherwise fail at every start.
 *
 * <p>An update whose answering kills the whole process (an OutOfMemoryError that ends the JVM, a
 * native crash, the OOM killer, a {@code kill -9}) throws nothing here and is never done: the
 * journal records each start of its answering ({@link UpdateJournal#started}), and after a restart
 * the updates that were being answered when the process died are answered again one at a time,
 * before any other ({@link #resume}), so that a crash is counted against the update that caused it,
 * not against those answered beside it. One started {@link #MAX_STARTS} times, each in a process
 * that died with it under way, is not answered again: it is logged at ERROR with its id, its user
 * is told to try again, as when answering throws, and it is done. Without that, a "poison" update
 * crashed the bot at every restart, and no chat was answered after its turn.
 */
public final class UpdateDispatcher {
  private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);

  /**
   * Answers one update (the Telegram package's update handler). Telegram errors are the sender's to
   * handle, so this throws only on bugs, which this dispatcher logs.
   */
  @FunctionalInterface
  public interface Handler {
    void handle(Update u) throws InterruptedException;

    /**
     * Answers a button press, which must be quick (Telegram refuses the answer about 15 s after the
     * press, {@link #QUERY_LIFETIME_MILLIS}), and returns what else the press does in its chat (an
     * edit, a message), or null. That is paced as the chat's messages, so in a busy group it may
     * wait up to a minute: the dispatcher runs it in the chat's order on the chat's workers, never
     * on the presses' own. By default the whole press is handled here.
     *
     * @param tooOld the press came longer ago than Telegram takes its answer ({@link
     *     #QUERY_LIFETIME_MILLIS}): its answer is not sent, as Telegram would refuse it
     */
    default Work press(Update u, boolean tooOld) throws InterruptedException {
      handle(u);
      return null;
    }

    /**
     * Told, before a button press or an inline query is answered, how long Telegram still takes its
     * answer: {@link #QUERY_LIFETIME_MILLIS} counted from when the update was received (the
     * journal's time), not from when its answering starts, so that the answer is neither waited for
     * nor sent again past the moment Telegram would refuse it. By default nothing is done.
     *
     * @param millis what is left of the query's lifetime; 0 or less when it is too old already
     */
    default void answerWithin(Update u, long millis) {}

    /**
     * Tells the user of {@code u} that it could not be answered now, after its handling threw: a
     * message gets a reply, a press its answer (a toast), an inline query an answer. Without it the
     * user got nothing: a question no reply, a press a spinner turning until Telegram gave up.
     * Whatever this throws is logged; the update is done either way. By default nothing is said.
     *
     * @param pressAnswered the press was answered already: what it does in its chat ({@link
     *     Handler#press}'s work) threw
     * @param tooOld as for {@link #press}: Telegram would refuse the press's or query's answer
     */
    default void failed(Update u, boolean pressAnswered, boolean tooOld)
        throws InterruptedException {}

    /**
     * How long, in milliseconds, the reply to {@code u} (a message, or what a press shows in its
     * chat) would wait now for its chat's turn (a group's 20 a minute, a 429 of the chat): one due
     * to wait {@link #WAIT_OFF_THE_WORKERS_MILLIS} or more waits on a timer, not on a worker. 0
     * when it may go now or sends nothing. By default 0.
     */
    default long turnInMillis(Update u) {
      return 0;
    }

    /**
     * Shows, while {@code u} waits for its chat's turn off the workers, that it is being answered
     * ("typing..."); closed when its answering starts, or the stop comes. By default nothing.
     */
    default AutoCloseable waitingForTurn(Update u) {
      return () -> {};
    }

    /**
     * Whether the bot replies to the message {@code u} at all: in a group, only a command for it, a
     * mention of it or a reply to it. Only those count towards, and are shed at, {@link
     * #MAX_WAITING_PER_CHAT}. By default every message.
     */
    default boolean repliesTo(Update u) {
      return true;
    }

    /**
     * Tells the user of the message {@code u} that it was not taken, as its chat had {@link
     * #MAX_WAITING_PER_CHAT} questions waiting, and that they should ask again later. Sent in the
     * chat's order, one at a time per chat. By default nothing is said.
     */
    default void busy(Update u) throws InterruptedException {}
  }

  /** What a press does in its chat after it was answered ({@link Handler#press}). */
  @FunctionalInterface
  public interface Work {
    void run() throws InterruptedException;
  }

  /**
   * How long after a button press or an inline query Telegram still takes its answer, at the most:
   * later, answerCallbackQuery and answerInlineQuery are refused ("query is too old and response
   * timeout expired"; the limit is not documented, bots report 5 to 15 s). One received longer ago
   * (held in the journal over a restart, or queued that long) gets no answer: an inline query is
   * not searched at all, and a press only does what it asked for in its chat.
   */
  public static final long QUERY_LIFETIME_MILLIS = 15_000;

  /**
   * As {@link #QUERY_LIFETIME_MILLIS} for an inline query, whose answer Telegram takes for less
   * time: bots report it refused 10.3 s after the query reached them (eternnoir/pyTelegramBotAPI
   * #270, "query_id will expire in 10 seconds"). Counted at a press's 15 s, a query 10 to 15 s old
   * was searched and its answer sent and refused, its worker held meanwhile from the fresh queries
   * that the user's next keystrokes sent.
   */
  public static final long INLINE_QUERY_LIFETIME_MILLIS = 10_000;

  /** How long after it came Telegram still takes the answer to {@code u}, a press or query. */
  static long lifetimeOf(Update u) {
    return u.hasInlineQuery() ? INLINE_QUERY_LIFETIME_MILLIS : QUERY_LIFETIME_MILLIS;
  }

  /**
   * How many starts of an update's answering, each ended by the process dying, make it one not to
   * answer again (2: a single {@code kill -9}, a deploy or the OOM killer choosing the bot for
   * another's memory, may come while any update is answered, and that one is answered after the
   * restart; a second death while it is answered alone is its own doing).
   */
  public static final int MAX_STARTS = 2;

  /**
   * How long, at most, an update left under way by a crash is answered alone after the restart
   * before the next one starts: one slower than that (a long outage of Telegram) is not a crash.
   */
  static final long ALONE_MILLIS = 30_000;

  /**
   * An update whose reply would wait this long or longer for its chat's turn ({@link
   * Handler#turnInMillis}) waits on {@link #timers}, off the workers: a group that had its 20
   * messages this minute waits up to a minute, a 429 of a chat up to 10, and slept on a worker such
   * waits held it, so that four busy groups (four workers) held every other chat's answers.
   */
  public static final long WAIT_OFF_THE_WORKERS_MILLIS = 1500;

  /**
   * Messages the bot replies to that may wait in one chat; more are shed, the first of them told
   * ({@link Handler#busy}, one notice queued at a time). Telegram takes 20 messages a minute in a
   * group (Bot FAQ, "My bot is hitting limits"), so a group that asks faster than that only ever
   * grows its backlog: unbounded, it filled the {@code LongPoller}'s 1,000 pending updates, polling
   * paused for every chat, and a private question, a press or an inline query waited at Telegram
   * behind one busy group until it expired. 60 is three minutes of a group's answers; a notice
   * queued counts among them.
   */
  public static final int MAX_WAITING_PER_CHAT = 60;

  /** Messages waiting per chat that the bot replies to, as {@link #MAX_WAITING_PER_CHAT} counts. */
  private final Map<Object, Integer> waiting = new ConcurrentHashMap<>();

  /**
   * Chats with a notice of their backlog ({@link Handler#busy}) queued and not yet sent: at most
   * one per chat at a time, so at most one a {@link #MAX_WAITING_PER_CHAT} answers in a chat that
   * keeps asking faster than it is answered.
   */
  private final java.util.Set<Object> toldBusy = ConcurrentHashMap.newKeySet();

  /** Where updates wait for their chat's turn off the workers; null: they wait on a worker. */
  private volatile java.util.concurrent.ScheduledExecutorService timers;

  private final Handler handler;
  private final UpdateJournal journal;
  private final ExecutorService workers;
  private final ExecutorService queries;
  private final Map<Object, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();

  /**
   * Each user's latest inline query, by the order in which it was dispatched (update ids may start
   * lower after a quiet week): a user's queries not yet run whose turn comes after a newer one was
   * dispatched are superseded ({@link #superseded}). Only users with a query queued are kept.
   */
  private final Map<Long, Long> latestInline = new ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicLong dispatched =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean accepting = true;

  public UpdateDispatcher(Handler handler, UpdateJournal journal, ExecutorService workers) {
    this(handler, journal, workers, workers);
  }

  /**
   * As the other constructor, button presses and inline queries answered on {@code queries}, a pool
   * of their own: a chat's answer can hold its worker for up to a minute (a group that had its 20
   * messages this minute waits for the next one, {@code Throttle}), and with as many busy groups as
   * workers a press in any other chat waited past Telegram's ~15 s (review 7).
   */
  public UpdateDispatcher(
      Handler handler, UpdateJournal journal, ExecutorService workers, ExecutorService queries) {
    this.handler = handler;
    this.journal = journal;
    this.workers = workers;
    this.queries = queries;
  }

  /**
   * Has an update whose reply must wait long for its chat's turn wait on {@code timers} ({@link
   * #WAIT_OFF_THE_WORKERS_MILLIS}), not on a worker. Returns this.
   */
  public UpdateDispatcher waitTurnsOn(java.util.concurrent.ScheduledExecutorService timers) {
    this.timers = timers;
    return this;
  }

  /** Queues an update behind the earlier ones of its chat. Returns at once. */
  void dispatch(UpdateJournal.Entry entry, Update u) {
    long updateId = entry.id();
    Object chat = queueOf(entry, u);
    ExecutorService pool = u.hasCallbackQuery() || u.hasInlineQuery() ? queries : workers;
    if (!accepting) {
      return; // shutting down: it stays in the journal and is answered after the restart
    }
    boolean counted = u.hasMessage() && pool == workers && repliesTo(u);
    if (counted && waiting.getOrDefault(chat, 0) >= MAX_WAITING_PER_CHAT) {
      shed(entry, u, chat);
      return;
    }
    if (counted) {
      waiting.merge(chat, 1, Integer::sum);
    }
    long seq = dispatched.incrementAndGet();
    Long inlineUser =
        u.hasInlineQuery() && u.getInlineQuery().getFrom() != null
            ? u.getInlineQuery().getFrom().getId()
            : null;
    if (inlineUser != null) {
      latestInline.put(inlineUser, seq);
    }
    inOrder(
        chat,
        pool,
        updateId,
        pool == workers && !u.hasCallbackQuery() && !u.hasInlineQuery() ? u : null,
        () -> {
          try {
            run(entry, u, pool, inlineUser != null && superseded(inlineUser, seq));
          } finally {
            if (inlineUser != null) {
              latestInline.remove(inlineUser, seq);
            }
            if (counted) {
              left(chat);
            }
          }
        });
  }

  private boolean repliesTo(Update u) {
    try {
      return handler.repliesTo(u);
    } catch (RuntimeException e) {
      log.warn("whether an update is replied to could not be told; it is counted", e);
      return true;
    }
  }

  /**
   * One of {@code chat}'s counted messages is done. (One never run, as its task was refused by
   * workers that had stopped or cancelled by a stop, stays counted: the dispatcher takes no update
   * after a stop, so the count is never read again.)
   */
  private void left(Object chat) {
    waiting.computeIfPresent(chat, (k, n) -> n <= 1 ? null : n - 1);
  }

  /**
   * Sheds a message of a chat with {@link #MAX_WAITING_PER_CHAT} waiting: one with no notice of the
   * chat's queued is told so, in the chat's order after those waiting ({@link Handler#busy}, paced
   * as its replies); the rest are logged and done. Never an edit, a press or an inline query: those
   * are not new questions, and a press holds a vote.
   */
  private void shed(UpdateJournal.Entry entry, Update u, Object chat) {
    if (!toldBusy.add(chat)) {
      log.debug(
          "update {}: its chat has {} questions waiting; shed", entry.id(), MAX_WAITING_PER_CHAT);
      journal.done(entry);
      return;
    }
    log.warn(
        "update {}: its chat has {} questions waiting; shed, and its user told to ask again later",
        entry.id(),
        MAX_WAITING_PER_CHAT);
    waiting.merge(chat, 1, Integer::sum);
    inOrder(
        chat,
        workers,
        entry.id(),
        u,
        () -> {
          try {
            complete(
                entry,
                u,
                workers,
                () -> {
                  handler.busy(u);
                  return true;
                },
                () -> {});
          } finally {
            left(chat);
            // the next question shed after this notice gets one too: before, a group that never
            // caught up was told once, and every question shed after that got nothing
            toldBusy.remove(chat);
          }
        });
  }

  /**
   * Whether a newer inline query of the same user was dispatched after the one dispatched as {@code
   * seq}. Telegram sends a query per keystroke and its app shows the results of the text in the
   * field only, so an answer to text the user has typed on from is never seen: searching it and
   * answering it was wasted work on the user's queue, ahead of the query they wait for.
   */
  private boolean superseded(long user, long seq) {
    Long latest = latestInline.get(user);
    return latest != null && latest > seq;
  }

  /**
   * Runs {@code task} on {@code pool} once everything queued before it under {@code queue} ran, and
   * once the reply to {@code turnOf} (null: none) no longer waits long for its chat's turn ({@link
   * #turn}).
   */
  private void inOrder(
      Object queue, ExecutorService pool, long updateId, Update turnOf, Runnable task) {
    try {
      CompletableFuture<Void> mine =
          tails.compute(
              queue,
              (k, tail) ->
                  (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                      .handle((ok, err) -> null) // an earlier failure never blocks the chat
                      .thenCompose(x -> turnOf == null ? DUE : turn(updateId, turnOf))
                      .thenAcceptAsync(
                          shown -> {
                            // on the worker, not the timer thread: closing "typing..." may wait
                            // for a chat action on its way (a slow Telegram), as the reply must not
                            // come before it
                            close(updateId, shown);
                            task.run();
                          },
                          pool));
      mine.whenComplete((ok, err) -> tails.remove(queue, mine));
    } catch (RejectedExecutionException e) {
      log.debug("update {} not started: the workers are stopping", updateId);
    }
  }

  private static final AutoCloseable NOTHING_SHOWN = () -> {};

  /** An update whose chat's turn has come, nothing shown while it waited. */
  private static final CompletableFuture<AutoCloseable> DUE =
      CompletableFuture.completedFuture(NOTHING_SHOWN);

  private static void close(long updateId, AutoCloseable shown) {
    try {
      shown.close();
    } catch (Exception e) {
      log.debug("update {}: closing its wait's indicator failed", updateId, e);
    }
  }

  /**
   * Done when the reply to {@code u} may go without a long wait for its chat's turn: at once when
   * it waits less than {@link #WAIT_OFF_THE_WORKERS_MILLIS}, otherwise after the wait, on a timer,
   * looked at again then (the wait can grow meanwhile: a 429 of the chat). Meanwhile the chat's
   * later updates wait behind it, its worker answers other chats, and its user sees that it is
   * being answered ({@link Handler#waitingForTurn}, given with the result to be closed when its
   * answering starts). Never done on a stop: it stays in the journal and is answered after the
   * restart.
   */
  private CompletableFuture<AutoCloseable> turn(long updateId, Update u) {
    if (timers == null || !accepting) {
      return DUE;
    }
    long wait = turnIn(updateId, u);
    if (wait < WAIT_OFF_THE_WORKERS_MILLIS) {
      return DUE;
    }
    CompletableFuture<AutoCloseable> due = new CompletableFuture<>();
    AutoCloseable shown;
    try {
      shown = handler.waitingForTurn(u);
    } catch (RuntimeException | Error e) {
      log.warn("update {}: showing that it waits failed", updateId, e);
      shown = NOTHING_SHOWN;
    }
    AutoCloseable indicator = shownUntilStop(shown);
    due.whenComplete(
        (ok, err) -> {
          if (err != null) {
            close(updateId, indicator); // a stop: never answered here
          }
        });
    log.debug("update {} waits {} ms for its chat's turn, off the workers", updateId, wait);
    waitOnTimer(due, updateId, u, wait, indicator);
    return due;
  }

  /** Completes {@code due} after {@code millis}, or later when the chat's turn is still far. */
  private void waitOnTimer(
      CompletableFuture<AutoCloseable> due,
      long updateId,
      Update u,
      long millis,
      AutoCloseable shown) {
    try {
      timers.schedule(
          () -> {
            if (!accepting) {
              // stopping: not answered now, left in the journal for the restart
              due.completeExceptionally(new java.util.concurrent.CancellationException("stop"));
              return;
            }
            try {
              long again = turnIn(updateId, u);
              if (again >= WAIT_OFF_THE_WORKERS_MILLIS) {
                waitOnTimer(due, updateId, u, again, shown);
              } else {
                due.complete(shown);
              }
            } catch (RuntimeException | Error e) {
              // Swallowed by the scheduled task, it left the update unanswered, its "typing..."
              // renewed for good and its chat's later updates behind it: answered now instead.
              log.error("update {}: its wait for its chat's turn failed", updateId, e);
              due.complete(shown);
            }
          },
          millis,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      due.completeExceptionally(e); // the timers are stopping: so is the bot
    }
  }

  /**
   * {@link Handler#turnInMillis}, 0 should it throw (a bug, or an Error such as an OutOfMemoryError
   * that landed here: the update is answered as before, never skipped nor left waiting for good).
   */
  private long turnIn(long updateId, Update u) {
    try {
      return handler.turnInMillis(u);
    } catch (RuntimeException | Error e) {
      log.warn("update {}: its chat's turn could not be told", updateId, e);
      return 0;
    }
  }

  /**
   * Answers the updates an earlier run left in the journal, in its order, after a restart: first
   * those whose answering had started when that run ended (a crash, a {@code kill -9}), one at a
   * time, each alone until it is done (or {@link #ALONE_MILLIS} passed), then the others as usual.
   * Alone, a crash again is that update's doing: its start is counted against it and no other. One
   * started {@link #MAX_STARTS} times already is not answered but given up ({@link #giveUp}).
   * Returns at once when no update was under way; otherwise when those are done, or on a stop.
   */
  void resume(List<UpdateJournal.Entry> entries, List<Update> updates) throws InterruptedException {
    List<Integer> started = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (journal.starts(entries.get(i)) > 0) {
        started.add(i);
      }
    }
    if (!started.isEmpty()) {
      log.warn(
          "the bot stopped last time while answering {} update(s) (a crash, the OOM killer, a"
              + " kill -9, or an answer that did not end at the stop?); each is answered alone"
              + " before the others",
          started.size());
    }
    for (int i : started) {
      if (!accepting) {
        return;
      }
      dispatch(entries.get(i), updates.get(i));
      awaitIdle(ALONE_MILLIS);
    }
    for (int i = 0; i < entries.size(); i++) {
      if (!started.contains(i)) { // read before: an update done has no starts
        dispatch(entries.get(i), updates.get(i));
      }
    }
  }

  /** Waits up to {@code millis} until no update is queued or being answered. */
  private void awaitIdle(long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!tails.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
  }

  private void run(UpdateJournal.Entry entry, Update u, ExecutorService pool, boolean superseded) {
    // Not known in a journal written before times: counted from now, the most it can have left.
    long age =
        entry.receivedMillis() > 0
            ? Math.max(0, System.currentTimeMillis() - entry.receivedMillis())
            : 0;
    boolean tooOld = age > lifetimeOf(u);
    if (u.hasCallbackQuery() || u.hasInlineQuery()) {
      handler.answerWithin(u, lifetimeOf(u) - age);
    }
    int startedBefore = journal.starts(entry); // by processes that died while answering it
    if (startedBefore >= MAX_STARTS) {
      complete(
          entry,
          u,
          pool,
          () -> {
            giveUp(entry, u, startedBefore, tooOld);
            return true;
          },
          () -> {});
      return;
    }
    complete(
        entry,
        u,
        pool,
        () -> {
          if (superseded) {
            log.debug("update {}: an inline query the user has typed on from; skipped", entry.id());
            return true;
          }
          if (u.hasInlineQuery() && tooOld) {
            log.debug("update {}: an inline query too old to answer; skipped", entry.id());
            return true;
          }
          if (!u.hasCallbackQuery()) {
            handler.handle(u);
            return true;
          }
          Work rest = handler.press(u, tooOld);
          if (rest == null) {
            return true;
          }
          inChat(entry, u, tooOld, rest); // marked done once that is done too
          return false;
        },
        () -> handler.failed(u, false, tooOld));
  }

  /**
   * Gives up an update whose answering was under way each of the {@code startedBefore} times the
   * bot died: it is logged at ERROR by its id (never its text), its user is told that it could not
   * be answered now and to try again, once, as when answering throws, and it is then done. A press
   * too old for its toast is told in its chat. When the bot died while telling them too (more
   * starts than {@link #MAX_STARTS}), nothing more is sent.
   */
  private void giveUp(UpdateJournal.Entry entry, Update u, int startedBefore, boolean tooOld)
      throws InterruptedException {
    if (startedBefore > MAX_STARTS) {
      log.error(
          "update {}: the bot stopped {} times while answering it or telling its user it could"
              + " not (died, or the answer hung through a stop); it is not answered again, nor its"
              + " user told again",
          entry.id(),
          startedBefore);
      return;
    }
    log.error(
        "update {}: the bot stopped {} times while answering it (an OutOfMemoryError, a crash, the"
            + " OOM killer, kill -9, or an answer that hung through a stop); it is not answered"
            + " again, and its user is told to try again",
        entry.id(),
        startedBefore);
    try {
      handler.failed(u, u.hasCallbackQuery() && tooOld, tooOld);
    } catch (RuntimeException | Error e) {
      log.error("update {}: telling its user that it failed failed too", entry.id(), e);
    }
  }

  /**
   * Queues what a press does in its chat behind the chat's earlier updates, on the chat's workers:
   * a press's worker that waited for a busy group's next minute held every other press behind it
   * (review 8), and its message went out of the chat's order. The press stays in the journal until
   * then, so a stop before it runs leaves it to the restart.
   */
  private void inChat(UpdateJournal.Entry entry, Update u, boolean tooOld, Work rest) {
    inOrder(
        entry.chat(),
        workers,
        entry.id(),
        u,
        () ->
            complete(
                entry,
                u,
                workers,
                () -> {
                  rest.run();
                  return true;
                },
                () -> handler.failed(u, true, tooOld)));
  }

  /** A part of an update's handling; true when the update is then done. */
  @FunctionalInterface
  interface Step {
    boolean run() throws InterruptedException;
  }

  /**
   * Runs {@code step} unless stopping, and marks the update done in the journal when the step says
   * so or fails. A failure is logged, then {@code failed} tells the user, once, and the update is
   * marked done after that: it is not tried again, so that its chat goes on and an update that
   * fails every time (a bug its content triggers) cannot fail again at every restart; the user was
   * asked to try again. An interrupted step leaves the update for the restart (it did not fail), as
   * does a failure whose user a stop keeps from being told (sending has stopped).
   */
  private void complete(
      UpdateJournal.Entry entry, Update u, ExecutorService pool, Step step, Work failed) {
    running.incrementAndGet();
    Answering outer = answering.get();
    answering.set(new Answering(entry, u, pool));
    try {
      if (!accepting) {
        return; // queued behind others when the stop came: answered after the restart
      }
      // On the device before answering starts: a crash from here on counts against this update.
      journal.started(entry);
      boolean done = true;
      try {
        // The parts of a split reply are journaled as Telegram confirms them: after a restart
        // only those not confirmed are sent (SentParts).
        done = SentParts.during(journal, entry, step);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        journal.interrupted(entry); // a stop, not a crash: the start does not count against it
        return; // not marked done: answered again after the restart
      } catch (RuntimeException | Error e) {
        if (!accepting && byInterrupt(e)) {
          // The stop's interrupt, turned into an unchecked exception on its way up (Lucene's
          // ThreadInterruptedException, an interrupted file channel): a stop, not a failure. Taken
          // for a failure, the update was marked done and never answered, its "try again" not
          // even sent, as sending had stopped.
          Thread.currentThread().interrupt();
          journal.interrupted(entry);
          return;
        }
        log.error(
            "update {} failed; its user is told to try again, and it is not retried",
            entry.id(),
            e);
        try {
          failed.run();
        } catch (InterruptedException stop) {
          // Stopping (a SIGTERM, a revoked token): the user could not be told. Marked done, it was
          // never answered nor its user told; left, the restart answers it, or tells them then.
          Thread.currentThread().interrupt();
          journal.interrupted(entry);
          return;
        } catch (RuntimeException | Error again) {
          log.error("update {}: telling its user that it failed failed too", entry.id(), again);
        }
      }
      if (done) {
        journal.done(entry);
      }
    } finally {
      if (outer == null) {
        answering.remove();
      } else {
        answering.set(outer);
      }
      journal.ended(entry); // no longer running: a stop now is no hang of it
      running.decrementAndGet();
    }
  }

  /** The update answered on this thread, and the pool it is answered on. */
  private record Answering(UpdateJournal.Entry entry, Update update, ExecutorService pool) {}

  private final ThreadLocal<Answering> answering = new ThreadLocal<>();

  /**
   * The most stand-ins a pool is given at once ({@link #waitingLong}) beyond its own workers: each
   * is a thread, for a reply that waits out a 429 or a group's next minute. More such waits than
   * this hold workers as before.
   */
  public static final int MAX_STAND_INS = 64;

  /** Stand-ins given, by pool; guarded by itself. */
  private final Map<ExecutorService, Integer> standIns = new java.util.HashMap<>();

  /**
   * Told by the sender, on the thread that answers an update, that a call of its answering is about
   * to wait long (a 429's retry_after of up to 10 minutes, a backoff through an outage, a group's
   * next minute for a reply's second part; {@code Sender.LONG_WAIT_NANOS}). Such a wait begins once
   * the answering has started, so it cannot wait off the workers as a wait for the chat's turn does
   * before it ({@link #turn}): the answer, half sent perhaps, and what its answering counted (the
   * user's question limit, the buttons it stored) are on this thread. Instead, meanwhile:
   *
   * <ul>
   *   <li>a stand-in takes the worker's place: its pool is given one thread more (a {@link
   *       java.util.concurrent.ThreadPoolExecutor}, at most {@link #MAX_STAND_INS}), taken back
   *       when the wait ends, so that the other chats are answered. Before, four replies waiting
   *       out long 429s (four workers) stalled every other chat. The chat's own later updates still
   *       wait behind this one, and it is marked done only once its reply is handled;
   *   <li>its start is taken back in the journal ({@link UpdateJournal#interrupted}) and recorded
   *       again when the wait ends: a {@code kill -9} during a wait is no fault of the update's,
   *       and counted against it, the restart answered it alone (up to {@link #ALONE_MILLIS}), and
   *       a second such kill gave it up;
   *   <li>unless {@code shown} (the answer's own "typing..." is still open), its user is shown that
   *       it is being answered ({@link Handler#waitingForTurn}), closed when the wait ends, before
   *       the call is tried again, so that it never comes after the reply.
   * </ul>
   *
   * Off an update's answering (a chat action's thread, the start-up calls) nothing is done.
   */
  public AutoCloseable waitingLong(boolean shown) {
    return waitingLong(shown, false);
  }

  /**
   * As {@link #waitingLong(boolean)}; with {@code everyChat} (a backoff: Telegram failing or out of
   * reach, every chat's calls alike) no stand-in is given. It could answer no other chat: it took
   * the next chat's update out of the journal into a reply that waited out the same outage, whose
   * backoff got a stand-in of its own, until {@link #MAX_STAND_INS} did, and an outage past a
   * reply's patience ({@code Sender.OUTAGE_PATIENCE_NANOS}) then gave up all their replies, where
   * it gave up the workers' only, the other updates answered from the journal once Telegram was
   * back. Its start is taken back and "typing..." shown all the same.
   */
  public AutoCloseable waitingLong(boolean shown, boolean everyChat) {
    Answering a = answering.get();
    if (a == null) {
      return NOTHING_SHOWN;
    }
    boolean standIn = !everyChat && standIn(a.pool());
    journal.interrupted(a.entry());
    journal.ended(a.entry());
    AutoCloseable typing = NOTHING_SHOWN;
    if (!shown) {
      try {
        typing = handler.waitingForTurn(a.update());
      } catch (RuntimeException | Error e) {
        log.warn("update {}: showing that it waits failed", a.entry().id(), e);
      }
    }
    AutoCloseable indicator = shownUntilStop(typing);
    log.debug(
        "update {}: a call of its answering waits long; a stand-in answers meanwhile",
        a.entry().id());
    return () -> {
      try {
        close(a.entry().id(), indicator);
        if (accepting && !Thread.currentThread().isInterrupted()) {
          journal.started(a.entry()); // its own work again: a crash from here is its doing
        }
      } finally {
        if (standIn) {
          standInGone(a.pool()); // whatever the above threw (an Error), or the pool grows
        }
      }
    };
  }

  /** Gives {@code pool} one thread more while a worker of its waits; false when it cannot. */
  private boolean standIn(ExecutorService pool) {
    if (!(pool instanceof java.util.concurrent.ThreadPoolExecutor tpe)) {
      return false;
    }
    synchronized (standIns) {
      int n = standIns.getOrDefault(pool, 0);
      if (n >= MAX_STAND_INS || tpe.isShutdown()) {
        return false;
      }
      int core = tpe.getCorePoolSize();
      int max = tpe.getMaximumPoolSize();
      try {
        tpe.setMaximumPoolSize(max + 1);
        tpe.setCorePoolSize(core + 1); // starts a thread for a task queued now
      } catch (RuntimeException | Error e) {
        // The thread could not be started ("unable to create native thread"), thrown after the
        // sizes were raised: put back, or the pool kept a worker more for good.
        tpe.setCorePoolSize(core);
        tpe.setMaximumPoolSize(max);
        log.warn("no stand-in: its thread could not be started; the wait holds its worker", e);
        return false;
      }
      standIns.put(pool, n + 1);
      return true;
    }
  }

  /** Takes a stand-in back: the pool's extra thread ends once it is idle. */
  private void standInGone(ExecutorService pool) {
    java.util.concurrent.ThreadPoolExecutor tpe = (java.util.concurrent.ThreadPoolExecutor) pool;
    synchronized (standIns) {
      tpe.setCorePoolSize(tpe.getCorePoolSize() - 1);
      tpe.setMaximumPoolSize(tpe.getMaximumPoolSize() - 1);
      standIns.merge(pool, -1, Integer::sum);
    }
  }

  /**
   * Whether {@code e} is how an interrupt came out: the thread's flag still set, or an interrupt
   * among its causes (not a socket's timeout, which is an InterruptedIOException too). Each cause
   * is looked at once: causes may loop ({@code initCause} refuses only the exception itself), and
   * such a loop, walked without end, held the worker spinning for good.
   */
  static boolean byInterrupt(Throwable e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable c = e; c != null && seen.add(c); c = c.getCause()) {
      if (c instanceof InterruptedException
          || c instanceof java.nio.channels.ClosedByInterruptException
          || c instanceof java.io.InterruptedIOException
              && !(c instanceof java.net.SocketTimeoutException)) {
        return true;
      }
    }
    return false;
  }

  /** What is shown while updates wait ({@link #shownUntilStop}), until it is closed. */
  private final java.util.Set<AutoCloseable> shownWhileWaiting = ConcurrentHashMap.newKeySet();

  /**
   * {@code shown}, closed once only, and at the latest when the stop comes ({@link #drain}): an
   * update that waits for its chat's turn, or whose reply waits out a 429, is not answered by this
   * run once the stop came, and its chat was shown "typing..." until its wait ended (up to a
   * minute, or a 429's 10) or the stop's interrupt came.
   */
  private AutoCloseable shownUntilStop(AutoCloseable shown) {
    if (shown == NOTHING_SHOWN) {
      return shown;
    }
    AutoCloseable once =
        new AutoCloseable() {
          private boolean closed;

          /**
           * Returns once {@code shown} is closed, by this call or another: closing "typing..."
           * waits for a chat action on its way, and a reply whose wait ends as the stop closes it
           * must not leave before that (it did: the second close returned at once, "typing..."
           * under it).
           */
          @Override
          public synchronized void close() throws Exception {
            shownWhileWaiting.remove(this);
            if (!closed) {
              closed = true;
              shown.close();
            }
          }
        };
    shownWhileWaiting.add(once);
    if (!accepting) {
      close(0, once); // the stop came meanwhile
    }
    return once;
  }

  /** Stops starting updates and waits up to {@code millis} for the ones being answered. */
  public boolean drain(long millis) throws InterruptedException {
    accepting = false;
    for (AutoCloseable shown : List.copyOf(shownWhileWaiting)) {
      close(0, shown); // nothing of theirs is sent by this run any more, or not soon
    }
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (running.get() > 0 && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    return running.get() == 0;
  }

  /**
   * The queue an update waits in: its chat's, or, for a button press or an inline query, one of the
   * user's own for that kind (a private chat's id is its user's, so a bare id would put them back
   * in the chat's queue).
   */
  static Object queueOf(UpdateJournal.Entry entry, Update u) {
    if (u.hasCallbackQuery() && u.getCallbackQuery().getFrom() != null) {
      // per chat and user: a press's work ("More" waits out its chat's limits) holds no press
      // of the same user in another chat
      return java.util.List.of("press", entry.chat(), u.getCallbackQuery().getFrom().getId());
    }
    if (u.hasInlineQuery() && u.getInlineQuery().getFrom() != null) {
      return java.util.List.of("inline", u.getInlineQuery().getFrom().getId());
    }
    return entry.chat();
  }

  /** The chat an update belongs to (the user for inline queries), which orders its answers. */
  static long chatOf(Update u) {
    if (u.hasMessage()) {
      return u.getMessage().getChatId();
    }
    if (u.hasCallbackQuery()) {
      return u.getCallbackQuery().getMessage() != null
          ? u.getCallbackQuery().getMessage().getChatId()
          : u.getCallbackQuery().getFrom().getId();
    }
    if (u.hasInlineQuery()) {
      return u.getInlineQuery().getFrom().getId();
    }
    if (u.hasEditedMessage()) {
      return u.getEditedMessage().getChatId();
    }
    if (u.hasChannelPost()) {
      return u.getChannelPost().getChatId();
    }
    return 0;
  }
}
