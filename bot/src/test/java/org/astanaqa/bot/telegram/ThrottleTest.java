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
}
