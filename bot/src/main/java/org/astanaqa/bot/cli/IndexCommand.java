package org.astanaqa.bot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.astanaqa.bot.DataFolder;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.render.ConsoleRenderer;
import org.astanaqa.retrieval.Extraction;
import org.astanaqa.retrieval.IndexReport;
import org.astanaqa.retrieval.Mode;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.SkippedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Builds the index and says what went in, what was skipped and why. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Build (or rebuild) the index of the corpus and print a summary.")
final class IndexCommand implements Callable<Integer> {
  /** Corpora smaller than this are indexed too fast for a progress bar to be worth drawing. */
  static final int PROGRESS_FROM = 50;

  @ParentCommand AstanaQa root;
  @Spec CommandSpec spec;

  @Option(
      names = "--if-changed",
      description = "Reuse the index when it is up to date instead of rebuilding.")
  boolean ifChanged;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressListener bar =
        new Progress(err, root.errIsTerminal, "indexing", "documents", PROGRESS_FROM);
    AppConfig c = root.config();
    // the summary names each skipped file and warning: the log's lines while it builds said
    // each a second time (the log file keeps them)
    org.astanaqa.bot.logging.LogConfig.fileWarningsInTheSummary();
    if (c.index().isEmpty()
        || c.mode() == Mode.HYBRID) { // the index or the vector cache goes there
      DataFolder.checkWritable(Path.of(c.dataDir()));
    }
    Interruption stop = new Interruption(err, Engine.indexDir(c), root.errIsTerminal);
    Thread hook = root.stopOnSignals() ? stop.hook() : null;
    // nothing of the bars after the stop's message, which says what was left
    try (Engine engine = Engine.openLive(c, stop.untilSaid(bar), !ifChanged, false)) {
      IndexReport r = engine.answerer().report();
      out.printf(
          Locale.ROOT,
          "%s %s, %s from %s into %s in %.1f s (%s).%n",
          r.rebuilt() ? "Indexed" : "Reused the index of",
          counted(r.documents(), "document"),
          counted(r.passages(), "passage"),
          engine.corpusName(),
          engine.indexDir(),
          r.millis() / 1000.0,
          r.reason());
      for (Extraction x : r.extraction()) {
        out.println("Text extraction, " + x);
      }
      if (r.missingVectors() > 0) {
        out.printf(
            Locale.ROOT,
            "Answerable by words after %.1f s; computing %d passage vectors of %s.%n",
            r.millis() / 1000.0,
            r.missingVectors(),
            r.model());
        out.flush();
        stop.phase = Interruption.Phase.VECTORS;
        long t0 = System.nanoTime();
        engine
            .answerer()
            .completeVectors(
                stop.untilSaid(
                    new Progress(
                        err, root.errIsTerminal, "vectors ", "passages", PROGRESS_FROM * 10)));
        r = engine.answerer().report();
        out.printf(
            Locale.ROOT,
            "Passage vectors done after %.1f s more (%.1f s in all).%n",
            (System.nanoTime() - t0) / 1e9,
            r.millis() / 1000.0 + (System.nanoTime() - t0) / 1e9);
      } else if (r.model() != null) {
        engine.answerer().completeVectors(ProgressListener.NONE); // written as eval measures it
      }
      out.println(
          r.model() == null
              ? "Mode bm25: words only, no passage vectors."
              : "Mode hybrid: passage vectors of " + r.model() + " in the index.");
      if (!r.skipped().isEmpty()) {
        out.printf("Skipped %d file%s:%n", r.skipped().size(), r.skipped().size() == 1 ? "" : "s");
        for (SkippedFile s : r.skipped()) {
          out.printf(
              "  %s: %s%n", ConsoleRenderer.oneLine(s.path()), ConsoleRenderer.oneLine(s.reason()));
        }
      }
      for (String w : r.warnings()) {
        out.println("Warning: " + ConsoleRenderer.oneLine(w));
      }
      long bytes;
      try (var files = java.nio.file.Files.walk(engine.indexDir())) {
        bytes =
            files
                .filter(java.nio.file.Files::isRegularFile)
                .mapToLong(f -> f.toFile().length())
                .sum();
      }
      Runtime rt = Runtime.getRuntime();
      System.gc();
      out.printf(
          Locale.ROOT,
          "Index size on disk %.1f MB; heap in use with the index open %.0f MB.%n",
          bytes / 1e6,
          (rt.totalMemory() - rt.freeMemory()) / 1e6);
      out.flush();
      return ExitCodes.OK;
    } finally {
      stop.phase = Interruption.Phase.DONE;
      Interruption.unhook(hook);
    }
  }

  /** "1 document", "3 documents". */
  static String counted(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
