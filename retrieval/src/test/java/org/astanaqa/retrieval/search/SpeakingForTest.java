package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which country a question asks who spoke for, read by a statement's opening. */
class SpeakingForTest {
  @Test
  void onlySpeakingForTheCountryItselfIsAskedSo() {
    assertEquals(
        List.of("kazakhstan"), countries("Who represented Kazakhstan in the Security Council?"));
    assertEquals(List.of("kazakhstan"), countries("who spoke on behalf of Kazakhstan?"));
    assertEquals(List.of("kazakhstan"), countries("Who was speaking for the Kazakh side?"));
    // from the review: someone named, something said, or speaking about a country, asks no one
    // who spoke for it
    for (String other :
        new String[] {
          "Who spoke about Kazakhstan's proposal?",
          "Who spoke after Kazakhstan?",
          "What did Kazakhstan's representative say?",
          "What is the end of Mr. Umarov's statement?",
          "Who was thanked by Kazakhstan and spoke out about the airstrikes?"
        }) {
      assertEquals(List.of(), countries(other), other);
    }
  }

  private static List<String> countries(String question) {
    return QuestionQuery.spokenFor(question).stream()
        .map(QuestionQuery.SpokenFor::country)
        .toList();
  }
}
