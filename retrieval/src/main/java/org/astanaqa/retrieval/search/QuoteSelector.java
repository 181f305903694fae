package org.astanaqa.retrieval.search;

import java.util.ArrayList;
import java.util.List;
import org.astanaqa.retrieval.Span;
import org.astanaqa.retrieval.index.PassageCache;
import org.astanaqa.retrieval.text.Analyzers;
import org.astanaqa.retrieval.text.Sentences;

/**
 * Where a passage becomes a quote: the one or two consecutive sentences that cover most of the
 * question, keep its words close together and, for "who"/"when"/"how many" questions, contain a
 * name, a date or a number; with the question's words marked.
 */
public final class QuoteSelector {
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
  public record Selection(int start, int end, double score, boolean answersType) {}

  /**
   * What the document's title contributes to every sentence of the passage: the question's terms
   * and proximity pairs it contains (the title is read as context, as if written before each).
   */
  public record Context(boolean[] terms, boolean[] pairs) {
    public static Context of(List<Analyzers.Token> titleTokens, QuestionQuery q) {
      return new Context(
          q.present(titleTokens, 0, titleTokens.size()),
          q.pairsNear(titleTokens, 0, titleTokens.size()));
    }

    /**
     * For a follow-up, the title's context and the earlier question's terms that the passage holds
     * anywhere: they say whom or what the follow-up is about, so the sentence quoted is the one
     * with what it adds ("what did he say about observers?" after "Who headed the Russian
     * delegation?" quotes the passage's sentence about observers, not the one naming the head).
     *
     * @param inPassage the question's terms the passage holds ({@link QuestionQuery#present})
     */
    public static Context following(PassageCache.Analyzed a, QuestionQuery q, boolean[] inPassage) {
      Context c = of(a.titleTokens(), q);
      if (!q.addsTerms()) {
        return c; // a question on its own, or a follow-up that adds nothing ("when was that?")
      }
      for (int i = 0; i < c.terms.length; i++) {
        c.terms[i] |= q.fromEarlier[i] && inPassage[i];
      }
      boolean[] near = q.pairsNear(a.tokens(), 0, a.tokens().size());
      for (int p = 0; p < c.pairs.length; p++) {
        c.pairs[p] |= near[p] && q.fromEarlier[q.pairA[p]] && q.fromEarlier[q.pairB[p]];
      }
      return c;
    }
  }

  private QuoteSelector() {}

  public static Selection select(PassageCache.Analyzed a, Context context, QuestionQuery q) {
    String text = a.passage().text();
    int n = a.sentences().size();
    if (n == 0) {
      return new Selection(0, text.length(), 0, false);
    }
    int best = 0;
    Selection bestSel = null;
    for (int i = 0; i < n; i++) {
      Selection s = score(a, context, i, i, q);
      if (bestSel == null || s.score() > bestSel.score()) {
        bestSel = s;
        best = i;
      }
    }
    Selection chosen = bestSel;
    boolean shortOne =
        Sentences.wordCount(text, bestSel.start(), bestSel.end()) < SHORT_SENTENCE_WORDS;
    for (int[] w : new int[][] {{best - 1, best}, {best, best + 1}}) {
      if (w[0] < 0 || w[1] >= n) {
        continue;
      }
      Selection two = score(a, context, w[0], w[1], q);
      double gain = two.score() - chosen.score();
      if (gain > WORTH_A_SECOND_SENTENCE || shortOne && gain >= 0 && chosen == bestSel) {
        chosen = two;
      }
    }
    return chosen;
  }

  private static Selection score(
      PassageCache.Analyzed a, Context context, int first, int last, QuestionQuery q) {
    int start = a.sentences().get(first).start();
    int end = a.sentences().get(last).end();
    double strength = q.type.strength(a, first, last, q);
    boolean typed = strength > 0;
    if (q.totalWeight <= 0) {
      return new Selection(start, end, 0, typed);
    }
    int from = a.firstToken()[first];
    int to = a.endToken()[last];
    boolean[] present = q.present(a.tokens(), from, to);
    q.markDated(present, a.passage().source());
    double covered = 0;
    for (int i = 0; i < present.length; i++) {
      if (present[i]) {
        covered += q.weight[i];
      } else if (context.terms()[i]) {
        covered += Ranker.TITLE_CONTEXT * q.weight[i];
      }
    }
    boolean[] near = q.pairsNear(a.tokens(), from, to);
    double pairs = 0;
    for (int p = 0; p < near.length; p++) {
      if (near[p]) {
        pairs += PAIR_BONUS * q.pairBonus[p];
      } else if (context.pairs()[p]) {
        pairs += Ranker.TITLE_CONTEXT * PAIR_BONUS * q.pairBonus[p];
      }
    }
    double score = (covered + pairs) / q.totalWeight + TYPE_BONUS * strength;
    return new Selection(start, end, score, typed);
  }

  /** The ranges of {@code [start, end)} in the passage whose words match the question. */
  public static List<Span> matched(
      List<Analyzers.Token> tokens, int start, int end, QuestionQuery q) {
    List<Span> out = new ArrayList<>();
    for (Analyzers.Token t : tokens) {
      if (t.start() >= start && t.end() <= end && q.indexOf(t.term()) >= 0) {
        out.add(new Span(t.start() - start, t.end() - start));
      }
    }
    return out;
  }
}
