package org.astanaqa.bot.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.bot.config.ConfigLoader;
import org.astanaqa.retrieval.CorpusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command. With no subcommand it runs the Telegram bot when a token is set in the
 * environment, and the console otherwise.
 */
@Command(
    name = "astana-qa",
    mixinStandardHelpOptions = true,
    version = "astana-qa 0.1.0",
    description = "Answers questions about the Astana peace process on Syria by quoting documents.",
    subcommands = {
      ConsoleCommand.class, AskCommand.class, IndexCommand.class, EvalCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AstanaQa implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(AstanaQa.class);

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Configuration file (YAML or JSON). Default: the bundled config/astana-qa.yaml.")
  Path config;

  @Option(names = "--corpus", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Folder of .txt/.md documents. Default: the bundled seed corpus.")
  Path corpus;

  @Option(names = "--index", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Index folder. Default: under the data folder, one per corpus.")
  Path index;

  final Map<String, String> env;
  final InputStream in;

  AstanaQa(Map<String, String> env, InputStream in) {
    this.env = env;
    this.in = in;
  }

  /**
   * The command line wired to the given environment and streams.
   *
   * @param env environment variables (the Telegram token is read from here only)
   */
  public static CommandLine commandLine(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new AstanaQa(env, in));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(AstanaQa::handle);
    return cl;
  }

  /** The single error boundary of the command line: one clear line for the user, detail in logs. */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof ConfigException || e instanceof CorpusException) {
      log.debug("usage or configuration error", e);
      err.println("astana-qa: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    log.error("unexpected error in '{}'", cl.getCommandName(), e);
    err.println("astana-qa: unexpected error (" + e.getClass().getSimpleName() + "); details are in the log."
        + " Please report it with the log attached.");
    err.flush();
    return ExitCodes.FAILED;
  }

  /** The configuration file with the command line's --corpus and --index applied. */
  AppConfig config() {
    AppConfig c = ConfigLoader.load(config);
    return new AppConfig(
        corpus != null ? corpus.toString() : c.corpus(),
        c.dataDir(),
        index != null ? index.toString() : c.index(),
        c.answers(),
        c.retrieval(),
        c.telegram());
  }

  @Override
  public Integer call() {
    AppConfig c = config();
    String token = env.get(c.telegram().tokenEnv());
    if (token != null && !token.isBlank()) {
      spec.commandLine().getErr().println(
          "astana-qa: " + c.telegram().tokenEnv() + " is set, but this build has no Telegram front end yet;"
              + " unset it to use the console");
      return ExitCodes.USAGE;
    }
    return new ConsoleCommand().run(this, spec.commandLine().getOut(), false);
  }
}
