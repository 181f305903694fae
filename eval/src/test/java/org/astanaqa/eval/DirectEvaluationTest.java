package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.astanaqa.retrieval.DirectAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void anAlternativeShortAnswerOrTheShownDateCountsAsRight(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("q.jsonl");
    Files.writeString(
        file,
        "{\"q\": \"Where?\", \"docs\": [\"003\"], \"short\": \"the Kazak capital of Astana\","
            + " \"shortAlternatives\": [\"Astana\"]}\n");
    EvalQuestion q = EvalQuestion.readJsonl(file).get(0);
    assertEquals(List.of("the Kazak capital of Astana", "Astana"), q.shortAnswers());
    DirectAnswer astana =
        new DirectAnswer("Astana", "Astana", DirectAnswer.Type.PLACE, 0.9, 0, 0, 6);
    assertTrue(DirectEvaluation.sameAnswer(astana, q.shortAnswers()));
    assertFalse(DirectEvaluation.sameAnswer(astana, List.of("the Kazak capital of Astana")));
    // The year the document's date adds is what the user sees, so it is judged too.
    DirectAnswer date =
        new DirectAnswer(
            "17 September 2018", "17 September", DirectAnswer.Type.DATE, 0.9, 0, 0, 12);
    assertTrue(DirectEvaluation.sameAnswer(date, List.of("17 September 2018")));
    assertTrue(DirectEvaluation.sameAnswer(date, List.of("17 September")));
    assertFalse(DirectEvaluation.sameAnswer(date, List.of("17 September 2017")));
  }

  @Test
  void alternativesWithoutAShortAnswerOrWithANullAreRefusedClearly(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("q.jsonl");
    Files.writeString(
        file, "{\"q\": \"Where?\", \"docs\": [\"003\"], \"shortAlternatives\": [\"Astana\"]}\n");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> EvalQuestion.readJsonl(file));
    assertTrue(
        e.getMessage().contains("line 1") && e.getMessage().contains("without"), e.getMessage());
    Files.writeString(
        file,
        "{\"q\": \"Where?\", \"docs\": [\"003\"], \"short\": \"Astana\", \"shortAlternatives\": [null]}\n");
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> EvalQuestion.readJsonl(file));
    assertTrue(e.getMessage().contains("null"), e.getMessage());
  }
}
