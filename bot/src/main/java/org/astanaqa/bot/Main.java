package org.astanaqa.bot;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.astanaqa.bot.cli.AstanaQa;

/** Entry point of {@code astana-qa.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // The bot's one-line-per-question log belongs on stderr when it runs as a service.
    java.util.List<String> a = java.util.List.of(args);
    boolean otherCommand = a.stream().anyMatch(java.util.Set.of("console", "ask", "index", "eval", "help")::contains);
    if (a.contains("telegram") || !otherCommand && System.getenv("TELEGRAM_BOT_TOKEN") != null) {
      System.setProperty("astanaqa.stderr.level", "INFO");
    }
    System.exit(AstanaQa.commandLine(System.getenv(), System.in,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)).execute(args));
  }
}
