package org.astanaqa.bot.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.astanaqa.bot.DataFolder;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.bot.logging.LogConfig;
import org.astanaqa.bot.telegram.TelegramRunner;
import org.astanaqa.bot.telegram.TelegramStartException;
import org.astanaqa.bot.telegram.send.BotApiUrl;
import org.astanaqa.retrieval.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Runs the Telegram bot until stopped (SIGTERM or Ctrl-C). */
@Command(
    name = "telegram",
    mixinStandardHelpOptions = true,
    description = "Run the Telegram bot (long polling). The token comes from the environment only.")
final class TelegramCommand implements Callable<Integer> {
  /** Overrides the configuration's Bot API URL, for a self-hosted server or a test server. */
  static final String API_URL_ENV = "TELEGRAM_API_URL";

  @ParentCommand AstanaQa root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return run(root);
  }

  static int run(AstanaQa root) throws Exception {
    AppConfig c = root.config();
    // Without the blanks around it: BotFather's tokens hold none, but an environment variable
    // often does (a Kubernetes secret made from a file ending in a newline, a Docker env file with
    // Windows line ends), and in the URL they made Telegram answer 404, taken for a wrong token.
    String raw = root.env.get(c.telegram().tokenEnv());
    String token = raw == null ? null : raw.strip();
    if (token == null || token.isEmpty()) {
      throw new ConfigException(
          "no Telegram bot token: set the environment variable "
              + c.telegram().tokenEnv()
              + " to the token @BotFather gave you");
    }
    String notAToken = notAToken(token);
    if (notAToken != null) {
      throw new ConfigException(
          c.telegram().tokenEnv()
              + " does not hold a Telegram bot token: "
              + notAToken
              + " (a token from @BotFather is the bot's number, a colon and letters, digits, _ or"
              + " -, as 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11); set the variable to the token alone");
    }
    String fromEnv = root.env.get(API_URL_ENV);
    boolean envSet = fromEnv != null && !fromEnv.isBlank();
    String apiUrl;
    try {
      apiUrl =
          BotApiUrl.parse(
                  envSet ? fromEnv : c.telegram().apiUrl(),
                  envSet ? API_URL_ENV : "telegram.apiUrl",
                  token)
              .toString();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    try (DataFolder data = DataFolder.lock(Path.of(c.dataDir()))) {
      return serve(root, c, token, apiUrl);
    }
  }

  /**
   * Why {@code token} (without its surrounding blanks) cannot be a bot token, or null when it has
   * only a token's characters: letters, digits, {@code _}, {@code -} and the colon. A token with a
   * space in it (a line pasted with its label, two values run together) was sent as it was and
   * refused by Telegram, or, while Telegram could not be reached, retried for ten minutes. The
   * reason names the first character that cannot be in a token by its kind and place, never the
   * token or a part of it.
   */
  static String notAToken(String token) {
    if (token.regionMatches(true, 0, "bot", 0, 3)
        && token.length() > 3
        && Character.isDigit(token.charAt(3))) {
      return "it starts with \"bot\", which the Bot API's URL puts before the token; leave it out";
    }
    int[] cps = token.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      boolean tokenChar =
          cp < 128 && (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == ':');
      if (!tokenChar) {
        String kind =
            cp == ' ' || Character.isSpaceChar(cp)
                ? "a space"
                : cp == '\t'
                    ? "a tab"
                    : cp == '\n' || cp == '\r'
                        ? "a line break"
                        : cp == '"' || cp == '\'' || cp == '\u201c' || cp == '\u201d'
                            ? "a quotation mark"
                            : "a character other than a letter, digit, _ or -";
        return "it has " + kind + " at character " + (i + 1);
      }
    }
    // Its shape (the bot's number, a colon) is not checked: a fake Bot API or a test server may
    // take any token, and Telegram itself refuses a wrong one with a 401 the bot already names.
    return null;
  }

  /** Runs the bot on a data folder this process holds. */
  private static int serve(AstanaQa root, AppConfig c, String token, String apiUrl)
      throws Exception {
    // The index is built first when there is none or it is out of date: a stop meanwhile says what
    // was left, as index and the answering commands do (before, it ended with 143 and no word).
    Engine engine =
        Interruption.opening(
            root,
            root.spec.commandLine().getErr(),
            c,
            ProgressListener.NONE,
            p -> Engine.openLive(c, p, false, true));
    try {
      LogConfig.showInfoOnStderr(); // the bot's start, answers and stop belong on stderr
      TelegramRunner runner;
      AtomicReference<String> fatal = new AtomicReference<>();
      try {
        runner =
            TelegramRunner.start(
                engine::answerer,
                c.telegram(),
                token,
                apiUrl,
                Path.of(c.dataDir()),
                why -> {
                  if (fatal.compareAndSet(null, why)) {
                    root.stopSignal.countDown();
                  }
                },
                engine::reindex);
      } catch (TelegramStartException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      root.hookSignals();
      try {
        root.stopSignal.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        runner.close();
        root.stopped.countDown();
      }
      if (fatal.get() != null) {
        throw new ConfigException(fatal.get());
      }
      return ExitCodes.OK;
    } finally {
      engine.close();
    }
  }
}
