package org.astanaqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.astanaqa.retrieval.CorpusDocument;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Source;
import org.junit.jupiter.api.Test;

class PassageSplitterTest {
  private static List<Passage> split(String text) {
    return PassageSplitter.split(
        new CorpusDocument(new Source("doc", null, null, null, null), text));
  }

  /** The original text of a passage with its white space folded, as the passage keeps it. */
  private static String original(String text, Passage p) {
    return text.substring(p.start(), p.end()).replaceAll("\\s+", " ");
  }

  @Test
  void joinsHardWrappedLinesIntoOneParagraph() {
    String text =
        "We join others in\nthanking the Special Envoy\nfor his briefing.\n\nWe urge the parties\nto talk.\n";
    List<Passage> ps = split(text);
    assertEquals(2, ps.size());
    assertEquals(
        "We join others in thanking the Special Envoy for his briefing.", ps.get(0).text());
    assertEquals("We urge the parties to talk.", ps.get(1).text());
  }

  @Test
  void repairsEndOfLineHyphenationButKeepsRealCompounds() {
    String text =
        "The negoti-\nations went on and the\nconfidence-building\nmeasures and the confidence-\nbuilding work continued.\n";
    String p = split(text).get(0).text();
    assertTrue(p.contains("negotiations went on"), p);
    assertTrue(p.contains("the confidence-building work"), p);
  }

  @Test
  void aCompoundSplitAtALineEndOfATextFileKeepsItsHyphenAsInAPdf() {
    // From a probe: "the self-\ndetermination" in a hard-wrapped .txt (an e-mail, pdftotext's
    // output) was "selfdetermination", a word no question's "determination" found, where the same
    // lines in a PDF keep the hyphen; "negoti-\nations" is still repaired.
    String text =
        "The post-\nconflict talks and the negoti-\nations on the self-\ndetermination of the"
            + " people went on.\n";
    String p = split(text).get(0).text();
    assertEquals(
        "The post-conflict talks and the negotiations on the self-determination of the people"
            + " went on.",
        p);
  }

  @Test
  void keepsOneParagraphPerLineInNewsItemsAndLeavesOutTheShortTitleLine() {
    String line1 =
        "The meeting was attended by delegations of the government and the armed opposition, "
            + "guarantor states of the ceasefire regime and observers from several countries.";
    String line2 =
        "The negotiations are aimed at ensuring tangible progress in the settlement process "
            + "through implementation of agreements reached at the first meeting.";
    List<Passage> ps = split("Short title\n" + line1 + "\n" + line2 + "\n");
    assertEquals(2, ps.size());
    assertEquals(line1, ps.get(0).text());
    assertEquals(line2, ps.get(1).text());
  }

  @Test
  void aListsPointsInAHardWrappedFileArePointsAsInAFileOfOneParagraphPerLine() {
    // From a probe: in a hard-wrapped file (an e-mail, pdftotext's output) the points "a) ...",
    // "b) ..." and "• ..." were joined to the sentence that introduces them, one run-on paragraph
    // quoted whole, where a file of one paragraph per line keeps each point a block of its own.
    String text =
        "The parties agreed on the following points of the Ibex memorandum\n"
            + "after two days of talks in the capital of the host country:\n"
            + "a) the withdrawal of heavy weapons from the demilitarized zone by the\n"
            + "tenth of October;\n"
            + "b) the return of displaced families to their villages under the watch\n"
            + "of joint patrols.\n"
            + "\u2022 the release of detainees held by both sides before the next round of\n"
            + "talks in the capital.\n";
    List<String> passages = split(text).stream().map(Passage::text).toList();
    assertEquals(
        List.of(
            "The parties agreed on the following points of the Ibex memorandum after two days of"
                + " talks in the capital of the host country:",
            "a) the withdrawal of heavy weapons from the demilitarized zone by the tenth of"
                + " October;",
            "b) the return of displaced families to their villages under the watch of joint"
                + " patrols.",
            "\u2022 the release of detainees held by both sides before the next round of talks in"
                + " the capital."),
        passages);
  }

  /**
   * An abbreviation of one letter and a dot at the start of a wrapped line is no point of a list:
   * Russian "г." of a year ("2018 г.") or a city ("г. Астане"), "с." of a page, English "p. 12".
   * Since list points start a block in a hard-wrapped file too, a sentence was cut there in two
   * passages, "... подписан 17 сентября 2018" and "г. в Сочи ...".
   */
  @Test
  void aOneLetterAbbreviationAtTheStartOfAWrappedLineIsNoPointOfAList() {
    String ru =
        "Меморандум о стабилизации обстановки в Идлибской зоне был подписан 17 сентября 2018\n"
            + "г. в Сочи министрами обороны России и Турции после переговоров президентов\n"
            + "двух стран, которые прошли в г. Сочи, а затем обсуждались в столице Казахстана\n"
            + "г. Астане на очередном раунде переговоров по Сирии, как сказано на\n"
            + "с. 12 доклада.\n";
    assertEquals(1, split(ru).size(), split(ru).toString());
    String en =
        "The figures for each of the four de-escalation zones are given in the annex, see\n"
            + "p. 12 of the report of the Secretary-General, which lists every zone in turn.\n";
    assertEquals(1, split(en).size(), split(en).toString());
  }

  @Test
  void aCourtCasesVersusAtTheStartOfALineIsNoPointOfAList() {
    // "v. United States" had been the fifth point of a list: the case's name cut in two sentences,
    // in a hard-wrapped file and in one of one paragraph per line alike
    String wrapped =
        "The Court recalled its judgment in the case concerning Military Activities in and\n"
            + "against Nicaragua\n"
            + "v. United States of America, a judgment that the parties still cite today.\n";
    assertEquals(1, split(wrapped).size(), split(wrapped).toString());
    String perLine =
        "The Court recalled its judgment of 1986 in the case concerning Military Activities in"
            + " and against Nicaragua\n"
            + "v. United States of America, a judgment that both parties still cite today in"
            + " their pleadings before the Court and in the General Assembly, as they should.\n"
            + "The delegation reaffirmed its commitment to the peaceful settlement of disputes and"
            + " to the principles of the Charter of the United Nations, which remain our compass.\n";
    assertTrue(split(perLine).size() >= 1, split(perLine).toString());
    assertTrue(
        split(perLine).stream()
            .anyMatch(p -> p.text().contains("Nicaragua v. United States of America, a judgment")),
        split(perLine).toString());
  }

  @Test
  void aSentenceBrokenByAStrayLineBreakInAFileOfOneParagraphPerLineIsReadWhole() {
    // From a probe of the UN General Debate speeches (one paragraph per line, 480 sentences in 268
    // of 974 files broken by a stray line break): "... on her being" / "elected president of the
    // General Assembly ..." was quoted from its second half, "elected president ...", and the
    // first half, ten words or more, counted as a sentence of its own.
    String long1 =
        "The delegation reaffirmed its commitment to the peaceful settlement of disputes and to"
            + " the principles of the Charter of the United Nations, which remain our compass.";
    String broken =
        "I also wish to congratulate Her Excellency Mrs. Quorna Velast on her being\n"
            + "elected President of the Assembly at its current session and to assure her of our"
            + " full support.";
    String high =
        "We welcome every step taken towards the self-\ndetermination of the people and the"
            + " negotiations on the release of detainees, which we found most useful.";
    String number =
        "During the nine months of the war, the occupying forces killed\n3 million innocent"
            + " people, and ten million had to flee their homes.";
    String dateline = "13/01/2021";
    String after =
        "inclusive political talks and continued dialogue between the parties remain the only"
            + " way out of the crisis, as we have said before.";
    String text =
        long1
            + "\n"
            + broken
            + "\n"
            + high
            + "\n"
            + number
            + "\nTitle of a part\n"
            + dateline
            + "\n"
            + after
            + "\n";
    List<Passage> ps = split(text);
    List<String> texts = ps.stream().map(Passage::text).toList();
    assertTrue(
        texts.contains(
            "I also wish to congratulate Her Excellency Mrs. Quorna Velast on her being elected"
                + " President of the Assembly at its current session and to assure her of our full"
                + " support."),
        texts.toString());
    assertTrue(
        texts.contains(
            "We welcome every step taken towards the self-determination of the people and the"
                + " negotiations on the release of detainees, which we found most useful."),
        texts.toString());
    assertTrue(texts.contains(number.replace('\n', ' ')), texts.toString());
    // a line of a few words (a label, a page's dateline) goes on to nothing
    assertTrue(texts.contains(after), texts.toString());
    for (Passage p : ps) { // each where it stands in the file, the compound's line end aside
      assertEquals(p.text(), original(text, p).replace("self- ", "self-"));
    }
  }

  @Test
  void offsetsPointAtThePassageInTheOriginalText() throws Exception {
    Path seed = Path.of("..", "seeds", "000_d22d51c283bf3738.txt");
    String text = Files.readString(seed, StandardCharsets.UTF_8);
    List<Passage> ps = split(text);
    assertTrue(ps.size() >= 8, "the UN record has at least 8 paragraphs");
    for (Passage p : ps) {
      assertEquals(p.text(), original(text, p));
    }
  }

  @Test
  void splitsLongParagraphsOnSentenceBoundariesWithinTheWordLimit() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sb.append("Sentence number ").append(i).append(" has exactly seven words. ");
    }
    List<Passage> ps = split(sb.toString().strip());
    assertTrue(ps.size() > 2);
    for (Passage p : ps) {
      int words = p.text().split(" ").length;
      assertTrue(words <= PassageSplitter.MAX_WORDS, "passage of " + words + " words");
      assertTrue(p.text().endsWith("words."), "ends on a sentence boundary: " + p.text());
    }
  }

  /**
   * From a probe: a run of text with no full stop (a transcript, captions saved as one line) is cut
   * every 200 words, and its last piece, of fewer than ten words and not ending as a sentence, was
   * taken for a label and dropped: its words could never be found.
   */
  @Test
  void theLastPieceOfAnOverlongSentenceIsKeptNotTakenForALabel() {
    String text = "and the delegation spoke ".repeat(101) + "about the zebra crossing";
    List<Passage> ps = split(text);
    assertTrue(ps.get(ps.size() - 1).text().endsWith("about the zebra crossing"), ps.toString());
    assertEquals(
        text.split(" ").length, ps.stream().mapToInt(p -> p.text().split(" ").length).sum());
  }

  @Test
  void reducesMarkdownLinksToTheirText() {
    String text = "Mr. de Mistura [told](#) reporters about [resolution 2254 \\(2015\\)](#) today.";
    Passage p = split(text).get(0);
    assertEquals("Mr. de Mistura told reporters about resolution 2254 (2015) today.", p.text());
    assertFalse(p.text().contains("]("));
  }

  /** A document text that counts the characters read from it, to measure the splitter's work. */
  static final class CountingText implements CharSequence {
    final String text;
    long reads;

    CountingText(String text) {
      this.text = text;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int i) {
      reads++;
      return text.charAt(i);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      reads += end - start;
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      reads += text.length();
      return text;
    }
  }

  /** A made-up word for each number (its digits in base 19 as syllables): letters only, unique. */
  private static String word(int i) {
    StringBuilder sb = new StringBuilder();
    for (int n = i + 1; n > 0; n /= 19) {
      sb.append("bcdfghjklmnpqrstvwz".charAt(n % 19)).append('a');
    }
    return sb.toString();
  }

  @Test
  void repairsTheHyphensOfAHardWrappedRecordReadingItsTextAFewTimesNotOncePerHyphen() {
    // 3,000 lines of a UN-style record wrapped at about 55 columns, each broken inside a word;
    // half of those words are written with their hyphen elsewhere (compounds), half never.
    StringBuilder sb = new StringBuilder();
    int lines = 3000;
    for (int i = 0; i < lines; i++) {
      String w = word(i);
      sb.append("the delegation noted that the ")
          .append(w)
          .append("-\n")
          .append(i % 2 == 0 ? "tion" : "based")
          .append(" of the matter was discussed\n");
      if (i % 2 == 1) {
        sb.append("a ").append(w).append("-based approach, it said.\n");
      }
    }
    CountingText text = new CountingText(sb.toString());
    List<Passage> ps = new java.util.ArrayList<>();
    PassageSplitter.split(new Source("doc", null, null, null, null), text, ps::add);
    String all = String.join(" ", ps.stream().map(Passage::text).toList());
    assertTrue(all.contains("the " + word(0) + "tion of the matter"), "a split word is repaired");
    assertTrue(all.contains("the " + word(1) + "-based of the matter"), "a compound keeps it");
    // Each character is read a handful of times (line scan, wrap check, the words index); a
    // search of the whole text per hyphen would read it about 3,000 times.
    assertTrue(
        text.reads <= 10L * text.length(),
        text.reads / text.length()
            + " reads per character of a "
            + text.length()
            + "-character text");
  }
}
