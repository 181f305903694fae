package org.astanaqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A country by its name, its adjective or its capital. */
class CountriesTest {
  @Test
  void aCountrysNameAdjectiveAndCapitalAreOneCountryInAnyCase() {
    assertEquals("syria", Countries.countryOf("Syrian"));
    assertEquals("syria", Countries.countryOf("damascus"));
    assertEquals("syria", Countries.countryOf("SYRIA"));
    assertEquals("russia", Countries.countryOf("Kremlin"));
    assertEquals("united states", Countries.countryOf("USA"));
    assertEquals("united states", Countries.countryOf("American"));
    assertEquals("jordan", Countries.countryOf("Jordan"));
  }

  @Test
  void aThreeLetterCodeInCapitalsIsItsCountry() {
    assertEquals("kazakhstan", Countries.countryOfCode("KAZ"));
    assertEquals("russia", Countries.countryOfCode("RUS"));
    assertEquals("turkey", Countries.countryOfCode("TUR"));
    assertEquals("united states", Countries.countryOfCode("USA"));
    assertEquals("syria", Countries.countryOfCode("SYR"));
    assertNull(Countries.countryOfCode("Kaz"));
    assertNull(Countries.countryOfCode("KZ"));
    assertNull(Countries.countryOfCode("TXT"));
  }

  @Test
  void aFileNameNamesTheCountriesOfItsCodesButATitleInWordsNone() {
    assertEquals(java.util.List.of("armenia"), Countries.ofFileName("ARM_73_2018.txt"));
    assertEquals(
        java.util.List.of("armenia", "azerbaijan"), Countries.ofFileName("ARM-AZE_talks.txt"));
    assertEquals(java.util.List.of(), Countries.ofFileName("WHAT CAN THE DEBATE ACHIEVE"));
    assertEquals(java.util.List.of(), Countries.ofFileName("arm_notes.txt"));
    assertEquals(java.util.List.of(), Countries.ofFileName(null));
  }

  @Test
  void astanaAndOrdinaryWordsAreNoCountry() {
    assertNull(Countries.countryOf("Astana"));
    assertNull(Countries.countryOf("delegation"));
  }

  @Test
  void onlyAdjectivesAreNationalities() {
    assertTrue(Countries.isNationality("turkish"));
    assertTrue(Countries.isNationality("Kazakh"));
    assertFalse(Countries.isNationality("Turkey"));
    assertFalse(Countries.isNationality("Ankara"));
  }

  @Test
  void aTextNamesTheCountriesItsWordsStandForButNotThePronounUs() {
    assertEquals(
        java.util.Set.of("russia", "turkey", "iran"),
        Countries.in("the guarantor States - Russia, Turkish troops and Tehran"));
    assertEquals(java.util.Set.of("united states"), Countries.in("the US envoy"));
    // "us" is the pronoun: "he told us" names no United States
    assertEquals(java.util.Set.of("russia"), Countries.in("Let us thank Russia, he told us"));
    // one country besides the question's own Syria answers "Which country ...?"
    assertTrue(Countries.namesOthers("Russia helps Syria", "Which country helps Syria?", 1));
    assertFalse(Countries.namesOthers("It helps us in Syria", "Which country helps Syria?", 1));
  }
}
