package org.astanaqa.bot.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.astanaqa.bot.logging.ChatTag;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.DirectAnswer;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.util.IoErrors;
import org.astanaqa.retrieval.util.LruMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-side state behind an answer's buttons. Callback data holds only a short key (Telegram
 * allows 64 bytes); the answer it points to is kept here, bounded in number and expiring, so old
 * buttons get a friendly "ask again" instead of growing memory forever.
 *
 * <p>Keys are 72 random bits from {@link SecureRandom}, so a key cannot be guessed and never names
 * another answer, in this process or a later one; each entry is bound to the chat it was sent to,
 * so a key pressed (or forged) in another chat finds nothing.
 *
 * <p>Opened on the data folder ({@link #open}), the store is kept across restarts and crashes, as
 * the update journal is: each answer is appended to {@code <dataDir>/}{@value #FILE} (an {@link
 * AppendOnlyFile}, forced to the device) before its buttons are sent, and read back at start, so a
 * 👍 or 👎, "More" or "Full passage" pressed on an answer sent before a restart (or a {@code kill
 * -9}, the press waiting in the update journal) works as it did before it. A line is one answer, in
 * JSON: its key, the chat's {@link ChatTag} (an HMAC under the installation's secret; never the
 * chat's id, a name or a user id), the forum topic, when it was stored and the answer (question,
 * quotes with their passages and documents, confidence). The same bounds hold as in memory: an
 * entry's time is counted on the monotonic clock while the bot runs, so the wall clock set forward
 * or back (an NTP step, a VM resumed) neither cuts nor lengthens it, and across a restart by the
 * wall-clock time the line holds: an entry older than the expiry of its votes ({@link #VOTE_DAYS};
 * "More" and "Full passage" expire sooner, {@link #get}) is not read back, and one stored after the
 * clock's now (the clock set back since) counts from the restart, and at most {@code capacity} are,
 * the least recently used dropped first. The file is rewritten with the entries kept once it holds
 * more than twice as many lines (and {@value #SLACK} more), so it stays within about twice what the
 * bounds keep; a rewrite that fails is tried again {@value #SLACK} lines later, the answers
 * appended meanwhile. A line torn by a crash mid-write is skipped when read. When the file cannot
 * be written (a full disk, a read-only data folder) the answer's buttons still work until the bot
 * stops, a WARN says so once until a write succeeds again, and after a restart they say "expired".
 */
final class ButtonStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ButtonStore.class);

  /** The file's name in the data folder. */
  static final String FILE = "telegram-buttons";

  /** Lines the file may hold beyond twice the entries kept before it is rewritten. */
  static final int SLACK = 64;

  /**
   * How long a 👍 or 👎 under an answer is still kept: {@value #VOTE_DAYS} days, or the buttons'
   * own time when that is longer. Telegram lets a user press a button of any message, however old,
   * and a vote is worth keeping as long as a reader may come back to an answer; "More" and "Full
   * passage" still expire with the buttons' time. Before, a vote pressed an hour after its answer
   * said "expired" and was lost, though each press was promised to be kept.
   */
  static final int VOTE_DAYS = 7;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              false)
          .build();

  /**
   * An answer behind buttons. {@code chatId} is null for one read back from the file, which names
   * its chat by {@code chatTag} only. {@code createdNanos} is on the monotonic clock, and times the
   * expiry; {@code wallNanos}, on the wall clock, is what the file keeps.
   */
  private record Stored(
      Long chatId,
      String chatTag,
      Integer topic,
      Answer answer,
      long createdNanos,
      long wallNanos,
      java.util.Set<String> shown) {
    Stored(
        Long chatId,
        String chatTag,
        Integer topic,
        Answer answer,
        long createdNanos,
        long wallNanos) {
      this(
          chatId,
          chatTag,
          topic,
          answer,
          createdNanos,
          wallNanos,
          java.util.concurrent.ConcurrentHashMap.newKeySet());
    }
  }

  /** An answer as a line of the file holds it. */
  record Saved(
      String question,
      List<Quote> quotes,
      List<String> terms,
      double confidence,
      DirectAnswer direct,
      String resolved) {
    static Saved of(Answer a) {
      return new Saved(
          a.question(),
          a.quotes(),
          a.terms(),
          a.confidence(),
          a.direct().orElse(null),
          a.resolved().orElse(null));
    }

    Answer answer() {
      return new Answer(
          question,
          !quotes.isEmpty(),
          quotes,
          terms == null ? List.of() : terms,
          confidence,
          Optional.ofNullable(direct),
          Optional.ofNullable(resolved));
    }
  }

  /**
   * A line of the file: key, chat tag, forum topic (null outside topics), when stored (the wall
   * clock's nanoseconds since the epoch), the answer, and what its buttons have shown ({@link
   * #markShown}). A line of a key and {@code shown} alone adds to an answer's earlier line; one of
   * a chat tag, a time and {@code shown}, with no key, is content sent below a pressed message of
   * that chat ({@link #markSentBelow}).
   */
  record Line(
      String key, String chat, Integer topic, long nanos, Saved answer, List<String> shown) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final long ttlNanos;

  /** How long an entry is kept for its votes ({@link #VOTE_DAYS}), at least {@link #ttlNanos}. */
  private final long voteNanos;

  private final LongSupplier nanoTime;

  /** The wall clock, for the time a line of the file holds; null for a store in memory only. */
  private final LongSupplier wallNanos;

  private final Map<String, Stored> entries;
  private final int capacity;

  /**
   * Content sent as a new message below a pressed message ({@link #markSentBelow}), by "chat
   * tag/message id/callback data", least recently used first.
   */
  private final Map<String, Below> below;

  /**
   * A mark of {@link #below}: the chat (its tag; "id" and the id for a store in memory only), the
   * pressed message's id and callback data, and when it was noted, on the monotonic clock (its
   * expiry) and on the wall clock (what the file keeps).
   */
  private record Below(String chat, String what, long createdNanos, long wallNanos) {}

  /** The file kept, and what names a chat in it; null for a store in memory only. */
  private final AppendOnlyFile out;

  private final LongFunction<String> chatTags;

  /** Lines in the file; guarded by {@link #out}. */
  private int lines;

  /** Whether the last write failed (logged once until one succeeds); guarded by {@link #out}. */
  private final WriteFailures failures;

  /**
   * After a failed rewrite, the lines the file holds before one is tried again; guarded by {@link
   * #out}.
   */
  private int retryAt;

  /** Whether the last rewrite failed (logged once until one succeeds); guarded by {@link #out}. */
  private boolean rewriteFailing;

  /** A store in memory only: its buttons say "expired" after a restart. */
  ButtonStore(int capacity, long ttlNanos, LongSupplier nanoTime) {
    this(capacity, ttlNanos, nanoTime, null, null, null);
  }

  private ButtonStore(
      int capacity,
      long ttlNanos,
      LongSupplier nanoTime,
      LongSupplier wallNanos,
      AppendOnlyFile out,
      LongFunction<String> chatTags) {
    this.capacity = capacity;
    this.ttlNanos = ttlNanos;
    this.voteNanos = Math.max(ttlNanos, java.util.concurrent.TimeUnit.DAYS.toNanos(VOTE_DAYS));
    this.nanoTime = nanoTime;
    this.wallNanos = wallNanos;
    this.out = out;
    this.failures =
        out == null
            ? null
            : new WriteFailures(
                log,
                out.path(),
                "the buttons of answers sent now work until the bot stops, and say"
                    + " \"expired\" after a restart");
    this.chatTags = chatTags;
    // Least recently used first: an answer whose buttons are still pressed outlives idle ones.
    this.entries = new LruMap<>(capacity);
    this.below = new LruMap<>(capacity);
  }

  /**
   * The store kept in {@code dataDir}'s {@value #FILE}, with the entries of earlier runs that are
   * within its bounds. {@code nanoTime} is a monotonic clock ({@link System#nanoTime}), which times
   * the expiry while the bot runs; {@code wallNanos} a wall clock (nanoseconds since the epoch),
   * read only to count an entry's age across a restart. An unreadable file is logged and the store
   * starts empty; this never throws.
   */
  static ButtonStore open(
      Path dataDir,
      int capacity,
      long ttlNanos,
      LongSupplier nanoTime,
      LongSupplier wallNanos,
      ChatTag chatTags) {
    return open(
        dataDir, capacity, ttlNanos, nanoTime, wallNanos, (LongFunction<String>) chatTags::tag);
  }

  /**
   * As {@link #open(Path, int, long, LongSupplier, LongSupplier, ChatTag)}, chats named by {@code
   * chatTags}.
   */
  static ButtonStore open(
      Path dataDir,
      int capacity,
      long ttlNanos,
      LongSupplier nanoTime,
      LongSupplier wallNanos,
      LongFunction<String> chatTags) {
    ButtonStore store =
        new ButtonStore(
            capacity,
            ttlNanos,
            nanoTime,
            wallNanos,
            new AppendOnlyFile(dataDir.resolve(FILE)),
            chatTags);
    store.replay();
    return store;
  }

  private void replay() {
    int bad = 0;
    boolean setBack = false;
    long now = nanoTime.getAsLong();
    long wall = wallNanos.getAsLong();
    synchronized (out) {
      try {
        List<String> all = out.lines();
        for (String text : all) {
          if (text.isBlank()) {
            continue;
          }
          try {
            Line l = JSON.readValue(text, Line.class);
            if (l.key() == null && l.chat() != null && l.answer() == null && l.shown() != null) {
              long age = l.nanos() >= wall ? 0 : wall - l.nanos();
              setBack |= l.nanos() > wall;
              if (age <= voteNanos) {
                for (String what : l.shown()) {
                  below.put(
                      l.chat() + "/" + what,
                      new Below(l.chat(), what, now - age, Math.min(l.nanos(), wall)));
                }
              }
            } else if (l.key() != null && l.answer() == null && l.shown() != null) {
              Stored e = entries.get(l.key());
              if (e != null) {
                e.shown().addAll(l.shown()); // of an answer kept; one expired is dropped
              }
            } else if (l.key() == null || l.chat() == null || l.answer() == null) {
              bad++;
            } else {
              // Its age on the wall clock: one stored after the clock's now (the clock set back
              // since) counts from now, and is written so at the next rewrite.
              long age = l.nanos() >= wall ? 0 : wall - l.nanos();
              setBack |= l.nanos() > wall;
              if (age >= 0 && age <= voteNanos) {
                Stored e =
                    new Stored(
                        null,
                        l.chat(),
                        l.topic(),
                        l.answer().answer(),
                        now - age,
                        Math.min(l.nanos(), wall));
                if (l.shown() != null) {
                  e.shown().addAll(l.shown());
                }
                entries.put(l.key(), e);
              }
            }
          } catch (IOException | RuntimeException e) {
            bad++; // a torn line, or one no longer read so: its buttons say "expired"
          }
        }
        lines = all.size();
      } catch (IOException | RuntimeException e) {
        log.warn(
            "cannot read {} ({}); the buttons of answers sent before this start say \"expired\"",
            out.path(),
            IoErrors.reason(e, out.path()));
      }
      if (bad > 0) {
        log.warn(
            "{}: {} unreadable line(s) skipped (a write cut short by a crash)", out.path(), bad);
      }
      if ((lines > limit() || setBack) && !compact()) {
        retryAt = lines + SLACK;
      }
    }
  }

  /**
   * Stores an answer sent to {@code chatId}, in forum topic {@code topic} (null outside topics),
   * and returns its key: 12 URL-safe characters. A store on the data folder has written it, and
   * forced it to the device, before this returns (a failed write is logged, never thrown).
   */
  String put(long chatId, Integer topic, Answer answer) {
    String key;
    Stored e;
    synchronized (this) {
      byte[] b = new byte[9];
      do {
        RANDOM.nextBytes(b);
        key = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      } while (entries.containsKey(key));
      e =
          new Stored(
              chatId,
              chatTags == null ? null : chatTags.apply(chatId),
              topic,
              answer,
              nanoTime.getAsLong(),
              wallNanos == null ? 0 : wallNanos.getAsLong());
      entries.put(key, e);
    }
    if (out != null) {
      keep(key, e);
    }
    return key;
  }

  /**
   * Appends the entry, or rewrites the file when it has grown past its bound. A rewrite that fails
   * (a disk nearly full has room for a line, not for a second copy of the file) is tried again only
   * {@link #SLACK} lines later, and the entry is appended meanwhile: tried at every answer, it
   * wrote the whole file each time and the answer nowhere.
   */
  private void keep(String key, Stored e) {
    appendOrCompact(() -> lineOf(key, e));
  }

  /** A line of the file, written as it is appended. */
  private interface LineToWrite {
    String line() throws IOException;
  }

  /**
   * Appends a line, or rewrites the file instead when it has grown past its bound (what the line
   * says is in memory, and written with the rest): an answer, a "More" mark ({@link #markShown},
   * which had appended past the bound until the next answer) or a mark of content sent below. A
   * failed write is logged, never thrown.
   */
  private void appendOrCompact(LineToWrite line) {
    synchronized (out) {
      try {
        if (lines + 1 > limit() && lines + 1 > retryAt) {
          if (compact()) {
            return;
          }
          retryAt = lines + SLACK;
        }
        out.append(line.line());
        lines++;
        failures.writable();
      } catch (IOException | RuntimeException x) {
        failures.failed(x);
      }
    }
  }

  /** The most lines the file holds before it is rewritten. */
  private int limit() {
    int kept;
    synchronized (this) {
      kept = entries.size() + below.size();
    }
    return 2 * Math.min(kept, 2 * capacity) + SLACK;
  }

  /**
   * Rewrites the file with the entries kept and not expired, least recently used first; false when
   * it could not be written.
   */
  private boolean compact() {
    List<String> kept = new ArrayList<>();
    try {
      synchronized (this) {
        long now = nanoTime.getAsLong();
        entries.values().removeIf(e -> expired(e.createdNanos(), now, voteNanos));
        for (Map.Entry<String, Stored> e : entries.entrySet()) {
          kept.add(lineOf(e.getKey(), e.getValue()));
        }
        below.values().removeIf(b -> expired(b.createdNanos(), now, voteNanos));
        for (Below b : below.values()) {
          kept.add(lineOf(b));
        }
      }
      out.replace(String.join("", kept));
      lines = kept.size();
      retryAt = 0;
      failures.writable();
      if (rewriteFailing) {
        rewriteFailing = false;
        log.info("{} rewritten within its bound again", out.path());
      }
      return true;
    } catch (IOException | RuntimeException x) {
      if (!rewriteFailing) {
        log.warn(
            "cannot rewrite {} ({}): answers are still appended to it, and it grows past its bound"
                + " until it can be rewritten (tried again every {} answers); free space in the"
                + " data folder",
            out.path(),
            IoErrors.reason(x, out.path()),
            SLACK);
      }
      rewriteFailing = true;
      return false;
    }
  }

  private static String lineOf(String key, Stored e) throws IOException {
    List<String> shown =
        e.shown().isEmpty() ? null : List.copyOf(new java.util.TreeSet<>(e.shown()));
    return JSON.writeValueAsString(
            new Line(key, e.chatTag(), e.topic(), e.wallNanos(), Saved.of(e.answer()), shown))
        + "\n";
  }

  /**
   * Whether the answer behind {@code key} has shown {@code what} (a "More" press's next quote under
   * a message: {@link UpdateHandler}), by this process or one before a restart.
   */
  synchronized boolean wasShown(String key, String what) {
    Stored e = entries.get(key);
    return e != null && e.shown().contains(what);
  }

  /**
   * Notes that the answer behind {@code key} has shown {@code what}, kept in the file (forced to
   * the device) as its answer is: after a restart a "More" pressed again sent its quote again,
   * though the chat showed it already under the message. A failed write is logged, never thrown.
   */
  void markShown(String key, String what) {
    Stored e;
    synchronized (this) {
      e = entries.get(key);
      if (e != null && !e.shown().add(what)) {
        return; // noted already
      }
    }
    if (e == null || out == null) {
      return;
    }
    appendOrCompact(
        () -> JSON.writeValueAsString(new Line(key, null, null, 0, null, List.of(what))) + "\n");
  }

  private static String lineOf(Below b) throws IOException {
    return JSON.writeValueAsString(
            new Line(null, b.chat(), null, b.wallNanos(), null, List.of(b.what())))
        + "\n";
  }

  /** What names {@code chatId} in {@link #below}: its tag, or its id in a store in memory only. */
  private String chatOf(long chatId) {
    return chatTags == null ? "id" + chatId : chatTags.apply(chatId);
  }

  /**
   * Whether {@code what} ("message id/callback data": a "Full passage" or a /sources page pressed
   * under that message) was sent below the pressed message in {@code chatId}, by this process or
   * one before a restart ({@link #markSentBelow}).
   */
  boolean wasSentBelow(long chatId, String what) {
    String chat = chatOf(chatId);
    synchronized (this) {
      Below b = below.get(chat + "/" + what);
      return b != null && !expired(b.createdNanos(), nanoTime.getAsLong(), voteNanos);
    }
  }

  /**
   * Notes that {@code what} ("message id/callback data") was sent as a new message below the
   * message pressed in {@code chatId}, as Telegram would not edit it or it is longer than a
   * message: the pressed message keeps its button, and a press again after a restart or a {@code
   * kill -9} sent the same content once more. Kept in the file (forced to the device) as "More"'s
   * marks are ({@link #markShown}), for as long as votes are; a failed write is logged, never
   * thrown.
   */
  void markSentBelow(long chatId, String what) {
    String chat = chatOf(chatId);
    Below b;
    synchronized (this) {
      if (below.containsKey(chat + "/" + what)) {
        return; // noted already
      }
      b =
          new Below(
              chat, what, nanoTime.getAsLong(), wallNanos == null ? 0 : wallNanos.getAsLong());
      below.put(chat + "/" + what, b);
    }
    if (out == null) {
      return;
    }
    appendOrCompact(() -> lineOf(b));
  }

  private static boolean expired(long createdNanos, long now, long ttl) {
    return now - createdNanos > ttl;
  }

  /**
   * The answer behind a key pressed in {@code chatId}, unless unknown, of another chat, or expired.
   */
  synchronized Optional<Answer> get(long chatId, String key) {
    return get(chatId, key, LongUnaryOperator.identity(), c -> List.of());
  }

  /**
   * The answer behind a 👍 or 👎 pressed in {@code chatId}, as {@link #get(long, String,
   * LongUnaryOperator, LongFunction)} finds it but kept {@link #VOTE_DAYS} days, not the buttons'
   * time.
   */
  synchronized Optional<Answer> forVote(
      long chatId,
      String key,
      LongUnaryOperator chatNow,
      LongFunction<? extends Collection<Long>> movedHere) {
    return find(chatId, key, chatNow, movedHere, voteNanos);
  }

  /**
   * As {@link #get(long, String)}, where a key stored for a group that has since become a
   * supergroup ({@code chatNow} tells the chat a group's messages now go to, {@code movedHere} the
   * groups that became a chat) is the supergroup's: its answer was sent there.
   */
  synchronized Optional<Answer> get(
      long chatId,
      String key,
      LongUnaryOperator chatNow,
      LongFunction<? extends Collection<Long>> movedHere) {
    return find(chatId, key, chatNow, movedHere, ttlNanos);
  }

  /** The answer behind {@code key} in {@code chatId}, stored within {@code ttl}. */
  private Optional<Answer> find(
      long chatId,
      String key,
      LongUnaryOperator chatNow,
      LongFunction<? extends Collection<Long>> movedHere,
      long ttl) {
    Stored e = entries.get(key);
    if (e == null || !sentTo(e, chatId, chatNow, movedHere)) {
      return Optional.empty();
    }
    long now = nanoTime.getAsLong();
    if (expired(e.createdNanos(), now, voteNanos)) {
      entries.remove(key);
      return Optional.empty();
    }
    return expired(e.createdNanos(), now, ttl) ? Optional.empty() : Optional.of(e.answer());
  }

  /**
   * The forum topic the answer behind a key was sent to, or null (none, unknown, another chat's):
   * for a press whose message Telegram reports inaccessible, which carries no topic.
   */
  synchronized Integer topic(
      long chatId,
      String key,
      LongUnaryOperator chatNow,
      LongFunction<? extends Collection<Long>> movedHere) {
    Stored e = entries.get(key);
    return e == null || !sentTo(e, chatId, chatNow, movedHere) ? null : e.topic();
  }

  /**
   * Whether the answer of {@code e} went to {@code chatId}: its chat's, or where that moved. An
   * entry read back from the file knows its chat by its tag only: it is {@code chatId}'s, or that
   * of a group that became {@code chatId}.
   */
  private boolean sentTo(
      Stored e,
      long chatId,
      LongUnaryOperator chatNow,
      LongFunction<? extends Collection<Long>> movedHere) {
    if (e.chatId() != null) {
      return e.chatId() == chatId || chatNow.applyAsLong(e.chatId()) == chatId;
    }
    if (chatTags == null || e.chatTag() == null) {
      return false;
    }
    if (e.chatTag().equals(chatTags.apply(chatId))) {
      return true;
    }
    for (long before : movedHere.apply(chatId)) {
      if (e.chatTag().equals(chatTags.apply(before))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    if (out != null) {
      synchronized (out) {
        out.close();
      }
    }
  }
}
