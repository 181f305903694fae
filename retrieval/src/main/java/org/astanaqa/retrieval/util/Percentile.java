package org.astanaqa.retrieval.util;

/** Percentiles of measured values (latencies), by the nearest-rank method. */
public final class Percentile {
  private Percentile() {}

  /**
   * The smallest of the sorted values such that at least {@code p} percent are at or below it; 0
   * when there are none.
   */
  public static double of(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
