package org.astanaqa.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large file is indexed in memory bounded by about twice its size, not several copies of it.
 * Scaled down to keep the test fast: before, a 6 MB file ran out of a 56 MB heap (and a 60 MB file
 * out of 512 MB); now it indexes there (and the 60 MB file in 160 MB).
 */
class LargeFileTest {
  @TempDir Path tmp;

  @Test
  void aSixMegabyteFileIsIndexedAndAnsweredFromInA56MegabyteHeap() throws Exception {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    try (BufferedWriter w = Files.newBufferedWriter(corpus.resolve("big.txt"))) {
      for (int i = 0; Files.size(corpus.resolve("big.txt")) < 6_000_000 || i % 1000 != 0; i++) {
        w.write(
            "Paragraph "
                + i
                + " of the long report records meeting number "
                + i
                + " of the working"
                + " group, which reviewed the ceasefire and the humanitarian access in the region, and agreed"
                + " on the next steps for the talks.\n");
        if (i % 1000 == 999) {
          w.flush();
        }
      }
      w.write(
          "The final paragraph names the rapporteur, Ms. Quillfeather, who closed the session.\n");
    }
    List<String> heap = List.of("-Xmx56m");
    String index = tmp.resolve("index").toString();
    ChildJvm.Result built =
        ChildJvm.run(
            tmp,
            heap,
            Map.of(),
            "--mode",
            "bm25",
            "--corpus",
            corpus.toString(),
            "--index",
            index,
            "index");
    assertEquals(0, built.exit(), built.err());
    assertTrue(built.out().startsWith("Indexed 1 document,"), built.out());
    assertFalse(built.out().contains("Skipped"), built.out());
    assertEquals("", built.err());
    ChildJvm.Result asked =
        ChildJvm.run(
            tmp,
            heap,
            Map.of(),
            "--mode",
            "bm25",
            "--corpus",
            corpus.toString(),
            "--index",
            index,
            "ask",
            "Who is the rapporteur Quillfeather?");
    assertEquals(0, asked.exit(), asked.err());
    assertTrue(
        asked
            .out()
            .matches(
                "(?s)(Likely answer|This may be related) \\(confidence [0-9.]+\\)\\R"
                    + "1\\. \u201cThe final paragraph names the rapporteur.*"),
        asked.out());
  }
}
