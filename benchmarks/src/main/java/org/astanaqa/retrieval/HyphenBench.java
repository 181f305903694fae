package org.astanaqa.retrieval;

import org.astanaqa.retrieval.text.PassageSplitter;

/**
 * Times the hyphen repair: splits a hard-wrapped record of N lines, each broken inside a different
 * word, and prints the best of three. Run it against two builds to compare them: {@code java -cp
 * benchmarks/target/benchmarks.jar org.astanaqa.retrieval.HyphenBench 3000}, and the same with an
 * older commit's {@code retrieval/target/classes} first on the class path.
 */
public class HyphenBench {
  static String word(int i) {
    StringBuilder sb = new StringBuilder();
    for (int n = i + 1; n > 0; n /= 19) {
      sb.append("bcdfghjklmnpqrstvwz".charAt(n % 19)).append('a');
    }
    return sb.toString();
  }

  public static void main(String[] args) {
    int lines = Integer.parseInt(args[0]);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      sb.append("the delegation noted that the ")
          .append(word(i))
          .append("-\n")
          .append(i % 2 == 0 ? "tion" : "based")
          .append(" of the matter was discussed\n");
      if (i % 2 == 1) {
        sb.append("a ").append(word(i)).append("-based approach, it said.\n");
      }
    }
    CorpusDocument doc =
        new CorpusDocument(new Source("doc", null, null, null, null), sb.toString());
    long best = Long.MAX_VALUE;
    int n = 0;
    for (int r = 0; r < 3; r++) {
      long t0 = System.nanoTime();
      n = PassageSplitter.split(doc).size();
      best = Math.min(best, System.nanoTime() - t0);
    }
    System.out.printf(
        "%d lines (%d chars): %d passages, best of 3 %.0f ms%n", lines, sb.length(), n, best / 1e6);
  }
}
