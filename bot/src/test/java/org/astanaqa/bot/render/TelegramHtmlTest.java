package org.astanaqa.bot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;
import org.junit.jupiter.api.Test;

class TelegramHtmlTest {
  private static final Source SOURCE =
      new Source(
          "d", "A <Title> & more", "UN News", "2017-05-03", "https://news.un.org/x?a=1&b=\"2\"");

  @Test
  void aQuoteSaysInWordsHowLikelyItAnswers() {
    Passage p = new Passage(SOURCE, 0, "Russia, Turkey and Iran.", 0, 24);
    Quote likely = new Quote("Russia, Turkey and Iran.", 0, List.of(), p, 1, null, 0.9);
    Quote related = new Quote("Russia, Turkey and Iran.", 0, List.of(), p, 1, null, 0.5);
    assertTrue(TelegramHtml.quote(likely, 0.75).startsWith("<i>Likely answer:</i>\n\u00abRussia"));
    assertTrue(TelegramHtml.quote(related, 0.75).startsWith("<i>This may be related:</i>\n"));
  }

  @Test
  void theSourceLineLinksOnlyAnHttpUrlTheMetadataGivesForThatDocument() {
    assertEquals(
        "\u2014 <i>T</i>, P, 2017",
        TelegramHtml.sourceLine(new Source("d", "T", "P", "2017", null)));
    for (String notALink : List.of("javascript:alert(1)", "www.mfa.gov.kz", "ftp://x.org/a", "")) {
      String line = TelegramHtml.sourceLine(new Source("d", "T", "P", "2017", notALink));
      assertTrue(
          !line.contains("<a") && line.startsWith("\u2014 <i>T</i>"), notALink + ": " + line);
    }
    assertEquals(
        "\u2014 <a href=\"http://www.mfa.gov.kz\"><i>T</i></a>, P, 2017",
        TelegramHtml.sourceLine(new Source("d", "T", "P", "2017", "http://www.mfa.gov.kz")));
  }

  @Test
  void theFullPassageBoldsTheQuotedSentenceWhereItWasQuotedWhenTheSentenceRepeats() {
    String sentence = "The talks will resume.";
    String text = sentence + " Russia and Turkey said so on 4 May. " + sentence;
    int second = text.lastIndexOf(sentence);
    Quote q =
        new Quote(
            sentence,
            second,
            List.of(new Span(4, 9)),
            new Passage(SOURCE, 0, text, 0, text.length()),
            1,
            null);
    String full = TelegramHtml.fullPassage(q);
    assertTrue(
        full.startsWith(
            "The talks will resume. Russia and Turkey said so on 4 May."
                + " The <b>talks</b> will resume.\n\n"),
        full);
  }

  @Test
  void escapesEveryCharacterTelegramHtmlReserves() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", TelegramHtml.escape("a <b> & \"c\""));
  }

  @Test
  void boldsTheMatchedWordsAndEscapesTheRest() {
    String text = "Russia & Turkey <agreed>";
    Quote q =
        new Quote(
            text,
            8,
            List.of(new Span(0, 6), new Span(9, 15)),
            new Passage(SOURCE, 0, "Before. " + text, 0, 10),
            1,
            null);
    String html = TelegramHtml.quote(q);
    assertTrue(
        html.startsWith("\u00ab<b>Russia</b> &amp; <b>Turkey</b> &lt;agreed&gt;\u00bb"), html);
    assertTrue(
        html.endsWith(
            "\u2014 <a href=\"https://news.un.org/x?a=1&amp;b=&quot;2&quot;\"><i>A &lt;Title&gt; &amp; more</i></a>,"
                + " UN News, 2017-05-03"),
        html);
    String full = TelegramHtml.fullPassage(q);
    assertTrue(full.startsWith("Before. <b>Russia</b> &amp; <b>Turkey</b>"), full);
  }

  @Test
  void theDirectAnswerComesFirstInBoldAndItsSpanIsMarkedInTheQuote() {
    org.astanaqa.retrieval.Answer a =
        new org.astanaqa.retrieval.Answer(
            "When?",
            true,
            List.of(JsonRendererTest.QUOTE),
            List.of(),
            0.9,
            java.util.Optional.of(JsonRendererTest.DIRECT));
    String html = TelegramHtml.answer(a, 0, 0.8);
    assertTrue(html.startsWith("<b>17 September 2018</b>\n<i>Likely answer:</i>\n"), html);
    assertTrue(
        html.contains(
            "\u00abThe <b>memorandum</b> was signed on <b><u>17 September</u></b> in Sochi.\u00bb"),
        html);
  }

  @Test
  void plainTextFallbackDropsTagsAndDecodesEntities() {
    assertEquals(
        "a <b> & \"c\" bold", TelegramHtml.toPlain("a &lt;b&gt; &amp; &quot;c&quot; <b>bold</b>"));
  }

  @Test
  void splitsOnParagraphsThenSentencesNeverInsideATagOrEntity() {
    String para = "<b>Bold</b> words &amp; more. ".repeat(10).strip();
    String html = para + "\n\n" + para + "\n\n" + para;
    List<String> parts = TelegramHtml.split(html, para.length() + 5);
    assertEquals(List.of(para, para, para), parts);

    String sentences = "<i>One</i> two three. ".repeat(50).strip();
    for (String part : TelegramHtml.split(sentences, 100)) {
      assertTrue(TelegramHtmlRules.length(part) <= 100, part);
      assertTrue(part.endsWith("three.") || part.endsWith("three"), part);
      assertEquals(part.split("<i>", -1).length, part.split("</i>", -1).length, part);
    }
  }

  @Test
  void aSingleHugeWordIsStillCutWithinTheLimit() {
    String word = "x".repeat(10_000);
    List<String> parts = TelegramHtml.split(word, TelegramHtml.MAX_MESSAGE);
    assertEquals(3, parts.size());
    assertEquals(word, String.join("", parts));
    parts.forEach(p -> assertTrue(p.length() <= TelegramHtml.MAX_MESSAGE));
  }

  @Test
  void anElementLongerThanAMessageIsCutInsideWithItsTagsClosedAndOpenedAgain() {
    String text = "x".repeat(250);
    String html = "Answering: <i><a href=\"https://example.org/a\">" + text + "</a></i> done";
    List<String> parts = TelegramHtml.split(html, 100);
    // "Answering:" (cut at the last space outside the element), then the run in three parts of at
    // most 100 as Telegram counts them, the tags counting none.
    assertEquals(4, parts.size(), parts.toString());
    StringBuilder plain = new StringBuilder();
    for (String p : parts) {
      assertTrue(TelegramHtmlRules.length(p) <= 100, "length " + p.length() + ": " + p);
      assertEquals(p.split("<i>", -1).length, p.split("</i>", -1).length, "balanced <i>: " + p);
      assertEquals(p.split("<a ", -1).length, p.split("</a>", -1).length, "balanced <a>: " + p);
      plain.append(TelegramHtml.toPlain(p));
    }
    assertEquals("Answering:" + text + " done", plain.toString(), "no character lost or added");
  }

  @Test
  void countsUtf16UnitsAndNeverSplitsASurrogatePair() {
    String emoji = "\ud83d\ude00".repeat(3000); // 6000 UTF-16 units
    List<String> parts = TelegramHtml.split(emoji, TelegramHtml.MAX_MESSAGE);
    for (String p : parts) {
      assertTrue(p.length() <= TelegramHtml.MAX_MESSAGE);
      assertTrue(
          !Character.isLowSurrogate(p.charAt(0))
              && !Character.isHighSurrogate(p.charAt(p.length() - 1)));
    }
    assertEquals(emoji, String.join("", parts));
  }

  /**
   * A document a maintainer dropped in with a line that has no sentence end and no paragraph break
   * (an export with an embedded blob, a minified line): its passage, and its quote, were tens of
   * thousands of characters, and one answer went out as 15 messages for 60,000 (150 for 600,000),
   * at Telegram's one message a second in a chat, in a group 20 a minute of everyone's answers. An
   * answer now shows at most {@link TelegramHtml#MAX_QUOTE} characters of its quote, with "…",
   * three or four messages; "Full passage" at most {@link TelegramHtml#MAX_PASSAGE}, a few
   * messages.
   */
  @Test
  void aQuoteTensOfThousandsOfCharactersLongIsCutToAFewMessagesNotFifteen() {
    String text = "The talks resumed on 4 May " + "x".repeat(60_000) + " in Astana.";
    Passage p = new Passage(SOURCE, 0, text, 0, text.length());
    Quote q =
        new Quote(
            text,
            0,
            List.of(new Span(4, 9), new Span(text.length() - 7, text.length() - 1)),
            p,
            1,
            null,
            0.9);
    String answer = TelegramHtml.quote(q, 0.75);
    assertEquals(null, TelegramHtmlRules.problem(answer), answer);
    assertTrue(TelegramHtml.split(answer, TelegramHtml.MAX_MESSAGE).size() <= 4, "not 15");
    String shown = TelegramHtmlRules.text(answer);
    assertTrue(shown.contains("The talks resumed on 4 May xxx"), shown);
    assertTrue(shown.contains("x\u2026\u00bb"), "cut, and said so");
    assertTrue(answer.contains("<b>talks</b>"), "the bold words before the cut kept");
    String blob = "Q" + "x".repeat(60_000);
    org.astanaqa.retrieval.DirectAnswer d =
        new org.astanaqa.retrieval.DirectAnswer(
            blob,
            "x".repeat(60_000),
            org.astanaqa.retrieval.DirectAnswer.Type.PERSON,
            0.9,
            0,
            27,
            60_027);
    org.astanaqa.retrieval.Answer direct =
        new org.astanaqa.retrieval.Answer(
            "q", true, List.of(q), List.of(), 0.9, java.util.Optional.of(d));
    String withDirect = TelegramHtml.answer(direct, 0, 0.75);
    assertEquals(null, TelegramHtmlRules.problem(withDirect), withDirect);
    assertTrue(
        TelegramHtml.split(withDirect, TelegramHtml.MAX_MESSAGE).size() <= 4,
        "a direct answer too");
    String full = TelegramHtml.fullPassage(q);
    assertEquals(null, TelegramHtmlRules.problem(full));
    assertTrue(TelegramHtml.split(full, TelegramHtml.MAX_MESSAGE).size() <= 5, "not 15");
    assertTrue(TelegramHtmlRules.text(full).contains("\u2014 "), "with its source line");
  }
}
