package org.astanaqa.eval;

import java.util.ArrayList;
import java.util.List;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Quote;

/**
 * Runs a set of two-turn exchanges ({@link EvalQuestion#after()} set): each second turn is asked
 * with the first as its context, and judged by its first quote; a standalone second turn must also
 * be answered exactly as it is without the context. A miss shows the question a follow-up was
 * rewritten as ({@link Answer#resolved()}).
 */
public final class FollowUpEvaluation {
  private FollowUpEvaluation() {}

  /**
   * The figures of a run.
   *
   * @param followUps second turns that lean on the first (kind {@code followup})
   * @param followUpRight share of them whose first quote is right, with the first turn as context
   * @param followUpRightAlone the same share when asked alone (what the context adds)
   * @param followUpJudged share of them judged leaning (answered as a resolved question)
   * @param standalone second turns that stand on their own
   * @param standaloneRight share of them whose first quote is right, with the first turn before
   * @param standaloneUnchanged share of them answered exactly as without context (same quotes, same
   *     confidence)
   * @param standaloneJudged share of them judged standing on their own
   * @param failures the exchanges at fault, for a person to look at
   */
  public record Report(
      int followUps,
      double followUpRight,
      double followUpRightAlone,
      double followUpJudged,
      int standalone,
      double standaloneRight,
      double standaloneUnchanged,
      double standaloneJudged,
      List<Evaluation.Failure> failures) {
    public Report {
      failures = List.copyOf(failures);
    }
  }

  /** Whether any question of the set is a second turn. */
  public static boolean isTwoTurn(List<EvalQuestion> questions) {
    return questions.stream().anyMatch(q -> q.after() != null);
  }

  public static Report run(QuestionAnswerer qa, List<EvalQuestion> questions, int topN) {
    int f = 0;
    int fRight = 0;
    int fAlone = 0;
    int fJudged = 0;
    int s = 0;
    int sRight = 0;
    int sSame = 0;
    int sJudged = 0;
    List<Evaluation.Failure> failures = new ArrayList<>();
    for (EvalQuestion q : questions) {
      if (q.after() == null) {
        continue;
      }
      qa.ask(q.after(), topN); // the first turn, as a conversation would have it
      Answer with = qa.ask(q.q(), topN, q.after());
      Answer alone = qa.ask(q.q(), topN);
      boolean right = right(q, with);
      boolean leans = with.resolved().isPresent();
      if ("standalone".equals(q.kind())) {
        s++;
        sRight += right ? 1 : 0;
        boolean same = same(with, alone);
        sSame += same ? 1 : 0;
        sJudged += leans ? 0 : 1;
        if (!right || !same) {
          failures.add(
              new Evaluation.Failure(
                  exchange(q, with),
                  (same ? "" : "the same answer as without context; ") + Evaluation.expected(q),
                  Evaluation.describe(with)));
        }
      } else {
        f++;
        fRight += right ? 1 : 0;
        fAlone += right(q, alone) ? 1 : 0;
        fJudged += leans ? 1 : 0;
        if (!right) {
          failures.add(
              new Evaluation.Failure(
                  exchange(q, with),
                  (leans ? "" : "(not judged a follow-up) ") + Evaluation.expected(q),
                  Evaluation.describe(with)));
        }
      }
    }
    return new Report(
        f,
        share(fRight, f),
        share(fAlone, f),
        share(fJudged, f),
        s,
        share(sRight, s),
        share(sSame, s),
        share(sJudged, s),
        failures);
  }

  private static boolean right(EvalQuestion q, Answer a) {
    return q.none() ? !a.answered() : a.answered() && q.isAnsweredBy(a.quotes().get(0));
  }

  /** The same quotes from the same passages, and the same confidence. */
  private static boolean same(Answer a, Answer b) {
    if (a.answered() != b.answered()
        || a.quotes().size() != b.quotes().size()
        || a.confidence() != b.confidence()) {
      return false;
    }
    for (int i = 0; i < a.quotes().size(); i++) {
      Quote x = a.quotes().get(i);
      Quote y = b.quotes().get(i);
      if (!x.text().equals(y.text()) || !x.source().id().equals(y.source().id())) {
        return false;
      }
    }
    return true;
  }

  /** "first -> second", and the question answered in the second's place when it was rewritten. */
  private static String exchange(EvalQuestion q, Answer with) {
    return q.after()
        + " -> "
        + q.q()
        + with.resolved().map(r -> " (answered as: " + r + ")").orElse("");
  }

  private static double share(int n, int of) {
    return of == 0 ? 0 : (double) n / of;
  }
}
