package org.astanaqa.bot.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.astanaqa.bot.Engine;
import org.astanaqa.retrieval.QuestionAnswerer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Helps a maintainer grow the Russian glossary: lists the corpus's most frequent words that no
 * entry translates into, so that Russian questions can reach them.
 */
@Command(
    name = "glossary",
    mixinStandardHelpOptions = true,
    description = "List the corpus's most frequent words that have no Russian glossary entry yet.")
final class GlossaryCommand implements Callable<Integer> {
  @ParentCommand AstanaQa root;
  @Spec CommandSpec spec;

  @Option(
      names = "--missing",
      required = true,
      description = "List the frequent corpus words without a Russian entry (word and passages).")
  boolean missing;

  @Option(names = "--top", paramLabel = "N", description = "How many words to list (default 50).")
  int top = 50;

  @Override
  public Integer call() throws java.io.IOException {
    if (top < 1 || top > 100_000) {
      throw new ParameterException(
          spec.commandLine(), "--top must be between 1 and 100000, was " + top);
    }
    PrintWriter out = spec.commandLine().getOut();
    org.astanaqa.bot.config.AppConfig c = root.config();
    try (Engine engine =
        Interruption.opening(
            root,
            spec.commandLine().getErr(),
            c,
            Progress.buildingFirst(spec.commandLine().getErr(), IndexCommand.PROGRESS_FROM),
            p -> Engine.open(c, p, false))) {
      List<QuestionAnswerer.WordCount> gaps = engine.answerer().glossaryGaps(top);
      out.println(
          "# corpus words with no Russian glossary entry, most frequent first (word, passages);");
      out.println("# add \"russian = english\" lines to a file named by retrieval.glossary");
      for (QuestionAnswerer.WordCount w : gaps) {
        out.println(w.word() + "\t" + w.passages());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
