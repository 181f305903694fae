package org.astanaqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** An ordinal in words or in figures, as the question's readers share it. */
class OrdinalsTest {
  @Test
  void anOrdinalInWordsOrFiguresGivesItsNumber() {
    assertEquals(8, Ordinals.ordinal("eighth"));
    assertEquals(8, Ordinals.ordinal("Eighth"));
    assertEquals(8, Ordinals.ordinal("8th"));
    assertEquals(21, Ordinals.ordinal("21ST"));
    assertEquals(8, Ordinals.number("eighth"));
    assertNull(Ordinals.number("8th"), "number reads words only");
  }

  @Test
  void anotherWordIsNoOrdinal() {
    assertNull(Ordinals.ordinal("eight"));
    assertNull(Ordinals.ordinal("2017"));
    assertNull(Ordinals.ordinal("1234th"));
    assertNull(Ordinals.ordinal("month"));
  }
}
