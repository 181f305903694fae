package org.astanaqa.bot.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The two log line formats, written out with the bot token masked everywhere: logback's {@code
 * PatternLayout} would spend about a tenth of a second of every start setting up its converters.
 *
 * <ul>
 *   <li>stderr, for users: {@code %d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n}, no stack trace;
 *   <li>the log file: {@code %d{ISO8601} %-5level [%thread] %logger: %msg%n%ex}, stack traces as
 *       logback prints them.
 * </ul>
 */
public final class LogLayout extends LayoutBase<ILoggingEvent> {
  private final boolean detail;
  private final DateTimeFormatter time;

  private LogLayout(boolean detail, String timePattern) {
    this.detail = detail;
    this.time = DateTimeFormatter.ofPattern(timePattern).withZone(ZoneId.systemDefault());
  }

  /** One short line per event: time, level, the logger's class, the message. */
  public static LogLayout forStderr() {
    return new LogLayout(false, "HH:mm:ss.SSS");
  }

  /** Date and time, level, thread, the logger's full name, the message, and any stack trace. */
  public static LogLayout forFile() {
    return new LogLayout(true, "yyyy-MM-dd HH:mm:ss,SSS");
  }

  /**
   * Appends {@code message} with its control characters shown as their Unicode pictures ("\u241b"
   * for ESC, "\u240a" for a line break): a file named with an escape sequence or a line break
   * ("skipped e\u001b[2J.txt") cleared the user's terminal, or forged a second log line.
   */
  static void oneLine(String message, StringBuilder line) {
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c < 0x20 && c != '\t') {
        line.append((char) (0x2400 + c));
      } else if (c == 0x7f) {
        line.append('\u2421');
      } else if (c >= 0x80 && c <= 0x9f) {
        line.append('\ufffd');
      } else {
        line.append(c);
      }
    }
  }

  /**
   * Appends a stack trace, whose lines stay lines, with its other control characters shown as
   * {@link #oneLine} shows them: an escape sequence in an exception's message (a file's name)
   * reached the terminal of whoever followed the log file.
   */
  static void withoutEscapes(String trace, StringBuilder line) {
    int from = 0;
    for (int i = 0; i < trace.length(); i++) {
      char c = trace.charAt(i);
      if (c == '\n' || c == '\r') {
        oneLine(trace.substring(from, i), line);
        line.append(c);
        from = i + 1;
      }
    }
    oneLine(trace.substring(from), line);
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    time.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
    String level = event.getLevel().toString();
    line.append(' ').append(level);
    for (int i = level.length(); i < 5; i++) {
      line.append(' ');
    }
    line.append(' ');
    String logger = event.getLoggerName();
    if (detail) {
      line.append('[').append(event.getThreadName()).append("] ").append(logger);
    } else {
      line.append(logger, logger.lastIndexOf('.') + 1, logger.length());
    }
    line.append(": ");
    oneLine(Secrets.mask(event.getFormattedMessage()), line);
    line.append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (detail && thrown != null) {
      // ends with its line break; an exception's message may hold a file's name, escapes and all
      withoutEscapes(Secrets.mask(ThrowableProxyUtil.asString(thrown)), line);
    }
    return line.toString();
  }
}
