package org.astanaqa.bot.telegram;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import org.astanaqa.bot.DataFolder;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.config.ConfigLoader;
import org.astanaqa.bot.logging.LogConfig;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;

/**
 * The Telegram bot as its own process, started as the {@code telegram} command starts it (the same
 * engine, {@link TelegramRunner}, journal and data folder), except that its engine runs out of
 * memory on any question holding {@link #POISON}: a search that needs more than the heap. Run with
 * {@code -XX:+ExitOnOutOfMemoryError} (as containers commonly run Java), the JVM then ends at once,
 * nothing after it runs, as after a native crash, the OOM killer or a {@code kill -9}. Arguments:
 * the configuration file; the token and the Bot API URL come from the environment.
 */
final class CrashingBot {
  static final String POISON = "zebra";

  private CrashingBot() {}

  public static void main(String[] args) throws Exception {
    AppConfig c = ConfigLoader.load(Path.of(args[0]));
    try (DataFolder data = DataFolder.lock(Path.of(c.dataDir()));
        Engine engine = Engine.openLive(c, ProgressListener.NONE, false, false)) {
      LogConfig.showInfoOnStderr();
      QuestionAnswerer poisoned = poisoned(engine.answerer());
      TelegramRunner.start(
          () -> poisoned,
          c.telegram(),
          System.getenv("TELEGRAM_BOT_TOKEN"),
          System.getenv("TELEGRAM_API_URL"),
          Path.of(c.dataDir()),
          why -> System.exit(2),
          engine::reindex);
      Thread.sleep(Long.MAX_VALUE); // until the test ends it, or a question does
    }
  }

  private static QuestionAnswerer poisoned(QuestionAnswerer real) {
    QuestionAnswerer qa = mock(QuestionAnswerer.class);
    when(qa.likelyConfidence()).thenReturn(real.likelyConfidence());
    when(qa.settings()).thenReturn(real.settings());
    when(qa.sources()).thenAnswer(inv -> real.sources());
    when(qa.ask(anyString())).thenAnswer(inv -> real.ask(swallow(inv.<String>getArgument(0))));
    when(qa.ask(anyString(), anyInt(), any()))
        .thenAnswer(
            inv ->
                real.ask(
                    swallow(inv.<String>getArgument(0)),
                    inv.<Integer>getArgument(1),
                    inv.<String>getArgument(2)));
    return qa;
  }

  /** The question, unless it is the poison: then 16 GB for it, and the JVM ends. */
  private static String swallow(String question) {
    if (question.contains(POISON)) {
      long[] huge = new long[Integer.MAX_VALUE - 16];
      return question + huge.length;
    }
    return question;
  }
}
