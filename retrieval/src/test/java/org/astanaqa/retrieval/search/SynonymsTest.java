package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SynonymsTest {
  @Test
  void aWordsCommonSensesGiveItsSynonymsInAnyOfItsForms() {
    assertTrue(Synonyms.of("truce").contains("ceasefire"), "'cease-fire' written as one word");
    assertTrue(Synonyms.of("breaches").contains("violate"), Synonyms.of("breaches").toString());
    assertFalse(Synonyms.of("breaches").contains("goagainst"), "'go against' is two words");
    assertTrue(Synonyms.of("Recommended").contains("urge"), Synonyms.of("recommended").toString());
    assertTrue(Synonyms.of("became").contains("become"), "an irregular form's own word");
  }

  @Test
  void aRareSenseOfEitherWordGivesNoSynonym() {
    // "born" is a form of "bear", one of whose senses is "have"; it is no common sense of "have"
    assertFalse(Synonyms.of("born").contains("have"), Synonyms.of("born").toString());
    // "set" means "place" in too few of its uses
    assertFalse(Synonyms.of("set").contains("place"), Synonyms.of("set").toString());
  }

  @Test
  void aWordWordNetLacksHasNone() {
    assertEquals(List.of(), Synonyms.of("lavrentyev"));
    assertEquals(List.of(), Synonyms.of(" "));
  }
}
