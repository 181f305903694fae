package org.astanaqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {
  private static List<String> sentences(String text) {
    return Sentences.split(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
  }

  @Test
  void doesNotBreakAfterTitlesOrInitials() {
    assertEquals(
        List.of("Mr. de Mistura met Dr. Smith and John F. Kennedy Jr. today.", "Then they left."),
        sentences("Mr. de Mistura met Dr. Smith and John F. Kennedy Jr. today. Then they left."));
  }

  @Test
  void breaksAfterClosingQuotesAndQuestionMarks() {
    assertEquals(
        List.of("He said \u201cwe agree.\u201d", "Is it over?", "Yes."),
        sentences("He said \u201cwe agree.\u201d Is it over? Yes."));
  }

  @Test
  void keepsDecimalNumbersAndLowerCaseContinuations() {
    assertEquals(
        List.of("It grew 2.5 per cent. in the year, e.g. in May."),
        sentences("It grew 2.5 per cent. in the year, e.g. in May."));
  }
}
