package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A news article's headline line (long enough to be read as prose) is its title, which the reply's
 * source line already shows.
 */
class HeadlineTest {
  private static final String BRIDGE =
      "Bank ready to fund new bridge over the river at Northport, chairman says";
  private static final String FERRY =
      "Council ready to fund new ferry across the bay at Eastport, mayor says";

  @TempDir Path corpus;

  private static java.util.List<String> quoted(Answer a) {
    return a.quotes().stream().map(org.astanaqa.retrieval.Quote::text).toList();
  }

  private QuestionAnswerer open() throws Exception {
    Files.writeString(
        corpus.resolve("metadata.json"),
        "{\"documents\": {"
            + "\"bridge\": {\"title\": \"Bank ready to fund new bridge over the river at Northport, chairman says\"},"
            + "\"storm\": {\"title\": \"Storm closes the harbour at Northport for three days in a row\"},"
            + "\"ferry\": {\"title\": \"Council ready to fund new ferry across the bay at Eastport, mayor"
            + " says\"}}}");
    Files.writeString(
        corpus.resolve("ferry.txt"),
        "Council ready to fund new ferry across the bay at Eastport, mayor says\n\n"
            + "The mayor spoke to reporters in the town hall on Monday morning.\n");
    Files.writeString(
        corpus.resolve("bridge.txt"),
        "Bank ready to fund new bridge over the river at Northport, chairman says\n\n"
            + "The city bank is ready to fund a new bridge over the river, its chairman said"
            + " on Monday. Work on the crossing is to begin next spring.\n\n"
            + "The old ferry will keep running until the work is done, the council said.\n");
    Files.writeString(
        corpus.resolve("storm.txt"),
        "Storm closes the harbour at Northport for three days in a row\n\n"
            + "Fishing boats stayed ashore while the wind blew.\n");
    return QuestionAnswerer.inMemory(corpus, Settings.defaults());
  }

  @Test
  void theArticleIsQuotedRatherThanItsHeadline() throws Exception {
    try (QuestionAnswerer qa = open()) {
      Answer a = qa.ask("Is the bank ready to fund the bridge over the river?");
      assertTrue(a.answered());
      assertEquals("bridge", a.quotes().get(0).source().id());
      assertTrue(
          a.quotes().get(0).text().startsWith("The city bank is ready to fund"),
          a.quotes().get(0).text());
      assertFalse(quoted(a).contains(BRIDGE), "the headline is not quoted beside its own article");
    }
  }

  @Test
  void aHeadlineSayingMoreOfTheQuestionThanItsArticleIsStillQuoted() throws Exception {
    // From the review: the article's passage that names the mayor and Monday holds enough of the
    // question to be quoted, but only the headline says the council will fund the ferry: it stays
    // among the quotes.
    try (QuestionAnswerer qa = open()) {
      Answer a = qa.ask("Did the mayor say on Monday the council is ready to fund the ferry?");
      assertTrue(a.answered());
      assertTrue(quoted(a).contains(FERRY), "the one quote that says it: " + quoted(a));
    }
  }

  @Test
  void aHeadlineIsStillQuotedWhenNothingElseOfItsArticleIsFound() throws Exception {
    try (QuestionAnswerer qa = open()) {
      Answer a = qa.ask("Which storm closed the harbour at Northport?");
      assertTrue(a.answered());
      assertEquals(
          "Storm closes the harbour at Northport for three days in a row",
          a.quotes().get(0).text());
    }
  }
}
