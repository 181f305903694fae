package org.astanaqa.bot.telegram.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/**
 * {@link TelegramClock} on test clocks: the host's wall clock 3 hours ahead of Telegram's, a
 * monotonic clock that only moves when told.
 */
class TelegramClockTest {
  private static final long TELEGRAM = 1_780_000_000_000L; // Telegram's time now, ms
  private static final long AHEAD = 3 * 3600 * 1000L;

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final AtomicLong host = new AtomicLong(TELEGRAM + AHEAD);
  private final TelegramClock clock = new TelegramClock(nanos::get, host::get);

  /** An answer's Date header, Telegram's time now truncated to the second, plus {@code skew}. */
  private void answer(long skewMillis) {
    long telegram = TELEGRAM + (nanos.get() - 5_000_000_000L) / 1_000_000 + skewMillis;
    clock.note(new Date(telegram / 1000 * 1000));
  }

  private void pass(long millis) {
    nanos.addAndGet(millis * 1_000_000);
    host.addAndGet(millis);
  }

  @Test
  void noEstimateBeforeThreeAnswersThenTheHostsOffsetToASecond() {
    assertEquals(OptionalLong.empty(), clock.offsetMillis());
    answer(0);
    pass(1200);
    answer(0);
    assertEquals(OptionalLong.empty(), clock.offsetMillis(), "two answers are not enough");
    assertEquals(
        (TELEGRAM + AHEAD + 1200) / 1000, clock.nowSeconds(), "the host's clock till then");
    pass(700);
    answer(0);
    long offset = clock.offsetMillis().orElseThrow();
    assertTrue(Math.abs(offset + AHEAD) <= 1000, "about -3 h: " + offset);
    assertTrue(Math.abs(clock.nowSeconds() - (TELEGRAM + 1900) / 1000) <= 1, "Telegram's now");
  }

  @Test
  void oneAnswerFromAClockOfItsOwnChangesNothing() {
    for (int i = 0; i < 4; i++) {
      answer(0);
      pass(300);
    }
    long before = clock.offsetMillis().orElseThrow();
    answer(24 * 3600 * 1000L); // a proxy's date a day off
    answer(-24 * 3600 * 1000L);
    assertTrue(Math.abs(clock.offsetMillis().orElseThrow() - before) <= 1000);
  }

  @Test
  void aDateThatCannotBeReadIsIgnored() {
    assertNull(Headers.of("Date", "yesterday, around noon").getDate("Date"));
    clock.note(Headers.of("Date", "yesterday, around noon").getDate("Date"));
    clock.note(null);
    clock.note(new Date(0));
    answer(0);
    answer(0);
    assertEquals(OptionalLong.empty(), clock.offsetMillis(), "two readable dates only");
    Date read = Headers.of("Date", "Sun, 06 Nov 1994 08:49:37 GMT").getDate("Date");
    assertEquals(784111777000L, read.getTime(), "an IMF-fixdate is read");
  }

  @Test
  void aStepOfTheHostsClockLeavesTelegramsAsItWas() {
    for (int i = 0; i < 3; i++) {
      answer(0);
      pass(500);
    }
    long telegramNow = clock.nowSeconds();
    host.addAndGet(-AHEAD); // NTP puts the host's clock right
    assertEquals(telegramNow, clock.nowSeconds());
    assertTrue(Math.abs(clock.offsetMillis().orElseThrow()) <= 1000);
  }

  @Test
  void aJumpOfTelegramsClockAgainstTheMonotonicOneIsFollowedWithinThreeAnswers() {
    for (int i = 0; i < 5; i++) {
      answer(0);
      pass(200);
    }
    // A VM restored from a snapshot: the monotonic clock stood still for an hour of real time.
    for (int i = 0; i < 3; i++) {
      answer(3600 * 1000L);
      pass(200);
    }
    long offset = clock.offsetMillis().orElseThrow();
    assertTrue(Math.abs(offset - (3600 * 1000L - AHEAD)) <= 1000, "followed: " + offset);
  }
}
