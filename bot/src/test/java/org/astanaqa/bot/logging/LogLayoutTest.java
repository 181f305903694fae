package org.astanaqa.bot.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The written-out layouts print exactly what logback's patterns they replace printed. */
class LogLayoutTest {
  private final LoggerContext ctx = new LoggerContext();

  private PatternLayout pattern(String p) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(ctx);
    layout.setPattern(p);
    layout.start();
    return layout;
  }

  private List<LoggingEvent> events() {
    Exception cause = new IOException("disk full");
    Exception suppressed = new IllegalStateException("while closing");
    Exception thrown = new UncheckedIOException("cannot write the index", (IOException) cause);
    thrown.addSuppressed(suppressed);
    return List.of(
        new LoggingEvent(
            "x",
            ctx.getLogger("org.astanaqa.retrieval.index.IndexStore"),
            Level.WARN,
            "skipped {}: {}",
            null,
            new Object[] {"a.txt", "binary"}),
        new LoggingEvent("x", ctx.getLogger("Root"), Level.INFO, "no package", null, null),
        new LoggingEvent(
            "x",
            ctx.getLogger("org.astanaqa.bot.cli.AstanaQa"),
            Level.ERROR,
            "unexpected error in '{}'",
            thrown,
            new Object[] {"ask"}),
        new LoggingEvent("x", ctx.getLogger("ai.djl.util.Utils"), Level.DEBUG, "", null, null));
  }

  @Test
  void stderrLinesAreThePatternsLines() {
    PatternLayout expected = pattern("%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n%nopex");
    LogLayout actual = LogLayout.forStderr();
    for (LoggingEvent e : events()) {
      assertEquals(expected.doLayout(e), actual.doLayout(e));
    }
  }

  @Test
  void aFileNameWithAnEscapeOrALineBreakIsOneLineWithoutTheEscape() {
    LoggingEvent e =
        new LoggingEvent(
            "x",
            ctx.getLogger("org.astanaqa.retrieval.index.IndexStore"),
            Level.WARN,
            "skipped {}: {}",
            null,
            new Object[] {"e\u001b[2J\nvil.png", "unsupported type .png"});
    for (LogLayout layout : List.of(LogLayout.forStderr(), LogLayout.forFile())) {
      String line = layout.doLayout(e);
      assertTrue(
          line.endsWith(
              "IndexStore: skipped e\u241b[2J\u240avil.png: unsupported type .png"
                  + System.lineSeparator()),
          line);
      assertEquals(1, line.split("\n", -1).length - 1, line);
    }
  }

  @Test
  void anEscapeInAnExceptionsMessageNeverReachesTheLogFileRaw() {
    LoggingEvent e =
        new LoggingEvent(
            "x",
            ctx.getLogger("org.astanaqa.retrieval.index.IndexStore"),
            Level.ERROR,
            "cannot read a file",
            new IOException("e\u001b[2J.txt: denied"),
            null);
    String written = LogLayout.forFile().doLayout(e);
    assertTrue(written.contains("java.io.IOException: e\u241b[2J.txt: denied"), written);
    assertTrue(written.chars().noneMatch(c -> c == 0x1b), written);
    assertTrue(written.contains("\tat "), "the trace's lines stay lines: " + written);
  }

  @Test
  void fileLinesAreThePatternsLinesStackTracesIncluded() {
    PatternLayout expected = pattern("%d{ISO8601} %-5level [%thread] %logger: %msg%n%ex");
    LogLayout actual = LogLayout.forFile();
    for (LoggingEvent e : events()) {
      assertEquals(expected.doLayout(e), actual.doLayout(e));
    }
    String withTrace = actual.doLayout(events().get(2));
    assertTrue(
        withTrace.contains("Caused by: java.io.IOException: disk full")
            && withTrace.contains("Suppressed: java.lang.IllegalStateException: while closing"),
        withTrace);
  }
}
