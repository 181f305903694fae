package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.astanaqa.bot.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input at the command line: a one-line message on stderr and exit status 2, never a stack
 * trace, and nothing on stdout but the command's own output.
 */
class CliProbeTest {
  @TempDir Path tmp;

  private CliTest.Run run(byte[] stdin, String... args) {
    return CliTest.runIn(tmp.resolve("index"), stdin, args);
  }

  /** Exit 2, nothing on stdout, one line on stderr that holds {@code says}. */
  private static void assertUsageError(CliTest.Run r, String says) {
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(says), r.err());
  }

  @Test
  void aQuestionThatStartsWithADashIsToldToGoAfterTwoDashes() {
    // From a probe: ask "-5 degrees in Idlib?" said only "unknown option: '-5 degrees in Idlib?'",
    // which is no option anyone could have meant; the way to ask it was left to guess.
    CliTest.Run r = run(new byte[0], "--mode", "bm25", "ask", "-5 degrees in Idlib?");
    assertUsageError(r, "unknown option: '-5 degrees in Idlib?'");
    assertUsageError(
        r, "a question that starts with - goes after --: ask -- '-5 degrees in Idlib?'");
    r = run(new byte[0], "--mode", "bm25", "ask", "--json", "-what?");
    assertUsageError(r, "goes after --: ask -- '-what?'");
    // a mistyped option is not taken for a question
    r = run(new byte[0], "--mode", "bm25", "ask", "--jsn", "Who?");
    assertUsageError(r, "unknown option: '--jsn'");
    assertFalse(r.err().contains("goes after --"), r.err());
    // and after -- it is asked
    r = run(new byte[0], "--mode", "bm25", "ask", "--json", "--", "-5 degrees in Idlib?");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("{\"question\":\"-5 degrees in Idlib?\""), r.out());
  }

  /**
   * From a probe: ask "hello" quoted "We thank Special Envoy de Mistura ..." as "may be related",
   * and ask --json "thanks!" said "answered": true, where the console greets back and says "You are
   * welcome". Neither is searched.
   */
  @Test
  void aGreetingOrThanksAloneIsAnsweredAsTheConsoleAnswersIt() {
    CliTest.Run r = run(new byte[0], "--mode", "bm25", "ask", "hello");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Hello! Ask me a question"), r.out());
    assertFalse(r.out().contains("We thank"), r.out());
    r = run(new byte[0], "--mode", "bm25", "ask", "thanks!");
    assertTrue(r.out().startsWith("You are welcome."), r.out());
    r = run(new byte[0], "--mode", "bm25", "ask", "--json", "thanks!");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\"answered\":false"), r.out());
    assertTrue(r.out().contains("\"answers\":[]"), r.out());
    // a question with a greeting in front is still asked
    r =
        run(
            new byte[0],
            "--mode",
            "bm25",
            "ask",
            "--json",
            "hello, who signed the Sochi memorandum?");
    assertTrue(r.out().contains("\"answered\":true"), r.out());
  }

  @Test
  void everyCommandPrintsTheVersionItsHelpOffersWithDashV() {
    // From a probe: "ask -V", offered by ask --help ("Print version information and exit"),
    // printed nothing at all with exit status 0, as did -V after every other command.
    String version = run(new byte[0], "-V").out();
    assertTrue(version.startsWith("astana-qa "), version);
    for (String command :
        List.of("ask", "sources", "index", "eval", "console", "telegram", "feedback", "glossary")) {
      CliTest.Run r = run(new byte[0], command, "-V");
      assertEquals(0, r.exit(), r.err());
      assertEquals(version, r.out(), command + " -V");
    }
  }

  @Test
  void aCommandLineThatDoesNotParseIsOneLineThatPointsAtTheHelp() {
    assertUsageError(run(new byte[0], "ask", "--bogus", "x"), "unknown option: '--bogus'");
    assertUsageError(
        run(new byte[0], "ask", "--bogus", "x"), "(see: java -jar astana-qa.jar ask --help)");
    assertUsageError(run(new byte[0], "ask", "--top"), "--top");
    assertUsageError(run(new byte[0], "no-such-command"), "--help)");
  }

  @Test
  void askWithoutAQuestionOrAConsoleWithoutAPromptOnATerminalSaysItReadsTheLinesTypedThere() {
    // From a probe: "ask" alone on a terminal waited, silent, for lines no one knew to type.
    for (boolean terminal : new boolean[] {true, false}) {
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cl =
          AstanaQa.commandLine(
              java.util.Map.of(),
              new java.io.ByteArrayInputStream(
                  "Who were the Astana guarantors?\n"
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
              new java.io.PrintWriter(out),
              new java.io.PrintWriter(err),
              new java.util.concurrent.CountDownLatch(1));
      ((AstanaQa) cl.getCommand()).inIsTerminal = terminal;
      int exit =
          cl.execute("--index", tmp.resolve("index").toString(), "--mode", "bm25", "ask", "--json");
      assertEquals(0, exit, err.toString());
      assertEquals(1, out.toString().lines().count(), out.toString());
      assertEquals(
          terminal,
          err.toString()
              .contains("no question given, so each line typed here is asked, until Ctrl-D"),
          err.toString());
    }
    // the console, its output to a file or a pipe, has no prompt there: it says how to go on
    java.io.StringWriter consoleOut = new java.io.StringWriter();
    java.io.StringWriter consoleErr = new java.io.StringWriter();
    picocli.CommandLine console =
        AstanaQa.commandLine(
            java.util.Map.of(),
            new java.io.ByteArrayInputStream(
                ":new\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            new java.io.PrintWriter(consoleOut),
            new java.io.PrintWriter(consoleErr),
            new java.util.concurrent.CountDownLatch(1));
    ((AstanaQa) console.getCommand()).inIsTerminal = true;
    assertEquals(
        0,
        console.execute("--index", tmp.resolve("index").toString(), "--mode", "bm25", "console"),
        consoleErr.toString());
    assertTrue(consoleOut.toString().startsWith("New conversation"), consoleOut.toString());
    assertTrue(
        consoleErr.toString().contains("so the console has no prompt; type a question"),
        consoleErr.toString());
    // a question given is asked, with no word of the terminal
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cl =
        AstanaQa.commandLine(
            java.util.Map.of(),
            new java.io.ByteArrayInputStream(new byte[0]),
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(err),
            new java.util.concurrent.CountDownLatch(1));
    ((AstanaQa) cl.getCommand()).inIsTerminal = true;
    cl.execute("--index", tmp.resolve("index").toString(), "--mode", "bm25", "ask", "Who?");
    assertEquals("", err.toString());
  }

  @Test
  void askWithStandardInputClosedAnswersNothingInsteadOfReadingTheJvmsOwnFile() throws Exception {
    // From a probe: with fd 0 closed the JVM opens its lib/modules file there, and `ask` read
    // that file's bytes as millions of questions, writing garbage without end.
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux only");
    ChildJvm.Result r =
        ChildJvm.runWithStdinClosed(
            tmp, "--mode", "bm25", "--index", tmp.resolve("index").toString(), "ask", "--json");
    assertEquals("", r.out().length() > 300 ? r.out().substring(0, 300) : r.out());
    assertEquals(0, r.exit(), r.err());
  }

  /**
   * From a probe: questions saved with a byte-order mark (Notepad, PowerShell) made the first
   * question of ask --json start with U+FEFF, which a script then failed to match with its own
   * text, and UTF-16 questions were read as UTF-8: "\uFFFD\uFFFDW\u0000h\u0000o...", not found.
   */
  @Test
  void questionsOnStandardInputWithAByteOrderMarkAreReadAsItSays() throws Exception {
    ObjectMapper json = new ObjectMapper();
    byte[] utf8 =
        ("\uFEFFWho were the Astana guarantors?\nWhen?\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] utf16le =
        ("\uFEFFWho were the Astana guarantors?\nWhen?\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    byte[] utf16be =
        ("\uFEFFWho were the Astana guarantors?\nWhen?\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
    for (byte[] in : List.of(utf8, utf16le, utf16be)) {
      CliTest.Run r = run(in, "--mode", "bm25", "ask", "--json");
      assertEquals(0, r.exit(), r.err());
      List<String> lines = r.lines();
      assertEquals(2, lines.size(), r.out());
      JsonNode first = json.readTree(lines.get(0));
      assertEquals("Who were the Astana guarantors?", first.get("question").asText());
      assertTrue(first.get("answered").asBoolean(), lines.get(0));
      assertEquals("When?", json.readTree(lines.get(1)).get("question").asText());
    }
  }

  @Test
  void evalOfAFileThatIsNotUtf8SaysSoInOneLine() throws Exception {
    Path binary = tmp.resolve("questions.jsonl");
    Files.write(binary, new byte[] {'{', (byte) 0xff, (byte) 0xfe, 0, '}', '\n'});
    assertUsageError(run(new byte[0], "eval", binary.toString()), "is not UTF-8 text");
  }

  @Test
  void evalOfAFileWithoutQuestionsSaysSoInsteadOfPrintingFigures() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "\n// nothing yet\n\n");
    assertUsageError(run(new byte[0], "eval", empty.toString()), "holds no questions");
    Path tuneOnly =
        Files.writeString(
            tmp.resolve("tune.jsonl"), "{\"q\":\"Who?\",\"group\":1,\"expect\":[\"x\"]}\n");
    assertUsageError(
        run(new byte[0], "eval", "--part", "test", tuneOnly.toString()),
        "holds no questions in part test");
  }

  @Test
  void aPartOfAFileThatIsNotSplitIsAUsageErrorNotTheWholeFileNamedAsThatPart() throws Exception {
    // From a probe: --part tune and --part test on a file without groups each asked every
    // question and printed "part tune" / "part test", the same figures twice as two halves.
    Path unsplit =
        Files.writeString(
            tmp.resolve("unsplit.jsonl"),
            "{\"q\":\"Who were the Astana guarantors?\",\"expect\":[\"russia\"]}\n"
                + "{\"q\":\"Who?\",\"group\":0,\"expect\":[\"x\"]}\n");
    for (String part : List.of("tune", "test")) {
      assertUsageError(
          run(new byte[0], "--mode", "bm25", "eval", "--part", part, unsplit.toString()),
          "--part " + part + ": questions file " + unsplit + " is not split into tune and test");
    }
    CliTest.Run all = run(new byte[0], "--mode", "bm25", "eval", unsplit.toString());
    assertEquals(0, all.exit(), all.err());
    assertTrue(all.out().startsWith("2 questions"), all.out());
  }

  @Test
  void aQuestionMarkedOutOfScopeWithWordsToExpectIsRefusedByItsLine() throws Exception {
    // From a probe: accepted, its "expect" ignored, and with no answerable question left eval
    // printed hit@1 1.000.
    Path both =
        Files.writeString(
            tmp.resolve("both.jsonl"), "{\"q\":\"Who?\",\"none\":true,\"expect\":[\"x\"]}\n");
    assertUsageError(run(new byte[0], "eval", both.toString()), "\"none\": true with \"expect\"");
  }

  @Test
  void evalJsonWritesAFigureOverNothingAsNullNotTheStringNaN() throws Exception {
    // Two questions leave most reliability bins empty; a probe found "NaN" strings there.
    Path two =
        Files.writeString(
            tmp.resolve("two.jsonl"),
            "{\"q\":\"Who were the Astana guarantors?\",\"expect\":[\"russia\"]}\n"
                + "{\"q\":\"What is the capital of France?\",\"none\":true}\n");
    CliTest.Run r = run(new byte[0], "--mode", "bm25", "eval", "--json", two.toString());
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.out().contains("NaN"), r.out());
    var bins =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(r.out())
            .path("answerability")
            .path("binConfidence");
    assertEquals(10, bins.size(), r.out());
    assertTrue(bins.get(0).isNull() || bins.get(0).isNumber(), r.out());
    boolean someNull = false;
    for (var b : bins) {
      someNull |= b.isNull();
    }
    assertTrue(someNull, r.out());
  }

  @Test
  void aBadPartIsTheUsageErrorSaidBeforeAnythingWrongWithTheFile() throws Exception {
    // From a probe: "eval --part bogus broken.jsonl" said the file was not UTF-8, and once it was
    // mended, that --part was wrong: the option's value is checked first, as picocli checks a type.
    Path broken = tmp.resolve("broken.jsonl");
    Files.write(broken, new byte[] {'{', (byte) 0xff, '}', '\n'});
    String says = "--part must be tune, test or all, not bogus";
    assertUsageError(run(new byte[0], "eval", "--part", "bogus", broken.toString()), says);
    assertUsageError(
        run(new byte[0], "eval", "--part", "bogus", tmp.resolve("none.jsonl").toString()), says);
    assertUsageError(run(new byte[0], "eval", "--part", "bogus", tmp.toString()), says);
    assertUsageError(
        run(new byte[0], "eval", "--part", "bogus", "--squad2", broken.toString()), says);
    assertUsageError(
        run(new byte[0], "eval", "--part", "bogus", "--beir", tmp.resolve("no").toString()), says);
  }

  @Test
  void aStandardInputLineLongerThanAnyQuestionStopsAskWithOneLineAfterTheAnswersBefore() {
    byte[] stdin =
        ("Who were the guarantors?\n" + "a".repeat(StandardInput.MAX_LINE + 1) + "\nWho?\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    CliTest.Run r = run(stdin, "--mode", "bm25", "ask", "--json");
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.lines().size(), "the first question's answer, kept: " + r.out());
    assertTrue(r.out().startsWith("{\"question\":\"Who were the guarantors?\""), r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("line 2 of standard input is longer than"), r.err());
  }

  @Test
  void aStandardInputLineInAnotherEncodingIsAnsweredWithAWarningThatNamesIt() throws Exception {
    // From a probe: a Russian question saved in Windows-1251 was read as U+FFFD alone and
    // answered "Please write a question", with nothing on stderr to say why.
    java.io.ByteArrayOutputStream stdin = new java.io.ByteArrayOutputStream();
    stdin.write("Who were the guarantors?\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    stdin.write(
        "Кто был гарантом?\r\nКто?\nWho?\n"
            .getBytes(java.nio.charset.Charset.forName("windows-1251")));
    for (String command : List.of("ask", "console")) {
      CliTest.Run r = run(stdin.toByteArray(), "--mode", "bm25", command);
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().startsWith("Likely answer"), r.out());
      List<String> warnings = r.err().lines().filter(l -> l.contains("warning")).toList();
      assertEquals(1, warnings.size(), "one warning, at the first such line: " + r.err());
      assertTrue(warnings.get(0).contains("line 2 of standard input is not UTF-8 text"), r.err());
      assertTrue(warnings.get(0).contains("save the questions as UTF-8"), r.err());
    }
    // each line is still answered, by one JSON line, in UTF-8 or not
    CliTest.Run r = run(stdin.toByteArray(), "--mode", "bm25", "ask", "--json");
    assertEquals(4, r.lines().size(), r.out());
    assertTrue(r.err().contains("line 2 of standard input is not UTF-8 text"), r.err());
    // and a question in UTF-8 throughout has no warning, though it holds U+FFFD itself
    r =
        run(
            "Who \uFFFD were the guarantors?\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "--mode",
            "bm25",
            "ask");
    assertFalse(r.err().contains("warning"), r.err());
  }

  @Test
  void aLimitOfNoQuestionsIsAUsageErrorNotEveryQuestion() {
    // From a probe: --limit 0 and --limit -5 asked every question of the benchmark, silently.
    for (String n : List.of("0", "-5")) {
      assertUsageError(
          run(new byte[0], "eval", "--limit", n, "--squad", tmp.resolve("no.json").toString()),
          "--limit must be 1 or more, not " + n);
    }
  }

  @Test
  void anEmptyPathOptionIsAUsageErrorNotTheDefault() {
    // From a probe: --corpus "" (a script's unset variable) answered from the bundled seeds with
    // exit 0, --index "" used the default folder, and --config "" said the file "is a folder".
    for (String option : List.of("--corpus", "--index", "--config")) {
      assertUsageError(run(new byte[0], option, "", "sources"), option + " is empty");
      assertUsageError(run(new byte[0], "sources", option, " "), option + " is empty");
    }
  }

  @Test
  void aDiagramOrWeightsFileThatCannotBeWrittenIsSaidFirstInOneLineWithoutAStackTrace()
      throws Exception {
    // From a probe: "eval --diagram /tmp q.jsonl" asked every question, then ImageIO printed a
    // stack trace on stderr and the run ended "unexpected error (IIOException)", exit 1;
    // "--fit-confidence /tmp" ended "unexpected error (FileSystemException)".
    Path questions =
        Files.writeString(
            tmp.resolve("q.jsonl"),
            "{\"q\":\"Who were the Astana guarantors?\",\"expect\":[\"russia\"],\"group\":2}\n");
    Path folder = Files.createDirectories(tmp.resolve("out"));
    for (String option : List.of("--diagram", "--fit-confidence")) {
      assertUsageError(
          run(
              new byte[0],
              "--mode",
              "bm25",
              "eval",
              option,
              folder.toString(),
              questions.toString()),
          option + " " + folder + " is a folder; give a file name");
      assertTrue(Files.isDirectory(folder), "ImageIO deleted an empty folder to write there");
      Path nowhere = tmp.resolve("no").resolve("such").resolve("x.out");
      assertUsageError(
          run(
              new byte[0],
              "--mode",
              "bm25",
              "eval",
              option,
              nowhere.toString(),
              questions.toString()),
          "the folder " + nowhere.getParent() + " does not exist");
    }
  }

  @Test
  void evalOfOneKindOfQuestionSaysTheOtherKindsFiguresAreNotThereNotPerfectOrZero()
      throws Exception {
    // From a probe: a file of out-of-scope questions alone printed "hit@1 1.000 ... MRR 0.000
    // ... false not-found 1.000" (every answerable question of none answered "not found") and
    // "AUROC NaN"; --json said hitAt1 1.0.
    Path outOfScope =
        Files.writeString(
            tmp.resolve("oos.jsonl"), "{\"q\":\"What is the capital of France?\",\"none\":true}\n");
    CliTest.Run r = run(new byte[0], "--mode", "bm25", "eval", outOfScope.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .contains(
                "hit@1 n/a  answer@1 n/a  hit@3 n/a  MRR n/a  not-found accuracy 1.000  false"
                    + " not-found n/a"),
        r.out());
    assertTrue(r.out().contains("AUROC n/a"), r.out());
    assertFalse(r.out().contains("NaN"), r.out());
    JsonNode report =
        new ObjectMapper()
            .readTree(
                run(new byte[0], "--mode", "bm25", "eval", "--json", outOfScope.toString()).out())
            .get("report");
    assertTrue(report.get("hitAt1").isNull(), report.toString());
    assertTrue(report.get("falseNotFound").isNull(), report.toString());
    assertEquals(1.0, report.get("notFoundAccuracy").asDouble(), report.toString());
    // and answerable questions alone: no out-of-scope question to be right or wrong about
    Path answerable =
        Files.writeString(
            tmp.resolve("a.jsonl"),
            "{\"q\":\"Who were the Astana guarantors?\",\"expect\":[\"russia\"]}\n");
    r = run(new byte[0], "--mode", "bm25", "eval", answerable.toString());
    assertTrue(r.out().contains("not-found accuracy n/a  false not-found 0.000"), r.out());
  }

  @Test
  void anEvalOptionThatTheRunDoesNotReadIsAUsageErrorNotIgnored() throws Exception {
    // From a probe: "eval questions.jsonl --limit 5" asked every question and --baseline ran no
    // baseline, exit status 0; --json with --diagram printed text, and --part was not read.
    Path questions =
        Files.writeString(
            tmp.resolve("q.jsonl"),
            "{\"q\":\"Who were the Astana guarantors?\",\"expect\":[\"russia\"],\"group\":2}\n");
    String q = questions.toString();
    assertUsageError(
        run(new byte[0], "--mode", "bm25", "eval", q, "--limit", "5"),
        "--limit goes with --beir or --squad only");
    assertUsageError(
        run(new byte[0], "--mode", "bm25", "eval", q, "--baseline"),
        "--baseline goes with --beir or --squad only");
    String png = tmp.resolve("d.png").toString();
    assertUsageError(
        run(new byte[0], "--mode", "bm25", "eval", "--diagram", png, q, "--json"),
        "--json does not go with --diagram");
    assertUsageError(
        run(new byte[0], "--mode", "bm25", "eval", "--diagram", png, q, "--part", "tune"),
        "--part does not go with --diagram");
    assertUsageError(
        run(new byte[0], "--mode", "bm25", "eval", "--fit-confidence", png, q, "--json"),
        "--json does not go with --fit-confidence");
    assertFalse(Files.exists(Path.of(png)));
  }

  @Test
  void aDeviceOrPipeGivenToEvalIsSaidToBeNoFileNotToBeMissing() {
    // From a probe: "eval /dev/zero" and "eval --squad2 /dev/zero" said the file "does not exist".
    Path device = Path.of("/dev/null");
    Assumptions.assumeTrue(Files.exists(device), "a Unix device");
    assertUsageError(
        run(new byte[0], "eval", device.toString()),
        "questions file /dev/null is not a regular file (a device or a pipe)");
    assertUsageError(
        run(new byte[0], "eval", "--squad2", device.toString()),
        "SQuAD 2.0 file /dev/null is not a regular file (a device or a pipe)");
  }

  @Test
  void evalOfAFolderSaysItIsAFolder() {
    assertUsageError(run(new byte[0], "eval", tmp.toString()), "is a folder");
  }

  @Test
  void askJsonAnswersEveryHostileLineWithOneJsonLine() throws Exception {
    byte[] stdin =
        ("when was the sochi \u00ff memorandum signed?\n\u0000\n\n"
                + "Astana ".repeat(14_286)
                + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    stdin[19] = (byte) 0xff; // invalid UTF-8 in the middle of the first question
    CliTest.Run r = run(stdin, "ask", "--json");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.lines();
    assertEquals(4, lines.size(), r.out());
    for (String line : lines) {
      JsonNode o = new ObjectMapper().readTree(line);
      assertTrue(o.has("answered") && o.has("question"), line);
    }
    assertTrue(new ObjectMapper().readTree(lines.get(0)).get("answered").asBoolean(), lines.get(0));
    assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
  }

  /** A corpus of {@code n} small documents, each with a sentence of its own. */
  static Path manyDocuments(Path dir, int n) throws java.io.IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < n; i++) {
      Files.writeString(
          dir.resolve("doc" + i + ".txt"),
          "Delegation number " + i + " met in Astana on the ceasefire in Syria.\n");
    }
    return dir;
  }

  /**
   * From a probe: {@code index 2> index.log} drew the progress bar into the file, 50 redrawings
   * joined by carriage returns on one line. Away from a terminal progress is plain lines.
   */
  @Test
  void indexProgressIntoAFileIsPlainLinesNotABarOfCarriageReturns() throws Exception {
    Path corpus = manyDocuments(tmp.resolve("many"), 60);
    CliTest.Run r = run(new byte[0], "--mode", "bm25", "--corpus", corpus.toString(), "index");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Indexed 60 documents"), r.out());
    assertFalse(r.err().contains("\r"), r.err());
    assertTrue(r.err().contains("indexing 100% (60/60 documents)"), r.err());
    assertTrue(r.err().lines().count() <= 10, r.err());
  }

  /**
   * From a probe: "questions file nonexist.jsonl does not exist" said what was wrong but not where
   * a relative path is looked for or what file to give.
   */
  @Test
  void aMissingQuestionsOrBenchmarkFileSaysWhereItLookedAndWhatToGive() {
    String missing = tmp.resolve("nowhere").resolve("questions.jsonl").toString();
    for (String[] args :
        List.of(
            new String[] {"eval", "questions.jsonl"},
            new String[] {"eval", missing},
            new String[] {"eval", "--fit-confidence", tmp.resolve("w.json").toString(), missing},
            new String[] {"eval", "--diagram", tmp.resolve("d.png").toString(), missing})) {
      CliTest.Run r = run(new byte[0], args);
      assertUsageError(r, "does not exist");
      assertEquals(
          !args[args.length - 1].startsWith("/"),
          r.err().contains("taken from the working folder " + Path.of("").toAbsolutePath()),
          r.err());
      assertTrue(r.err().contains("give a questions file (JSON lines"), r.err());
    }
    assertUsageError(run(new byte[0], "eval", "--squad2", missing), "give the SQuAD 2.0");
    assertUsageError(run(new byte[0], "eval", "--squad", missing), "give a SQuAD");
    assertUsageError(run(new byte[0], "eval", "--beir", missing), "give a BEIR dataset folder");
  }

  /**
   * From a probe: {@code ask questions.txt} searched the words "questions.txt", answered "not
   * found" and exited 0, so a user who meant the file's questions was not told how to give them.
   * The answer stays as it was (the command line is a contract); a note on stderr says how.
   */
  @Test
  void askGivenAFileNameSaysHowToAskTheFilesQuestions() throws Exception {
    for (String name : List.of("questions.txt", "missing-questions.jsonl")) {
      if (name.equals("questions.txt")) {
        Files.writeString(tmp.resolve(name), "Who were the Astana guarantors?\n");
      }
      CliTest.Run r =
          run(new byte[0], "--mode", "bm25", "ask", "--json", tmp.resolve(name).toString());
      assertEquals(0, r.exit(), r.err());
      JsonNode o = new ObjectMapper().readTree(r.out());
      assertEquals(tmp.resolve(name).toString(), o.get("question").asText());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().contains("was asked as a question"), r.err());
      assertTrue(r.err().contains("ask --json < " + tmp.resolve(name)), r.err());
    }
    CliTest.Run plain =
        run(new byte[0], "--mode", "bm25", "ask", "Who", "were", "the", "guarantors?");
    assertEquals("", plain.err());
  }

  /**
   * From a probe: {@code --help} lists each command by its description's first line, and eval's
   * read "Evaluate the engine on a questions file (JSON lines: q, expect, docs, none)," there.
   */
  @Test
  void everyCommandIsListedInTheHelpByAWholeSentence() {
    picocli.CommandLine cl =
        AstanaQa.commandLine(
            java.util.Map.of(),
            java.io.InputStream.nullInputStream(),
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.util.concurrent.CountDownLatch(1));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              String first = sub.getCommandSpec().usageMessage().description()[0];
              assertTrue(first.endsWith("."), name + ": " + first);
            });
  }

  /**
   * From a probe: "unmatched argument at index 4: 'extra'" counted words instead of naming them.
   */
  @Test
  void aStrayWordAfterACommandIsNamedAsOneItDoesNotTake() {
    CliTest.Run r = run(new byte[0], "--mode", "bm25", "index", "--if-changed", "extra");
    assertUsageError(r, "index takes no argument 'extra'");
    assertFalse(r.err().contains("at index"), r.err());
    assertUsageError(run(new byte[0], "sources", "x", "y"), "sources takes no argument 'x'");
  }

  /**
   * From a probe: an option every command takes, given before the command and again after it
   * ({@code --mode bm25 sources --mode hybrid}), silently took the last one, where the same option
   * given twice on one side is refused; a script that set --mode in a wrapper and again in its call
   * ran the mode it did not mean, and built that mode's index, with exit status 0.
   */
  @Test
  void anOptionGivenBeforeAndAfterTheCommandIsRefusedNotSilentlyTheLastOne() {
    for (String option : List.of("--mode", "--corpus", "--index", "--config")) {
      String first = option.equals("--mode") ? "bm25" : tmp.resolve("a").toString();
      String second = option.equals("--mode") ? "hybrid" : tmp.resolve("b").toString();
      // with --index in the arguments the run gets no index folder of its own
      CliTest.Run r = run(new byte[0], option, first, "sources", option, second);
      assertUsageError(r, "option '" + option + "' was given both before and after 'sources'");
      assertUsageError(r, "(see: java -jar astana-qa.jar sources --help)");
    }
    for (String folder : List.of("index", "a", "b")) {
      assertFalse(Files.exists(tmp.resolve(folder)), "no index was built: " + folder);
    }
  }

  /**
   * From a probe: {@code index} printed each skipped file and each file warning twice, once as a
   * log line on stderr while it built and again in its summary on stdout. The summary names them
   * (once); the log file keeps them; {@code ask}, which has no summary, still says them on stderr.
   */
  @Test
  void indexNamesEachFileWarningOnceInItsSummaryNotAgainOnStderr() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.write(
        corpus.resolve("latin.txt"),
        "Der Vertrag wurde in Astana unterzeichnet, sagte der Minister f\u00fcr Ausw\u00e4rtiges."
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Files.writeString(corpus.resolve("empty.txt"), "");
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana in May 2017.");
    Files.createSymbolicLink(corpus.resolve("gone.txt"), tmp.resolve("nowhere.txt"));
    List<String> files = List.of("latin.txt", "empty.txt", "gone.txt");
    String[] common = {"--mode", "bm25", "--corpus", corpus.toString(), "--index"};
    ChildJvm.Result r =
        ChildJvm.run(
            tmp,
            List.of(),
            java.util.Map.of(),
            concat(common, tmp.resolve("index").toString(), "index"));
    assertEquals(0, r.exit(), r.err());
    for (String file : files) {
      assertEquals(1, r.out().split(java.util.regex.Pattern.quote(file), -1).length - 1, r.out());
      assertFalse(r.err().contains(file), "said once, in the summary: " + r.err());
    }
    String log = Files.readString(tmp.resolve("data").resolve("astana-qa.log"));
    for (String file : files) {
      assertTrue(log.contains(file), "the log keeps " + file + ": " + log);
    }
    ChildJvm.Result ask =
        ChildJvm.run(
            tmp,
            List.of(),
            java.util.Map.of(),
            concat(common, tmp.resolve("index2").toString(), "ask", "Who met?"));
    assertEquals(0, ask.exit(), ask.err());
    for (String file : files) {
      assertTrue(ask.err().contains(file), "ask has no summary: " + ask.err());
    }
  }

  /**
   * From a probe: a benchmark file that is not one said Java's and Jackson's words instead of what
   * was wrong: "cannot read e.json: Cannot invoke
   * \"com.fasterxml.jackson.databind.JsonNode.size()\" because ... is null" for JSON of another
   * shape, "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2,
   * column: 1]" for broken JSON, and "cannot read beirx: beirx/corpus.jsonl" for a folder without
   * BEIR's files.
   */
  @Test
  void aBenchmarkFileThatIsNotOneSaysWhatIsWrongInItsOwnWords() throws Exception {
    Path other = Files.writeString(tmp.resolve("other.json"), "{\"items\": []}\n");
    Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"data\": [\n");
    Path folder = Files.createDirectories(tmp.resolve("beir"));
    List<CliTest.Run> runs =
        List.of(
            run(new byte[0], "--mode", "bm25", "eval", "--squad2", other.toString()),
            run(new byte[0], "--mode", "bm25", "eval", "--squad", other.toString()),
            run(new byte[0], "--mode", "bm25", "eval", "--squad", broken.toString()),
            run(new byte[0], "--mode", "bm25", "eval", "--beir", folder.toString()));
    List<String> says =
        List.of(
            other + " is not a SQuAD file: it has no \"data\" list of articles",
            other + " is not a SQuAD file: it has no \"data\" list of articles",
            broken + " is not valid JSON (line 2, column 1:",
            folder + " is not a BEIR dataset folder: it has no corpus.jsonl");
    for (int i = 0; i < runs.size(); i++) {
      CliTest.Run r = runs.get(i);
      assertUsageError(r, says.get(i));
      assertUsageError(r, "; give ");
      for (String internal : List.of("Cannot invoke", "jackson", "REDACTED", "Exception")) {
        assertFalse(r.err().contains(internal), r.err());
      }
    }
  }

  /**
   * From a probe: {@code ask < /} (a folder given as standard input, a redirection gone wrong) and
   * {@code console < folder} ended with "unexpected error (IOException) ... Please report it", exit
   * status 1, as if the program were at fault. They say what was wrong and what to give.
   */
  @Test
  void aFolderAsStandardInputIsAUsageErrorNotAnUnexpectedOne() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux only");
    for (String command : List.of("ask --json", "console")) {
      String args =
          "--mode bm25 --index '" + tmp.resolve("index") + "' " + command + " < '" + tmp + "'";
      ChildJvm.Result r =
          ChildJvm.runFromShell(
              tmp, java.util.Map.of(), args.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(2, r.exit(), r.err());
      assertEquals("", r.out());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("astana-qa: standard input is a folder, not text;"), r.err());
      assertTrue(r.err().contains("< questions.txt"), r.err());
    }
  }

  /** From a probe: {@code eval --squad2 seeds} said the folder "does not exist". */
  @Test
  void aFolderGivenAsASquadFileIsCalledAFolder() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("squad"));
    for (String option : List.of("--squad2", "--squad")) {
      CliTest.Run r = run(new byte[0], "--mode", "bm25", "eval", option, folder.toString());
      assertUsageError(r, folder + " is a folder, not a file; give ");
      assertFalse(r.err().contains("does not exist"), r.err());
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
