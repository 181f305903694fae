package org.astanaqa.bot.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.LongSupplier;
import org.astanaqa.retrieval.util.LruMap;

/** How many questions a user may ask per minute; a sliding window per user, bounded in users. */
final class UserRateLimit {
  private static final long MINUTE = 60_000_000_000L;
  private static final int MAX_USERS = 100_000;

  private final int perMinute;
  private final LongSupplier nanoTime;
  private final Map<Long, Deque<Long>> asked = new LruMap<>(MAX_USERS);

  UserRateLimit(int perMinute, LongSupplier nanoTime) {
    this.perMinute = perMinute;
    this.nanoTime = nanoTime;
  }

  /** Records a question and returns 0, or returns the seconds to wait when over the limit. */
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
}
