package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Quality on public data must not slide, in either mode: runs SciFact and SQuAD (when
 * ../shared/data is beside the project; the project keeps no copy) and compares with {@code
 * benchmarks/baseline.json}. The hybrid runs embed every document (about 20 minutes on 2 cores).
 */
class PublicBenchmarksTest {
  private static final Path DATA = Path.of("..", "..", "shared", "data");

  private static JsonNode baseline(Mode mode, String name) throws Exception {
    Path file = Path.of(PublicBenchmarksTest.class.getResource("/benchmarks/baseline.json").toURI());
    return JsonMapper.builder().build().readTree(file.toFile()).get(mode.toString()).get(name);
  }

  private static void atLeast(Mode mode, String what, double value, JsonNode baseline) {
    double min = baseline.get(what).asDouble();
    System.out.printf("%s %s %.4f (baseline %.4f)%n", mode, what, value, min);
    assertTrue(value >= min, mode + " " + what + " " + value + " fell below the stored baseline " + min);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sciFactStaysAtOrAboveItsBaseline(Mode mode, @TempDir Path work) throws Exception {
    Path dir = DATA.resolve("scifact");
    assumeTrue(Files.isDirectory(dir), "../shared/data/scifact is not beside the project");
    Benchmarks.Report r = Benchmarks.run(
        Benchmarks.readBeir(dir), Settings.defaults(), TestModels.forMode(mode), false, work, 0, false);
    JsonNode b = baseline(mode, "scifact");
    atLeast(mode, "ndcgAt10", r.engine().ndcgAt10(), b);
    atLeast(mode, "recallAt100", r.engine().recallAt100(), b);
    atLeast(mode, "mrrAt10", r.engine().mrrAt10(), b);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void squadGoldParagraphAndQuotesStayAboveTheirBaseline(Mode mode, @TempDir Path work) throws Exception {
    Path file = DATA.resolve("squad").resolve("dev-v1.1.json");
    assumeTrue(Files.isRegularFile(file), "../shared/data/squad is not beside the project");
    Benchmarks.Report r = Benchmarks.run(
        Benchmarks.readSquad(file), Settings.defaults(), TestModels.forMode(mode), false, work, 0, false);
    JsonNode b = baseline(mode, "squad");
    atLeast(mode, "top1", r.engine().top1(), b);
    atLeast(mode, "top5", r.engine().top5(), b);
    atLeast(mode, "mrr", r.engine().mrr(), b);
    atLeast(mode, "quoteHasAnswerAt1", r.engine().quoteHasAnswerAt1(), b);
    atLeast(mode, "quoteHasAnswerAt3", r.engine().quoteHasAnswerAt3(), b);
  }
}
