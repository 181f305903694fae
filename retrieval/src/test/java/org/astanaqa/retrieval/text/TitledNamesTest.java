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

/** A passage that says "the Special Envoy" is read with the name the document gave that title. */
class TitledNamesTest {
  @Test
  void aTitleTheDocumentGaveANameMeansThatPerson() {
    TitledNames t = new TitledNames();
    assertEquals(
        "",
        t.next("We thank Special Envoy de Mistura for his comprehensive briefing today."),
        "a passage that names the person means nobody by title alone");
    assertEquals(
        "de Mistura",
        t.next("We wholeheartedly wish the Special Envoy a fruitful visit to Damascus next week."));
    assertEquals(
        "de Mistura",
        t.next("We commend the Special Envoy's attempts to bring the parties together."),
        "the possessive is the title too");
    assertEquals(
        "",
        t.next("The situation is now calmer than it was before."),
        "a passage that uses no title");
  }

  @Test
  void anAppositionAndADelegationsHeadTieTheirTitles() {
    TitledNames news = new TitledNames();
    news.next(
        "“We are concerned,” the UN Special Envoy for Syria, Staffan de Mistura, told reporters.");
    assertEquals(
        "Staffan de Mistura",
        news.next("Positive outcomes would help the United Nations Special Envoy in Geneva."),
        "\"Special Envoy\" of \"UN Special Envoy\", with capitalised words between \"the\" and it");
    TitledNames tass = new TitledNames();
    tass.next(
        "Russia is ready to act as a mediator, the head of the Russian delegation at talks in"
            + " Astana, Alexander Lavrentyev, said on Monday.");
    assertEquals(
        "Alexander Lavrentyev",
        tass.next(
            "The head of the Russian delegation at Astana talks said consultations have started."));
  }

  @Test
  void aTitleOfTwoPeopleAnotherHoldersAndAFormerHolderMeanNoOne() {
    TitledNames two = new TitledNames();
    two.next("President Vladimir Putin met President Recep Erdogan in Sochi.");
    assertEquals("", two.next("The President said the deal would hold."), "two presidents");
    TitledNames other = new TitledNames();
    other.next("Prime Minister Narendra Modi spoke first.");
    assertEquals(
        "",
        other.next("On 21 September, the Prime Minister of Pakistan used this rostrum."),
        "another country's prime minister");
    TitledNames former = new TitledNames();
    former.next("We honour the memory of former Secretary-General Kofi Annan.");
    assertEquals(
        "",
        former.next("We support the Secretary-General's reform agenda."),
        "a former holder does not hold the title now");
    TitledNames courtesy = new TitledNames();
    courtesy.next("I congratulate President Mr. Peter Thomson on his election.");
    assertEquals(
        "Peter Thomson",
        courtesy.next("The President opened this session of the Assembly."),
        "\"Mr.\" is no name");
    TitledNames country = new TitledNames();
    country.next("We thank the President, Russia, for its work.");
    assertEquals("", country.next("The President said so."), "a country is no person");
    // from the review
    TitledNames syrian = new TitledNames();
    syrian.next("President Putin said so.");
    assertEquals(
        "", syrian.next("The Syrian President said the talks would go on."), "another country's");
    TitledNames formerly = new TitledNames();
    formerly.next("Former Secretary-General Kofi Annan spoke.");
    assertEquals("", formerly.next("The Secretary-General's report is out."), "\"Former\" too");
    TitledNames headline = new TitledNames();
    headline.next("UN Special Envoy Staffan de Mistura Meets Lavrov In Moscow");
    assertEquals(
        "",
        headline.next("Talks with Lavrov went well, the Special Envoy said."),
        "a headline in title case names no one");
  }

  @Test
  void forAfterTheTitleIsTheSamePersonUnlessANameFollows() {
    TitledNames t = new TitledNames();
    t.next("We thank Special Envoy de Mistura for his briefing.");
    assertEquals("de Mistura", t.next("We thank the Special Envoy for his visit to Damascus."));
    assertEquals("", t.next("We thank the Special Envoy for Yemen."), "another envoy's post");
  }

  @TempDir Path corpus;

  /**
   * Before, the passage held "visit", "next" and "week" but not the name, and it was only "related"
   * (0.72 by words, 0.60 in the hybrid mode).
   */
  @Test
  void aQuestionNamingThePersonFindsThePassageThatUsesHisTitle() throws Exception {
    Files.writeString(
        corpus.resolve("a.txt"),
        "Statement on the river dispute\n\nWe thank Special Representative Marat Ibraimov for his"
            + " briefing on the talks.\n\nThe talks made progress on the sharing of irrigation"
            + " water.\n\nWe wish the Special Representative a fruitful visit to Osh next week.\n");
    Files.writeString(
        corpus.resolve("b.txt"),
        "Border talks\n\nThe delegations will pay a visit to Naryn next week, officials said.\n");
    try (QuestionAnswerer qa = QuestionAnswerer.inMemory(corpus, Settings.defaults())) {
      QuestionAnswerer.Assessment s = qa.assess("Where will Ibraimov visit next week?", 3);
      Answer a = s.answer();
      assertTrue(a.answered(), () -> "not found: " + a.terms());
      assertTrue(
          a.quotes().get(0).text().contains("visit to Osh"),
          () -> "quoted " + a.quotes().get(0).text());
      int coverage = QuestionAnswerer.signalNames().indexOf("coverage");
      assertEquals(1.0, s.signals()[coverage], 1e-9, "the passage holds the name by its title");
    }
  }
}
