package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuestionTypeTest {
  @Test
  void aRoundsNumberAskedForAndAnOrdinalThatAnswers() {
    assertTrue(QuestionType.asksForRoundNumber("Which round was held in October?", false));
    assertTrue(QuestionType.asksForRoundNumber("What round of talks was it?", false));
    assertTrue(QuestionType.asksForRoundNumber("Hi! what session number was it?", false));
    assertTrue(QuestionType.asksForRoundNumber("which round negotiations astana", true));
    // a "what" inside the question, and a Russian "что" that joins clauses, ask for no number
    assertFalse(QuestionType.asksForRoundNumber("Did he say what round issues remain?", false));
    assertFalse(QuestionType.asksForRoundNumber("lavrentyev confident, what round held", true));
    assertFalse(QuestionType.asksForRoundNumber("When did the round begin?", false));
    // a "what" that opens the question after a space or a quotation mark
    assertTrue(QuestionType.asksForRoundNumber(" What round was it?", false));
    assertTrue(QuestionType.asksForRoundNumber("\u00abWhat round was it?\u00bb", false));
    // a compound is no round: "round-table", "round-the-clock"
    assertFalse(QuestionType.asksForRoundNumber("Which round-table met in Sochi?", false));
    assertFalse(QuestionType.asksForRoundNumber("What round-the-clock talks were held?", false));
    assertTrue(QuestionType.holdsOrdinal("in the seventh round of negotiations"));
    assertTrue(QuestionType.holdsOrdinal("the 8th round"));
    assertTrue(QuestionType.holdsOrdinal("THE 8TH ROUND"));
    assertFalse(QuestionType.holdsOrdinal("the current round of negotiations, 2017"));
  }

  /**
   * From the held-out tune half: "which three countries are the guarantors of the astana process"
   * searched "three" and "countries", which no passage that names "Russia, Turkey and Iran" says,
   * and was "not found" (0.42) where "Which countries are the guarantors ...?" is answered (0.85).
   * The count, like the noun, says what kind of answer is asked for: neither is searched. On the
   * held-out tune half hit@1 0.7485 -> 0.7536 (hybrid), 0.6856 -> 0.6887 (BM25), nothing lost.
   */
  @Test
  void aCountOfTheCountriesAskedForIsNoWordToSearch() {
    assertEquals(
        Set.of("countries", "three"),
        QuestionType.cueWords("which three countries are the guarantors of the astana process"));
    assertEquals(Set.of("states", "3"), QuestionType.cueWords("Which 3 states lead the talks?"));
    assertEquals(Set.of("countries"), QuestionType.cueWords("Which countries lead the talks?"));
    // a count of something else is searched as before
    assertEquals(Set.of(), QuestionType.cueWords("Which three zones are functioning?"));
    assertTrue(QuestionType.asksWhichCountries("Which two countries signed the memorandum?"));
  }

  /**
   * From the held-out tune half: "In which capital were the leaders of the three guarantor
   * countries due to hold their summit?" searched "three" and "countries", which the passage that
   * names "Russia, Turkey and Iran" as "the guarantor States" never says.
   */
  @Test
  void aCountOfCountriesThatDescribesThemIsNoWordToSearch() {
    assertEquals(
        Set.of("three", "countries"),
        QuestionType.countedCountryWords("the leaders of the three guarantor countries"));
    assertEquals(
        Set.of("three", "powers"), QuestionType.countedCountryWords("three sponsoring powers"));
    assertEquals(
        Set.of("three", "country"),
        QuestionType.countedCountryWords("the three-country monitoring body"));
    assertEquals(Set.of(), QuestionType.countedCountryWords("the three guarantor states"));
    assertEquals(Set.of(), QuestionType.countedCountryWords("three zones in the country"));
    assertEquals(Set.of(), QuestionType.countedCountryWords("two country-level plans"));
  }

  @Test
  void countriesAskedForByName() {
    // plural, or a number of them: two or more; one country: one
    // the number it says, which a quote must name ("Which 4 countries ...?" is no question the
    // guarantors' "Russia, Turkey and Iran" answers)
    assertEquals(3, QuestionType.countriesAskedFor("Which three countries are the guarantors?"));
    assertEquals(4, QuestionType.countriesAskedFor("which 4 countries are the guarantors"));
    assertEquals(2, QuestionType.countriesAskedFor("Which several countries sent observers?"));
    assertEquals(2, QuestionType.countriesAskedFor("what states lead the Astana talks?"));
    assertEquals(3, QuestionType.countriesAskedFor("which three country countries guarantor"));
    assertEquals(1, QuestionType.countriesAskedFor("Which country offered to mediate?"));
    assertEquals(1, QuestionType.countriesAskedFor("Which other country sent observers?"));
    // countries that are no answer asked for
    assertEquals(0, QuestionType.countriesAskedFor("What did the guarantor states approve?"));
    assertEquals(0, QuestionType.countriesAskedFor("Who headed the Russian delegation?"));
    assertEquals(0, QuestionType.countriesAskedFor("What does the memorandum state?"));
    assertEquals(0, QuestionType.countriesAskedFor("Which country-level plans were agreed?"));
  }

  /**
   * "Which 12 countries voted for the resolution?" asked a quote to name twelve countries of the
   * eighteen {@link org.astanaqa.retrieval.text.Countries} knows: the vote's own list of twelve
   * (seven of them known) answered nothing, and every quote was typed as lacking its answer. A
   * figure beyond six, as a count word beyond "six", asks for two or more, as before.
   */
  @Test
  void aLargeCountOfCountriesAsksForTwoOrMoreNotThatManyKnownNames() {
    String q = "Which 12 countries voted for the resolution?";
    assertEquals(2, QuestionType.countriesAskedFor(q));
    assertTrue(
        org.astanaqa.retrieval.text.Countries.namesOthers(
            "Brazil, China, Egypt, France, Japan, Russia, Senegal, Spain, Ukraine, Uruguay, the"
                + " United Kingdom and the United States voted in favour.",
            q,
            QuestionType.countriesAskedFor(q)));
    assertEquals(6, QuestionType.countriesAskedFor("Which 6 countries sent observers?"));
    assertEquals(Set.of("countries", "12"), QuestionType.cueWords(q));
  }

  @Test
  void aCueNounInKeywordsSaysTheTypeAndIsNotAWordToFind() {
    assertEquals(Set.of("date"), QuestionType.cueWords("ceasefire brokered date"));
    assertEquals(QuestionType.WHEN, QuestionType.of("ceasefire brokered date"));
    assertEquals(Set.of("name"), QuestionType.cueWords("ocha director of operations name"));
    assertEquals(QuestionType.WHO, QuestionType.of("ocha director of operations name"));
    assertEquals(QuestionType.WHERE, QuestionType.of("may 2017 ceasefire talks location"));
    // "which city" asks where, but the noun is searched: "the city of Astana"
    assertEquals(QuestionType.WHERE, QuestionType.of("In which city were the UN-led talks held?"));
    assertEquals(QuestionType.WHERE, QuestionType.of("What town was hit by the airstrikes?"));
    assertEquals(Set.of(), QuestionType.cueWords("In which city were the talks held?"));
    assertEquals(QuestionType.OTHER, QuestionType.of("Which city-level plans were agreed?"));
    assertEquals(QuestionType.COUNT, QuestionType.of("number of de-escalation zones"));
    // an age is a number: a quote with none does not answer "how old"
    assertEquals(QuestionType.COUNT, QuestionType.of("How old is the head of the delegation?"));
  }

  @Test
  void howWideOrHowLongAsksForAMeasure() {
    assertEquals(
        QuestionType.MEASURE, QuestionType.of("How wide is the demilitarized zone in Idlib?"));
    assertEquals(QuestionType.MEASURE, QuestionType.of("how long did the talks last"));
    assertEquals(QuestionType.MEASURE, QuestionType.of("And how far is Sochi from Astana?"));
    assertEquals(QuestionType.COUNT, QuestionType.of("How many zones are there?"));
    assertEquals(QuestionType.OTHER, QuestionType.of("How did the talks go?"));
  }

  /**
   * "How much had the situation changed?" asks how far, and the quote that answers it ("the
   * situation has drastically changed") holds no number; "how much aid" asks for an amount.
   */
  @Test
  void howMuchSomethingChangedAsksHowFarNotHowMany() {
    assertEquals(
        QuestionType.OTHER,
        QuestionType.of("How much had the situation changed by the seventh round?"));
    assertEquals(
        QuestionType.OTHER, QuestionType.of("how lavrentyev described, how much all changed"));
    assertEquals(QuestionType.COUNT, QuestionType.of("How much aid was sent to Idlib?"));
    assertEquals(QuestionType.COUNT, QuestionType.of("How much was pledged?"));
    // a verb of change in a clause of its own, or a noun, asks nothing of how far
    assertEquals(
        QuestionType.COUNT,
        QuestionType.of("How much money did Russia pledge to improve the humanitarian situation?"));
    assertEquals(
        QuestionType.COUNT, QuestionType.of("How much aid was sent after the situation changed?"));
  }

  /**
   * The office asked for anywhere in a question ("... and what is his post?"); not a post-war
   * anything. (Its Russian, "какая у него должность?", searched as "which him post", was tried as a
   * cue too: on the tune halves it answered one more out-of-scope question and no more right.)
   */
  @Test
  void anOfficeAskedForLaterInTheQuestionIsACue() {
    assertTrue(QuestionType.cueWords("Who is Lavrentyev and what is his post?").contains("post"));
    assertFalse(QuestionType.cueWords("Which post-war plans were discussed?").contains("post"));
    assertFalse(QuestionType.cueWords("What is his post-war plan for Syria?").contains("post"));
    assertTrue(
        QuestionType.cueWords("On what day of the week did Lavrentyev speak?")
            .containsAll(java.util.List.of("day", "week")));
  }

  @Test
  void afterWhatAndBeforeOfTheCueNounIsACueToo() {
    assertEquals(Set.of("name"), QuestionType.cueWords("What is the name of the UN envoy?"));
    assertEquals(QuestionType.WHO, QuestionType.of("What is the name of the UN envoy?"));
    assertEquals(Set.of("date"), QuestionType.cueWords("what's the date of the Sochi memorandum"));
  }

  @Test
  void aDateOrPlaceNounRightAfterWhichIsACue() {
    assertEquals(
        Set.of("dates"),
        QuestionType.cueWords("which dates in September did de Mistura plan meetings for?"));
    // the noun alone, asked of what the earlier question said ("which dates?")
    assertEquals(Set.of("dates"), QuestionType.cueWords("which dates?"));
    assertEquals(Set.of("day"), QuestionType.cueWords("on which day?"));
    assertEquals(Set.of("year"), QuestionType.cueWords("in what year?"));
    assertEquals(QuestionType.WHEN, QuestionType.of("which month?"));
    assertEquals(Set.of("many"), QuestionType.cueWords("how many were there?"));
    assertEquals(QuestionType.COUNT, QuestionType.of("how many?"));
    assertEquals(Set.of(), QuestionType.cueWords("how many zones are there?"), "it says what");
    assertEquals(QuestionType.WHEN, QuestionType.of("what date?"));
    assertEquals(QuestionType.WHEN, QuestionType.of("What date did the talks open?"));
    assertEquals(Set.of(), QuestionType.cueWords("Which dates matter most?"), "no verb after it");
  }

  @Test
  void aRelativeWhoDoesNotAskForAPerson() {
    assertEquals(
        QuestionType.OTHER, QuestionType.of("What the one who headed the delegation said?"));
    assertEquals(QuestionType.WHO, QuestionType.of("And who headed the delegation?"));
  }

  @Test
  void theOfficeAskedForIsACue() {
    assertEquals(Set.of("post"), QuestionType.cueWords("What post does Lavrentyev hold?"));
    assertEquals(QuestionType.ROLE, QuestionType.of("What post does Lavrentyev hold?"));
    assertEquals(Set.of("title"), QuestionType.cueWords("what is his title?"));
  }

  @Test
  void anotherOfficeAskedForIsACueAndSoIsHoldingIt() {
    // the quote says "who is also Russian president's special envoy", not "post" or "hold"
    for (String q :
        List.of(
            "What other post does Lavrentyev hold?",
            "Does Lavrentyev hold any other post?",
            "Besides heading the delegation, what post does Lavrentyev hold?")) {
      assertTrue(QuestionType.asksForAnotherOffice(q), q);
      assertEquals(QuestionType.ROLE, QuestionType.of(q), q);
      assertEquals(Set.of("post", "hold"), QuestionType.cueWords(q), q);
    }
    assertEquals(Set.of("job"), QuestionType.cueWords("what else is his job?"));
    assertEquals(
        Set.of("role", "have"), QuestionType.cueWords("and what other role does he have?"));
    // a part played, a person asked for, and an office that is a body ask for no other office
    for (String q :
        List.of(
            "What other role did Iran play?",
            "Who else held the post of envoy?",
            "Besides the Special Envoy, who from the UN humanitarian office briefed the Council?",
            "Apart from Kazakhstan, which country's office hosted talks?")) {
      assertFalse(QuestionType.asksForAnotherOffice(q), q);
    }
    assertEquals(Set.of(), QuestionType.cueWords("What other role did Iran play?"));
  }

  @Test
  void aStanceTakenOrAPartInSomethingAsksForNoOtherOffice() {
    // from a review: "also" or "besides" with "position" or "role" is no office asked for when the
    // position is taken or on something, or the role in or of something; nor is "post-war" a post.
    // Read as one, "position", "role" and "have" went unsearched, only an "also ... envoy" counted
    // as the answer's kind, and these, answered before from Kazakhstan's statement on the
    // memorandum or the passage naming the guarantors, went unanswered.
    for (String q :
        List.of(
            "Did Kazakhstan also take a position on the memorandum?",
            "What position did Kazakhstan take, besides welcoming the memorandum?",
            "Besides Russia, what position did Turkey take on the de-escalation zones?",
            "Did Russia also have a role in the ceasefire monitoring?",
            "Did the guarantors also agree on the role of the observers?",
            "Did the talks also cover post-war reconstruction?")) {
      assertFalse(QuestionType.asksForAnotherOffice(q), q);
    }
    assertEquals(
        Set.of(), QuestionType.cueWords("Did Kazakhstan also take a position on the memorandum?"));
    assertEquals(
        Set.of(),
        QuestionType.cueWords("Did Russia also have a role in the ceasefire monitoring?"));
    assertEquals(
        QuestionType.OTHER,
        QuestionType.of("Did Kazakhstan also take a position on the memorandum?"));
    // an office held still is
    assertTrue(
        QuestionType.asksForAnotherOffice(
            "What other role does Lavrentyev have besides heading the Russian delegation?"));
    assertTrue(QuestionType.asksForAnotherOffice("what other position does he hold?"));
  }

  @Test
  void theOfficeKnownInABesidesClauseIsACueWhenTheRestNamesWhomItAsksAbout() throws Exception {
    String q = "What other post does Lavrentyev hold besides heading the Russian delegation?";
    assertEquals(
        Set.of("besides", "heading", "the", "russian", "delegation"),
        QuestionType.knownOfficeWords(q, t -> t.equals("lavrentyev")));
    // nothing of the rest is a word the corpus has: the clause is all it says of whom it asks
    assertEquals(Set.of(), QuestionType.knownOfficeWords(q, t -> false));
    // no question for another office, or no "besides"
    assertEquals(
        Set.of(),
        QuestionType.knownOfficeWords("Besides Russia, who attended the talks?", t -> true));
    assertEquals(
        Set.of(),
        QuestionType.knownOfficeWords("What other post does Lavrentyev hold?", t -> true));
  }

  @Test
  void aPartPlayedOrAStanceIsSearchedAndAHyphenJoins() {
    // from a review: "role" and "position" are not only offices
    assertEquals(Set.of(), QuestionType.cueWords("What role did Iran play in the Astana process?"));
    assertEquals(Set.of(), QuestionType.cueWords("What is the role of the UN Special Envoy?"));
    assertEquals(Set.of(), QuestionType.cueWords("Iran role in Syria"));
    assertEquals(Set.of(), QuestionType.cueWords("post-war reconstruction Syria"));
    assertEquals(Set.of("name"), QuestionType.cueWords("whats the name of the envoy"));
  }

  @Test
  void aWhoAfterACommandStillAsksForAPerson() {
    assertEquals(
        QuestionType.WHO, QuestionType.of("Name the person who headed the Russian delegation"));
  }

  @Test
  void inAQuestionWithAQuestionWordElsewhereTheNounIsSearched() {
    // "number" and "date" are what is asked about here, not the kind of answer.
    assertEquals(Set.of(), QuestionType.cueWords("Which number did the resolution have?"));
    assertEquals(Set.of(), QuestionType.cueWords("Who set the date for the next round?"));
    assertEquals(Set.of(), QuestionType.cueWords(""));
    assertEquals(QuestionType.WHO, QuestionType.of("Who set the date for the next round?"));
  }

  @Test
  void whichCountriesAsksForNamesThatThePassageNeedNotCallCountries() {
    // "Jordan, United Nations and the USA as observers": the passage never says "countries".
    assertEquals(Set.of("countries"), QuestionType.cueWords("Which countries were observers?"));
    assertEquals(Set.of("states"), QuestionType.cueWords("What states guarantee the ceasefire?"));
    assertEquals(Set.of(), QuestionType.cueWords("Which country's jets carried out the strikes?"));
    assertEquals(Set.of(), QuestionType.cueWords("How many countries took part?"));
    // the type is what it was: the noun only stops being a word to search
    assertEquals(
        QuestionType.of("Which guarantors were observers?"),
        QuestionType.of("Which countries were observers?"));
    // and the question still names what it asks about: it stands after another question
    assertEquals(
        FollowUps.Leaning.STANDS,
        FollowUps.leaning("Which countries voted for resolution 2254?", 2, 1));
  }

  @Test
  void aQuestionWordWithItsVerbContractedIsStillTheQuestionWord() {
    assertEquals(
        QuestionType.WHO,
        QuestionType.of("hey there! who's heading the Russian delegation at the Astana talks??"));
    assertEquals(QuestionType.WHERE, QuestionType.of("where's the fourth zone?"));
    assertEquals(QuestionType.WHO, QuestionType.of("whos the UN envoy for syria"));
    assertEquals(QuestionType.WHO, QuestionType.of("what's the name of the UN envoy?"));
    assertEquals(Set.of("name"), QuestionType.cueWords("what's the name of the UN envoy?"));
  }

  /**
   * "On which dates was the first Astana meeting held?": the noun after a preposition's "which"
   * asks for a date as "what date did" does; searched, "dates" was a word the documents lack and
   * the question looked unanswerable.
   */
  @Test
  void aDateNounAfterAPrepositionsQuestionWordIsACue() {
    assertEquals(
        Set.of("dates"),
        QuestionType.cueWords("On which dates was the first Astana meeting held?"));
    assertEquals(Set.of("date"), QuestionType.cueWords("On what date was the memorandum signed?"));
    assertEquals(Set.of("day"), QuestionType.cueWords("What day did the talks kick off?"));
    assertEquals(QuestionType.WHEN, QuestionType.of("What day did the talks kick off?"));
    assertEquals(Set.of(), QuestionType.cueWords("On what basis was the memorandum signed?"));
  }
}
