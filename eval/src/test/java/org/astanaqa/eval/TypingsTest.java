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
 * How a question is typed does not change what is quoted: every plain answerable question of the
 * held-out set's tune half, typed nine other ways (lower case without its question mark, a greeting
 * and thanks, an emoji, "can you tell me", "??", "pls", a hashtag, a stray number, capitals), gets
 * the quote its plain form gets, or "not found" when that does (BM25 mode; the figure is printed).
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
    TYPINGS.put("stray number", s -> s + " 2");
    TYPINGS.put("capitals", s -> s.toUpperCase(Locale.ROOT));
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
      if ("plain".equals(q.kindOrDefault()) && !q.none()) {
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
