package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.bot.telegram.send.Throttle;
import org.junit.jupiter.api.Test;

/**
 * Telegram's limits, on a fake clock: the times at which messages would go out, each answered by
 * Telegram the moment it leaves unless a test says otherwise.
 */
class ThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final UpdateHandlerTest.FakeClock clock = new UpdateHandlerTest.FakeClock(now);
  private final Throttle throttle = new Throttle(1, 20, 30, clock);

  private List<Long> sendTimes(long chat, boolean group, int n) throws InterruptedException {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      throttle.acquire(chat, group).answered();
      times.add(now.get());
    }
    return times;
  }

  @Test
  void oneMessageASecondPerChat() throws Exception {
    List<Long> t = sendTimes(42, false, 5);
    for (int i = 1; i < t.size(); i++) {
      assertTrue(t.get(i) - t.get(i - 1) >= 1_000_000_000L, t.toString());
    }
  }

  /**
   * A bot just started does not know when the process before it last sent to a chat, and Telegram
   * counted it: a chat's first message waits the spacing from the start, as after one sent then,
   * and one asked for later goes at once. Before, the first message went at once after a quick
   * restart, within the second of the last one of the run before.
   */
  @Test
  void afterAStartEachChatsFirstMessageWaitsAsIfOneWasSentThen() throws Exception {
    long start = now.get();
    throttle.sentToEveryChat();
    assertTrue(
        throttle.chatTurnIn(42, false) >= 1_000_000_000L, "the chat's turn is a second away");
    throttle.acquire(42, false).answered();
    assertTrue(now.get() - start >= 1_000_000_000L, "waited: " + (now.get() - start));
    now.addAndGet(5_000_000_000L);
    long later = now.get();
    throttle.acquire(43, false).answered();
    assertEquals(later, now.get(), "a chat's first message seconds after the start goes at once");
  }

  @Test
  void twentyMessagesAMinutePerGroup() throws Exception {
    List<Long> t = sendTimes(-100, true, 21);
    assertTrue(t.get(20) - t.get(0) >= 60_000_000_000L, "the 21st waits for the minute to pass");
  }

  /**
   * A slot some path failed to end would count as on its way for ever, and 30 of them would stop
   * every call: one is freed when no call could still be on its way, after {@link
   * Throttle#LONGEST_ON_THE_WAY_NANOS}, and no sooner.
   */
  @Test
  void slotsNeverEndedAreFreedAfterTheLongestACallCanTakeNotBefore() throws Exception {
    long start = now.get();
    for (int i = 0; i < 30; i++) {
      throttle.acquireGlobal(); // taken, never answered nor given back
    }
    Throttle.Slot next = throttle.acquireGlobal();
    long waited = now.get() - start;
    assertTrue(
        waited >= Throttle.LONGEST_ON_THE_WAY_NANOS,
        "the 31st waits while the 30 may be on their way: " + waited);
    assertTrue(
        waited < Throttle.LONGEST_ON_THE_WAY_NANOS + 5_000_000_000L,
        "and goes once they cannot be: " + waited);
    next.answered();
    throttle.acquire(7, false).answered(); // and calls go on
  }

  @Test
  void thirtyMessagesASecondOverall() throws Exception {
    List<Long> t = new ArrayList<>();
    for (int chat = 0; chat < 31; chat++) {
      throttle.acquire(chat, false).answered();
      t.add(now.get());
    }
    assertTrue(t.get(30) - t.get(0) >= 1_000_000_000L, "31 different chats take at least a second");
  }

  /**
   * Telegram counts calls as they arrive: a call still on its way may arrive at any moment until it
   * is answered, so it counts against the overall limit until then and for 1.1 s (a second and the
   * headroom) after. 30 calls that left over about a second and were all answered two seconds later
   * (held on their way) fill the window: the 31st waits until 1.1 s after their answers, not only
   * its 36.7 ms after the last one left.
   */
  @Test
  void aCallCountsAgainstTheOverallLimitUntilItIsAnsweredAndAWindowAfter() throws Exception {
    long start = now.get();
    List<Throttle.Slot> onTheirWay = new ArrayList<>();
    for (int chat = 0; chat < 30; chat++) {
      onTheirWay.add(throttle.acquire(chat, false));
    }
    now.set(start + 2_000_000_000L);
    onTheirWay.forEach(Throttle.Slot::answered);
    long answered = now.get();
    throttle.acquire(30, false).answered();
    assertEquals(answered + 1_100_000_000L, now.get(), "the 31st left a window after the answers");
  }

  /**
   * A call that never left (the bot stopping, a query too old by then) frees its place at once; a
   * slot ended twice is freed once.
   */
  @Test
  void aCallThatNeverLeftFreesItsPlaceAtOnce() throws Exception {
    List<Long> t = new ArrayList<>();
    for (int chat = 0; chat < 30; chat++) {
      Throttle.Slot slot = throttle.acquire(chat, false);
      t.add(now.get());
      slot.unused();
      slot.unused();
    }
    Throttle.Slot answered = throttle.acquire(30, false);
    answered.answered();
    answered.unused();
    t.add(now.get());
    assertTrue(
        t.get(30) - t.get(29) <= 36_666_667L,
        "the 31st left its spacing after the 30th, none of which was sent: " + t);
  }

  /**
   * Telegram counts a group's 20 messages a minute as they arrive, as it counts the overall limit:
   * a message still on its way may arrive at any moment until it is answered. The group's minute
   * was counted from when each message left: the first of 20, held on its way for 10 s, may have
   * arrived then, just before the 19 others, and the 21st, sent 66 s after the first left, reached
   * Telegram 56 s after it, the 21st message of that group within a minute (a 429). Now each counts
   * until it is answered and a minute and the headroom after, as the overall limit does.
   */
  @Test
  void aGroupsMessageCountsAgainstItsMinuteUntilItIsAnsweredAndAMinuteAfter() throws Exception {
    Throttle fast = new Throttle(1000, 20, 1000, clock); // only the group's limit holds here
    Throttle.Slot first = fast.acquire(-100, true); // held on its way
    now.addAndGet(10_000_000_000L);
    first.answered();
    long answered = now.get();
    for (int i = 1; i < 20; i++) {
      fast.acquire(-100, true).answered(); // at once: all 20 may have arrived within 10 s to 10.1 s
    }
    fast.acquire(-100, true).answered();
    assertTrue(
        now.get() - answered >= 66_000_000_000L,
        "the 21st left a minute and the headroom after the first was answered: "
            + (now.get() - answered));
  }

  /** A group's message that never left frees its place in the group's minute at once. */
  @Test
  void aGroupsMessageThatNeverLeftFreesItsPlaceInTheMinute() throws Exception {
    Throttle fast = new Throttle(1000, 20, 1000, clock);
    for (int i = 0; i < 20; i++) {
      fast.acquire(-100, true).unused();
    }
    long before = now.get();
    fast.acquire(-100, true).answered();
    assertTrue(now.get() - before < 1_000_000_000L, "no minute to wait: " + (now.get() - before));
  }
}
