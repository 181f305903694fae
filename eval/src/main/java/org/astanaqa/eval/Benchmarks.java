package org.astanaqa.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.CorpusDocument;
import org.astanaqa.retrieval.Embedder;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.util.Percentile;

/**
 * Quality and speed on public benchmark data, engine and plain BM25 ({@link Bm25Baseline}) in the
 * same run over the same documents. The data is read by path and never copied.
 */
public final class Benchmarks {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Benchmarks() {}

  /** The part of a data set tuned on. */
  public static final String TUNE = "tune";

  /** The part of a data set reported on, never looked at while tuning. */
  public static final String TEST = "test";

  /**
   * A question with the documents that answer it and, for SQuAD, the answer strings.
   *
   * @param unanswerable true for SQuAD 2.0's questions that no paragraph answers
   * @param part {@link #TUNE} or {@link #TEST}
   */
  public record Question(
      String id,
      String text,
      Map<String, Integer> relevant,
      List<String> answers,
      boolean unanswerable,
      String part) {
    /** An answerable question of the test part. */
    public Question(String id, String text, Map<String, Integer> relevant, List<String> answers) {
      this(id, text, relevant, answers, false, TEST);
    }
  }

  /** A benchmark: documents and questions. */
  public record Data(String name, List<CorpusDocument> documents, List<Question> questions) {
    /** The same documents with only the questions of {@code part} ({@code all}: every one). */
    public Data part(String part) {
      if (part == null || part.equals("all")) {
        return this;
      }
      return new Data(
          name + " (" + part + ")",
          documents,
          questions.stream().filter(q -> q.part().equals(part)).toList());
    }
  }

  /** Quality of one system, at the document level and (for SQuAD) for quotes. */
  public record Quality(
      double ndcgAt10,
      double recallAt100,
      double mrrAt10,
      double top1,
      double top5,
      double top20,
      double mrr,
      Double quoteHasAnswerAt1,
      Double quoteHasAnswerAt3) {}

  /** Per-question latency in milliseconds. */
  public record Latency(double p50, double p95, double p99) {}

  /** Building the engine's index. */
  public record Build(
      int documents,
      int passages,
      double seconds,
      double documentsPerSecond,
      double megabytesPerSecond,
      long indexBytes,
      long heapBytesAfter) {}

  /**
   * One run: the engine and, when asked, the baseline, with the ratio of their median latencies.
   *
   * @param embeddingLatency in the hybrid mode, the questions' embedding alone (the part of the
   *     engine's latency the model takes); null in the BM25 mode and when speed is not measured
   * @param direct SQuAD's direct answers (coverage, exact match, F1, latency with and without);
   *     null for data without answer strings and when speed is not measured
   */
  public record Report(
      String data,
      String mode,
      int questions,
      Build build,
      Quality engine,
      Latency engineLatency,
      Latency embeddingLatency,
      double questionsPerSecond1Thread,
      double questionsPerSecond2Threads,
      Quality baseline,
      Latency baselineLatency,
      Double latencyRatio,
      DirectEvaluation.Squad direct) {}

  /** Reads BEIR's test part: corpus.jsonl, queries.jsonl and qrels/test.tsv. */
  public static Data readBeir(Path dir) throws IOException {
    return readBeir(dir, TEST);
  }

  /**
   * Reads BEIR: corpus.jsonl, queries.jsonl and the judgements of {@code part}: qrels/test.tsv for
   * {@link #TEST}, qrels/train.tsv for {@link #TUNE} (only judged queries are asked).
   */
  public static Data readBeir(Path dir, String part) throws IOException {
    String qrelsFile = part.equals(TUNE) ? "train.tsv" : "test.tsv";
    for (Path need :
        List.of(
            dir.resolve("corpus.jsonl"),
            dir.resolve("queries.jsonl"),
            dir.resolve("qrels").resolve(qrelsFile))) {
      if (!Files.isRegularFile(need)) {
        throw new NotTheFormat("it has no " + dir.relativize(need));
      }
    }
    List<CorpusDocument> docs = new ArrayList<>();
    forEachJsonLine(
        dir.resolve("corpus.jsonl"),
        n -> {
          String title = n.path("title").asText("");
          docs.add(
              new CorpusDocument(
                  new Source(
                      n.get("_id").asText(), title.isBlank() ? null : title, null, null, null),
                  n.path("text").asText("")));
        });
    Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
    List<String> lines =
        Files.readAllLines(dir.resolve("qrels").resolve(qrelsFile), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      if (f.length >= 3 && Integer.parseInt(f[2].strip()) > 0) {
        qrels.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], Integer.parseInt(f[2].strip()));
      }
    }
    List<Question> questions = new ArrayList<>();
    forEachJsonLine(
        dir.resolve("queries.jsonl"),
        n -> {
          String id = n.get("_id").asText();
          if (qrels.containsKey(id)) {
            questions.add(
                new Question(id, n.path("text").asText(), qrels.get(id), List.of(), false, part));
          }
        });
    return new Data("BEIR " + dir.getFileName() + " (" + part + ")", docs, questions);
  }

  /** Calls {@code each} with every non-blank line of a JSON-lines file, parsed. */
  private static void forEachJsonLine(Path file, java.util.function.Consumer<JsonNode> each)
      throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          each.accept(JSON.readTree(line));
        }
      }
    }
  }

  /**
   * Reads SQuAD v1.1 or 2.0: every paragraph a document titled by its article, every question
   * asked. The first half of the articles, in file order, is the {@link #TUNE} part, the rest the
   * {@link #TEST} part (for SQuAD 2.0's public half: {@code Normans} to {@code Harvard_University},
   * then {@code Yuan_dynasty} to {@code Force}). Unanswerable questions (2.0) have no answers.
   */
  public static Data readSquad(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.path("data").isArray()) {
      throw new NotTheFormat("it has no \"data\" list of articles");
    }
    try {
      return readSquad(file, root);
    } catch (NullPointerException e) {
      throw new NotTheFormat(
          "an article, paragraph or question of its \"data\" lacks a field SQuAD's have (title,"
              + " paragraphs, context, qas, id, question, answers, text)");
    }
  }

  /**
   * A benchmark file or folder that is not of the format it was given as; the message says what it
   * lacks, for a person ("it has no corpus.jsonl").
   */
  public static final class NotTheFormat extends IOException {
    private static final long serialVersionUID = 1L;

    public NotTheFormat(String message) {
      super(message);
    }
  }

  private static Data readSquad(Path file, JsonNode root) {
    List<CorpusDocument> docs = new ArrayList<>();
    List<Question> questions = new ArrayList<>();
    int articles = root.get("data").size();
    int articleIndex = 0;
    for (JsonNode article : root.get("data")) {
      String part = articleIndex++ < articles / 2 ? TUNE : TEST;
      String title = article.get("title").asText().replace('_', ' ');
      int p = 0;
      for (JsonNode para : article.get("paragraphs")) {
        String id = article.get("title").asText() + "/" + p++;
        docs.add(
            new CorpusDocument(
                new Source(id, title, null, null, null), para.get("context").asText()));
        for (JsonNode qa : para.get("qas")) {
          List<String> answers = new ArrayList<>();
          qa.get("answers").forEach(a -> answers.add(a.get("text").asText()));
          boolean impossible = qa.path("is_impossible").asBoolean(false);
          questions.add(
              new Question(
                  qa.get("id").asText(),
                  qa.get("question").asText(),
                  impossible ? Map.of() : Map.of(id, 1),
                  answers,
                  impossible,
                  part));
        }
      }
    }
    return new Data("SQuAD " + file.getFileName(), docs, questions);
  }

  /**
   * Builds the engine's index of the data in {@code workDir} (on disk, to measure its size), asks
   * every question, and with {@code baseline} does the same with plain BM25.
   */
  public static Report run(
      Data data, Settings settings, Embedder embedder, boolean baseline, Path workDir, int limit)
      throws Exception {
    return run(data, settings, embedder, baseline, workDir, limit, true);
  }

  /**
   * As {@link #run(Data, Settings, Embedder, boolean, Path, int)}; without {@code throughput} the
   * two throughput passes and the embedding-alone pass are skipped (for regression tests, where
   * only quality matters).
   *
   * @param embedder the hybrid mode's model, or null for the BM25 mode
   */
  public static Report run(
      Data data,
      Settings settings,
      Embedder embedder,
      boolean baseline,
      Path workDir,
      int limit,
      boolean throughput)
      throws Exception {
    List<Question> questions =
        limit > 0 && limit < data.questions().size()
            ? data.questions().subList(0, limit)
            : data.questions();
    long bytes =
        data.documents().stream()
            .mapToLong(d -> d.text().getBytes(StandardCharsets.UTF_8).length)
            .sum();
    long t0 = System.nanoTime();
    try (Directory dir = FSDirectory.open(workDir);
        QuestionAnswerer qa =
            QuestionAnswerer.build(
                data.documents(), dir, settings, embedder, ProgressListener.NONE)) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      long size = 0;
      for (String f : dir.listAll()) {
        size += dir.fileLength(f);
      }
      Build build =
          new Build(
              qa.report().documents(),
              qa.report().passages(),
              seconds,
              qa.report().documents() / seconds,
              bytes / 1e6 / seconds,
              size,
              usedHeap());
      boolean squad = questions.stream().anyMatch(q -> !q.answers().isEmpty());
      Function<Question, List<String>> engineRank = q -> qa.rankDocuments(q.text(), 100);
      warmUp(questions, engineRank);
      double[] engineMillis = new double[questions.size()];
      List<List<String>> engineRuns = time(questions, engineRank, engineMillis);
      Quality engine = quality(questions, engineRuns, squad ? quoteMetrics(qa, questions) : null);
      // Two more passes over every question: measured with speed, not in the quality-only runs.
      DirectEvaluation.Squad direct =
          squad && throughput ? DirectEvaluation.squad(qa, questions) : null;
      Latency embedding = null;
      if (embedder != null && throughput) {
        double[] embedMillis = new double[questions.size()];
        time(
            questions,
            q -> {
              embedder.embedQuestion(q.text());
              return List.of();
            },
            embedMillis);
        embedding = latency(embedMillis);
      }
      double qps1 = throughput ? throughput(questions, engineRank, 1) : 0;
      double qps2 = throughput ? throughput(questions, engineRank, 2) : 0;
      Quality base = null;
      Latency baseLatency = null;
      Double ratio = null;
      if (baseline) {
        try (Bm25Baseline bm25 = Bm25Baseline.build(data.documents())) {
          Function<Question, List<String>> baseRank = q -> bm25.rank(q.text(), 100);
          warmUp(questions, baseRank);
          double[] baseMillis = new double[questions.size()];
          List<List<String>> baseRuns = time(questions, baseRank, baseMillis);
          // The baseline quotes the whole top document: the answer is in it when it is the gold
          // one.
          base =
              quality(
                  questions,
                  baseRuns,
                  squad
                      ? new double[] {
                        top(judged(questions), baseRuns, 1), top(judged(questions), baseRuns, 3)
                      }
                      : null);
          baseLatency = latency(baseMillis);
        }
        ratio = latency(engineMillis).p50() / baseLatency.p50();
      }
      return new Report(
          data.name(),
          qa.mode().toString(),
          questions.size(),
          build,
          engine,
          latency(engineMillis),
          embedding,
          qps1,
          qps2,
          base,
          baseLatency,
          ratio,
          direct);
    }
  }

  /** Share of questions whose first quote, and whose first three quotes, contain a gold answer. */
  private static double[] quoteMetrics(QuestionAnswerer qa, List<Question> questions) {
    int at1 = 0;
    int at3 = 0;
    for (Question q : questions) {
      Answer a = qa.ask(q.text(), 3);
      for (int i = 0; i < a.quotes().size(); i++) {
        if (containsAnswer(a.quotes().get(i).text(), q.answers())) {
          at1 += i == 0 ? 1 : 0;
          at3++;
          break;
        }
      }
    }
    return new double[] {(double) at1 / questions.size(), (double) at3 / questions.size()};
  }

  static boolean containsAnswer(String quote, List<String> answers) {
    String text = normalize(quote);
    return answers.stream()
        .map(Benchmarks::normalize)
        .anyMatch(a -> !a.isEmpty() && text.contains(a));
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  /**
   * Document-level quality as trec_eval computes it ({@link Metrics}): nDCG@10, recall@100, MRR@10,
   * success@1/5/20 and MRR over the whole run; questions without judgements are left out.
   */
  private static Quality quality(
      List<Question> questions, List<List<String>> runs, double[] quotes) {
    List<Map<String, Integer>> judged = judged(questions);
    return new Quality(
        Metrics.mean(Metrics.Measure.ndcg(10), judged, runs),
        Metrics.mean(Metrics.Measure.recall(100), judged, runs),
        Metrics.mean(Metrics.Measure.reciprocalRank(10), judged, runs),
        top(judged, runs, 1),
        top(judged, runs, 5),
        top(judged, runs, 20),
        Metrics.mean(Metrics.Measure.reciprocalRank(), judged, runs),
        quotes == null ? null : quotes[0],
        quotes == null ? null : quotes[1]);
  }

  /** Share of questions with a judged relevant document in the first k (trec_eval's success.k). */
  private static double top(List<Map<String, Integer>> judged, List<List<String>> runs, int k) {
    return Metrics.mean(Metrics.Measure.success(k), judged, runs);
  }

  private static List<Map<String, Integer>> judged(List<Question> questions) {
    return questions.stream().map(Question::relevant).toList();
  }

  private static void warmUp(List<Question> questions, Function<Question, List<String>> rank) {
    int n = Math.min(questions.size(), 300);
    for (int i = 0; i < n; i++) {
      rank.apply(questions.get(i));
    }
  }

  private static List<List<String>> time(
      List<Question> questions, Function<Question, List<String>> rank, double[] millis) {
    List<List<String>> runs = new ArrayList<>(questions.size());
    for (int i = 0; i < questions.size(); i++) {
      long t0 = System.nanoTime();
      runs.add(rank.apply(questions.get(i)));
      millis[i] = (System.nanoTime() - t0) / 1e6;
    }
    return runs;
  }

  /** Questions per second with {@code threads} threads sharing one searcher. */
  private static double throughput(
      List<Question> questions, Function<Question, List<String>> rank, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger next = new AtomicInteger();
      long t0 = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i; (i = next.getAndIncrement()) < questions.size(); ) {
                    rank.apply(questions.get(i));
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return questions.size() / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Latency latency(double[] millis) {
    double[] s = millis.clone();
    Arrays.sort(s);
    return new Latency(Percentile.of(s, 50), Percentile.of(s, 95), Percentile.of(s, 99));
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
