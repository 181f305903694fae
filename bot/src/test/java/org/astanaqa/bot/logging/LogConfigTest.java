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
