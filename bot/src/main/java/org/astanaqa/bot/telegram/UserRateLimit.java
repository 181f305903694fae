package org.astanaqa.bot.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.LongSupplier;
import org.astanaqa.retrieval.util.LruMap;

/**
 * How many questions a user may ask per minute, every other message the bot replies to and every
 * button press that sends or edits a message (an example, "More", "Full passage", a /sources page
 * turn) counted as one; a sliding window per user, bounded in users.
 */
final class UserRateLimit {
  private static final long MINUTE = 60_000_000_000L;
  private static final int MAX_USERS = 100_000;

  private final int perMinute;
  private final LongSupplier nanoTime;
  private final Map<Long, Deque<Long>> asked = new LruMap<>(MAX_USERS);

  /** When the wait each user was last told of runs out. */
  private final Map<Long, Long> toldUntil = new LruMap<>(MAX_USERS);

  UserRateLimit(int perMinute, LongSupplier nanoTime) {
    this.perMinute = perMinute;
    this.nanoTime = nanoTime;
  }

  /** Another limit of {@code perMinute} a minute per user, on the same clock. */
  UserRateLimit another(int perMinute) {
    return new UserRateLimit(perMinute, nanoTime);
  }

  /**
   * Records a question (or another message replied to) and returns 0, or returns the seconds to
   * wait when over the limit.
   */
  synchronized long tryAsk(long userId) {
    long now = nanoTime.getAsLong();
    Deque<Long> times = asked.computeIfAbsent(userId, k -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= MINUTE) {
      times.removeFirst();
    }
    if (times.size() >= perMinute) {
      return Math.max(1, (times.peekFirst() + MINUTE - now + 999_999_999L) / 1_000_000_000L);
    }
    times.addLast(now);
    return 0;
  }

  /**
   * Whether {@code userId} is over the limit now and was told to wait already ({@link #tell}): a
   * message of theirs would get no reply at all. Records nothing.
   */
  synchronized boolean silenced(long userId) {
    long now = nanoTime.getAsLong();
    Deque<Long> times = asked.get(userId);
    Long until = toldUntil.get(userId);
    if (times == null || until == null || now - until >= 0) {
      return false;
    }
    long within = times.stream().filter(t -> now - t < MINUTE).count();
    return within >= perMinute;
  }

  /**
   * Whether a user over the limit, who must wait {@code seconds}, is to be told so: once a wait.
   * Each notice is a message, and Telegram takes one a second in a chat, so a notice per message of
   * a flood held the chat's sending (and a worker) a second each, and the user's next question
   * behind them.
   */
  synchronized boolean tell(long userId, long seconds) {
    long now = nanoTime.getAsLong();
    Long until = toldUntil.get(userId);
    if (until != null && now - until < 0) {
      return false;
    }
    toldUntil.put(userId, now + seconds * 1_000_000_000L);
    return true;
  }
}
