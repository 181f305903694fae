package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's regression set over the seed corpus: quality must not drop below the baseline
 * stored beside the questions ({@code eval/seed-baseline.json}).
 */
class SeedQuestionsTest {
  static final Path SEEDS = Path.of("..", "seeds");
  private static QuestionAnswerer qa;

  @BeforeAll
  static void open() {
    qa = QuestionAnswerer.inMemory(SEEDS, Settings.defaults());
  }

  @AfterAll
  static void close() throws Exception {
    qa.close();
  }

  private static Path resource(String name) throws Exception {
    return Path.of(SeedQuestionsTest.class.getResource("/eval/" + name).toURI());
  }

  @Test
  void ownQuestionSetStaysAboveItsBaseline() throws Exception {
    Evaluation.Report r = Evaluation.run(qa, EvalQuestion.readJsonl(resource("seed-questions.jsonl")), 3);
    print("own questions", r);
    Map<?, ?> baseline = baseline();
    assertTrue(r.answerable() >= 40, "the set keeps at least 40 answerable questions");
    assertAtLeast("hitAt1", r.hitAt1(), baseline);
    assertAtLeast("hitAt3", r.hitAt3(), baseline);
    assertAtLeast("mrr", r.mrr(), baseline);
    assertAtLeast("notFoundAccuracy", r.notFoundAccuracy(), baseline);
  }

  @Test
  void sharedDevQuestionsAreAllAnsweredByTheFirstQuote() throws Exception {
    Path dev = Path.of("..", "..", "shared", "eval", "dev-questions.jsonl");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(dev), "../shared is beside the project");
    Evaluation.Report r = Evaluation.run(qa, EvalQuestion.readJsonl(dev), 3);
    print("shared dev questions", r);
    assertTrue(r.failures().isEmpty(), () -> "failures: " + r.failures());
  }

  private static Map<?, ?> baseline() throws Exception {
    ObjectMapper json = JsonMapper.builder().build();
    return json.readValue(Files.readAllBytes(resource("seed-baseline.json")), Map.class);
  }

  private static void assertAtLeast(String key, double value, Map<?, ?> baseline) {
    double min = ((Number) baseline.get(key)).doubleValue();
    assertTrue(value >= min, key + " " + value + " fell below the baseline " + min);
  }

  private static void print(String name, Evaluation.Report r) {
    System.out.printf(
        "%s: %d questions, hit@1 %.3f, hit@3 %.3f, MRR %.3f, not-found accuracy %.3f,"
            + " false not-found %.3f, p50 %.2f ms, p95 %.2f ms%n",
        name, r.questions(), r.hitAt1(), r.hitAt3(), r.mrr(), r.notFoundAccuracy(),
        r.falseNotFound(), r.p50Millis(), r.p95Millis());
    r.failures().forEach(f -> System.out.println("  MISS " + f));
  }
}
