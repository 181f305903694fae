package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.astanaqa.retrieval.Mode;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.TestModels;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Quality on public data must not slide, in either mode: compares with {@code
 * benchmarks/baseline.json} when ../shared/data is beside the project (the project keeps no copy).
 *
 * <p>{@code mvn -B verify} runs the fast guard: BM25 on SciFact's and SQuAD v1.1's test parts, and
 * SQuAD 2.0's test part (323 paragraphs) in both modes for answerability. The hybrid mode on the
 * whole of SciFact and SQuAD v1.1 embeds 7,250 passages (about 4 minutes here, more under load), so
 * it runs with {@code -Dbenchmarks=full}.
 */
class PublicBenchmarksTest {
  private static final Path DATA = Path.of("..", "..", "shared", "data");

  private static boolean full() {
    return "full".equals(System.getProperty("benchmarks"));
  }

  private static JsonNode baseline(Mode mode, String name) throws Exception {
    Path file =
        Path.of(PublicBenchmarksTest.class.getResource("/benchmarks/baseline.json").toURI());
    return JsonMapper.builder().build().readTree(file.toFile()).get(mode.toString()).get(name);
  }

  private static void atLeast(Mode mode, String what, double value, JsonNode baseline) {
    double min = baseline.get(what).asDouble();
    System.out.printf("%s %s %.4f (baseline %.4f)%n", mode, what, value, min);
    assertTrue(
        value >= min, mode + " " + what + " " + value + " fell below the stored baseline " + min);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sciFactTestPartStaysAtOrAboveItsBaseline(Mode mode, @TempDir Path work) throws Exception {
    Path dir = DATA.resolve("scifact");
    assumeTrue(Files.isDirectory(dir), "../shared/data/scifact is not beside the project");
    assumeTrue(mode == Mode.BM25 || full(), "the hybrid SciFact run needs -Dbenchmarks=full");
    Benchmarks.Report r =
        Benchmarks.run(
            Benchmarks.readBeir(dir),
            Settings.defaults(),
            TestModels.forMode(mode),
            false,
            work,
            0,
            false);
    JsonNode b = baseline(mode, "scifact");
    atLeast(mode, "ndcgAt10", r.engine().ndcgAt10(), b);
    atLeast(mode, "recallAt100", r.engine().recallAt100(), b);
    atLeast(mode, "mrrAt10", r.engine().mrrAt10(), b);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void squadGoldParagraphAndQuotesStayAboveTheirBaseline(Mode mode, @TempDir Path work)
      throws Exception {
    Path file = DATA.resolve("squad").resolve("dev-v1.1.json");
    assumeTrue(Files.isRegularFile(file), "../shared/data/squad is not beside the project");
    assumeTrue(mode == Mode.BM25 || full(), "the hybrid SQuAD run needs -Dbenchmarks=full");
    Benchmarks.Data data = Benchmarks.readSquad(file).part(full() ? "all" : Benchmarks.TEST);
    Benchmarks.Report r =
        Benchmarks.run(data, Settings.defaults(), TestModels.forMode(mode), false, work, 0, false);
    JsonNode b = baseline(mode, full() ? "squad" : "squadTest");
    atLeast(mode, "top1", r.engine().top1(), b);
    atLeast(mode, "top5", r.engine().top5(), b);
    atLeast(mode, "mrr", r.engine().mrr(), b);
    atLeast(mode, "quoteHasAnswerAt1", r.engine().quoteHasAnswerAt1(), b);
    atLeast(mode, "quoteHasAnswerAt3", r.engine().quoteHasAnswerAt3(), b);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void squad2TestPartSaysNotFoundAndRanksByConfidence(Mode mode) throws Exception {
    Path file = DATA.resolve("squad2").resolve("dev-v2.0-half.json");
    assumeTrue(Files.isRegularFile(file), "../shared/data/squad2 is not beside the project");
    Benchmarks.Data data = Benchmarks.readSquad(file).part(Benchmarks.TEST);
    List<Answerability.Item> items = new ArrayList<>();
    try (QuestionAnswerer qa =
        QuestionAnswerer.build(
            data.documents(),
            new ByteBuffersDirectory(),
            Settings.defaults(),
            TestModels.forMode(mode),
            ProgressListener.NONE)) {
      for (Benchmarks.Question q : data.questions()) {
        items.add(Answerability.ask(qa, q, "squad2"));
      }
    }
    Answerability.Summary s = Answerability.summarize(items);
    JsonNode b = baseline(mode, "squad2Test");
    atLeast(mode, "auroc", s.auroc(), b);
    atLeast(mode, "notFoundOnUnanswerable", s.notFoundOnUnanswerable(), b);
    atLeast(mode, "rightAndAnswered", s.rightAndAnswered(), b);
    assertTrue(
        s.calibrationError() <= b.get("maxCalibrationError").asDouble(),
        mode + " calibration error " + s.calibrationError() + " rose above the stored maximum");
  }
}
