package org.astanaqa.retrieval.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The confidence's "unknownName" signal: a name inside a sentence that the corpus never uses. */
class UnknownNameSignalTest {
  private static QuestionAnswerer qa;
  private static int signal;

  @BeforeAll
  static void open() {
    qa = QuestionAnswerer.inMemory(Fixtures.SEEDS, Settings.defaults());
    signal = QuestionAnswerer.signalNames().indexOf("unknownName");
  }

  @AfterAll
  static void close() throws Exception {
    qa.close();
  }

  private static double of(String question) {
    return qa.assess(question, 3).signals()[signal];
  }

  @Test
  void aCapitalisedWordTheCorpusNeverUsesIsAnUnknownName() {
    assertEquals(1, of("What did Lavrov say about Idlib?"));
    assertEquals(1, of("Что Лавров говорил об Идлибе?"), "a Russian name keeps its capital");
  }

  @Test
  void aNameTheCorpusHasOrAnAliasGivesIsKnown() {
    assertEquals(0, of("What did Lavrentyev say about Idlib?"));
    assertEquals(0, of("What did Erdogan say about Idlib?"), "an alias of Turkey");
    assertEquals(0, of("What did the delegations say about Idlib?"));
  }

  @Test
  void aCapitalThatOpensASentenceOrACapitalisedQuestionSaysNothing() {
    assertEquals(0, of("Sorry. Honestly who signed the Sochi memorandum?"));
    assertEquals(0, of("Who signed the Sochi memorandum? Curious."));
    assertEquals(0, of("WHAT DID THE GUARANTORS DECIDE ABOUT THE PRISONERS?"));
    assertEquals(0, of("What Did The Guarantors Decide About The Prisoners?"));
  }
}
