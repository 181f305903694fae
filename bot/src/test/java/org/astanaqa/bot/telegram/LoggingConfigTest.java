package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.astanaqa.bot.logging.LogConfig;
import org.astanaqa.bot.logging.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's logging configuration ({@link LogConfig}) starts cleanly (a warning would make logback
 * print its status on every run), keeps stack traces in the log file, and masks the token there.
 */
class LoggingConfigTest {
  private static void assertStderrLetsInfoThroughOnlyOnceTheBotRuns() throws Exception {
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    LogConfig.apply(ctx);
    var stderr =
        ctx.getLogger(ch.qos.logback.classic.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    var info =
        new ch.qos.logback.classic.spi.LoggingEvent(
            "x",
            ctx.getLogger("org.astanaqa.x"),
            ch.qos.logback.classic.Level.INFO,
            "answered chat",
            null,
            null);
    assertEquals(ch.qos.logback.core.spi.FilterReply.DENY, stderr.getFilterChainDecision(info));
    LogConfig.showInfoOnStderr(ctx);
    assertEquals(ch.qos.logback.core.spi.FilterReply.NEUTRAL, stderr.getFilterChainDecision(info));
    ctx.stop();
  }

  @Test
  void theJarsLoggingStartsCleanlyAndMasksTheTokenInTheLogFile(@TempDir Path dir) throws Exception {
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    LogConfig.apply(ctx);
    LogConfig.logTo(ctx, dir);
    Secrets.register("555:SECRET");
    ctx.getLogger("org.astanaqa.x")
        .error(
            "calling https://host/bot555:SECRET/getMe", new IOException("bot555:SECRET refused"));
    ctx.getLogger("org.astanaqa.x").debug("not logged at DEBUG");
    List<Status> problems =
        ctx.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getLevel() >= Status.WARN)
            .toList();
    assertEquals(List.of(), problems);
    ctx.stop();
    String log = Files.readString(dir.resolve(LogConfig.FILE_NAME));
    assertTrue(log.contains("https://host/bot***/getMe"), log);
    assertTrue(
        log.contains("java.io.IOException: bot*** refused"),
        "the stack trace is kept, masked: " + log);
    assertFalse(log.contains("555:SECRET"), log);
    assertFalse(log.contains("not logged"), log);
    assertStderrLetsInfoThroughOnlyOnceTheBotRuns();
  }
}
