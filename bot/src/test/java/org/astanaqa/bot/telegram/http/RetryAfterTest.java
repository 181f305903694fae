package org.astanaqa.bot.telegram.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The Retry-After header of a proxy's 429 page, read as RFC 9110 writes it, within bounds. */
class RetryAfterTest {
  private static final long NOW = Instant.parse("2026-12-02T12:00:00Z").toEpochMilli();

  private static Response page(String... headers) {
    Response.Builder b =
        new Response.Builder()
            .request(new Request.Builder().url("https://api.telegram.org/").build())
            .protocol(Protocol.HTTP_1_1)
            .code(429)
            .message("Too Many Requests");
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  private static String httpDate(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
  }

  @Test
  void secondsAreReadAndKeptWithinASecondAndAnHour() {
    assertEquals(7, RetryAfter.seconds(page("Retry-After", "7"), NOW));
    assertEquals(1, RetryAfter.seconds(page("Retry-After", "0"), NOW), "never a busy loop");
    assertEquals(3600, RetryAfter.seconds(page("Retry-After", "999999999"), NOW));
    assertEquals(3600, RetryAfter.seconds(page("Retry-After", "99999999999999999999"), NOW));
    assertNull(RetryAfter.seconds(page(), NOW), "no header");
    assertNull(RetryAfter.seconds(page("Retry-After", "soon"), NOW), "unreadable");
    assertNull(RetryAfter.seconds(page("Retry-After", "-5"), NOW), "no negative wait");
  }

  @Test
  void aDateIsMeasuredFromTheProxysOwnClock() {
    Instant proxyNow = Instant.ofEpochMilli(NOW).plusSeconds(7200); // the proxy's clock is 2 h on
    String in90s = httpDate(proxyNow.plusSeconds(90));
    assertEquals(
        90, RetryAfter.seconds(page("Retry-After", in90s, "Date", httpDate(proxyNow)), NOW));
    // without its Date header, against this host's clock (capped)
    assertEquals(3600, RetryAfter.seconds(page("Retry-After", in90s), NOW));
    assertEquals(
        1,
        RetryAfter.seconds(page("Retry-After", httpDate(Instant.ofEpochMilli(NOW))), NOW + 60_000),
        "a date already past");
  }
}
