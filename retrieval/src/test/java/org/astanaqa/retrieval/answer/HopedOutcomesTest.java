package org.astanaqa.retrieval.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.Test;

/** A quote that hopes for a decision does not say what was decided. */
class HopedOutcomesTest {
  private static final String HOPE =
      "We hope that the Tehran summit of the Presidents of the guarantor States of the Astana"
          + " process - Russia, Turkey and Iran - will promote a mutually acceptable decision to"
          + " restore confidence between the parties in conflict.";

  @Test
  void aQuestionAboutWhatWasDecidedIsNotAnsweredByAHope() {
    assertEquals(Set.of("decided"), HopedOutcomes.hopedOnly("What was decided in Tehran?", HOPE));
    assertEquals(
        Set.of("decision"),
        HopedOutcomes.hopedOnly("which solution decision adoption summit tehran", HOPE),
        "a Russian question's translation says no tense: its outcome words are enough");
  }

  @Test
  void aQuestionAboutTheHopeItselfOrAQuoteThatSaysWhatHappenedIsNoConflict() {
    assertEquals(
        Set.of(),
        HopedOutcomes.hopedOnly("What did Kazakhstan hope the Tehran summit would achieve?", HOPE));
    assertEquals(Set.of(), HopedOutcomes.hopedOnly("Who attended the Tehran summit?", HOPE));
    assertEquals(
        Set.of(),
        HopedOutcomes.hopedOnly(
            "What was decided in Sochi?",
            "We hope it is implemented: the memorandum signed in Sochi by the Defence Ministers."),
        "a quote that also says what was signed reports an outcome");
  }

  /**
   * Before, "Какие решения были приняты на саммите в Тегеране?" (what decisions were taken at the
   * Tehran summit) was answered with the hope (0.86), and "What was decided at the Tehran summit?"
   * was surer of it (0.95) than the question the hope does answer (0.90).
   */
  @Test
  void theTehranSummitsDecisionsAreNotFoundAndTheHopeStillAnswersWhatWasHoped() throws Exception {
    try (QuestionAnswerer qa = QuestionAnswerer.inMemory(Fixtures.SEEDS, Settings.defaults())) {
      Answer russian = qa.ask("Какие решения были приняты на саммите в Тегеране?");
      Answer decided = qa.ask("What was decided at the Tehran summit?");
      Answer hoped = qa.ask("What did Kazakhstan hope the Tehran summit would achieve?");
      assertFalse(russian.answered(), () -> "answered with " + russian.quotes());
      assertTrue(hoped.answered());
      assertTrue(hoped.quotes().get(0).text().startsWith("We hope that the Tehran summit"));
      assertTrue(
          decided.confidence() < hoped.confidence() - 0.2,
          decided.confidence() + " against " + hoped.confidence());
    }
  }
}
