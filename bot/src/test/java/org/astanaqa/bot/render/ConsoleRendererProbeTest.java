package org.astanaqa.bot.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;
import org.junit.jupiter.api.Test;

/** A document's control characters never reach the terminal as such. */
class ConsoleRendererProbeTest {
  @Test
  void aDocumentsEscapeSequencesAreShownNotObeyed() {
    String text =
        "Talks resumed on 4 May \u001b[31mred\u001b[0m \u001b]0;title\u0007 ok\rhidden\u009b.";
    Source s = new Source("a\u001b[2J", "Title \u001b[5m", "P\u0000", null, "https://x.org/\u001b");
    Passage p = new Passage(s, 0, text, 0, text.length());
    Quote q = new Quote(text, 0, List.of(new Span(0, 5), new Span(23, 31)), p, 1, null, 0.9);
    Answer a = new Answer("q", true, List.of(q), List.of("talks"), 0.9);
    for (boolean ansi : List.of(false, true)) {
      String out =
          new ConsoleRenderer(true, ansi, 0.5, "sources").render(a)
              + ConsoleRenderer.sourceList(List.of(s));
      String withoutOwnBold = out.replace("\u001b[1m", "").replace("\u001b[0m", "");
      assertTrue(
          withoutOwnBold.chars().noneMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f),
          withoutOwnBold);
      assertTrue(out.contains("\u241b]0;title\u2407 ok\u240dhidden"), out);
      assertFalse(out.contains("\u001b[31m"), out);
    }
  }

  @Test
  void aLineOrParagraphSeparatorIsShownAsALineBreakIsOnWhatIsOneLine() {
    // From a probe: a Telegram question holding U+2028 was printed as it is in the feedback
    // summary, where a terminal shows nothing ("Who signedit?") and a pager breaks the line.
    assertEquals(
        "Who signed\u240ait?\u240aWhen\u240a?",
        ConsoleRenderer.oneLine("Who signed\u2028it?\u2029When\n?"));
  }

  @Test
  void aFileNameOrTitleWithALineBreakStaysOnItsOneLine() {
    // a file named "new\nline.txt" with no metadata: its title is the file name
    Source s = new Source("new\nline", "new\nline.txt", "P\tQ", null, null);
    assertEquals(
        "- new\u240aline.txt \u00b7 P\u2409Q  [new\u240aline]\n",
        ConsoleRenderer.sourceList(List.of(s)));
    Passage p = new Passage(s, 0, "Talks resumed.\nThey ended.", 0, 26);
    Quote q = new Quote(p.text(), 0, List.of(new Span(0, 5)), p, 1, null, 0.9);
    String out =
        new ConsoleRenderer(true, false, 0.5, "sources")
            .render(new Answer("q", true, List.of(q), List.of("talks"), 0.9));
    assertTrue(out.contains("\n   \u2014 new\u240aline.txt \u00b7 P\u2409Q\n"), out);
    assertTrue(out.contains("passage 1 of new\u240aline\n"), out);
    // a quote's own line breaks are its text's, kept
    assertTrue(out.contains("Talks resumed.\nThey ended."), out);
  }
}
