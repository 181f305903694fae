package org.astanaqa.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;

/**
 * What {@code index} says when Ctrl-C or SIGTERM stops it: before, it stopped without a word (exit
 * status 130), and the user could not tell whether the index was now half-written. It never is:
 * Lucene writes a new index beside the last complete one and switches to it in its final commit, so
 * the last complete index is the one the next command opens. The JVM's own exit status stays (130
 * for Ctrl-C, 143 for SIGTERM).
 */
final class Interruption {
  /** What the command was doing. */
  enum Phase {
    /**
     * Opening the index for a command that answers (ask, sources, eval...): reading it, or building
     * it on the way when there is none or it is out of date (then {@link #INDEXING}).
     */
    OPENING,
    /** Reading the files and writing the index. */
    INDEXING,
    /** The index is written; computing the passage vectors the cache lacks. */
    VECTORS,
    /** Done: a signal now interrupts nothing. */
    DONE
  }

  private final PrintWriter err;
  private final Path indexDir;

  /**
   * Whether standard error is a terminal: there the line is begun anew, as the cursor stands after
   * a progress bar redrawn in place, or after the "^C" the terminal echoes.
   */
  private final boolean terminal;

  volatile Phase phase = Phase.INDEXING;

  /**
   * Whether {@link #say} has said what was left. The command's own thread runs on while the JVM's
   * shutdown hooks run, until the JVM halts: a line its build printed after the message (a note
   * that it builds the index, a progress line) came last, and read as the outcome.
   */
  private boolean said;

  Interruption(PrintWriter err, Path indexDir, boolean terminal) {
    this.err = err;
    this.indexDir = indexDir;
    this.terminal = terminal;
  }

  /**
   * Opens the engine with {@code open}, given {@code progress} as the build's listener, saying what
   * was left when Ctrl-C or SIGTERM stops the command before it is open: {@code ask}, {@code
   * sources}, {@code eval} and the console build the index on the way when there is none, and a
   * stop during that build ended them without a word, where {@code index} says it.
   */
  static Engine opening(
      AstanaQa root,
      PrintWriter err,
      AppConfig config,
      ProgressListener progress,
      Function<ProgressListener, Engine> open) {
    Interruption stop = new Interruption(err, Engine.indexDir(config), root.errIsTerminal);
    stop.phase = Phase.OPENING;
    Thread hook = root.stopOnSignals() ? stop.hook() : null;
    try {
      return open.apply(stop.watching(progress));
    } finally {
      stop.phase = Phase.DONE;
      unhook(hook);
    }
  }

  /**
   * {@code progress}, which marks the phase {@link Phase#INDEXING} once a build starts, and silent
   * once the stop's message is said ({@link #untilSaid}).
   */
  ProgressListener watching(ProgressListener progress) {
    ProgressListener quiet = untilSaid(progress);
    return new ProgressListener() {
      @Override
      public void started(int total) {
        phase = Phase.INDEXING;
        quiet.started(total);
      }

      @Override
      public void progress(int done, int total) {
        quiet.progress(done, total);
      }
    };
  }

  /**
   * {@code progress}, which prints nothing once {@link #say} has said what was left: the message is
   * the last line, whatever the build goes on printing until the JVM halts. Before, SIGTERM between
   * the index's lock and the start of its build printed the message, then the command's note that
   * it builds the index, and the note read as the outcome ({@code InterruptionTest}).
   */
  ProgressListener untilSaid(ProgressListener progress) {
    return new ProgressListener() {
      @Override
      public void started(int total) {
        synchronized (Interruption.this) {
          if (!said) {
            progress.started(total);
          }
        }
      }

      @Override
      public void progress(int done, int total) {
        synchronized (Interruption.this) {
          if (!said) {
            progress.progress(done, total);
          }
        }
      }
    };
  }

  /** A shutdown hook that says what was left, registered. */
  Thread hook() {
    Thread t = new Thread(this::say, "astana-qa-interrupted");
    Runtime.getRuntime().addShutdownHook(t);
    return t;
  }

  /** Removes {@code hook} (null: none) once the command is done. */
  static void unhook(Thread hook) {
    if (hook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already: the hook runs (or ran) and says it
    }
  }

  /**
   * Prints {@link #message}, if any, on a line of its own; the listeners of {@link #untilSaid}
   * print nothing after it.
   */
  synchronized void say() {
    String line = message();
    if (line != null) {
      said = true;
      if (terminal) {
        err.println(); // was "...] 300/1500 documents^Castana-qa: stopped while indexing; ..."
      }
      err.println(line);
      err.flush();
    }
  }

  /** The line to print when stopped now, or null when nothing is left to say. */
  String message() {
    switch (phase) {
      case OPENING:
        if (QuestionAnswerer.hasIndex(indexDir)) {
          return "astana-qa: stopped while opening the index in "
              + indexDir
              + "; it is unchanged (a new index replaces it only once it is whole)";
        }
      // fall through: with no index, opening is building one
      case INDEXING:
        return QuestionAnswerer.hasIndex(indexDir)
            ? "astana-qa: stopped while indexing; the index in "
                + indexDir
                + " is the last complete one, unchanged (a new index replaces it only once it is"
                + " whole); run index again to rebuild it"
            : "astana-qa: stopped while indexing; no index was written in "
                + indexDir
                + "; the next command builds it (or run index again)";
      case VECTORS:
        return "astana-qa: stopped while computing passage vectors; the index in "
            + indexDir
            + " is complete and answers by words, and the vectors computed so far are kept in"
            + " the cache; run index --if-changed to compute the rest";
      default:
        return null;
    }
  }
}
