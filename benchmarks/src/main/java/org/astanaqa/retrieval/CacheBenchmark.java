package org.astanaqa.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bounded caches' look-up as the passage cache uses it (most look-ups hit; a miss inserts): the
 * synchronized access-ordered {@code LinkedHashMap} the code had against Caffeine, on two threads
 * as the bot's workers. {@code mvn -B -q -Pbench package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar CacheBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class CacheBenchmark {
  private static final int CAPACITY = 2_000;

  /** Keys drawn from a range a little larger than the capacity: about 9 in 10 look-ups hit. */
  private static final int KEYS = 2_200;

  private Map<Integer, Object> linked;
  private Cache<Integer, Object> caffeine;

  @Setup
  public void fill() {
    linked =
        new LinkedHashMap<>(256, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Object> eldest) {
            return size() > CAPACITY;
          }
        };
    caffeine = Caffeine.newBuilder().maximumSize(CAPACITY).executor(Runnable::run).build();
    for (int i = 0; i < CAPACITY; i++) {
      linked.put(i, Integer.toString(i));
      caffeine.put(i, Integer.toString(i));
    }
  }

  @Benchmark
  public Object linkedHashMap() {
    Integer k = ThreadLocalRandom.current().nextInt(KEYS);
    synchronized (linked) {
      Object v = linked.get(k);
      if (v == null) {
        v = k;
        linked.put(k, v);
      }
      return v;
    }
  }

  @Benchmark
  public Object caffeine() {
    Integer k = ThreadLocalRandom.current().nextInt(KEYS);
    Object v = caffeine.getIfPresent(k);
    if (v == null) {
      v = k;
      caffeine.put(k, v);
    }
    return v;
  }
}
