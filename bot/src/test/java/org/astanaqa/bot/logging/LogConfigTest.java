package org.astanaqa.bot.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.ErrorStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.astanaqa.bot.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the jar's logs go: never standard output, the detail to {@code <dataDir>/astana-qa.log}.
 */
class LogConfigTest {
  @TempDir Path tmp;

  @Test
  void standardOutputCarriesOnlyTheAnswerWhenTheLogFileCannotBeOpened() throws Exception {
    Files.writeString(tmp.resolve("data"), "a file where the data folder should be");
    ChildJvm.Result r =
        ChildJvm.run(
            tmp,
            List.of(),
            Map.of(),
            "--mode",
            "bm25",
            "--index",
            tmp.resolve("index").toString(),
            "ask",
            "--json",
            "Who were the Astana guarantors?");
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.out().lines().count(), "only the answer on standard output:\n" + r.out());
    assertTrue(new ObjectMapper().readTree(r.out()).get("answered").asBoolean(), r.out());
    assertTrue(r.err().lines().count() <= 1, "at most one line about the log file:\n" + r.err());
    assertTrue(
        r.err()
            .lines()
            .allMatch(
                l ->
                    l.startsWith("astana-qa: cannot write the log file data/astana-qa.log")
                        && l.contains("Set dataDir to a writable folder")),
        r.err());
  }

  @Test
  void theLogFileIsInTheConfiguredDataFolder() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    Files.write(corpus.resolve("broken.txt"), new byte[] {'a', (byte) 0x81, 0x01});
    Path data = tmp.resolve("state");
    Path config = Files.writeString(tmp.resolve("c.yaml"), "dataDir: " + data + "\n");
    ChildJvm.Result r =
        ChildJvm.run(
            tmp,
            List.of(),
            Map.of(),
            "--config",
            config.toString(),
            "--mode",
            "bm25",
            "index",
            "--corpus",
            corpus.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Indexed 1 document,"), "the summary comes first:\n" + r.out());
    String log = Files.readString(data.resolve("astana-qa.log"));
    assertTrue(
        log.contains("WARN")
            && log.contains("skipped broken.txt: not UTF-8, Windows-1251 or Latin-1"),
        log);
    assertFalse(Files.exists(tmp.resolve("data")), "nothing is written to ./data");
  }

  @Test
  void theLogFileIsRolledAtItsSizeKeepingAFewFilesTheNewestWithTheLatestLines() throws Exception {
    // From a probe: a Telegram bot's log file grew without bound (a 20 MB file was appended to
    // as it was); it is rolled at MAX_FILE_SIZE into astana-qa.1.log .. .3.log, here at 2 KB and
    // its size looked at on every line
    ByteArrayOutputStream problems = new ByteArrayOutputStream();
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    LogConfig.apply(ctx, new PrintStream(problems, true, StandardCharsets.UTF_8));
    Path data = tmp.resolve("data");
    LogConfig.logTo(
        ctx,
        data,
        ch.qos.logback.core.util.FileSize.valueOf("2KB"),
        ch.qos.logback.core.util.Duration.buildByMilliseconds(0));
    for (int i = 0; i < 300; i++) {
      ctx.getLogger("org.astanaqa.x").info("line {} of the bot's log {}", i, "x".repeat(60));
    }
    ctx.stop();
    assertEquals("", problems.toString(StandardCharsets.UTF_8), "logging had no trouble");
    try (var files = Files.list(data)) {
      assertEquals(
          List.of("astana-qa.1.log", "astana-qa.2.log", "astana-qa.3.log", "astana-qa.log"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "the file and " + LogConfig.ROLLED_FILES + " rolled ones, no more");
    }
    // the newest file holds the latest lines, each rolled file the lines before the next's
    int after = 300;
    for (String name :
        List.of("astana-qa.log", "astana-qa.1.log", "astana-qa.2.log", "astana-qa.3.log")) {
      Path file = data.resolve(name);
      assertTrue(Files.size(file) < 2048 + 200, name + ": " + Files.size(file) + " bytes");
      List<Integer> numbers =
          Files.readAllLines(file).stream()
              .map(l -> Integer.parseInt(l.replaceAll(".*line (\\d+) of.*", "$1")))
              .toList();
      assertFalse(numbers.isEmpty(), name);
      assertEquals(
          after - 1, numbers.get(numbers.size() - 1), name + " ends where the next begins");
      for (int k = 1; k < numbers.size(); k++) {
        assertEquals(numbers.get(k - 1) + 1, numbers.get(k), name + ": lines in order, none lost");
      }
      after = numbers.get(0);
    }
    // a "%" in the folder's name, which the rolled files' pattern would misread: one file
    LoggerContext percent = new LoggerContext();
    percent.setMDCAdapter(new LogbackMDCAdapter());
    LogConfig.apply(percent, new PrintStream(problems, true, StandardCharsets.UTF_8));
    Path odd = tmp.resolve("100% data");
    LogConfig.logTo(percent, odd);
    percent.getLogger("org.astanaqa.x").info("logged beside a percent sign");
    percent.stop();
    assertEquals("", problems.toString(StandardCharsets.UTF_8));
    assertTrue(
        Files.readString(odd.resolve("astana-qa.log")).contains("logged beside a percent sign"));
  }

  @Test
  void logbackTellsItsOwnErrorsInOneLineOnStderrAndNeverOnStandardOutput() throws Exception {
    ByteArrayOutputStream problems = new ByteArrayOutputStream();
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    LogConfig.apply(ctx, new PrintStream(problems, true, StandardCharsets.UTF_8));
    assertTrue(
        ch.qos.logback.core.status.StatusUtil.contextHasStatusListener(ctx),
        "a context with a status listener is never printed on standard output by logback");
    Path notAFolder = Files.writeString(tmp.resolve("not-a-folder"), "x");
    LogConfig.logTo(ctx, notAFolder);
    assertEquals(
        "", problems.toString(StandardCharsets.UTF_8), "nothing is said before anything is logged");
    ctx.getLogger("org.astanaqa.x").info("for the log file");
    ctx.getStatusManager()
        .add(new ErrorStatus("IO failure in appender", this, new java.io.IOException("disk full")));
    ctx.getLogger("org.astanaqa.x").error("still logged to stderr");
    ctx.stop();
    String told = problems.toString(StandardCharsets.UTF_8);
    assertEquals(1, told.lines().count(), told);
    assertTrue(
        told.contains("cannot write the log file " + notAFolder.resolve("astana-qa.log")), told);
  }

  @Test
  void aLogFileOnAFullDiskSaysToFreeSpaceNotToCheckThePermissions() throws Exception {
    // From a probe (dataDir on a full 2 MB tmpfs): "... (java.io.IOException: No space left on
    // device); ... Check that dataDir is writable", of a folder that was writable.
    ByteArrayOutputStream problems = new ByteArrayOutputStream();
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    LogConfig.apply(ctx, new PrintStream(problems, true, StandardCharsets.UTF_8));
    ctx.getStatusManager()
        .add(
            new ErrorStatus(
                "IO failure while writing to file [data/astana-qa.log]",
                this,
                new java.io.IOException("No space left on device")));
    ctx.stop();
    String told = problems.toString(StandardCharsets.UTF_8);
    assertEquals(1, told.lines().count(), told);
    assertTrue(told.contains("Free space on the disk of dataDir"), told);
    assertFalse(told.contains("writable"), told);
  }
}
