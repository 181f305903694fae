package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot as its own process, killed with SIGKILL (kill -9) and started again. */
class KillAndRestartTest {
  private static final long WAIT = 20_000;

  private static Process start(FakeBotApi api, Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.astanaqa.bot.Main", "--config", config.toString(), "telegram");
    pb.environment().put("TELEGRAM_BOT_TOKEN", TelegramEndToEndTest.TOKEN);
    pb.environment().put("TELEGRAM_API_URL", api.url());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  private static long replies(FakeBotApi api, int messageId) {
    return api.calls("sendMessage").stream()
        .filter(c -> c.body().path("reply_parameters").path("message_id").asInt() == messageId).count();
  }

  private static void awaitAll(FakeBotApi api, int from, int to) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
    while (System.nanoTime() < end && IntStream.rangeClosed(from, to).anyMatch(i -> replies(api, i) == 0)) {
      Thread.sleep(50);
    }
  }

  /**
   * What kill -9 can and cannot promise. Updates whose answers were recorded are never answered
   * again, and no update is ever lost. A reply that was on the wire at the instant of the kill
   * cannot be known to have arrived (the Bot API has no idempotency key), so it is sent again
   * after the restart: at most one per worker.
   */
  @Test
  void killMinus9NeverRepeatsARecordedAnswerAndNeverLosesAnUpdate(@TempDir Path data) throws Exception {
    Path config = Files.writeString(data.resolve("bot.yaml"),
        "dataDir: " + data.toString().replace("\\", "/") + "\n"
            + "telegram:\n  workers: 4\n  perChatPerSecond: 1000\n  globalPerSecond: 1000\n  perGroupPerMinute: 1000\n",
        StandardCharsets.UTF_8);
    Path log = data.resolve("bot.out");
    try (FakeBotApi api = new FakeBotApi(TelegramEndToEndTest.TOKEN)) {
      // As Telegram after a crash: what a killed process took but never confirmed comes again.
      api.ignoreOffsets(true);
      Process bot = start(api, config, log);
      for (int i = 1; i <= 20; i++) {
        api.push(FakeBotApi.privateText(i, 1000 + i % 7, i, "When was the Sochi memorandum signed?"));
      }
      awaitAll(api, 1, 20);
      Thread.sleep(500); // each answer is recorded right after Telegram confirms it
      bot.destroyForcibly(); // SIGKILL after every answer was recorded
      assertTrue(bot.waitFor(10, TimeUnit.SECONDS));

      for (int i = 21; i <= 60; i++) {
        api.push(FakeBotApi.privateText(i, 1000 + i % 7, i, "When was the Sochi memorandum signed?"));
      }
      bot = start(api, config, log);
      api.await("sendMessage", c -> c.body().path("reply_parameters").path("message_id").asInt() > 20, 3, WAIT);
      bot.destroyForcibly(); // SIGKILL in the middle of a burst
      assertTrue(bot.waitFor(10, TimeUnit.SECONDS));

      bot = start(api, config, log);
      try {
        awaitAll(api, 1, 60);
        Thread.sleep(1000); // more polls that redeliver everything
        String out = Files.readString(log);
        for (int i = 1; i <= 20; i++) {
          assertEquals(1, replies(api, i), "recorded answer " + i + " repeated; bot output:\n" + out);
        }
        long repeated = 0;
        for (int i = 21; i <= 60; i++) {
          long n = replies(api, i);
          assertTrue(n >= 1, "update " + i + " was lost; bot output:\n" + out);
          repeated += n - 1;
        }
        System.out.println("replies repeated after the mid-burst kill: " + repeated);
        assertTrue(out.contains("answered chat"), "the run logged its answers: " + out);
        assertTrue(!out.contains(TelegramEndToEndTest.TOKEN), "the token never appears in the logs:\n" + out);
        assertTrue(repeated <= 4, repeated + " repeated replies: more than the 4 that can be on the wire at once");
      } finally {
        bot.destroy();
        bot.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
