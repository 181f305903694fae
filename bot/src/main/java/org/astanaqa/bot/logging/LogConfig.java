package org.astanaqa.bot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The logging configuration, in code: reading an XML file costs the command line half a second at
 * every start. Users read stderr: one line per event, WARN and above (INFO once the bot runs, see
 * {@link #showInfoOnStderr()}), no stack traces. The detail, stack traces included, goes to {@code
 * <dataDir>/astana-qa.log} once the configuration names the data folder ({@link #logTo(Path)}),
 * rolled by size ({@link #MAX_FILE_SIZE}, {@link #ROLLED_FILES}). Standard output is the commands'
 * own: nothing here ever writes to it, logback's status messages included. The bot token is masked
 * everywhere. A {@code logback-test.xml} on the class path (tests) takes over.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfig extends ContextAwareBase implements Configurator {
  /** The log file's name in the data folder. */
  public static final String FILE_NAME = "astana-qa.log";

  /**
   * The size at which the log file is rolled: {@code astana-qa.log} becomes {@code
   * astana-qa.1.log}, which becomes {@code astana-qa.2.log}, and so on. A Telegram bot that ran for
   * months grew one file without bound, on the disk that holds its index and journal. Logback looks
   * at the size at most once a minute, so a file may pass it by what one minute logs.
   */
  public static final FileSize MAX_FILE_SIZE = FileSize.valueOf("10MB");

  /** How many rolled files are kept ({@code astana-qa.1.log}, the newest, to {@code .3.log}). */
  public static final int ROLLED_FILES = 3;

  private static final String FILE_APPENDER = "FILE";

  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    if (LogConfig.class.getResource("/logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(ctx, System.err);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Configures {@code ctx} as the jar runs, with the log file not yet open: see {@link #logTo}. */
  public static void apply(LoggerContext ctx) {
    apply(ctx, System.err);
  }

  /**
   * As {@link #apply(LoggerContext)}, with logging's own troubles told on {@code problems}.
   *
   * <p>A context with a status listener is never made to print its status on standard output by
   * logback (it does so at start whenever a status is a warning or an error, and nothing else would
   * stop it), so the listener is registered before anything can go wrong.
   */
  static void apply(LoggerContext ctx, PrintStream problems) {
    ctx.getStatusManager().add(new OneLineOnError(problems));

    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(ctx);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder(ctx, LogLayout.forStderr()));
    ThresholdFilter threshold = new ThresholdFilter();
    threshold.setLevel("WARN");
    threshold.start();
    stderr.addFilter(threshold);
    stderr.start();

    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    ctx.getLogger("org.astanaqa").setLevel(Level.INFO);
    // The embedding model's tokenizer library warns on every start of a machine with a CUDA
    // toolkit but no usable GPU; it runs on the CPU either way, so that is no news for users.
    ctx.getLogger("ai.djl").setLevel(Level.ERROR);
    // PDFBox warns for each PDF that names a standard font it substitutes ("Using fallback font"),
    // and for harmless damage it reads past; the text is extracted either way, and an unreadable
    // PDF is reported by name in the index summary.
    ctx.getLogger("org.apache.pdfbox").setLevel(Level.ERROR);
    ctx.getLogger("org.apache.fontbox").setLevel(Level.ERROR);
  }

  /**
   * Sends the detail to {@code <dataDir>/astana-qa.log}, the folder created when missing. A file
   * that cannot be opened costs one line on stderr, at the first event that would have gone there,
   * and the run goes on logging to stderr only. Called once the configuration is read; calling it
   * again with the same folder does nothing.
   */
  public static void logTo(Path dataDir) {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx
        && ctx.getStatusManager().getCopyOfStatusListenerList().stream()
            .anyMatch(l -> l instanceof OneLineOnError)) {
      logTo(ctx, dataDir);
    }
  }

  /** As {@link #logTo(Path)}, for a context configured by {@link #apply}. */
  public static void logTo(LoggerContext ctx, Path dataDir) {
    logTo(ctx, dataDir, MAX_FILE_SIZE, null);
  }

  /**
   * As {@link #logTo(LoggerContext, Path)}, the file rolled at {@code maxSize}, its size looked at
   * no more often than every {@code checkEvery} (logback's once a minute when null).
   */
  static void logTo(LoggerContext ctx, Path dataDir, FileSize maxSize, Duration checkEvery) {
    Path file = dataDir.resolve(FILE_NAME);
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> old = root.getAppender(FILE_APPENDER);
    if (old instanceof FileAppender<ILoggingEvent> f && Path.of(f.getFile()).equals(file)) {
      return;
    }
    try {
      Files.createDirectories(dataDir);
      try (OutputStream probe =
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        // opened and closed: logback's own failure would only be a status message
      }
    } catch (IOException | RuntimeException e) {
      attach(
          root,
          old,
          new NoFile(
              OneLineOnError.of(ctx),
              "cannot write the log file "
                  + file
                  + " ("
                  + reason(e)
                  + "); going on without it. Set dataDir to a writable folder to keep a log"));
      return;
    }
    FileAppender<ILoggingEvent> appender;
    if (file.toString().indexOf('%') < 0) {
      appender = rolling(ctx, file, maxSize, checkEvery);
    } else {
      // a "%" in the folder's name would be read as part of the rolled files' pattern
      appender = new FileAppender<>();
      appender.setContext(ctx);
      appender.setFile(file.toString());
    }
    appender.setEncoder(encoder(ctx, LogLayout.forFile()));
    attach(root, old, appender);
  }

  /**
   * An appender to {@code file} that rolls it at {@code maxSize} into {@code astana-qa.1.log} (the
   * newest) to {@code astana-qa.<ROLLED_FILES>.log} beside it, the oldest dropped.
   */
  private static RollingFileAppender<ILoggingEvent> rolling(
      LoggerContext ctx, Path file, FileSize maxSize, Duration checkEvery) {
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(ctx);
    appender.setFile(file.toString());
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    FixedWindowRollingPolicy rolled = new FixedWindowRollingPolicy();
    rolled.setContext(ctx);
    rolled.setParent(appender);
    rolled.setFileNamePattern(
        file.resolveSibling(name.substring(0, dot) + ".%i" + name.substring(dot)).toString());
    rolled.setMinIndex(1);
    rolled.setMaxIndex(ROLLED_FILES);
    rolled.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(ctx);
    trigger.setMaxFileSize(maxSize);
    if (checkEvery != null) {
      trigger.setCheckIncrement(checkEvery);
    }
    trigger.start();
    appender.setRollingPolicy(rolled);
    appender.setTriggeringPolicy(trigger);
    return appender;
  }

  private static void attach(
      Logger root, Appender<ILoggingEvent> old, Appender<ILoggingEvent> appender) {
    appender.setContext(root.getLoggerContext());
    appender.setName(FILE_APPENDER);
    appender.start();
    if (old != null) {
      root.detachAppender(old);
      old.stop();
    }
    root.addAppender(appender);
  }

  private static String reason(Exception e) {
    String what = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? what : what + ": " + e.getMessage();
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

  /**
   * Keeps the log lines that name a corpus file (skipped, or read with a warning) off stderr; the
   * log file still has them. For the {@code index} command, whose summary lists those files: each
   * was said twice, once by the log while it built and again in the summary.
   */
  public static void fileWarningsInTheSummary() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      var stderr = ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
      if (stderr == null
          || stderr.getCopyOfAttachedFiltersList().stream()
              .anyMatch(f -> f instanceof NotAboutCorpusFiles)) {
        return;
      }
      NotAboutCorpusFiles filter = new NotAboutCorpusFiles();
      filter.setContext(ctx);
      filter.start();
      stderr.addFilter(filter);
    }
  }

  /** Denies the events marked as naming a corpus file the index report lists. */
  private static final class NotAboutCorpusFiles
      extends ch.qos.logback.core.filter.Filter<ILoggingEvent> {
    @Override
    public ch.qos.logback.core.spi.FilterReply decide(ILoggingEvent event) {
      var markers = event.getMarkerList();
      if (markers != null) {
        for (org.slf4j.Marker m : markers) {
          if (m.contains(org.astanaqa.retrieval.IndexReport.FILE_LOG_MARKER)) {
            return ch.qos.logback.core.spi.FilterReply.DENY;
          }
        }
      }
      return ch.qos.logback.core.spi.FilterReply.NEUTRAL;
    }
  }

  private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext ctx, LogLayout layout) {
    layout.setContext(ctx);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> e = new LayoutWrappingEncoder<>();
    e.setContext(ctx);
    e.setLayout(layout);
    e.start();
    return e;
  }

  /**
   * Stands in for a log file that could not be opened: the first event that would have gone there
   * says so in one line on stderr. A run that logs nothing (a configuration error, say, whose own
   * line says it all) is not told about a file it did not need.
   */
  static final class NoFile extends ch.qos.logback.core.AppenderBase<ILoggingEvent> {
    private final OneLineOnError problems;
    private final String line;

    NoFile(OneLineOnError problems, String line) {
      this.problems = problems;
      this.line = line;
    }

    @Override
    protected void append(ILoggingEvent event) {
      problems.tell(line);
    }
  }

  /**
   * Logback's status messages: the first error (a log file that fails while writing, say) is one
   * line on stderr, the rest go nowhere. Never standard output.
   */
  static final class OneLineOnError implements StatusListener {
    private final PrintStream problems;
    private final AtomicBoolean told = new AtomicBoolean();

    OneLineOnError(PrintStream problems) {
      this.problems = problems;
    }

    static OneLineOnError of(LoggerContext ctx) {
      return ctx.getStatusManager().getCopyOfStatusListenerList().stream()
          .filter(l -> l instanceof OneLineOnError)
          .map(l -> (OneLineOnError) l)
          .findFirst()
          .orElseGet(() -> new OneLineOnError(System.err));
    }

    @Override
    public void addStatusEvent(Status status) {
      if (status.getLevel() >= Status.ERROR) {
        Throwable t = status.getThrowable();
        tell(
            "logging failed: "
                + status.getMessage()
                + (t == null ? "" : " (" + t + ")")
                + "; the log file may miss the rest of this run. "
                + (org.astanaqa.retrieval.util.IoErrors.diskFull(t)
                    ? "Free space on the disk of dataDir"
                    : "Check that dataDir is writable"));
      }
    }

    void tell(String line) {
      if (told.compareAndSet(false, true)) {
        problems.println("astana-qa: " + line.replaceAll("\\s+", " "));
        problems.flush();
      }
    }
  }
}
