package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.index.Fields;
import org.astanaqa.retrieval.text.Analyzers;
import org.junit.jupiter.api.Test;

class AliasesTest {
  @Test
  void aPhraseIsSearchedAsTheGroupsFirstMemberWhenTheCorpusHasIt() throws Exception {
    List<List<String>> groups =
        Aliases.parse(
            new BufferedReader(
                new StringReader(
                    "# a comment\nSochi, Black Sea resort, resort city\n"
                        + "Geneva, Swiss city\nturkey, ankara\n")));
    Aliases aliases = Aliases.of(groups);
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(Analyzers.text()))) {
        Document d = new Document();
        d.add(
            new TextField(
                Fields.TEXT, "The memorandum signed in Sochi by Turkey.", Field.Store.NO));
        w.addDocument(d);
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertEquals(
            "Who signed the Sochi deal?",
            aliases.rewrite("Who signed the Black Sea resort deal?", reader, true));
        // any case, a hyphen for a space; the longest phrase first
        assertEquals("in which Sochi", aliases.rewrite("in which black-sea Resort", reader, true));
        // "Geneva" is no word of this corpus: the phrase stays as typed
        assertEquals("a Swiss city", aliases.rewrite("a Swiss city", reader, true));
        // a phrase inside a longer word is no phrase
        assertEquals("the resort citys", aliases.rewrite("the resort citys", reader, true));
        // a question that asks which one the phrase is keeps it: "What is Sochi?" is answered by
        // any passage that names the city, not one that says it is the resort
        assertEquals(
            "What is the Black Sea resort?",
            aliases.rewrite("What is the Black Sea resort?", reader, true));
        assertEquals(
            "which city's the resort city then?",
            aliases.rewrite("which city's the resort city then?", reader, true));
        assertEquals(
            "What is the Sochi near?",
            aliases.rewrite("What is the Black Sea resort near?", reader, true));
        // single words stay aliases of one another, phrases are none
        assertTrue(aliases.of(Analyzers.tokens("turkey").get(0).term()).contains("ankara"));
        assertFalse(aliases.of("sochi").stream().anyMatch(t -> t.contains(" ")));
      }
    }
  }

  /**
   * A member written as several words is a phrase however few of its words are searched: "in
   * keeping with" searches only "keep", and as an alias of "line" ("in line with") it read "to keep
   * watch over the truce" as "line watch"; "political will" made "political" an alias of "good".
   */
  @Test
  void aPhraseWhoseOtherWordsAreStopWordsIsNoSingleWordAlias() throws Exception {
    Aliases aliases =
        Aliases.of(
            Aliases.parse(
                new BufferedReader(
                    new StringReader(
                        "in line with, in keeping with, consistent with\n"
                            + "goodwill, good will, political will\n"))));
    assertFalse(aliases.of("keep").contains("line"), aliases.of("keep").toString());
    assertFalse(aliases.of("line").contains("keep"), aliases.of("line").toString());
    assertFalse(aliases.of("polit").contains("good"), aliases.of("polit").toString());
    try (Directory dir = Fixtures.index("Zones set up in line with the deal.")) {
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        // still a phrase, read where the question says all of it
        assertEquals(
            "set up in line with the deal",
            aliases.rewrite("set up in keeping with the deal", reader, true));
        assertEquals(
            "who keeps watch over the truce",
            aliases.rewrite("who keeps watch over the truce", reader, true));
      }
    }
  }

  /**
   * "At whose request ...?" asks what the documents say with "invited": the question's own form of
   * "at the request of", which the single-word alias above used to find by chance.
   */
  @Test
  void atWhoseRequestIsAnInvitation() throws Exception {
    try (QuestionAnswerer qa =
        QuestionAnswerer.inMemory(Path.of("..", "seeds"), Settings.defaults())) {
      Answer a = qa.ask("At whose request did Russian military forces enter Syria?");
      assertTrue(a.terms().contains("invit"), a.terms().toString());
      assertTrue(a.answered(), a.toString());
      assertTrue(a.quotes().get(0).text().contains("invited by the Government"), a.toString());
    }
  }

  @Test
  void theBuiltInPhrasesFindThePassageThatNamesThePlace() throws Exception {
    try (QuestionAnswerer qa =
        QuestionAnswerer.inMemory(Path.of("..", "seeds"), Settings.defaults())) {
      Answer a = qa.ask("On what day was the Black Sea resort memorandum on Idlib signed?");
      assertTrue(a.terms().contains("sochi"), a.terms().toString());
      assertTrue(a.answered(), a.toString());
      assertTrue(a.quotes().get(0).text().contains("17 September"), a.quotes().get(0).text());
    }
  }

  /**
   * "the next day" is the documents' "tomorrow" and "travel" their "visit": the first two questions
   * were "not found" and the third only "may be related", the corpus never saying "day" or
   * "travel".
   */
  @Test
  void theNextDayIsTomorrowAndTravellingIsAVisit() throws Exception {
    try (QuestionAnswerer qa =
        QuestionAnswerer.inMemory(Path.of("..", "seeds"), Settings.defaults())) {
      Answer back = qa.ask("did de mistura think the opposition would come back the next day?");
      assertTrue(back.answered(), back.toString());
      assertTrue(back.quotes().get(0).text().contains("come back tomorrow"), back.toString());
      Answer urged =
          qa.ask(
              "what did the UN envoy urge the Astana participants to do the day after the"
                  + " walkout?");
      assertTrue(urged.answered(), urged.toString());
      assertTrue(urged.quotes().get(0).text().contains("press ahead tomorrow"), urged.toString());
      Answer travel = qa.ask("Where was the Special Envoy going to travel next week?");
      assertTrue(travel.terms().contains("travel->visit"), travel.terms().toString());
      assertTrue(travel.quotes().get(0).text().contains("Damascus"), travel.toString());
    }
  }

  /**
   * The phrases of paraphrases.txt, written from the documents: "took part" is their "attended" and
   * "the Kazakh leader" their "Nazarbayev". Without them the first question quoted the meeting's
   * opening line, which names no participant, and the second was "not found" (0.38).
   */
  @Test
  void theBuiltInParaphrasesAreSearchedAsTheDocumentsSayIt() throws Exception {
    try (QuestionAnswerer qa =
        QuestionAnswerer.inMemory(Path.of("..", "seeds"), Settings.defaults())) {
      Answer took = qa.ask("Who took part in the February 2017 meeting?");
      assertTrue(took.terms().contains("attend"), took.terms().toString());
      assertTrue(took.quotes().get(0).text().contains("was attended by"), took.toString());
      Answer leader = qa.ask("Which Kazakh leader's contribution did the delegations commend?");
      assertTrue(leader.answered(), leader.toString());
      assertTrue(leader.quotes().get(0).text().contains("Nazarbayev"), leader.toString());
      // "already work" is their "functioning", not the "working groups" of another passage
      Answer work = qa.ask("Where are the de-escalation zones that already work?");
      assertTrue(work.terms().contains("function"), work.terms().toString());
      assertTrue(
          work.quotes().get(0).text().contains("three zones are functioning"), work.toString());
      // "got quieter" is their "calmer"; Geneva is in Switzerland
      assertTrue(
          qa.ask("Has Syria got quieter since the Idlib deal?").terms().contains("calmer"),
          "quieter");
      Answer swiss = qa.ask("When did the last round of talks in Switzerland wrap up?");
      assertTrue(swiss.quotes().get(0).text().contains("Geneva"), swiss.toString());
      // "operation" alone is no paraphrase: "in operation" would have taken the military one
      assertFalse(
          qa.ask("When did Russia start its military operation in Syria?")
              .terms()
              .contains("function"));
    }
  }

  /**
   * Every group of paraphrases.txt starts with words the seed documents use, and none of its
   * phrases is in them: a question is searched with the first member in place of the phrase, so a
   * phrase the documents use would be searched without its own words.
   */
  @Test
  void theParaphrasesStartWithTheDocumentsWordsAndNoneOfTheirPhrasesIsInThem() throws Exception {
    StringBuilder corpus = new StringBuilder();
    try (var files = java.nio.file.Files.list(Path.of("..", "seeds"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        corpus.append(java.nio.file.Files.readString(f)).append('\n');
      }
    }
    List<List<String>> groups;
    try (var in = Aliases.class.getResourceAsStream("paraphrases.txt")) {
      groups =
          Aliases.parse(
              new BufferedReader(
                  new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)));
    }
    assertTrue(groups.size() > 50, "groups: " + groups.size());
    for (List<String> g : groups) {
      assertTrue(said(corpus, g.get(0)), "the documents never say " + g.get(0));
      for (String member : g.subList(1, g.size())) {
        assertFalse(said(corpus, member), "the documents say " + member);
      }
    }
  }

  /** Whether {@code text} holds the words as {@link Aliases} matches a phrase. */
  private static boolean said(CharSequence text, String words) {
    return Aliases.pattern(words).matcher(text).find();
  }

  /**
   * A phrase of paraphrases.txt is read as the documents' word only in a question typed in English,
   * and only where the corpus does not say the phrase itself: SciFact's abstracts say "took part",
   * and searched as "attended" its questions lost the words their passages use.
   */
  @Test
  void aParaphraseIsNotReadInATranslationNorWhereTheCorpusSaysIt() throws Exception {
    Aliases aliases = Aliases.of(List.of());
    try (Directory seeds = Fixtures.index("The meeting was attended by delegations.");
        Directory other =
            Fixtures.index("Delegations attended. Ten patients took part in the trial.");
        DirectoryReader seedReader = DirectoryReader.open(seeds);
        DirectoryReader otherReader = DirectoryReader.open(other)) {
      assertEquals(
          "Who attended in the meeting?",
          aliases.rewrite("Who took part in the meeting?", seedReader, true));
      assertEquals(
          "who took part in the meeting",
          aliases.rewrite("who took part in the meeting", seedReader, false));
      assertEquals(
          "Who took part in the meeting?",
          aliases.rewrite("Who took part in the meeting?", otherReader, true));
    }
  }
}
