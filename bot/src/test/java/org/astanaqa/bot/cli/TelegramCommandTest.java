package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Telegram command's checks at start, before it reads the corpus or calls Telegram. */
class TelegramCommandTest {
  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private Run telegram(Map<String, String> env, String... config) throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("c.yaml"),
            "dataDir: " + tmp.resolve("data") + "\n" + String.join("\n", config) + "\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        AstanaQa.commandLine(
                env,
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out),
                new PrintWriter(err),
                new CountDownLatch(1))
            .execute("--config", file.toString(), "--mode", "bm25", "telegram");
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aMalformedApiUrlIsAConfigurationErrorInOneLine() throws Exception {
    for (String url : new String[] {"htp:/x", "not a url", "http://"}) {
      Run r = telegram(Map.of("TELEGRAM_BOT_TOKEN", "123:abc", "TELEGRAM_API_URL", url));
      assertEquals(2, r.exit(), url + ": " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(
          r.err()
              .startsWith("astana-qa: TELEGRAM_API_URL '" + url + "' is not a Bot API base URL: "),
          r.err());
      assertTrue(
          r.err().contains("give the server's base URL, for example https://api.telegram.org"),
          r.err());
      assertFalse(r.err().contains("123:abc") || r.err().contains("Exception"), r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void aMalformedApiUrlInTheConfigurationIsNamedByItsKey() throws Exception {
    Run r = telegram(Map.of("TELEGRAM_BOT_TOKEN", "123:abc"), "telegram:", "  apiUrl: \"http://\"");
    assertEquals(2, r.exit(), r.err());
    assertTrue(
        r.err().startsWith("astana-qa: telegram.apiUrl 'http://' is not a Bot API base URL"),
        r.err());
  }

  /**
   * A local server standing for the Bot API that counts the calls it gets and refuses every one as
   * Telegram refuses a wrong token, so that a run that does call it ends rather than retries.
   */
  private static com.sun.net.httpserver.HttpServer refusingApi(
      java.util.concurrent.atomic.AtomicInteger calls) throws java.io.IOException {
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          calls.incrementAndGet();
          byte[] body =
              "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "application/json");
          x.sendResponseHeaders(401, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    server.start();
    return server;
  }

  @Test
  void aTokenWithCharactersNoTokenHasIsRefusedAtStartWithoutShowingIt() throws Exception {
    // From a probe: a token with a space in it (a line pasted with its label, or two values run
    // together) was sent as it was; against Telegram it retried for ten minutes, saying only
    // that getMe failed. A token is the bot's number, a colon and letters, digits, _ or -.
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer api = refusingApi(calls);
    String url = "http://127.0.0.1:" + api.getAddress().getPort();
    String[][] cases = {
      {"123456789:AAF bb-cc", "a space at character 14"},
      {"123456789:AAF\tbb", "a tab at character 14"},
      {"\"123456789:AAFbb\"", "a quotation mark at character 1"},
      {"123456789:AAFb\u00e9b", "a character other than a letter, digit, _ or - at character 15"},
      {"bot123456789:AAFbb", "\"bot\""},
    };
    // a token of another shape is for the Bot API to judge (a fake or test server may take it)
    assertNull(TelegramCommand.notAToken("AAFbbccdd"));
    assertNull(TelegramCommand.notAToken("123:abc"));
    try {
      for (String[] c : cases) {
        for (boolean command : new boolean[] {true, false}) {
          Path file =
              Files.writeString(tmp.resolve("c.yaml"), "dataDir: " + tmp.resolve("data") + "\n");
          StringWriter out = new StringWriter();
          StringWriter err = new StringWriter();
          String[] args =
              command
                  ? new String[] {"--config", file.toString(), "--mode", "bm25", "telegram"}
                  : new String[] {"--config", file.toString(), "--mode", "bm25"};
          int exit =
              org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                  java.time.Duration.ofSeconds(60),
                  () ->
                      AstanaQa.commandLine(
                              Map.of("TELEGRAM_BOT_TOKEN", c[0], "TELEGRAM_API_URL", url),
                              new ByteArrayInputStream(new byte[0]),
                              new PrintWriter(out),
                              new PrintWriter(err),
                              new CountDownLatch(1))
                          .execute(args));
          String e = err.toString();
          assertEquals(2, exit, c[0] + ": " + e);
          assertEquals(1, e.lines().count(), e);
          assertTrue(
              e.startsWith("astana-qa: TELEGRAM_BOT_TOKEN does not hold a Telegram bot token: "),
              e);
          assertTrue(e.contains(c[1]), c[1] + " in " + e);
          assertTrue(e.contains("@BotFather"), e);
          // never the token, nor a part of it long enough to matter
          for (String part : c[0].split("[^A-Za-z0-9]+")) {
            assertFalse(part.length() >= 5 && e.contains(part), part + " in " + e);
          }
          assertEquals("", out.toString());
          assertFalse(Files.exists(tmp.resolve("data").resolve("astana-qa.lock")), "started");
        }
      }
      assertEquals(0, calls.get(), "the Bot API was called with a token that cannot be one");
    } finally {
      api.stop(0);
    }
  }
}
