package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.bot.telegram.send.Throttle;
import org.junit.jupiter.api.Test;

/** Telegram's limits, on a fake clock: the times at which messages would go out. */
class ThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final UpdateHandlerTest.FakeClock clock = new UpdateHandlerTest.FakeClock(now);
  private final Throttle throttle = new Throttle(1, 20, 30, clock);

  private List<Long> sendTimes(long chat, boolean group, int n) throws InterruptedException {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      throttle.acquire(chat, group);
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

  @Test
  void thirtyMessagesASecondOverall() throws Exception {
    List<Long> t = new ArrayList<>();
    for (int chat = 0; chat < 31; chat++) {
      throttle.acquire(chat, false);
      t.add(now.get());
    }
    assertTrue(t.get(30) - t.get(0) >= 1_000_000_000L, "31 different chats take at least a second");
  }
}
