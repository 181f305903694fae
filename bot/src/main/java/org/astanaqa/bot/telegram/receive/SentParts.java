package org.astanaqa.bot.telegram.receive;

import java.util.List;
import java.util.Map;

/**
 * The parts of a split reply (one longer than a Telegram message) that Telegram confirmed, and the
 * earlier question a follow-up was answered after ({@link #answeredAfter()}), for the update being
 * answered on this thread, kept in the {@link UpdateJournal} until the update is done: a {@code
 * kill -9} or a stop after the drain between two parts leaves the update unanswered, and after the
 * restart only the parts not confirmed are sent (before review 23 the reply was sent again whole,
 * and the chat saw its first parts twice). The Bot API has no idempotency key, so the one part on
 * the wire at the kill may still be sent twice; a confirmed part never is.
 *
 * <p>The dispatcher binds the update to the thread that answers it ({@link #current}), as what
 * sends the reply lies several calls below the handler it calls; outside that (a test calling the
 * handler directly) nothing is journaled and nothing skipped.
 */
public final class SentParts {
  /**
   * Part {@code index} of the reply, whose text hashed to {@code hash} (one word, as {@link
   * #isHash} reads it), went out as message {@code messageId} of chat {@code chat}.
   */
  public record Part(String hash, long chat, int messageId) {
    public Part {
      if (!isHash(hash)) {
        throw new IllegalArgumentException("a part's hash is 16 hex digits");
      }
    }
  }

  /**
   * A reply of the bot's as it is in its chat: messages {@code messageIds} of {@code chat}, the
   * last with buttons when {@code buttons}.
   */
  public record Reply(long chat, List<Integer> messageIds, boolean buttons) {
    public Reply {
      messageIds = List.copyOf(messageIds);
      if (messageIds.isEmpty()) {
        throw new IllegalArgumentException("a reply has a message");
      }
    }
  }

  private static final ThreadLocal<SentParts> CURRENT = new ThreadLocal<>();

  private static final SentParts NONE = new SentParts(null, null);

  private final UpdateJournal journal;
  private final UpdateJournal.Entry entry;

  private SentParts(UpdateJournal journal, UpdateJournal.Entry entry) {
    this.journal = journal;
    this.entry = entry;
  }

  /**
   * The confirmed parts of the update answered on this thread, to be added to as parts are
   * confirmed; one that journals nothing when no update is being answered here.
   */
  public static SentParts current() {
    SentParts p = CURRENT.get();
    return p == null ? NONE : p;
  }

  /** Runs {@code step} with {@code entry} as this thread's update for {@link #current}. */
  static boolean during(
      UpdateJournal journal, UpdateJournal.Entry entry, UpdateDispatcher.Step step)
      throws InterruptedException {
    SentParts outer = CURRENT.get();
    CURRENT.set(new SentParts(journal, entry));
    try {
      return step.run();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** The journal of the update answered on this thread; null when none is. */
  UpdateJournal journal() {
    return journal;
  }

  /** The update answered on this thread; null when none is. */
  UpdateJournal.Entry entry() {
    return entry;
  }

  /** The parts confirmed so far (by this process or one before a restart), by index. */
  public Map<Integer, Part> confirmed() {
    return journal == null ? Map.of() : journal.partsSent(entry);
  }

  /** Records that Telegram confirmed part {@code index}. Never throws: a failed write is logged. */
  public void confirmed(int index, Part part) {
    if (journal != null) {
      journal.partSent(entry, index, part);
    }
  }

  /**
   * The earlier question the update answered on this thread was answered after as a follow-up, by
   * this process or one before a restart ({@link #answeredAfter(String)}); null when none is known.
   */
  public String answeredAfter() {
    return journal == null ? null : journal.earlier(entry);
  }

  /**
   * Records that the update answered on this thread is answered as a follow-up of {@code question},
   * before its reply goes out: the conversation is kept in memory only, and after a restart its
   * question would have been answered alone, its reply reading otherwise than the parts Telegram
   * had confirmed (sent again whole) or than the answer it was interrupted giving. Never throws.
   */
  public void answeredAfter(String question) {
    if (journal != null) {
      journal.earlier(entry, question);
    }
  }

  /**
   * The earlier reply the update answered on this thread (an edited question) rewrites, as recorded
   * by this process or one before a restart ({@link #rewriting(Reply)}); null when none is known.
   */
  public Reply rewriting() {
    return journal == null ? null : journal.rewriting(entry);
  }

  /**
   * Records that the update answered on this thread rewrites {@code reply}, before its first edit:
   * the replies of questions are kept in memory only, and after a {@code kill -9} in the middle of
   * the rewrite its question got a new reply under the old one, half of which showed the new answer
   * and half the old. Never throws.
   */
  public void rewriting(Reply reply) {
    if (journal != null) {
      journal.rewriting(entry, reply);
    }
  }

  /** Whether {@code s} is a part's hash: 16 hex digits. */
  static boolean isHash(String s) {
    return s != null && UpdateJournal.isFingerprint(s); // both are 64 bits of a SHA-256 in hex
  }
}
