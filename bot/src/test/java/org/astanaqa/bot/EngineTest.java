package org.astanaqa.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.config.ConfigLoader;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
  @TempDir Path dir;

  private AppConfig config(boolean watch) throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(
        corpus.resolve("astana.txt"),
        "The guarantors of the ceasefire met in Astana in January 2017.");
    return ConfigLoader.load(
        Files.writeString(
            dir.resolve("c.yaml"),
            "corpus: "
                + corpus.toString().replace("\\", "/")
                + "\ndataDir: "
                + dir.resolve("data").toString().replace("\\", "/")
                + "\nretrieval:\n  mode: bm25\n  watch: "
                + watch
                + "\n"));
  }

  private static boolean answersFromPharos(Engine e) {
    Answer a = e.answerer().ask("Which lighthouse keeper repaired the Pharos lamp?");
    return a.answered() && a.quotes().get(0).source().id().equals("pharos");
  }

  @Test
  void aFileDroppedIntoARunningEnginesCorpusIsAnsweredWithinSeconds() throws Exception {
    AppConfig c = config(true);
    try (Engine e = Engine.openLive(c, ProgressListener.NONE, false, true)) {
      assertFalse(answersFromPharos(e));
      long t0 = System.nanoTime();
      Files.writeString(
          Path.of(c.corpus()).resolve("pharos.txt"),
          "The lighthouse keeper Anselm Quist repaired the Pharos lamp in March.");
      while (!answersFromPharos(e)) {
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "not answered within 10 s");
        Thread.sleep(50);
      }
    }
  }

  @Test
  void withWatchOffTheFolderIsReadOnceAndAReindexReadsItAgain() throws Exception {
    AppConfig c = config(false);
    try (Engine e = Engine.openLive(c, ProgressListener.NONE, false, true)) {
      Files.writeString(
          Path.of(c.corpus()).resolve("pharos.txt"),
          "The lighthouse keeper Anselm Quist repaired the Pharos lamp in March.");
      Thread.sleep(3 * Engine.WATCH_EVERY.toMillis());
      assertFalse(answersFromPharos(e), "not watched");
      String summary = e.reindex();
      assertTrue(summary.startsWith("Reindexed 2 documents"), summary);
      assertTrue(answersFromPharos(e));
      assertEquals(2, e.answerer().report().documents());
    }
  }
}
