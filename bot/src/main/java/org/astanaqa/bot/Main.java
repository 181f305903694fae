package org.astanaqa.bot;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    args = org.astanaqa.bot.cli.Arguments.recovered(args);
    String garbled = org.astanaqa.bot.cli.Arguments.unreadable(args);
    if (garbled != null) {
      // answering "������?" with "not found" and exit status 0 hid that the question never came
      new PrintWriter(System.err, true, StandardCharsets.UTF_8)
          .println("astana-qa: " + org.astanaqa.bot.cli.Arguments.unreadableMessage(garbled));
      System.exit(2);
    }
    int exit;
    try {
      exit =
          AstanaQa.commandLine(
                  System.getenv(),
                  standardInput(),
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

  /**
   * Standard input, or an empty one when it was closed before the JVM started ({@code <&-}): the
   * JVM then opens its own {@code lib/modules} (or the jar) as descriptor 0, and {@code ask} or a
   * piped console would read those bytes as millions of questions. Linux names the descriptor's
   * file in {@code /proc/self/fd}; elsewhere standard input is taken as it is.
   */
  static InputStream standardInput() {
    try {
      Path fd0 = Path.of("/proc/self/fd/0");
      if (Files.isSymbolicLink(fd0)) {
        Path target = Files.readSymbolicLink(fd0);
        if (target.isAbsolute() && isJvmsOwn(target)) {
          return InputStream.nullInputStream();
        }
      }
    } catch (IOException | RuntimeException e) {
      // no way to tell: standard input as it is
    }
    return System.in;
  }

  private static boolean isJvmsOwn(Path file) throws IOException {
    if (file.startsWith(Path.of(System.getProperty("java.home")).toRealPath())) {
      return true;
    }
    java.security.CodeSource code = Main.class.getProtectionDomain().getCodeSource();
    if (code == null || !code.getLocation().getProtocol().equals("file")) {
      return false;
    }
    try {
      Path jar = Path.of(code.getLocation().toURI()).toRealPath();
      return Files.isRegularFile(jar) && file.equals(jar);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
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
