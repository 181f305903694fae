package org.astanaqa.bot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Optional;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.DirectAnswer;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
  static final String TEXT = "The memorandum was signed on 17 September in Sochi.";
  static final Quote QUOTE =
      new Quote(
          TEXT,
          0,
          List.of(new Span(4, 14)),
          new Passage(new Source("001", "Sochi", "UN", "2018-09", null), 0, TEXT, 0, TEXT.length()),
          1,
          null,
          0.9);
  static final DirectAnswer DIRECT =
      new DirectAnswer(
          "17 September 2018", "17 September", DirectAnswer.Type.DATE, 0.87, 0, 29, 41);

  @Test
  void theDirectAnswerIsATopLevelObjectNamingItsQuote() throws Exception {
    Answer a = new Answer("When?", true, List.of(QUOTE), List.of(), 0.9, Optional.of(DIRECT));
    JsonNode d = JsonMapper.builder().build().readTree(JsonRenderer.render(a)).get("direct");
    assertEquals("17 September 2018", d.get("text").asText());
    assertEquals("date", d.get("type").asText());
    assertEquals(0.87, d.get("confidence").asDouble());
    assertEquals(0, d.get("answer").asInt());
    assertEquals(
        "17 September", TEXT.substring(d.get("span").get(0).asInt(), d.get("span").get(1).asInt()));
  }

  @Test
  void theQuestionsLanguageIsATopLevelFieldAfterTheQuestion() throws Exception {
    Answer ru =
        new Answer("Кто гаранты астанинского процесса?", true, List.of(QUOTE), List.of(), 0.9);
    String line = JsonRenderer.render(ru);
    assertTrue(
        line.startsWith(
            "{\"question\":\"Кто гаранты астанинского процесса?\",\"language\":\"ru\","),
        line);
    Answer en = new Answer("Why?", false, List.of(), List.of(), 0);
    assertEquals(
        "en",
        JsonMapper.builder().build().readTree(JsonRenderer.render(en)).get("language").asText());
    assertEquals(
        "de",
        JsonMapper.builder()
            .build()
            .readTree(JsonRenderer.render(en, "de"))
            .get("language")
            .asText());
  }

  /**
   * From a probe: a question (or a document's text) holding U+2028, U+2029 or U+0085, which JSON
   * writes as they are, made one answer of {@code ask --json} two or more lines for Python's {@code
   * str.splitlines()} and Java's {@code \\R}; written as escapes, it is one line for every reader
   * and parses to the same text.
   */
  @Test
  void charactersThatSomeReadersTakeForLineBreaksAreEscapedSoAnAnswerIsOneLine() throws Exception {
    String text = "Signed in Sochi.\u2028By both.\u2029Then\u0085more.";
    Quote q =
        new Quote(
            text,
            0,
            List.of(),
            new Passage(new Source("001", "Sochi", "UN", null, null), 0, text, 0, text.length()),
            1,
            null,
            0.9);
    String question = "Who signed\u2028it?\u2029When\u0085?";
    String line = JsonRenderer.render(new Answer(question, true, List.of(q), List.of(), 0.9));
    assertEquals(1, line.split("\\R", -1).length, line);
    assertTrue(line.contains("Who signed\\u2028it?\\u2029When\\u0085?"), line);
    JsonNode root = JsonMapper.builder().build().readTree(line);
    assertEquals(question, root.get("question").asText());
    assertEquals(text, root.get("answers").get(0).get("quote").asText());
    // the rest of the text outside ASCII is written as it is, as before
    assertTrue(
        JsonRenderer.render(new Answer("Кто?", false, List.of(), List.of(), 0)).contains("Кто?"));
  }

  @Test
  void anAnswerWithoutADirectAnswerSaysNull() throws Exception {
    Answer a = new Answer("Why?", true, List.of(QUOTE), List.of(), 0.9);
    JsonNode root = JsonMapper.builder().build().readTree(JsonRenderer.render(a));
    assertTrue(root.has("direct") && root.get("direct").isNull());
    assertEquals(1, root.get("answers").size());
  }

  @Test
  void eachAnswerSaysWhereItsQuoteStartsInThePassage() throws Exception {
    String passage = "Talks resumed. " + TEXT + " Talks resumed.";
    Quote second =
        new Quote(
            "Talks resumed.",
            passage.lastIndexOf("Talks"),
            List.of(),
            new Passage(QUOTE.source(), 0, passage, 0, passage.length()),
            1,
            null,
            0.5);
    Answer a = new Answer("When?", true, List.of(QUOTE, second), List.of(), 0.9);
    JsonNode answers = JsonMapper.builder().build().readTree(JsonRenderer.render(a)).get("answers");
    assertEquals(0, answers.get(0).get("offset").asInt());
    int offset = answers.get(1).get("offset").asInt();
    assertEquals(passage.length() - "Talks resumed.".length(), offset);
    assertEquals(
        "Talks resumed.",
        answers
            .get(1)
            .get("passage")
            .asText()
            .substring(offset, offset + answers.get(1).get("quote").asText().length()));
  }

  @Test
  void theConsoleShowsTheDirectAnswerOnItsOwnLineAboveTheQuotes() {
    Answer a = new Answer("When?", true, List.of(QUOTE), List.of(), 0.9, Optional.of(DIRECT));
    String text = new ConsoleRenderer(false, false, 0.8, ConsoleRenderer.CONSOLE_SOURCES).render(a);
    assertTrue(
        text.startsWith(
            "Answer: 17 September 2018 (from quote 1; the year comes from the document's date)\n"),
        text);
    assertTrue(text.indexOf("1. \u201c") > text.indexOf("Answer:"), text);
  }

  @Test
  void theConsoleSaysWhenTheDocumentsDateGaveTheDayTheQuoteCallsToday() {
    DirectAnswer today =
        new DirectAnswer("3 May 2017", "today", DirectAnswer.Type.DATE, 0.6, 0, 0, 5);
    assertEquals(
        "Answer: 3 May 2017 (from quote 1; \"today\" dated by the document's date)",
        ConsoleRenderer.directLine(today, false));
    DirectAnswer withPlace =
        new DirectAnswer(
            "3 May 2017 in Astana", "today in Astana", DirectAnswer.Type.DATE, 0.6, 0, 0, 15);
    assertEquals(
        "Answer: 3 May 2017 in Astana (from quote 1; \"today\" dated by the document's date)",
        ConsoleRenderer.directLine(withPlace, false));
    DirectAnswer asWritten =
        new DirectAnswer("today", "today", DirectAnswer.Type.DATE, 0.6, 0, 0, 5);
    assertEquals("Answer: today (from quote 1)", ConsoleRenderer.directLine(asWritten, false));
  }
}
