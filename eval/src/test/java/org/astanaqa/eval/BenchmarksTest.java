package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.astanaqa.retrieval.CorpusDocument;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark run over a tiny corpus, in both modes. */
class BenchmarksTest {
  @Test
  void aBenchmarkRunTimesTheQuestionsEmbeddingAloneInTheHybridModeOnly(@TempDir Path work)
      throws Exception {
    Benchmarks.Data data =
        new Benchmarks.Data(
            "tiny",
            List.of(
                new CorpusDocument(
                    new Source("a", "Astana talks", null, null, null),
                    "Russia, Turkey and Iran guarantee the ceasefire."),
                new CorpusDocument(
                    new Source("b", "Sochi", null, null, null),
                    "A memorandum on Idlib was signed in Sochi.")),
            List.of(
                new Benchmarks.Question(
                    "1", "Who guarantees the ceasefire?", java.util.Map.of("a", 1), List.of()),
                new Benchmarks.Question(
                    "2",
                    "Where was the Idlib memorandum signed?",
                    java.util.Map.of("b", 1),
                    List.of())));
    Benchmarks.Report hybrid =
        Benchmarks.run(
            data, Settings.defaults(), TestModels.embedder(), false, work.resolve("h"), 0, true);
    assertEquals("hybrid", hybrid.mode());
    Benchmarks.Latency e = hybrid.embeddingLatency();
    assertTrue(e.p50() > 0 && e.p50() <= e.p95() && e.p95() <= e.p99(), "embedding latency " + e);
    assertEquals(1.0, hybrid.engine().top1(), "both questions rank their document first");
    Benchmarks.Report bm25 =
        Benchmarks.run(data, Settings.defaults(), null, false, work.resolve("b"), 0, true);
    assertNull(bm25.embeddingLatency(), "no model, nothing to time");
  }
}
