package org.astanaqa.bot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.astanaqa.bot.telegram.MaskingMessageConverter;
import org.astanaqa.bot.telegram.MaskingThrowableConverter;

/**
 * The logging configuration, in code: reading an XML file costs the command line half a second at
 * every start. Users read stderr: one line per event, WARN and above (INFO once the bot runs, see
 * {@link #showInfoOnStderr()}), no stack traces. The detail, stack traces included, goes to {@code data/astana-qa.log}. The bot
 * token is masked everywhere. A {@code logback-test.xml} on the class path (tests) takes over.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfig extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    if (LogConfig.class.getResource("/logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(ctx);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Configures {@code ctx} as the jar runs: stderr for people, the log file for the detail. */
  public static void apply(LoggerContext ctx) {
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(ctx);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder(ctx, "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n%nopex"));
    ThresholdFilter threshold = new ThresholdFilter();
    threshold.setLevel("WARN");
    threshold.start();
    stderr.addFilter(threshold);
    stderr.start();

    FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(ctx);
    file.setName("FILE");
    file.setFile(System.getProperty("astanaqa.log.file", "data/astana-qa.log"));
    file.setEncoder(encoder(ctx, "%d{ISO8601} %-5level [%thread] %logger: %msg%n%ex"));
    file.start();

    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    root.addAppender(file);
    ctx.getLogger("org.astanaqa").setLevel(Level.INFO);
    // The embedding model's tokenizer library warns on every start of a machine with a CUDA
    // toolkit but no usable GPU; it runs on the CPU either way, so that is no news for users.
    ctx.getLogger("ai.djl").setLevel(Level.ERROR);
  }

  /**
   * Lets INFO through to stderr: the bot's one line per answered question belongs there when it
   * runs as a service. Called by the Telegram command once the bot has started.
   */
  public static void showInfoOnStderr() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      showInfoOnStderr(ctx);
    }
  }

  /** As {@link #showInfoOnStderr()}, for a given logging context. */
  public static void showInfoOnStderr(LoggerContext ctx) {
    var stderr = ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    if (stderr != null) {
      for (var f : stderr.getCopyOfAttachedFiltersList()) {
        if (f instanceof ThresholdFilter t) {
          t.setLevel("INFO");
        }
      }
    }
  }

  private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext ctx, String pattern) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(ctx);
    layout.getInstanceConverterMap().put("msg", MaskingMessageConverter::new);
    layout.getInstanceConverterMap().put("ex", MaskingThrowableConverter::new);
    layout.setPattern(pattern);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> e = new LayoutWrappingEncoder<>();
    e.setContext(ctx);
    e.setLayout(layout);
    e.start();
    return e;
  }
}
