package org.astanaqa.bot;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.Languages;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.util.LruMap;

/**
 * What the bot remembers of each conversation so that a follow-up ("and Iran?", "who signed it?")
 * is answered as the one question it makes with the question it follows: the last question of each
 * chat, for {@code window} nanoseconds, and which question each of the bot's answer messages
 * answered, for a reply to it. Whether a question leans on the earlier one, and what it then asks,
 * is the retrieval module's to say ({@link QuestionAnswerer#ask(String, int, String)}, {@link
 * Answer#resolved()}); a question that stands on its own is answered as if nothing came before.
 * Knows nothing of Telegram: the console and the Telegram bot both use it. Thread-safe.
 */
public final class Conversations {
  /** Chats (and answer messages) remembered at most; the least recently used are forgotten. */
  static final int MAX_REMEMBERED = 10_000;

  /**
   * One question and what became of it.
   *
   * @param answer the answer; not answered, with no quotes, when the language is not understood
   * @param language the question's ISO 639-1 code ("en", "ru", ...)
   * @param understood whether the bot reads the language (English or Russian) and searched
   * @param context the earlier question it was answered with, or null when it stands alone; the
   *     question then answered is {@code answer().resolved()}
   */
  public record Turn(Answer answer, String language, boolean understood, String context) {}

  /** A conversation's last question, when it was asked, and the message that asked it (or null). */
  private record Last(String question, long at, Object id) {}

  /** The earlier question a message's question was asked after (null: none), for its edit. */
  private record Offered(String earlier) {}

  private final long window;
  private final LongSupplier nanos;
  private final Map<Object, Last> last = new LruMap<>(MAX_REMEMBERED);
  private final Map<Object, String> byMessage = new LruMap<>(MAX_REMEMBERED);

  /** Each question message's {@link Offered} earlier question, by {@code List.of(chat, id)}. */
  private final Map<Object, Offered> offered = new LruMap<>(MAX_REMEMBERED);

  /**
   * The question of an answer the conversation no longer remembers (sent before a restart, or
   * forgotten as {@link #MAX_REMEMBERED} others came since), as a reply to it names it: the message
   * is asked as it stands, not after the chat's last question, asked after that answer.
   */
  public static final String FORGOTTEN = "";

  /**
   * @param windowNanos how long a chat's last question may be followed up without a reply to it
   * @param nanos the clock ({@code System::nanoTime}; a test's own)
   */
  public Conversations(long windowNanos, LongSupplier nanos) {
    this.window = windowNanos;
    this.nanos = nanos;
  }

  /**
   * Answers {@code question} asked in {@code chat}: any key of one conversation (a chat, a forum
   * topic, a console session).
   *
   * @param repliedTo the question of the bot's answer this message replies to, or null; without it,
   *     the chat's last question within the window is the context; {@link #FORGOTTEN} for a reply
   *     to an answer no longer remembered, which is asked as it stands
   */
  public Turn ask(QuestionAnswerer qa, Object chat, String question, String repliedTo, int topN) {
    return ask(qa, chat, null, question, repliedTo, topN);
  }

  /**
   * As {@link #ask(QuestionAnswerer, Object, String, String, int)}, for a question that message
   * {@code id} of {@code chat} asks (null: none), so that an edit of it is answered in its place
   * ({@link #askAgain}).
   */
  public Turn ask(
      QuestionAnswerer qa, Object chat, Object id, String question, String repliedTo, int topN) {
    return ask(qa, chat, id, question, repliedTo, topN, nanos.getAsLong());
  }

  /**
   * As {@link #ask(QuestionAnswerer, Object, Object, String, String, int)}, asked at {@code at} on
   * this conversation's clock rather than now: when its user sent it (a Telegram message's date),
   * so that the window is the user's time, not when the bot got to the question (after a downtime
   * or a backlog two questions sent half an hour apart were answered a moment apart). Every call of
   * one Conversations must then name its time so.
   */
  public Turn ask(
      QuestionAnswerer qa,
      Object chat,
      Object id,
      String question,
      String repliedTo,
      int topN,
      long at) {
    String recent;
    synchronized (this) {
      recent = recent(chat, at);
      if (id != null) {
        offered.put(List.of(chat, id), new Offered(recent));
      }
    }
    return answer(qa, chat, id, question, repliedTo != null ? repliedTo : recent, topN, false, at);
  }

  /**
   * Answers the edited question of message {@code id} in {@code chat} in its place in the
   * conversation: after the question that came before it when it was first asked (or the one the
   * message replies to), not after the chat's last question, which may have been asked since, or be
   * this message's own first version. It is the conversation's last question again only when it was
   * its last. A message this does not remember (a question asked before a restart) is answered with
   * no earlier question but the one it replies to. {@code at}: when it was edited, on this
   * conversation's clock.
   */
  public Turn askAgain(
      QuestionAnswerer qa,
      Object chat,
      Object id,
      String question,
      String repliedTo,
      int topN,
      long at) {
    Offered before;
    synchronized (this) {
      before = offered.get(List.of(chat, id));
    }
    String earlier = repliedTo != null ? repliedTo : before == null ? null : before.earlier();
    return answer(qa, chat, id, question, earlier, topN, true, at);
  }

  private Turn answer(
      QuestionAnswerer qa,
      Object chat,
      Object id,
      String question,
      String earlier,
      int topN,
      boolean again,
      long at) {
    String language = Languages.detect(question);
    if (!language.equals(Languages.ENGLISH) && !language.equals(Languages.RUSSIAN)) {
      return new Turn(new Answer(question, false, List.of(), List.of()), language, false, null);
    }
    if (FORGOTTEN.equals(earlier)) {
      earlier = null;
    }
    // The engine decides whether the question leans on the earlier one, and says so.
    Answer a = qa.ask(question, topN, earlier);
    String context = a.resolved().isPresent() ? earlier : null;
    synchronized (this) {
      Last l = last.get(chat);
      if (!again || id != null && l != null && id.equals(l.id())) {
        // A follow-up's resolved question is the conversation's subject, so a chain keeps it.
        last.put(chat, new Last(asked(a), at, id));
      }
    }
    return new Turn(a, language, true, context);
  }

  /**
   * Remembers {@code answer}, to a question asked without the conversation as context (an example
   * question asked by its button), as {@code chat}'s last question: a question typed after it may
   * follow on from it, as from a typed one. {@code at}: when it was asked, on this conversation's
   * clock.
   */
  public synchronized void asked(Object chat, Answer answer, long at) {
    last.put(chat, new Last(asked(answer), at, null));
  }

  /** Remembers that the bot's message {@code messageId} in {@code chat} answered {@code turn}. */
  public void answered(Object chat, Object messageId, Turn turn) {
    answered(chat, messageId, turn.answer());
  }

  /**
   * Remembers that the bot's message {@code messageId} in {@code chat} shows {@code answer}, or
   * part of it: each part of an answer too long for one message, and its next quotes ("More").
   */
  public synchronized void answered(Object chat, Object messageId, Answer answer) {
    byMessage.put(List.of(chat, messageId), asked(answer));
  }

  /** The question an answer answered: a follow-up's resolved question, or the one asked. */
  private static String asked(Answer a) {
    return a.resolved().orElse(a.question());
  }

  /** The question the bot's message {@code messageId} in {@code chat} answered, or null. */
  public synchronized String questionOf(Object chat, Object messageId) {
    return byMessage.get(List.of(chat, messageId));
  }

  /**
   * The conversation {@code from} goes on as {@code to} (a Telegram group that became a supergroup,
   * a chat with a new id): its last question is {@code to}'s, unless {@code to} has a later one.
   */
  public synchronized void moved(Object from, Object to) {
    Last l = last.remove(from);
    Last there = last.get(to);
    if (l != null && (there == null || there.at() - l.at() < 0)) {
      last.put(to, l);
    }
  }

  /** Forgets the chat's last question: what follows starts afresh (the console's {@code :new}). */
  public synchronized void clear(Object chat) {
    last.remove(chat);
  }

  /** How long a chat's last question may be followed up without a reply to it, in nanoseconds. */
  public long window() {
    return window;
  }

  private synchronized String recent(Object chat, long at) {
    Last l = last.get(chat);
    // Either way: a question dated long before the last one (an example pressed, timed on a host
    // clock hours ahead where Telegram's could not be read) is no more within the window.
    return l != null && Math.abs(at - l.at()) <= window ? l.question() : null;
  }
}
