package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionTextTest {
  @Test
  void politenessGreetingsAndTrailingNoiseAreTrimmed() {
    String plain = "Who were the Astana guarantors?";
    for (String typed :
        new String[] {
          "Who were the Astana guarantors? thanks",
          "Who were the Astana guarantors? Thank you very much!",
          "hi, who were the Astana guarantors?",
          "Hello bot! Can you tell me who were the Astana guarantors? pls",
          "Who were the Astana guarantors?? 0",
          "Who were the Astana guarantors?!!! \ud83d\ude4f\ud83d\ude4f",
          "<b>Who were the Astana guarantors?</b>",
          // from a probe: an entity pasted from a page's source was part of a word
          "Who&nbsp;were the Astana&#160;guarantors?&nbsp;",
          "<p>Who were the Astana guarantors?</p>&nbsp;",
          "&lt;b&gt;Who were the Astana guarantors?&lt;/b&gt;",
          "&#27;[2JWho were the Astana guarantors?",
          "please who were the Astana guarantors? thx",
          // from a probe of 25 ways of wrapping the tune halves' plain questions
          "@astana_bot who were the Astana guarantors?",
          "/ask who were the Astana guarantors?",
          "btw who were the Astana guarantors?",
          "Question for you: who were the Astana guarantors?",
          "Who were the Astana guarantors? (asking for a friend)",
          "Who were the Astana guarantors?? pls answer asap",
          "Dear bot, who were the Astana guarantors? Regards, Anna",
          "Who were the Astana guarantors? I need it for my homework",
          "hmm who were the Astana guarantors? any idea?",
          // what else people write before a question
          "thanks for the help earlier! who were the Astana guarantors?",
          "Hello! 2 questions, first one: who were the Astana guarantors?",
          "Hello! 2 questions actually, first: who were the Astana guarantors?",
          "one more question: who were the Astana guarantors?",
          "question 2: who were the Astana guarantors?",
          "Q3. who were the Astana guarantors?",
          // the two above were trimmed as a list number already; these only as a question's number
          "Question 12, who were the Astana guarantors?",
          "question no. 3: who were the Astana guarantors?",
          "Q3, who were the Astana guarantors?",
          "sorry to bother you, who were the Astana guarantors?",
          "I was wondering who were the Astana guarantors?",
          "quick one: who were the Astana guarantors?",
          "I have a question: who were the Astana guarantors?",
          "heyyy \ud83d\ude42 who were the Astana guarantors??",
          "ok 3 more questions lol. first: who were the Astana guarantors?",
          "hi there, doing my homework \ud83d\udcda who were the Astana guarantors?",
          "sorry if this is a silly question but who were the Astana guarantors?",
          "hello bot, it's 2024 and I'm catching up. who were the Astana guarantors?"
        }) {
      assertEquals(plain.toLowerCase(), QuestionText.clean(typed).toLowerCase(), typed);
    }
  }

  /**
   * Politeness, laughter, smileys and a stray "0" at the end of a message with no punctuation
   * before them, as keyword questions are typed (twentieth session: 20 wrappings of the tune
   * halves' questions, 1.4% of which quoted another passage than the question alone). A last word
   * that may be the question's own ("thank", "#2254", "round 7") stays.
   */
  @Test
  void chatAtTheEndWithoutPunctuationIsTrimmed() {
    String plain = "sochi memorandum date";
    for (String typed :
        new String[] {
          "sochi memorandum date thanks",
          "sochi memorandum date ty",
          "sochi memorandum date thx!",
          "Good morning! sochi memorandum date Thank you in advance.",
          "sochi memorandum date lol",
          "sochi memorandum date :)",
          "sochi memorandum date please",
          "sochi memorandum date 0",
          "hey \ud83d\udc4b sochi memorandum date ty"
        }) {
      assertEquals(plain, QuestionText.clean(typed), typed);
    }
    assertEquals("Whom did Kazakhstan thank", QuestionText.clean("Whom did Kazakhstan thank"));
    assertEquals(
        "What does resolution #2254 say about",
        QuestionText.clean("What does resolution #2254 say about"));
    assertEquals("who chaired round 7", QuestionText.clean("who chaired round 7"));
    // a tag may be the subject; a 0 may be a number's or a score's (review, twentieth session)
    assertEquals("What happened in #Idlib", QuestionText.clean("What happened in #Idlib thanks"));
    assertEquals("What is Astana 2.0", QuestionText.clean("What is Astana 2.0"));
    assertEquals("Did it pass 15 to 0", QuestionText.clean("Did it pass 15 to 0"));
    // a run of "again" is bounded: no StackOverflowError on a long message
    assertTrue(
        QuestionText.clean("sochi memorandum date thanks" + " again".repeat(2000))
            .startsWith("sochi memorandum date"));
    assertTrue(
        QuestionText.forEmbedding("sochi memorandum date thanks" + " again".repeat(2000))
            .startsWith("sochi memorandum date"));
  }

  /**
   * Chat the thirty-third session's wrapping of the tune halves' plain questions found left in the
   * search (48 ways, 1,452 questions: 2.96% quoted another passage than the plain question, "mani"
   * and "asap" searched as words the corpus lacks, and so "not found").
   */
  @Test
  void moreThanksRequestsAndGreetingsAreTrimmed() {
    String plain = "who headed the Russian delegation?";
    for (String typed :
        new String[] {
          "Excuse me, who headed the Russian delegation?",
          "hi again! who headed the Russian delegation?",
          "morning! who headed the Russian delegation?",
          "Hi, hope you're well. who headed the Russian delegation?",
          "I'd like to know who headed the Russian delegation?",
          "I need to know who headed the Russian delegation?",
          "Kindly tell me who headed the Russian delegation?",
          "who headed the Russian delegation? many thanks!",
          "who headed the Russian delegation? much appreciated",
          "who headed the Russian delegation? great, thanks",
          "who headed the Russian delegation? cheers mate"
        }) {
      assertEquals(plain.toLowerCase(), QuestionText.clean(typed).toLowerCase(), typed);
    }
    String keywords = "russian delegation head";
    for (String typed :
        new String[] {
          "russian delegation head many thanks",
          "russian delegation head much appreciated",
          "russian delegation head asap pls",
          "russian delegation head please answer",
          "russian delegation head cheers mate",
          "russian delegation head (asking for a friend)",
          "russian delegation head #Russian"
        }) {
      assertEquals(keywords, QuestionText.clean(typed), typed);
    }
    // the question's own words stay: a "great" that is no thanks, a tag with a word of its own
    assertEquals("Was the progress great", QuestionText.clean("Was the progress great"));
    assertEquals(
        "Who attended the meeting #Jordan", QuestionText.clean("Who attended the meeting #Jordan"));
    assertEquals(
        "What did the morning session decide?",
        QuestionText.clean("What did the morning session decide?"));
  }

  /**
   * "much appreciated" after "was" or "were" is what the question asks about, not thanks: "Which
   * contribution by Kazakhstan was much appreciated?" was searched as "... Kazakhstan was".
   */
  @Test
  void muchAppreciatedThatTheQuestionSaysOfSomethingStays() {
    for (String q :
        List.of(
            "Which contribution by Kazakhstan was much appreciated?",
            "Whose efforts were much appreciated")) {
      assertEquals(q, QuestionText.clean(q), q);
    }
    assertEquals(
        "Whose efforts were much appreciated?",
        QuestionText.clean("Whose efforts were much appreciated? many thanks"));
  }

  /**
   * A bracket that ends a question and names a school or a class is the question's own words ("the
   * strike on Haas (a school)"); only one that says what the asking is for ("(for my class)") is
   * chat.
   */
  @Test
  void aBracketNamingASchoolIsTheQuestionsOwnWords() {
    for (String q :
        List.of("What was hit in Haas (a school)?", "Which seats were given (business class)?")) {
      assertEquals(q, QuestionText.clean(q), q);
    }
    assertEquals(
        "russian delegation head", QuestionText.clean("russian delegation head (for my class)"));
    assertEquals(
        "russian delegation head", QuestionText.clean("russian delegation head (school project)"));
  }

  /** A date or a time that opens a question is no list number ("12." and "05." of 12.05.2017). */
  @Test
  void aDateThatOpensAQuestionIsNoListNumber() {
    assertEquals(
        "12.05.2017 what was signed in Astana?",
        QuestionText.clean("12.05.2017 what was signed in Astana?"));
    assertEquals("10:30 who spoke?", QuestionText.clean("10:30 who spoke?"));
    assertEquals("what was signed in Astana?", QuestionText.clean("2) what was signed in Astana?"));
  }

  /**
   * "Pardon" opens a question as chat only as "pardon me" or before a pause ("Pardon, who ..."):
   * "Pardon decree: when was it signed?" asks about the pardon decree.
   */
  @Test
  void pardonAsTheQuestionsSubjectStays() {
    assertEquals(
        "Pardon decree: when was it signed?",
        QuestionText.clean("Pardon decree: when was it signed?"));
    assertEquals(
        "who headed the Russian delegation?",
        QuestionText.clean("Pardon, who headed the Russian delegation?"));
    assertEquals(
        "who headed the Russian delegation?",
        QuestionText.clean("pardon me who headed the Russian delegation?"));
  }

  /**
   * The embedding model reads punctuation and smileys: a question is embedded ending in one
   * question mark however it ended, so that "?!!", "?" and nothing give the same vector.
   */
  @Test
  void aQuestionIsEmbeddedEndingInOneQuestionMark() {
    String embedded = "de mistura damascus visit?";
    for (String typed :
        new String[] {
          "de mistura damascus visit",
          "de mistura damascus visit?!!",
          "de mistura damascus visit :)",
          "de mistura damascus visit...",
          "de mistura damascus visit? thanks"
        }) {
      assertEquals(embedded, QuestionText.forEmbedding(typed), typed);
    }
    assertEquals("???", QuestionText.forEmbedding("???"), "nothing but marks stays as typed");
    assertEquals(
        "was it adopted (in full)?", QuestionText.forEmbedding("was it adopted (in full)"));
  }

  @Test
  void tagsAfterTheQuestionListMarkersAndWhyThePersonAsksAreTrimmed() {
    String plain = "Who heads the Russian delegation at the Astana talks?";
    for (String typed :
        new String[] {
          "Who heads the Russian delegation at the Astana talks? #astana",
          "Who heads the Russian delegation at the Astana talks?? #UNSC 2018",
          "Who heads the Russian delegation at the Astana talks? #idlib thanks a lot",
          "Who heads the Russian delegation at the Astana talks? need it for a piece tonight",
          "Who heads the Russian delegation at the Astana talks? for my article, pls",
          "q2) Who heads the Russian delegation at the Astana talks?",
          "Q7 Who heads the Russian delegation at the Astana talks?",
          "team, Who heads the Russian delegation at the Astana talks?",
          "ok so 2 things... first, Who heads the Russian delegation at the Astana talks?",
          "thanks for earlier! now 2 things... actually just 1: Who heads the Russian delegation at"
              + " the Astana talks?"
        }) {
      assertEquals(plain, QuestionText.clean(typed), typed);
    }
    assertEquals(
        "Now that the talks ended, who won?",
        QuestionText.clean("Now that the talks ended, who won?"),
        "'now' is chat only before a pause or a count");
    assertEquals(
        "Q4 2018: what happened in Idlib?",
        QuestionText.clean("Q4 2018: what happened in Idlib?"),
        "a quarter of a year is no label");
    // a tag inside the question, or a question after the remark, stays
    assertEquals(
        "What did #Russia say? and who heads the delegation?",
        QuestionText.clean("What did #Russia say? and who heads the delegation?"));
  }

  @Test
  void whoseAccountTheQuestionCitesIsReadApart() {
    assertEquals(
        "Who invited them ?",
        QuestionText.withoutCitedAccount("Who invited them according to Kazakhstan's envoy?")
            .replaceAll("\\s+", " "));
    assertEquals(
        "who heads the Russian delegation?",
        QuestionText.withoutCitedAccount("According to TASS who heads the Russian delegation?")
            .strip());
    assertEquals(null, QuestionText.withoutCitedAccount("Who heads the Russian delegation?"));
    // "according" mistyped still cites an account, so the envoy is not the "who" asked for
    for (String typo : new String[] {"acording", "accordin", "accourding", "accordng"}) {
      assertEquals(
          "Who invited them ?",
          QuestionText.withoutCitedAccount("Who invited them " + typo + " to Kazakhstan's envoy?")
              .replaceAll("\\s+", " "),
          typo);
    }
    // the noun "accord" is no "according"
    assertEquals(
        null, QuestionText.withoutCitedAccount("Who signed the accord to create the zones?"));
    for (String typed :
        new String[] {
          "At whose request, per the Kazakh envoy, did they come?",
          "In the Kazakh envoy's view, who should shape Syria's future?"
        }) {
      String asked = QuestionText.withoutCitedAccount(typed);
      assertFalse(asked.contains("envoy"), asked);
      assertTrue(asked.contains("did they come") || asked.contains("who should shape"), asked);
    }
    assertEquals(null, QuestionText.withoutCitedAccount("What per cent of Syria is calm?"));
  }

  /** A thousand greetings, tags or thanks in a row overflowed the regex engine's stack. */
  @Test
  void aLongRunOfChatIsTrimmedWithoutOverflowingTheStack() {
    assertEquals(
        "Who were the guarantors?",
        QuestionText.clean("hi ".repeat(30) + "Who were the guarantors? " + "#astana ".repeat(30)));
    for (String typed :
        new String[] {
          "hi ".repeat(1000) + "who were the guarantors?",
          "q1 ".repeat(1000),
          "who? " + "#a ".repeat(1000),
          "who were they? " + "thanks ".repeat(1000)
        }) {
      assertTrue(QuestionText.clean(typed).length() > 0, typed.substring(0, 20));
    }
  }

  @Test
  void wordsThatStartTheQuestionItselfStay() {
    // "some", "sorry" and "first" begin a question's own words only as whole phrases of noise
    assertEquals(
        "Some questions remain open: who pays?",
        QuestionText.clean("Some questions remain open: who pays?"));
    assertEquals(
        "First round of talks: when was it held?",
        QuestionText.clean("First round of talks: when was it held?"));
  }

  @Test
  void aSentenceBeforeTheQuestionThatNamesSomethingStays() {
    // chat words, but it names the subject: the question leans on it
    assertEquals(
        "about Sochi: who signed it?", QuestionText.clean("Sorry, about Sochi: who signed it?"));
    // no chat word: context, not chat
    assertEquals(
        "the memorandum was signed in september. who signed it?",
        QuestionText.clean("the memorandum was signed in september. who signed it?"));
  }

  @Test
  void aRemarkAfterTheQuestionThatAsksSomethingStays() {
    assertEquals(
        "Who signed it? my friend asks which day",
        QuestionText.clean("Who signed it? my friend asks which day"));
    assertEquals("Who signed it? In Sochi", QuestionText.clean("Who signed it? In Sochi"));
  }

  @Test
  void theDocumentsAsTheQuestionsFrameAreDropped() {
    assertEquals(
        "What do say about a constitution for Syria?",
        QuestionText.clean("What do the texts say about a constitution for Syria?"));
    assertEquals(
        "who were the guarantors?",
        QuestionText.clean("According to your documents, who were the guarantors?"));
    assertEquals(
        "What is said about Idlib?",
        QuestionText.clean("What is said about Idlib in the sources?"));
    // "mentioned" with them is the frame too: searched, it was "cited", which no passage says
    assertEquals(
        "Who is the UN Special Envoy for Syria?",
        QuestionText.clean("Who is the UN Special Envoy for Syria mentioned across these texts?"));
    assertEquals(
        "What trust-building steps are there?",
        QuestionText.clean("What trust-building steps are there throughout the documents?"));
    assertEquals("Which elections are named?", QuestionText.clean("Which elections are named?"));
    assertEquals(
        "What must be done to uphold the ceasefire, Tumysh?",
        QuestionText.clean("What must be done to uphold the ceasefire, according to Tumysh?"));
    // The documents as the subject of the question stay.
    assertEquals(
        "Which documents record ceasefire violations?",
        QuestionText.clean("Which documents record ceasefire violations?"));
    assertEquals(
        "documents recording ceasefire violations",
        QuestionText.clean("documents recording ceasefire violations"));
  }

  @Test
  void whatIsTheNameOfAsksWho() {
    assertEquals("Who is the UN envoy?", QuestionText.clean("What is the name of the UN envoy?"));
    assertEquals(
        "Who was the OCHA official?", QuestionText.clean("what was the name of OCHA official?"));
    assertEquals("Who is the envoy?", QuestionText.clean("What's the name of the envoy?"));
    assertEquals("Who is the envoy?", QuestionText.clean("What\u2019s the name of the envoy?"));
    assertEquals("Who is the envoy?", QuestionText.clean("Whats the name of the envoy?"));
    assertEquals("What name did they give?", QuestionText.clean("What name did they give?"));
  }

  @Test
  void withoutNoiseKeepsTheQuestionsOwnWords() {
    assertEquals(
        "how many zones is syria getting?",
        QuestionText.withoutNoise(
            "hi bot 🙂 can you tell me how many zones is syria getting?? thx"));
    assertEquals(
        "What is the name of the stadium?",
        QuestionText.withoutNoise("<b>What is the name of the stadium?</b>"));
  }

  /**
   * Numbered or tagged questions and thanks for an earlier answer: "1)", "2)", "q #2" and "#syria"
   * were searched as words no document says ("2?", "hello?"), and an answer's thanks in front of
   * the next question stayed part of it; each is noise before the question, as a greeting is.
   */
  @Test
  void listMarkersHashtagsAndThanksBeforeTheQuestionAreTrimmed() {
    String plain = "who chaired the meeting?";
    for (String typed :
        new String[] {
          "1) hello 2) who chaired the meeting?",
          "(3) who chaired the meeting?",
          "hey, q #2: who chaired the meeting?",
          "hi 👋 quick q: who chaired the meeting?",
          "pls help 🙂 who chaired the meeting?",
          "#syria #astana hey, who chaired the meeting?",
          "ok thanks. who chaired the meeting?",
          "thx! who chaired the meeting?"
        }) {
      assertEquals(plain, QuestionText.clean(typed), typed);
    }
    assertEquals(
        "Thanks to whom did the talks resume?",
        QuestionText.clean("Thanks to whom did the talks resume?"),
        "\"thanks to\" is the question's own");
    assertEquals(
        "2017: who chaired the meeting?",
        QuestionText.clean("2017: who chaired the meeting?"),
        "a year is no list number");
  }

  @Test
  void whatThePersonSaysOfThemselvesBeforeTheQuestionIsTrimmed() {
    String[][] typedAndSearched = {
      {
        "Hello! I'm writing a school report (grade 11) - what did Kazakhstan say about the"
            + " constitutional committee? Thanks a lot!",
        "what did Kazakhstan say about the constitutional committee?"
      },
      {
        "My teacher asked me: when was the Sochi memorandum signed?",
        "when was the Sochi memorandum signed?"
      },
      // a name in it is the question's subject, and stays
      {
        "I'm reading about the Sochi deal, what was agreed?",
        "I'm reading about the Sochi deal, what was agreed?"
      },
      // a question that says all it asks keeps only the names of the chat before it
      {
        "I'm writing an essay on Syria. Who were the Astana guarantors?",
        "Syria. Who were the Astana guarantors?"
      },
      {
        "I read the TASS article yesterday. Who headed the Russian delegation?",
        "TASS. Who headed the Russian delegation?"
      },
      {
        "I read that Russia and Turkey were guarantors. Who was the third?",
        "I read that Russia and Turkey were guarantors. Who was the third?"
      },
      {
        "i'm writing an essay on syria. who were the astana guarantors?",
        "who were the astana guarantors?"
      },
      // from the review: chat that says what the question is about stays
      {"I heard the talks were postponed, why?", "I heard the talks were postponed, why?"},
      {
        "I need information about the de-escalation zones: which ones are working?",
        "I need information about the de-escalation zones: which ones are working?"
      },
      {"I need this for class: who were the Astana guarantors?", "who were the Astana guarantors?"}
    };
    for (String[] c : typedAndSearched) {
      assertEquals(c[1], QuestionText.clean(c[0]), c[0]);
    }
  }

  @Test
  void wordsInsideTheQuestionStay() {
    assertEquals("Whom did Kazakhstan thank?", QuestionText.clean("Whom did Kazakhstan thank?"));
    assertEquals("What happened in 2016?", QuestionText.clean("What happened in 2016?"));
    assertEquals("sochi memorandum date", QuestionText.clean("sochi memorandum date"));
  }

  @Test
  void aMistypedQuestionWordOrFunctionWordIsMended() {
    assertEquals(
        "When was the Sochi memorandum signed?",
        QuestionText.clean("Wehn was the Sochi memorandum signed?"));
    assertEquals(
        "What other post does he hold?", QuestionText.clean("Whrt other post does he hold?"));
    assertEquals("what was it about?", QuestionText.clean("wat was it abot?"));
    // "wat" is also a word of its own (a temple): mended before a word that follows "what"
    assertEquals("what else is he?", QuestionText.clean("wat else is he?"));
    assertEquals("what kind of body?", QuestionText.clean("wat kind of body?"));
    assertEquals("Who met between the rounds?", QuestionText.clean("Who met betwen the rounds?"));
  }

  @Test
  void chatSpellingsAreReadAsTheWordsTheyStandFor() {
    assertEquals("who are the guarantors", QuestionText.clean("who r the guarantors"));
    assertEquals(
        "what did lavrentyev say about idlib?",
        QuestionText.clean("what did lavrentyev say abt idlib?"));
    assertEquals("When did they meet?", QuestionText.clean("Whn did they meet?"));
    assertEquals(
        "how many zones are there, can you say",
        QuestionText.clean("hw many zones r there, can u say"));
    assertEquals("what is the sochi deal?", QuestionText.clean("whats the sochi deal?"));
  }

  @Test
  void lettersOfAbbreviationsAndNamesAreNoChatSpellings() {
    // a letter of "U.S." or of an initial, and a capitalised word inside the question (a name)
    assertEquals("Did the U.S. attend?", QuestionText.clean("Did the U.S. attend?"));
    assertEquals("did the u.s. attend?", QuestionText.clean("did the u.s. attend?"));
    assertEquals("What did R. Erdogan say?", QuestionText.clean("What did R. Erdogan say?"));
    assertEquals("What did Wen Jiabao say?", QuestionText.clean("What did Wen Jiabao say?"));
    assertEquals("Was Viktor Bout there?", QuestionText.clean("Was Viktor Bout there?"));
    // a chat spelling inside a longer word is that word's
    assertEquals("Who attended the round?", QuestionText.clean("Who attended the round?"));
  }

  @Test
  void aLetterThatIsAnInitialOrPartOfAnAbbreviationIsNoChatSpelling() {
    // an initial opening the question, as inside it: "R. Erdogan", "U Thant" (U is his honorific)
    for (String q :
        List.of(
            "R. Erdogan said what about Idlib?",
            "who is r. erdogan?",
            "U Thant said what?",
            "what is the r&d budget?",
            "R&D spending in 2017?",
            "what did r/syriancivilwar say?")) {
      assertEquals(q, QuestionText.chatSpellings(q));
    }
  }

  @Test
  void anEraAfterAYearAndABoutOfFightingAreNoChatSpellings() {
    // "bc" after a year is the era, not "because"; "a bout of" is the noun, not "about"
    for (String q :
        List.of(
            "what happened in 44 bc?",
            "who ruled in 300 bc",
            "when did the last bout of fighting start?")) {
      assertEquals(q, QuestionText.chatSpellings(q));
    }
    assertEquals(
        "what did he say about idlib", QuestionText.chatSpellings("what did he say bout idlib"));
  }

  @Test
  void aWordTwoQuestionWordsAreNearOrARealWordIsLeftAlone() {
    // "Wha" is a letter from both "what" and "who" ("Whn", as near "when" and "who", is chat's
    // "when": chatSpellingsAreReadAsTheWordsTheyStandFor)
    assertEquals("Wha did they sign?", QuestionText.clean("Wha did they sign?"));
    // "form" is an English word, not a typo of "from"; "Idlib" and "Homs" are no function words
    assertEquals(
        "Which form did the Idlib deal take in Homs?",
        QuestionText.clean("Which form did the Idlib deal take in Homs?"));
    assertEquals("Sochi memorandum date", QuestionText.clean("Sochi memorandum date"));
    // a first word that is a word of its own, one letter from a question word (from a review:
    // "Then" became "When", and a SciFact claim's "Low expression" "How expression")
    assertEquals("Then who signed it?", QuestionText.clean("Then who signed it?"));
    assertEquals(
        "Low expression of p53 predicts relapse",
        QuestionText.clean("Low expression of p53 predicts relapse"));
  }

  @Test
  void oneEditIsAnInsertionDeletionSubstitutionOrSwap() {
    assertEquals(true, QuestionText.oneEditApart("wat", "what"));
    assertEquals(true, QuestionText.oneEditApart("whta", "what"));
    assertEquals(true, QuestionText.oneEditApart("whet", "what"));
    assertEquals(true, QuestionText.oneEditApart("whatt", "what"));
    assertEquals(false, QuestionText.oneEditApart("what", "what"));
    assertEquals(false, QuestionText.oneEditApart("wt", "what"));
    assertEquals(false, QuestionText.oneEditApart("tahw", "what"));
  }

  @Test
  void aMessageOfNothingButNoiseIsLeftAsTyped() {
    assertEquals("thanks!", QuestionText.clean("thanks!"));
    assertEquals("\ud83d\ude00", QuestionText.clean("\ud83d\ude00"));
  }

  @Test
  void aMessageThatOnlyThanksAsksNothing() {
    for (String t :
        List.of(
            "Thanks!",
            "thank you so much 🙏",
            "ok, got it 👍",
            "Спасибо!",
            "thx",
            "many thanks!",
            "much appreciated",
            "cheers mate")) {
      assertTrue(QuestionText.onlyThanks(t), t);
    }
    for (String q :
        List.of("Whom did Kazakhstan thank?", "thanks, who were the guarantors?", "ok", "?")) {
      assertEquals(q.equals("ok"), QuestionText.onlyThanks(q), q);
    }
  }

  /**
   * A terminal's colour code pasted with the question glued to its next word: "Astana
   * ESC[31mguarantors" was searched as "31mguarantors" and answered "not found" (0.032).
   */
  @Test
  void escapeSequencesAndControlCharactersAreNoPartOfTheQuestion() {
    assertEquals(
        "Who were the Astana guarantors?",
        QuestionText.withoutNoise("Who were the Astana \u001b[31mguarantors?\u001b[0m"));
    assertEquals(
        "Who were the Astana guarantors?",
        QuestionText.withoutNoise("\u001b]0;title\u0007Who were the Astana\u0000guarantors?"));
    assertEquals("When was it signed?", QuestionText.withoutNoise("When was it\u0085signed?"));
  }

  /**
   * A lone ESC (a stray Escape key press, or the Alt key of a terminal that sends it as ESC) took
   * the letter after it: "Astana ESCguarantors" was searched as "uarantors".
   */
  @Test
  void aLoneEscapeKeepsTheLetterAfterIt() {
    assertEquals(
        "Who were the Astana guarantors?",
        QuestionText.withoutNoise("Who were the Astana\u001bguarantors?"));
    assertEquals(
        "Who were the Astana guarantors?",
        QuestionText.withoutNoise("Who were the \u001bAstana guarantors?"));
    assertEquals(
        "When was it signed in 2017?",
        QuestionText.withoutNoise("When was it signed in \u001b2017?"));
    // the short sequences terminals use still go whole
    assertEquals(
        "Who were the Astana guarantors?",
        QuestionText.withoutNoise("\u001b(BWho were the\u001b7 Astana\u001bc guarantors?\u001bOA"));
    // a letter that a word goes on after is the word's, not a key's or a reset's (review: "x
    // ESCMoscow" was "x oscow", "ESCOSCE" was "CE")
    assertEquals("What did Moscow say?", QuestionText.withoutNoise("What did \u001bMoscow say?"));
    assertEquals("Was the OSCE there?", QuestionText.withoutNoise("Was the \u001bOSCE there?"));
    assertEquals(
        "Who agreed the ceasefire?", QuestionText.withoutNoise("Who agreed the \u001bceasefire?"));
  }

  /**
   * "take place" says what "held" says: searched as its own two words, it found the one passage
   * where "no strikes are taking place" before the one that dates the first meeting.
   */
  @Test
  void takePlaceIsSearchedAsHeld() {
    assertEquals(
        "When did the first Astana meeting held?",
        QuestionText.clean("When did the first Astana meeting take place?"));
    assertEquals(
        "Where were the talks held?", QuestionText.clean("Where were the talks taking place?"));
    assertEquals(
        "Where is the place of talks?", QuestionText.clean("Where is the place of talks?"));
  }

  /** From a probe: "hello" was answered with "We thank Special Envoy ..." ("may be related"). */
  @Test
  void aMessageThatOnlyGreetsIsToldSoAndAQuestionAfterAGreetingIsNot() {
    for (String greeting :
        new String[] {
          "hello",
          "Hello there!",
          "hi all",
          "Hey bot 👋",
          "good morning",
          "hello, how are you?",
          "Привет!",
          "Здравствуйте, бот",
          "добрый день",
          "привет всем",
          "\uFF48\uFF45\uFF4C\uFF4C\uFF4F"
        }) {
      assertTrue(QuestionText.onlyGreets(greeting), greeting);
    }
    for (String asks :
        new String[] {
          "hello, who were the guarantors?",
          "there?",
          "all of them?",
          "Hi, when was it signed?",
          "привет, кто гаранты?",
          "",
          "thanks"
        }) {
      assertFalse(QuestionText.onlyGreets(asks), asks);
    }
  }
}
