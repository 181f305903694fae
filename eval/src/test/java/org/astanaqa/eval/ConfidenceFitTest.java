package org.astanaqa.eval;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.astanaqa.retrieval.ConfidenceModel;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.junit.jupiter.api.Test;

class ConfidenceFitTest {
  @Test
  void solvesALinearSystem() {
    double[] x = ConfidenceFit.solve(new double[][] {{0, 2}, {3, 1}}, new double[] {4, 5});
    assertArrayEquals(new double[] {1, 2}, x, 1e-12);
  }

  @Test
  void fittedWeightsGiveRightAnswersHigherConfidenceAndLoadBack() throws Exception {
    int n = QuestionAnswerer.signalNames().size();
    String json = ConfidenceFit.fit(syntheticItems(), "test", 0.75, "synthetic");
    ConfidenceModel m = ConfidenceModel.read(new ByteArrayInputStream(json.getBytes(UTF_8)));
    assertSameModel(JsonMapper.builder().build().readValue(json, ConfidenceModel.class), m);
    assertEquals("synthetic", m.data());
    assertTrue(m.weights()[0] > 1, "coverage carries the fit: " + m.weights()[0]);
    double[] high = new double[n];
    double[] low = new double[n];
    java.util.Arrays.fill(high, 0.5);
    java.util.Arrays.fill(low, 0.5);
    high[0] = 0.95;
    low[0] = 0.05;
    assertTrue(m.probability(high) > 0.8, "high coverage: " + m.probability(high));
    assertTrue(m.probability(low) < 0.2, "low coverage: " + m.probability(low));
    assertTrue(m.threshold() > 0.05 && m.threshold() < 0.95, "threshold " + m.threshold());
  }

  /** Right when coverage (signal 0) is high, whatever the noise in the other signals. */
  private static List<Answerability.Item> syntheticItems() {
    Random random = new Random(42);
    List<Answerability.Item> items = new ArrayList<>();
    int n = QuestionAnswerer.signalNames().size();
    for (int i = 0; i < 400; i++) {
      double[] s = new double[n];
      for (int j = 0; j < n; j++) {
        s[j] = random.nextDouble();
      }
      boolean right = s[0] + 0.2 * random.nextGaussian() > 0.5;
      boolean answerable = right || random.nextBoolean();
      items.add(new Answerability.Item(i % 2 == 0 ? "a" : "b", answerable, right, true, 0, s));
    }
    return items;
  }

  @Test
  void theShippedWeightsAreForTheCurrentSignals() throws Exception {
    for (String name : List.of("bm25", "all-minilm-l6-v2-q", "bge-small-en-v1.5-q")) {
      ConfidenceModel m = ConfidenceModel.load(name);
      assertEquals(QuestionAnswerer.signalNames(), m.signals(), name);
      assertTrue(
          m.data().contains("tune"), "the weights say they came from tune parts: " + m.data());
      // Read token by token, bit for bit what data binding reads.
      try (var in = ConfidenceModel.class.getResourceAsStream("confidence-" + name + ".json")) {
        assertSameModel(JsonMapper.builder().build().readValue(in, ConfidenceModel.class), m);
      }
    }
  }

  @Test
  void weightsWithAMissingOrUnknownFieldAreRejected() {
    String full = ConfidenceFit.fit(syntheticItems(), "test", 0.75, "synthetic");
    for (String broken :
        List.of(
            full.replaceFirst("\"bias\"", "\"bais\""),
            full.replaceFirst("\"likely\" ?: ?[0-9.]+,", ""))) {
      var e =
          assertThrows(
              IOException.class,
              () -> ConfidenceModel.read(new ByteArrayInputStream(broken.getBytes(UTF_8))));
      assertTrue(
          e.getMessage().contains("bais") || e.getMessage().contains("lack"), e.getMessage());
    }
  }

  private static void assertSameModel(ConfidenceModel expected, ConfidenceModel actual) {
    assertEquals(expected.name(), actual.name());
    assertEquals(expected.signals(), actual.signals());
    assertArrayEquals(expected.mean(), actual.mean(), 0);
    assertArrayEquals(expected.scale(), actual.scale(), 0);
    assertArrayEquals(expected.weights(), actual.weights(), 0);
    assertEquals(expected.bias(), actual.bias(), 0);
    assertEquals(expected.threshold(), actual.threshold(), 0);
    assertEquals(expected.likely(), actual.likely(), 0);
    assertEquals(expected.data(), actual.data());
  }
}
