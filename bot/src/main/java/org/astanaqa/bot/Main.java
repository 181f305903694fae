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
  private static final java.util.logging.Logger LUCENE =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  private Main() {}

  public static void main(String[] args) {
    LUCENE.setLevel(java.util.logging.Level.SEVERE);
    int exit;
    try {
      exit =
          AstanaQa.commandLine(
                  System.getenv(),
                  System.in,
                  new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                  new PrintWriter(System.err, true, StandardCharsets.UTF_8))
              .execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands errors (not exceptions) on; the JVM would print their stack trace.
      exit =
          fail(
              "ran out of memory (a "
                  + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                  + " MB Java heap);"
                  + " give Java more, for example java -Xmx1g -jar astana-qa.jar ..., or split the largest files",
              e);
    } catch (Error e) {
      exit =
          fail(
              "unexpected error ("
                  + e.getClass().getSimpleName()
                  + "); details are in the log."
                  + " Please report it with the log attached.",
              e);
    }
    System.exit(exit);
  }

  private static int fail(String line, Error e) {
    System.err.println("astana-qa: " + line);
    try {
      org.slf4j.LoggerFactory.getLogger(Main.class).error("{}", line, e);
    } catch (Throwable ignored) {
      // out of memory, even for the log: the line above has said it
    }
    return 1;
  }
}
