package org.astanaqa.retrieval.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A quote that tells of another country than the one the question asks did something. */
class RivalCountriesTest {
  private static Passage passage(String text, String title) {
    return new Passage(new Source("d", title, null, null, null), 0, text, 0, text.length(), "");
  }

  private static final String SIGNED =
      "Kazakhstan signed the Treaty on the Prohibition of Nuclear Weapons on 2 March.";
  private static final String HOSTING =
      "We are currently hosting 4 million refugees inside our borders.";

  /** From the probe of 40 UN General Debate speeches: both were likely answers, 0.78 and 0.56. */
  @Test
  void anotherCountrysDeedOrSpeechAnswersNothingAboutTheCountryAsked() {
    assertEquals(
        Set.of("mongolia"),
        RivalCountries.rivalled(
            "When did Mongolia sign the Treaty on the Prohibition of Nuclear Weapons?",
            passage(SIGNED, "KAZ_73_2018.txt"),
            SIGNED));
    // the quote names no country, but its document is Turkey's by its file name
    assertEquals(
        Set.of("lebanon"),
        RivalCountries.rivalled(
            "How many refugees does Lebanon host?", passage(HOSTING, "TUR_73_2018.txt"), HOSTING));
    assertEquals(
        Set.of("united states"),
        RivalCountries.rivalled(
            "When did the United States sign the treaty?", passage(SIGNED, "Treaty news"), SIGNED));
  }

  @Test
  void theCountryAskedAboutOrNoOtherCountryIsNoRival() {
    assertEquals(
        Set.of(),
        RivalCountries.rivalled(
            "When did Kazakhstan sign the Treaty on the Prohibition of Nuclear Weapons?",
            passage(SIGNED, "KAZ_73_2018.txt"),
            SIGNED));
    // its own speech, which says "we", by its file name
    assertEquals(
        Set.of(),
        RivalCountries.rivalled(
            "How many refugees does Turkey host?", passage(HOSTING, "TUR_73_2018.txt"), HOSTING));
    // named by the document's title, or by a word that stands for it
    assertEquals(
        Set.of(),
        RivalCountries.rivalled(
            "How many refugees does Turkey host?",
            passage(HOSTING + " Iran helps too.", "Turkey at the General Assembly"),
            HOSTING + " Iran helps too."));
    assertEquals(
        Set.of(),
        RivalCountries.rivalled(
            "When did Iran join the talks?",
            passage("Tehran joined the talks in January, unlike Turkey.", "Talks"),
            "Tehran joined the talks in January, unlike Turkey."));
    // a quote that tells of no other country, in a document of none
    assertEquals(
        Set.of(),
        RivalCountries.rivalled(
            "How many refugees does Lebanon host?", passage(HOSTING, "refugees.txt"), HOSTING));
    // no country asked about: "turkey" in small letters is a bird
    assertEquals(
        Set.of(),
        RivalCountries.rivalled(
            "How long does turkey take to roast?", passage(SIGNED, "Cooking"), SIGNED));
    assertEquals(
        Set.of(),
        RivalCountries.rivalled(
            "Which countries signed the treaty?", passage(SIGNED, "T"), SIGNED));
  }

  @Test
  void whatACountryNotInTheFolderDidIsNotFoundFromAnothersSpeech(@TempDir Path corpus)
      throws Exception {
    Files.writeString(
        corpus.resolve("KAZ_73_2018.txt"),
        "Kazakhstan signed the Treaty on the Prohibition of Nuclear Weapons on 2 March, following"
            + " its engaged participation in the elaboration and adoption of the Treaty.\n");
    Files.writeString(
        corpus.resolve("TUR_73_2018.txt"),
        "We are currently hosting 4 million refugees inside our borders, 3.5 million of whom came"
            + " from Syria.\n");
    Files.writeString(
        corpus.resolve("CHN_73_2018.txt"),
        "China stands ready to work with all parties for peace and development.\n");
    String[] others = {"AUS", "AUT", "BRA", "CAN", "FRA", "IND", "JPN", "MEX", "NOR", "PER"};
    for (int i = 0; i < others.length; i++) {
      Files.writeString(
          corpus.resolve(others[i] + "_73_2018.txt"),
          "Our delegation supports the reform of the Security Council and the work of the"
              + " Secretary-General.\nWe call on all States to honour their commitments on climate"
              + " change, as agreed in Paris in "
              + (2010 + i)
              + ".\n");
    }
    try (QuestionAnswerer qa = QuestionAnswerer.inMemory(corpus, Settings.defaults())) {
      Answer mongolia =
          qa.ask("When did Mongolia sign the Treaty on the Prohibition of Nuclear Weapons?");
      assertFalse(mongolia.answered(), () -> "answered with " + mongolia.quotes());
      Answer lebanon = qa.ask("How many refugees does Lebanon host?");
      assertFalse(lebanon.answered(), () -> "answered with " + lebanon.quotes());
      // the country's own deed is answered
      assertTrue(
          qa.ask("When did Kazakhstan sign the Treaty on the Prohibition of Nuclear Weapons?")
              .answered());
      assertTrue(qa.ask("How many refugees does Turkey host?").answered());
    }
  }
}
