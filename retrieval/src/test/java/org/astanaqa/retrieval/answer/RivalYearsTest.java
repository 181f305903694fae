package org.astanaqa.retrieval.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A quote that dates what it says to another year does not answer a question about this one. */
class RivalYearsTest {
  private static final String CEASEFIRE =
      "Positive outcomes from the Astana talks - which aim to bolster the ceasefire regime brokered"
          + " by Russia, Turkey and Iran in late December 2016 - would help Mr. de Mistura.";

  @Test
  void anotherYearOnlyIsARival() {
    assertEquals(
        Set.of("2015"),
        RivalYears.rivalled(
            "On which day in December 2015 was resolution 2254 adopted?", CEASEFIRE, null));
  }

  /**
   * From a probe: "Who brokered the ceasefire regime in December 2015?" was a likely answer (0.96)
   * from the ceasefire of late December 2016, whose passage goes on to cite "resolution 2254
   * (2015)". The year of a resolution cited is the resolution's, unless the question asks about the
   * resolution, by that word or as a Council's text.
   */
  @Test
  void theYearOfAResolutionCitedIsNotTheYearOfWhatTheQuoteTells() {
    String guided =
        CEASEFIRE + " The discussions are guided by UN Security Council resolution 2254 (2015).";
    assertEquals(
        Set.of("2015"),
        RivalYears.rivalled("Who brokered the ceasefire regime in December 2015?", guided, null));
    assertEquals(
        Set.of(),
        RivalYears.rivalled("Which resolution of 2015 guides the discussions?", guided, null));
    assertEquals(
        Set.of(),
        RivalYears.rivalled(
            "What do the talks focus on under the 2015 Security Council text?", guided, null));
    assertEquals(
        Set.of(), RivalYears.rivalled("Who brokered the ceasefire in 2016?", guided, null));
    // the Security Council named is no question on a resolution; several resolutions are cited
    assertEquals(
        Set.of("2015"),
        RivalYears.rivalled(
            "What did Russia tell the Security Council about the ceasefire of December 2015?",
            CEASEFIRE + " It is guided by resolutions 2254 (2015) and 2401 (2018).",
            null));
  }

  /**
   * "between 2016 and 2018" asks about 2017 too: the Astana meeting of February 2017 answers it.
   */
  @Test
  void aYearInsideTheSpanTheQuestionAsksAboutIsNoRival() {
    String meeting = "On February 15-16, 2017 the city of Astana hosted the high-level meeting.";
    for (String q :
        new String[] {
          "Which meeting did Astana host between 2016 and 2018?",
          "Which meeting did Astana host in 2016-2018?",
          "Which meeting did Astana host in 2016-18?",
          "Which meeting did Astana host from 2016 to 2018?",
          "Which meeting did Astana host since 2016?",
          "Which meeting did Astana host after December 2016?",
          "Which meeting did Astana host before the end of 2018?"
        }) {
      assertEquals(Set.of(), RivalYears.rivalled(q, meeting, null), q);
    }
    assertEquals(
        Set.of("2018", "2019"),
        RivalYears.rivalled("Which meeting did Astana host between 2018 and 2019?", meeting, null));
    assertEquals(
        Set.of("2018"),
        RivalYears.rivalled("Which meeting did Astana host since 2018?", meeting, null));
    assertEquals(
        Set.of("2016"),
        RivalYears.rivalled("Which meeting did Astana host before 2016?", meeting, null));
  }

  @Test
  void theQuestionsYearInTheQuoteOrAsItsDocumentsYearOrNoYearIsNone() {
    assertEquals(Set.of(), RivalYears.rivalled("What happened in 2016 and 2015?", CEASEFIRE, null));
    assertEquals(
        Set.of(),
        RivalYears.rivalled("What did the UN News story of May 2017 say?", CEASEFIRE, "2017-05-03"),
        "a report of May 2017 speaks of 2017 where it names no year");
    assertEquals(
        Set.of(), RivalYears.rivalled("When was the ceasefire brokered?", CEASEFIRE, null));
    assertEquals(
        Set.of(),
        RivalYears.rivalled("What was agreed in 2018?", "It was agreed in Sochi.", null),
        "a quote with no year says nothing of another");
  }

  /**
   * "What happened in Eastern Ghouta in 2018?" and a TASS report of October 2017 that names no
   * year: the report speaks of 2017, as its source line shows (it was answered at 0.61).
   */
  @Test
  void aQuoteThatNamesNoYearSpeaksOfItsDocumentsYear() {
    String zones = "At the moment, three zones are functioning: in Eastern Ghouta and near Homs.";
    String question = "What happened in Eastern Ghouta in 2018?";
    assertEquals(Set.of("2018"), RivalYears.rivalled(question, zones, "2017-10-30"));
    assertEquals(Set.of(), RivalYears.rivalled(question, zones, "2018-09"));
    assertEquals(Set.of(), RivalYears.rivalled(question, zones, null), "no date, no year");
  }
}
