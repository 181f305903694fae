package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality on public data must not slide: runs SciFact and SQuAD (when ../shared/data is beside the
 * project; the project keeps no copy) and compares with {@code benchmarks/baseline.json}.
 */
class PublicBenchmarksTest {
  private static final Path DATA = Path.of("..", "..", "shared", "data");

  private static JsonNode baseline(String name) throws Exception {
    Path file = Path.of(PublicBenchmarksTest.class.getResource("/benchmarks/baseline.json").toURI());
    return JsonMapper.builder().build().readTree(file.toFile()).get(name);
  }

  private static void atLeast(String what, double value, JsonNode baseline) {
    double min = baseline.get(what).asDouble();
    System.out.printf("%s %.4f (baseline %.4f)%n", what, value, min);
    assertTrue(value >= min, what + " " + value + " fell below the stored baseline " + min);
  }

  @Test
  void sciFactStaysAtOrAbovePlainBm25(@TempDir Path work) throws Exception {
    Path dir = DATA.resolve("scifact");
    assumeTrue(Files.isDirectory(dir), "../shared/data/scifact is not beside the project");
    Benchmarks.Report r = Benchmarks.run(Benchmarks.readBeir(dir), Settings.defaults(), false, work, 0, false);
    JsonNode b = baseline("scifact");
    atLeast("ndcgAt10", r.engine().ndcgAt10(), b);
    atLeast("recallAt100", r.engine().recallAt100(), b);
    atLeast("mrrAt10", r.engine().mrrAt10(), b);
  }

  @Test
  void squadGoldParagraphAndQuotesStayAboveTheirBaseline(@TempDir Path work) throws Exception {
    Path file = DATA.resolve("squad").resolve("dev-v1.1.json");
    assumeTrue(Files.isRegularFile(file), "../shared/data/squad is not beside the project");
    Benchmarks.Report r = Benchmarks.run(Benchmarks.readSquad(file), Settings.defaults(), false, work, 0, false);
    JsonNode b = baseline("squad");
    atLeast("top1", r.engine().top1(), b);
    atLeast("top5", r.engine().top5(), b);
    atLeast("mrr", r.engine().mrr(), b);
    atLeast("quoteHasAnswerAt1", r.engine().quoteHasAnswerAt1(), b);
    atLeast("quoteHasAnswerAt3", r.engine().quoteHasAnswerAt3(), b);
  }
}
