package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * How many of a short follow-up's own words the passage the earlier question's words find must hold
 * ({@code QuestionAnswerer.holdsEnough}); the whole path is in {@code FollowUpsTest}.
 */
class HoldsEnoughTest {
  @Test
  void allOfOneWordAndAllButOneOfTwoOrMore() {
    assertTrue(QuestionAnswerer.holdsEnough(1, 1));
    assertFalse(QuestionAnswerer.holdsEnough(0, 1), "its one word of its own, not held");
    assertTrue(QuestionAnswerer.holdsEnough(1, 2));
    assertFalse(QuestionAnswerer.holdsEnough(0, 2), "neither of its two words held");
    assertTrue(QuestionAnswerer.holdsEnough(2, 3));
    assertFalse(QuestionAnswerer.holdsEnough(1, 3), "two of three words missing");
  }
}
