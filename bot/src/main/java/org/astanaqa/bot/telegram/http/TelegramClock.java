package org.astanaqa.bot.telegram.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.Date;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram's clock, as the HTTP {@code Date} header of its answers tells it (RFC 9110, 6.6.1: the
 * second the answer was made). Telegram dates each message on its own clock; compared with the
 * host's, a host whose clock is wrong (a VM restored from a snapshot, no NTP, a container's) told
 * users a fresh question had waited hours, or never told one who had waited.
 *
 * <p>A network interceptor on the bot's HTTP clients: every answer with a readable {@code Date} is
 * a sample of Telegram's clock at the moment its headers arrived, kept against the monotonic clock
 * (so that a step of the host's clock, NTP putting it right, does not spoil the samples). The
 * estimate is the median of the last {@link #SAMPLES}, once there are {@link #MIN_SAMPLES}: one
 * answer from a proxy with a clock of its own, or a header that cannot be read (ignored), changes
 * nothing, and a jump of the host's clock is followed within a few answers. With no estimate yet,
 * {@link #nowSeconds} is the host's clock. A header has one-second resolution, the answer's latency
 * adds its own: the estimate is good to a second or two, far finer than anything timed by it.
 */
public final class TelegramClock implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(TelegramClock.class);

  /** How many recent answers the estimate is the median of. */
  static final int SAMPLES = 5;

  /** How many answers with a readable date it takes to have an estimate at all. */
  static final int MIN_SAMPLES = 3;

  /** A host's clock further than this from Telegram's is logged, once. */
  public static final long WARN_OFFSET_MILLIS = 60_000;

  private final LongSupplier nanoTime;
  private final LongSupplier hostMillis;

  /** Telegram's time in ms minus the monotonic clock's, of the last answers; a ring. */
  private final long[] samples = new long[SAMPLES];

  private int count;
  private int next;
  private boolean warned;

  public TelegramClock() {
    this(System::nanoTime, System::currentTimeMillis);
  }

  /** A clock with a test's monotonic nanoseconds and host wall-clock milliseconds. */
  public TelegramClock(LongSupplier nanoTime, LongSupplier hostMillis) {
    this.nanoTime = nanoTime;
    this.hostMillis = hostMillis;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    note(response.headers().getDate("Date"));
    return response;
  }

  /** Takes {@code date}, an answer's {@code Date} header just received, or null (none, unread). */
  public void note(Date date) {
    if (date == null || date.getTime() <= 0) {
      return;
    }
    // The header is the second the answer was made, truncated: its middle is the best guess.
    long sample = date.getTime() + 500 - nanoTime.getAsLong() / 1_000_000;
    long offset;
    synchronized (this) {
      samples[next] = sample;
      next = (next + 1) % SAMPLES;
      count = Math.min(SAMPLES, count + 1);
      if (warned || count < MIN_SAMPLES) {
        return;
      }
      offset = -offset(median());
      if (Math.abs(offset) <= WARN_OFFSET_MILLIS) {
        return;
      }
      warned = true;
    }
    log.warn(
        "this machine's clock is {} s {} Telegram's (the Date of Telegram's answers): how long a"
            + " question waited is timed on Telegram's clock; set the machine's clock right (NTP)",
        Math.abs(offset) / 1000,
        offset > 0 ? "ahead of" : "behind");
  }

  /** Telegram's clock minus the host's, in ms; empty until {@link #MIN_SAMPLES} answers. */
  public OptionalLong offsetMillis() {
    synchronized (this) {
      return count < MIN_SAMPLES ? OptionalLong.empty() : OptionalLong.of(offset(median()));
    }
  }

  /** Now in Unix seconds on Telegram's clock; the host's while there is no estimate. */
  public long nowSeconds() {
    return Math.floorDiv(hostMillis.getAsLong() + offsetMillis().orElse(0), 1000);
  }

  private long offset(long median) {
    return median + nanoTime.getAsLong() / 1_000_000 - hostMillis.getAsLong();
  }

  private long median() {
    long[] s = Arrays.copyOf(samples, count);
    Arrays.sort(s);
    return s[count / 2];
  }
}
