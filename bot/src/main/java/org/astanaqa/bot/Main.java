package org.astanaqa.bot;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.astanaqa.bot.cli.AstanaQa;

/** Entry point of {@code astana-qa.jar}. */
public final class Main {
  /**
   * Lucene announces JDK features (memory segments, the Vector API) through java.util.logging on
   * stderr at every start on newer JDKs: notices about the JVM, not about the user's data. Held in
   * a field because java.util.logging keeps loggers only weakly.
   */
  private static final java.util.logging.Logger LUCENE = java.util.logging.Logger.getLogger("org.apache.lucene");

  private Main() {}

  public static void main(String[] args) {
    LUCENE.setLevel(java.util.logging.Level.SEVERE);
    System.exit(AstanaQa.commandLine(System.getenv(), System.in,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)).execute(args));
  }
}
