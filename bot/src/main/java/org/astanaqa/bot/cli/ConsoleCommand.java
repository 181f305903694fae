package org.astanaqa.bot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.render.ConsoleRenderer;
import org.astanaqa.retrieval.IndexReport;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Source;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The maintainers' console: type a question, read the quotes. On a terminal it has line editing
 * and history; with piped input it answers each line and exits at the end of input.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = "Ask questions interactively (or answer piped lines one by one).")
final class ConsoleCommand implements Callable<Integer> {
  static final String HELP =
      "Type a question and press Enter. Commands: :scores (show or hide scores and matched words),"
          + " :sources (the indexed documents), :help, :quit.";

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
    try (Engine engine = Engine.openLive(root.config(), ProgressListener.NONE, false, true)) {
      IndexReport r = engine.answerer().report();
      Session session = new Session(engine.answerer(), showScores, interactive);
      if (interactive) {
        return interactive(engine, session, r);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(root.in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String reply = session.handle(line);
        if (reply == null) {
          break;
        }
        out.print(reply);
        out.println();
        out.flush();
      }
      return ExitCodes.OK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int interactive(Engine engine, Session session, IndexReport r) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      Path history = engine.indexDir().getParent() == null ? Path.of(".astana-qa-history")
          : engine.indexDir().getParent().resolve("console-history");
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("astana-qa")
          .variable(LineReader.HISTORY_FILE, history)
          .build();
      PrintWriter w = terminal.writer();
      String vectors = Engine.vectors(r);
      w.printf("astana-qa: %d documents, %d passages from %s.%n%s%s%n%n",
          r.documents(), r.passages(), engine.corpusName(), vectors.isEmpty() ? "" : vectors + "\n", HELP);
      w.flush();
      while (true) {
        String line;
        try {
          line = reader.readLine("? ");
        } catch (UserInterruptException | EndOfFileException e) {
          return ExitCodes.OK;
        }
        if (line.isBlank()) {
          continue;
        }
        String reply = session.handle(line);
        if (reply == null) {
          return ExitCodes.OK;
        }
        w.println(reply);
        w.flush();
      }
    }
  }

  /** What the console does with one line; null means quit. */
  static final class Session {
    private final QuestionAnswerer qa;
    private final boolean ansi;
    private boolean scores;

    Session(QuestionAnswerer qa, boolean scores, boolean ansi) {
      this.qa = qa;
      this.scores = scores;
      this.ansi = ansi;
    }

    String handle(String line) {
      String s = line.strip();
      switch (s) {
        case ":quit":
        case ":q":
        case ":exit":
          return null;
        case ":help":
          return HELP + "\n";
        case ":scores":
          scores = !scores;
          return "Scores and matched words are now " + (scores ? "shown" : "hidden") + ".\n";
        case ":sources":
          StringBuilder sb = new StringBuilder();
          for (Source src : qa.sources()) {
            sb.append("- ").append(ConsoleRenderer.sourceLine(src)).append("  [").append(src.id()).append("]\n");
          }
          return sb.toString();
        default:
          if (s.startsWith(":")) {
            return "Unknown command " + s + ". " + HELP + "\n";
          }
          return new ConsoleRenderer(scores, ansi, qa.likelyConfidence()).render(qa.ask(line));
      }
    }
  }
}
