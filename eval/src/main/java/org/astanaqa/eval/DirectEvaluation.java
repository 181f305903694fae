package org.astanaqa.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.DirectAnswer;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.util.Percentile;

/**
 * Measures direct answers: on a questions file, how many questions with a {@code short} answer get
 * it right or wrong; on SQuAD, the share of questions given a direct answer and, over those, exact
 * match and F1 with SQuAD's own answer normalization.
 */
public final class DirectEvaluation {
  /** Thresholds the sweep reports, to tune {@link DirectAnswer#MIN_CONFIDENCE} on. */
  private static final double[] SWEEP = {0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8};

  private DirectEvaluation() {}

  /**
   * Direct answers at one threshold.
   *
   * @param threshold the confidence from which a direct answer is given
   * @param coverage share of the questions given a direct answer
   * @param right share of the questions given a right one (own set: exact match of the short
   *     answer; SQuAD: exact match over the answers given)
   * @param wrongOrF1 own set: share of the questions given a wrong one; SQuAD: F1 over the answers
   *     given
   */
  public record Point(double threshold, double coverage, double right, double wrongOrF1) {}

  /**
   * The own set's figures.
   *
   * @param questions questions with a {@code short} answer
   * @param right share given a right direct answer (the short answer or one of its alternatives, as
   *     quoted or as shown, compared after SQuAD's normalization and with titles such as "Mr."
   *     dropped)
   * @param wrong share given a wrong one
   * @param sweep the same at other thresholds, for tuning
   * @param failures the questions not given a right direct answer at the threshold, for a person to
   *     look at: what was expected and what was given ("no direct answer" or the answer with its
   *     confidence)
   */
  public record Own(
      int questions,
      double right,
      double wrong,
      List<Point> sweep,
      List<Evaluation.Failure> failures) {
    public Own {
      sweep = List.copyOf(sweep);
      failures = List.copyOf(failures);
    }
  }

  /**
   * SQuAD's figures.
   *
   * @param questions questions asked
   * @param coverage share given a direct answer
   * @param exactMatch over the direct answers given, the share equal to a gold answer
   * @param f1 over the direct answers given, the mean of the best token F1 against a gold answer
   * @param p50Without median time of {@code ask} without looking for a direct answer
   * @param p50With median time of {@code ask} with it, measured in the same passes
   * @param sweep the same at other thresholds, for tuning
   */
  public record Squad(
      int questions,
      double coverage,
      double exactMatch,
      double f1,
      double p50Without,
      double p50With,
      List<Point> sweep) {}

  /** Asks every question of {@code questions} that has a {@code short} answer. */
  public static Own own(QuestionAnswerer qa, List<EvalQuestion> questions) {
    List<double[]> scored = new ArrayList<>();
    List<Evaluation.Failure> failures = new ArrayList<>();
    for (EvalQuestion q : questions) {
      if (q.shortAnswer() == null || q.none()) {
        continue;
      }
      Answer a = qa.ask(q.q(), qa.settings().topN(), false);
      // As searched, which for a Russian question is its English translation: what ask reads the
      // answer's type from.
      Optional<DirectAnswer> d =
          a.answered() ? qa.bestDirect(qa.searchedText(q.q()), a.quotes()) : Optional.empty();
      boolean right = d.isPresent() && sameAnswer(d.get(), q.shortAnswers());
      double confidence = d.map(DirectAnswer::confidence).orElse(-1.0);
      scored.add(new double[] {confidence, right ? 1 : 0});
      if (!right || confidence < DirectAnswer.MIN_CONFIDENCE) {
        failures.add(
            new Evaluation.Failure(
                q.q(),
                q.shortAnswer(),
                d.map(
                        x ->
                            String.format(
                                Locale.ROOT, "%s (%s, %.2f)", x.text(), x.type(), x.confidence()))
                    .orElse(a.answered() ? "no direct answer" : "not found")));
      }
    }
    List<Point> sweep = new ArrayList<>();
    for (double t : SWEEP) {
      sweep.add(ownPoint(scored, t));
    }
    Point at = ownPoint(scored, DirectAnswer.MIN_CONFIDENCE);
    return new Own(scored.size(), at.right(), at.wrongOrF1(), sweep, failures);
  }

  private static Point ownPoint(List<double[]> scored, double t) {
    int given = 0;
    int right = 0;
    for (double[] s : scored) {
      if (s[0] >= t) {
        given++;
        right += (int) s[1];
      }
    }
    int n = Math.max(1, scored.size());
    return new Point(t, (double) given / n, (double) right / n, (double) (given - right) / n);
  }

  /**
   * Asks every question twice, with and without the direct answer (alternating which goes first),
   * and scores the direct answers against every gold answer.
   */
  static Squad squad(QuestionAnswerer qa, List<Benchmarks.Question> questions) {
    double[] with = new double[questions.size()];
    double[] without = new double[questions.size()];
    List<double[]> scored = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      Benchmarks.Question q = questions.get(i);
      Answer a;
      long t0 = System.nanoTime();
      if (i % 2 == 0) {
        a = qa.ask(q.text(), 3, false);
        without[i] = (System.nanoTime() - t0) / 1e6;
        with[i] = time(qa, q.text(), true);
      } else {
        with[i] = time(qa, q.text(), true);
        t0 = System.nanoTime();
        a = qa.ask(q.text(), 3, false);
        without[i] = (System.nanoTime() - t0) / 1e6;
      }
      Optional<DirectAnswer> d =
          a.answered() ? qa.bestDirect(q.text(), a.quotes()) : Optional.empty();
      double em = 0;
      double f1 = 0;
      if (d.isPresent()) {
        for (String gold : q.answers()) {
          em = Math.max(em, normalize(d.get().quoted()).equals(normalize(gold)) ? 1 : 0);
          f1 = Math.max(f1, f1(d.get().quoted(), gold));
        }
      }
      scored.add(new double[] {d.map(DirectAnswer::confidence).orElse(-1.0), em, f1});
    }
    List<Point> sweep = new ArrayList<>();
    for (double t : SWEEP) {
      sweep.add(squadPoint(scored, t));
    }
    Point at = squadPoint(scored, DirectAnswer.MIN_CONFIDENCE);
    Arrays.sort(with);
    Arrays.sort(without);
    return new Squad(
        questions.size(),
        at.coverage(),
        at.right(),
        at.wrongOrF1(),
        Percentile.of(without, 50),
        Percentile.of(with, 50),
        sweep);
  }

  private static Point squadPoint(List<double[]> scored, double t) {
    int given = 0;
    double em = 0;
    double f1 = 0;
    for (double[] s : scored) {
      if (s[0] >= t) {
        given++;
        em += s[1];
        f1 += s[2];
      }
    }
    return new Point(
        t,
        (double) given / Math.max(1, scored.size()),
        given == 0 ? 0 : em / given,
        given == 0 ? 0 : f1 / given);
  }

  private static double time(QuestionAnswerer qa, String question, boolean direct) {
    long t0 = System.nanoTime();
    qa.ask(question, 3, direct);
    return (System.nanoTime() - t0) / 1e6;
  }

  /**
   * Whether a direct answer, as quoted or as shown (completed with the document's year), says the
   * same as any of a question's short answers.
   */
  static boolean sameAnswer(DirectAnswer direct, List<String> shortAnswers) {
    return shortAnswers.stream()
        .anyMatch(s -> sameAnswer(direct.quoted(), s) || sameAnswer(direct.text(), s));
  }

  /**
   * Whether a direct answer says the same as a short answer: equal after SQuAD's normalization,
   * with whitespace runs (a short answer may cross a line break) and titles ("Mr.") disregarded.
   */
  static boolean sameAnswer(String direct, String shortAnswer) {
    return withoutTitles(normalize(direct)).equals(withoutTitles(normalize(shortAnswer)));
  }

  private static String withoutTitles(String normalized) {
    return normalized.replaceAll("\\b(mr|ms|mrs|dr)\\b", " ").replaceAll("\\s+", " ").strip();
  }

  /** SQuAD's answer normalization: lower case, no punctuation, no articles, single spaces. */
  static String normalize(String s) {
    return DirectAnswer.normalize(s);
  }

  /** SQuAD's token F1 between a prediction and one gold answer. */
  static double f1(String prediction, String gold) {
    List<String> p = tokens(prediction);
    List<String> g = tokens(gold);
    if (p.isEmpty() || g.isEmpty()) {
      return p.equals(g) ? 1 : 0;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (String t : g) {
      counts.merge(t, 1, Integer::sum);
    }
    int common = 0;
    for (String t : p) {
      Integer c = counts.get(t);
      if (c != null && c > 0) {
        common++;
        counts.put(t, c - 1);
      }
    }
    if (common == 0) {
      return 0;
    }
    double precision = (double) common / p.size();
    double recall = (double) common / g.size();
    return 2 * precision * recall / (precision + recall);
  }

  private static List<String> tokens(String s) {
    String n = normalize(s);
    return n.isEmpty() ? List.of() : List.of(n.split(" "));
  }

  /** One line per threshold: "threshold 0.30: coverage 0.412, right 0.380, wrong 0.032". */
  public static String sweepTable(List<Point> sweep, boolean squad) {
    StringBuilder sb = new StringBuilder();
    for (Point p : sweep) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  threshold %.2f: coverage %.3f, %s %.3f, %s %.3f%n",
              p.threshold(),
              p.coverage(),
              squad ? "EM" : "right",
              p.right(),
              squad ? "F1" : "wrong",
              p.wrongOrF1()));
    }
    return sb.toString();
  }
}
