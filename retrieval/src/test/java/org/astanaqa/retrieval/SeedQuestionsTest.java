package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The project's regression sets over the seed corpus, in both modes: quality must not drop below
 * the baseline stored beside the questions ({@code eval/seed-baseline.json}), and the hybrid mode
 * must answer the paraphrased questions clearly better than words alone.
 */
class SeedQuestionsTest {
  static final Path SEEDS = Path.of("..", "seeds");
  private static final Map<Mode, QuestionAnswerer> QA = new EnumMap<>(Mode.class);

  @BeforeAll
  static void open() {
    for (Mode m : Mode.values()) {
      QA.put(m, QuestionAnswerer.inMemory(SEEDS, Settings.defaults(), TestModels.forMode(m)));
    }
  }

  @AfterAll
  static void close() throws Exception {
    for (QuestionAnswerer qa : QA.values()) {
      qa.close();
    }
  }

  private static Path resource(String name) throws Exception {
    return Path.of(SeedQuestionsTest.class.getResource("/eval/" + name).toURI());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void ownQuestionSetStaysAboveItsBaseline(Mode mode) throws Exception {
    Evaluation.Report r = Evaluation.run(QA.get(mode), EvalQuestion.readJsonl(resource("seed-questions.jsonl")), 3);
    print(mode + " own questions", r);
    Map<?, ?> baseline = (Map<?, ?>) ((Map<?, ?>) baseline().get(mode.toString())).get("own");
    assertTrue(r.answerable() >= 40, "the set keeps at least 40 answerable questions");
    assertAtLeast("hitAt1", r.hitAt1(), baseline);
    assertAtLeast("hitAt3", r.hitAt3(), baseline);
    assertAtLeast("mrr", r.mrr(), baseline);
    assertAtLeast("notFoundAccuracy", r.notFoundAccuracy(), baseline);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sharedDevQuestionsAreAllAnsweredByTheFirstQuote(Mode mode) throws Exception {
    Path dev = Path.of("..", "..", "shared", "eval", "dev-questions.jsonl");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(dev), "../shared is beside the project");
    Evaluation.Report r = Evaluation.run(QA.get(mode), EvalQuestion.readJsonl(dev), 3);
    print(mode + " shared dev questions", r);
    assertTrue(r.failures().isEmpty(), () -> "failures: " + r.failures());
  }

  @Test
  void theHybridModeAnswersParaphrasesAtLeastFivePointsBetter() throws Exception {
    var questions = EvalQuestion.readJsonl(resource("paraphrase-questions.jsonl"));
    Evaluation.Report bm25 = Evaluation.run(QA.get(Mode.BM25), questions, 3);
    Evaluation.Report hybrid = Evaluation.run(QA.get(Mode.HYBRID), questions, 3);
    print("bm25 paraphrases", bm25);
    print("hybrid paraphrases", hybrid);
    Map<?, ?> baseline = (Map<?, ?>) ((Map<?, ?>) baseline().get("hybrid")).get("paraphrase");
    assertTrue(hybrid.hitAt1() >= bm25.hitAt1() + 0.05,
        "hybrid hit@1 " + hybrid.hitAt1() + " is not 5 points over bm25's " + bm25.hitAt1());
    assertAtLeast("hitAt1", hybrid.hitAt1(), baseline);
    assertAtLeast("hitAt3", hybrid.hitAt3(), baseline);
    assertEquals(1.0, hybrid.notFoundAccuracy(), "out-of-scope questions stay unanswered in the hybrid mode");
    assertEquals(1.0, bm25.notFoundAccuracy());
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
