package org.astanaqa.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.util.Percentile;

/** Runs a question set against a {@link QuestionAnswerer} and computes quality and latency. */
public final class Evaluation {
  private Evaluation() {}

  /**
   * A question the engine got wrong.
   *
   * @param question the question
   * @param expected what a right answer holds ("not found" for out-of-scope questions)
   * @param got the first quote's source and text, or "not found"
   */
  public record Failure(String question, String expected, String got) {}

  /**
   * The metrics of one run.
   *
   * @param questions questions asked
   * @param answerable questions the corpus answers
   * @param unanswerable out-of-scope questions
   * @param hitAt1 share of answerable questions whose first quote is right (a listed document and
   *     every expected string)
   * @param answerAt1 share whose first quote holds every expected string, from any document
   * @param hitAt3 share whose right quote is among the first three
   * @param mrr mean reciprocal rank of the first right quote
   * @param notFoundAccuracy share of out-of-scope questions answered "not found"
   * @param falseNotFound share of answerable questions answered "not found"
   * @param p50Millis median answer time once warm (as in a long-running bot)
   * @param p95Millis 95th-percentile answer time once warm
   * @param coldP50Millis median answer time of the first pass, right after opening the index
   * @param failures the questions at fault, for a person to look at
   * @param kinds the figures of each kind of question, in the order first met
   * @param chattySamePassage share of chatty questions whose first quote comes from the same
   *     passage as their plain question's (null without chatty questions)
   */
  public record Report(
      int questions,
      int answerable,
      int unanswerable,
      double hitAt1,
      double answerAt1,
      double hitAt3,
      double mrr,
      double notFoundAccuracy,
      double falseNotFound,
      double p50Millis,
      double p95Millis,
      double coldP50Millis,
      List<Failure> failures,
      java.util.Map<String, Kind> kinds,
      Double chattySamePassage) {
    public Report {
      failures = List.copyOf(failures);
      kinds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kinds));
    }
  }

  /**
   * The figures of one kind of question.
   *
   * @param questions questions of the kind
   * @param right answerable ones whose first quote is right, and out-of-scope ones answered "not
   *     found", over {@code questions}
   */
  public record Kind(int questions, double right) {}

  /** Questions asked at least to warm up before the timed pass... */
  private static final int WARM_UP_QUESTIONS = 500;

  /** ...unless warming up takes longer than this. */
  private static final long WARM_UP_NANOS = 5_000_000_000L;

  /**
   * Asks every question once (the cold pass, timed), warms up by asking the set again until 500
   * questions or 5 seconds, then asks every question once more, timed, and scores those answers.
   *
   * @param topN quotes per answer (hit@3 needs at least 3)
   */
  public static Report run(QuestionAnswerer qa, List<EvalQuestion> questions, int topN) {
    double[] cold = time(qa, questions, topN);
    long start = System.nanoTime();
    int asked = questions.size();
    while (!questions.isEmpty()
        && asked < WARM_UP_QUESTIONS
        && System.nanoTime() - start < WARM_UP_NANOS) {
      for (EvalQuestion q : questions) {
        qa.ask(q.q(), topN);
      }
      asked += questions.size();
    }
    double[] millis = new double[questions.size()];
    int answerable = 0;
    int hit1 = 0;
    int answer1 = 0;
    int hit3 = 0;
    double rr = 0;
    int unanswerable = 0;
    int notFound = 0;
    int falseNotFound = 0;
    List<Failure> failures = new ArrayList<>();
    java.util.Map<String, int[]> kinds = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> firstPassage = new java.util.HashMap<>();
    for (int i = 0; i < questions.size(); i++) {
      EvalQuestion q = questions.get(i);
      long t0 = System.nanoTime();
      Answer a = qa.ask(q.q(), topN);
      millis[i] = (System.nanoTime() - t0) / 1e6;
      firstPassage.put(q.q(), a.answered() ? passageKey(a.quotes().get(0)) : "not found");
      int[] kind = kinds.computeIfAbsent(q.kindOrDefault(), k -> new int[2]);
      kind[0]++;
      if (q.none()) {
        unanswerable++;
        if (!a.answered()) {
          notFound++;
          kind[1]++;
        } else {
          failures.add(new Failure(q.q(), "not found", describe(a)));
        }
        continue;
      }
      answerable++;
      if (!a.answered()) {
        falseNotFound++;
      } else if (q.containsExpected(a.quotes().get(0))) {
        answer1++;
      }
      int rank = 0;
      for (int r = 0; r < a.quotes().size(); r++) {
        if (q.isAnsweredBy(a.quotes().get(r))) {
          rank = r + 1;
          break;
        }
      }
      if (rank == 1) {
        hit1++;
        kind[1]++;
      } else {
        failures.add(new Failure(q.q(), expected(q), describe(a)));
      }
      if (rank >= 1 && rank <= 3) {
        hit3++;
      }
      rr += rank > 0 ? 1.0 / rank : 0;
    }
    Arrays.sort(millis);
    Arrays.sort(cold);
    java.util.Map<String, Kind> byKind = new java.util.LinkedHashMap<>();
    kinds.forEach((k, v) -> byKind.put(k, new Kind(v[0], ratio(v[1], v[0]))));
    int chatty = 0;
    int same = 0;
    for (EvalQuestion q : questions) {
      if (q.variantOf() != null && firstPassage.containsKey(q.variantOf())) {
        chatty++;
        same += firstPassage.get(q.q()).equals(firstPassage.get(q.variantOf())) ? 1 : 0;
      }
    }
    return new Report(
        questions.size(),
        answerable,
        unanswerable,
        ratio(hit1, answerable),
        ratio(answer1, answerable),
        ratio(hit3, answerable),
        answerable == 0 ? Double.NaN : rr / answerable,
        ratio(notFound, unanswerable),
        ratio(falseNotFound, answerable),
        Percentile.of(millis, 50),
        Percentile.of(millis, 95),
        Percentile.of(cold, 50),
        failures,
        byKind,
        chatty == 0 ? null : (double) same / chatty);
  }

  /** A quote's passage: its document and where the passage starts. */
  private static String passageKey(Quote q) {
    return q.source().id() + "@" + q.passage().start();
  }

  private static double[] time(QuestionAnswerer qa, List<EvalQuestion> questions, int topN) {
    double[] millis = new double[questions.size()];
    for (int i = 0; i < questions.size(); i++) {
      long t0 = System.nanoTime();
      qa.ask(questions.get(i).q(), topN);
      millis[i] = (System.nanoTime() - t0) / 1e6;
    }
    return millis;
  }

  /** What a right answer to {@code q} is, for a failure's line. */
  static String expected(EvalQuestion q) {
    return q.none() ? "not found" : "docs " + q.docs() + " with " + q.expect();
  }

  /** What the answer gave: its first quote's source and text, or "not found" and the terms. */
  static String describe(Answer a) {
    if (!a.answered()) {
      return "not found " + a.terms();
    }
    Quote q = a.quotes().get(0);
    return q.source().id() + ": " + q.text();
  }

  /**
   * {@code n} of {@code d}; over no question at all, NaN (n/a, null in JSON): 1.0 said of a file of
   * out-of-scope questions alone "hit@1 1.000" and "false not-found 1.000", every answerable
   * question of none answered "not found".
   */
  private static double ratio(int n, int d) {
    return d == 0 ? Double.NaN : (double) n / d;
  }
}
