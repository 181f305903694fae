package org.astanaqa.bot.telegram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.bot.telegram.send.Throttle;

/**
 * The clock of a whole bot run in this JVM and of the fake Bot API it talks to ({@link
 * TelegramRunner#pacingClock}, {@link FakeBotApi#useClock}): the system's, but a wait of the bot's
 * pacing of up to {@link #SKIP_MAX_NANOS} (a chat's second, the overall limit's spacing, a 429's
 * jitter, a recheck) passes at once, the clock moved on to its end. The fake judges the bot's flood
 * limits and retry_after on this same clock, so it sees every wait the bot made, and no wait the
 * bot did not make: a message that went before its chat's second is refused here as by Telegram.
 * Longer waits (a group's next minute, a 429's retry_after of seconds) are slept in real time, so
 * that what a test waits for in real time (a press answered within Telegram's ~15 s while a busy
 * group's minute runs) still takes its time. Concurrent waits move the clock to the latest of their
 * ends, never to their sum; the clock runs ahead of the system's, so what the fake times on it (a
 * query's age, "typing..."'s 5 s) only ages sooner, never later.
 */
final class SkippingClock implements Throttle.Clock {
  static final long SKIP_MAX_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final AtomicLong skipped = new AtomicLong();

  @Override
  public long nanoTime() {
    return System.nanoTime() + skipped.get();
  }

  @Override
  public void sleepNanos(long nanos) throws InterruptedException {
    if (nanos <= 0) {
      return;
    }
    if (nanos > SKIP_MAX_NANOS) {
      Throttle.Clock.SYSTEM.sleepNanos(nanos);
      return;
    }
    long end = nanoTime() + nanos;
    skipped.accumulateAndGet(end - System.nanoTime(), Math::max);
    // a real millisecond, as a sleep is a point where the thread may be interrupted (a stop), and
    // so that a wait re-checked in a loop (calls on their way filling the overall limit) does not
    // spin the clock ahead faster than once a millisecond
    Thread.sleep(1);
  }
}
