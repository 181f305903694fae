package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerabilityTest {
  private static Answerability.Item item(boolean answerable, boolean right, double confidence) {
    return new Answerability.Item(
        "s", answerable, right, confidence >= 0.5, confidence, new double[0]);
  }

  @Test
  void aurocIsTheShareOfRightUnanswerablePairsOrderedRightTiesCountingHalf() {
    // Right answers 0.9, 0.6, 0.4; unanswerable 0.6, 0.2: 0.9 wins both pairs, 0.6 ties one and
    // wins one, 0.4 wins one: 2 + 1.5 + 1 = 4.5 of 6.
    assertEquals(4.5 / 6, Answerability.auroc(List.of(0.9, 0.6, 0.4), List.of(0.6, 0.2)), 1e-12);
    assertEquals(1.0, Answerability.auroc(List.of(0.9), List.of(0.1)), 1e-12);
    assertTrue(Double.isNaN(Answerability.auroc(List.of(), List.of(0.1))));
  }

  @Test
  void summaryCountsNotFoundRightAnswersAndCalibrationError() {
    List<Answerability.Item> items = new ArrayList<>();
    items.add(item(true, true, 0.95)); // bin 9
    items.add(item(true, true, 0.95));
    items.add(item(true, false, 0.35)); // an answerable question with a wrong quote, cut
    items.add(item(false, false, 0.35)); // bin 3
    Answerability.Summary s = Answerability.summarize(items);
    assertEquals(4, s.questions());
    assertEquals(3, s.answerable());
    assertEquals(1.0, s.notFoundOnUnanswerable(), 1e-12);
    assertEquals(2.0 / 3, s.rightAndAnswered(), 1e-12);
    assertEquals(1.0, s.auroc(), 1e-12);
    // Bin 9: confidence 0.95, all right (|0.95 - 1| = 0.05); bin 3: 0.35, none right (0.35).
    assertEquals(0.5 * 0.05 + 0.5 * 0.35, s.calibrationError(), 1e-12);
    assertEquals(2, s.binCount()[9]);
    assertEquals(0.0, s.binAccuracy()[3], 1e-12);
  }
}
