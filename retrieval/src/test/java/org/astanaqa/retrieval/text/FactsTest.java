package org.astanaqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FactsTest {
  @Test
  void aYearOrADayOfTheMonthCountsNothing() {
    // "How many civilians were killed?" is no question this answers
    assertFalse(
        Facts.hasCount(
            "Kazakhstan welcomes the memorandum signed on 17 September in Sochi in 2018."));
    assertFalse(Facts.hasCount("On February 15-16, 2017 the city of Astana hosted the meeting."));
    assertFalse(
        Facts.hasCount("There have been some incidents produced by one side or the other."));
    assertFalse(Facts.hasCount("It held the 3rd of May talks, one of many."));
    // ... while the same sentences with a count do
    assertTrue(Facts.hasCount("Four de-escalation zones are being established since 4 May."));
    assertTrue(Facts.hasCount("In 2018, 12 people were killed on 17 September."));
    assertTrue(Facts.hasCount("At the moment, three zones are functioning."));
    assertTrue(
        Facts.hasCount("In Idlib, around 2000 fighters gathered."), "an estimate is no year");
    assertTrue(Facts.hasCount("more than 1500 people fled"));
    // a number beside something else than a month is a count
    assertTrue(Facts.hasCount("resolution 2254 (2015) was adopted by 15 votes"));
    // the number of a text names it: "How many rounds were held?" is not answered by it
    assertFalse(
        Facts.hasCount("The talks are guided by UN Security Council resolution 2254 (2015)."));
    assertFalse(Facts.hasCount("Under Article 5 of the treaty, the allies defend each other."));
    assertTrue(Facts.hasNumberedText("guided by UN Security Council resolution 2254 (2015)"));
    assertFalse(Facts.hasCount("It recalled resolutions 2254 and 2401, and S/RES/2118."));
    // a question for a text's number is answered by it; one that counts texts is not
    assertTrue(Facts.asksForATextsNumber("Which resolution guides the talks?"));
    assertTrue(Facts.asksForATextsNumber("resolution un security council syria number"));
    assertFalse(Facts.asksForATextsNumber("How many resolutions did the Council adopt?"));
    assertFalse(
        Facts.asksForATextsNumber("How many rounds were held, according to the TASS article?"));
  }

  @Test
  void mayTheVerbAndAWordThatOpensWithAMonthAreNoMonth() {
    // read as "30 May" and "12 May", the only numbers were taken for days of the month
    assertTrue(Facts.hasCount("Up to 30 may have been killed in the strikes."));
    assertTrue(Facts.hasCount("As many as 12 Mayors of the province met in Idlib."));
    assertFalse(Facts.hasCount("The memorandum of 4 May set up the zones."));
    assertFalse(Facts.hasCount("On May 4 the memorandum was signed."));
  }

  @Test
  void aMeasureIsANumberAndItsUnit() {
    assertTrue(Facts.hasMeasure("a demilitarized zone 15-20 km deep along the contact line"));
    assertTrue(Facts.hasMeasure("The talks lasted two days."));
    assertTrue(Facts.hasMeasure("The border runs for 911 kilometres."));
    assertTrue(Facts.hasMeasure("Turnout was 51.2%."));
    assertTrue(Facts.hasMeasure("a population of 1.5 million"));
    // a date or a bare number is no measure
    assertFalse(Facts.hasMeasure("the memorandum signed on 17 September 2018 in Sochi"));
    assertFalse(Facts.hasMeasure("Four de-escalation zones are being established."));
    assertFalse(Facts.hasMeasure("the seventh round of talks in Astana"));
  }

  @Test
  void aNumberWordIsNoMeasureInsideAWordOrAsAnOrdinal() {
    // "am" was read as "a" and "m" (metres), "a second round" as a second of time
    assertFalse(Facts.hasMeasure("I am pleased to take the floor."));
    assertFalse(Facts.hasMeasure("Preparations for the talks are afoot."));
    assertFalse(Facts.hasMeasure("It was a second round of talks in Astana."));
    assertTrue(Facts.hasMeasure("The talks lasted a week."));
    assertTrue(Facts.hasMeasure("a ten-day truce"));
    assertTrue(Facts.hasMeasure("a zone of 20km"));
    assertTrue(Facts.hasMeasure("some 1,000 sq km of land"));
  }

  @Test
  void aLongRunOfFiguresIsReadInLinearTime() {
    // each figure of "1,1,1,..." began a number read to the run's end: 7 s for 10,000 characters
    String figures = "1,".repeat(5000) + "x";
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(2), () -> assertFalse(Facts.hasMeasure(figures)));
  }

  /**
   * From a probe: "When did Russian forces arrive in Syria?" was a likely answer (0.75) from a
   * sentence whose one year is that of the resolution it cites.
   */
  @Test
  void theYearOfACitedResolutionDatesNothingElse() {
    String cited =
        "Recalling that the Russian military forces were invited by the Government, in line with"
            + " resolution 2254 (2015).";
    assertTrue(Facts.hasDate(cited));
    assertFalse(Facts.hasDateBesidesCitedResolutions(cited));
    assertTrue(
        Facts.hasDateBesidesCitedResolutions(
            "In September 2015 the forces arrived, under resolution 2254 (2015)."));
    assertTrue(Facts.hasDateBesidesCitedResolutions("The forces arrived in 2015."));
  }

  /**
   * From a probe: "When did the current round of Astana talks kick off?" was "not found" (0.64)
   * though UN News, dated 3 May 2017, says the round "kicked off today".
   */
  @Test
  void todayIsTheDayOfItsDocumentWhenTheDocumentIsDatedToTheMonthOrTheDay() {
    String said = "The current round of the talks kicked off today.";
    assertFalse(Facts.hasDate(said));
    assertTrue(Facts.datedByItsDocument(said, "2017-05-03"));
    assertTrue(Facts.datedByItsDocument(said, "2018-09"));
    assertFalse(Facts.datedByItsDocument(said, "2017"), "a year alone dates no day");
    assertFalse(Facts.datedByItsDocument(said, null), "an undated document dates nothing");
    assertFalse(Facts.datedByItsDocument("Todayville hosted the round.", "2017-05-03"));
    assertFalse(
        Facts.datedByItsDocument("The talks resumed, Russia Today reported.", "2017-05-03"));
    assertTrue(Facts.datedByItsDocument("Today the talks resumed.", "2017-05-03"));
    assertTrue(
        Facts.datedByItsDocument("The envoy is in Russia. Today the talks resumed.", "2017-05-03"),
        "a sentence's end is no name");
    assertFalse(
        Facts.datedByItsDocument("The envoy arrives tomorrow.", "2018-09"),
        "a month gives no day after it");
    assertFalse(Facts.datedByItsDocument(said, "2018-02-30"), "no such day");

    assertEquals(java.util.Optional.of("3 May 2017"), Facts.dayOfWriting("today", "2017-05-03"));
    assertEquals(
        java.util.Optional.of("2 May 2017"), Facts.dayOfWriting("Yesterday", "2017-05-03"));
    assertEquals(
        java.util.Optional.of("1 March 2017"), Facts.dayOfWriting("tomorrow", "2017-02-28"));
    assertEquals(java.util.Optional.of("September 2018"), Facts.dayOfWriting("today", "2018-09"));
    assertEquals(java.util.Optional.empty(), Facts.dayOfWriting("yesterday", "2018-09"));
    assertEquals(java.util.Optional.empty(), Facts.dayOfWriting("today", "2018"));
    assertEquals(java.util.Optional.empty(), Facts.dayOfWriting("today", "2018-13-01"));
    assertEquals(java.util.Optional.empty(), Facts.dayOfWriting("today", null));
  }
}
