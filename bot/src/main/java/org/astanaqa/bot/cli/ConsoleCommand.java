package org.astanaqa.bot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.render.ConsoleRenderer;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.reply.Texts;
import org.astanaqa.retrieval.IndexReport;
import org.astanaqa.retrieval.Languages;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The maintainers' console: type a question, read the quotes. On a terminal it has line editing and
 * history; with piped input it answers each line and exits at the end of input.
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = "Ask questions interactively (or answer piped lines one by one).")
final class ConsoleCommand implements Callable<Integer> {
  /** The commands of the console, each with what it does; {@code :help} lists them. */
  static final String COMMANDS =
      String.join(
          "\n",
          "Commands:",
          "  :sources   list the indexed documents (title, publisher, date, id)",
          "  :scores    show or hide each quote's score and the words that matched",
          "  :new       start afresh: the next question follows on from nothing",
          "  :help      this list",
          "  :quit      leave (also Ctrl-D, or Ctrl-C on an empty line; Ctrl-C on a half-typed line"
              + " clears it)");

  @ParentCommand AstanaQa root;
  @Spec CommandSpec spec;

  @Option(names = "--scores", description = "Show each quote's score and the matched words.")
  boolean scores;

  @Override
  public Integer call() {
    return run(root, spec.commandLine().getOut(), scores);
  }

  int run(AstanaQa root, PrintWriter out, boolean showScores) {
    boolean interactive = System.console() != null && root.in == System.in;
    AppConfig config = root.config();
    PrintWriter err =
        spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr();
    try (Engine engine =
        Interruption.opening(
            root, err, config, buildNotice(err), p -> Engine.openLive(config, p, false, true))) {
      IndexReport r = engine.answerer().report();
      Session session =
          new Session(engine.answerer(), showScores, interactive, config.telegram().examples());
      if (interactive) {
        return interactive(engine, session, r, keptHistory(historyFile(config), err));
      }
      if (root.inIsTerminal) {
        // A terminal to type on but output to a file or a pipe ("console | tee session.txt"): no
        // prompt or line editing there, and the console waited, silent, as if it hung.
        err.println(
            "astana-qa: output is not a terminal, so the console has no prompt; type a question"
                + " and press Enter, :help for the commands, Ctrl-D or :quit to leave");
        err.flush();
      }
      BufferedReader reader = StandardInput.reader(root.in, err);
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Optional<String> reply = session.handle(line);
        if (reply.isEmpty()) {
          break;
        }
        out.print(reply.get());
        out.println();
        out.flush();
      }
      return ExitCodes.OK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where the console keeps the questions typed on a terminal: in the data folder, with the rest of
   * what the program writes. It was the index folder's parent, which is the data folder only when
   * {@code --index} is left out: {@code --index docs/.index} wrote it into the corpus, where the
   * running console's live index then warned of it as an unsupported file, and {@code --index
   * ~/idx} into the home folder.
   */
  static Path historyFile(AppConfig config) {
    return Path.of(config.dataDir()).resolve("console-history");
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ConsoleCommand.class);

  /**
   * JLine's own logger, held: java.util.logging keeps its loggers weakly, and one collected would
   * print to the terminal again.
   */
  private static final java.util.logging.Logger JLINE =
      java.util.logging.Logger.getLogger("org.jline");

  /**
   * {@code history} when the console can write it, else null (the questions are then kept for the
   * session only), said in one line on {@code err}. JLine's own failures (a disk that fills while
   * the console runs) go to the log file, not the terminal: a data folder that could not be written
   * printed "WARNING: Failed to save history" and a 40-line stack trace after every answer.
   */
  static Path keptHistory(Path history, PrintWriter err) {
    JLINE.setUseParentHandlers(false);
    if (JLINE.getHandlers().length == 0) {
      JLINE.addHandler(
          new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
              if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                LOG.info("line editing: {}", r.getMessage(), r.getThrown());
              }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          });
    }
    try {
      Path folder = history.toAbsolutePath().getParent();
      if (folder != null) {
        java.nio.file.Files.createDirectories(folder);
      }
      try (java.io.OutputStream probe =
          java.nio.file.Files.newOutputStream(
              history,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND)) {
        // opened and closed: whether it can be written at all
      }
      return history;
    } catch (IOException | RuntimeException e) {
      err.println(
          "astana-qa: cannot keep the console's history in "
              + history
              + " ("
              + org.astanaqa.retrieval.util.IoErrors.reason(e, history)
              + "); the questions typed are kept for this session only. Set dataDir to a"
              + " writable folder to keep them");
      err.flush();
      return null;
    }
  }

  private int interactive(Engine engine, Session session, IndexReport r, Path history)
      throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReaderBuilder builder =
          LineReaderBuilder.builder().terminal(terminal).appName("astana-qa");
      if (history != null) {
        builder.variable(LineReader.HISTORY_FILE, history);
      }
      LineReader reader = builder.build();
      PrintWriter w = terminal.writer();
      String vectors = Engine.vectors(r);
      w.printf(
          "astana-qa: %d documents, %d passages from %s.%n%sType a question, or :help.%n%n",
          r.documents(),
          r.passages(),
          engine.corpusName(),
          vectors.isEmpty() ? "" : vectors + "\n");
      w.flush();
      while (true) {
        String line;
        try {
          line = reader.readLine("? ");
        } catch (EndOfFileException e) {
          return ExitCodes.OK;
        } catch (UserInterruptException e) {
          if (quitsOnCtrlC(e.getPartialLine())) {
            return ExitCodes.OK;
          }
          continue; // the half-typed line is gone; the prompt is fresh
        }
        if (line.isBlank()) {
          continue;
        }
        Optional<String> reply = session.handle(line);
        if (reply.isEmpty()) {
          return ExitCodes.OK;
        }
        w.println(reply.get());
        w.flush();
      }
    }
  }

  /**
   * Ctrl-C as in a shell: on a half-typed line it clears the line; on an empty one it leaves (so a
   * second Ctrl-C quits).
   */
  static boolean quitsOnCtrlC(String partialLine) {
    return partialLine == null || partialLine.isBlank();
  }

  /**
   * Says that the index is being built (the first start, or files changed) before it starts, how
   * long the rest will take once the first document is done, and when it is built.
   */
  static ProgressListener buildNotice(PrintWriter err) {
    return new ProgressListener() {
      private long t0;

      @Override
      public void started(int total) {
        t0 = System.nanoTime();
        err.printf(
            Locale.ROOT,
            "Building the index of %d document%s (only on the first start or"
                + " when files change)...%n",
            total,
            total == 1 ? "" : "s");
        err.flush();
      }

      @Override
      public void progress(int done, int total) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (done == 1 && total > 1) {
          long left = Math.max(1, Math.round(seconds * (total - 1)));
          err.printf(Locale.ROOT, "About %d s to go.%n", left);
        } else if (done == total) {
          err.printf(Locale.ROOT, "Index built in %.1f s.%n", seconds);
        }
        err.flush();
      }
    };
  }

  /**
   * The console command a line is, in small letters, or the line: ":QUIT" typed with Caps Lock on
   * was "Unknown command", and "quit", "exit" or "help" typed alone, as in a shell or another
   * program's console, were asked as questions ("quit" quoted "... failing for quite a time" as a
   * likely answer).
   */
  static String command(String stripped) {
    String s = stripped.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "quit", "exit" -> ":quit";
      case "help" -> ":help";
      default -> s.startsWith(":") ? s : stripped;
    };
  }

  /** What the console does with one line: a reply, or empty to quit. */
  static final class Session {
    private final QuestionAnswerer qa;
    private final boolean ansi;
    private boolean scores;

    /** The session's conversation: every question may follow up on the last, until :new. */
    private final org.astanaqa.bot.Conversations conversation =
        new org.astanaqa.bot.Conversations(Long.MAX_VALUE, System::nanoTime);

    private final List<String> examples;

    Session(QuestionAnswerer qa, boolean scores, boolean ansi, List<String> examples) {
      this.qa = qa;
      this.scores = scores;
      this.ansi = ansi;
      this.examples = List.copyOf(examples);
    }

    Optional<String> handle(String line) {
      String s = line.strip();
      switch (command(s)) {
        case ":quit":
        case ":q":
        case ":exit":
          return Optional.empty();
        case ":help":
          return Optional.of(help());
        case ":new":
          conversation.clear(this);
          return Optional.of("New conversation: the next question follows on from nothing.\n");
        case ":scores":
          scores = !scores;
          return Optional.of(
              "Scores and matched words are now " + (scores ? "shown" : "hidden") + ".\n");
        case ":sources":
          return Optional.of(ConsoleRenderer.sourceList(qa.sources()));
        default:
          if (s.startsWith(":")) {
            return Optional.of("Unknown command " + s + "; :help lists the commands.\n");
          }
          if (QuestionAnswerer.asksNothing(line)) {
            // "???" or a smile: no word to search, and no question for a follow-up to lean on
            Texts texts = Texts.english();
            return Optional.of(
                TelegramHtml.toPlain(texts.get("emptyQuestion", texts.get("example"))) + "\n");
          }
          if (QuestionAnswerer.onlyThanks(line)) {
            return Optional.of(Texts.of(Languages.detect(line)).get("welcome") + "\n");
          }
          if (QuestionAnswerer.onlyGreets(line)) {
            // "hello" was answered "This may be related" with "We thank Special Envoy ...", and
            // became the context of the next question ("Answering: Hello and hello there?")
            Texts texts = Texts.of(Languages.detect(line));
            return Optional.of(
                TelegramHtml.toPlain(texts.get("hello", texts.get("example"))) + "\n");
          }
          org.astanaqa.bot.Conversations.Turn turn =
              conversation.ask(qa, this, line, null, qa.settings().topN());
          Texts texts = Texts.of(turn.language());
          if (!turn.understood()) {
            return Optional.of(
                TelegramHtml.toPlain(texts.get("otherLanguage", Texts.english().get("example")))
                    + "\n");
          }
          // A follow-up shows the one question it was answered as.
          String followed =
              turn.answer()
                  .resolved()
                  .map(r -> TelegramHtml.toPlain(texts.get("answering", TelegramHtml.escape(r))))
                  .map(shown -> shown + "\n")
                  .orElse("");
          return Optional.of(
              followed
                  + new ConsoleRenderer(
                          scores, ansi, qa.likelyConfidence(), ConsoleRenderer.CONSOLE_SOURCES)
                      .render(turn.answer(), texts));
      }
    }

    /** The commands, and questions to try. */
    String help() {
      StringBuilder sb = new StringBuilder("Type a question and press Enter, for example:\n");
      for (String e : examples) {
        sb.append("  ").append(e).append('\n');
      }
      return sb.append(COMMANDS).append('\n').toString();
    }
  }
}
