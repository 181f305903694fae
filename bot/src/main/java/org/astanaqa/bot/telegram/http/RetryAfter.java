package org.astanaqa.bot.telegram.http;

import java.util.Date;
import okhttp3.Response;

/**
 * The HTTP {@code Retry-After} header, for what both receiving and sending read of it: a proxy in
 * front of the Bot API (nginx, a CDN) that limits the rate answers 429 with a page, not the Bot
 * API's JSON, so the wait is in this header and not in {@code parameters.retry_after}.
 */
public final class RetryAfter {
  /**
   * The longest wait a header is taken at: an hour. The poller waits Telegram's own retry_after in
   * full, however long; a proxy's header that asks for days (a misconfiguration, or a date on a
   * wrong clock) would otherwise silence the bot for that long.
   */
  public static final int MAX_SECONDS = 3600;

  private RetryAfter() {}

  /**
   * The seconds the header asks to wait, in [1, {@link #MAX_SECONDS}]: delta-seconds, or an
   * HTTP-date (RFC 9110, 10.2.3) measured from the response's own {@code Date} header, so that a
   * proxy's clock is compared with itself, or from {@code nowMillis} when it has none; null when
   * there is no header or it cannot be read.
   */
  public static Integer seconds(Response response, long nowMillis) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    if (value.matches("[0-9]+")) {
      // more digits than an int holds is more than the cap anyway
      return value.length() > 9 ? MAX_SECONDS : bounded(Long.parseLong(value));
    }
    Date date = response.headers().getDate("Retry-After");
    if (date == null) {
      return null;
    }
    Date sent = response.headers().getDate("Date");
    long now = sent != null ? sent.getTime() : nowMillis;
    return bounded((date.getTime() - now + 999) / 1000);
  }

  private static int bounded(long seconds) {
    return (int) Math.max(1, Math.min(MAX_SECONDS, seconds));
  }
}
