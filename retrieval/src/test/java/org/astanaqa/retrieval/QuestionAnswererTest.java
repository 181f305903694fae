package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuestionAnswererTest {
  private static QuestionAnswerer qa;

  @BeforeAll
  static void open() {
    qa = QuestionAnswerer.inMemory(Fixtures.SEEDS, Settings.defaults());
  }

  @AfterAll
  static void close() throws Exception {
    qa.close();
  }

  /**
   * From a probe: fullwidth letters (an East Asian keyboard) and a zero-width space pasted inside a
   * word were "not found"; they are the same question as typed plainly.
   */
  @Test
  void fullwidthLettersAndInvisibleCharactersAskTheSameQuestion() {
    Answer plain = qa.ask("Who were the Astana guarantors?");
    for (String typed :
        new String[] {
          "\uFF37\uFF48\uFF4F \uFF57\uFF45\uFF52\uFF45 \uFF54\uFF48\uFF45"
              + " \uFF21\uFF53\uFF54\uFF41\uFF4E\uFF41"
              + " \uFF47\uFF55\uFF41\uFF52\uFF41\uFF4E\uFF54\uFF4F\uFF52\uFF53\uFF1F",
          "Who were the Ast\u200Bana guaran\u00ADtors?"
        }) {
      Answer a = qa.ask(typed);
      assertTrue(a.answered(), typed);
      assertEquals(plain.quotes().get(0).text(), a.quotes().get(0).text(), typed);
      assertEquals(plain.confidence(), a.confidence(), 1e-9, typed);
    }
  }

  @Test
  void answersWithQuotesFromTheTextAndTheirSources() throws Exception {
    Answer a = qa.ask("Who were the Astana guarantors?");
    assertTrue(a.answered());
    assertEquals(3, a.quotes().size());
    for (Quote q : a.quotes()) {
      assertTrue(q.passage().text().contains(q.text()), "the quote is part of its passage");
      String file =
          Files.readString(
              Fixtures.SEEDS.resolve(q.source().id() + ".txt"), StandardCharsets.UTF_8);
      String original =
          file.substring(q.passage().start(), q.passage().end()).replaceAll("\\s+", " ");
      assertEquals(
          q.passage().text(), original, "the passage is the document's text at its offsets");
    }
    Quote first = a.quotes().get(0);
    String text = first.text().toLowerCase();
    assertTrue(
        text.contains("russia") && text.contains("turkey") && text.contains("iran"), first.text());
  }

  @Test
  void howAQuestionIsTypedDoesNotChangeTheQuote() {
    Quote plain = qa.ask("Who were the Astana guarantors?").quotes().get(0);
    for (String typed :
        List.of(
            "Who were the Astana guarantors? thanks",
            "Who is the <b>Astana</b> guarantors",
            "hi bot, who were the Astana guarantors?? \ud83d\ude4f",
            "<script>alert(1)</script> Who were the Astana guarantors?",
            "Who were the [Astana](https://example.org/a) guarantors?")) {
      Answer a = qa.ask(typed);
      if (typed.contains("<b>")) {
        assertTrue(a.answered(), typed);
        continue;
      }
      assertEquals(plain.text(), a.quotes().get(0).text(), typed);
    }
    // in capitals, its words are read as the lower-case words they are, with their synonyms
    // ("formed"), not as names the corpus never mentions
    Answer mixed =
        qa.ask("What kind of constitutional committee did Kazakhstan say should be formed?");
    Answer shouted =
        qa.ask("WHAT KIND OF CONSTITUTIONAL COMMITTEE DID KAZAKHSTAN SAY SHOULD BE FORMED?");
    assertTrue(mixed.answered(), mixed.toString());
    assertEquals(mixed.confidence(), shouted.confidence(), 1e-9, shouted.toString());
    assertEquals(mixed.quotes().get(0).text(), shouted.quotes().get(0).text());
    Answer lavrentyev = qa.ask("Who is Lavrentyev? 0");
    assertTrue(lavrentyev.answered(), "a stray number after the question is not searched");
    assertTrue(lavrentyev.quotes().get(0).text().contains("Lavrentyev"));
  }

  @Test
  void aliasesFindTheStateByItsCapitalAndRealWordsAreNotCorrected() {
    Answer a = qa.ask("When did the defence ministers of Moscow and Ankara sign the memorandum?");
    assertTrue(a.answered());
    assertTrue(a.quotes().get(0).text().contains("17 September"), a.quotes().get(0).text());
    assertTrue(a.terms().contains("moscow->russia"), a.terms().toString());
    List<String> terms = qa.ask("what did they want in Idlib").terms();
    assertTrue(
        terms.contains("want?"),
        "'want' is a word the corpus lacks, not a typo of 'went': " + terms);
    assertTrue(qa.ask("who were the garantors").terms().contains("garantor->guarantor"));
    // nor is a short real word another form of a corpus word that differs in its last letter:
    // "hear" was searched as "head" (of the delegation), "opened" as "oper" (of "operation")
    List<String> heard = qa.ask("what did the envoy hear when the talks opened").terms();
    assertFalse(heard.stream().anyMatch(t -> t.startsWith("hear->")), heard.toString());
    assertFalse(heard.stream().anyMatch(t -> t.startsWith("open->")), heard.toString());
    // a long stem still is: "guaranteed" is a form of the corpus's "guarantor"
    assertTrue(
        qa.ask("which states guaranteed the ceasefire").terms().contains("guarante->guarantor"),
        "guaranteed");
  }

  /**
   * The UN texts write "organizations" and "stabilizing"; a question in British spelling found
   * neither, as both spellings are real words and neither is a typo the speller mends.
   */
  @Test
  void britishSpellingFindsTheDocumentsAmericanSpelling() {
    Answer a = qa.ask("Which organisations sat in as observers at the February 2017 meeting?");
    assertTrue(a.terms().contains("organis->organ"), a.terms().toString());
  }

  @Test
  void aWordTheCorpusNeverUsesIsSearchedAsItsSynonym() {
    Answer a = qa.ask("What did the envoy recommend to the parties?");
    assertTrue(a.terms().contains("recommend->urg"), a.terms().toString());
    assertTrue(a.answered(), a.toString());
    assertTrue(a.quotes().get(0).text().startsWith("We urge the parties"), a.toString());
    // A sense the word rarely has ("born" of "bear", "have"), or the other word rarely has ("set"
    // as "place"), gives none: the word stays one the corpus lacks.
    assertTrue(qa.ask("Where was Lavrentyev born?").terms().contains("born?"));
    assertTrue(qa.ask("When was the Astana format set up?").terms().contains("set?"));
  }

  @Test
  void aTypoThatChangesTheStemIsMendedOnTheWordAsTyped() {
    // "objectivs" stems to "objectiv" and "operatonal" to "operaton", neither near a stem of the
    // index ("object", "oper"); one edit on the typed word finds "objectives", "operational".
    Answer a = qa.ask("what are the objectivs of the joint operatonal group");
    assertTrue(a.terms().contains("objectiv->object"), a.terms().toString());
    assertTrue(a.terms().contains("operaton->oper"), a.terms().toString());
    assertTrue(a.answered());
    assertTrue(a.quotes().get(0).text().contains("objectives of the group"), a.toString());
    // A capitalised word too: "Envyo" had stayed a name the corpus lacks, so "not found".
    Answer envoy = qa.ask("Which regions did the Special Envyo try to involve in the process?");
    assertTrue(envoy.terms().contains("envyo->envoi"), envoy.terms().toString());
    assertTrue(envoy.answered(), envoy.toString());
    // A real word stays a word the corpus lacks, and a name is not mended into another.
    assertTrue(qa.ask("which hotel hosted the talks").terms().contains("hotel?"));
    assertTrue(qa.ask("What did Lavrov say about Idlib?").terms().contains("lavrov?"));
  }

  @Test
  void everyAnswerCarriesAConfidenceAndNotFoundTheBestCandidates() {
    Answer a = qa.ask("When was the Sochi memorandum signed?");
    assertTrue(
        a.confidence() >= qa.minConfidence(),
        "answered at or above the threshold: " + a.confidence());
    assertEquals(a.confidence(), a.quotes().get(0).confidence(), 1e-12);
    for (Quote q : a.quotes()) {
      assertTrue(q.confidence() > 0 && q.confidence() <= 1);
    }
    Answer none = qa.ask("Who is the prime minister of Canada?");
    assertFalse(none.answered());
    assertTrue(none.confidence() < qa.minConfidence(), "below the threshold: " + none.confidence());
    QuestionAnswerer.Assessment uncut = qa.assess("Who is the prime minister of Canada?", 1);
    assertEquals(QuestionAnswerer.signalNames().size(), uncut.signals().length);
    assertEquals(none.confidence(), uncut.answer().confidence(), 1e-12);
    assertTrue(uncut.answer().answered(), "before the cut a minister is quoted all the same");
    assertTrue(uncut.answer().confidence() > 0);
  }

  @Test
  void marksTheQuestionsWordsInTheQuote() {
    Quote q = qa.ask("When was the Sochi memorandum signed?").quotes().get(0);
    List<String> marked =
        q.matched().stream().map(s -> q.text().substring(s.start(), s.end())).toList();
    assertTrue(marked.containsAll(List.of("memorandum", "signed", "Sochi")), marked.toString());
  }

  @Test
  void prefersDifferentDocumentsAndDropsNearDuplicates() {
    Answer a = qa.ask("guarantor states Russia Turkey Iran");
    Set<String> docs = new HashSet<>();
    a.quotes().forEach(q -> docs.add(q.source().id()));
    assertEquals(a.quotes().size(), docs.size(), "each quote from another document");
  }

  @Test
  void aWordTheDocumentsWriteWithAHyphenIsFoundWrittenAsOne() {
    // "de-escalation" is indexed as two words; "deescalation" is their second half
    Answer a = qa.ask("how many deescalation zones are functioning");
    assertTrue(a.terms().contains("deescal->escal"), a.terms().toString());
    assertTrue(a.answered(), a.terms().toString());
    assertTrue(a.quotes().get(0).text().contains("three zones are functioning"), a.toString());
  }

  @Test
  void aMonthOnlyADocumentsDatelineSaysDatesTheQuestionAndIsNotAWordTheCorpusLacks() {
    // The TASS report is dated 2017-10-30; its only "October" is the dateline, which is no passage:
    // a word every passage of the report holds, as the source line under its quotes says
    Answer a = qa.ask("Who headed the Russian delegation at the Astana talks in October?");
    assertTrue(a.answered(), a.terms().toString());
    assertTrue(a.terms().contains("octob"), a.terms().toString());
    assertTrue(a.quotes().get(0).text().contains("Lavrentyev"), a.toString());
    // no document is dated in June, nor says it: a word the corpus lacks, as before
    Answer june = qa.ask("Who headed the Russian delegation at the Astana talks in June?");
    assertTrue(june.terms().contains("june?"), june.terms().toString());
  }

  /**
   * A dateline month with one slip dates the question as the month does; a slip in a month the
   * passages say ("Febuary") is still the speller's to mend, not dropped (twentieth session, from
   * typo variants of the tune halves' questions).
   */
  @Test
  void aMistypedDatelineMonthDatesTheQuestionAndAMistypedMonthThePassagesSayIsMended() {
    for (String q :
        new String[] {
          "Who headed the Russian delegation at the Astana talks in Octobr?",
          "Who headed the Russian delegation at the Astana talks in Ocotber?"
        }) {
      Answer a = qa.ask(q);
      assertTrue(a.answered(), a.terms().toString());
      assertTrue(a.terms().stream().anyMatch(t -> t.endsWith("->octob")), a.terms().toString());
      assertTrue(a.quotes().get(0).text().contains("Lavrentyev"), a.toString());
    }
    Answer feb = qa.ask("when was the astana meeting in febuary 2017?");
    assertTrue(feb.terms().contains("febuari->februari"), feb.terms().toString());
    assertTrue(feb.quotes().get(0).text().contains("February 15-16, 2017"), feb.toString());
    // "match" is a word of its own, not a slip of "march"
    Answer match = qa.ask("Who headed the Russian delegation at the Astana talks in match?");
    assertTrue(
        match.terms().stream().anyMatch(t -> t.startsWith("match")), match.terms().toString());
  }

  /**
   * Words that only frame a question and that no passage holds ("else", "exactly", "kind of") are
   * not words the documents lack: before, "What kind of committee ...?" and "who else attended?"
   * counted "kind" and "else" as missing from every answer.
   */
  @Test
  void wordsThatOnlyFrameTheQuestionAreNotMissingWords() {
    Answer kind =
        qa.ask("What kind of committee did Kazakhstan call a major step towards a settlement?");
    assertFalse(kind.terms().stream().anyMatch(t -> t.startsWith("kind")), kind.terms().toString());
    assertTrue(kind.answered(), kind.terms().toString());
    assertTrue(kind.quotes().get(0).text().contains("constitutional committee"), kind.toString());
    Answer who = qa.ask("Who else attended the February 2017 meeting in Astana?");
    assertFalse(who.terms().stream().anyMatch(t -> t.startsWith("els")), who.terms().toString());
    assertTrue(who.quotes().get(0).text().contains("as observers"), who.toString());
  }

  /**
   * "How did X describe Y?", "What did X reply ...?" and "whether" frame the question as "exactly"
   * does; "what is his post?" and "on what day of the week" say the kind of answer asked for. All
   * had counted as words the documents lack (or "describe" was searched as "report"), and each of
   * these was "not found" with the right quote first.
   */
  @Test
  void verbsOfSayingAnOfficeAndAWeekdayAskedForAreNotMissingWords() {
    Answer describe = qa.ask("How did Lavrentyev describe the situation on the ground?");
    assertEquals(
        java.util.List.of("lavrentyev", "situat", "ground"), describe.terms(), describe.toString());
    assertTrue(describe.answered(), describe.toString());
    Answer reply =
        qa.ask(
            "What did de Mistura reply when asked whether the opposition would return to the"
                + " talks?");
    assertFalse(
        reply.terms().stream().anyMatch(t -> t.startsWith("repli") || t.startsWith("whether")),
        reply.terms().toString());
    Answer post = qa.ask("Who is Lavrentyev and what is his post?");
    assertEquals(java.util.List.of("lavrentyev"), post.terms(), post.toString());
    Answer day =
        qa.ask("On what day of the week did Lavrentyev say that Russia is ready to mediate?");
    assertFalse(
        day.terms().stream().anyMatch(t -> t.startsWith("dai") || t.startsWith("week")),
        day.terms().toString());
    assertTrue(day.answered(), day.toString());
    assertTrue(day.quotes().get(0).text().contains("Monday"), day.toString());
  }

  /** A stem under four letters of a longer mistyped word is mended: "meeing" is "mee". */
  @Test
  void aMistypedWordWhoseStemIsShortIsMended() {
    Answer a = qa.ask("When was the first meeing of the Astana process held?");
    assertTrue(a.terms().contains("mee->meet"), a.terms().toString());
    assertTrue(a.answered(), a.terms().toString());
  }

  @Test
  void thePartOfADatelineMonthAskedForDatesTheQuestionToo() {
    Answer a =
        qa.ask("Who headed the Russian delegation at the Astana talks at the end of October?");
    assertTrue(a.answered(), a.terms().toString());
    assertFalse(a.terms().stream().anyMatch(t -> t.startsWith("end")), a.terms().toString());
    assertTrue(a.terms().contains("octob"), a.terms().toString());
    assertTrue(a.quotes().get(0).text().contains("Lavrentyev"), a.toString());
  }

  @Test
  void aCountryIsNoDirectAnswerToWhichGroup() {
    // Russia is named all over the TASS report and agrees with itself; the group is Jabhat al-Nusra
    Answer a =
        qa.ask("Which terrorist group has gunmen concentrated in the Idlib region?", 3, true);
    assertEquals(
        "Jabhat al-Nusra",
        a.direct().map(org.astanaqa.retrieval.DirectAnswer::text).orElse(""),
        a.toString());
  }

  @Test
  void aMistypedFunctionWordAsksAboutNothing() {
    Answer a = qa.ask("who wer the guarantors of the ceasefire");
    assertTrue(a.answered(), a.terms().toString());
    assertEquals(List.of("guarantor", "ceasefir"), a.terms());
    // a short word the corpus lacks that is no such typo stays a word the documents never use
    Answer imf = qa.ask("did the imf fund the guarantors of the ceasefire");
    assertTrue(imf.terms().contains("imf?"), imf.terms().toString());
  }

  @Test
  void chatSpellingsAskAboutNothing() {
    // "r" and "abt" were words the documents never use, which says "not found"
    Answer plain = qa.ask("who are the guarantors of the ceasefire");
    Answer chat = qa.ask("who r the guarantors of the ceasefire");
    assertTrue(chat.answered(), chat.terms().toString());
    assertEquals(plain.terms(), chat.terms());
    assertEquals(plain.quotes().get(0).text(), chat.quotes().get(0).text());
    Answer about = qa.ask("what did lavrentyev say abt idlib");
    assertEquals(List.of("lavrentyev", "idlib"), about.terms());
  }

  @Test
  void prepositionsTheCorpusLacksAreNoWordsItNeverUses() {
    // "besides" and "per" shape the question; as words the documents never use they read as a
    // question about something else
    Answer a =
        qa.ask("Besides heading the Russian delegation, what post does Lavrentyev hold, per TASS?");
    assertFalse(
        a.terms().stream().anyMatch(t -> t.startsWith("besid") || t.startsWith("per")),
        a.terms().toString());
    assertTrue(a.terms().contains("lavrentyev"), a.terms().toString());
  }

  @Test
  void wordsThatSetAsideWhatIsKnownAskAboutNothing() {
    // "other", "else", "another" and "apart (from)" say which thing is not asked for; searched,
    // "other" found "We join others in thanking ..." and "apart", a word the documents never use,
    // read as a question about something else
    for (String q :
        List.of(
            "What other post does Alexander Lavrentyev hold?",
            "what else is lavrentyev apart from heading the delegation",
            "Does Lavrentyev hold another post?")) {
      Answer a = qa.ask(q);
      assertFalse(
          a.terms().stream()
              .anyMatch(t -> t.startsWith("other") || t.startsWith("els") || t.startsWith("apart")),
          q + " " + a.terms());
      assertTrue(a.terms().contains("lavrentyev"), a.terms().toString());
    }
  }

  @Test
  void aQuestionForCountriesIsAnsweredByAPassageThatNamesThem() {
    // "We also support the efforts of the guarantor States of the Astana process to assist
    // Syrians" says every word of the question and names no guarantor; the Tehran summit's
    // sentence, two places below, names "Russia, Turkey and Iran"
    Answer guarantors =
        qa.assess("Which three countries are the guarantor states of the Astana process?", 3)
            .answer();
    assertTrue(
        guarantors.quotes().get(0).text().contains("Russia, Turkey and Iran"),
        guarantors.toString());
    // one country asked for, and the two the question names are no answer
    Answer mediator =
        qa.assess(
                "Which country offered to be the go-between for Damascus and Ankara over Idlib?", 3)
            .answer();
    assertTrue(
        mediator.quotes().get(0).text().startsWith("Russia is ready to act as a mediator"),
        mediator.toString());
    // a quote that names no country but the question's own lacks the kind of answer asked for
    int typeMissing = QuestionAnswerer.signalNames().indexOf("typeMissing");
    QuestionAnswerer.Assessment none =
        qa.assess("Which countries support the efforts to assist Syrians in restoring unity?", 3);
    assertTrue(
        none.answer().quotes().get(0).text().contains("assist Syrians"), none.answer().toString());
    assertEquals(1.0, none.signals()[typeMissing], none.answer().toString());
  }

  @Test
  void aQuestionForARoundIsAnsweredByAPassageThatNumbersIt() {
    // "October" is only in the TASS report's dateline: the passages that say more of the question
    // number no round; the report's lead, third, says "the seventh round of negotiations"
    Answer round =
        qa.assess(
                "Which round of negotiations on Syria in Astana was under way at the end of October"
                    + " 2017?",
                3)
            .answer();
    assertTrue(round.quotes().get(0).text().contains("seventh round"), round.toString());
    // a quote that numbers no round lacks the kind of answer asked for, and is not sure
    int typeMissing = QuestionAnswerer.signalNames().indexOf("typeMissing");
    QuestionAnswerer.Assessment unnumbered =
        qa.assess("Which round of negotiations was being held in Astana?", 3);
    assertFalse(
        unnumbered.answer().quotes().get(0).text().contains("seventh"),
        unnumbered.answer().toString());
    assertEquals(1.0, unnumbered.signals()[typeMissing], unnumbered.answer().toString());
    assertTrue(
        unnumbered.answer().confidence() < qa.minConfidence(), unnumbered.answer().toString());
  }

  /**
   * A question dated by a month that only a document's date says is answered from that document:
   * "held" is said by the UN News story of May 2017 on "the current round", not by the TASS report
   * of October 2017 on "the seventh round", which its source line dates (forty-first session;
   * before, the May story was quoted, and not sure).
   */
  @Test
  void aQuestionDatedByADocumentsMonthIsAnsweredFromThatDocument() {
    Answer a = qa.ask("Which round of Astana negotiations was held in October 2017?");
    assertTrue(a.answered(), a.toString());
    assertEquals("004_8fdad36b4563e5ee", a.quotes().get(0).source().id(), a.toString());
    assertTrue(a.quotes().get(0).text().contains("seventh round"), a.toString());
    // a year no passage says stays a word the corpus lacks, though two statements are dated in it
    Answer ghouta = qa.ask("What happened in Eastern Ghouta in 2018?");
    assertTrue(ghouta.terms().contains("2018?"), ghouta.terms().toString());
  }

  @Test
  void anotherPostIsTheOneTheTextSaysHeAlsoHolds() {
    // TASS names Lavrentyev as the head of the delegation, then quotes "the diplomat, who is also
    // Russian president's special envoy for Syria": the second is the other post
    String other = "who is also Russian president";
    Answer named = qa.ask("What other post does Alexander Lavrentyev hold?");
    assertTrue(named.answered(), named.toString());
    assertTrue(named.quotes().get(0).text().contains(other), named.toString());
    // a follow-up's "he", read by the name the earlier answer gives, though the passage says
    // "the diplomat"
    Answer followUp =
        qa.ask(
            "what other post does he hold?",
            3,
            "Who headed the Russian delegation at the Astana talks in October 2017?");
    assertTrue(followUp.answered(), followUp.toString());
    assertTrue(followUp.quotes().get(0).text().contains(other), followUp.toString());
    // the office known, in a "besides" clause, is no word to find
    Answer besides =
        qa.ask("What other post does Alexander Lavrentyev hold besides heading the delegation?");
    assertTrue(besides.answered(), besides.toString());
    assertTrue(besides.quotes().get(0).text().contains(other), besides.toString());
    assertFalse(besides.terms().stream().anyMatch(t -> t.startsWith("deleg")), besides.toString());
    // the post he is asked about is the head's, which the question knows
    Answer head = qa.ask("Who headed the Russian delegation at the Astana talks in October 2017?");
    assertFalse(head.quotes().get(0).text().contains(other), head.toString());
  }

  @Test
  void aFollowUpsPassageReadsTheParagraphBeforeItAsContext() {
    // the paragraph on detained people says "today's meetings"; the one before it, "the current
    // round of negotiations": the round asked about is its context
    Answer a =
        qa.ask(
            "was anything said there about detainees?",
            3,
            "Which round of Astana talks was held on October 30?");
    assertTrue(a.answered(), a.toString());
    assertTrue(a.quotes().get(0).text().contains("forcibly detained people"), a.toString());
    // "it is a difficult issue": the document the paragraph before names, in every sentence
    Answer hard =
        qa.ask(
            "why is that so hard?",
            3,
            "What document on detainees and bodies did Lavrentyev say was being discussed in Astana?");
    assertTrue(hard.answered(), hard.toString());
    assertTrue(hard.quotes().get(0).text().contains("it is a difficult issue"), hard.toString());
  }

  @Test
  void aQuestionIsNotAnsweredFromAQuoteWithoutTheKindOfAnswerItAsksFor() {
    // TASS calls Lavrentyev the president's special envoy, and says nothing of when he became one:
    // the quote is confident about the words, and holds no date
    String when =
        "When was Alexander Lavrentyev appointed the Russian president's special envoy for Syria?";
    QuestionAnswerer.Assessment assessed = qa.assess(when, 3);
    assertTrue(assessed.answer().confidence() >= qa.minConfidence(), assessed.answer().toString());
    assertFalse(assessed.answers(), assessed.answer().toString());
    Answer asked = qa.ask(when);
    assertFalse(asked.answered(), asked.toString());
    // asked for what the same passage holds, it is answered
    Answer who = qa.ask("Who is the Russian president's special envoy for Syria?");
    assertTrue(who.answered(), who.toString());
    assertTrue(qa.assess("Who is the Russian president's special envoy for Syria?", 3).answers());
  }

  /**
   * From a probe: "When did the current round of Astana talks kick off?" was "not found" (0.64) for
   * want of a date in "The current round ... kicked off today", though UN News dates the report 3
   * May 2017. The same sentence in a document nobody dated gives no date, and is not an answer.
   */
  @Test
  void todayInADatedReportAnswersWhenAndIsGivenAsTheReportsDate(@TempDir Path undated)
      throws Exception {
    String when = "When did the current round of Astana talks kick off?";
    // the confidence reads the quote as neither lacking nor holding a date of its own
    QuestionAnswerer.Assessment assessed = qa.assess(when, 3);
    List<String> names = QuestionAnswerer.signalNames();
    assertEquals(0.0, assessed.signals()[names.indexOf("typeMissing")], assessed.toString());
    assertEquals(0.0, assessed.signals()[names.indexOf("typeFound")], assessed.toString());
    assertTrue(assessed.answers(), assessed.answer().toString());
    QuestionAnswerer direct =
        QuestionAnswerer.inMemory(Fixtures.SEEDS, Settings.defaults().withDirectAnswers(true));
    Answer a = direct.ask(when);
    assertTrue(a.answered(), a.toString());
    assertTrue(a.quotes().get(0).text().contains("kicked off today"), a.toString());
    DirectAnswer d = a.direct().orElseThrow(() -> new AssertionError(a.toString()));
    assertEquals("3 May 2017", d.text());
    assertEquals("today", d.quoted());

    String report =
        Files.readString(
            Fixtures.SEEDS.resolve("003_6bda15b34e87ddc7.txt"), StandardCharsets.UTF_8);
    // the report without its dateline: nothing in it says which day "today" is
    Files.writeString(
        undated.resolve("report.txt"),
        report.replaceAll("3 May 2017 \u2013 ", ""),
        StandardCharsets.UTF_8);
    Answer alone = QuestionAnswerer.inMemory(undated, Settings.defaults()).ask(when);
    assertFalse(alone.answered(), alone.toString());
  }

  @Test
  void toleratesTyposInWordsTheIndexDoesNotKnow() {
    Answer a = qa.ask("garantors of the astana process");
    assertTrue(a.answered());
    assertTrue(a.terms().contains("garantor->guarantor"), a.terms().toString());
  }

  @Test
  void saysNotFoundWhenTheCorpusDoesNotAnswerEvenIfAWordOccurs() {
    Answer a = qa.ask("What is the capital of France?");
    assertFalse(a.answered());
    assertTrue(a.quotes().isEmpty());
  }

  @Test
  void treatsQuerySyntaxAndOddInputAsPlainText() {
    for (String s :
        List.of(
            "",
            "   ",
            "?",
            "* ? ~ ^ : \" ( ) \\ AND OR NOT",
            "*",
            "\u0000\u0007",
            "\ud83d\ude00 \u0633\u0648\u0631\u064a\u0627 \u0421\u0438\u0440\u0438\u044f \u53d9\u5229\u4e9a",
            "<script>alert(1)</script>",
            "x".repeat(5000),
            "astana ".repeat(1000),
            "\ud800 lone surrogate")) {
      Answer a = qa.ask(s);
      assertEquals(s, a.question());
    }
    assertTrue(qa.ask("guarantors AND (astana OR \"process\")").answered());
  }

  @Test
  void aLoneLetterIsNoWordWithSynonyms() {
    // From a probe: `ask x` was answered "Likely answer (confidence 0.82)" with a passage that
    // says "10": WordNet lists "x" as a synonym of ten (as "d" of 500, "m" of meter).
    for (String q : List.of("x", "X?", "d", "m")) {
      Answer a = qa.ask(q);
      assertFalse(a.answered(), q + ": " + a);
    }
  }

  @Test
  void listsTheIndexedDocumentsWithTheirMetadata() {
    List<Source> sources = qa.sources();
    assertEquals(5, sources.size());
    Source tass = sources.get(4);
    assertEquals("004_8fdad36b4563e5ee", tass.id());
    assertEquals("TASS", tass.publisher());
    assertEquals("2017-10-30", tass.date());
  }

  @Test
  void aPersonTheDocumentsNeverMentionIsNoAliasOfHisCountry() {
    // "erdogan" was an alias of "turkey" (as "ankara" is), so this question was answered with
    // what Lavrentyev said about Idlib ("Likely answer", 0.81): a probe found it.
    Answer a = qa.ask("What did Erdogan say about Idlib?");
    assertFalse(a.answered(), a.toString());
    assertTrue(a.terms().contains("erdogan?"), a.terms().toString());
  }
}
