package org.astanaqa.bot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.render.ConsoleRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Lists the indexed documents: what the answers can quote (the console's {@code :sources}). */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    description = "List the indexed documents: title, publisher, date and id.")
final class SourcesCommand implements Callable<Integer> {
  @ParentCommand AstanaQa root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    AppConfig c = root.config();
    try (Engine engine =
        Interruption.opening(
            root,
            spec.commandLine().getErr(),
            c,
            Progress.buildingFirst(spec.commandLine().getErr(), IndexCommand.PROGRESS_FROM),
            p -> Engine.open(c, p, false))) {
      out.print(ConsoleRenderer.sourceList(engine.answerer().sources()));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
