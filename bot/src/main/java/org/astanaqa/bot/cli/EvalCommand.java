package org.astanaqa.bot.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.astanaqa.bot.Engine;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.bot.render.ConsoleRenderer;
import org.astanaqa.eval.Answerability;
import org.astanaqa.eval.Benchmarks;
import org.astanaqa.eval.DirectEvaluation;
import org.astanaqa.eval.EvalQuestion;
import org.astanaqa.eval.Evaluation;
import org.astanaqa.retrieval.Embedder;
import org.astanaqa.retrieval.Mode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Runs a questions file and prints hit@1, hit@3, MRR, not-found accuracy and latency; or a public
 * benchmark (BEIR, SQuAD) with plain BM25 beside the engine.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate the engine on a questions file or on public benchmarks.",
      "A questions file is JSON lines (q, expect, docs, none); public data: --beir DIR (nDCG@10,"
          + " R@100, MRR@10) or --squad FILE (gold paragraph and quotes)."
    })
final class EvalCommand implements Callable<Integer> {
  /**
   * The {@code --json} writer. A figure over nothing (an empty reliability bin, AUROC without both
   * kinds of question) is {@code null}, not the string "NaN" that a JSON reader takes for text.
   */
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .addModule(
              new com.fasterxml.jackson.databind.module.SimpleModule()
                  .addSerializer(Double.class, new NanAsNull())
                  .addSerializer(double.class, new NanAsNull())
                  .addSerializer(
                      double[].class,
                      new com.fasterxml.jackson.databind.ser.std.StdSerializer<double[]>(
                          double[].class) {
                        @Override
                        public void serialize(
                            double[] values,
                            com.fasterxml.jackson.core.JsonGenerator g,
                            com.fasterxml.jackson.databind.SerializerProvider p)
                            throws java.io.IOException {
                          g.writeStartArray();
                          for (double v : values) {
                            NanAsNull.write(v, g);
                          }
                          g.writeEndArray();
                        }
                      }))
          .build();

  private static final class NanAsNull
      extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Double> {
    NanAsNull() {
      super(Double.class);
    }

    static void write(double v, com.fasterxml.jackson.core.JsonGenerator g)
        throws java.io.IOException {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        g.writeNull();
      } else {
        g.writeNumber(v);
      }
    }

    @Override
    public void serialize(
        Double v,
        com.fasterxml.jackson.core.JsonGenerator g,
        com.fasterxml.jackson.databind.SerializerProvider p)
        throws java.io.IOException {
      write(v, g);
    }
  }

  @ParentCommand AstanaQa root;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "Questions files, e.g. ../shared/eval/dev-questions.jsonl")
  List<Path> files = new java.util.ArrayList<>();

  @Option(
      names = "--part",
      paramLabel = "PART",
      description =
          "Which part of a split set to ask: tune, test or all (default: test for "
              + "--squad2 and --beir, all otherwise; questions files split by their group).")
  String part;

  @Option(
      names = "--squad2",
      paramLabel = "FILE",
      description = "SQuAD 2.0 JSON: answerability (AUROC, not found, calibration) by its split.")
  Path squad2;

  @Option(
      names = "--fit-confidence",
      paramLabel = "OUT",
      description =
          "Fit the confidence model on the tune parts of the FILEs and --squad2; write OUT.")
  Path fitOut;

  @Option(
      names = "--diagram",
      paramLabel = "PNG",
      description = "Draw the reliability diagram of the test parts of the FILEs and --squad2.")
  Path diagram;

  @Option(
      names = "--beir",
      paramLabel = "DIR",
      description = "A BEIR data set: corpus.jsonl, queries.jsonl, qrels/test.tsv.")
  Path beir;

  @Option(
      names = "--squad",
      paramLabel = "FILE",
      description = "SQuAD v1.1 JSON: every paragraph a document, every question asked.")
  Path squad;

  @Option(
      names = "--baseline",
      description = "Also run plain Lucene BM25 over the same documents, side by side.")
  boolean baseline;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Ask only the first N questions of a benchmark.")
  Integer limit;

  @Option(
      names = "--wrap",
      paramLabel = "N",
      description =
          "Ask each plain question of a questions file and N (1-20) dressings of it in chat"
              + " (\"Excuse me, ...? many thanks\"); the figures then say how often a dressing"
              + " quotes the plain question's passage.")
  Integer wrap;

  @Option(names = "--json", description = "Print the metrics as one JSON object.")
  boolean json;

  /** What to give instead of a questions file that is not there. */
  static final String QUESTIONS_FILE =
      "give a questions file (JSON lines, each {\"q\":\"...\",\"expect\":[\"...\"]}), such as"
          + " eval/src/test/resources/eval/seed-questions.jsonl of the source tree";

  static ConfigException missingQuestions(Path file) {
    return missing("questions file", file, QUESTIONS_FILE);
  }

  /**
   * "X FILE does not exist", with where a relative path was looked for and what to give: "does not
   * exist" alone left the user to guess whether the path was wrong or taken from another folder.
   */
  static ConfigException missing(String what, Path file, String give) {
    if (Files.isDirectory(file)) {
      // "eval --squad2 seeds" said the folder "does not exist"
      return new ConfigException(what + " " + file + " is a folder, not a file; " + give);
    }
    if (Files.exists(file)) {
      // "eval /dev/zero" (or a pipe, as bash's <(...)) said the file "does not exist"
      return new ConfigException(
          what + " " + file + " is not a regular file (a device or a pipe); " + give);
    }
    return new ConfigException(
        what
            + " "
            + file
            + " does not exist"
            + (file.isAbsolute()
                ? ""
                : " (a relative path is taken from the working folder "
                    + Path.of("").toAbsolutePath()
                    + ")")
            + "; "
            + give);
  }

  private String part(String fallback) {
    String p = part == null ? fallback : part;
    if (!List.of("tune", "test", "all").contains(p)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--part must be tune, test or all, not " + p);
    }
    return p;
  }

  private int benchmark() throws Exception {
    Path data = beir != null ? beir : squad;
    if (!Files.exists(data) || (squad != null && Files.isDirectory(data))) {
      throw beir != null
          ? missing(
              "BEIR folder",
              data,
              "give a BEIR dataset folder (corpus.jsonl, queries.jsonl and qrels/), such as"
                  + " SciFact's")
          : missing("SQuAD file", data, "give a SQuAD JSON file, such as dev-v1.1.json");
    }
    Benchmarks.Data d;
    try {
      d =
          beir != null
              ? Benchmarks.readBeir(beir, part("test").equals("tune") ? "tune" : "test")
              : Benchmarks.readSquad(squad).part(part("all"));
    } catch (IOException | RuntimeException e) {
      throw beir != null
          ? unreadable(
              data,
              "BEIR dataset folder",
              "give a BEIR dataset folder (corpus.jsonl, queries.jsonl and qrels/), such as"
                  + " SciFact's",
              e)
          : unreadable(data, "SQuAD file", "give a SQuAD JSON file, such as dev-v1.1.json", e);
    }
    Path work = Files.createTempDirectory("astana-qa-bench");
    Benchmarks.Report r;
    AppConfig config = root.config();
    // The benchmark's vectors are cached apart from the bot's: the bot reads its whole cache into
    // memory at start-up, and SciFact and SQuAD would add about 27 MB to it for each model.
    try (Embedder embedder =
        config.mode() == Mode.HYBRID ? Engine.loadEmbedder(config, "benchmark-embeddings") : null) {
      r = Benchmarks.run(d, config.settings(), embedder, baseline, work, limit == null ? 0 : limit);
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JSON.writeValueAsString(r));
      out.flush();
      return ExitCodes.OK;
    }
    Benchmarks.Build b = r.build();
    out.printf(
        Locale.ROOT,
        "%s: %d documents, %d passages, %d questions; mode %s%n",
        r.data(),
        b.documents(),
        b.passages(),
        r.questions(),
        r.mode().equals("hybrid") ? "hybrid (" + config.model().id() + ")" : r.mode());
    out.printf(
        Locale.ROOT,
        "index: %.1f s (%.0f documents/s, %.2f MB/s), %.1f MB on disk, heap after indexing %.0f MB%n",
        b.seconds(),
        b.documentsPerSecond(),
        b.megabytesPerSecond(),
        b.indexBytes() / 1e6,
        b.heapBytesAfter() / 1e6);
    out.printf(Locale.ROOT, "%-22s %10s %10s%n", "", "engine", baseline ? "BM25" : "");
    row(
        out,
        "nDCG@10",
        r.engine().ndcgAt10(),
        r.baseline() == null ? null : r.baseline().ndcgAt10());
    row(
        out,
        "R@100",
        r.engine().recallAt100(),
        r.baseline() == null ? null : r.baseline().recallAt100());
    row(out, "MRR@10", r.engine().mrrAt10(), r.baseline() == null ? null : r.baseline().mrrAt10());
    row(out, "top-1", r.engine().top1(), r.baseline() == null ? null : r.baseline().top1());
    row(out, "top-5", r.engine().top5(), r.baseline() == null ? null : r.baseline().top5());
    row(out, "top-20", r.engine().top20(), r.baseline() == null ? null : r.baseline().top20());
    row(out, "MRR", r.engine().mrr(), r.baseline() == null ? null : r.baseline().mrr());
    if (r.engine().quoteHasAnswerAt1() != null) {
      row(
          out,
          "first quote has answer",
          r.engine().quoteHasAnswerAt1(),
          r.baseline() == null ? null : r.baseline().quoteHasAnswerAt1());
      row(
          out,
          "a top-3 quote has it",
          r.engine().quoteHasAnswerAt3(),
          r.baseline() == null ? null : r.baseline().quoteHasAnswerAt3());
    }
    out.printf(
        Locale.ROOT,
        "%-22s %10s %10s%n",
        "latency p50/p95/p99",
        ms(r.engineLatency()),
        r.baselineLatency() == null ? "" : ms(r.baselineLatency()));
    if (r.embeddingLatency() != null) {
      out.printf(Locale.ROOT, "%-22s %10s%n", "  embedding alone", ms(r.embeddingLatency()));
    }
    if (r.latencyRatio() != null) {
      out.printf(Locale.ROOT, "engine p50 / BM25 p50: %.2fx%n", r.latencyRatio());
    }
    out.printf(
        Locale.ROOT,
        "engine throughput: %.0f questions/s with 1 thread, %.0f with 2%n",
        r.questionsPerSecond1Thread(),
        r.questionsPerSecond2Threads());
    if (r.direct() != null) {
      DirectEvaluation.Squad direct = r.direct();
      out.printf(
          Locale.ROOT,
          "direct answers: coverage %.3f, over those given EM %.3f, F1 %.3f"
              + " (SQuAD normalization, best gold answer)%n",
          direct.coverage(),
          direct.exactMatch(),
          direct.f1());
      out.printf(
          Locale.ROOT,
          "ask latency p50: %.2f ms without direct answers, %.2f ms with%n",
          direct.p50Without(),
          direct.p50With());
      out.print(DirectEvaluation.sweepTable(direct.sweep(), true));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void row(PrintWriter out, String name, double engine, Double base) {
    out.printf(
        Locale.ROOT,
        "%-22s %10.4f %10s%n",
        name,
        engine,
        base == null ? "" : String.format(Locale.ROOT, "%.4f", base));
  }

  private static String ms(Benchmarks.Latency l) {
    return String.format(Locale.ROOT, "%.1f/%.1f/%.1f ms", l.p50(), l.p95(), l.p99());
  }

  @Override
  public Integer call() throws Exception {
    // A bad option value is a usage error, said before anything is read: "--part bogus" on a
    // broken file said what was wrong with the file first, and only once it was mended the part.
    part("all");
    if (limit != null && limit < 1) {
      // 0 and below asked every question, silently
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be 1 or more, not " + limit);
    }
    if (wrap != null && (wrap < 1 || wrap > org.astanaqa.eval.ChatFrames.MAX_PER_QUESTION)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--wrap must be between 1 and "
              + org.astanaqa.eval.ChatFrames.MAX_PER_QUESTION
              + ", not "
              + wrap);
    }
    if (wrap != null && (files.size() != 1 || fitOut != null || diagram != null)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--wrap goes with one questions FILE and nothing else");
    }
    if ((limit != null || baseline) && beir == null && squad == null) {
      // "eval questions.jsonl --limit 5" asked all 64 questions, and --baseline ran no baseline,
      // with exit status 0: options of the benchmarks, which nothing else reads
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          (limit != null ? "--limit" : "--baseline")
              + " goes with --beir or --squad only; a questions file is asked whole (--part tune"
              + " or test asks half of a split one)");
    }
    if ((fitOut != null || diagram != null) && (json || part != null)) {
      // the weights and the diagram are written as files, of the tune and the test parts
      // respectively: --json printed text, and --part was not read
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          (json ? "--json" : "--part")
              + " does not go with "
              + (fitOut != null
                  ? "--fit-confidence, which fits on the tune parts"
                  : "--diagram, which draws the test parts")
              + " and writes a file");
    }
    if (fitOut != null || diagram != null) {
      return new Calibration(root.config(), spec.commandLine().getOut())
          .run(files, squad2, fitOut, diagram);
    }
    int given =
        (files.isEmpty() ? 0 : 1)
            + (beir != null ? 1 : 0)
            + (squad != null ? 1 : 0)
            + (squad2 != null ? 1 : 0);
    if (given != 1 || files.size() > 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "give exactly one of: a questions FILE, --beir DIR, --squad FILE, --squad2 FILE"
              + " (several FILEs only with --fit-confidence or --diagram)");
    }
    if (beir != null || squad != null) {
      return benchmark();
    }
    if (squad2 != null) {
      return new Calibration(root.config(), spec.commandLine().getOut())
          .squad2(squad2, part("test"), json);
    }
    Path file = files.get(0);
    if (Files.isDirectory(file)) {
      throw new ConfigException("questions file " + file + " is a folder; give a .jsonl file");
    }
    if (!Files.isRegularFile(file)) {
      throw missingQuestions(file);
    }
    List<EvalQuestion> questions;
    try {
      List<EvalQuestion> read = EvalQuestion.readJsonl(file);
      if (!part("all").equals("all")
          && !read.isEmpty()
          && read.stream().allMatch(q -> q.part().equals("all"))) {
        // Its questions are in every part: "--part tune" asked them all and said "part tune", and
        // "--part test" asked the same again, as if a split set's halves had been measured.
        throw new ConfigException(
            "--part "
                + part("all")
                + ": questions file "
                + file
                + " is not split into tune and test parts (no question has a \"group\": odd for"
                + " tune, even for test); leave --part out to ask all its questions");
      }
      questions = EvalQuestion.part(read, part("all"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ConfigException(
          "questions file " + file + " is not UTF-8 text; give a JSON-lines questions file", e);
    }
    if (questions.isEmpty()) {
      // Figures over no questions are not figures (hit@1 1.000, AUROC NaN): say so instead.
      throw new ConfigException(
          "questions file "
              + file
              + " holds no questions"
              + (part("all").equals("all") ? "" : " in part " + part("all"))
              + "; each line is a JSON object such as {\"q\":\"...\",\"expect\":[\"...\"]}");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (org.astanaqa.eval.FollowUpEvaluation.isTwoTurn(questions)) {
      if (wrap != null) {
        throw new ConfigException(
            "--wrap dresses single questions; "
                + file
                + " holds two-turn exchanges (\"after\"): give a file of single questions");
      }
      return followUps(file, questions, out);
    }
    if (wrap != null) {
      questions = org.astanaqa.eval.ChatFrames.wrap(questions, wrap);
      if (questions.isEmpty()) {
        throw new ConfigException(
            "questions file "
                + file
                + " holds no plain answerable question to dress"
                + (part("all").equals("all") ? "" : " in part " + part("all"))
                + " (kind \"plain\", or no kind and not \"none\")");
      }
    }
    try (Engine engine = openEngine()) {
      warnOfDocsNotInTheCorpus(file, questions, engine);
      Evaluation.Report r = Evaluation.run(engine.answerer(), questions, 3);
      List<Answerability.Item> items = new java.util.ArrayList<>();
      for (EvalQuestion q : questions) {
        items.add(Answerability.ask(engine.answerer(), q, file.getFileName().toString()));
      }
      Answerability.Summary s = Answerability.summarize(items);
      DirectEvaluation.Own direct = DirectEvaluation.own(engine.answerer(), questions);
      if (json) {
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("part", part("all"));
        all.put("report", r);
        all.put("answerability", s);
        all.put("direct", direct);
        out.println(JSON.writeValueAsString(all));
      } else {
        out.printf(
            Locale.ROOT,
            "%d questions (%d answerable, %d out of scope) on %s, part %s%n"
                + "hit@1 %s  answer@1 %s  hit@3 %s  MRR %s  not-found accuracy %s  false not-found %s%n"
                + "latency once warm: p50 %.2f ms  p95 %.2f ms (first pass, cold: p50 %.2f ms)%n",
            r.questions(),
            r.answerable(),
            r.unanswerable(),
            engine.corpusName(),
            part("all"),
            figure(r.hitAt1()),
            figure(r.answerAt1()),
            figure(r.hitAt3()),
            figure(r.mrr()),
            figure(r.notFoundAccuracy()),
            figure(r.falseNotFound()),
            r.p50Millis(),
            r.p95Millis(),
            r.coldP50Millis());
        java.util.Map<String, Long> languages = new java.util.TreeMap<>();
        for (EvalQuestion q : questions) {
          languages.merge(org.astanaqa.retrieval.Languages.detect(q.q()), 1L, Long::sum);
        }
        if (!languages.keySet().equals(java.util.Set.of("en"))) {
          out.printf(
              "languages: %s%n", languages.toString().replaceAll("[{}]", "").replace('=', ' '));
        }
        out.printf(
            Locale.ROOT,
            "confidence: AUROC %s  calibration error %.3f  (threshold %.2f)%n",
            figure(s.auroc()),
            s.calibrationError(),
            engine.answerer().minConfidence());
        if (direct.questions() > 0) {
          out.printf(
              Locale.ROOT,
              "direct answers (%d questions with a short answer): right %.3f  wrong %.3f%n",
              direct.questions(),
              direct.right(),
              direct.wrong());
          out.print(DirectEvaluation.sweepTable(direct.sweep(), false));
        }
        if (r.kinds().size() > 1) {
          r.kinds()
              .forEach(
                  (k, v) ->
                      out.printf(
                          Locale.ROOT,
                          "  %-11s %4d questions, right %.3f%n",
                          k,
                          v.questions(),
                          v.right()));
        }
        if (r.chattySamePassage() != null) {
          out.printf(
              Locale.ROOT,
              "chatty questions quoting their plain question's passage: %.3f%n",
              r.chattySamePassage());
        }
        printMisses(out, r.failures());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * Each missed question with what was expected and what came. A question exported from the
   * Telegram users' thumbs down is a stranger's words: shown on one line, never run as the
   * terminal's escape sequences.
   */
  private static void printMisses(PrintWriter out, List<Evaluation.Failure> failures) {
    for (Evaluation.Failure f : failures) {
      out.printf(
          "MISS %s%n  expected: %s%n  got: %s%n",
          ConsoleRenderer.oneLine(f.question()),
          ConsoleRenderer.oneLine(f.expected()),
          ConsoleRenderer.oneLine(f.got()));
    }
  }

  /**
   * A share to three places, or "n/a" when it is over no question (hit@1 without an answerable
   * question, AUROC without both kinds), where "NaN" was printed, or, for the shares of the
   * answerable questions of a file of out-of-scope ones, 1.000.
   */
  static String figure(double share) {
    return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.3f", share);
  }

  /** The engine of the questions files, saying what was left when stopped while it opens. */
  private Engine openEngine() {
    org.astanaqa.bot.config.AppConfig c = root.config();
    return Interruption.opening(
        root,
        spec.commandLine().getErr(),
        c,
        Progress.buildingFirst(spec.commandLine().getErr(), IndexCommand.PROGRESS_FROM),
        p -> Engine.open(c, p, false));
  }

  /**
   * A benchmark file that cannot be read, said in a person's words: what it lacks or where its JSON
   * breaks, and what to give. Before, Java's and Jackson's own: "Cannot invoke
   * \"com.fasterxml.jackson.databind.JsonNode.size()\" because ... is null", "[Source: REDACTED
   * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 2, column: 1]".
   */
  static ConfigException unreadable(Path data, String kind, String give, Exception e) {
    String what;
    if (e instanceof Benchmarks.NotTheFormat) {
      what = data + " is not a " + kind + ": " + e.getMessage();
    } else if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      com.fasterxml.jackson.core.JsonLocation at = j.getLocation();
      what =
          data
              + " is not valid JSON ("
              + (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
              + org.astanaqa.retrieval.util.JsonErrors.withoutSource(j.getOriginalMessage())
              + ")";
    } else if (e instanceof IOException io) {
      what = "cannot read " + data + ": " + org.astanaqa.retrieval.util.IoErrors.reason(io, data);
    } else {
      what = "cannot read " + data + " as a " + kind + ": " + e.getMessage();
    }
    return new ConfigException(what + "; " + give, e);
  }

  /**
   * Says on stderr which "docs" entries name no document of the corpus (a misspelt id, a file
   * renamed since): the questions that list only them are counted wrong whatever is answered.
   */
  private void warnOfDocsNotInTheCorpus(Path file, List<EvalQuestion> questions, Engine engine) {
    java.util.Map<String, String> unknown =
        EvalQuestion.docsNotIn(
            questions,
            engine.answerer().sources().stream().map(org.astanaqa.retrieval.Source::id).toList());
    if (unknown.isEmpty()) {
      return;
    }
    StringBuilder named = new StringBuilder();
    unknown.entrySet().stream()
        .limit(5)
        .forEach(
            e ->
                named
                    .append(named.length() == 0 ? "" : ", ")
                    .append('"')
                    .append(e.getKey())
                    .append("\" (")
                    .append(e.getValue())
                    .append(')'));
    if (unknown.size() > 5) {
      named.append(", and ").append(unknown.size() - 5).append(" more");
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "Warning: "
            + file.getFileName()
            + ": \"docs\" names "
            + unknown.size()
            + (unknown.size() == 1 ? " document" : " documents")
            + " the corpus does not hold: "
            + ConsoleRenderer.oneLine(named.toString())
            + "; a document is named by its id (see the sources command) or the number its file"
            + " name starts with");
    err.flush();
  }

  /** Runs a set of two-turn exchanges: the second turn asked with the first as its context. */
  private int followUps(Path file, List<EvalQuestion> questions, PrintWriter out)
      throws IOException {
    try (Engine engine = openEngine()) {
      warnOfDocsNotInTheCorpus(file, questions, engine);
      org.astanaqa.eval.FollowUpEvaluation.Report r =
          org.astanaqa.eval.FollowUpEvaluation.run(engine.answerer(), questions, 3);
      if (json) {
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("part", part("all"));
        all.put("followUps", r);
        out.println(JSON.writeValueAsString(all));
      } else {
        out.printf(
            Locale.ROOT,
            "%d two-turn exchanges (%d follow-ups, %d standalone) on %s, part %s%n"
                + "follow-ups: second turn's first quote right %.3f (asked alone: %.3f); judged"
                + " leaning %.3f%n"
                + "standalone: right %.3f; answered exactly as without context %.3f; judged"
                + " standalone %.3f%n",
            r.followUps() + r.standalone(),
            r.followUps(),
            r.standalone(),
            engine.corpusName(),
            part("all"),
            r.followUpRight(),
            r.followUpRightAlone(),
            r.followUpJudged(),
            r.standaloneRight(),
            r.standaloneUnchanged(),
            r.standaloneJudged());
        printMisses(out, r.failures());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
