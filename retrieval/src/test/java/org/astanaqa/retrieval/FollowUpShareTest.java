package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    assertEquals(1, QuestionAnswerer.followUpShare(null, signals(0)));
    assertEquals(1, QuestionAnswerer.followUpShare(null, signals(1)));
    assertEquals(
        QuestionAnswerer.FOLLOW_UP_THRESHOLD,
        QuestionAnswerer.followUpShare("How old is the Kazakh president?", signals(0)));
    // "how old is he?" and a quote with no number: the context explains no missing answer
    assertEquals(1, QuestionAnswerer.followUpShare("How old is the Kazakh president?", signals(1)));
    // no signals (no passage): the follow-up's share, as before
    assertEquals(
        QuestionAnswerer.FOLLOW_UP_THRESHOLD,
        QuestionAnswerer.followUpShare("How old is he?", new double[0]));
  }
}
