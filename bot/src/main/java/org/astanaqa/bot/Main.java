package org.astanaqa.bot;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.astanaqa.bot.cli.AstanaQa;

/** Entry point of {@code astana-qa.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(AstanaQa.commandLine(System.getenv(), System.in,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)).execute(args));
  }
}
