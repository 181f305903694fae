package org.astanaqa.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.astanaqa.bot.telegram.LogCapture;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a running console or bot says when it cannot follow its corpus folder. */
class WatchWarningsTest {
  @TempDir Path dir;

  @Test
  void aCorpusFolderThatIsGoneIsWarnedOfOnceNotAtEveryLook() throws Exception {
    // From a probe: with the corpus folder moved away while the console ran, the same warning
    // came to the console's terminal (stderr) once a second, between the user's questions, for as
    // long as the folder stayed away.
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(
        corpus.resolve("astana.txt"),
        "The guarantors of the ceasefire met in Astana in January 2017.");
    try (LogCapture log = new LogCapture();
        Directory d = FSDirectory.open(dir.resolve("index"));
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      qa.startBackground(Duration.ofMillis(100));
      Files.move(corpus, dir.resolve("moved"));
      Thread.sleep(1500); // about fifteen looks
      List<String> warnings =
          log.atLeast(Level.WARN).stream().filter(l -> l.contains("up to date")).toList();
      assertEquals(1, warnings.size(), String.join("\n", warnings));
      assertTrue(warnings.get(0).contains("does not exist"), warnings.get(0));
      assertTrue(qa.ask("Who met in Astana?").answered(), "the index in use stays");
    }
  }
}
