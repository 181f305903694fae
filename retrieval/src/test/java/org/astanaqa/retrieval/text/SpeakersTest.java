package org.astanaqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A passage that says "he said" or "said the diplomat" is read with the speaker named before. */
class SpeakersTest {
  @Test
  void aPassageThatLeansOnTheSpeakerNamedBeforeGetsHisName() {
    Speakers s = new Speakers();
    assertEquals(
        "",
        s.next(
            "Russia is ready to act as a mediator, the head of the Russian delegation at talks in"
                + " Astana, Alexander Lavrentyev, said on Monday."),
        "a passage that names its speaker leans on nobody");
    assertEquals(
        "Alexander Lavrentyev",
        s.next(
            "\"Most likely Russia will act as a certain mediator on the issue,\" said the diplomat,"
                + " who is also Russian president’s special envoy for Syria."));
    assertEquals("", s.next("\"The issues persist,\" Lavrentyev said."));
    assertEquals(
        "Alexander Lavrentyev",
        s.next("He expressed confidence that the current round will be successful."),
        "\"Lavrentyev said\" is the same man: his full name is kept");
    assertEquals(
        "",
        s.next("Four de-escalation zones are being established in Syria since May."),
        "a passage that refers to nobody");
  }

  @Test
  void aNameThePassageHoldsACountryOrAPronounIsNoSpeakerToAdd() {
    Speakers s = new Speakers();
    s.next("\"We call for an investigation,\" Mr. de Mistura said.");
    assertEquals(
        "",
        s.next("Positive outcomes would help Mr. de Mistura with his role in Geneva."),
        "the passage names whom \"his\" means");
    assertEquals(
        "de Mistura", s.next("Asked if he is confident, he said that there were incidents."));

    Speakers countries = new Speakers();
    countries.next(
        "Russia said on Monday that the talks would go on. Moscow added that it agreed.");
    assertEquals("", countries.next("He said the talks would go on."), "Russia is no speaker");
    Speakers pronouns = new Speakers();
    pronouns.next("He said the talks would go on.");
    assertEquals("", pronouns.next("She added that they would."), "\"He\" is no name");
    Speakers we = new Speakers();
    we.next("\"We said it before,\" Lavrentyev said.");
    we.next("We said the talks would go on.");
    assertEquals(
        "Lavrentyev", we.next("He added that they would."), "\"We\" is no one to add either");
  }

  @Test
  void aNameWithAnApostropheAfterItsFirstLetterIsReadWhole() {
    // "O'Brien" was read as "O'" ("said Patrick O'Brien") or "Brien" ("O'Brien said"): a question
    // that says "O'Brien" never matched the speaker of the passage after
    Speakers said = new Speakers();
    said.next("\"The talks must go on,\" said Patrick O'Brien, the official.");
    assertEquals("Patrick O'Brien", said.next("He went on to praise the guarantors."));
    Speakers before = new Speakers();
    before.next("Mr. O\u2019Brien said the talks would go on.");
    assertEquals("O\u2019Brien", before.next("He added that they would."));
  }

  @TempDir Path corpus;

  /** Before, "the diplomat" shared no word with the question and another passage was quoted. */
  @Test
  void aQuestionAboutWhatTheSpeakerSaidFindsThePassageThatCallsHimTheDiplomat() throws Exception {
    Files.writeString(
        corpus.resolve("a.txt"),
        "Talks on the river dispute\n\nALMATY, March 3. The head of the Kyrgyz delegation, Marat"
            + " Ibraimov, said on Monday that the talks had made progress.\n\n\"We discussed the"
            + " sharing of irrigation water in the summer months,\" the diplomat added.\n\nThe next"
            + " round is planned for April in Almaty.\n");
    Files.writeString(
        corpus.resolve("b.txt"),
        "Weather report\n\nHeavy snow fell in the mountains on Tuesday, and roads were closed.\n");
    try (QuestionAnswerer qa = QuestionAnswerer.inMemory(corpus, Settings.defaults())) {
      Answer a = qa.ask("What did Marat Ibraimov discuss?");
      assertTrue(a.answered());
      assertTrue(
          a.quotes().get(0).text().contains("irrigation water"),
          () -> "quoted " + a.quotes().get(0).text());
    }
  }

  @Test
  void namedListsWhoATextHasSpeakIncludingAStatementsOpener() {
    assertEquals(
        java.util.List.of("Umarov", "Alexander Lavrentyev"),
        Speakers.named(
            "Mr. Umarov (Kazakhstan): We thank Mr. John Ging. The head of the delegation,"
                + " Alexander Lavrentyev, said so."));
    assertEquals(java.util.List.of(), Speakers.named("We thank Mr. John Ging for his briefing."));
    // a statement made in another language than English says so after the country
    assertEquals(
        java.util.List.of("Nebenzia"),
        Speakers.named(
            "Mr. Nebenzia (Russian Federation) (spoke in Russian): We thank Mr. Ging for his"
                + " briefing."));
  }

  /** A passage of 1,500 capitalised words in a row overflowed the regex engine's stack. */
  @Test
  void aLongRunOfCapitalisedWordsIsReadWithoutOverflowingTheStack() {
    String run = String.join(" ", java.util.Collections.nCopies(1500, "Alpha"));
    assertEquals(
        java.util.List.of("Alpha Alpha Alpha Alpha Alpha Alpha"), Speakers.named(run + " said"));
    assertEquals("", new Speakers().next(run + " said so."));
  }

  /** Found by a review: "he said" leans on someone, but says nothing of who he is. */
  @Test
  void aPassageIdentifiesItsSpeakerOnlyBySayingWhoHeIs() {
    org.junit.jupiter.api.Assertions.assertTrue(
        Speakers.identifies(
            "\"Most likely Russia will act as a certain mediator,\" said the diplomat, who is also"
                + " Russian president's special envoy for Syria."));
    org.junit.jupiter.api.Assertions.assertFalse(
        Speakers.identifies("He said the leader of Jabhat al-Nusra had been killed."));
  }
}
