package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.index.DocumentDates;
import org.junit.jupiter.api.Test;

/** Which of a question's words date it by a document's date ({@link QuestionQuery#markDated}). */
class DatedQuestionTest {
  private static final Source MARCH = new Source("m", "M", null, "2018-03-05", null);
  private static final Source AUGUST = new Source("a", "A", null, "2018-08", null);
  private static final DocumentDates DATES = DocumentDates.of(List.of(MARCH, AUGUST));

  /** The question's terms that a passage of {@code source} holds by its date alone. */
  private static List<String> dated(
      DirectoryReader reader, String question, boolean synonyms, Source source) throws Exception {
    QuestionQuery q =
        QuestionQuery.build(
            question, reader, null, Aliases.of(List.of()), 32, java.util.Set.of(), synonyms, DATES);
    boolean[] present = new boolean[q.distinct.length];
    q.markDated(present, source);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < present.length; i++) {
      if (present[i]) {
        out.add(q.distinct[i]);
      }
    }
    return out;
  }

  /**
   * "in march", "by august": the analyzer leaves out "in", "of", "by" and "this", so the word
   * before such a month was never one of the words that say it is a month, and a question in small
   * letters was not dated by it (forty-first session's review).
   */
  @Test
  void aMonthInSmallLettersAfterInOrByDatesTheQuestion() throws Exception {
    try (Directory dir =
        Fixtures.index(
            "The talks in Astana decided on the zones.",
            "The guarantors met in March and in August, before the march on the capital.")) {
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertEquals(
            List.of("march"), dated(reader, "what did the talks decide in march?", true, MARCH));
        assertEquals(
            List.of("august"), dated(reader, "what did the talks decide by august?", true, AUGUST));
        assertEquals(
            List.of("march"),
            dated(reader, "what did the talks decide in mid-march?", true, MARCH));
        // a march, not a month
        assertEquals(List.of(), dated(reader, "who led the march on the capital?", true, MARCH));
      }
    }
  }

  /**
   * A month no passage says, in which a document is dated, is read as said by each passage of that
   * document only where it is the month: "the march" and "mar the talks" are other words, which had
   * been given as said by every passage of a report dated in March, where "in March" and "on 5 mar"
   * still are (forty-first session's review).
   */
  @Test
  void aDatelineMonthThatIsAnotherWordDatesTheQuestionOnlyAsTheMonth() throws Exception {
    try (Directory dir =
        Fixtures.index(
            "The talks in Astana decided on the zones.",
            "The guarantors met in Sochi to discuss the shelling of the capital.")) {
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertEquals(
            List.of(), dated(reader, "Who organised the march on the capital?", true, MARCH));
        assertEquals(List.of(), dated(reader, "Did the shelling mar the talks?", true, MARCH));
        assertEquals(
            List.of("march"), dated(reader, "What did the talks decide in March?", true, MARCH));
        assertEquals(
            List.of("march"), dated(reader, "what did the talks decide on 5 mar?", true, MARCH));
        assertEquals(
            List.of("august"), dated(reader, "what did the talks decide in august?", true, AUGUST));
      }
    }
  }

  /**
   * A Russian question's month is the month: "в марте" is translated "march", without the "in" or
   * the capital that say so in English, and the question was not dated by it (forty-first session's
   * review).
   */
  @Test
  void aRussianQuestionsMonthDatesItsTranslation() throws Exception {
    try (Directory dir =
        Fixtures.index(
            "The talks in Astana decided on the zones.",
            "The guarantors met in March and in August, before the march on the capital.")) {
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        RussianQuery russian = new RussianQuery(Glossary.of(List.of()));
        String march = russian.translate("Что решили на переговорах в марте?", reader).english();
        assertEquals(List.of("march"), dated(reader, march, false, MARCH), march);
        String august = russian.translate("Что решили в августе?", reader).english();
        assertEquals(List.of("august"), dated(reader, august, false, AUGUST), august);
      }
    }
  }
}
