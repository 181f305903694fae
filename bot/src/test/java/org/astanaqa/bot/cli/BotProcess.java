package org.astanaqa.bot.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a thread, as {@code java -jar astana-qa.jar ...} would, and stops it the
 * way SIGTERM does. For end-to-end tests of the long-running Telegram bot.
 */
public final class BotProcess implements AutoCloseable {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Thread thread;
  private volatile Integer exit;

  public BotProcess(Map<String, String> env, String... args) {
    thread =
        new Thread(
            () ->
                exit =
                    AstanaQa.commandLine(
                            env,
                            new ByteArrayInputStream(new byte[0]),
                            new PrintWriter(out, true),
                            new PrintWriter(err, true),
                            stop)
                        .execute(args),
            "bot-under-test");
    thread.setDaemon(true);
    thread.start();
  }

  /** Sends the stop signal and waits for the command to return; returns how long stopping took. */
  public long stop() throws InterruptedException {
    long t0 = System.nanoTime();
    stop.countDown();
    thread.join(TimeUnit.SECONDS.toMillis(15));
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  /** Waits for the command to end by itself (a start-up failure) and returns its exit code. */
  public Integer awaitExit(long millis) throws InterruptedException {
    thread.join(millis);
    return exit;
  }

  public boolean isAlive() {
    return thread.isAlive();
  }

  public String err() {
    return err.toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (thread.isAlive()) {
      stop();
    }
  }
}
