package org.astanaqa.bot.telegram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.astanaqa.retrieval.Answer;

/**
 * The server-side state behind an answer's buttons. Callback data holds only a short key (Telegram
 * allows 64 bytes); the answer it points to is kept here, bounded in number and expiring, so old
 * buttons get a friendly "ask again" instead of growing memory forever.
 */
final class ButtonStore {
  private record Stored(Answer answer, long createdNanos) {}

  private final int capacity;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong counter = new AtomicLong();
  private final Map<String, Stored> entries;

  ButtonStore(int capacity, long ttlNanos, LongSupplier nanoTime) {
    this.capacity = capacity;
    this.ttlNanos = ttlNanos;
    this.nanoTime = nanoTime;
    this.entries = new LinkedHashMap<>(256, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
        return size() > ButtonStore.this.capacity;
      }
    };
  }

  /** Stores an answer and returns its key: a few base-36 characters. */
  synchronized String put(Answer answer) {
    String key = Long.toString(counter.incrementAndGet(), 36);
    entries.put(key, new Stored(answer, nanoTime.getAsLong()));
    return key;
  }

  /** The answer behind a key, unless it expired or was pushed out by newer ones. */
  synchronized Optional<Answer> get(String key) {
    Stored e = entries.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (nanoTime.getAsLong() - e.createdNanos() > ttlNanos) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(e.answer());
  }
}
