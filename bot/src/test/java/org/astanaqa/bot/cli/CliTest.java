package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.astanaqa.bot.config.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;

  /** The result of one run of the command line. */
  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  /**
   * The seed documents as a folder of the working tree: a corpus the console watches and updates.
   */
  private static final String SEEDS =
      java.nio.file.Path.of("..", "seeds").toAbsolutePath().normalize().toString();

  private Run run(String stdin, String... args) {
    return runIn(tmp.resolve("index"), stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /**
   * Runs the command line in this process on {@code stdin}, with an index of its own in {@code
   * index} unless {@code args} name one.
   */
  static Run runIn(Path index, byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = args;
    if (!List.of(args).contains("--index")) {
      all = new String[args.length + 2];
      all[0] = "--index";
      all[1] = index.toString();
      System.arraycopy(args, 0, all, 2, args.length);
    }
    int exit =
        AstanaQa.commandLine(
                Map.of(),
                new ByteArrayInputStream(stdin),
                new PrintWriter(out),
                new PrintWriter(err),
                new java.util.concurrent.CountDownLatch(1))
            .execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void askJsonFollowsTheContract() throws Exception {
    Run r = run("", "ask", "--json", "When", "was", "the", "Sochi", "memorandum", "signed?");
    assertEquals(0, r.exit(), r.err());
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertEquals("When was the Sochi memorandum signed?", o.get("question").asText());
    assertTrue(o.get("answered").asBoolean());
    JsonNode first = o.get("answers").get(0);
    assertTrue(first.get("quote").asText().contains("17 September"));
    assertTrue(first.get("passage").asText().contains(first.get("quote").asText()));
    assertTrue(first.get("score").isNumber());
    double confidence = o.get("confidence").asDouble();
    assertTrue(confidence > 0.5 && confidence <= 1, "a likely answer: " + confidence);
    assertEquals(
        confidence, first.get("confidence").asDouble(), 1e-9, "the answer's is its first quote's");
    JsonNode source = first.get("source");
    assertEquals("001_2e8e6cbd8c1d14e3", source.get("id").asText());
    assertEquals("2018-09", source.get("date").asText());
    assertTrue(source.get("url").isNull());
    assertTrue(source.has("title") && source.has("publisher"));
  }

  /**
   * {@code ask} on 100 UN speeches, the first time or after an {@code index} run killed while it
   * computed the vectors, was silent for 88 s on stderr and stdout alike, as if it hung; it now
   * says on stderr that it builds the index first, and when it is built. A later run, and a small
   * corpus, say nothing.
   */
  @Test
  void askSaysOnStderrThatItBuildsTheIndexOfALargeCorpusFirst() throws Exception {
    Path corpus = harbourReports("large", IndexCommand.PROGRESS_FROM);
    Run first =
        run("", "--corpus", corpus.toString(), "--mode", "bm25", "ask", "When did the board meet?");
    assertEquals(0, first.exit(), first.err());
    assertTrue(
        first.err().contains("building the index of 50 documents first"), "stderr: " + first.err());
    assertTrue(first.err().contains("index built in"), first.err());
    assertFalse(first.out().contains("building"), "standard output carries only the answer");
    Run again =
        run("", "--corpus", corpus.toString(), "--mode", "bm25", "ask", "When did the board meet?");
    assertEquals("", again.err());
    assertEquals(first.out(), again.out());
  }

  /**
   * A corpus under the index command's progress threshold is built in a second or two: {@code ask},
   * {@code sources}, {@code eval} and {@code glossary} build it without a word on stderr, as they
   * did before the note.
   */
  @Test
  void aSmallCorpusIsBuiltWithoutANote() throws Exception {
    Path corpus = harbourReports("small", IndexCommand.PROGRESS_FROM - 1);
    Run ask =
        run("", "--corpus", corpus.toString(), "--mode", "bm25", "ask", "When did the board meet?");
    assertEquals(0, ask.exit(), ask.err());
    assertEquals("", ask.err());
    assertFalse(ask.out().isBlank(), "the answer, on standard output");
    Run sources =
        run(
            "",
            "--corpus",
            corpus.toString(),
            "--index",
            tmp.resolve("i2").toString(),
            "--mode",
            "bm25",
            "sources");
    assertEquals(0, sources.exit(), sources.err());
    assertEquals("", sources.err(), "a fresh index of 49 documents, built without a note");
  }

  @Test
  void directAnswersAreOffByDefaultAndOnWhenConfigured() throws Exception {
    Run off = run("", "ask", "--json", "--mode", "bm25", "When was the Sochi memorandum signed?");
    assertTrue(new ObjectMapper().readTree(off.out()).get("direct").isNull(), off.out());
    Path config =
        Files.writeString(tmp.resolve("direct.yaml"), "retrieval:\n  directAnswers: true\n");
    Run on =
        run(
            "",
            "--config",
            config.toString(),
            "ask",
            "--json",
            "--mode",
            "bm25",
            "When was the Sochi memorandum signed?");
    JsonNode o = new ObjectMapper().readTree(on.out());
    JsonNode direct = o.get("direct");
    assertEquals("date", direct.get("type").asText(), on.out());
    String quote = o.get("answers").get(direct.get("answer").asInt()).get("quote").asText();
    assertTrue(quote.contains("17 September"), quote);
    assertTrue(direct.get("text").asText().startsWith("17 September"), on.out());
  }

  @Test
  void aNotFoundAnswerStillCarriesTheBestCandidatesConfidence() throws Exception {
    Run r = run("", "ask", "--json", "--mode", "bm25", "Who is the prime minister of Canada?");
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertFalse(o.get("answered").asBoolean());
    assertEquals(0, o.get("answers").size());
    double confidence = o.get("confidence").asDouble();
    assertTrue(
        confidence > 0 && confidence < 0.5, "a low confidence, not a missing one: " + confidence);
  }

  @Test
  void askWithoutAQuestionAnswersEachInputLineInOrder() throws Exception {
    Run r =
        run(
            "Who were the Astana guarantors?\n\nWhat is the capital of France?\n",
            "ask",
            "--json",
            "--top",
            "1");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.lines();
    assertEquals(3, lines.size(), "one line per input line, blank ones included");
    ObjectMapper json = new ObjectMapper();
    assertTrue(json.readTree(lines.get(0)).get("answered").asBoolean());
    assertEquals(1, json.readTree(lines.get(0)).get("answers").size());
    assertFalse(json.readTree(lines.get(1)).get("answered").asBoolean());
    assertFalse(json.readTree(lines.get(2)).get("answered").asBoolean());
  }

  @Test
  void consoleWithPipedInputAnswersEachLineAndHandlesItsCommands() {
    Run r = run("garantors\n:sources\n:quit\nnever asked\n", "console");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Russia, Turkey and Iran"), r.out());
    assertTrue(r.out().contains("TASS \u00b7 2017-10-30"), r.out());
    assertFalse(r.out().contains("never asked"));
  }

  @Test
  void aCommandInCapitalsOrQuitExitOrHelpTypedAloneIsTheCommandNotAQuestion() {
    // From a probe: ":QUIT" (Caps Lock) was "Unknown command :QUIT", and "exit", "quit" or "help"
    // typed alone, as in a shell, were asked as questions: "quit" was answered "Likely answer
    // (confidence 0.79)" from "... failing for quite a time".
    Run r = run("help\n:SOURCES\nQuit\nnever asked\n", "--mode", "bm25", "console");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  :sources   list the indexed documents"), r.out());
    assertTrue(r.out().contains("TASS \u00b7 2017-10-30"), r.out());
    assertFalse(r.out().contains("Unknown command"), r.out());
    assertFalse(r.out().contains("Not found") || r.out().contains("answer ("), r.out());
    Run exit = run("exit\nnever asked\n", "--mode", "bm25", "console");
    assertEquals("", exit.out().strip(), exit.out());
    assertEquals(":quit", ConsoleCommand.command(" EXIT ".strip()));
    assertEquals("Who helps?", ConsoleCommand.command("Who helps?"));
  }

  /**
   * From a probe: "hello" was answered "This may be related" with a quote, and "hello there" after
   * it became "Answering: Hello and hello there?".
   */
  @Test
  void aGreetingInTheConsoleIsGreetedBackAndLeavesNoContext() {
    Run r = run("hello\nhello there\nwho signed it?\n", "--mode", "bm25", "console");
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, r.out().split("Hello! Ask me a question", -1).length - 1, r.out());
    assertTrue(r.out().contains("for example: Who were the Astana guarantors?"), r.out());
    assertFalse(r.out().contains("Answering:"), r.out());
    assertFalse(r.out().contains("may be related"), r.out());
  }

  @Test
  void theConsoleSaysWhichQuestionAFollowUpWasAnsweredAs() {
    Run r =
        run(
            "When was the Sochi memorandum signed?\nwho signed it?\n:new\nwho signed it?\n",
            "--mode",
            "bm25",
            "console");
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, r.out().split("Answering: ", -1).length - 1, r.out());
    assertTrue(r.out().contains("Answering: Who signed the Sochi memorandum?\n"), r.out());
    assertTrue(r.out().contains("Defence Ministers"), r.out());
  }

  @Test
  void helpListsTheCommandsAndQuestionsToTryWithoutTheBanner() {
    Run r = run(":help\n:nonsense\n", "--mode", "bm25", "console");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("  :sources   list the indexed documents"), r.out());
    assertTrue(r.out().contains("  :quit      leave"), r.out());
    assertTrue(r.out().contains("for example:\n  Who were the Astana guarantors?"), r.out());
    assertTrue(r.out().contains("Unknown command :nonsense; :help lists the commands."), r.out());
    assertFalse(r.out().contains("passages from"), "no banner: " + r.out());
  }

  @Test
  void notFoundPointsAtACommandThatExistsWhereItIsShown() {
    String question = "What is the capital of France?";
    Run ask = run("", "--mode", "bm25", "ask", question);
    assertTrue(ask.out().contains("or java -jar astana-qa.jar sources to see"), ask.out());
    assertFalse(ask.out().contains(":sources"), ask.out());
    // In Russian the same command, and no English words around it (a probe saw "или the sources
    // command (...)").
    Run ru = run("", "--mode", "bm25", "ask", "Какая столица Франции?");
    assertTrue(ru.out().contains("или java -jar astana-qa.jar sources, чтобы"), ru.out());
    assertFalse(ru.out().contains("the sources command"), ru.out());
    Run console = run(question + "\n", "--mode", "bm25", "console");
    assertTrue(console.out().contains("or :sources to see what is indexed"), console.out());
    Run sources = run("", "--mode", "bm25", "sources");
    assertEquals(0, sources.exit(), sources.err());
    assertEquals(5, sources.lines().size(), sources.out());
    assertTrue(sources.out().contains("TASS \u00b7 2017-10-30"), sources.out());
  }

  @Test
  void theFirstConsoleStartSaysItIsBuildingTheIndexAndAboutHowLong() {
    Run first = run("sochi memorandum\n", "--corpus", SEEDS, "console");
    assertEquals(0, first.exit(), first.err());
    assertTrue(
        first
            .err()
            .matches(
                "Building the index of 5 documents \\(only on the first start"
                    + " or when files change\\)\\.\\.\\.\\RAbout \\d+ s to go\\.\\R"
                    + "Index built in \\d+\\.\\d s\\.\\R"),
        first.err());
    // In the default (hybrid) mode the console indexes words first, vectors after.
    // The figures are times of this build, not of the clock's origin: five seed documents take
    // seconds, however loaded the machine.
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("About (\\d+) s to go\\.\\RIndex built in (\\d+\\.\\d) s")
            .matcher(first.err());
    assertTrue(m.find(), first.err());
    assertTrue(
        Long.parseLong(m.group(1)) < 600 && Double.parseDouble(m.group(2)) < 600, first.err());
    Run again = run("sochi memorandum\n", "--corpus", SEEDS, "console");
    assertEquals("", again.err(), "the index is reused: nothing to say");
  }

  @Test
  void ctrlCClearsAHalfTypedLineAndQuitsOnAnEmptyOne() {
    assertFalse(ConsoleCommand.quitsOnCtrlC("Who were the"));
    assertTrue(ConsoleCommand.quitsOnCtrlC(""));
    assertTrue(ConsoleCommand.quitsOnCtrlC("  "));
  }

  @Test
  void theConsoleKeepsItsHistoryInTheDataFolderNotBesideAnIndexFolderGivenElsewhere() {
    // From a probe: with --corpus docs --index docs/.index (an index inside the corpus, which the
    // corpus reading leaves out), the console wrote docs/console-history, the index folder's
    // parent; its live index then warned on the terminal, between two answers, "skipped
    // console-history: unsupported type". With --index ~/idx it wrote ~/console-history.
    Path docs = tmp.resolve("docs");
    Path data = tmp.resolve("data");
    org.astanaqa.bot.config.AppConfig config =
        new org.astanaqa.bot.config.AppConfig(
            docs.toString(), data.toString(), docs.resolve(".index").toString(), null, null, null);
    assertEquals(data.resolve("console-history"), ConsoleCommand.historyFile(config));
    org.astanaqa.bot.config.AppConfig defaults = org.astanaqa.bot.config.AppConfig.defaults();
    assertEquals(Path.of("data", "console-history"), ConsoleCommand.historyFile(defaults));
  }

  @Test
  void aHistoryTheConsoleCannotWriteIsOneLineNotAStackTraceAfterEachAnswer() throws Exception {
    // From a probe: with a data folder that could not be written (a read-only disk; --index
    // elsewhere), JLine printed "WARNING: Failed to save history" and a 40-line stack trace on the
    // terminal after every answer.
    Path blocked = Files.writeString(tmp.resolve("a-file"), "not a folder");
    java.io.StringWriter said = new java.io.StringWriter();
    Path history = blocked.resolve("console-history");
    assertEquals(null, ConsoleCommand.keptHistory(history, new java.io.PrintWriter(said)));
    assertEquals(1, said.toString().lines().count(), said.toString());
    assertTrue(
        said.toString().startsWith("astana-qa: cannot keep the console's history in " + history),
        said.toString());
    assertTrue(said.toString().contains("kept for this session only"), said.toString());
    assertFalse(said.toString().contains("Exception"), said.toString());
    // JLine's own later failures go to the log, not to the terminal
    assertFalse(java.util.logging.Logger.getLogger("org.jline").getUseParentHandlers());
    Path writable = tmp.resolve("data").resolve("console-history");
    assertEquals(writable, ConsoleCommand.keptHistory(writable, new java.io.PrintWriter(said)));
    assertEquals(1, said.toString().lines().count(), said.toString());
  }

  @Test
  void noCommandAndNoTokenStartsTheConsole() {
    Run r = run("sochi memorandum\n");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("17 September"), r.out());
  }

  @Test
  void aMissingCorpusIsAUsageErrorInOneLine() {
    Run r = run("", "ask", "--corpus", tmp.resolve("missing").toString(), "anything");
    assertEquals(2, r.exit());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("does not exist"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aBadConfigurationNamesTheKeyAndExitsWithTwo() throws Exception {
    Path config = Files.writeString(tmp.resolve("bad.yaml"), "answerz: 3\n");
    Run r = run("", "--config", config.toString(), "ask", "x");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("\"answerz\""), r.err());
  }

  @Test
  void anUnknownCommandAndAFolderGivenAsTheConfigurationSayWhatTheyAre() {
    Run r = run("", "frobnicate");
    assertEquals(2, r.exit());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err().contains("unknown command 'frobnicate'; the commands are console, ask"), r.err());
    Run folder = run("", "--config", tmp.toString(), "ask", "x");
    assertEquals(2, folder.exit());
    assertTrue(folder.err().contains(tmp + " is a folder"), folder.err());
    // a question with more words is still a question, not an unknown command
    assertEquals(0, run("", "ask", "who", "signed", "it").exit());
  }

  @Test
  void aBadOptionValueIsAUsageError() {
    Run r = run("", "ask", "--top", "0", "x");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--top must be between 1 and 20"), r.err());
  }

  @Test
  void indexReportsDocumentsPassagesAndSkippedFiles() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(
        corpus.resolve("a.txt"), "The guarantors met in Astana. They agreed on four zones.");
    Files.write(corpus.resolve("broken.txt"), new byte[] {'a', (byte) 0x81, 0x01});
    Files.write(
        corpus.resolve("cafe.txt"),
        "The caf\u00e9 opened in Astana in June.".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(corpus.resolve("logo.png"), new byte[] {1, 2, 3});
    Run r = run("", "index", "--corpus", corpus.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Indexed 2 documents, 2 passages"), r.out());
    assertTrue(r.out().contains("broken.txt: not UTF-8, Windows-1251 or Latin-1"), r.out());
    assertTrue(r.out().contains("logo.png: unsupported type .png"), r.out());
    assertTrue(r.out().contains("Warning: cafe.txt: not UTF-8; read as ISO-8859-1"), r.out());
  }

  @Test
  void indexListsTheSkippedFilesSortedByPathWhateverSkippedThem() throws Exception {
    // From a probe: the files refused by their type came first, then those that could not be
    // read, each group sorted on its own ("b.xyz, image.png, bin.txt, fake.pdf, zero.pdf").
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(
        corpus.resolve("a.txt"), "The guarantors met in Astana. They agreed on four zones.");
    Files.createDirectories(corpus.resolve("sub"));
    Files.write(corpus.resolve("b.xyz"), new byte[] {1});
    Files.write(corpus.resolve("image.png"), new byte[] {1, 2, 3});
    Files.write(corpus.resolve("bin.txt"), new byte[] {'h', 0, 1, 2});
    Files.writeString(corpus.resolve("fake.pdf"), "not a pdf");
    Files.write(corpus.resolve("sub/c.txt"), new byte[] {'h', 0, 1, 2});
    Files.write(corpus.resolve("sub/a.png"), new byte[] {1});
    List<String> sorted =
        List.of("b.xyz", "bin.txt", "fake.pdf", "image.png", "sub/a.png", "sub/c.txt");
    for (String[] args :
        new String[][] {
          {"--mode", "bm25", "index", "--corpus", corpus.toString()},
          {"--mode", "bm25", "index", "--if-changed", "--corpus", corpus.toString()}
        }) {
      Run r = run("", args);
      assertEquals(0, r.exit(), r.err());
      List<String> lines = r.lines();
      int at = lines.indexOf("Skipped 6 files:");
      assertTrue(at >= 0, r.out());
      List<String> listed =
          lines.subList(at + 1, at + 7).stream().map(l -> l.substring(2, l.indexOf(": "))).toList();
      assertEquals(sorted, listed, r.out());
    }
  }

  @Test
  void aFileNameWithALineBreakOrAnEscapeIsOneLineOfTheIndexSummary() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(
        corpus.resolve("a.txt"), "The guarantors met in Astana. They agreed on four zones.");
    Files.write(corpus.resolve("logo\n\u001b[2J.png"), new byte[] {1, 2, 3});
    Files.writeString(corpus.resolve("list\n.txt"), "Agenda\nItem one\n");
    Run r = run("", "--mode", "bm25", "index", "--corpus", corpus.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.lines()
            .contains(
                "  logo\u240a\u241b[2J.png: unsupported type .png; supported: .txt, .md,"
                    + " .markdown, .html, .htm, .pdf, .docx, .odt"),
        r.out());
    assertTrue(
        r.lines().stream()
            .anyMatch(l -> l.startsWith("Warning: list\u240a.txt: no passage to quote")),
        r.out());
    assertFalse(r.out().contains("\u001b"), r.out());
  }

  @Test
  void indexNamesEachDocumentWithNoPassageToQuoteAndWhy() throws Exception {
    // From a probe: "Indexed 3 documents", though nothing of two of them could ever be quoted.
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(
        corpus.resolve("a.txt"), "The guarantors met in Astana. They agreed on four zones.");
    Files.writeString(corpus.resolve("empty.txt"), "");
    Files.writeString(corpus.resolve("list.txt"), "Agenda\nItem one\n");
    Run r = run("", "--mode", "bm25", "index", "--corpus", corpus.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Indexed 3 documents, 1 passage "), r.out());
    assertTrue(
        r.out().contains("Warning: empty.txt: no passage to quote: the file is empty"), r.out());
    assertTrue(
        r.out()
            .contains(
                "Warning: list.txt: no passage to quote: only headings or lists, no sentences"),
        r.out());
    assertFalse(r.out().contains("a.txt: no passage"), r.out());
  }

  /** A folder {@code name} of {@code count} one-line reports that say when the board met. */
  private Path harbourReports(String name, int count) throws IOException {
    Path corpus = Files.createDirectories(tmp.resolve(name));
    for (int i = 0; i < count; i++) {
      Files.writeString(
          corpus.resolve("doc" + i + ".txt"),
          "Report " + i + " says that the harbour board met on a Monday in spring.\n");
    }
    return corpus;
  }

  /**
   * From a probe: an index written into the corpus folder itself made its own files part of the
   * corpus ("skipped _0.cfs: unsupported type" at every run), and each commit changed the corpus,
   * so every {@code ask} and {@code index --if-changed} rebuilt it and a running console updated
   * it.
   */
  @Test
  void anIndexFolderThatIsTheCorpusFolderIsAUsageError() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(corpus.resolve("a.txt"), "The delegations met in Astana in January 2017.\n");
    Run r =
        run("", "--mode", "bm25", "--corpus", corpus.toString(), "--index", corpus + "/.", "index");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertEquals(
        "astana-qa: the index folder "
            + corpus
            + "/. is the corpus folder: its files would be read as documents and change the corpus"
            + " at every commit; give the index a folder of its own (--index, or leave it out to"
            + " use dataDir)",
        r.err().strip());
    assertEquals(
        List.of("a.txt"), Files.list(corpus).map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void aCorpusWithoutAUsablePassageExitsWithTwoNamingEachFile() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.write(corpus.resolve("logo.png"), new byte[] {1, 2, 3});
    Files.writeString(corpus.resolve("menu.txt"), "All news\n");
    Run r = run("", "--mode", "bm25", "index", "--corpus", corpus.toString());
    assertEquals(2, r.exit(), r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("no passage could be indexed from corpus folder"), r.err());
    // the file's name, not its id ("menu"), and why, as the index's warnings say it
    assertTrue(
        r.err()
            .contains(
                "menu.txt (only headings or lists, no sentences); logo.png (unsupported type .png"),
        r.err());
  }

  @Test
  void aCorpusOfOnlyHiddenFilesSaysSoInOneLineToEachCommand() throws Exception {
    // From a probe: "it holds no files" of a folder that ls -a shows two files in
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(corpus.resolve(".notes.txt"), "The guarantors met in Astana in May 2017.");
    Files.write(corpus.resolve(".DS_Store"), new byte[] {0, 0, 0, 1});
    String said =
        "no passage could be indexed from corpus folder "
            + corpus
            + ": it holds only hidden files, whose names begin with \".\" and which are not read:"
            + " .DS_Store, .notes.txt; rename the documents among them without the leading dot"
            + " (.notes.txt as notes.txt;";
    String[][] commands = {
      {"index"}, {"sources"}, {"ask", "When did they meet?"}, {"console"},
    };
    for (String[] command : commands) {
      List<String> args = new java.util.ArrayList<>(List.of("--mode", "bm25"));
      args.addAll(List.of(command));
      args.addAll(List.of("--corpus", corpus.toString()));
      Run r = run("When did they meet?\n", args.toArray(String[]::new));
      assertEquals(2, r.exit(), command[0] + ": " + r.out() + r.err());
      List<String> lines =
          r.err().lines().filter(l -> !l.startsWith("Building the index")).toList();
      assertEquals(1, lines.size(), command[0] + ": " + r.err());
      assertTrue(lines.get(0).contains(said), command[0] + ": " + r.err());
      assertFalse(r.err().contains("Exception") || r.out().contains("Exception"), r.err());
    }
  }

  @Test
  void theModeIsChosenOnTheCommandLineAndAnUnknownOneIsAUsageError() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(
        corpus.resolve("a.txt"), "The guarantors met in Astana. They agreed on four zones.");
    Run bm25 = run("", "index", "--corpus", corpus.toString(), "--mode", "bm25");
    assertEquals(0, bm25.exit(), bm25.err());
    assertTrue(bm25.out().contains("Mode bm25: words only"), bm25.out());
    Run hybrid = run("", "--mode", "HYBRID", "index", "--corpus", corpus.toString());
    assertEquals(0, hybrid.exit(), hybrid.err());
    assertTrue(
        hybrid.out().contains("Mode hybrid: passage vectors of " + AppConfig.DEFAULT_MODEL.id()),
        hybrid.out());
    Run bad = run("", "ask", "--mode", "semantic", "x");
    assertEquals(2, bad.exit());
    assertEquals(
        "astana-qa: --mode: unknown retrieval mode 'semantic'; use bm25 or hybrid",
        bad.err().strip());
  }

  @Test
  void evalPrintsTheMetricsOfAQuestionsFile() throws Exception {
    Path q =
        Files.writeString(
            tmp.resolve("q.jsonl"),
            "{\"q\":\"When was the Sochi memorandum signed?\",\"expect\":[\"17 september\"],\"docs\":[\"001\"]}\n"
                + "{\"q\":\"Recommend a good pizza place\",\"none\":true}\n");
    Run r = run("", "eval", q.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("hit@1 1.000"), r.out());
    assertTrue(r.out().contains("not-found accuracy 1.000"), r.out());
  }

  /**
   * From a probe: a question whose "docs" names no document of the corpus (a misspelt id, a file
   * renamed since) can never be right, and its miss was counted without a word, as if the engine
   * had failed it.
   */
  @Test
  void evalWarnsOfDocsThatNameNoDocumentOfTheCorpus() throws Exception {
    Path q =
        Files.writeString(
            tmp.resolve("docs.jsonl"),
            "{\"q\":\"When was the Sochi memorandum signed?\",\"expect\":[\"17 september\"],\"docs\":[\"01\"]}\n"
                + "{\"q\":\"Who were the Astana guarantors?\",\"expect\":[\"iran\"],\"docs\":[\"000\",\"sochi-memo\"]}\n");
    Run r = run("", "--mode", "bm25", "eval", q.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.err()
            .contains(
                "Warning: docs.jsonl: \"docs\" names 2 documents the corpus does not hold: \"01\""
                    + " (When was the Sochi memorandum signed?), \"sochi-memo\" (Who were the Astana"
                    + " guarantors?); a document is named by its id (see the sources command) or the"
                    + " number its file name starts with"),
        r.err());
  }

  /** A split set: group 1 is the tune part, group 2 the test part. */
  private Path splitQuestions() throws IOException {
    return Files.writeString(
        tmp.resolve("split.jsonl"),
        String.join(
                "\n",
                "{\"q\":\"When was the Sochi memorandum signed?\",\"kind\":\"plain\",\"group\":1,\"expect\":[\"17 september\"],\"docs\":[\"001\"]}",
                "{\"q\":\"hi, when was the Sochi memorandum signed? thanks\",\"kind\":\"chatty\",\"group\":1,"
                    + "\"variantOf\":\"When was the Sochi memorandum signed?\",\"expect\":[\"17 september\"],\"docs\":[\"001\"]}",
                "{\"q\":\"Recommend a good pizza place\",\"kind\":\"outofscope\",\"group\":3,\"none\":true}",
                "{\"q\":\"Who were the Astana guarantors?\",\"kind\":\"plain\",\"group\":2,\"expect\":[\"iran\"],\"docs\":[\"000\"]}",
                "{\"q\":\"Who won the 2018 football World Cup?\",\"kind\":\"outofscope\",\"group\":4,\"none\":true}")
            + "\n");
  }

  /** A SQuAD 2.0 file of two articles: the first is the tune part, the second the test part. */
  private Path tinySquad2() throws IOException {
    String article =
        "{\"title\":\"%s\",\"paragraphs\":[{\"context\":\"%s\",\"qas\":["
            + "{\"id\":\"%s1\",\"question\":\"%s\",\"is_impossible\":false,\"answers\":[{\"text\":\"%s\",\"answer_start\":0}]},"
            + "{\"id\":\"%s2\",\"question\":\"%s\",\"is_impossible\":true,\"answers\":[],\"plausible_answers\":[]}]}]}";
    String a =
        String.format(
            article,
            "Normans",
            "The Normans gave their name to Normandy, a region in France.",
            "a",
            "Which region did the Normans give their name to?",
            "Normandy",
            "a",
            "Who gave Normandy a king in 1066?");
    String b =
        String.format(
            article,
            "Force",
            "In physics, a force is any interaction that changes the motion of an object.",
            "b",
            "What changes the motion of an object?",
            "force",
            "b",
            "Who measured the speed of sound in 1600?");
    return Files.writeString(
        tmp.resolve("squad2.json"), "{\"version\":\"v2.0\",\"data\":[" + a + "," + b + "]}");
  }

  @Test
  void evalAsksOnlyThePartAskedForAndPrintsEachKind() throws Exception {
    Run r = run("", "--mode", "bm25", "eval", "--part", "test", splitQuestions().toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("2 questions (1 answerable, 1 out of scope)"), r.out());
    assertTrue(r.out().contains("  plain          1 questions, right 1.000"), r.out());
    assertTrue(r.out().contains("confidence: AUROC 1.000"), r.out());
    Run tune = run("", "--mode", "bm25", "eval", "--part", "tune", splitQuestions().toString());
    assertTrue(
        tune.out().contains("chatty questions quoting their plain question's passage: 1.000"),
        tune.out());
    Run bad = run("", "eval", "--part", "half", splitQuestions().toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--part must be tune, test or all"), bad.err());
  }

  /**
   * {@code --wrap N} asks each plain question of the part and N dressings of it in chat, and says
   * how often a dressing quotes the plain question's passage; out-of-scope and chatty rows of the
   * file are not asked. A bad N is a usage error.
   */
  @Test
  void evalWrapAsksThePlainQuestionsDressedInChat() throws Exception {
    Run r =
        run(
            "",
            "--mode",
            "bm25",
            "eval",
            "--part",
            "tune",
            "--wrap",
            "4",
            splitQuestions().toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("5 questions (5 answerable, 0 out of scope)"), r.out());
    assertTrue(r.out().contains("  chatty         4 questions, right 1.000"), r.out());
    assertTrue(
        r.out().contains("chatty questions quoting their plain question's passage: 1.000"),
        r.out());
    Run bad = run("", "eval", "--wrap", "0", splitQuestions().toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--wrap must be between 1 and 20"), bad.err());
  }

  @Test
  void squad2AnswerabilityFitAndDiagramRunOnTheirParts() throws Exception {
    Path squad2 = tinySquad2();
    Run r = run("", "--mode", "bm25", "eval", "--squad2", squad2.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "SQuAD 2.0 test part: 2 questions (1 answerable, 1 unanswerable); mode bm25"),
        r.out());
    Path weights = tmp.resolve("weights.json");
    Path png = tmp.resolve("reliability.png");
    // Too few questions to fit on: a clear error, no file.
    Run few =
        run(
            "",
            "--mode",
            "bm25",
            "eval",
            "--fit-confidence",
            weights.toString(),
            "--squad2",
            squad2.toString());
    assertEquals(2, few.exit());
    assertTrue(
        few.err().contains("cannot fit the confidence: too few questions to fit on: 2"), few.err());
    assertFalse(Files.exists(weights));
    Run drawn =
        run(
            "",
            "--mode",
            "bm25",
            "eval",
            "--diagram",
            png.toString(),
            "--squad2",
            squad2.toString(),
            splitQuestions().toString());
    assertEquals(0, drawn.exit(), drawn.err());
    assertTrue(drawn.out().contains("test, squad2: 2 questions"), drawn.out());
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, "a PNG was written");
  }

  @Test
  void aBenchmarkPrintsTheEmbeddingAloneAndKeepsItsVectorsOutOfTheBotsCache() throws Exception {
    Path beir = tmp.resolve("beir");
    Files.createDirectories(beir.resolve("qrels"));
    Files.writeString(
        beir.resolve("corpus.jsonl"),
        "{\"_id\":\"d1\",\"title\":\"Astana\",\"text\":\"Russia, Turkey and Iran guarantee the ceasefire.\"}\n"
            + "{\"_id\":\"d2\",\"title\":\"Sochi\",\"text\":\"A memorandum on Idlib was signed in Sochi.\"}\n");
    Files.writeString(
        beir.resolve("queries.jsonl"),
        "{\"_id\":\"q1\",\"text\":\"Who guarantees the ceasefire?\"}\n");
    Files.writeString(
        beir.resolve("qrels").resolve("test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
    Path data = tmp.resolve("data");
    Path config =
        Files.writeString(
            tmp.resolve("c.yaml"), "dataDir: " + data.toString().replace("\\", "/") + "\n");
    Run r = run("", "--config", config.toString(), "eval", "--beir", beir.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("nDCG@10                    1.0000"), r.out());
    assertTrue(r.out().contains("embedding alone"), r.out());
    assertTrue(
        Files.isRegularFile(
            data.resolve("benchmark-embeddings")
                .resolve(AppConfig.DEFAULT_MODEL.id() + ".vectors")));
    assertFalse(Files.exists(data.resolve("embeddings")), "the bot's vector cache is left alone");
  }

  @Test
  void outputThatCannotBeWrittenIsAFailureInOneLineAndStopsTheAnswering() {
    // From a probe: `ask --json < questions > answers.jsonl` on a full disk (here /dev/full)
    // ended with exit status 0, the file truncated and every later question still answered.
    int[] writes = {0};
    java.io.OutputStream full =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            writes[0]++;
            throw new IOException("No space left on device");
          }
        };
    StringWriter err = new StringWriter();
    String questions = "Who were the guarantors?\n".repeat(5);
    int exit =
        AstanaQa.commandLine(
                Map.of(),
                new ByteArrayInputStream(questions.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(full, true, StandardCharsets.UTF_8),
                new PrintWriter(err),
                new java.util.concurrent.CountDownLatch(1))
            .execute("--index", tmp.resolve("index").toString(), "--mode", "bm25", "ask", "--json");
    assertEquals(1, exit, err.toString());
    assertEquals(1, err.toString().strip().lines().count(), "one line: " + err);
    assertTrue(
        err.toString().startsWith("astana-qa: standard output could not be written"),
        err.toString());
    int afterOneAnswer = writes[0];
    assertTrue(afterOneAnswer > 0);

    writes[0] = 0;
    StringWriter err2 = new StringWriter();
    AstanaQa.commandLine(
            Map.of(),
            new ByteArrayInputStream("Who were the guarantors?\n".getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(full, true, StandardCharsets.UTF_8),
            new PrintWriter(err2),
            new java.util.concurrent.CountDownLatch(1))
        .execute("--index", tmp.resolve("index").toString(), "--mode", "bm25", "ask", "--json");
    assertEquals(writes[0], afterOneAnswer, "five questions were written as often as one");
  }

  @Test
  void oddQuestionsGetAnAnswerLineEachAndNoError() throws Exception {
    List<String> odd =
        List.of(
            "",
            "   ",
            "?",
            "* ? ~ ^ : \" ( ) \\ AND OR NOT",
            "*",
            "\u0000\u0007 control",
            "\ud83d\ude00 \u0633\u0648\u0631\u064a\u0627 \u0421\u0438\u0440\u0438\u044f \u53d9\u5229\u4e9a",
            "<script>alert(1)</script>",
            "x".repeat(5000),
            "astana ".repeat(1000),
            "guarantors ".repeat(10_000));
    Run r = run(String.join("\n", odd) + "\n", "ask", "--json");
    assertEquals(0, r.exit(), r.err());
    assertEquals(odd.size(), r.lines().size(), "one JSON line per question");
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < odd.size(); i++) {
      JsonNode o = json.readTree(r.lines().get(i));
      assertEquals(odd.get(i).replace("\u0000", "\u0000"), o.get("question").asText());
    }
    assertTrue(
        json.readTree(r.lines().get(odd.size() - 1)).get("answered").asBoolean(),
        "a 110 KB question made of a real word is still answered");
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void theConsoleAnswersOddLinesWithoutError() throws Exception {
    String odd =
        String.join(
            "\n",
            "* ? ~ ^ : \" ( ) \\ AND OR NOT",
            "\u0000\u0007",
            "<script>alert(1)</script>",
            "\ud83d\ude00 \u0421\u0438\u0440\u0438\u044f",
            "x".repeat(5000),
            "guarantors ".repeat(10_000),
            ":bogus",
            ":help");
    Run r = run(odd + "\n", "console");
    assertEquals(0, r.exit(), r.err());
    // "😀 Сирия" is a Russian question (issue 15): its reply is in Russian, three other odd
    // lines' in English; the control characters alone ask nothing and are asked for a question.
    assertEquals(3, r.out().split("Not found", -1).length - 1, r.out());
    assertEquals(1, r.out().split("Please write a question", -1).length - 1, r.out());
    assertTrue(
        r.out().contains("1. \u201c") && r.out().contains("guarantor"),
        "the long real question is answered: " + r.out());
    assertTrue(
        r.out().contains("Unknown command :bogus") && r.out().contains("Commands:\n  :sources"),
        r.out());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void anIndexFolderThatIsAFileIsAClearError() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    Run r = run("", "--index", file.toString(), "ask", "x");
    assertEquals(2, r.exit());
    assertTrue(
        r.err().contains("cannot create the index folder") && r.err().contains("--index"), r.err());
    // why, not the path a second time: "cannot create the index folder F (F)"
    assertTrue(r.err().contains(file + " (a file is in the way); choose"), r.err());
  }

  @Test
  void aRelativeCorpusOfTheConfigurationThatIsBesideTheFileSaysSo() throws Exception {
    // was: "corpus folder /work/docs does not exist or is not a folder", run from /work
    Path conf = Files.createDirectories(tmp.resolve("conf"));
    Files.createDirectories(conf.resolve("docs-beside-the-file"));
    Path yaml = Files.writeString(conf.resolve("qa.yaml"), "corpus: docs-beside-the-file\n");
    Run r = run("", "--config", yaml.toString(), "--mode", "bm25", "ask", "x");
    assertEquals(2, r.exit());
    assertTrue(
        r.err()
            .contains(
                ": corpus \"docs-beside-the-file\" is no folder in the working folder "
                    + Path.of("").toAbsolutePath()
                    + ", from which a relative path is taken, but "
                    + conf.resolve("docs-beside-the-file")
                    + " beside the configuration file is: give that path, or run from "
                    + conf),
        r.err());
    // --corpus given: the configuration's corpus is not used, so not checked
    Run given =
        run("", "--config", yaml.toString(), "--mode", "bm25", "--corpus", SEEDS, "ask", "x");
    assertEquals(0, given.exit(), given.err());
  }

  @Test
  void aBlankQuestionIsAskedForNotAnsweredNotFound() throws Exception {
    // was: "Not found: the documents do not answer this. Try other words, ...", nothing searched
    Run r = run("", "--mode", "bm25", "ask", "  ");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        List.of("Please write a question, for example: Who were the Astana guarantors?"),
        r.lines());
    Run lines = run("Who were the Astana guarantors?\n\n", "--mode", "bm25", "ask");
    assertTrue(lines.out().startsWith("Likely answer"), lines.out());
    assertTrue(
        lines
            .out()
            .endsWith(
                "\nPlease write a question, for example: Who were the Astana" + " guarantors?\n"),
        lines.out());
    assertFalse(lines.out().contains("Not found"), lines.out());
  }

  @Test
  void aQuestionOfPunctuationOrEmojiAloneIsAskedForInAskAndTheConsole() throws Exception {
    // From a probe: "???!!!" or three smiles were "Not found: the documents do not answer this.
    // Try other words", though they hold no word to search.
    String prompt = "Please write a question, for example: Who were the Astana guarantors?";
    for (String q : List.of("???!!!", "\ud83d\ude42\ud83d\ude42\ud83d\ude42", "...")) {
      Run r = run("", "--mode", "bm25", "ask", q);
      assertEquals(0, r.exit(), r.err());
      assertEquals(List.of(prompt), r.lines(), q);
      // ask --json keeps its contract: the line is there, not answered
      Run json = run("", "--mode", "bm25", "ask", "--json", q);
      assertTrue(json.out().contains("\"answered\":false"), json.out());
    }
    Run console =
        run("???\n\ud83d\ude42\nWho were the Astana guarantors?\n", "--mode", "bm25", "console");
    assertEquals(0, console.exit(), console.err());
    assertTrue(
        console.out().startsWith(prompt + "\n\n" + prompt + "\n\nLikely answer"), console.out());
    assertFalse(console.out().contains("Not found"), console.out());
  }

  @Test
  void aMalformedQuestionsFileNamesTheLine() throws Exception {
    Path q = Files.writeString(tmp.resolve("q.jsonl"), "{\"q\":\"ok\",\"none\":true}\n{not json\n");
    Run r = run("", "eval", q.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("line 2"), r.err());
  }
}
