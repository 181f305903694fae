package org.astanaqa.bot.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.store.FSDirectory;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.eval.Answerability;
import org.astanaqa.eval.Benchmarks;
import org.astanaqa.eval.ConfidenceFit;
import org.astanaqa.eval.EvalQuestion;
import org.astanaqa.retrieval.Embedder;
import org.astanaqa.retrieval.Mode;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;

/**
 * The confidence's evaluation commands: SQuAD 2.0 answerability, fitting the confidence model on
 * tune parts, and the reliability diagram of test parts.
 */
final class Calibration {
  /** The confidence from which a reply is worded as a likely answer, stored with the weights. */
  private static final double LIKELY = 0.75;

  private final AppConfig config;
  private final PrintWriter out;

  Calibration(AppConfig config, PrintWriter out) {
    this.config = config;
    this.out = out;
  }

  private static ConfigException missingSquad2(Path file) {
    return EvalCommand.missing(
        "SQuAD 2.0 file", file, "give the SQuAD 2.0 JSON file, such as dev-v2.0.json");
  }

  /** {@code eval --squad2 FILE}: answerability of one part of SQuAD 2.0. */
  int squad2(Path file, String part, boolean json) throws Exception {
    if (!Files.isRegularFile(file)) {
      throw missingSquad2(file);
    }
    List<Answerability.Item> items = new ArrayList<>();
    double[] millis = askSquad2(file, part, items);
    Answerability.Summary s = Answerability.summarize(items);
    Arrays.sort(millis);
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("part", part);
      all.put("answerability", s);
      all.put("p50Millis", millis.length == 0 ? 0 : millis[millis.length / 2]);
      out.println(JsonMapper.builder().build().writeValueAsString(all));
    } else {
      out.printf(
          Locale.ROOT,
          "SQuAD 2.0 %s part: %d questions (%d answerable, %d unanswerable); mode %s%n",
          part,
          s.questions(),
          s.answerable(),
          s.questions() - s.answerable(),
          modeName());
      print(s);
      out.printf(
          Locale.ROOT, "latency p50 %.1f ms%n", millis.length == 0 ? 0 : millis[millis.length / 2]);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void print(Answerability.Summary s) {
    out.printf(
        Locale.ROOT,
        "AUROC %.3f  unanswerable answered \"not found\" %.3f  answerable answered from the gold"
            + " paragraph %.3f (%.3f before the cut)  calibration error %.3f%n",
        s.auroc(),
        s.notFoundOnUnanswerable(),
        s.rightAndAnswered(),
        s.rightUncut(),
        s.calibrationError());
  }

  /**
   * {@code eval --fit-confidence OUT} and {@code eval --diagram PNG}: fits on the tune parts of the
   * question files and SQuAD 2.0, and draws the test parts.
   */
  int run(List<Path> files, Path squad2, Path fitOut, Path diagram) throws Exception {
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw EvalCommand.missingQuestions(f);
      }
    }
    if (squad2 != null && !Files.isRegularFile(squad2)) {
      throw missingSquad2(squad2);
    }
    // said before the questions are asked, which takes minutes, not after
    if (fitOut != null) {
      writable("--fit-confidence", fitOut);
    }
    if (diagram != null) {
      writable("--diagram", diagram);
    }
    if (fitOut != null) {
      List<Answerability.Item> tune = collect(files, squad2, Benchmarks.TUNE);
      String note =
          "fitted "
              + LocalDate.now()
              + " by eval --fit-confidence on the tune parts of "
              + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList())
              + (squad2 == null ? "" : " and " + squad2.getFileName() + " (first 8 articles)")
              + "; "
              + tune.size()
              + " questions, each set weighing the same";
      String json;
      try {
        json = ConfidenceFit.fit(tune, modelName(), LIKELY, note);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "cannot fit the confidence: "
                + e.getMessage()
                + "; give questions files with tune parts (odd groups) and --squad2 FILE",
            e);
      }
      Path table = fitOut.resolveSibling(fitOut.getFileName() + ".tsv");
      try {
        Files.writeString(fitOut, json + "\n", StandardCharsets.UTF_8);
        writeSignals(tune, table);
      } catch (IOException e) {
        throw cannotWrite("--fit-confidence", fitOut, e);
      }
      out.printf(
          Locale.ROOT,
          "fitted on %d tune questions; wrote %s and the signals in %s%n",
          tune.size(),
          fitOut,
          table);
      summarizeBySet("tune (the weights in use when this ran)", tune);
    }
    if (diagram != null) {
      List<Answerability.Item> test = collect(files, squad2, Benchmarks.TEST);
      summarizeBySet("test", test);
      try {
        ReliabilityDiagram.draw(
            test, "Reliability of the confidence, test parts, " + modeName(), diagram);
      } catch (IOException e) {
        throw cannotWrite("--diagram", diagram, e);
      }
      out.printf("wrote %s%n", diagram);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Every item's set, outcome and signals, one a line, for a person to analyse further. */
  /**
   * Refuses an output file that is a folder or in a folder that does not exist, before the work:
   * "--diagram DIR" deleted DIR when it was empty (ImageIO deletes the file it writes first) and
   * otherwise ended, after every question was asked, in ImageIO's stack trace and exit status 1.
   */
  static void writable(String option, Path file) {
    if (Files.isDirectory(file)) {
      throw new ConfigException(
          option + " " + file + " is a folder; give a file name (in it, or elsewhere) to write");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new ConfigException(
          option
              + " "
              + file
              + ": the folder "
              + parent
              + " does not exist; create it, or give a file in a folder that does");
    }
  }

  private static ConfigException cannotWrite(String option, Path file, IOException e) {
    return new ConfigException(
        option
            + ": cannot write "
            + file
            + ": "
            + org.astanaqa.retrieval.util.IoErrors.reason(e, file)
            + "; give another file",
        e);
  }

  private static void writeSignals(List<Answerability.Item> items, Path file) throws IOException {
    StringBuilder sb = new StringBuilder("set\tanswerable\tright\tconfidence\t");
    sb.append(String.join("\t", QuestionAnswerer.signalNames())).append('\n');
    for (Answerability.Item i : items) {
      if (i.signals().length == 0) {
        continue;
      }
      sb.append(i.set())
          .append('\t')
          .append(i.answerable() ? 1 : 0)
          .append('\t')
          .append(i.right() ? 1 : 0)
          .append('\t')
          .append(i.confidence());
      for (double v : i.signals()) {
        sb.append('\t').append(v);
      }
      sb.append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  private void summarizeBySet(String what, List<Answerability.Item> items) {
    Map<String, List<Answerability.Item>> bySet = new LinkedHashMap<>();
    items.forEach(i -> bySet.computeIfAbsent(i.set(), k -> new ArrayList<>()).add(i));
    bySet.forEach(
        (set, list) -> {
          out.printf(Locale.ROOT, "%s, %s: %d questions%n  ", what, set, list.size());
          print(Answerability.summarize(list));
        });
  }

  private List<Answerability.Item> collect(List<Path> files, Path squad2, String part)
      throws Exception {
    List<Answerability.Item> items = new ArrayList<>();
    if (!files.isEmpty()) {
      try (Engine engine = Engine.open(config, ProgressListener.NONE, false)) {
        for (Path f : files) {
          List<EvalQuestion> questions;
          try {
            questions = EvalQuestion.part(EvalQuestion.readJsonl(f), part);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
          }
          // An unsplit set is tuning data (it was tuned on before): only its tune use counts.
          boolean split = questions.stream().anyMatch(q -> q.group() != 0);
          if (!split && part.equals(Benchmarks.TEST)) {
            continue;
          }
          for (EvalQuestion q : questions) {
            items.add(Answerability.ask(engine.answerer(), q, f.getFileName().toString()));
          }
        }
      }
    }
    if (squad2 != null) {
      askSquad2(squad2, part, items);
    }
    return items;
  }

  /** Indexes every SQuAD 2.0 paragraph and asks the questions of {@code part}; their latencies. */
  private double[] askSquad2(Path file, String part, List<Answerability.Item> into)
      throws Exception {
    Benchmarks.Data data;
    try {
      data = Benchmarks.readSquad(file).part(part);
    } catch (IOException | RuntimeException e) {
      throw EvalCommand.unreadable(
          file, "SQuAD file", "give the SQuAD 2.0 JSON file, such as dev-v2.0.json", e);
    }
    Path work = Files.createTempDirectory("astana-qa-squad2");
    try (Embedder embedder =
            config.mode() == Mode.HYBRID
                ? Engine.loadEmbedder(config, "benchmark-embeddings")
                : null;
        FSDirectory dir = FSDirectory.open(work);
        QuestionAnswerer qa =
            QuestionAnswerer.build(
                data.documents(), dir, config.settings(), embedder, ProgressListener.NONE)) {
      double[] millis = new double[data.questions().size()];
      int i = 0;
      for (Benchmarks.Question q : data.questions()) {
        long t0 = System.nanoTime();
        into.add(Answerability.ask(qa, q, "squad2"));
        millis[i++] = (System.nanoTime() - t0) / 1e6;
      }
      return millis;
    } finally {
      try (var paths = Files.walk(work)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private String modelName() {
    return config.mode() == Mode.HYBRID ? config.model().id() : "bm25";
  }

  private String modeName() {
    return config.mode() == Mode.HYBRID ? "hybrid (" + config.model().id() + ")" : "bm25";
  }
}
