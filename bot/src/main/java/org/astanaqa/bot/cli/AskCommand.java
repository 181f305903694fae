package org.astanaqa.bot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.render.ConsoleRenderer;
import org.astanaqa.bot.render.JsonRenderer;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.reply.Texts;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.Languages;
import org.astanaqa.retrieval.QuestionAnswerer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Answers one question, or every line of standard input in order. */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = "Answer QUESTION, or each line of standard input when no question is given.")
final class AskCommand implements Callable<Integer> {
  @ParentCommand AstanaQa root;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "One JSON object per question, one per line.")
  boolean json;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Quotes per answer, 1-20 (default: the configuration's answers).")
  Integer top;

  @Option(names = "--scores", description = "Show scores and matched words (text output).")
  boolean scores;

  @Parameters(
      paramLabel = "QUESTION",
      description = "The question; its words are joined with spaces.")
  List<String> words;

  @Override
  public Integer call() throws IOException {
    if (top != null && (top < 1 || top > 20)) {
      throw new ParameterException(
          spec.commandLine(), "--top must be between 1 and 20, was " + top);
    }
    PrintWriter out = spec.commandLine().getOut();
    AppConfig c = root.config();
    if ((words == null || words.isEmpty()) && root.inIsTerminal) {
      // On a terminal, "ask" alone waited, silent, for questions no one knew to type.
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "astana-qa: no question given, so each line typed here is asked, until Ctrl-D; to ask"
              + " one: ask \"Who were the Astana guarantors?\" (the console, java -jar"
              + " astana-qa.jar console, follows on from each question)");
      err.flush();
    }
    try (Engine engine =
        Interruption.opening(
            root,
            spec.commandLine().getErr(),
            c,
            Progress.buildingFirst(spec.commandLine().getErr(), IndexCommand.PROGRESS_FROM),
            p -> Engine.openWhileModelLoads(c, p, false))) {
      int n = top != null ? top : engine.answerer().settings().topN();
      if (words != null && !words.isEmpty()) {
        noteAFileName(spec.commandLine().getErr());
        print(out, engine.answerer(), String.join(" ", words), n);
        return ExitCodes.OK;
      }
      BufferedReader in = StandardInput.reader(root.in, spec.commandLine().getErr());
      String line;
      // Once standard output fails (a full disk, a closed pipe), no answer can reach anyone.
      while ((line = in.readLine()) != null && !out.checkError()) {
        print(out, engine.answerer(), line, n);
      }
      return ExitCodes.OK;
    }
  }

  /** A question that is one word ending as a file of questions would, or naming a file. */
  private static final java.util.regex.Pattern FILE_NAME =
      java.util.regex.Pattern.compile(
          "\\S+\\.(txt|jsonl|json|csv|tsv|md)", java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * {@code ask questions.txt} searches the words "questions.txt" (the command line is a contract:
   * the argument is the question); a user who meant the file's questions is told on stderr how to
   * give them, where before only "not found" came back.
   */
  private void noteAFileName(PrintWriter err) {
    if (words.size() != 1) {
      return;
    }
    String word = words.get(0);
    boolean isFile;
    try {
      isFile = java.nio.file.Files.isRegularFile(java.nio.file.Path.of(word));
    } catch (RuntimeException e) {
      isFile = false;
    }
    if (isFile || FILE_NAME.matcher(word).matches()) {
      err.println(
          "astana-qa: note: \""
              + ConsoleRenderer.oneLine(word)
              + "\" was asked as a question; to ask each line of a file, give it on standard"
              + " input: java -jar astana-qa.jar ask"
              + (json ? " --json" : "")
              + " < "
              + ConsoleRenderer.oneLine(word));
      err.flush();
    }
  }

  /**
   * Answers one question, each on its own (no follow-ups: lines of a script are independent). A
   * question in a language other than English or Russian is not searched: it is not found, and the
   * text says which languages are understood. A message that only greets or thanks is not searched
   * either: greeted back, or told "You are welcome", as in the console; in JSON, not answered.
   */
  private void print(PrintWriter out, QuestionAnswerer qa, String question, int n) {
    String language = Languages.detect(question);
    boolean understood = Texts.speaks(language);
    // "hello" or "thanks!" asks nothing, as in the console: it had quoted "We thank Special Envoy
    // de Mistura ..." as "may be related", and `--json` called that answered
    boolean thanks = QuestionAnswerer.onlyThanks(question);
    boolean greets = !thanks && QuestionAnswerer.onlyGreets(question);
    Answer a =
        understood && !thanks && !greets
            ? qa.ask(question, n)
            : new Answer(question, false, List.of(), List.of());
    Texts texts = Texts.of(language);
    if (json) {
      out.println(JsonRenderer.render(a, language));
    } else if (thanks) {
      out.println(texts.get("welcome"));
    } else if (greets) {
      out.println(TelegramHtml.toPlain(texts.get("hello", texts.get("example"))));
    } else if (QuestionAnswerer.asksNothing(question)) {
      // blank, or punctuation or emoji alone: "Not found: the documents do not answer this" said
      // otherwise
      out.println(TelegramHtml.toPlain(texts.get("emptyQuestion", texts.get("example"))));
    } else if (!understood) {
      out.println(TelegramHtml.toPlain(texts.get("otherLanguage", Texts.english().get("example"))));
    } else {
      out.println(
          new ConsoleRenderer(
                  scores, false, qa.likelyConfidence(), ConsoleRenderer.COMMAND_LINE_SOURCES)
              .render(a, texts));
    }
    out.flush();
  }
}
