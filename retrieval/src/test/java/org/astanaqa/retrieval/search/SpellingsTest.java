package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingsTest {
  @Test
  void britishAndAmericanSpellingsFindEachOther() {
    assertEquals(List.of("organizations"), Spellings.of("organisations"));
    assertEquals(List.of("organisation"), Spellings.of("Organization"));
    assertTrue(Spellings.of("stabilised").contains("stabilized"));
    assertTrue(Spellings.of("recognizing").contains("recognising"));
    assertTrue(Spellings.of("favourable").contains("favorable"));
    assertTrue(Spellings.of("neighbors").contains("neighbours"));
    assertTrue(Spellings.of("favor").contains("favour"));
    assertTrue(Spellings.of("honored").contains("honoured"));
    assertTrue(Spellings.of("centre").contains("center"));
    assertTrue(Spellings.of("center").contains("centre"));
    assertTrue(Spellings.of("defence").contains("defense"));
    assertTrue(Spellings.of("travelled").contains("traveled"));
    assertTrue(Spellings.of("programme").contains("program"));
  }

  @Test
  void wordsWithNoOtherSpellingHaveNone() {
    assertEquals(List.of(), Spellings.of("hour"));
    assertEquals(List.of(), Spellings.of("four"));
    assertEquals(List.of(), Spellings.of("Astana"));
    assertEquals(List.of(), Spellings.of("2254"));
    assertEquals(List.of(), Spellings.of("talks"));
  }
}
