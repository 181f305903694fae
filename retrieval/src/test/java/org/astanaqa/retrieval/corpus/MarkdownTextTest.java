package org.astanaqa.retrieval.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MarkdownTextTest {
  /** A match as its start, end and groups, to compare two ways of finding it. */
  private static String describe(MatchResult m) {
    StringBuilder s = new StringBuilder().append(m.start()).append('-').append(m.end());
    for (int g = 0; g <= m.groupCount(); g++) {
      s.append('|').append(m.group(g));
    }
    return s.toString();
  }

  @Test
  void eachInlinePatternFindsWhatItsMatcherFinds() {
    // InlineSpans tries a pattern only where it can match; what it finds must be what
    // Matcher.find finds, on lines of every mix of the marks the patterns open and close on
    String[] pieces = {
      "*",
      "**",
      "_",
      "__",
      "[",
      "]",
      "(",
      ")",
      "![",
      "[^",
      "<",
      "<http:",
      "<mailto:",
      ">",
      "`",
      "``",
      "a",
      "b1",
      " ",
      "\t",
      "&amp;",
      "\\",
      ":",
      "^",
      "-",
      "é",
      "\uD83D\uDE00"
    };
    Random random = new Random(11);
    int compared = 0;
    for (int n = 0; n < 40_000; n++) {
      StringBuilder line = new StringBuilder();
      for (int k = random.nextInt(14); k > 0; k--) {
        line.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = line.toString();
      for (InlineSpans spans : MarkdownText.SPANS) {
        List<String> expected =
            spans.pattern().matcher(s).results().map(MarkdownTextTest::describe).toList();
        List<String> found =
            spans.in(s).stream().map(MarkdownTextTest::describe).collect(Collectors.toList());
        assertEquals(expected, found, spans.pattern() + " in \"" + s + "\"");
        compared += expected.size();
      }
    }
    assertTrue(compared > 10_000, "too few matches compared: " + compared);
  }

  @Test
  void aLongLineOfUnclosedEmphasisMarksAndBracketsIsReadWithItsWords() throws Exception {
    // From a probe: a 200,000-character line of " *a", "[a" or "_a" marks that no closer closes
    // took minutes to read (176 s for 200,000 characters of " *a", 188 s of "[a"): each opener's
    // pattern scanned the rest of the line. A mark no closer closes is text, as a renderer shows
    // it, and stays; the words around survive.
    int n = 200_000;
    String[] units = {
      " *a", "[a", " _a", "**a ", "__a ", "<b", "<http:c", "![d", "[^e", "`", "*a [a _a <c ![d "
    };
    for (String unit : units) {
      String line = "Words " + unit.repeat(n / unit.length()).strip() + " end of line.";
      String md = "# Notes\n\nThe talks were held in Astana.\n\n" + line + "\n";
      FileText f = Formats.extract("long.md", md.getBytes(StandardCharsets.UTF_8));
      assertEquals("Notes", f.title(), unit);
      assertEquals("Notes\n\nThe talks were held in Astana.\n\n" + line, f.text(), unit);
    }
    // the same marks with a closer at the end: the text between is emphasis, or a link's words
    String stars = " *a".repeat(n / 3).strip();
    assertEquals(stars.substring(1) + " end", MarkdownText.inline(stars + " end*"));
    String brackets = "[a".repeat(n / 2);
    assertEquals(
        brackets.substring(1) + " end", MarkdownText.inline(brackets + " end](https://x.org)"));
    String code = "`".repeat(n);
    assertEquals("a b", MarkdownText.inline(code + "a b" + code));
  }

  @Test
  void normalEmphasisLinksAndCodeAreStillReducedToTheirWords() {
    assertEquals(
        "The talks in Astana were held on 23 January 2017 (see the report, code x < y).",
        MarkdownText.inline(
            "The **talks** in [Astana](https://en.wikipedia.org/wiki/Astana_(city)) were"
                + " _held_ on *23 January 2017* (see ![map](m.png)[the report][1], `code x < y`)."));
    assertEquals("a * b and c_d_e", MarkdownText.inline("a * b and c_d_e"));
    assertEquals("bold and https://x.org", MarkdownText.inline("<b>bold</b> and <https://x.org>"));
  }
}
