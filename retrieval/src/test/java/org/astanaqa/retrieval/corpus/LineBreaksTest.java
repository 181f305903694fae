package org.astanaqa.retrieval.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineBreaksTest {
  private static final String UNFINISHED = "The guarantors agreed on the following measures";

  /**
   * From the probe of the UN General Debate speeches: a sentence broken before a name ("... through
   * the landmark" / "Paris Agreement, does not waver"; "... in the face of which my" / "Government
   * could not stand by idly") or an amount ("has spent about" / "$32 billion for the care of
   * refugees") was quoted from its second half, which begins with a capital or a currency sign.
   */
  @Test
  void aSentenceBrokenBeforeANameAfterAWordNoSentenceEndsOnOrBeforeAnAmountRunsOn() {
    assertTrue(
        LineBreaks.runsOn(
            "and development, in the face of which my", "Government could not stand by idly."));
    assertTrue(
        LineBreaks.runsOn(
            "mobilized through the landmark outcome of the", "Paris Agreement, does not waver."));
    assertTrue(
        LineBreaks.runsOn(
            "So far, the Republic of Turkey has spent about",
            "$32 billion for the care of refugees."));
    assertTrue(
        LineBreaks.runsOn(
            "The programme for that country has a budget of", "€61 million for the period."));
    // a line that ends on another word may be a heading: a capital after it starts a paragraph
    assertFalse(
        LineBreaks.runsOn(
            "Statement by the Minister for Foreign Affairs", "Mr. President, I congratulate you."));
    assertFalse(LineBreaks.runsOn("We met in Astana in January.", "The talks went on."));
    // "A" of "Annex A" is a name, not the article
    assertFalse(
        LineBreaks.runsOn(
            "The figures for each zone are given in Annex A", "The Council then met."));
    String text =
        "So far, the Republic of Turkey has spent about\n \n$32 billion for the care of refugees.\n";
    assertEquals(
        "So far, the Republic of Turkey has spent about\n$32 billion for the care of refugees.\n",
        LineBreaks.pageBreaksJoined(text));
  }

  /**
   * "v." after a name is a court case's "versus": "Nicaragua" / "v. United States" had been cut off
   * as the fifth point of a list, and the case's name read as two sentences.
   */
  @Test
  void aCourtCasesVersusAfterANameIsTheRestOfTheSentenceNotAPoint() {
    String before =
        "The Court recalled its judgment of 1986 in the case concerning Military Activities in"
            + " and against Nicaragua";
    assertTrue(LineBreaks.runsOn(before, "v. United States of America, which still binds."));
    assertFalse(LineBreaks.startsBlock(before, "v. United States of America, which still binds."));
    // the fifth point of a list still starts a block of its own
    assertTrue(LineBreaks.startsBlock(UNFINISHED + ";", "v. The parties meet again in May."));
    assertTrue(LineBreaks.startsBlock(UNFINISHED, "v. to meet again in Astana in May;"));
    assertFalse(LineBreaks.runsOn(UNFINISHED, "v. to meet again in Astana in May;"));
    String text =
        before + "\n\nv. United States of America, a judgment that the parties still cite today.\n";
    assertEquals(
        before + "\nv. United States of America, a judgment that the parties still cite today.\n",
        LineBreaks.pageBreaksJoined(text));
  }

  /**
   * A point of a list numbered with small letters or Roman numerals, as agreements and Russian
   * texts number theirs, starts a block of its own as a numbered one does: "a) to strengthen ..."
   * begins in lower case, and was joined to the line before as the rest of its sentence, each point
   * run into the one before it that ended on a comma.
   */
  @Test
  void aPointOfAListNumberedWithLettersOrRomanNumeralsIsNoRestOfASentence() {
    for (String point :
        new String[] {
          "a) to strengthen the ceasefire regime in the de-escalation zones;",
          "b. to release detainees and abductees held on both sides,",
          "ii) to exchange the bodies of the dead;",
          "iv. to meet again in Astana in May;",
          "а) укрепить режим прекращения огня в зонах деэскалации;"
        }) {
      assertFalse(LineBreaks.runsOn(UNFINISHED, point), point);
    }
    // the rest of a sentence still runs on, a word of one letter or a Roman-looking one too
    assertTrue(LineBreaks.runsOn(UNFINISHED, "in the zones, agreed in Astana in May"));
    assertTrue(LineBreaks.runsOn(UNFINISHED, "a year ago in Astana"));
    assertTrue(LineBreaks.runsOn(UNFINISHED, "i.e. the four zones"));
    // a one-letter abbreviation is no point: Russian "г." of a year or a city, a page's "p. 12"
    assertTrue(
        LineBreaks.runsOn(
            "Меморандум был подписан министрами обороны 17 сентября 2018", "г. в Сочи"));
    assertTrue(LineBreaks.runsOn("Делегации встретились на очередном раунде в", "г. Астане"));
    assertTrue(LineBreaks.runsOn(UNFINISHED + " in the annex, see", "p. 12 of the report"));
    assertTrue(
        LineBreaks.runsOn("Делегации Ирана, России и Турции обсудили ситуацию в", "провинции"));
    String list =
        UNFINISHED
            + ",\n\na) to strengthen the ceasefire regime in the de-escalation zones,\n\n"
            + "b) to release detainees and abductees held on both sides.\n";
    assertEquals(list, LineBreaks.pageBreaksJoined(list));
  }

  /**
   * Over {@link LineBreaks#MAX_JOINED} characters a text is given back as it is, its blank lines
   * kept, not copied: a large file is indexed in about twice its size of heap. Below it, the same
   * blank line inside a sentence is taken out.
   */
  @Test
  void aTextOverTheSizeGuardKeepsItsBlankLinesAndIsNotCopied() {
    String broken = "Furthermore, if the other side is truly committed to the\n\npeace process.\n";
    String filler = "x".repeat(LineBreaks.MAX_JOINED - broken.length());
    String at = broken + filler;
    assertEquals(
        "Furthermore, if the other side is truly committed to the\npeace process.\n" + filler,
        LineBreaks.pageBreaksJoined(at));
    String over = at + "x";
    assertSame(over, LineBreaks.pageBreaksJoined(over));
  }
}
