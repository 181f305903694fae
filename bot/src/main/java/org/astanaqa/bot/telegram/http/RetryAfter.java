package org.astanaqa.bot.telegram.http;

import java.util.Date;
import okhttp3.Response;

/**
 * The HTTP {@code Retry-After} header, for what both receiving and sending read of it: a proxy in
 * front of the Bot API (nginx, a CDN) that limits the rate answers 429 with a page, not the Bot
 * API's JSON, so the wait is in this header and not in {@code parameters.retry_after}.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The seconds the header asks to wait (delta-seconds, or an HTTP-date measured from {@code
   * nowMillis}; RFC 9110, 10.2.3), at least 1; null when there is none or it cannot be read.
   */
  public static Integer seconds(Response response, long nowMillis) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    if (value.matches("\\d{1,9}")) {
      return Math.max(1, Integer.parseInt(value));
    }
    Date date = response.headers().getDate("Retry-After");
    if (date == null) {
      return null;
    }
    long millis = date.getTime() - nowMillis;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
  }
}
