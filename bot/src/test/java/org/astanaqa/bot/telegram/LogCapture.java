package org.astanaqa.bot.telegram;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/** Collects the log events of the bot running in this JVM, for tests that assert on log lines. */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
          events.add(e);
        }
      };

  public LogCapture() {
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  /** The events at {@code level} or above, as "LEVEL logger: message" lines. */
  public List<String> atLeast(Level level) {
    return events.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(level))
        .map(
            e ->
                e.getLevel()
                    + " "
                    + e.getLoggerName().replaceAll(".*\\.", "")
                    + ": "
                    + e.getFormattedMessage())
        .toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
