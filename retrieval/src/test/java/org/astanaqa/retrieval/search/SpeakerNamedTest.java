package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.text.Analyzers;
import org.junit.jupiter.api.Test;

/**
 * A passage that leans on a person named a paragraph before ("he went on", "said the diplomat")
 * holds that person's name for a question that says it: the question's words for the name count as
 * the passage's own.
 */
class SpeakerNamedTest {
  private static final Source NEWS = new Source("news", "Talks in Astana", null, null, null);
  private static final String NAMES =
      "The head of the Russian delegation, Alexander Lavrentyev, said on Monday that talks went on.";
  private static final String LEANS =
      "He expressed confidence that the seventh round will succeed.";
  private static final String MISTURA = "Staffan de Mistura urged the parties to stay.";
  private static final String ASSAD = "Bashar al-Assad said nothing.";
  private static final String OTHERS =
      "Nursultan Nazarbayev welcomed the guests in Astana. Foreign Minister Sergey Lavrov said the"
          + " foreign minister of Turkey agreed. Monitors and observers said the truce held. Maher"
          + " al-Assad and Patrick O'Brien spoke too.";

  @Test
  void aQuestionThatNamesThePassagesSpeakerFindsTheNameInThePassage() throws Exception {
    try (DirectoryReader reader = reader()) {
      QuestionQuery q =
          QuestionQuery.build(
              "Which round was Alexander Lavrentyev confident about?",
              reader,
              null,
              Aliases.of(List.of()),
              32);
      int surname = q.indexOf(term("Lavrentyev"));
      int first = q.indexOf(term("Alexander"));
      Passage leaning = new Passage(NEWS, 1, LEANS, 0, LEANS.length(), "Alexander Lavrentyev");
      List<Analyzers.Token> tokens = Analyzers.tokens(LEANS);
      boolean[] present = q.present(tokens, 0, tokens.size());
      assertFalse(present[surname], "the passage itself never says the name");

      boolean[] named = q.speakerNamed(leaning);
      assertNotNull(named);
      assertTrue(named[surname]);
      assertTrue(named[first]);
      q.markSpeaker(present, leaning);
      assertTrue(present[surname] && present[first]);

      // the same passage quoting nobody, or leaning on someone else: nothing is held
      assertNull(q.speakerNamed(new Passage(NEWS, 1, LEANS, 0, LEANS.length())));
      assertNull(q.speakerNamed(new Passage(NEWS, 1, LEANS, 0, LEANS.length(), "John Ging")));
      // a question that says the first name alone does not name him
      QuestionQuery firstOnly =
          QuestionQuery.build("What did Alexander say?", reader, null, Aliases.of(List.of()), 32);
      assertNull(firstOnly.speakerNamed(leaning));
    }
  }

  @Test
  void aNameWithAParticleIsMatchedAsTheAnalyzerReadsIt() throws Exception {
    try (DirectoryReader reader = reader()) {
      QuestionQuery q =
          QuestionQuery.build("What did de Mistura want?", reader, null, Aliases.of(List.of()), 32);
      boolean[] named =
          q.speakerNamed(new Passage(NEWS, 3, LEANS, 0, LEANS.length(), "Staffan de Mistura"));
      assertNotNull(named);
      assertTrue(named[q.indexOf(term("Mistura"))]);

      QuestionQuery assad =
          QuestionQuery.build("What did al-Assad say?", reader, null, Aliases.of(List.of()), 32);
      assertNotNull(
          assad.speakerNamed(new Passage(NEWS, 4, LEANS, 0, LEANS.length(), "Bashar al-Assad")));
    }
  }

  @Test
  void aWordTheQuestionOnlyReachesByAnAliasIsNotTheSpeakersName() throws Exception {
    try (DirectoryReader reader = reader()) {
      // "Astana" has the alias "nursultan": the question says the town, not Nazarbayev's first name
      QuestionQuery q = build("What did Nazarbayev say about Astana?", reader);
      boolean[] named = q.speakerNamed(leaningOn("Nursultan Nazarbayev"));
      assertNotNull(named);
      assertTrue(named[q.indexOf(term("Nazarbayev"))]);
      assertFalse(named[q.indexOf(term("Astana"))], "Astana is no word of his name");
      // "observers" has the alias "monitors": a passage leaning on "Monitors" ("Monitors said")
      // is not named by a question that says "observers"
      QuestionQuery observers = build("Where are the observers according to Lavrentyev?", reader);
      assertNull(observers.speakerNamed(leaningOn("Monitors")));
    }
  }

  @Test
  void onlyTheWordsTheQuestionSaysAsThePersonsNameAreHeld() throws Exception {
    try (DirectoryReader reader = reader()) {
      Passage lavrov = leaningOn("Foreign Minister Sergey Lavrov");
      QuestionQuery q = build("What did Lavrov tell the foreign minister of Turkey?", reader);
      boolean[] named = q.speakerNamed(lavrov);
      assertNotNull(named);
      assertTrue(named[q.indexOf(term("Lavrov"))]);
      assertFalse(named[q.indexOf(term("foreign"))], "the minister asked about is Turkey's");
      assertFalse(named[q.indexOf(term("minister"))], "the minister asked about is Turkey's");
      // the title said with the name is his
      QuestionQuery titled = build("What did Foreign Minister Lavrov say?", reader);
      boolean[] his = titled.speakerNamed(lavrov);
      assertTrue(his[titled.indexOf(term("Lavrov"))]);
      assertTrue(his[titled.indexOf(term("minister"))]);
      assertTrue(his[titled.indexOf(term("foreign"))]);
      // a possessive is the name too
      QuestionQuery title = build("What is Alexander Lavrentyev's title?", reader);
      boolean[] lav = title.speakerNamed(leaningOn("Alexander Lavrentyev"));
      assertTrue(lav[title.indexOf(term("Lavrentyev"))] && lav[title.indexOf(term("Alexander"))]);
    }
  }

  @Test
  void aCommonWordTheQuestionWritesInLowerCaseIsNoName() throws Exception {
    try (DirectoryReader reader = reader()) {
      // "Observers said the truce held" makes "Observers" a speaker; the question's "observers",
      // written in lower case beside the capitalised "Lavrentyev", names no one
      QuestionQuery q = build("Where are the observers according to Lavrentyev?", reader);
      assertNull(q.speakerNamed(leaningOn("Observers")));
      // a name in lower case beside a capitalised word is still a name when it is no English word
      // ("OCHA" is typed in capitals, and spelled out with capitals, by anyone)
      assertNotNull(
          build("what did lavrentyev say about Idlib?", reader)
              .speakerNamed(leaningOn("Alexander Lavrentyev")));
      // a question typed all in lower case says nothing by its capitals
      QuestionQuery lower = build("what did lavrentyev say", reader);
      assertNotNull(lower.speakerNamed(leaningOn("Alexander Lavrentyev")));
      // a Russian question's translation writes the corpus's spelling, in lower case
      QuestionQuery translated =
          QuestionQuery.build(
              "what said lavrentyev about Astana",
              reader,
              null,
              Aliases.of(List.of()),
              32,
              java.util.Set.of(),
              false,
              org.astanaqa.retrieval.index.DocumentDates.NONE);
      assertNotNull(translated.speakerNamed(leaningOn("Alexander Lavrentyev")));
    }
  }

  @Test
  void anotherPersonOfTheSameSurnameIsNotTheSpeaker() throws Exception {
    try (DirectoryReader reader = reader()) {
      Passage bashar = leaningOn("Bashar al-Assad");
      assertNull(build("What did Maher al-Assad say?", reader).speakerNamed(bashar));
      // a title or the surname alone is still him
      assertNotNull(build("What did President al-Assad say?", reader).speakerNamed(bashar));
      assertNotNull(build("What did Assad say?", reader).speakerNamed(bashar));
      assertNotNull(build("What did Bashar al-Assad say?", reader).speakerNamed(bashar));
      // a word before the account the question cites is no given name: the cleaned question
      // ("... in the province of Idlib Lavrentyev?") has lost "according to"
      Passage lavrentyev = leaningOn("Alexander Lavrentyev");
      assertNotNull(
          build("What is happening in the province of Idlib according to Lavrentyev?", reader)
              .speakerNamed(lavrentyev));
      assertNotNull(
          build("Which countries have observers in Idlib, according to Lavrentyev?", reader)
              .speakerNamed(lavrentyev));
      // "al-qaeda" shares the particle, not the name
      assertNull(build("What did al-qaeda say?", reader).speakerNamed(bashar));
    }
  }

  @Test
  void aNameWithAnApostropheInsideIsMatchedWhicheverApostropheTheQuestionTypes() throws Exception {
    try (DirectoryReader reader = reader()) {
      Passage obrien = leaningOn("Patrick O'Brien");
      QuestionQuery q = build("What did O\u2019Brien tell them?", reader);
      assertNotNull(q.speakerNamed(obrien));
      QuestionQuery straight = build("What is O'Brien's view?", reader);
      boolean[] named = straight.speakerNamed(obrien);
      assertNotNull(named);
      assertTrue(named[straight.indexOf(term("O'Brien"))]);
      // a document that writes the curly apostrophe, a question typed with the straight one
      assertNotNull(straight.speakerNamed(leaningOn("Patrick O\u2019Brien")));
    }
  }

  private static QuestionQuery build(String question, DirectoryReader reader) throws Exception {
    return QuestionQuery.build(question, reader, null, Aliases.of(List.of()), 32);
  }

  private static Passage leaningOn(String speaker) {
    return new Passage(NEWS, 5, LEANS, 0, LEANS.length(), speaker);
  }

  private static String term(String word) {
    List<Analyzers.Token> t = Analyzers.tokens(word);
    return t.get(t.size() - 1).term();
  }

  private static DirectoryReader reader() throws Exception {
    return DirectoryReader.open(Fixtures.index(NAMES, LEANS, MISTURA, ASSAD, OTHERS));
  }
}
