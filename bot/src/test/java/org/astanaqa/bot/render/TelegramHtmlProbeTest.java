package org.astanaqa.bot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.DirectAnswer;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;
import org.junit.jupiter.api.Test;

/**
 * Hostile documents through the Telegram renderer: whatever the titles, URLs and texts hold, every
 * message is HTML Telegram parses, within its 4096 characters, and shows the document's text.
 */
class TelegramHtmlProbeTest {
  private static final String EMOJI = "\uD83D\uDE00"; // one emoji, two UTF-16 units
  private static final List<String> HOSTILE =
      List.of(
          "<script>alert(\"x\")</script> & <b>not bold</b> &amp; &lt;",
          "\u202Eright to left\u202C and \u200Fmark\u200E",
          "zero\u200Bwidth\u200D\uFEFFjoiners",
          "quotes \"double\" 'single' \u00abangle\u00bb",
          EMOJI.repeat(50),
          "x".repeat(5000),
          "&".repeat(3000),
          "word " + EMOJI + " " + "y".repeat(4094) + EMOJI + "z",
          "\n\n\n   \n" + "a. ".repeat(2000));

  @Test
  void everyRenderingOfAHostileDocumentIsTelegramHtmlWithinTheLimit() {
    for (String title : HOSTILE) {
      for (String text : HOSTILE) {
        Source s = new Source("d", title, title, title, "https://x.org/?a=1&b=\"" + title + "\"");
        Passage p = new Passage(s, 0, text, 0, text.length());
        // The matched words are whole tokens: never half of a surrogate pair.
        int end = text.offsetByCodePoints(0, Math.min(3, text.codePointCount(0, text.length())));
        List<Span> matched = List.of(new Span(0, end));
        Quote q = new Quote(text, 0, matched, p, 1, null, 0.8);
        Answer a = new Answer("q", true, List.of(q), List.of("q"), 0.8);
        for (String html :
            List.of(
                TelegramHtml.quote(q, 0.5),
                TelegramHtml.answer(a, 0, 0.5),
                TelegramHtml.fullPassage(q),
                TelegramHtml.sourceLine(s))) {
          assertNull(TelegramHtmlRules.problem(html), html);
          assertEquals(
              TelegramHtmlRules.text(html), TelegramHtml.toPlain(html), "plain-text fallback");
          String shown = TelegramHtmlRules.text(html);
          // A quote shows at most MAX_QUOTE of its text, a full passage MAX_PASSAGE.
          String expected =
              TelegramHtml.shortened(
                  text,
                  html.equals(TelegramHtml.fullPassage(q))
                      ? TelegramHtml.MAX_PASSAGE
                      : TelegramHtml.MAX_QUOTE);
          assertTrue(shown.contains(html.startsWith("\u2014") ? title.strip() : expected), shown);
          assertFits(html, TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE));
        }
      }
    }
  }

  @Test
  void aDirectAnswerMarkedInAHostileQuoteStaysValid() {
    String text = "On 4 May <b> & " + EMOJI + " the talks & \"resumed\" in Astana.";
    Source s = new Source("d", "T", null, null, null);
    Passage p = new Passage(s, 0, text, 0, text.length());
    int at = text.indexOf(EMOJI);
    Quote q = new Quote(text, 0, List.of(new Span(0, 2), new Span(at, at + 2)), p, 1, null, 0.9);
    DirectAnswer d =
        new DirectAnswer("<4 May>", EMOJI + " the", DirectAnswer.Type.DATE, 0.9, 0, at, at + 6);
    Answer a = new Answer("q", true, List.of(q), List.of(), 0.9, Optional.of(d));
    String html = TelegramHtml.answer(a, 0, 0.5);
    assertNull(TelegramHtmlRules.problem(html), html);
    assertTrue(TelegramHtmlRules.text(html).startsWith("<4 May>\n"), html);
    assertTrue(TelegramHtmlRules.text(html).contains(text), html);
  }

  @Test
  void splittingAtEveryLengthKeepsEachPartValidAndLosesNoText() {
    String html =
        TelegramHtml.fullPassage(
            quote(
                ("Astana " + EMOJI + " talks & \"peace\" <now>. ").repeat(40)
                    + "z".repeat(300)
                    + EMOJI.repeat(200)));
    for (int max = 40; max <= 700; max += 37) {
      assertFits(html, TelegramHtml.split(html, max), max);
    }
  }

  @Test
  void aMessageExactlyAtTheLimitIsOnePartAndOneMoreIsTwo() {
    String at = "a".repeat(TelegramHtml.MAX_MESSAGE);
    assertEquals(List.of(at), TelegramHtml.split(at, TelegramHtml.MAX_MESSAGE));
    String over = EMOJI.repeat(TelegramHtml.MAX_MESSAGE / 2) + "b";
    List<String> parts = TelegramHtml.split(over, TelegramHtml.MAX_MESSAGE);
    assertFits(over, parts);
    assertEquals(2, parts.size());
  }

  /**
   * Telegram counts the text after entity parsing ("1-4096 characters after entities parsing"):
   * {@code &amp;} is five characters sent and one counted, a tag none, an emoji two (UTF-16).
   * Splitting on the characters sent cut a message Telegram would take whole into five.
   */
  @Test
  void theLimitCountsTheTextAfterEntityParsingNotTheCharactersSent() {
    String escaped = TelegramHtml.fullPassage(quote("&".repeat(4000)));
    assertTrue(escaped.length() > 4 * TelegramHtml.MAX_MESSAGE, "sent: " + escaped.length());
    assertEquals(TelegramHtmlRules.length(escaped), TelegramHtml.length(escaped));
    assertEquals(List.of(escaped), TelegramHtml.split(escaped, TelegramHtml.MAX_MESSAGE));

    String twice = TelegramHtml.fullPassage(quote("&lt;" + "&".repeat(8000) + "<b>"));
    List<String> parts = TelegramHtml.split(twice, TelegramHtml.MAX_MESSAGE);
    assertFits(twice, parts);
    assertEquals(2, parts.size(), "8,000 characters as Telegram counts them: two messages");

    String beyondBmp = "&#128512;&#x1F600;&#65;&lt;<b>x</b>" + EMOJI;
    assertNull(TelegramHtmlRules.problem(beyondBmp));
    assertEquals(TelegramHtmlRules.length(beyondBmp), TelegramHtml.length(beyondBmp));
    assertEquals(9, TelegramHtml.length(beyondBmp), "two emoji entities, A, <, x, an emoji");
    List<String> cut = TelegramHtml.split("<i>" + "&#128512;".repeat(3000) + "</i>", 4096);
    assertFits("<i>" + "&#128512;".repeat(3000) + "</i>", cut);
    assertEquals(2, cut.size());
  }

  private static Quote quote(String text) {
    Passage p = new Passage(new Source("d", "T", null, null, null), 0, text, 0, text.length());
    return new Quote(text, 0, List.of(), p, 1, null);
  }

  private static void assertFits(String html, List<String> parts) {
    assertFits(html, parts, TelegramHtml.MAX_MESSAGE);
  }

  /** Each part valid, within {@code max} as Telegram counts, and the parts hold all the text. */
  private static void assertFits(String html, List<String> parts, int max) {
    List<String> texts = new ArrayList<>();
    for (String part : parts) {
      assertNull(TelegramHtmlRules.problem(part), part);
      assertTrue(TelegramHtmlRules.length(part) <= max, "part too long: " + part.length());
      assertTrue(!TelegramHtmlRules.text(part).isBlank(), "an empty part");
      texts.add(TelegramHtmlRules.text(part));
    }
    assertEquals(
        TelegramHtmlRules.text(html).replaceAll("\\s+", ""),
        String.join("", texts).replaceAll("\\s+", ""),
        "the parts hold the text, in order");
  }
}
