package org.astanaqa.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a passage becomes a quote: the one or two consecutive sentences that cover most of the
 * question, keep its words close together and, for "who"/"when"/"how many" questions, contain a
 * name, a date or a number; with the question's words marked.
 */
final class QuoteSelector {
  /** Bonus, as a share of the question, for a sentence holding the kind of answer asked for. */
  static final double TYPE_BONUS = 0.25;

  private static final double PAIR_BONUS = 0.5;
  private static final int SHORT_SENTENCE_WORDS = 8;
  private static final double WORTH_A_SECOND_SENTENCE = 0.1;

  /**
   * The chosen sentences of a passage.
   *
   * @param start first character of the quote in the passage text
   * @param end one past its last character
   * @param score how well the quote answers: its coverage of the question, plus proximity and
   *     answer-type bonuses
   * @param answersType whether it holds the kind of answer the question asks for
   */
  record Selection(int start, int end, double score, boolean answersType) {}

  private QuoteSelector() {}

  /**
   * Chooses the quote of a passage.
   *
   * @param context tokens of the document's title: the context every sentence of it is read in
   */
  static Selection select(
      String text, List<Analyzers.Token> tokens, List<Analyzers.Token> context, QuestionQuery q) {
    List<Span> sentences = Sentences.split(text);
    if (sentences.isEmpty()) {
      return new Selection(0, text.length(), 0, false);
    }
    Map<String, Double> weights = q.weights();
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    Set<String> questionTerms = weights.keySet();
    int best = 0;
    Selection bestSel = null;
    for (int i = 0; i < sentences.size(); i++) {
      Selection s = score(text, tokens, context, sentences, i, i, q, weights, total, questionTerms);
      if (bestSel == null || s.score() > bestSel.score()) {
        bestSel = s;
        best = i;
      }
    }
    Selection chosen = bestSel;
    boolean shortOne = Sentences.wordCount(text, bestSel.start(), bestSel.end()) < SHORT_SENTENCE_WORDS;
    for (int[] w : new int[][] {{best - 1, best}, {best, best + 1}}) {
      if (w[0] < 0 || w[1] >= sentences.size()) {
        continue;
      }
      Selection two = score(text, tokens, context, sentences, w[0], w[1], q, weights, total, questionTerms);
      double gain = two.score() - chosen.score();
      if (gain > WORTH_A_SECOND_SENTENCE || shortOne && gain >= 0 && chosen == bestSel) {
        chosen = two;
      }
    }
    return chosen;
  }

  private static Selection score(
      String text, List<Analyzers.Token> tokens, List<Analyzers.Token> context, List<Span> sentences,
      int first, int last,
      QuestionQuery q, Map<String, Double> weights, double total, Set<String> questionTerms) {
    int start = sentences.get(first).start();
    int end = sentences.get(last).end();
    List<Analyzers.Token> inside = new ArrayList<>();
    for (Analyzers.Token t : tokens) {
      if (t.start() >= start && t.end() <= end) {
        inside.add(new Analyzers.Token(t.term(), t.position(), t.start() - start, t.end() - start));
      }
    }
    String quote = text.substring(start, end);
    boolean typed = q.type.isAnsweredBy(quote, inside, questionTerms);
    if (total <= 0) {
      return new Selection(start, end, 0, typed);
    }
    Set<String> present = Ranker.termsOf(inside);
    Set<String> inContext = Ranker.termsOf(context);
    double covered = 0;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (present.contains(e.getKey())) {
        covered += e.getValue();
      } else if (inContext.contains(e.getKey())) {
        covered += Ranker.TITLE_CONTEXT * e.getValue();
      }
    }
    double pairs = 0;
    for (int i = 0; i + 1 < q.terms.size(); i++) {
      QuestionQuery.QTerm a = q.terms.get(i);
      QuestionQuery.QTerm b = q.terms.get(i + 1);
      if (a.term().equals(b.term())) {
        continue;
      }
      if (near(inside, a.term(), b.term())) {
        pairs += PAIR_BONUS * Math.min(a.idf(), b.idf());
      } else if (near(context, a.term(), b.term())) {
        pairs += Ranker.TITLE_CONTEXT * PAIR_BONUS * Math.min(a.idf(), b.idf());
      }
    }
    double score = (covered + pairs) / total + (typed ? TYPE_BONUS : 0);
    return new Selection(start, end, score, typed);
  }

  /** Whether terms a and b occur within three positions of each other. */
  private static boolean near(List<Analyzers.Token> tokens, String a, String b) {
    int lastA = Integer.MIN_VALUE / 2;
    int lastB = Integer.MIN_VALUE / 2;
    for (Analyzers.Token t : tokens) {
      if (t.term().equals(a)) {
        lastA = t.position();
        if (lastA - lastB <= 3) {
          return true;
        }
      } else if (t.term().equals(b)) {
        lastB = t.position();
        if (lastB - lastA <= 3) {
          return true;
        }
      }
    }
    return false;
  }

  /** The ranges of {@code [start, end)} in {@code text} whose words match the question. */
  static List<Span> matched(List<Analyzers.Token> tokens, int start, int end, Set<String> questionTerms) {
    List<Span> out = new ArrayList<>();
    for (Analyzers.Token t : tokens) {
      if (t.start() >= start && t.end() <= end && questionTerms.contains(t.term())) {
        out.add(new Span(t.start() - start, t.end() - start));
      }
    }
    return out;
  }
}
