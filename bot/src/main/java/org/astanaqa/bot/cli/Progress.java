package org.astanaqa.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.astanaqa.retrieval.ProgressListener;

/**
 * The {@code index} command's progress on standard error: a bar redrawn in place on a terminal, and
 * a plain line at each tenth elsewhere. The bar's carriage returns, drawn into a file or a pipe
 * ({@code index 2> index.log}), made one line of 50 redrawings that a log reader or {@code grep}
 * showed as garbage.
 */
final class Progress implements ProgressListener {
  private final PrintWriter err;
  private final boolean terminal;
  private final String label;
  private final String unit;
  private final int from;
  private int lastTenth = -1;
  private int lastStep = -1;

  /**
   * @param label what is counted ("indexing", "vectors ")
   * @param unit the things counted ("documents")
   * @param from the smallest total worth showing progress for
   */
  Progress(PrintWriter err, boolean terminal, String label, String unit, int from) {
    this.err = err;
    this.terminal = terminal;
    this.label = label;
    this.unit = unit;
    this.from = from;
  }

  @Override
  public void progress(int done, int total) {
    if (total < from) {
      return;
    }
    if (terminal) {
      int step = (int) ((long) done * 50 / total); // redrawn 50 times at most, whatever the batch
      if (step > lastStep || done == total) {
        lastStep = step;
        int width = 30;
        int filled = (int) ((long) done * width / total);
        err.printf(
            "\r%s [%s%s] %d/%d %s",
            label, "#".repeat(filled), " ".repeat(width - filled), done, total, unit);
        if (done == total) {
          err.println();
        }
        err.flush();
      }
      return;
    }
    int tenth = (int) ((long) done * 10 / total);
    if (tenth > lastTenth && tenth > 0) {
      lastTenth = tenth;
      err.printf("%s %d%% (%d/%d %s)%n", label.strip(), tenth * 10, done, total, unit);
      err.flush();
    }
  }

  /**
   * For the commands that show no progress bar ({@code ask}, {@code sources}, {@code eval}, {@code
   * glossary}): one line on standard error when they must first build the index of {@code from}
   * documents or more, and one when it is built. {@code ask} on 100 UN speeches, the first time or
   * after an {@code index} run killed while it computed the vectors, was silent for 88 s, as if it
   * hung. A small corpus, built in a second or two, says nothing.
   */
  static ProgressListener buildingFirst(PrintWriter err, int from) {
    return new ProgressListener() {
      private long t0;
      private boolean shown;

      @Override
      public void started(int total) {
        t0 = System.nanoTime();
        shown = total >= from;
        if (shown) {
          err.printf(
              Locale.ROOT,
              "astana-qa: building the index of %d documents first (once, until files change;"
                  + " the index command shows its progress)...%n",
              total);
          err.flush();
        }
      }

      @Override
      public void progress(int done, int total) {
        if (shown && done == total) {
          err.printf(
              Locale.ROOT, "astana-qa: index built in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
          err.flush();
          shown = false;
        }
      }
    };
  }

  /**
   * Whether standard error is a terminal: on Linux, whether descriptor 2 is a terminal device;
   * elsewhere, whether the JVM has a console (standard input and output are terminals).
   */
  static boolean stderrIsTerminal() {
    return isTerminal(2);
  }

  /**
   * Whether standard input is a terminal, where a person types: on Linux, whether descriptor 0 is a
   * terminal device; elsewhere, whether the JVM has a console.
   */
  static boolean stdinIsTerminal() {
    return isTerminal(0);
  }

  private static boolean isTerminal(int fd) {
    try {
      Path link = Path.of("/proc/self/fd/" + fd);
      if (Files.isSymbolicLink(link)) {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/")
            || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
      }
    } catch (java.io.IOException | RuntimeException e) {
      // no way to tell from here
    }
    return System.console() != null;
  }
}
