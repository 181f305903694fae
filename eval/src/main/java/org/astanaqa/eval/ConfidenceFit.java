package org.astanaqa.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.astanaqa.retrieval.ConfidenceModel;
import org.astanaqa.retrieval.QuestionAnswerer;

/**
 * Fits the confidence model: logistic regression, by Newton's method with a small L2 penalty, of
 * "the first quote is right" on the first quote's signals ({@link QuestionAnswerer#signalNames()}).
 * Each question set weighs the same in the fit, so a 3,000-question benchmark does not drown a
 * 100-question own set. Only tune parts go in.
 */
public final class ConfidenceFit {
  /** L2 penalty per (weighted) question on the standardized weights. */
  private static final double L2 = 0.01;

  private static final int ITERATIONS = 50;
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ConfidenceFit() {}

  /**
   * Fits weights on {@code items} and returns them as the JSON the engine reads ({@code
   * confidence-<name>.json}). The threshold is the one with the best balanced accuracy on the same
   * items (see {@link #bestThreshold}).
   *
   * @param name {@code bm25} or the embedding model's id
   * @param likely the confidence from which a reply is worded as a likely answer
   * @param data what the items are, for a person to read
   */
  public static String fit(
      List<Answerability.Item> items, String name, double likely, String data) {
    List<Answerability.Item> usable = items.stream().filter(i -> i.signals().length > 0).toList();
    int n = usable.size();
    int d = QuestionAnswerer.signalNames().size();
    if (n < 2 * d) {
      throw new IllegalArgumentException("too few questions to fit on: " + n);
    }
    Map<String, Integer> perSet = new HashMap<>();
    usable.forEach(i -> perSet.merge(i.set(), 1, Integer::sum));
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      weight[i] = (double) n / (perSet.size() * perSet.get(usable.get(i).set()));
    }
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += weight[i] * usable.get(i).signals()[j];
      }
      mean[j] = s / n;
      double v = 0;
      for (int i = 0; i < n; i++) {
        double x = usable.get(i).signals()[j] - mean[j];
        v += weight[i] * x * x;
      }
      double sd = Math.sqrt(v / n);
      scale[j] = sd > 1e-9 ? sd : 1; // a signal constant here (the cosine in the BM25 mode)
    }
    double[][] x = new double[n][d + 1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (usable.get(i).signals()[j] - mean[j]) / scale[j];
      }
      x[i][d] = 1; // the intercept
      y[i] = usable.get(i).right() ? 1 : 0;
    }
    double[] beta = newton(x, y, weight, L2 * n);
    double[] w = java.util.Arrays.copyOf(beta, d);
    ConfidenceModel fitted =
        new ConfidenceModel(
            name, QuestionAnswerer.signalNames(), mean, scale, w, beta[d], 0.5, likely, data);
    double threshold = bestThreshold(usable, fitted);
    ConfidenceModel model =
        new ConfidenceModel(
            name, QuestionAnswerer.signalNames(), mean, scale, w, beta[d], threshold, likely, data);
    try {
      return JSON.writeValueAsString(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] newton(double[][] x, double[] y, double[] weight, double lambda) {
    int n = x.length;
    int k = x[0].length;
    double[] beta = new double[k];
    for (int iter = 0; iter < ITERATIONS; iter++) {
      double[] grad = new double[k];
      double[][] hess = new double[k][k];
      for (int i = 0; i < n; i++) {
        double z = 0;
        for (int j = 0; j < k; j++) {
          z += beta[j] * x[i][j];
        }
        double p = 1 / (1 + Math.exp(-z));
        double g = weight[i] * (p - y[i]);
        double h = weight[i] * p * (1 - p);
        for (int j = 0; j < k; j++) {
          grad[j] += g * x[i][j];
          for (int l = 0; l < k; l++) {
            hess[j][l] += h * x[i][j] * x[i][l];
          }
        }
      }
      for (int j = 0; j < k - 1; j++) { // the intercept is not penalized
        grad[j] += lambda * beta[j];
        hess[j][j] += lambda;
      }
      double[] step = solve(hess, grad);
      double size = 0;
      for (int j = 0; j < k; j++) {
        beta[j] -= step[j];
        size = Math.max(size, Math.abs(step[j]));
      }
      if (size < 1e-8) {
        break;
      }
    }
    return beta;
  }

  /** Solves {@code a x = b} by Gaussian elimination with partial pivoting. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      if (Math.abs(m[c][c]) < 1e-12) {
        m[c][c] = 1e-12;
      }
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] out = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= m[r][k] * out[k];
      }
      out[r] = s / m[r][r];
    }
    return out;
  }

  /**
   * The threshold with the best balanced accuracy, averaged over the question sets: the share of
   * answerable questions given a right first quote and the share of unanswerable ones answered "not
   * found" count the same, as the two halves of the product's promise. Saying "not found" to a
   * question the documents answer is a miss even when the quote would have been wrong.
   */
  private static double bestThreshold(List<Answerability.Item> items, ConfidenceModel model) {
    Map<String, double[]> counts = new HashMap<>(); // set -> {answerable, unanswerable}
    for (Answerability.Item it : items) {
      counts.computeIfAbsent(it.set(), k -> new double[2])[it.answerable() ? 0 : 1]++;
    }
    double[] p = items.stream().mapToDouble(it -> model.probability(it.signals())).toArray();
    double best = 0.5;
    double bestScore = -1;
    for (int t = 5; t <= 95; t++) {
      double threshold = t / 100.0;
      double score = 0;
      for (int i = 0; i < items.size(); i++) {
        Answerability.Item it = items.get(i);
        double[] c = counts.get(it.set());
        boolean answer = p[i] >= threshold;
        if (it.answerable() && answer && it.right()) {
          score += 1 / c[0];
        } else if (!it.answerable() && !answer) {
          score += 1 / c[1];
        }
      }
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = threshold;
      }
    }
    return best;
  }
}
