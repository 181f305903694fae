package org.astanaqa.retrieval.text;

import org.apache.lucene.search.spell.LuceneLevenshteinDistance;

/** How far apart two spellings are, in the edits a typo makes. */
public final class Edits {
  private static final LuceneLevenshteinDistance DISTANCE = new LuceneLevenshteinDistance();

  private Edits() {}

  /**
   * Whether one letter added, dropped or changed, or two neighbours swapped, make {@code a} into
   * {@code b} (or they are equal).
   */
  public static boolean oneApart(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.equals(b);
    }
    // Lucene's measure counts a swap as one edit, and is 1 - edits / the shorter length.
    return DISTANCE.getDistance(a, b) >= 1f - 1f / Math.min(a.length(), b.length()) - 1e-6f;
  }
}
