package org.astanaqa.bot.telegram.send;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.astanaqa.retrieval.util.LruMap;

/**
 * Keeps sending within Telegram's limits: per chat, per group (per minute) and overall. {@link
 * #acquire} blocks the calling worker until a message may go ({@link #acquireGlobal} until any
 * other call may); each chat's own worker waits, so one busy chat never holds up the others beyond
 * the global limit. An update whose reply would wait long for its chat's turn ({@link #chatTurnIn})
 * waits off the workers before its answering starts ({@code UpdateDispatcher}); a wait that begins
 * once it has started (a 429 told to the reply itself) holds its thread, while a stand-in answers
 * the other chats ({@link Sender#duringLongWaits}).
 *
 * <p>A 429 told to a message (or an edit, a deletion, a query's answer) pauses every call ({@link
 * #pauseFor}), as it is no chat's alone: its retry_after may be the whole bot's (over Telegram's
 * overall limit), and Telegram does not say which; but for a group's message's or edit's of up to a
 * minute, which the group's own 20 a minute explain ({@code Sender}). A 429 told to a chat action
 * holds that chat's calls only ({@link #pauseChatFor}): Telegram's flood limits are the messages'
 * (Bot FAQ), and were the bot over the overall one, the next message to another chat would get a
 * 429 of its own and pause every call then. Any 429 told to a call to a chat holds that method's
 * calls to the chat for all of its retry_after ({@link #pauseChatMethodFor}), as Telegram's flood
 * wait is a method's, and the chat's other calls for at most the shared pause's 30 s ({@link
 * #pauseChatFor}), after which they ask and Telegram's own answer decides. Each worker found it
 * through a refused call of its own, and each call asked sooner than Telegram allowed, which only
 * earns more 429s. A 429 of one busy chat so holds the others' calls too, for its few seconds;
 * python-telegram-bot's AIORateLimiter halts every request likewise. The bot's settings (the
 * command menu) have limits of their own, and their 429 pauses nothing else.
 *
 * <p>Telegram counts calls as they reach it, not as they leave the bot, and a call may be held on
 * its way (a loaded machine, a slow network) while later ones are not. So a slot is a call's place
 * in the limits from when it may leave until it ends ({@link Slot}): a chat's next message waits a
 * second (and the headroom) from when Telegram answered the last one, and at most {@code
 * globalPerSecond} calls are either still on their way or were answered in the last window (1.1 s
 * at 30 a second): each of them arrived, if at all, before its answer, so that many at most can
 * arrive in any such window whatever the delays. A group's 20 a minute are counted the same way:
 * its messages on their way and those answered within the last minute and the headroom (counted
 * from when each was answered, not from when it left: a message held on its way may have arrived
 * any time until its answer, and counted from when it left it arrived less than a minute before the
 * 21st). A slot must be ended on every path: {@link Slot#answered} once the call was tried (an
 * answer, an error, a timeout), {@link Slot#unused} when it never left (a stop, a query too old by
 * then).
 */
public final class Throttle {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Throttle.class);

  /** Chats whose last send time is remembered at most; older ones are forgotten (no wait due). */
  private static final int MAX_CHATS = 100_000;

  private static final double HEADROOM = 1.1;

  private final long perChatNanos;
  private final int perGroupPerMinute;
  private final long globalNanos;
  private final Clock clock;
  private final Map<Long, Long> nextForChat = new LruMap<>(MAX_CHATS);

  /**
   * The earliest a chat with no message booked here may have its next ({@link #sentToEveryChat}):
   * none before a start, for a bot that does not know when the process before it last sent.
   */
  private long everyChatFrom = Long.MIN_VALUE;

  /**
   * Each group's messages answered within the last minute and the headroom ({@link
   * #GROUP_WINDOW_NANOS}), by when they were answered, oldest first.
   */
  private final Map<Long, Deque<Long>> groupSends = new LruMap<>(MAX_CHATS);

  /** Told the group of every group message answered ({@link #onGroupSent}). */
  private volatile java.util.function.LongConsumer groupSent = chat -> {};

  /** Each group's messages on their way: taken and not yet ended. */
  private final Map<Long, Integer> groupOnTheirWay = new java.util.HashMap<>();

  /** How long a group's answered message counts against its 20 a minute: a minute, and headroom. */
  private static final long GROUP_WINDOW_NANOS = (long) (HEADROOM * 60_000_000_000L);

  private long nextGlobal;

  /** Calls at most on their way or answered within {@link #windowNanos} (the overall limit). */
  private final int perWindow;

  /** How long an answered call still counts against the overall limit. */
  private final long windowNanos;

  /**
   * The longest a call counts as on its way: longer than any call the settings allow (a request
   * timeout of at most 600 s, four times that for the one patient resend). A slot not ended by then
   * was lost by a path that failed to end it, and counts as answered then, so that 30 such never
   * stop all sending for good.
   */
  public static final long LONGEST_ON_THE_WAY_NANOS =
      java.util.concurrent.TimeUnit.MINUTES.toNanos(45);

  /** Calls that may be on their way: slots taken and not yet ended, with when each was taken. */
  private final Map<Slot, Long> onTheirWay = new java.util.LinkedHashMap<>();

  /** When the calls answered within the last {@link #windowNanos} were answered, oldest first. */
  private final Deque<Long> answeredAt = new ArrayDeque<>();

  /** Until when a 429 of one chat holds that chat's calls ({@link #pauseChatFor}). */
  private final Map<Long, Long> chatPausedUntil = new LruMap<>(MAX_CHATS);

  /**
   * Until when a 429 on a method holds that method's calls to a chat ({@link #pauseChatMethodFor}),
   * by "chat id/method".
   */
  private final Map<String, Long> methodPausedUntil = new LruMap<>(MAX_CHATS);

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
    // 30 a second: 30 calls a window of 1.1 s; below one a second, one call a window as long as
    // the spacing.
    this.perWindow = Math.max(1, (int) Math.floor(globalPerSecond));
    this.windowNanos = (long) Math.ceil(HEADROOM * 1e9 * perWindow / globalPerSecond);
    this.clock = clock;
  }

  /**
   * A call's place in the limits, taken by {@link #acquire} or {@link #acquireGlobal}: it counts
   * against the overall limit until it ends, and for a window after it was answered. Ended once;
   * ending it again does nothing.
   */
  public final class Slot {
    private final long chatId;
    private final boolean perChat;
    private final boolean group;
    private boolean ended;

    private Slot(long chatId, boolean perChat) {
      this(chatId, perChat, false);
    }

    private Slot(long chatId, boolean perChat, boolean group) {
      this.chatId = chatId;
      this.perChat = perChat;
      this.group = group;
    }

    /**
     * The call was tried and is over: Telegram answered it, refused it, or it failed or timed out
     * on its way. It had arrived by now if it ever does, so it counts against the overall limit for
     * a window from now, and a message's chat has its next message counted from now.
     */
    public void answered() {
      if (ended(this, true) && group) {
        try {
          groupSent.accept(chatId); // outside the lock: the listener writes to disk
        } catch (RuntimeException e) {
          // ended in a finally after the call: a failure to note it must not hide the call's
          // outcome
          log.warn("cannot note a group's message for after a restart ({})", e.toString());
        }
      }
    }

    /**
     * The call never left (the bot is stopping, the query it answers is too old by now): its place
     * is freed at once.
     */
    public void unused() {
      ended(this, false);
    }
  }

  /** Whether this call ended {@code slot} (false when it had ended already). */
  private synchronized boolean ended(Slot slot, boolean tried) {
    if (slot.ended) {
      return false;
    }
    slot.ended = true;
    onTheirWay.remove(slot);
    long now = clock.nanoTime();
    if (slot.group) {
      groupEnded(slot.chatId, tried, now);
    }
    if (!tried) {
      return true;
    }
    answeredAt.addLast(now);
    forgetAnswersBefore(now);
    if (slot.perChat) {
      // The chat's next message is counted from now, when the last one had surely arrived:
      // booked only from when it left, the next one followed it by perChatPerSecond and the
      // headroom alone, so a message delayed on its way by more than the headroom (a tenth of a
      // second) arrived less than a second before the next, and Telegram answered that one 429.
      long next = now + perChatNanos;
      Long booked = nextForChat.get(slot.chatId);
      if (booked == null || next - booked > 0) {
        nextForChat.put(slot.chatId, next);
      }
    }
    return true;
  }

  /**
   * A group's message is no longer on its way: answered (it counts against the group's minute from
   * now, when it had surely arrived if ever), or never sent (its place is free).
   */
  private void groupEnded(long chatId, boolean tried, long now) {
    groupOnTheirWay.computeIfPresent(chatId, (k, n) -> n > 1 ? n - 1 : null);
    if (tried) {
      groupSends.computeIfAbsent(chatId, k -> new ArrayDeque<>()).addLast(now);
    }
  }

  /**
   * How long until one more message may count against group {@code chatId}'s minute: its messages
   * on their way and those answered within {@link #GROUP_WINDOW_NANOS} are at most {@link
   * #perGroupPerMinute}, as Telegram counts them on arrival, which may be any time until their
   * answer.
   */
  private long groupWait(long chatId, long now) {
    Deque<Long> sends = groupSends.get(chatId);
    if (sends != null) {
      while (!sends.isEmpty() && now - sends.peekFirst() >= GROUP_WINDOW_NANOS) {
        sends.removeFirst();
      }
    }
    int answered = sends == null ? 0 : sends.size();
    int over = groupOnTheirWay.getOrDefault(chatId, 0) + answered - perGroupPerMinute + 1;
    if (over <= 0) {
      return 0;
    }
    if (over > answered) {
      return perChatNanos; // those on their way fill the minute: look again when one may be over
    }
    java.util.Iterator<Long> oldest = sends.iterator();
    long leaves = 0;
    for (int i = 0; i < over; i++) {
      leaves = oldest.next();
    }
    return Math.max(1, leaves + GROUP_WINDOW_NANOS - now);
  }

  /** Drops the answers that no longer count against the overall limit. */
  private void forgetAnswersBefore(long now) {
    while (!answeredAt.isEmpty() && now - answeredAt.peekFirst() >= windowNanos) {
      answeredAt.removeFirst();
    }
  }

  /**
   * How long until one more call may count against the overall limit: 0 while fewer than {@link
   * #perWindow} are on their way or were answered within the window; until enough answers leave the
   * window; or, when the calls on their way fill it alone, a spacing's time to look again (when
   * they end is not known).
   */
  private long windowWait(long now) {
    for (java.util.Iterator<Map.Entry<Slot, Long>> it = onTheirWay.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Slot, Long> e = it.next();
      if (now - e.getValue() < LONGEST_ON_THE_WAY_NANOS) {
        break; // taken in order: the rest are younger
      }
      it.remove();
      e.getKey().ended = true;
      answeredAt.addLast(now);
      if (e.getKey().group) {
        groupEnded(e.getKey().chatId, true, now);
      }
      log.warn(
          "a Bot API call's place in the overall limit was never given back; freed after 45 min");
    }
    forgetAnswersBefore(now);
    int over = onTheirWay.size() + answeredAt.size() - perWindow + 1;
    if (over <= 0) {
      return 0;
    }
    if (over > answeredAt.size()) {
      return globalNanos;
    }
    java.util.Iterator<Long> oldest = answeredAt.iterator();
    long leaves = 0;
    for (int i = 0; i < over; i++) {
      leaves = oldest.next();
    }
    return Math.max(1, leaves + windowNanos - now);
  }

  /**
   * Waits until a message may be sent to {@code chatId}, and books that slot, which the caller ends
   * ({@link Slot#answered}, {@link Slot#unused}).
   */
  public Slot acquire(long chatId, boolean group) throws InterruptedException {
    return acquire(chatId, group, wait -> false, Long.MAX_VALUE, false);
  }

  /**
   * As {@link #acquire(long, boolean)}; before each wait, and at least every {@link #RECHECK_NANOS}
   * during it, {@code giveUp} is asked, and when it says so no slot is taken and null is returned
   * (a pause of every call that began while it waited, too long to wait out). Asked only when the
   * wait ended, a group's reply waiting for its next minute learnt such a pause up to 66 s late.
   */
  public Slot acquire(long chatId, boolean group, java.util.function.LongPredicate giveUp)
      throws InterruptedException {
    return acquire(chatId, group, giveUp, RECHECK_NANOS, false);
  }

  /**
   * As {@link #acquire(long, boolean)}, but past a pause of every call ({@link #pauseFor}): the one
   * message that asks Telegram whether the whole bot's long flood wait still holds ({@code
   * Sender}). It keeps its chat's turn and the overall limit.
   */
  public Slot acquirePastPause(long chatId, boolean group) throws InterruptedException {
    return acquire(chatId, group, wait -> false, RECHECK_NANOS, true);
  }

  private Slot acquire(
      long chatId,
      boolean group,
      java.util.function.LongPredicate giveUp,
      long recheckNanos,
      boolean pastPause)
      throws InterruptedException {
    Slot slot = new Slot(chatId, true, group);
    long wait;
    while ((wait = reserve(chatId, group, slot, pastPause)) > 0) {
      if (giveUp.test(wait)) {
        return null;
      }
      clock.sleepNanos(Math.min(wait, recheckNanos));
    }
    return slot;
  }

  /**
   * Waits until a call that sends nothing into a chat may go (a callback or inline answer, a chat
   * action, the command menu): it counts against the overall limit only. The caller ends the slot
   * ({@link Slot#answered}, {@link Slot#unused}).
   */
  public Slot acquireGlobal() throws InterruptedException {
    return acquireGlobal(wait -> false, Long.MAX_VALUE);
  }

  /**
   * How often a call that may give up its wait ({@link #acquireGlobal(LongPredicate)}) looks again
   * whether it still wants to go.
   */
  static final long RECHECK_NANOS = 100_000_000L;

  /**
   * As {@link #acquireGlobal()}, for a call that is of no use late (a chat action, a query's
   * answer): before each wait, and at least every {@link #RECHECK_NANOS} during it, {@code giveUp}
   * is asked with the wait due then; when it says so, no slot is taken and null is returned. Such a
   * call may otherwise wait out a 429's pause that began while it waited for the overall limit.
   */
  public Slot acquireGlobal(java.util.function.LongPredicate giveUp) throws InterruptedException {
    return acquireGlobal(giveUp, RECHECK_NANOS);
  }

  private Slot acquireGlobal(java.util.function.LongPredicate giveUp, long recheckNanos)
      throws InterruptedException {
    Slot slot = new Slot(0, false);
    long wait;
    while ((wait = reserveGlobal(slot)) > 0) {
      if (giveUp.test(wait)) {
        return null;
      }
      clock.sleepNanos(Math.min(wait, recheckNanos));
    }
    return slot;
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

  /**
   * Holds the calls to chat {@code chatId} only, for {@code nanos} from now, unless a pause of that
   * chat that ends later holds them already: a 429 told to a call to the chat, whose retry_after
   * says when "the request can be repeated" and nothing of other chats. Its messages and edits wait
   * ({@link #acquire}); chat actions ask {@link #chatPausedFor} and are not sent.
   */
  public synchronized void pauseChatFor(long chatId, long nanos) {
    pauseIn(chatPausedUntil, chatId, nanos);
  }

  /**
   * Holds the calls of method {@code method} to chat {@code chatId} for {@code nanos} from now,
   * unless a pause of them that ends later holds them already: a 429 says when that request "can be
   * repeated", and Telegram's flood wait is a method's ("the maximum allowed number of attempts to
   * invoke the given method with the given input parameters", error 420 FLOOD). The chat's other
   * calls are held by {@link #pauseChatFor}, for as long as the caller chooses.
   */
  public synchronized void pauseChatMethodFor(long chatId, String method, long nanos) {
    pauseIn(methodPausedUntil, chatId + "/" + method, nanos);
  }

  /**
   * How long a 429 still holds the calls of {@code method} to chat {@code chatId} ({@link
   * #pauseChatMethodFor}); or 0.
   */
  public synchronized long chatMethodPausedFor(long chatId, String method) {
    return heldIn(methodPausedUntil, chatId + "/" + method, clock.nanoTime());
  }

  /** How long a 429 of chat {@code chatId} still holds its calls ({@link #pauseChatFor}); or 0. */
  public synchronized long chatPausedFor(long chatId) {
    return chatHeld(chatId, clock.nanoTime());
  }

  private long chatHeld(long chatId, long now) {
    return heldIn(chatPausedUntil, chatId, now);
  }

  /** Pauses {@code key} in {@code pausedUntil} for {@code nanos}, unless a later end holds. */
  private <K> void pauseIn(Map<K, Long> pausedUntil, K key, long nanos) {
    long until = clock.nanoTime() + nanos;
    Long had = pausedUntil.get(key);
    if (had == null || until - had > 0) {
      pausedUntil.put(key, until);
    }
  }

  /** How long {@code pausedUntil} still holds {@code key} at {@code now}; an ended pause goes. */
  private static <K> long heldIn(Map<K, Long> pausedUntil, K key, long now) {
    Long until = pausedUntil.get(key);
    if (until == null) {
      return 0;
    }
    if (until - now <= 0) {
      pausedUntil.remove(key);
      return 0;
    }
    return until - now;
  }

  /**
   * Ends the pause of every call ({@link #pauseFor}): Telegram took a message sent past it, so it
   * holds no more.
   */
  public synchronized void endPause() {
    paused = false;
  }

  /** How long a 429 still holds every call ({@link #pauseFor}); 0 when none does. */
  public synchronized long pausedFor() {
    return held(clock.nanoTime());
  }

  private long held(long now) {
    return paused ? Math.max(0, pausedUntil - now) : 0;
  }

  private synchronized long reserveGlobal(Slot slot) {
    long now = clock.nanoTime();
    long wait = Math.max(Math.max(nextGlobal - now, held(now)), windowWait(now));
    if (wait > 0) {
      return wait;
    }
    nextGlobal = Math.max(nextGlobal, now) + globalNanos;
    onTheirWay.put(slot, now);
    return 0;
  }

  /**
   * How long a message to {@code chatId} would wait now for the chat's own turn: the chat's
   * spacing, a group's minute ({@code group}), a 429 of the chat. Books nothing, and leaves out the
   * waits that hold every chat alike (the overall limit, a bot-wide 429): an answer due to wait
   * long for its chat's turn waits off the workers, which answer other chats meanwhile ({@code
   * UpdateDispatcher}).
   */
  public synchronized long chatTurnIn(long chatId, boolean group) {
    long now = clock.nanoTime();
    long wait = Math.max(nextFor(chatId, now) - now, chatHeld(chatId, now));
    if (group) {
      wait = Math.max(wait, groupWait(chatId, now));
    }
    return Math.max(0, wait);
  }

  /**
   * Counts every chat as sent to now: a bot that has just started does not know when the process
   * before it last sent to a chat (a restart, a kill -9 in the middle of a split reply), and
   * Telegram counted those messages against the chat's one a second, so each chat's first message
   * waits the chat's spacing from now. Before, a reply sent at once after a quick restart followed
   * the last one of the run before within the second.
   */
  public synchronized void sentToEveryChat() {
    everyChatFrom = clock.nanoTime() + perChatNanos;
  }

  /**
   * Counts a message to group {@code chatId} that the process before this one had answered {@code
   * nanosAgo} before now against the group's minute: Telegram counted it, and a bot that restarts
   * (a deploy, a {@code kill -9}) into a group that has had its 20 messages this minute would
   * otherwise send into it at once and be told 429, each of its next messages too, until the minute
   * had passed. Called at start, before any message leaves, oldest first per group.
   */
  public synchronized void groupSentBeforeStart(long chatId, long nanosAgo) {
    long ago = Math.max(0, nanosAgo); // a wall clock set back since: counted as just sent
    if (ago >= GROUP_WINDOW_NANOS) {
      return;
    }
    groupSends.computeIfAbsent(chatId, k -> new ArrayDeque<>()).addLast(clock.nanoTime() - ago);
  }

  /**
   * {@code sent} is told the group of every message to a group Telegram answered (or that failed on
   * its way), as it counts against the group's minute: so that the next process knows it ({@link
   * #groupSentBeforeStart}). Called on the thread that ends the slot, outside this throttle's lock.
   */
  public synchronized void onGroupSent(java.util.function.LongConsumer sent) {
    this.groupSent = sent;
  }

  /** When a message to {@code chatId} may go by the chat's spacing, {@code now} at the earliest. */
  private long nextFor(long chatId, long now) {
    Long booked = nextForChat.get(chatId);
    return booked != null ? booked : Math.max(now, everyChatFrom);
  }

  /** Books a slot and returns 0, or returns how long to wait before asking again. */
  private synchronized long reserve(long chatId, boolean group, Slot slot, boolean pastPause) {
    long now = clock.nanoTime();
    long wait =
        Math.max(
            Math.max(nextFor(chatId, now) - now, nextGlobal - now),
            Math.max(Math.max(pastPause ? 0 : held(now), chatHeld(chatId, now)), windowWait(now)));
    if (group) {
      wait = Math.max(wait, groupWait(chatId, now));
    }
    if (wait > 0) {
      return wait;
    }
    nextForChat.put(chatId, now + perChatNanos);
    nextGlobal = Math.max(nextGlobal, now) + globalNanos;
    onTheirWay.put(slot, now);
    if (group) {
      groupOnTheirWay.merge(chatId, 1, Integer::sum);
    }
    return 0;
  }
}
