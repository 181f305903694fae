package org.astanaqa.bot.telegram;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.util.LruMap;

/**
 * The server-side state behind an answer's buttons. Callback data holds only a short key (Telegram
 * allows 64 bytes); the answer it points to is kept here, bounded in number and expiring, so old
 * buttons get a friendly "ask again" instead of growing memory forever.
 *
 * <p>Keys are 72 random bits from {@link SecureRandom}, so a key cannot be guessed and a key from
 * an earlier process (the store is not kept across restarts) never names a new answer; each entry
 * is bound to the chat it was sent to, so a key pressed (or forged) in another chat finds nothing.
 */
final class ButtonStore {
  private record Stored(long chatId, Integer topic, Answer answer, long createdNanos) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Stored> entries;

  ButtonStore(int capacity, long ttlNanos, LongSupplier nanoTime) {
    this.ttlNanos = ttlNanos;
    this.nanoTime = nanoTime;
    // Least recently used first: an answer whose buttons are still pressed outlives idle ones.
    this.entries = new LruMap<>(capacity);
  }

  /**
   * Stores an answer sent to {@code chatId}, in forum topic {@code topic} (null outside topics),
   * and returns its key: 12 URL-safe characters.
   */
  synchronized String put(long chatId, Integer topic, Answer answer) {
    byte[] b = new byte[9];
    String key;
    do {
      RANDOM.nextBytes(b);
      key = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    } while (entries.containsKey(key));
    entries.put(key, new Stored(chatId, topic, answer, nanoTime.getAsLong()));
    return key;
  }

  /**
   * The answer behind a key pressed in {@code chatId}, unless unknown, of another chat, or expired.
   */
  synchronized Optional<Answer> get(long chatId, String key) {
    return get(chatId, key, LongUnaryOperator.identity());
  }

  /**
   * As {@link #get(long, String)}, where a key stored for a group that has since become a
   * supergroup ({@code chatNow} tells the chat a group's messages now go to) is the supergroup's:
   * its answer was sent there.
   */
  synchronized Optional<Answer> get(long chatId, String key, LongUnaryOperator chatNow) {
    Stored e = entries.get(key);
    if (e == null || !sentTo(e, chatId, chatNow)) {
      return Optional.empty();
    }
    if (nanoTime.getAsLong() - e.createdNanos() > ttlNanos) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(e.answer());
  }

  /**
   * The forum topic the answer behind a key was sent to, or null (none, unknown, another chat's):
   * for a press whose message Telegram reports inaccessible, which carries no topic.
   */
  synchronized Integer topic(long chatId, String key, LongUnaryOperator chatNow) {
    Stored e = entries.get(key);
    return e == null || !sentTo(e, chatId, chatNow) ? null : e.topic();
  }

  /** Whether the answer of {@code e} went to {@code chatId}: its chat's, or where that moved. */
  private static boolean sentTo(Stored e, long chatId, LongUnaryOperator chatNow) {
    return e.chatId() == chatId || chatNow.applyAsLong(e.chatId()) == chatId;
  }
}
