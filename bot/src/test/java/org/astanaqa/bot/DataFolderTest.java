package org.astanaqa.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.astanaqa.bot.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder is checked at start and held by one bot at a time. */
class DataFolderTest {
  @TempDir Path tmp;

  /** Holds the data folder given as its argument until killed (the other process of a test). */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      DataFolder.lock(Path.of(args[0]));
      System.out.println("holding");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }

  @Test
  void aSecondBotOnTheSameDataFolderRefusesToStartInOneLine() throws Exception {
    Path data = tmp.resolve("data");
    Path config = Files.writeString(tmp.resolve("c.yaml"), "dataDir: " + data + "\n");
    try (DataFolder first = DataFolder.lock(data)) {
      // The second bot stops before it reads the corpus or calls Telegram, so no server is needed.
      ChildJvm.Result r =
          ChildJvm.run(
              tmp,
              List.of(),
              Map.of("TELEGRAM_BOT_TOKEN", "123:abc", "TELEGRAM_API_URL", "http://127.0.0.1:9"),
              "--config",
              config.toString(),
              "--mode",
              "bm25",
              "telegram");
      assertEquals(2, r.exit(), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(
          r.err()
              .startsWith(
                  "astana-qa: another astana-qa (process "
                      + ProcessHandle.current().pid()
                      + ") is running on the data folder "
                      + data),
          r.err());
      assertTrue(r.err().contains("give this one its own dataDir"), r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void theFolderIsFreeAgainOnceItsHolderIsKilledWithSigkill() throws Exception {
    Path data = tmp.resolve("data");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Holder.class.getName(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("holding", out.readLine());
      ConfigException held = assertThrows(ConfigException.class, () -> DataFolder.lock(data));
      assertTrue(
          held.getMessage().contains("another astana-qa (process " + holder.pid() + ")"),
          held.getMessage());
    } finally {
      holder.destroyForcibly(); // SIGKILL: no shutdown hook, no release by the JVM
      assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
    }
    try (DataFolder again = DataFolder.lock(data)) {
      assertTrue(Files.isRegularFile(data.resolve(DataFolder.LOCK_FILE)));
    }
  }

  @Test
  void aSecondHoldInTheSameProcessIsRefusedAndAReleasedFolderCanBeTakenAgain() throws Exception {
    Path data = tmp.resolve("data");
    try (DataFolder first = DataFolder.lock(data)) {
      ConfigException e = assertThrows(ConfigException.class, () -> DataFolder.lock(data));
      assertTrue(e.getMessage().contains("is running on the data folder " + data), e.getMessage());
    }
    DataFolder.lock(data).close();
  }

  @Test
  void theTelegramBotRefusesADataFolderItCannotWriteInOneLine() throws Exception {
    Path data = Files.writeString(tmp.resolve("data"), "a file where the folder should be");
    Path config = Files.writeString(tmp.resolve("c.yaml"), "dataDir: " + data + "\n");
    ChildJvm.Result r =
        ChildJvm.run(
            tmp,
            List.of(),
            Map.of("TELEGRAM_BOT_TOKEN", "123:abc", "TELEGRAM_API_URL", "http://127.0.0.1:9"),
            "--config",
            config.toString(),
            "--mode",
            "bm25",
            "telegram");
    assertEquals(2, r.exit(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), "one line, not one more about the log file there:\n" + r.err());
    assertEquals(
        "astana-qa: the data folder "
            + data
            + " is not writable (a file is in the way); make it"
            + " writable, or set dataDir in the configuration (--config FILE) to a writable folder",
        lines.get(0));
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
