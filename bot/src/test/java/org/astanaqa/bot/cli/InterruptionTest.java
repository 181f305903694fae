package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.astanaqa.bot.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGTERM during {@code index}: before, it stopped without a word, and the user could not
 * tell whether the index was now half-written.
 */
class InterruptionTest {
  @TempDir Path tmp;

  @Test
  void eachPhaseSaysWhatWasLeft() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("index"));
    Interruption i = new Interruption(new PrintWriter(new StringWriter()), dir, false);
    assertTrue(i.message().contains("no index was written in " + dir), i.message());
    Files.writeString(dir.resolve("segments_2"), "");
    assertTrue(i.message().contains("is the last complete one, unchanged"), i.message());
    i.phase = Interruption.Phase.VECTORS;
    assertTrue(i.message().contains("is complete and answers by words"), i.message());
    i.phase = Interruption.Phase.DONE;
    assertNull(i.message());
  }

  /** Stopped while an answering command opens an index that is there: nothing was rebuilt. */
  @Test
  void openingAnIndexThatIsThereSaysItIsUnchangedAndABuildSaysIndexing() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("index"));
    Interruption i = new Interruption(new PrintWriter(new StringWriter()), dir, false);
    i.phase = Interruption.Phase.OPENING;
    assertTrue(i.message().contains("no index was written in " + dir), i.message());
    Files.writeString(dir.resolve("segments_2"), "");
    assertEquals(
        "astana-qa: stopped while opening the index in "
            + dir
            + "; it is unchanged (a new index replaces it only once it is whole)",
        i.message());
    i.watching(org.astanaqa.retrieval.ProgressListener.NONE).started(10);
    assertEquals(Interruption.Phase.INDEXING, i.phase, "a build has started");
    assertTrue(i.message().contains("stopped while indexing"), i.message());
  }

  /**
   * On a terminal the stop finds the cursor after the progress bar, redrawn in place with no line
   * break, and after the "^C" the terminal echoes: the line is begun anew, or it read "...]
   * 300/1500 documents^Castana-qa: stopped while indexing; ...". Into a file or a pipe the progress
   * is whole lines, and no empty one is added.
   */
  @Test
  void onATerminalTheMessageBeginsALineOfItsOwn() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("index"));
    StringWriter terminal = new StringWriter();
    Progress bar = new Progress(new PrintWriter(terminal), true, "indexing", "documents", 10);
    bar.progress(300, 1500);
    new Interruption(new PrintWriter(terminal), dir, true).say();
    String[] lines = terminal.toString().split(System.lineSeparator(), -1);
    assertEquals(3, lines.length, terminal.toString());
    assertTrue(lines[0].endsWith("300/1500 documents"), lines[0]);
    assertTrue(lines[1].startsWith("astana-qa: stopped while indexing"), lines[1]);

    StringWriter file = new StringWriter();
    new Interruption(new PrintWriter(file), dir, false).say();
    assertTrue(file.toString().startsWith("astana-qa: stopped while indexing"), file.toString());
  }

  /**
   * SIGTERM just after the build took the index's lock, before it began: the shutdown hook said
   * what was left, and the command's own thread, which runs on until the JVM halts, then printed
   * that it builds the index; that note was the last line, and read as the outcome. Seen with
   * timestamps in the two threads: the hook's message at 1,572 ms, the build's start (and its note)
   * at 1,578 ms. Nothing the build prints comes after the message now, nor does a progress line of
   * {@code index}.
   */
  @Test
  void nothingTheBuildPrintsComesAfterTheMessage() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("index"));
    StringWriter console = new StringWriter();
    PrintWriter err = new PrintWriter(console);
    Interruption stop = new Interruption(err, dir, false);
    stop.phase = Interruption.Phase.OPENING;
    org.astanaqa.retrieval.ProgressListener build = stop.watching(ConsoleCommand.buildNotice(err));
    stop.say(); // the hook, on SIGTERM
    build.started(1500);
    build.progress(1, 1500);
    build.progress(1500, 1500);
    err.flush();
    assertEquals(
        List.of(
            "astana-qa: stopped while indexing; no index was written in "
                + dir
                + "; the next command builds it (or run index again)"),
        console.toString().lines().toList());

    StringWriter log = new StringWriter();
    PrintWriter indexErr = new PrintWriter(log);
    Interruption index = new Interruption(indexErr, dir, false);
    org.astanaqa.retrieval.ProgressListener bar =
        index.untilSaid(new Progress(indexErr, false, "indexing", "documents", 50));
    bar.progress(150, 1500);
    index.say();
    bar.progress(300, 1500);
    indexErr.flush();
    List<String> lines = log.toString().lines().toList();
    assertEquals(2, lines.size(), log.toString());
    assertEquals("indexing 10% (150/1500 documents)", lines.get(0));
    assertTrue(lines.get(1).startsWith("astana-qa: stopped while indexing"), log.toString());
  }

  /**
   * A rebuild stopped half-way by SIGTERM (Ctrl-C's SIGINT goes the same way) says so, ends with
   * the conventional status (143: 128 + the signal), and the index that was there is reused whole.
   */
  @Test
  void aRebuildStoppedHalfWaySaysSoAndKeepsTheIndexThatWasThere() throws Exception {
    Path corpus = tmp.resolve("corpus");
    Files.createDirectories(corpus);
    String text =
        "The delegations met in Astana to discuss the ceasefire regime in Syria and the"
            + " humanitarian situation of the civilian population. ";
    for (int i = 0; i < 1500; i++) {
      Files.writeString(
          corpus.resolve("doc" + i + ".txt"), "Meeting " + i + ". " + text.repeat(30) + "\n");
    }
    Path index = tmp.resolve("index");
    String[] common = {
      "--mode", "bm25", "--corpus", corpus.toString(), "--index", index.toString()
    };
    CliTest.Run first = CliTest.runIn(index, new byte[0], concat(common, "index"));
    assertEquals(0, first.exit(), first.err());
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = ChildJvm.start(tmp, out, err, concat(common, "index"));
    try {
      // the rebuild is under way once its first tenth is said
      while (p.isAlive() && !Files.readString(err, StandardCharsets.UTF_8).contains("indexing")) {
        Thread.sleep(20);
      }
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
    } finally {
      p.destroyForcibly();
    }
    String said = Files.readString(err, StandardCharsets.UTF_8);
    Assumptions.assumeTrue(p.exitValue() != 0, "the rebuild ended before the signal: " + said);
    assertEquals(143, p.exitValue(), said);
    assertTrue(
        said.contains("stopped while indexing; the index in " + index + " is the last complete"),
        said);
    assertTrue(!said.contains("Exception") && !said.contains("\tat "), said);
    CliTest.Run after = CliTest.runIn(index, new byte[0], concat(common, "index", "--if-changed"));
    assertEquals(0, after.exit(), after.err());
    assertTrue(
        after.out().startsWith("Reused the index of 1500 documents"),
        "the index that was there is whole and up to date: " + after.out());
  }

  /**
   * From a probe: {@code ask}, {@code sources} and {@code eval} build the index too when there is
   * none (or it is out of date), and SIGTERM or Ctrl-C during that build ended them with status 143
   * or 130 and not a word, where {@code index} says what was left. They say it too now, after their
   * note that they build the index of a corpus this large, never before it: {@code ask} is stopped
   * as soon as the build holds the index's lock, where the note once came after the message ({@link
   * #nothingTheBuildPrintsComesAfterTheMessage}), the others once the note is out.
   */
  @Test
  void theCommandsThatBuildTheIndexOnTheWaySayWhatWasLeftWhenStopped() throws Exception {
    Path corpus = tmp.resolve("corpus");
    Files.createDirectories(corpus);
    String text =
        "The delegations met in Astana to discuss the ceasefire regime in Syria and the"
            + " humanitarian situation of the civilian population. ";
    for (int i = 0; i < 1500; i++) {
      Files.writeString(
          corpus.resolve("doc" + i + ".txt"), "Meeting " + i + ". " + text.repeat(30) + "\n");
    }
    Path questions =
        Files.writeString(
            tmp.resolve("q.jsonl"), "{\"q\":\"Where did they meet?\",\"expect\":[\"Astana\"]}\n");
    String note =
        "astana-qa: building the index of 1500 documents first (once, until files change;"
            + " the index command shows its progress)...";
    List<String[]> commands =
        List.of(
            new String[] {"ask", "Where did they meet?"},
            new String[] {"sources"},
            new String[] {"eval", questions.toString()});
    for (String[] command : commands) {
      Path index = tmp.resolve("index-" + command[0]);
      String[] args =
          concat(
              new String[] {
                "--mode", "bm25", "--corpus", corpus.toString(), "--index", index.toString()
              },
              command);
      Path out = tmp.resolve(command[0] + "-out.txt");
      Path err = tmp.resolve(command[0] + "-err.txt");
      boolean atTheLock = command[0].equals("ask");
      Process p = ChildJvm.start(tmp, out, err, args);
      try {
        // the build is under way once its writer holds the index's lock, and once it said so
        while (p.isAlive()
            && (atTheLock
                ? !Files.exists(index.resolve("write.lock"))
                : !Files.readString(err, StandardCharsets.UTF_8).contains(note))) {
          Thread.sleep(20);
        }
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
      } finally {
        p.destroyForcibly();
      }
      String said = Files.readString(err, StandardCharsets.UTF_8);
      Assumptions.assumeTrue(p.exitValue() != 0, "the build ended before the signal: " + said);
      assertEquals(143, p.exitValue(), said);
      List<String> lines = said.strip().lines().toList();
      assertEquals(
          "astana-qa: stopped while indexing; no index was written in "
              + index
              + "; the next command builds it (or run index again)",
          lines.get(lines.size() - 1),
          command[0] + ": the last line says what was left: " + said);
      if (!atTheLock) {
        assertEquals(note, lines.get(0), command[0] + ": the note first: " + said);
      }
      for (String line : lines.subList(0, lines.size() - 1)) {
        assertTrue(
            line.equals(note) || line.startsWith("astana-qa: index built in "),
            command[0] + ": only the note before the message: " + said);
      }
      assertEquals("", Files.readString(out, StandardCharsets.UTF_8), command[0]);
    }
  }

  /**
   * From a probe: {@code telegram} (and the bare command with a token set) builds the index first
   * when there is none, and SIGTERM or Ctrl-C during that build ended it with status 143 and not a
   * word, where {@code index} and the answering commands say what was left.
   */
  @Test
  void theTelegramBotStoppedWhileItBuildsTheIndexSaysWhatWasLeft() throws Exception {
    Path corpus = tmp.resolve("corpus");
    Files.createDirectories(corpus);
    String text =
        "The delegations met in Astana to discuss the ceasefire regime in Syria and the"
            + " humanitarian situation of the civilian population. ";
    for (int i = 0; i < 1500; i++) {
      Files.writeString(
          corpus.resolve("doc" + i + ".txt"), "Meeting " + i + ". " + text.repeat(30) + "\n");
    }
    Path index = tmp.resolve("index-telegram");
    Path out = tmp.resolve("telegram-out.txt");
    Path err = tmp.resolve("telegram-err.txt");
    Process p =
        ChildJvm.start(
            tmp,
            out,
            err,
            // no Bot API is asked before the index is open; this one is never reached
            java.util.Map.of(
                "TELEGRAM_BOT_TOKEN", "123:abc", "TELEGRAM_API_URL", "http://127.0.0.1:9"),
            "--mode",
            "bm25",
            "--corpus",
            corpus.toString(),
            "--index",
            index.toString(),
            "telegram");
    try {
      while (p.isAlive() && !Files.exists(index.resolve("write.lock"))) {
        Thread.sleep(20);
      }
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped");
    } finally {
      p.destroyForcibly();
    }
    String said = Files.readString(err, StandardCharsets.UTF_8);
    Assumptions.assumeTrue(p.exitValue() != 0, "the build ended before the signal: " + said);
    assertEquals(143, p.exitValue(), said);
    assertTrue(
        said.contains(
            "astana-qa: stopped while indexing; no index was written in "
                + index
                + "; the next command builds it (or run index again)"),
        said);
    assertTrue(!said.contains("123:abc"), "no token in what it says");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
