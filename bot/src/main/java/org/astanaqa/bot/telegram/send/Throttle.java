package org.astanaqa.bot.telegram.send;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.astanaqa.retrieval.util.LruMap;

/**
 * Keeps sending within Telegram's limits: per chat, per group (per minute) and overall. {@link
 * #acquire} blocks the calling worker until a message may go ({@link #acquireGlobal} until any
 * other call may); each chat's own worker waits, so one busy chat never holds up the others beyond
 * the global limit. As many groups waiting for their next minute as there are workers do hold up
 * every other chat's answers until one of them may send (docs/RELIABILITY.md, "What remains").
 *
 * <p>A 429 told to a call to a chat pauses every call ({@link #pauseFor}), as it is no chat's
 * alone: its retry_after may be the whole bot's (over Telegram's overall limit), and Telegram does
 * not say which. Each worker found it through a refused call of its own, and each call asked sooner
 * than Telegram allowed, which only earns more 429s. A 429 of one busy chat so holds the others'
 * calls too, for its few seconds; python-telegram-bot's AIORateLimiter halts every request
 * likewise. The bot's settings (the command menu) have limits of their own, and their 429 pauses
 * nothing else.
 */
public final class Throttle {
  /** Chats whose last send time is remembered at most; older ones are forgotten (no wait due). */
  private static final int MAX_CHATS = 100_000;

  private static final double HEADROOM = 1.1;

  private final long perChatNanos;
  private final int perGroupPerMinute;
  private final long globalNanos;
  private final Clock clock;
  private final Map<Long, Long> nextForChat = new LruMap<>(MAX_CHATS);
  private final Map<Long, Deque<Long>> groupSends = new LruMap<>(MAX_CHATS);
  private long nextGlobal;

  /** Until when a 429 holds every call ({@link #pauseFor}); {@link #paused} says whether any. */
  private long pausedUntil;

  private boolean paused;

  /** Time source, replaceable in tests. */
  public interface Clock {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    Clock SYSTEM =
        new Clock() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
          }
        };
  }

  public Throttle(
      double perChatPerSecond, int perGroupPerMinute, double globalPerSecond, Clock clock) {
    // Spaced 10% wider than the limits: sends are booked here but arrive after network jitter,
    // which
    // would otherwise bunch a few of them into one second.
    this.perChatNanos = (long) Math.ceil(HEADROOM * 1e9 / perChatPerSecond);
    this.perGroupPerMinute = perGroupPerMinute;
    this.globalNanos = (long) Math.ceil(HEADROOM * 1e9 / globalPerSecond);
    this.clock = clock;
  }

  /** Waits until a message may be sent to {@code chatId}, and books that slot. */
  public void acquire(long chatId, boolean group) throws InterruptedException {
    long wait;
    while ((wait = reserve(chatId, group)) > 0) {
      clock.sleepNanos(wait);
    }
  }

  /**
   * Waits until a call that sends nothing into a chat may go (a callback or inline answer, a chat
   * action, the command menu): it counts against the overall limit only.
   */
  public void acquireGlobal() throws InterruptedException {
    long wait;
    while ((wait = reserveGlobal()) > 0) {
      clock.sleepNanos(wait);
    }
  }

  /**
   * Counts the chat's next message from now, when Telegram answered the last one sent to {@code
   * chatId}: that one has arrived by then, and Telegram counts a chat's messages as they arrive,
   * not as they leave. Booked only from when a message left, the next one followed it by {@code
   * perChatPerSecond} and the headroom alone, so a message delayed on its way by more than the
   * headroom (a tenth of a second: a loaded machine, a slow network) arrived less than a second
   * before the next, and Telegram answered that one with a 429.
   */
  public synchronized void answered(long chatId) {
    long next = clock.nanoTime() + perChatNanos;
    Long booked = nextForChat.get(chatId);
    if (booked == null || next - booked > 0) {
      nextForChat.put(chatId, next);
    }
  }

  /**
   * Holds every call, of every worker, for {@code nanos} from now (a 429's retry_after), unless a
   * pause that ends later holds them already: Telegram takes no call before then.
   */
  public synchronized void pauseFor(long nanos) {
    long until = clock.nanoTime() + nanos;
    if (!paused || until - pausedUntil > 0) {
      pausedUntil = until;
      paused = true;
    }
  }

  /** How long a 429 still holds every call ({@link #pauseFor}); 0 when none does. */
  public synchronized long pausedFor() {
    return held(clock.nanoTime());
  }

  private long held(long now) {
    return paused ? Math.max(0, pausedUntil - now) : 0;
  }

  private synchronized long reserveGlobal() {
    long now = clock.nanoTime();
    long wait = Math.max(nextGlobal - now, held(now));
    if (wait > 0) {
      return wait;
    }
    nextGlobal = Math.max(nextGlobal, now) + globalNanos;
    return 0;
  }

  /** Books a slot and returns 0, or returns how long to wait before asking again. */
  private synchronized long reserve(long chatId, boolean group) {
    long now = clock.nanoTime();
    long wait =
        Math.max(
            Math.max(nextForChat.getOrDefault(chatId, now) - now, nextGlobal - now), held(now));
    Deque<Long> sends = null;
    if (group) {
      sends = groupSends.computeIfAbsent(chatId, k -> new ArrayDeque<>());
      while (!sends.isEmpty() && now - sends.peekFirst() >= (long) (HEADROOM * 60_000_000_000L)) {
        sends.removeFirst();
      }
      if (sends.size() >= perGroupPerMinute) {
        wait = Math.max(wait, sends.peekFirst() + (long) (HEADROOM * 60_000_000_000L) - now);
      }
    }
    if (wait > 0) {
      return wait;
    }
    nextForChat.put(chatId, now + perChatNanos);
    nextGlobal = Math.max(nextGlobal, now) + globalNanos;
    if (sends != null) {
      sends.addLast(now);
    }
    return 0;
  }
}
