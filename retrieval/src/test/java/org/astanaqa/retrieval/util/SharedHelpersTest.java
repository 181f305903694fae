package org.astanaqa.retrieval.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The small helpers the modules share: the LRU map, percentiles and SHA-256. */
class SharedHelpersTest {
  @Test
  void theLruMapForgetsTheLeastRecentlyUsedEntryFirst() {
    LruMap<String, Integer> m = new LruMap<>(2);
    m.put("a", 1);
    m.put("b", 2);
    m.get("a"); // "b" is now the least recently used
    m.put("c", 3);
    assertEquals(2, m.size());
    assertTrue(m.containsKey("a") && m.containsKey("c"));
    assertFalse(m.containsKey("b"));
  }

  @Test
  void percentilesAreNearestRankAsInTheTextbookExample() {
    // Wikipedia's "Nearest-rank method" example: 15, 20, 35, 40, 50.
    double[] v = {15, 20, 35, 40, 50};
    assertEquals(20, Percentile.of(v, 30));
    assertEquals(20, Percentile.of(v, 40));
    assertEquals(35, Percentile.of(v, 50));
    assertEquals(50, Percentile.of(v, 100));
    assertEquals(15, Percentile.of(v, 0));
    assertEquals(0, Percentile.of(new double[0], 50));
  }

  @Test
  void sha256MatchesTheStandardTestVector() {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HexFormat.of().formatHex(Sha256.of("abc")));
    assertEquals("ba7816bf8f01", Sha256.hex("abc", 6));
  }
}
