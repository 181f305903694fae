package org.astanaqa.retrieval.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code capacity} entries and forgets the least recently used one first:
 * the one bounded cache of the code (analyzed passages here; answers behind buttons and per-chat
 * and per-user limits in the bot). Not thread-safe: callers hold its lock, as a look-up reorders
 * it. Chosen over Caffeine, which measured slower on this workload and adds 1 MB to the jar ({@code
 * CacheBenchmark} in {@code benchmarks/}).
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;

  private final int capacity;

  public LruMap(int capacity) {
    super(Math.min(256, Math.max(16, capacity)), 0.75f, true);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity + " < 1");
    }
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}
