package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.astanaqa.retrieval.search.Transliteration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Language detection, the Russian query, transliterated names, the glossary and follow-ups. */
class RussianQuestionsTest {
  private static QuestionAnswerer qa;

  @BeforeAll
  static void open() {
    qa = QuestionAnswerer.inMemory(Fixtures.SEEDS, Settings.defaults());
  }

  @AfterAll
  static void close() throws Exception {
    qa.close();
  }

  @Test
  void detectsRussianEnglishAndOtherLanguagesOnShortQuestions() {
    assertEquals("ru", Languages.detect("Кто гаранты астанинского процесса?"));
    assertEquals("ru", Languages.detect("а Иран?"));
    assertEquals("ru", Languages.detect("Мистура Idlib?"), "mostly Cyrillic");
    assertEquals("en", Languages.detect("Who were the Astana guarantors?"));
    assertEquals("en", Languages.detect("sochi memorandum date"));
    assertEquals(
        "en", Languages.detect("Genève talks"), "a foreign name is not a foreign question");
    assertEquals("en", Languages.detect("2254"));
    assertEquals("en", Languages.detect(""));
    assertEquals("de", Languages.detect("Wer sind die Garanten des Astana-Prozesses?"));
    assertEquals("fr", Languages.detect("Qui sont les garants du processus d'Astana ?"));
    assertEquals("es", Languages.detect("¿Quién firmó el memorando de Sochi?"));
    assertEquals("kk", Languages.detect("Астана процесінің кепілгерлері кім?"));
    assertEquals("uk", Languages.detect("Хто гаранти астанинського процесу? Їх три?"));
    // From a probe: Kazakh with "і" as its only telling letter was Ukrainian, and Ukrainian
    // without one was Russian.
    assertEquals("kk", Languages.detect("Кепілдер кімдер?"));
    assertEquals("uk", Languages.detect("Хто гаранти?"));
    assertEquals("uk", Languages.detect("Які країни гаранти?"));
    assertEquals("ru", Languages.detect("Что такое Астана?"));
    assertEquals("ru", Languages.detect("Кто подписал меморандум?"));
    assertEquals("ar", Languages.detect("من هم ضامنو عملية أستانا؟"));
    assertEquals("zh", Languages.detect("阿斯塔纳进程的保证国是谁？"));
    // From a probe: Turkish whose only telling letters are "ü" and "ö", which pointed to German
    // alone, was English, and "not found"
    assertEquals("tr", Languages.detect("Astana süreci garantörleri kimlerdir?"));
    assertEquals("tr", Languages.detect("Garantörler kimdir?"));
    // a tie of little words goes to the language a letter points to, in every run: "con" and
    // "una" are Spanish and Italian both, and "á" says which (Map.of's order, which changes from
    // run to run, had picked either, and Italian, which no letter points to, made it English)
    assertEquals("es", Languages.detect("con una zona más"));
    assertEquals("de", Languages.detect("Wer hat das Memorandum über Idlib unterzeichnet?"));
    assertEquals("en", Languages.detect("Who were the guarantörs?"), "a typo is no language");
  }

  @Test
  void aRussianQuestionAboutNamesSpeltInLatinLettersIsRussian() {
    // From a probe: more Latin letters than Cyrillic ones made these English, and "not found"
    assertEquals("ru", Languages.detect("Кто такой Alexander Lavrentyev?"));
    assertEquals("ru", Languages.detect("Когда подписан Sochi memorandum?"));
    assertEquals("ru", Languages.detect("Что такое Astana process?"), "its own words are Russian");
    // more Latin words than Cyrillic ones, but a Russian question word opens it
    assertEquals("ru", Languages.detect("что такое de-escalation zones?"));
    assertEquals("ru", Languages.detect("сколько de-escalation zones are functioning?"));
    assertEquals("en", Languages.detect("Who is Alexander Lavrentyev?"));
    assertEquals(
        "en", Languages.detect("What did Лавров say about the Astana guarantors?"), "a name only");
    Answer zones = qa.ask("что такое de-escalation zones?");
    assertTrue(zones.answered(), zones.toString());
    assertTrue(zones.quotes().get(0).text().contains("de-escalation zones"), zones.toString());
    Answer a = qa.ask("Кто такой Alexander Lavrentyev?");
    assertTrue(a.answered(), "answered");
    assertTrue(a.quotes().get(0).text().contains("Lavrentyev"), a.quotes().get(0).text());
  }

  @Test
  void transliteratesNamesInTheirCommonSpellings() {
    List<String> lavrentyev = Transliteration.variants("Лаврентьев");
    assertEquals("lavrentyev", lavrentyev.get(0));
    assertTrue(lavrentyev.contains("lavrentiev"), lavrentyev.toString());
    assertTrue(Transliteration.variants("Джабхат").contains("jabhat"));
    assertTrue(Transliteration.variants("Мистура").contains("mistura"));
    assertTrue(Transliteration.variants("Idlib").isEmpty(), "nothing to transliterate");
    assertTrue(Transliteration.variants("Александр").contains("alexander"));
  }

  /**
   * "представлял" (represented) was read as "representatives": the question then asked for no
   * person, and the observers' passage, which names none, answered who represented the USA (0.91).
   */
  @Test
  void whoRepresentedAsksForAPersonAsInEnglish() {
    assertTrue(
        qa.searchedText("Кто представлял США на встрече в Астане?").startsWith("who represented"),
        qa.searchedText("Кто представлял США на встрече в Астане?"));
    Answer usa = qa.ask("Кто представлял США на встрече в Астане в феврале 2017 года?");
    assertFalse(usa.answered(), () -> "answered with " + usa.quotes());
  }

  /**
   * Common words a question is asked with are translated, not transliterated or matched to a word
   * one letter off: "нацелены" (aimed) was searched as "population" ("населены"), "господин" as
   * "gospodin", "начавшийся" as "nachavshiysya", all words the documents never use.
   */
  @Test
  void commonQuestionWordsAreTranslatedNotMatchedOneLetterOff() {
    String aimed = qa.searchedText("На что были нацелены переговоры в Астане в феврале 2017 года?");
    assertTrue(aimed.contains("aimed") && !aimed.contains("population"), aimed);
    Answer a = qa.ask("На что были нацелены переговоры в Астане в феврале 2017 года?");
    assertTrue(a.answered(), a.toString());
    assertTrue(a.quotes().get(0).text().contains("aimed at"), a.quotes().get(0).text());
    assertTrue(
        qa.searchedText("Какие меры доверия перечисляет господин Умаров?").contains("mr umarov"));
    assertTrue(qa.searchedText("раунд, начавшийся 3 мая 2017 года").contains("started"));
  }

  @Test
  void firstNamesAreFoundInTheirEnglishSpellingsInAnyCase() {
    assertTrue(qa.searchedText("Кто такой Джон Гинг?").contains("john"), "from the glossary");
    // The index holds "alexand", the stem of "alexander", for the genitive "Александра" too.
    assertTrue(qa.searchedText("Что сказал Александр Лаврентьев?").contains("alexand"));
    assertTrue(qa.searchedText("Слова Александра Лаврентьева").contains("alexand"));
  }

  @Test
  void aRussianQuestionIsSearchedInTheCorpusOwnWords() {
    String english = qa.searchedText("Что Лаврентьев сказал о посредничестве?");
    assertTrue(english.contains("lavrentyev"), english);
    assertTrue(english.contains("mediator"), english);
    // A case form of a name the glossary lacks: the transliterated stem finds the corpus word.
    assertTrue(qa.searchedText("Какова роль Мистуры?").contains("mistura"));
    assertTrue(qa.searchedText("Что сделал Назарбаев?").contains("nazarbayev"), "one edit away");
    assertEquals(
        "Who were the Astana guarantors?", qa.searchedText("Who were the Astana guarantors?"));
    // "какие" and "как" share the stem "как": the entry that writes the word itself wins.
    assertTrue(qa.searchedText("Какие страны гаранты?").startsWith("which "));
    assertTrue(qa.searchedText("Как прошли переговоры?").startsWith("how "));
  }

  /**
   * Chat around a Russian question is not searched: a tag's letters ("<b>срочно</b>" had become "b
   * b"), a question announced as one ("вопрос:", "3 вопроса будет, первый:" had become "issues"), a
   * hashtag that repeats one of its words ("#Идлиб ... по Идлибу" had counted Idlib twice and
   * quoted the headline instead of the sentence the plain question quotes), and a pronoun after a
   * preposition ("у него" had been transliterated as "nego"). A hashtag that says something of its
   * own stays.
   */
  @Test
  void chatAroundARussianQuestionIsNotSearched() {
    String tagged = qa.searchedText("куда собирался ехать спецпосланник ООН? <b>срочно</b>");
    assertFalse(tagged.matches(".*\\bb\\b.*"), tagged);
    String announced = qa.searchedText("Вопрос: на какие даты де Мистура планировал встречи?");
    assertFalse(announced.contains("issue"), announced);
    assertTrue(qa.searchedText("какие вопросы обсуждали в Астане?").contains("issue"));
    // "3 вопроса будет, первый:" had become "3 issues will first", and the question "not found"
    assertEquals(
        qa.searchedText("кто такой Александр Лаврентьев?"),
        qa.searchedText("добрый день) 3 вопроса будет, первый: кто такой Александр Лаврентьев?"));
    assertTrue(qa.searchedText("Какие два вопроса обсуждали в Астане?").contains("issue"));
    String plain = "Какую роль Россия готова играть между Дамаском и Анкарой по Идлибу?";
    Answer chatty = qa.ask("Привет! #Идлиб " + plain + " 🙏");
    assertEquals(qa.ask(plain).quotes().get(0).text(), chatty.quotes().get(0).text());
    assertTrue(qa.searchedText("какой документ обсуждали? #Сирия").contains("syria"));
    assertTrue(qa.searchedText("какая у него должность?").contains("him"));
  }

  /**
   * The glossary covers the documents' concepts as Russian speakers name them, and a longer entry
   * takes a word back from a shorter one that only shares its start: "главная" had been read as
   * "head" (глав*), "заключённых" as "brokered" (заключ*), "начальник" as "start" (начал*). A
   * mistyped word is still read as the entry it is one edit from ("делегацыи", "наблюдатилями").
   */
  @Test
  void russianWordsAreReadInTheirOwnSenseNotByAShorterEntrysStart() {
    assertTrue(qa.searchedText("Какова главная цель переговоров?").startsWith("what main"));
    String prisoners = qa.searchedText("Сколько заключённых освободили?");
    assertTrue(prisoners.contains("detainees") && !prisoners.contains("brokered"), prisoners);
    assertTrue(qa.searchedText("Кто начальник делегации?").contains("head"));
    assertTrue(qa.searchedText("кто глава росийской делегацыи").contains("delegation"));
    assertTrue(qa.searchedText("кто был наблюдатилями на встече").contains("observers"));
  }

  /**
   * A common word is not read as a new entry that only shares its stem: "в среду" ("on Wednesday")
   * had become "among" (среди), "вместо" ("instead of") "together" (вместе), "потому" ("because")
   * "casualties" (потери), each a word the documents use, searched for the question's own.
   */
  @Test
  void commonWordsAreNotReadAsAnEntryThatOnlySharesTheirStem() {
    String wednesday = qa.searchedText("Что обсуждали в среду?");
    assertTrue(wednesday.contains("wednesday") && !wednesday.contains("among"), wednesday);
    assertTrue(qa.searchedText("кто был среди наблюдателей?").contains("among"));
    String instead = qa.searchedText("кто приехал вместо Лаврентьева?");
    assertFalse(instead.contains("together"), instead);
    assertTrue(qa.searchedText("они приехали вместе?").contains("together"));
    String because = qa.searchedText("встречу отложили потому что Турция отказалась?");
    assertFalse(because.contains("casualties"), because);
    assertTrue(qa.searchedText("какие были потери?").contains("casualties"));
    // "ними" is only plural: "с ними" had become "with him", a follow-up pointing at one person
    String withThem = qa.searchedText("кто встречался с ними?");
    assertTrue(withThem.contains("them") && !withThem.contains("him"), withThem);
  }

  /**
   * "там" ("there") points back, as "there" does: "кто там был наблюдателем?" after a question on
   * the February 2017 meeting asks who the observers there were. It had been dropped as filler, so
   * the follow-up was asked alone as "who observers" and quoted the observers in Idlib.
   */
  @Test
  void thereInARussianFollowUpPointsBackAtTheEarlierQuestion() {
    Answer a =
        qa.ask(
            "кто там был наблюдателем?",
            3,
            "Когда в Астане прошла встреча по Сирии в феврале 2017 года?");
    assertTrue(a.answered(), a.toString());
    assertTrue(
        a.quotes().get(0).text().contains("Jordan, United Nations and the USA"), a.toString());
  }

  @Test
  void aMistypedRussianWordIsReadAsTheGlossaryWordItIsOneEditFrom() {
    // "делегацыю" for "делегацию", "росийскую" for "российскую": as a user types on a phone
    Answer a = qa.ask("кто возглавлял росийскую делегацыю");
    assertTrue(a.answered(), a.terms().toString());
    assertTrue(a.quotes().get(0).text().contains("Lavrentyev"), a.toString());
    assertEquals(
        qa.searchedText("кто возглавлял российскую делегацию"),
        qa.searchedText("кто возглавлял росийскую делегацыю"));
    // spelt by ear: unstressed "о" written "а", "е" written "и"
    assertEquals(
        qa.searchedText("когда Лаврентьев говорил о разминировании"),
        qa.searchedText("кагда Лаврентьев гаварил о разминировании"));
    // one edit from two entries: the one that agrees with more of the word ("следующ*", next)
    // wins over a shorter one ("следи*", monitor)
    assertEquals(
        qa.searchedText("куда собирался поехать посланник на следующей неделе"),
        qa.searchedText("куда собирался поехать посланник на следущей неделе"));
    // but two readings as long, or within a letter, are no guess: "призыает" is near "призыва*"
    // (calls) and "признает*" (acknowledges)
    assertFalse(
        qa.searchedText("к чему призыает казахстан").contains("acknowledges"),
        qa.searchedText("к чему призыает казахстан"));
    // "поедет" is "поехать" as "поедут" is "ехать": the same visit, not a name to transliterate
    assertTrue(
        qa.searchedText("куда он поедет на следующей неделе").contains("visit"),
        qa.searchedText("куда он поедет на следующей неделе"));
    // a short word is no typo of a longer one, and a name nothing near stays a name
    assertTrue(
        qa.searchedText("Кто такой Шойгу?").contains("Shoygu"),
        qa.searchedText("Кто такой Шойгу?"));
  }

  @Test
  void aRussianQuestionIsAnsweredWithTheEnglishTextsOwnQuotes() {
    Answer a = qa.ask("Кто возглавлял российскую делегацию на переговорах в Астане?");
    assertTrue(a.answered());
    assertEquals("Кто возглавлял российскую делегацию на переговорах в Астане?", a.question());
    Quote first = a.quotes().get(0);
    assertTrue(first.text().contains("Lavrentyev"), first.text());
    assertTrue(first.passage().text().contains(first.text()));
  }

  @Test
  void aRussianWordNothingTranslatesIsNotCorrectedIntoACorpusWord() {
    Answer a = qa.ask("Какие химические атаки расследовала ОЗХО?");
    assertFalse(a.answered(), "out of scope: " + a.quotes());
    assertTrue(
        a.terms().stream().anyMatch(t -> t.endsWith("?")),
        "an unknown word stays unknown: " + a.terms());
  }

  @Test
  void aWordIsNotTakenForAnUnrelatedCorpusWordTwoEditsAway() {
    // "торт" (a cake), not in the glossary, is "tort", two edits from "part", which the corpus
    // uses; a name's other spelling keeps its consonants ("nazarbaev", "nazarbayev"), "tort" and
    // "part" do not. "город" was the example until the glossary gave it ("city"), then "сайт"
    // ("sayt", two edits from "said") until it gave that too ("website").
    String english = qa.searchedText("Какой торт был у Казахстана?");
    assertFalse(english.contains("part"), english);
    assertTrue(english.contains("tort"), english);
    assertFalse(qa.searchedText("Какой город был столицей Казахстана?").contains("good"));
  }

  @Test
  void aMaintainersGlossaryLineAddsAWordAndABadLineIsNamed() throws Exception {
    Settings withEntry =
        new Settings(
            3,
            0.9,
            0.4,
            0.6,
            30,
            32,
            0.5,
            null,
            List.of(),
            false,
            List.of("# the maintainer's file", "бригад* = forces"));
    try (QuestionAnswerer own = QuestionAnswerer.inMemory(Fixtures.SEEDS, withEntry)) {
      assertTrue(own.searchedText("российские бригады").contains("forces"));
      assertFalse(qa.searchedText("российские бригады").contains("forces"));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Settings(
                    3, 0.9, 0.4, 0.6, 30, 32, 0.5, null, List.of(), false, List.of("гарант")));
    assertTrue(e.getMessage().contains("retrieval.glossary line 1"), e.getMessage());
  }

  @Test
  void glossaryGapsListFrequentCorpusWordsWithoutAnEntry() {
    List<QuestionAnswerer.WordCount> gaps = qa.glossaryGaps(500);
    assertFalse(gaps.isEmpty());
    List<String> words = gaps.stream().map(QuestionAnswerer.WordCount::word).toList();
    assertFalse(words.contains("astana"), "the glossary has Astana");
    assertFalse(words.contains("guarantor"), "and guarantor");
    assertTrue(words.contains("lavrentyev"), "a name left to transliteration is listed: " + words);
    for (int i = 1; i < gaps.size(); i++) {
      assertTrue(gaps.get(i - 1).passages() >= gaps.get(i).passages(), "most frequent first");
    }
  }

  @Test
  void aShortQuestionThatPointsBackLeansOnTheOneBefore() {
    assertTrue(qa.leansOn("When was the Sochi memorandum signed?", "who signed it?"));
    assertTrue(qa.leansOn("Who were the Astana guarantors?", "and Jordan?"));
    assertTrue(qa.leansOn("Who invited the Russian forces?", "why?"));
    assertTrue(qa.leansOn("Когда был подписан меморандум в Сочи?", "кто его подписал?"));
    assertFalse(
        qa.leansOn("Who were the Astana guarantors?", "When was the Sochi memorandum signed?"));
    assertFalse(
        qa.leansOn("Who were the Astana guarantors?", "Who thanked John Ging for his briefing?"),
        "a pronoun, but three words of its own");
    assertFalse(qa.leansOn(null, "who signed it?"));
  }

  @Test
  void aFollowUpIsAnsweredWithItsContextAndAStandaloneQuestionAsWithout() {
    Answer alone = qa.ask("by whom?", 3);
    Answer followUp = qa.ask("by whom?", 3, "When was the ceasefire regime brokered?");
    assertTrue(followUp.answered());
    assertTrue(
        followUp.quotes().get(0).text().contains("brokered by Russia, Turkey and Iran"),
        followUp.quotes().get(0).text());
    assertEquals("by whom?", followUp.question());
    assertFalse(alone.answered(), "alone, it asks for nothing");
    Answer standalone =
        qa.ask("Who headed the Russian delegation?", 3, "When was the Sochi memorandum signed?");
    Answer plain = qa.ask("Who headed the Russian delegation?", 3);
    assertEquals(
        plain.quotes().stream().map(Quote::text).toList(),
        standalone.quotes().stream().map(Quote::text).toList());
    assertEquals(plain.confidence(), standalone.confidence());
  }
}
