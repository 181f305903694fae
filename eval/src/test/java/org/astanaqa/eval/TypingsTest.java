package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a question is typed does not change what is quoted: every plain and keywords answerable
 * question of the held-out set's tune half, typed sixteen other ways (lower case without its
 * question mark, a greeting and thanks, an emoji, "can you tell me", "??", "pls", a hashtag, a
 * stray number, capitals; and, without punctuation before them, "thanks", "ty", "lol", ":)", a
 * stray 0, "Thank you in advance.", and "?!!"), gets the quote its plain form gets, or "not found"
 * when that does (BM25 mode; the figure is printed). The hybrid mode's vectors of the same typings
 * are the same ({@code QuestionText.forEmbedding}, QuestionTextTest).
 */
class TypingsTest {
  private static QuestionAnswerer qa;

  @BeforeAll
  static void open() {
    qa = QuestionAnswerer.inMemory(Fixtures.SEEDS, Settings.defaults());
  }

  @AfterAll
  static void close() throws Exception {
    qa.close();
  }

  static final Map<String, UnaryOperator<String>> TYPINGS = new LinkedHashMap<>();

  static {
    TYPINGS.put("lower case", s -> s.toLowerCase(Locale.ROOT).replaceAll("[?.!]+$", ""));
    TYPINGS.put("greeting and thanks", s -> "hi! " + s + " thanks");
    TYPINGS.put("emoji", s -> s + " \ud83d\ude4f");
    TYPINGS.put("can you tell me", s -> "can you tell me " + lowerFirst(s));
    TYPINGS.put("??", s -> s.replaceAll("\\?$", "??"));
    TYPINGS.put("pls", s -> "pls " + lowerFirst(s));
    TYPINGS.put("hashtag", s -> "#syria " + s);
    // after the question's mark: keywords' last number may be theirs ("astana round 2")
    TYPINGS.put("stray number", s -> bare(s) + "? 2");
    TYPINGS.put("capitals", s -> s.toUpperCase(Locale.ROOT));
    // twentieth session: chat at the end with no punctuation before it, as after keywords
    TYPINGS.put("bare thanks", s -> bare(s) + " thanks");
    TYPINGS.put("bare ty", s -> "hey \ud83d\udc4b " + bare(s) + " ty");
    TYPINGS.put("bare lol", s -> bare(s) + " lol");
    TYPINGS.put("bare smiley", s -> bare(s) + " :)");
    TYPINGS.put("bare zero", s -> bare(s) + " 0");
    TYPINGS.put("thank you in advance", s -> "Good morning! " + bare(s) + " Thank you in advance.");
    TYPINGS.put("?!!", s -> bare(s) + "?!!");
  }

  /** The question without its closing marks, as keywords are typed. */
  private static String bare(String s) {
    return s.replaceAll("[?.!]+$", "");
  }

  private static String lowerFirst(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static String quoted(Answer a) {
    return a.answered() ? a.quotes().get(0).text() : "(not found)";
  }

  @Test
  void everyTypingOfAPlainTuneQuestionQuotesWhatThePlainQuestionQuotes() throws Exception {
    Path file = Path.of(TypingsTest.class.getResource("/eval/heldout-questions.jsonl").toURI());
    List<EvalQuestion> plain = new ArrayList<>();
    for (EvalQuestion q : EvalQuestion.part(EvalQuestion.readJsonl(file), "tune")) {
      if (("plain".equals(q.kindOrDefault()) || "keywords".equals(q.kindOrDefault()))
          && !q.none()) {
        plain.add(q);
      }
    }
    assertTrue(plain.size() >= 150, "tune plain questions: " + plain.size());
    List<String> differing = new ArrayList<>();
    int asked = 0;
    for (EvalQuestion q : plain) {
      String expected = quoted(qa.ask(q.q()));
      for (Map.Entry<String, UnaryOperator<String>> t : TYPINGS.entrySet()) {
        String typed = t.getValue().apply(q.q());
        asked++;
        if (!quoted(qa.ask(typed)).equals(expected)) {
          differing.add(t.getKey() + ": " + typed);
        }
      }
    }
    System.out.printf(
        "typings: %d of %d typed questions (%d plain tune questions, %d typings) quote what their"
            + " plain question quotes%n",
        asked - differing.size(), asked, plain.size(), TYPINGS.size());
    assertEquals(List.of(), differing);
  }
}
