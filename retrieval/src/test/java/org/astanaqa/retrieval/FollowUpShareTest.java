package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astanaqa.retrieval.answer.Confidence;
import org.junit.jupiter.api.Test;

class FollowUpShareTest {

  private static double[] signals(double typeMissing) {
    double[] s = new double[Confidence.SIGNALS.size()];
    s[Confidence.SIGNALS.indexOf("typeMissing")] = typeMissing;
    return s;
  }

  @Test
  void aFollowUpNeedsLessOfTheThresholdOnlyWhenItsQuoteHoldsTheKindOfAnswerAsked() {
    assertEquals(1, QuestionAnswerer.followUpShare(null, signals(0), false));
    assertEquals(1, QuestionAnswerer.followUpShare(null, signals(1), false));
    assertEquals(
        QuestionAnswerer.FOLLOW_UP_THRESHOLD,
        QuestionAnswerer.followUpShare("How old is the Kazakh president?", signals(0), false));
    // "how old is he?" and a quote with no number: the context explains no missing answer
    assertEquals(
        1, QuestionAnswerer.followUpShare("How old is the Kazakh president?", signals(1), false));
    // no signals (no passage): the follow-up's share, as before
    assertEquals(
        QuestionAnswerer.FOLLOW_UP_THRESHOLD,
        QuestionAnswerer.followUpShare("How old is he?", new double[0], false));
  }

  @Test
  void aFollowUpWhosePassageHoldsNoneOfItsOwnWordsNeedsMoreThanTheThreshold() {
    // "what are their names?" and the memorandum's sentence found again, with no name in it
    assertEquals(
        QuestionAnswerer.OWN_WORDS_MISSING_SHARE,
        QuestionAnswerer.followUpShare("What are the names of the signatories?", signals(0), true));
    assertEquals(
        QuestionAnswerer.OWN_WORDS_MISSING_SHARE,
        QuestionAnswerer.followUpShare("What are the names of the signatories?", signals(1), true));
    assertTrue(QuestionAnswerer.OWN_WORDS_MISSING_SHARE > 1);
    // a question asked as it is has no earlier words to have found its passage with
    assertEquals(1, QuestionAnswerer.followUpShare(null, signals(0), true));
  }
}
