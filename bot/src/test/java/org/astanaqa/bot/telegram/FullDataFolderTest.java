package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.astanaqa.bot.cli.BotProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder that fills up while the bot runs: a real full file system (a small tmpfs), so the
 * journal's writes fail with ENOSPC as on a full disk. Mounting needs root (as CI runs); elsewhere
 * the test is skipped, and {@link UpdateJournalTest} still covers a failing write.
 */
class FullDataFolderTest {
  private static final long WAIT = 20_000;

  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void aFullDataFolderIsAnErrorWithinASecondAndEveryChatIsStillAnswered(@TempDir Path tmp)
      throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Assumptions.assumeTrue(
        System.getProperty("os.name").contains("Linux")
            && run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", data.toString()),
        "cannot mount a small tmpfs here");
    Path config =
        Files.writeString(
            tmp.resolve("bot.yaml"),
            "dataDir: "
                + data
                + "\nindex: "
                + tmp.resolve("index")
                + "\nretrieval:\n  mode: bm25\n"
                + "telegram:\n  questionsPerUserPerMinute: 1000\n  pollSeconds: 1\n",
            StandardCharsets.UTF_8);
    try (FakeBotApi api = new FakeBotApi(TelegramEndToEndTest.TOKEN);
        LogCapture logs = new LogCapture();
        BotProcess bot =
            new BotProcess(
                Map.of(
                    "TELEGRAM_BOT_TOKEN",
                    TelegramEndToEndTest.TOKEN,
                    "TELEGRAM_API_URL",
                    api.url()),
                "--config",
                config.toString(),
                "telegram")) {
      for (int i = 1; i <= 10; i++) {
        api.push(FakeBotApi.privateText(i, 50 + i % 5, i, "When was the Sochi memorandum signed?"));
      }
      assertEquals(10, api.await("sendMessage", c -> true, 10, WAIT).size(), bot.err());

      Path filler = data.resolve("filler");
      try (OutputStream out = Files.newOutputStream(filler)) {
        byte[] block = new byte[4096];
        while (true) {
          out.write(block);
        }
      } catch (IOException full) {
        // the file system is full now
      }
      long t0 = System.nanoTime();
      for (int i = 11; i <= 30; i++) {
        api.push(FakeBotApi.privateText(i, 50 + i % 5, i, "When was the Sochi memorandum signed?"));
      }
      long errorAt = -1;
      while (errorAt < 0 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5)) {
        if (logs.atLeast(Level.ERROR).stream()
            .anyMatch(l -> l.contains("cannot write the update journal"))) {
          errorAt = (System.nanoTime() - t0) / 1_000_000;
        }
        Thread.sleep(5);
      }
      System.out.println(
          "full data folder: ERROR logged " + errorAt + " ms after the updates were sent");
      assertTrue(
          errorAt >= 0 && errorAt < 1000, "an ERROR within a second: " + logs.atLeast(Level.WARN));
      assertEquals(
          30, api.await("sendMessage", c -> true, 30, WAIT).size(), "every chat is still answered");

      Files.delete(filler);
      for (int i = 31; i <= 35; i++) {
        api.push(FakeBotApi.privateText(i, 50 + i % 5, i, "When was the Sochi memorandum signed?"));
      }
      assertEquals(35, api.await("sendMessage", c -> true, 35, WAIT).size());
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (logs.atLeast(Level.INFO).stream().noneMatch(l -> l.contains("writable again"))
          && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertTrue(logs.atLeast(Level.INFO).stream().anyMatch(l -> l.contains("writable again")));
      bot.stop();
    } finally {
      run("umount", "-l", data.toString());
    }
  }
}
