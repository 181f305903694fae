package org.astanaqa.bot.telegram;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.astanaqa.retrieval.util.Percentile;

/** Questions answered, the not-found rate and latency since start, for the admins' /stats. */
final class BotStats {
  /** Latencies kept for the percentiles: the most recent ones, in a ring. */
  private static final int WINDOW = 1000;

  private final Instant since = Instant.now();
  private final long[] micros = new long[WINDOW];
  private long questions;
  private long notFound;

  synchronized void record(boolean answered, long nanos) {
    micros[(int) (questions % WINDOW)] = nanos / 1000;
    questions++;
    if (!answered) {
      notFound++;
    }
  }

  synchronized String summary() {
    int n = (int) Math.min(questions, WINDOW);
    double[] sorted = Arrays.stream(micros, 0, n).asDoubleStream().sorted().toArray();
    return String.format(
        Locale.ROOT,
        "Since %s: %d questions, %d not found (%.1f%%). Answer time over the last %d: p50 %.1f ms, p95 %.1f ms.",
        since,
        questions,
        notFound,
        questions == 0 ? 0.0 : 100.0 * notFound / questions,
        n,
        Percentile.of(sorted, 50) / 1000.0,
        Percentile.of(sorted, 95) / 1000.0);
  }
}
