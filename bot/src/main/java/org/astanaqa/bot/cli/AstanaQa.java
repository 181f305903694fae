package org.astanaqa.bot.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.bot.config.ConfigLoader;
import org.astanaqa.bot.logging.LogConfig;
import org.astanaqa.retrieval.CorpusException;
import org.astanaqa.retrieval.Mode;
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
      ConsoleCommand.class, AskCommand.class, SourcesCommand.class, IndexCommand.class,
      EvalCommand.class, TelegramCommand.class, FeedbackCommand.class, GlossaryCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AstanaQa implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(AstanaQa.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "Configuration file (YAML or JSON). Default: the bundled config/astana-qa.yaml.")
  Path config;

  @Option(
      names = "--corpus",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description =
          "Folder of documents (.txt, .md, .html, .pdf, .docx, .odt). Default: the bundled seed corpus.")
  Path corpus;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Index folder. Default: under the data folder, one per corpus.")
  Path index;

  @Option(
      names = "--mode",
      paramLabel = "bm25|hybrid",
      scope = ScopeType.INHERIT,
      description =
          "Retrieval mode: hybrid (words and meaning, loads an embedding model) or bm25 (words only)."
              + " Default: retrieval.mode in the configuration, hybrid.")
  String mode;

  final Map<String, String> env;
  final InputStream in;

  /** Counted down to stop a long-running command (the Telegram bot). */
  final CountDownLatch stopSignal;

  /** Counted down once that command has finished stopping. */
  final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * Whether JVM signals stop the long-running command (the real entry point), see {@link
   * #hookSignals}.
   */
  private boolean stopOnSignals;

  /**
   * Whether standard error is a terminal, where a progress bar redrawn with carriage returns reads
   * as one line; elsewhere (a file, a pipe, the tests' writers) progress is plain lines.
   */
  boolean errIsTerminal;

  /**
   * Whether standard input is a terminal, where {@code ask} without a question waits for a person
   * to type; elsewhere (a file, a pipe, the tests' streams) it reads what is given.
   */
  boolean inIsTerminal;

  AstanaQa(Map<String, String> env, InputStream in, CountDownLatch stopSignal) {
    this.env = env;
    this.in = in;
    this.stopSignal = stopSignal;
  }

  /**
   * The command line wired to the given environment and streams.
   *
   * @param env environment variables (the Telegram token is read from here only)
   */
  public static CommandLine commandLine(
      Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
    AstanaQa root = new AstanaQa(env, in, new CountDownLatch(1));
    root.stopOnSignals = true;
    root.errIsTerminal = Progress.stderrIsTerminal();
    root.inIsTerminal = in == System.in && Progress.stdinIsTerminal();
    return configure(new CommandLine(root), out, err);
  }

  /**
   * How long the shutdown hook waits for the command to finish stopping: the JVM halts once the
   * hook returns, whatever is still running. The Telegram bot's longest stop and time to close its
   * files; before, 8 s, and a stop that waited for a reply on a slow Telegram (up to 10 s then, 12
   * s with the wait for interrupted workers) was cut short: the reply's update was not marked done,
   * and the restart sent the reply again.
   */
  static final long STOP_WAIT_MILLIS =
      org.astanaqa.bot.telegram.TelegramRunner.LONGEST_STOP_MILLIS + 3000;

  /**
   * Makes SIGTERM and Ctrl-C stop the long-running command, and keeps the JVM alive until it has
   * finished stopping (in-flight answers sent, offset saved). Only the real entry point does this.
   */
  void hookSignals() {
    if (!stopOnSignals) {
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopSignal.countDown();
                  try {
                    stopped.await(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "astana-qa-shutdown"));
  }

  /** Whether JVM signals reach this command line (the real entry point, not the tests'). */
  boolean stopOnSignals() {
    return stopOnSignals;
  }

  /** The command line for tests: {@code stop} stops a running bot instead of a JVM signal. */
  static CommandLine commandLine(
      Map<String, String> env,
      InputStream in,
      PrintWriter out,
      PrintWriter err,
      CountDownLatch stop) {
    return configure(new CommandLine(new AstanaQa(env, in, stop)), out, err);
  }

  private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
    // Every command offers -V (mixinStandardHelpOptions), but picocli gives a command no version of
    // its parent's: "ask -V" printed nothing at all, with exit status 0.
    for (CommandLine sub : cl.getSubcommands().values()) {
      sub.getCommandSpec().version(cl.getCommandSpec().version());
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(AstanaQa::handle);
    cl.setParameterExceptionHandler(AstanaQa::badArguments);
    cl.setExecutionStrategy(
        parsed -> {
          givenOnce(parsed);
          notEmpty(parsed);
          return outputWritten(new CommandLine.RunLast().execute(parsed), cl);
        });
    return cl;
  }

  /**
   * Refuses an option every command takes ({@code --mode}, {@code --corpus}, {@code --index},
   * {@code --config}) given both before the command and after it. picocli refuses one given twice
   * on one side, but across the command the last one silently won: {@code --mode bm25 sources
   * --mode hybrid} loaded the model and built the hybrid index, with exit status 0.
   */
  private static void givenOnce(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult command = parsed;
    while (command.hasSubcommand()) {
      command = command.subcommand();
    }
    if (command == parsed) {
      return;
    }
    for (CommandLine.Model.OptionSpec o : parsed.commandSpec().options()) {
      if (o.scopeType() != ScopeType.INHERIT) {
        continue;
      }
      String name = o.longestName();
      int given = 0;
      for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
        if (r.hasMatchedOption(name)) {
          given++;
        }
      }
      if (given > 1) {
        throw new CommandLine.ParameterException(
            command.commandSpec().commandLine(),
            "option '"
                + name
                + "' was given both before and after '"
                + command.commandSpec().name()
                + "'; give it once");
      }
    }
  }

  /**
   * Refuses {@code --corpus}, {@code --index} or {@code --config} given an empty (or blank) value:
   * a script's unset variable ({@code --corpus "$DOCS"}) took the default, and {@code ask} answered
   * from the bundled seeds with exit status 0; {@code --config ""} said the file "is a folder".
   */
  private static void notEmpty(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
      for (String name : java.util.List.of("--corpus", "--index", "--config")) {
        CommandLine.Model.OptionSpec o = r.matchedOption(name);
        if (o != null && o.stringValues().stream().anyMatch(String::isBlank)) {
          throw new CommandLine.ParameterException(
              r.commandSpec().commandLine(),
              name
                  + " is empty; give "
                  + (name.equals("--config") ? "a configuration file" : "a folder")
                  + ", or leave the option out for the default");
        }
      }
      if (!r.hasSubcommand()) {
        break;
      }
    }
  }

  /**
   * A command whose output could not all be written did not succeed: a PrintWriter swallows the
   * write's error, so {@code ask --json < questions > answers.jsonl} on a full disk ended with exit
   * status 0 and a truncated file, which a script took for the answers.
   */
  private static int outputWritten(int exit, CommandLine cl) {
    if (exit != ExitCodes.OK || !cl.getOut().checkError()) {
      return exit;
    }
    log.info("standard output could not be written; the output is incomplete");
    cl.getErr()
        .println(
            "astana-qa: standard output could not be written (a full disk, or a pipe closed"
                + " before the end); the output is incomplete");
    cl.getErr().flush();
    return ExitCodes.FAILED;
  }

  /**
   * A command line that does not parse: what was wrong and where the help is, in one line, instead
   * of picocli's whole usage text after it (which buries the one line that matters).
   */
  private static int badArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String command = cl.getCommandSpec().qualifiedName();
    String message = e.getMessage() == null ? "" : e.getMessage().strip();
    if (e instanceof CommandLine.UnmatchedArgumentException u
        && cl.getParent() == null
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      // "frobnicate": no command of that name ("unmatched argument at index 0" said nothing)
      message =
          "unknown command '"
              + u.getUnmatched().get(0)
              + "'; the commands are "
              + String.join(
                  ", ",
                  cl.getSubcommands().keySet().stream().filter(c -> !c.equals("help")).toList());
    }
    if (e instanceof CommandLine.UnmatchedArgumentException u
        && cl.getParent() != null
        && cl.getCommandSpec().positionalParameters().isEmpty()
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      // "unmatched argument at index 4: 'extra'" counted words instead of saying what was wrong
      message =
          cl.getCommandName()
              + " takes no argument '"
              + u.getUnmatched().get(0)
              + "', only options";
    }
    if (e instanceof CommandLine.UnmatchedArgumentException u
        && cl.getCommandName().equals("ask")
        && !u.getUnmatched().isEmpty()
        && u.getUnmatched().get(0).startsWith("-")
        && !u.getUnmatched().get(0).matches("--?[A-Za-z][A-Za-z-]*(=.*)?")) {
      // ask "-5 degrees in Idlib?" was an unknown option and no more: no option looks like it
      message +=
          "; a question that starts with - goes after --: ask -- '" + u.getUnmatched().get(0) + "'";
    }
    String unnamable = unnamablePath(e);
    if (unnamable != null) {
      message = unnamable;
    }
    if (!message.isEmpty() && Character.isUpperCase(message.charAt(0))) {
      message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
    err.println(
        "astana-qa: "
            + message.replace('\n', ' ')
            + " (see: java -jar astana-qa.jar "
            + (command.startsWith("astana-qa ")
                ? command.substring("astana-qa ".length()) + " "
                : "")
            + "--help)");
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * A path option whose letters the locale's character set cannot carry (a folder named in Russian
   * under LC_ALL=C): picocli said "cannot convert 'Документы' to interface java.nio.file.Path
   * (java.nio.file.InvalidPathException: ...)". Null for any other error.
   */
  private static String unnamablePath(CommandLine.ParameterException e) {
    // picocli keeps the conversion's exception in its message only
    if (e.getValue() != null
        && String.valueOf(e.getMessage())
            .contains(java.nio.file.InvalidPathException.class.getName())) {
      String option =
          e.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName() + " " : "";
      return option
          + "'"
          + e.getValue()
          + "' cannot be a path here: the locale's character set ("
          + System.getProperty("sun.jnu.encoding")
          + ") cannot carry its letters; run under a UTF-8 locale (LC_ALL=C.UTF-8 java -jar"
          + " astana-qa.jar ...), or with bin/astana-qa, which does so itself";
    }
    return null;
  }

  /** The single error boundary of the command line: one clear line for the user, detail in logs. */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof ConfigException || e instanceof CorpusException) {
      log.debug("usage or configuration error", e);
      // one line, as promised, though it names a file whose name holds a line break or an escape
      err.println("astana-qa: " + org.astanaqa.bot.render.ConsoleRenderer.oneLine(e.getMessage()));
      err.flush();
      return ExitCodes.USAGE;
    }
    log.error("unexpected error in '{}'", cl.getCommandName(), e);
    err.println(
        "astana-qa: unexpected error ("
            + e.getClass().getSimpleName()
            + "); details are in the log."
            + " Please report it with the log attached.");
    err.flush();
    return ExitCodes.FAILED;
  }

  /** The configuration file with the command line's --corpus, --index and --mode applied. */
  AppConfig config() {
    AppConfig c = ConfigLoader.loadOrDefaults(config);
    if (corpus == null) {
      besideTheFile(c.corpus());
    }
    c =
        new AppConfig(
            corpus != null ? corpus.toString() : c.corpus(),
            c.dataDir(),
            index != null ? index.toString() : c.index(),
            c.answers(),
            c.retrieval(),
            c.telegram());
    if (mode != null) {
      try {
        c = c.withMode(Mode.named(mode));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--mode: " + e.getMessage());
      }
    }
    LogConfig.logTo(Path.of(c.dataDir()));
    return c;
  }

  /**
   * A relative "corpus" of the configuration file that is no folder from the working folder, where
   * it is taken from, but is one beside the file: said so, where "corpus folder /work/docs does not
   * exist" left the reader to guess why the folder beside the configuration was not found.
   */
  private void besideTheFile(String configured) {
    if (config == null || configured.isEmpty()) {
      return;
    }
    Path given = Path.of(configured);
    Path parent = config.toAbsolutePath().getParent();
    if (given.isAbsolute() || parent == null || java.nio.file.Files.isDirectory(given)) {
      return;
    }
    Path beside = parent.resolve(given).normalize();
    if (java.nio.file.Files.isDirectory(beside)) {
      throw new ConfigException(
          config
              + ": corpus \""
              + configured
              + "\" is no folder in the working folder "
              + Path.of("").toAbsolutePath()
              + ", from which a relative path is taken, but "
              + beside
              + " beside the configuration file is: give that path, or run from "
              + parent);
    }
  }

  @Override
  public Integer call() throws Exception {
    AppConfig c = config();
    String token = env.get(c.telegram().tokenEnv());
    if (token != null && !token.isBlank()) {
      return TelegramCommand.run(this);
    }
    return new ConsoleCommand().run(this, spec.commandLine().getOut(), false);
  }
}
