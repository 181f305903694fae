package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
