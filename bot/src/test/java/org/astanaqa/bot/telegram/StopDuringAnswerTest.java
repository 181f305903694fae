package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.config.ConfigLoader;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop (SIGTERM) that comes while a question is being answered, {@link TelegramRunner#close()}
 * run in this JVM against the {@link FakeBotApi}: the answering that the stop interrupts takes a
 * moment to unwind (an engine closing a file, Lucene turning the interrupt into its own unchecked
 * {@code ThreadInterruptedException}); the journal must be closed only after that, and the update
 * left for the restart, neither lost nor counted as a crash.
 */
class StopDuringAnswerTest {
  private static final long WAIT = 30_000;

  @TempDir Path data;
  private FakeBotApi api;
  private AppConfig config;
  private Engine engine;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi(TelegramEndToEndTest.TOKEN);
    Path yaml =
        Files.writeString(
            data.resolve("test.yaml"),
            "dataDir: "
                + data.toString().replace("\\", "/")
                + "\nretrieval:\n  mode: bm25\n"
                + "telegram:\n  requestTimeoutSeconds: 1\n  pollSeconds: 1\n"
                + "  adminIds: [42]\n",
            StandardCharsets.UTF_8);
    config = ConfigLoader.load(yaml);
    engine = Engine.openLive(config, ProgressListener.NONE, false, false);
  }

  @AfterEach
  void stop() throws Exception {
    engine.close();
    api.close();
  }

  private TelegramRunner runner(QuestionAnswerer qa) {
    return runner(qa, () -> "reindexed");
  }

  private TelegramRunner runner(
      QuestionAnswerer qa, java.util.concurrent.Callable<String> reindex) {
    return TelegramRunner.start(
        () -> qa,
        config.telegram(),
        TelegramEndToEndTest.TOKEN,
        api.url(),
        data,
        why -> {},
        reindex);
  }

  /**
   * An admin's /reindex reads the whole corpus again and computes passage vectors: minutes of CPU
   * on a large corpus, in code that does not look at the thread's interrupt (a parser, the
   * embedding model). A stop while it runs finds it still running when the journal closes. Before,
   * that counted as a hang, as a crash does: two stops during reindexing and the restart gave the
   * /reindex up, telling the admin to try again, and never ran it. Long work the bot knows for such
   * (the reindex) is no hang: after two such stops the restart runs the /reindex and sends its
   * summary, and nothing says the update hung.
   */
  @Test
  void aReindexStillRunningAtTwoStopsIsRunAfterTheRestartNotGivenUpAsHung() throws Exception {
    AtomicBoolean spinning = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<CountDownLatch> reindexing =
        new java.util.concurrent.atomic.AtomicReference<>(new CountDownLatch(1));
    java.util.concurrent.Callable<String> cpuBound =
        () -> {
          reindexing.get().countDown();
          while (spinning.get()) {
            Thread.onSpinWait(); // reading files and computing vectors: never looks at interrupts
          }
          return "Reindexed 5 documents.";
        };
    QuestionAnswerer qa = engine.answerer();
    Path journal = data.resolve(TelegramRunner.JOURNAL);
    try (LogCapture logs = new LogCapture()) {
      for (int run = 1; run <= 2; run++) {
        spinning.set(true);
        reindexing.set(new CountDownLatch(1));
        TelegramRunner bot = runner(qa, cpuBound);
        if (run == 1) {
          api.push(FakeBotApi.privateText(1, 42, 10, "/reindex"));
        }
        assertTrue(
            reindexing.get().await(WAIT, TimeUnit.MILLISECONDS),
            () -> "reindexing: " + logs.atLeast(Level.INFO));
        bot.close();
        // The JVM ends when close() returns: what the journal holds now is what the restart reads.
        String kept = Files.readString(journal, StandardCharsets.UTF_8);
        spinning.set(false);
        Thread.sleep(300); // the worker, still running, ends now
        Files.writeString(journal, kept, StandardCharsets.UTF_8);
      }
      assertEquals(0, replies(10), "nothing said before the restart");
      TelegramRunner again = runner(qa, cpuBound);
      try {
        api.await(
            "sendMessage",
            c -> c.body().path("reply_parameters").path("message_id").asInt() == 10,
            1,
            WAIT);
        String said =
            api.calls("sendMessage").stream()
                .filter(c -> c.body().path("reply_parameters").path("message_id").asInt() == 10)
                .findFirst()
                .orElseThrow()
                .body()
                .path("text")
                .asText();
        assertTrue(said.contains("Reindexed 5 documents"), "the reindex ran: " + said);
      } finally {
        again.close();
      }
      List<String> warned = logs.atLeast(Level.WARN);
      assertFalse(
          warned.stream().anyMatch(l -> l.contains("hung") || l.contains("stopped 2 times")),
          "no hang: " + warned);
    }
  }

  /**
   * An engine that answers as the real one, except that while {@code stuck} is set it blocks until
   * interrupted, then takes {@code unwindMillis} to unwind and throws what Lucene throws when a
   * search is interrupted: an unchecked exception.
   */
  private QuestionAnswerer stuckWhile(
      AtomicBoolean stuck, CountDownLatch asked, long unwindMillis) {
    QuestionAnswerer real = engine.answerer();
    QuestionAnswerer qa = mock(QuestionAnswerer.class);
    when(qa.likelyConfidence()).thenReturn(real.likelyConfidence());
    when(qa.settings()).thenReturn(real.settings());
    when(qa.sources()).thenAnswer(inv -> real.sources());
    org.mockito.stubbing.Answer<Object> ask =
        inv -> {
          if (stuck.get() && inv.<String>getArgument(0).contains("Sochi")) {
            asked.countDown();
            try {
              Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
              long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(unwindMillis);
              while (System.nanoTime() < end) {
                Thread.onSpinWait(); // closing what it had open
              }
              throw new org.apache.lucene.util.ThreadInterruptedException(e);
            }
          }
          return inv.getArguments().length == 1
              ? real.ask(inv.<String>getArgument(0))
              : real.ask(
                  inv.<String>getArgument(0),
                  inv.<Integer>getArgument(1),
                  inv.<String>getArgument(2));
        };
    when(qa.ask(anyString())).thenAnswer(ask);
    when(qa.ask(anyString(), anyInt(), any())).thenAnswer(ask);
    return qa;
  }

  /**
   * "typing..." is sent on threads of the bot's own ({@code telegram-typing}), and a stop ends them
   * with the other pools of the bot. Before, they came from one pool for the whole process, never
   * shut down: a stop left them running (an idle one for a minute, one on a slow Telegram's answer
   * for its request timeout). Threads alive before the bot started are not the bot's, whatever they
   * are called.
   */
  @Test
  void aStopEndsTheThreadsThatSentTyping() throws Exception {
    java.util.Set<Thread> before = typingThreads();
    AtomicBoolean stuck = new AtomicBoolean(true);
    CountDownLatch asked = new CountDownLatch(1);
    QuestionAnswerer qa = stuckWhile(stuck, asked, 0);
    TelegramRunner bot = runner(qa);
    try {
      api.push(FakeBotApi.privateText(1, 42, 10, "When was the Sochi memorandum signed?"));
      assertTrue(asked.await(WAIT, TimeUnit.MILLISECONDS), "asked");
      assertEquals(
          1, api.await("sendChatAction", c -> true, 1, WAIT).size(), "typing... while it answers");
    } finally {
      bot.close();
      stuck.set(false);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    java.util.Set<Thread> left = typingThreads();
    left.removeAll(before);
    while (!left.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
      left = typingThreads();
      left.removeAll(before);
    }
    assertEquals(java.util.Set.of(), left, "the bot's typing threads still running after its stop");
  }

  private static java.util.Set<Thread> typingThreads() {
    java.util.Set<Thread> out = new java.util.HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("telegram-typing")) {
        out.add(t);
      }
    }
    return out;
  }

  private int replies(int messageId) {
    return (int)
        api.calls("sendMessage").stream()
            .filter(c -> c.body().path("reply_parameters").path("message_id").asInt() == messageId)
            .count();
  }

  /**
   * Before, close() interrupted the workers and closed the journal at once: the interrupted
   * answering, still unwinding, then threw an unchecked exception, was taken for a failed answer
   * and marked done (its "try again" not even sent, as sending had stopped): the question was lost,
   * and the restart answered nothing. Now the stop awaits the workers (briefly) before closing the
   * journal, and an answer that throws because the stop interrupted it is left for the restart,
   * whose start is no crash.
   */
  @Test
  void aQuestionWhoseAnsweringAStopInterruptsIsAnsweredOnceAfterTheRestartAndIsNoCrash()
      throws Exception {
    AtomicBoolean stuck = new AtomicBoolean(true);
    CountDownLatch asked = new CountDownLatch(1);
    QuestionAnswerer qa = stuckWhile(stuck, asked, 300);
    try (LogCapture logs = new LogCapture()) {
      TelegramRunner bot = runner(qa);
      api.push(FakeBotApi.privateText(1, 42, 10, "When was the Sochi memorandum signed?"));
      assertTrue(
          asked.await(WAIT, TimeUnit.MILLISECONDS),
          () -> "asked: " + api.calls("sendMessage") + logs.atLeast(Level.INFO));
      bot.close();
      // The JVM ends when close() returns: nothing a worker writes after it is kept. What the
      // journal holds now is what the restart reads.
      Path journal = data.resolve(TelegramRunner.JOURNAL);
      String kept = Files.readString(journal, StandardCharsets.UTF_8);
      Files.writeString(data.resolve("at-exit"), kept, StandardCharsets.UTF_8);
      Thread.sleep(600); // the worker, if still running, ends now
      Files.move(
          data.resolve("at-exit"), journal, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertEquals(0, replies(10), "no reply before the restart");
      stuck.set(false);
      TelegramRunner again = runner(qa);
      try {
        api.await(
            "sendMessage",
            c -> c.body().path("reply_parameters").path("message_id").asInt() == 10,
            1,
            WAIT);
        Thread.sleep(300);
        assertEquals(1, replies(10), "answered once after the restart");
      } finally {
        again.close();
      }
      List<String> said = logs.atLeast(Level.WARN);
      assertFalse(
          said.stream().anyMatch(l -> l.contains("failed") || l.contains("kill -9")),
          "neither a failure nor a crash: " + said);
    }
  }
}
