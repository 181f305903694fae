package org.astanaqa.retrieval.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A question that asks for one office holder is answered by a quote that names a person: a quote
 * with only countries and titles ("the Defence Ministers of Russia and Turkey") lacks the kind of
 * answer asked for, as a "when" question's quote without a date does.
 */
class PersonSignalTest {
  private static QuestionAnswerer qa;
  private static int personMissing;
  private static int typeMissing;
  private static int typeFound;

  @BeforeAll
  static void open() {
    qa = QuestionAnswerer.inMemory(Fixtures.SEEDS, Settings.defaults());
    personMissing = QuestionAnswerer.signalNames().indexOf("personMissing");
    typeMissing = QuestionAnswerer.signalNames().indexOf("typeMissing");
    typeFound = QuestionAnswerer.signalNames().indexOf("typeFound");
  }

  @AfterAll
  static void close() throws Exception {
    qa.close();
  }

  @Test
  void aQuoteNamingNoOneLacksTheAnswerTypeOfAOnePersonQuestion() {
    double[] s =
        qa.assess("What is the name of the Russian defence minister who signed the memorandum?", 1)
            .signals();
    assertEquals(1, s[personMissing]);
    assertEquals(1, s[typeMissing]);
    assertEquals(0, s[typeFound]);
  }

  /**
   * "... said the diplomat, who is also Russian president's special envoy for Syria" names the man
   * its passage leans on, Alexander Lavrentyev, named in the paragraph before: the quote answers
   * who that envoy is. "He went on" in a quote that says nothing of Iran's delegation answers
   * nobody.
   */
  @Test
  void aQuoteThatSaysAllTheQuestionAsksOfTheManItsPassageLeansOnNamesHim() {
    double[] s = qa.assess("Who is the Russian president's special envoy for Syria?", 1).signals();
    assertEquals(0, s[personMissing]);
    assertEquals(0, s[typeMissing]);
    assertEquals(1, s[typeFound]);
    double[] other =
        qa.assess("Who headed Iran's delegation at the seventh round of talks in Astana?", 1)
            .signals();
    assertEquals(1, other[typeMissing]);
  }

  /**
   * "What is Mr. Umarov's first name?" asks for a name the documents never give: his statement's
   * opening names Staffan de Mistura and John Ging, people, but none of them is Umarov.
   */
  @Test
  void aQuoteNamingOthersGivesNoFirstNameOfTheOneAskedAbout() {
    assertEquals(1, qa.assess("What is Mr. Umarov's first name?", 1).signals()[personMissing]);
    String opening = "We join others in thanking Special Envoy Staffan de Mistura and Mr. Umarov.";
    org.junit.jupiter.api.Assertions.assertTrue(
        AnswerExtractor.lacksRestOfName("What is Mr. Umarov's first name?", opening));
    org.junit.jupiter.api.Assertions.assertTrue(
        AnswerExtractor.lacksRestOfName("what is the full name of mr umarov", opening));
    org.junit.jupiter.api.Assertions.assertFalse(
        AnswerExtractor.lacksRestOfName("What is de Mistura's first name?", opening),
        "Staffan, with the particle between");
    org.junit.jupiter.api.Assertions.assertFalse(
        AnswerExtractor.lacksRestOfName("What is his first name?", opening), "whose is not said");
  }

  /**
   * "What is John Ging's nationality?" is answered by a country next to his name, as "Mr. Umarov
   * (Kazakhstan)" says Umarov's; a statement that names him among others says nothing of his.
   */
  @Test
  void aNationalityIsACountryNextToTheNameAskedAbout() {
    String opening =
        "Mr. Umarov (Kazakhstan): We join others in thanking Special Envoy Staffan de Mistura and"
            + " the Director of Operations and Advocacy, Mr. John Ging, for their briefings.";
    for (String q :
        new String[] {
          "What is John Ging's nationality?",
          "what nationality is john ging",
          "Which country is John Ging from?"
        }) {
      org.junit.jupiter.api.Assertions.assertTrue(AnswerExtractor.lacksNationality(q, opening), q);
    }
    org.junit.jupiter.api.Assertions.assertFalse(
        AnswerExtractor.lacksNationality("Which country is Mr. Umarov from?", opening));
    org.junit.jupiter.api.Assertions.assertFalse(
        AnswerExtractor.lacksNationality("What is his nationality?", opening));
    assertEquals(1, qa.assess("What is John Ging's nationality?", 1).signals()[personMissing]);
  }

  /** Found by a review: a name in lower case, a particle with a hyphen, no person, "us". */
  @Test
  void aFirstNameOrANationalityIsLookedForAsAPersonsWhateverTheTyping() {
    String lavrentyev =
        "Russia is ready to act as a mediator, the head of the Russian delegation, Alexander"
            + " Lavrentyev, said on Monday.";
    org.junit.jupiter.api.Assertions.assertFalse(
        AnswerExtractor.lacksRestOfName("what is lavrentyev's first name?", lavrentyev));
    org.junit.jupiter.api.Assertions.assertFalse(
        AnswerExtractor.lacksRestOfName(
            "What is Ja'afari's first name?", "Syrian envoy Bashar al-Ja'afari met him."));
    org.junit.jupiter.api.Assertions.assertFalse(
        AnswerExtractor.lacksRestOfName(
            "What is the full name of the memorandum signed in Sochi?",
            "The Memorandum on Stabilization of the Situation was signed in Sochi."));
    org.junit.jupiter.api.Assertions.assertTrue(
        AnswerExtractor.lacksNationality(
            "What is John Ging's nationality?", "Mr. John Ging briefed us on the situation."),
        "'us' is no country");
    org.junit.jupiter.api.Assertions.assertFalse(
        AnswerExtractor.lacksNationality(
            "Which country did the gunmen arrive from?", "Many gunmen arrived from Turkey."),
        "no person named");
  }

  /**
   * Who leads, chairs or founded something is answered by a quote that says so, in any of its
   * words: Lavrentyev, quoted on al-Nusra, is no leader of it, but the head of the Russian
   * delegation leads it.
   */
  @Test
  void whoLeadsIsAnsweredByAQuoteThatSaysWhoLeads() {
    assertEquals(1, qa.assess("Who is the leader of Jabhat al-Nusra?", 1).signals()[personMissing]);
    assertEquals(1, qa.assess("Who founded Jabhat al-Nusra?", 1).signals()[personMissing]);
    assertEquals(0, qa.assess("Who leads the Russian delegation?", 1).signals()[personMissing]);
    assertEquals(
        0,
        qa.assess("Who headed the Russian delegation at the Astana talks?", 1)
            .signals()[personMissing]);
  }

  /**
   * "according to" is gone from the question as searched ("... into Syria Kazakhstan's envoy?"), so
   * reading that text alone took the envoy for an office asked for, and the quote naming the Syrian
   * Government and no person for one that lacks it; "per" was read as intended.
   */
  @Test
  void whoseAccountAQuestionCitesAccordingToIsNoPersonAskedFor() {
    for (String q :
        new String[] {
          "Who invited the Russian military into Syria according to Kazakhstan's envoy?",
          "Who invited the Russian military into Syria, according to Kazakhstan's envoy?",
          "According to Kazakhstan's envoy, who invited the Russian military into Syria?",
          "Who invited the Russian military into Syria per Kazakhstan's envoy?"
        }) {
      assertEquals(0, qa.assess(q, 1).signals()[personMissing], q);
      org.astanaqa.retrieval.Answer a = qa.ask(q);
      org.junit.jupiter.api.Assertions.assertTrue(a.answered(), q + " " + a);
    }
  }

  /**
   * "What is Mr. Tumysh's first name?" asks for a name the documents never give: the quote that
   * says "Mr. Tumysh" names nobody new (it was taken for a quote naming a person, any "Mr." did).
   */
  @Test
  void aTitledNameTheQuestionAlreadySaysIsNoAnswerToAskingForAFirstName() {
    double[] s = qa.assess("What is Mr. Tumysh's first name?", 1).signals();
    assertEquals(1, s[personMissing]);
  }

  /**
   * "Who was Turkey's chief negotiator?" asks for a person by office, as "Who was the chief
   * negotiator?" does; it was read as "Who was Lavrentyev?" (a named person's role), because a word
   * followed "who was", and a quote naming nobody passed as its answer.
   */
  @Test
  void aPossessiveAfterWhoIsAsksForTheOfficeHolderNotAboutANamedPerson() {
    assertEquals(true, AnswerExtractor.asksForOnePerson("Who was Jordan's foreign minister?"));
    assertEquals(true, AnswerExtractor.asksForOnePerson("who is Iran\u2019s chief negotiator"));
    assertEquals(false, AnswerExtractor.asksForOnePerson("Who is Lavrentyev?"));
    assertEquals(false, AnswerExtractor.asksForOnePerson("Who was Umarov speaking for?"));
  }

  /**
   * "Who were the defence ministers who signed it?" asks for the names of people, as its singular
   * does; the quote that says only "the Defence Ministers of Russia and Turkey" names none of them.
   * Groups of countries ("who were the guarantors") are no such question.
   */
  @Test
  void aQuestionForSeveralOfficeHoldersLacksItsAnswerInAQuoteNamingNoOne() {
    assertEquals(
        true, AnswerExtractor.asksForPeople("Who were the defence ministers that signed it?"));
    assertEquals(true, AnswerExtractor.asksForPeople("Who were the heads of the delegations?"));
    assertEquals(false, AnswerExtractor.asksForPeople("Who were the Astana guarantors?"));
    assertEquals(false, AnswerExtractor.asksForPeople("Which countries sent observers?"));
    double[] s =
        qa.assess("Who were the defence ministers that signed the memorandum in Sochi?", 1)
            .signals();
    assertEquals(1, s[personMissing]);
  }

  @Test
  void aQuoteNamingThePersonHasTheAnswerType() {
    double[] s = qa.assess("Who is the UN Special Envoy for Syria?", 1).signals();
    assertEquals(0, s[personMissing]);
    assertEquals(0, s[typeMissing]);
    assertEquals(1, s[typeFound]);
  }
}
