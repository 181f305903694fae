package org.astanaqa.retrieval;

import java.util.Locale;

/** How passages are found: by words alone, or by words and meaning together. */
public enum Mode {
  /** Lucene BM25 with proximity, re-ranked by coverage and quote: no model, small and fast. */
  BM25,

  /**
   * BM25 and a sentence-embedding model's nearest neighbours (HNSW in the same index), fused, then
   * re-ranked as in {@link #BM25}; finds passages that say the same thing in other words.
   */
  HYBRID;

  /** {@code bm25} or {@code hybrid}, case-insensitively. */
  public static Mode named(String name) {
    for (Mode m : values()) {
      if (m.name().equalsIgnoreCase(name.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown retrieval mode '" + name + "'; use bm25 or hybrid");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
