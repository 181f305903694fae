package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SQuAD's answer comparison, as the official evaluation script does it. */
class DirectEvaluationTest {
  @Test
  void squadNormalizationDropsCaseArticlesAndPunctuation() {
    assertEquals("eiffel tower", DirectEvaluation.normalize("The  Eiffel Tower!"));
    assertEquals(1.0, DirectEvaluation.f1("the Eiffel Tower", "Eiffel tower"));
    // Precision 1/3, recall 1.
    assertEquals(0.5, DirectEvaluation.f1("Eiffel Tower Paris", "Eiffel"), 1e-9);
    assertTrue(DirectEvaluation.sameAnswer("Mr. John\n Ging", "John Ging"));
    assertFalse(DirectEvaluation.sameAnswer("Astana", "the Kazak capital of Astana"));
  }
}
