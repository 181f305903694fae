package org.astanaqa.bot.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import org.astanaqa.bot.telegram.TelegramStartException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsTest {
  private static final String TOKEN = "987654:SECRET-token_value";

  @Test
  void theTokenIsMaskedInLogMessagesAndStackTraces() {
    Secrets.register(TOKEN);
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    LoggingEvent event =
        new LoggingEvent(
            "x",
            ctx.getLogger("x"),
            Level.ERROR,
            "GET https://api.telegram.org/bot{}/getUpdates failed",
            new IOException(
                "unexpected end of stream on https://api.telegram.org/bot"
                    + TOKEN
                    + "/sendMessage"),
            new Object[] {TOKEN});
    String line = LogLayout.forFile().doLayout(event);
    assertFalse(line.contains(TOKEN), line);
    assertTrue(line.contains("bot***/getUpdates") && line.contains("bot***/sendMessage"), line);
    String shortLine = LogLayout.forStderr().doLayout(event);
    assertFalse(shortLine.contains(TOKEN), shortLine);
    assertTrue(shortLine.contains("bot***/getUpdates"), shortLine);
  }

  @Test
  void startErrorsNeverShowTheToken() {
    Secrets.register(TOKEN);
    TelegramStartException e =
        new TelegramStartException("cannot reach https://x/bot" + TOKEN + "/getMe", null);
    assertEquals("cannot reach https://x/bot***/getMe", e.getMessage());
  }
}
