package org.astanaqa.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.astanaqa.retrieval.QuestionAnswerer;

/**
 * Whether the engine's confidence means what it says: on questions that are answerable and
 * questions that are not, how well the confidence separates right answers from unanswerable
 * questions (AUROC), how many of each the not-found threshold gets right, and how close the
 * confidence is to the share of answers that are right (expected calibration error).
 */
public final class Answerability {
  /** Bins of the reliability diagram and the calibration error. */
  public static final int BINS = 10;

  private Answerability() {}

  /**
   * One question's outcome.
   *
   * @param set the question set it comes from
   * @param answerable whether the corpus answers it
   * @param right whether the first quote, cut or not, answers it (never for an unanswerable one)
   * @param answered whether the engine answered (confidence at or above its threshold)
   * @param confidence the engine's confidence in its first quote
   * @param signals the first quote's signals, for fitting
   */
  public record Item(
      String set,
      boolean answerable,
      boolean right,
      boolean answered,
      double confidence,
      double[] signals) {}

  /**
   * The figures of a set of outcomes.
   *
   * @param questions outcomes counted
   * @param answerable answerable questions among them
   * @param auroc the probability that a right answer has a higher confidence than an unanswerable
   *     question (ties count half); NaN without both kinds
   * @param notFoundOnUnanswerable share of unanswerable questions answered "not found"
   * @param rightAndAnswered share of answerable questions answered with a right first quote
   * @param rightUncut share of answerable questions whose first quote is right, before the cut
   * @param calibrationError expected calibration error over {@link #BINS} equal-width bins, with
   *     "right" as the outcome
   * @param binConfidence mean confidence of each bin (NaN when empty)
   * @param binAccuracy share right in each bin (NaN when empty)
   * @param binCount outcomes in each bin
   */
  public record Summary(
      int questions,
      int answerable,
      double auroc,
      double notFoundOnUnanswerable,
      double rightAndAnswered,
      double rightUncut,
      double calibrationError,
      double[] binConfidence,
      double[] binAccuracy,
      int[] binCount) {}

  /** One SQuAD-style question: right when its first quote comes from a gold paragraph. */
  public static Item ask(QuestionAnswerer qa, Benchmarks.Question q, String set) {
    QuestionAnswerer.Assessment a = qa.assess(q.text(), 1);
    boolean right =
        !q.unanswerable()
            && a.answer().answered()
            && q.relevant().containsKey(a.answer().quotes().get(0).source().id());
    return item(set, !q.unanswerable(), right, a);
  }

  /** One question of a questions file: right when its first quote answers it (hit@1). */
  public static Item ask(QuestionAnswerer qa, EvalQuestion q, String set) {
    QuestionAnswerer.Assessment a = qa.assess(q.q(), 1);
    boolean right =
        !q.none() && a.answer().answered() && q.isAnsweredBy(a.answer().quotes().get(0));
    return item(set, !q.none(), right, a);
  }

  private static Item item(
      String set, boolean answerable, boolean right, QuestionAnswerer.Assessment a) {
    // answered as ask answers it: the threshold, and a quote that holds the kind of answer asked
    return new Item(set, answerable, right, a.answers(), a.answer().confidence(), a.signals());
  }

  /** The figures of {@code items}. */
  public static Summary summarize(List<Item> items) {
    List<Double> rights = new ArrayList<>();
    List<Double> unanswerable = new ArrayList<>();
    int answerable = 0;
    int rightAndAnswered = 0;
    int rightUncut = 0;
    int notFound = 0;
    double[] sumConfidence = new double[BINS];
    int[] rightIn = new int[BINS];
    int[] count = new int[BINS];
    for (Item i : items) {
      if (i.answerable()) {
        answerable++;
        if (i.right()) {
          rights.add(i.confidence());
          rightUncut++;
          rightAndAnswered += i.answered() ? 1 : 0;
        }
      } else {
        unanswerable.add(i.confidence());
        notFound += i.answered() ? 0 : 1;
      }
      int bin = Math.min(BINS - 1, (int) (i.confidence() * BINS));
      sumConfidence[bin] += i.confidence();
      rightIn[bin] += i.right() ? 1 : 0;
      count[bin]++;
    }
    double[] binConfidence = new double[BINS];
    double[] binAccuracy = new double[BINS];
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      binConfidence[b] = count[b] == 0 ? Double.NaN : sumConfidence[b] / count[b];
      binAccuracy[b] = count[b] == 0 ? Double.NaN : (double) rightIn[b] / count[b];
      if (count[b] > 0) {
        ece += (double) count[b] / items.size() * Math.abs(binConfidence[b] - binAccuracy[b]);
      }
    }
    int unanswerableCount = items.size() - answerable;
    return new Summary(
        items.size(),
        answerable,
        auroc(rights, unanswerable),
        unanswerableCount == 0 ? Double.NaN : (double) notFound / unanswerableCount,
        answerable == 0 ? Double.NaN : (double) rightAndAnswered / answerable,
        answerable == 0 ? Double.NaN : (double) rightUncut / answerable,
        ece,
        binConfidence,
        binAccuracy,
        count);
  }

  /** The Mann-Whitney estimate of P(positive > negative), ties counted half. */
  static double auroc(List<Double> positives, List<Double> negatives) {
    if (positives.isEmpty() || negatives.isEmpty()) {
      return Double.NaN;
    }
    double[] neg = negatives.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double wins = 0;
    for (double p : positives) {
      int below = lowerBound(neg, p);
      int notAbove = upperBound(neg, p);
      wins += below + 0.5 * (notAbove - below);
    }
    return wins / ((double) positives.size() * neg.length);
  }

  private static int lowerBound(double[] sorted, double v) {
    int i = Arrays.binarySearch(sorted, v);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && sorted[i - 1] == v) {
      i--;
    }
    return i;
  }

  private static int upperBound(double[] sorted, double v) {
    int i = Arrays.binarySearch(sorted, v);
    if (i < 0) {
      return -i - 1;
    }
    while (i < sorted.length && sorted[i] == v) {
      i++;
    }
    return i;
  }
}
