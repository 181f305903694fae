package org.astanaqa.bot.telegram;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

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
    long[] sorted = Arrays.copyOf(micros, n);
    Arrays.sort(sorted);
    return String.format(Locale.ROOT,
        "Since %s: %d questions, %d not found (%.1f%%). Answer time over the last %d: p50 %.1f ms, p95 %.1f ms.",
        since, questions, notFound, questions == 0 ? 0.0 : 100.0 * notFound / questions, n,
        percentile(sorted, 50) / 1000.0, percentile(sorted, 95) / 1000.0);
  }

  private static double percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
