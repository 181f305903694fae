package org.astanaqa.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain questions dressed in chat, as people type them: a greeting, a request or an apology before
 * ("Excuse me, ", "не подскажете, "), thanks, a tag or a stray number after ("many thanks",
 * "#syria", "0"). Politeness must not change which passage is quoted (the answerability issue's
 * third point): {@code eval FILE --wrap N} asks each plain question of a set and N dressings of it,
 * and reports how often a dressing quotes the plain question's passage ({@link
 * Evaluation.Report#chattySamePassage()}).
 *
 * <p>The frames are the ones the question's trimming was mended against (thirty-third session), so
 * the figure guards what was mended; it does not measure chat nobody here has seen. A frame is
 * chosen for a question by the question's text, so that a set is dressed the same way every run.
 */
public final class ChatFrames {
  private ChatFrames() {}

  /** The most dressings asked for each plain question. */
  public static final int MAX_PER_QUESTION = 20;

  private static final List<String> ENGLISH_BEFORE =
      List.of(
          "hi! ",
          "Hello, ",
          "hey bot, ",
          "Good evening \uD83D\uDE42 ",
          "Quick question: ",
          "I was wondering, ",
          "Could you please tell me ",
          "do you know ",
          "pls ",
          "Hi there, I'm a student. ",
          "@astana_qa_bot ",
          "/ask ",
          "1) ",
          "Hey \uD83D\uDC4B ",
          "Dear bot, ",
          "Excuse me, ",
          "sorry to bother you, ",
          "hi again! ",
          "morning! ",
          "Hi, hope you're well. ",
          "I'd like to know ",
          "I need to know ",
          "Kindly tell me ",
          "btw ",
          "(1) ",
          "");

  private static final List<String> ENGLISH_AFTER =
      List.of(
          " thanks!",
          " thx",
          " ty \uD83D\uDE4F",
          " pls",
          " \uD83D\uDE42",
          " !!!",
          " ?!?",
          " 0",
          " #syria",
          " </b>",
          " lol",
          " thanks in advance",
          " cheers",
          " many thanks!",
          " much appreciated",
          " thank you so much",
          " great, thanks",
          " cheers mate",
          " asap pls",
          " please answer",
          " (asking for a friend)",
          " regards",
          "");

  private static final List<String> RUSSIAN_BEFORE =
      List.of(
          "привет! ",
          "Здравствуйте, ",
          "подскажите пожалуйста, ",
          "не подскажете, ",
          "скажите, ",
          "добрый день! ",
          "Извините, ",
          "быстрый вопрос - ",
          "хочу узнать, ",
          "Привет \uD83D\uDC4B ",
          "Доброе утро! ",
          "можно вопрос? ",
          "@astana_bot ",
          "/ask ",
          "1) ",
          "");

  private static final List<String> RUSSIAN_AFTER =
      List.of(
          " спасибо",
          " спс",
          " заранее спасибо!",
          " пжлст",
          " плиз",
          " \uD83D\uDE4F",
          " ?!",
          " срочно",
          " пожалуйста",
          " спасибо большое!!",
          " 0",
          " :)",
          " благодарю",
          " заранее благодарен",
          " (для доклада)",
          "");

  /**
   * The plain questions of {@code questions} (kind {@code plain}, or none given and answerable),
   * each followed by {@code perQuestion} dressings of it, kind {@code chatty}, whose {@code
   * variantOf} is the plain question and whose expected answer is its own.
   */
  public static List<EvalQuestion> wrap(List<EvalQuestion> questions, int perQuestion) {
    if (perQuestion < 1 || perQuestion > MAX_PER_QUESTION) {
      throw new IllegalArgumentException(
          "dressings per question must be between 1 and "
              + MAX_PER_QUESTION
              + ", was "
              + perQuestion);
    }
    List<EvalQuestion> out = new ArrayList<>();
    for (EvalQuestion q : questions) {
      if (q.none() || !q.kindOrDefault().equals("plain") || q.after() != null) {
        continue;
      }
      out.add(q);
      for (String dressed : dressings(q.q(), perQuestion)) {
        out.add(
            new EvalQuestion(
                dressed,
                q.expect(),
                q.docs(),
                false,
                "chatty",
                q.group(),
                q.q(),
                q.shortAnswer(),
                q.shortAlternatives(),
                null,
                false));
      }
    }
    return out;
  }

  /**
   * {@code n} different dressings of {@code question}, in its language's frames (Russian for a
   * question in Cyrillic), chosen by its text.
   */
  static List<String> dressings(String question, int n) {
    boolean russian =
        question
            .codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
    List<String> before = russian ? RUSSIAN_BEFORE : ENGLISH_BEFORE;
    List<String> after = russian ? RUSSIAN_AFTER : ENGLISH_AFTER;
    int start = Math.floorMod(question.hashCode(), before.size() * after.size());
    List<String> out = new ArrayList<>();
    int total = before.size() * after.size();
    // a step coprime to the number of pairs takes every pair once before any again, and spreads
    // the n taken over both lists
    int step = 97;
    while (java.math.BigInteger.valueOf(step).gcd(java.math.BigInteger.valueOf(total)).intValue()
        != 1) {
      step++;
    }
    for (int k = 0; out.size() < n && k < total; k++) {
      int pair = Math.floorMod(start + k * step, total);
      String dressed =
          (before.get(pair / after.size()) + question + after.get(pair % after.size()));
      if (!dressed.equals(question) && !out.contains(dressed)) {
        out.add(dressed);
      }
    }
    return out;
  }
}
