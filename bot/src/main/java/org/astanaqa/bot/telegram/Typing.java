package org.astanaqa.bot.telegram;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.astanaqa.bot.telegram.send.Sender;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;

/**
 * "typing..." while an answer takes longer than {@link #AFTER_MILLIS}, renewed every {@link
 * #EVERY_MILLIS} until closed, which is at the latest right before the reply leaves (after its wait
 * for the chat's pacing: {@link Sender#beforeNextMessage}), and never after: closing waits for a
 * chat action being sent, so the reply that follows is the last thing the chat sees; but no longer
 * than {@link #CLOSE_WAIT_MILLIS}, so a slow Telegram holds the reply a second at most (a chat
 * action that arrives after it shows "typing..." until the 5 s run out).
 *
 * <p>The ticks of every answer's indicator run on one timer thread, which only hands each chat
 * action to a thread of its own (the bot's pool, {@link UpdateHandler#typingSentOn}) and never
 * waits for Telegram: a chat action whose answer is slow (up to the request timeout) held that
 * thread, and with it every other chat's "typing...", which faded while their answers were still
 * prepared. One chat action at a time per indicator: a tick while the last is still on its way
 * sends none.
 */
final class Typing implements AutoCloseable {
  /** A question taking longer than this shows "typing..." while it is answered. */
  static final long AFTER_MILLIS = 300;

  /** "typing..." is renewed this often: Telegram shows it 5 s, or until the bot's next message. */
  static final long EVERY_MILLIS = 4000;

  /** The longest that closing waits for a chat action in flight. */
  static final long CLOSE_WAIT_MILLIS = 1000;

  private final java.util.concurrent.locks.ReentrantLock sending =
      new java.util.concurrent.locks.ReentrantLock();

  /**
   * Where the chat actions are sent and their answers awaited, off the timer thread, when no pool
   * is given: each on a daemon thread of its own that ends with its send (at most one a running
   * indicator), so nothing is left to shut down. The bot gives its own pool ({@link
   * UpdateHandler#typingSentOn}), which its stop ends with its other threads.
   */
  static final java.util.concurrent.Executor SENDS =
      r -> {
        Thread t = new Thread(r, "telegram-typing");
        t.setDaemon(true);
        t.start();
      };

  /** Whether a chat action of this indicator is being sent. */
  private final java.util.concurrent.atomic.AtomicBoolean inFlight =
      new java.util.concurrent.atomic.AtomicBoolean();

  private final Sender sender;
  private final java.util.concurrent.Executor sends;
  private final long chatId;
  private final Integer thread;
  private final ScheduledFuture<?> task;
  private volatile boolean closed;

  /** Whether Telegram refused a chat action (403, or 400): no more are sent for this answer. */
  private volatile boolean refused;

  Typing(ScheduledExecutorService timers, Sender sender, long chatId, Integer thread) {
    this(timers, SENDS, sender, chatId, thread);
  }

  /**
   * As the other constructor, the chat actions sent on {@code sends} (a test whose timers run on
   * the thread that moves its time sends them there too).
   */
  Typing(
      ScheduledExecutorService timers,
      java.util.concurrent.Executor sends,
      Sender sender,
      long chatId,
      Integer thread) {
    this(timers, sends, sender, chatId, thread, true, () -> true);
  }

  /**
   * As the other constructors; {@code answering}: shown for the answer this thread prepares, and
   * closed by the sender before its first message from this thread; otherwise for a question that
   * waits for its chat's turn off the workers ({@link #whileWaiting}), closed by its owner only;
   * {@code wanted}: asked at each renewal, none sent while it says no.
   */
  private Typing(
      ScheduledExecutorService timers,
      java.util.concurrent.Executor sends,
      Sender sender,
      long chatId,
      Integer thread,
      boolean answering,
      java.util.function.BooleanSupplier wanted) {
    this.wanted = wanted;
    this.sender = sender;
    this.sends = sends;
    this.chatId = chatId;
    this.thread = thread;
    this.task =
        timers.scheduleAtFixedRate(this::tick, AFTER_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    this.owner = answering ? Thread.currentThread() : null;
    if (answering) {
      // Shown until the reply leaves, also while it waits for the chat's or group's turn: closed
      // by the sender right before the first message or edit from this thread goes out.
      sender.beforeNextMessage(this::close);
    }
  }

  /**
   * "typing..." for a question that waits for its chat's turn (a busy group's next minute) on a
   * timer, off the workers, before its answering starts: tied to no thread, closed when the
   * answering starts, whose own indicator takes over; renewed only while {@code replyComing} says a
   * reply is coming (its user not told to wait meanwhile).
   */
  static Typing whileWaiting(
      ScheduledExecutorService timers,
      java.util.concurrent.Executor sends,
      Sender sender,
      long chatId,
      Integer thread,
      java.util.function.BooleanSupplier replyComing) {
    return new Typing(timers, sends, sender, chatId, thread, false, replyComing);
  }

  /** Whether a chat action is wanted at this renewal ({@link #whileWaiting}). */
  private final java.util.function.BooleanSupplier wanted;

  /** The thread answering, whose next message closes this ({@link Sender#beforeNextMessage}). */
  private final Thread owner;

  /**
   * On the timer thread: hands this tick's chat action to its sending pool, unless the last one is
   * still on its way; never waits for Telegram. A pool shut down (the bot stopping) sends none.
   */
  private void tick() {
    if (closed || refused || !wanted.getAsBoolean() || !inFlight.compareAndSet(false, true)) {
      return;
    }
    try {
      sends.execute(
          () -> {
            try {
              send();
            } finally {
              inFlight.set(false);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      inFlight.set(false);
    }
  }

  /** Sends one chat action and waits for its answer, on a thread of the sending pool's. */
  private void send() {
    if (closed || refused) {
      return;
    }
    try {
      // A group that became a supergroup is typed to where its messages now go. The lock that
      // closing waits for is taken only once the chat action may leave: taken while it waited for
      // the overall limit (full under load), closing held the reply a second for it, and it then
      // went out after the reply, "typing..." under the answer.
      long to = sender.chatNow(chatId);
      Sender.Outcome<Boolean> outcome =
          sender.attempt(
              SendChatAction.builder().chatId(to).messageThreadId(thread).action("typing").build(),
              new Sender.Wanted() {
                @Override
                public boolean stillWanted() {
                  return !closed;
                }

                @Override
                public boolean leaving() {
                  if (!sending.isHeldByCurrentThread()) {
                    sending.lock();
                  }
                  if (closed) {
                    sending.unlock();
                    return false;
                  }
                  return true;
                }
              });
      if (outcome.forbidden() || outcome.refusal() != null && sender.chatNow(chatId) == to) {
        // 403: the user blocked the bot (or it left the group); or 400 for a reason that holds
        // for the rest of the answer (the forum topic deleted, "message thread not found"; the
        // chat gone; no right to write there). Every renewal would be refused so too, a call
        // wasted every 4 s against the overall limit while the answer is prepared: no more for
        // this answer. The reply is still tried, once, and its refusal handled as any. Not a
        // group's move to a supergroup (400 with migrate_to_chat_id): the next one goes there.
        refused = true;
        if (task != null) {
          task.cancel(false);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (sending.isHeldByCurrentThread()) {
        sending.unlock();
      }
    }
  }

  @Override
  public void close() {
    if (Thread.currentThread() == owner) {
      sender.beforeNextMessage(null); // nothing left to close before the next message
    }
    if (closed) {
      return;
    }
    closed = true;
    if (task != null) {
      task.cancel(false);
    }
    try {
      if (sending.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        sending.unlock(); // no chat action in flight any more
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
