package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running engine follows its corpus folder: files added, changed and removed. */
class LiveIndexTest {
  @TempDir Path corpus;
  @TempDir Path index;

  private static final Duration WATCH = Duration.ofMillis(200);

  private void write(String name, String text) throws Exception {
    Path p = Files.writeString(corpus.resolve(name), text);
    // A later modification time than the last write, as a copy made seconds later has.
    Files.setLastModifiedTime(
        p, FileTime.fromMillis(System.currentTimeMillis() + 2000 * name.length()));
  }

  private static void within(Duration limit, BooleanSupplier done, String what) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what + " did not happen within " + limit);
      }
      Thread.sleep(50);
    }
  }

  private static String firstSource(QuestionAnswerer qa, String question) {
    Answer a = qa.ask(question);
    return a.answered() ? a.quotes().get(0).source().id() : "";
  }

  @Test
  void aFileDroppedAddedChangedOrRemovedIsFollowedWithinSeconds() throws Exception {
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017.");
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      qa.startBackground(WATCH);
      String question = "Which lighthouse keeper repaired the Pharos lamp?";
      assertFalse(qa.ask(question).answered());

      write("pharos.txt", "The lighthouse keeper Anselm Quist repaired the Pharos lamp in March.");
      // About half a second here (a look, and one more to see the folder hold still); the limit
      // leaves room for a machine shared by many builds.
      within(
          Duration.ofSeconds(10),
          () -> firstSource(qa, question).equals("pharos"),
          "the new file answering");
      assertEquals(2, qa.report().documents());

      write("pharos.txt", "The lighthouse keeper Berit Holm repaired the Pharos lamp in May.");
      within(
          Duration.ofSeconds(10),
          () -> qa.ask(question).quotes().stream().anyMatch(q -> q.text().contains("Holm")),
          "the changed text answering");
      assertTrue(
          qa.ask(question).quotes().stream().noneMatch(q -> q.text().contains("Quist")),
          "the old text is no longer quoted");

      Files.delete(corpus.resolve("pharos.txt"));
      within(
          Duration.ofSeconds(10),
          () -> !firstSource(qa, question).equals("pharos"),
          "the removed file leaving");
      assertFalse(qa.ask(question).answered());
      assertEquals(1, qa.report().documents());
      assertEquals(List.of("astana"), qa.sources().stream().map(Source::id).toList());
    }
  }

  @Test
  void aFileDroppedWhileAnotherIsStillBeingWrittenIsFollowedWithoutWaitingForIt() throws Exception {
    // From a probe: while one file of the folder changed at every look (a large copy, minutes
    // appended to), the folder never held still, and a file dropped beside it was not answered
    // until the other stopped changing.
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017.");
    Path minutes = corpus.resolve("minutes.txt");
    Files.writeString(minutes, "The minutes of the harbour board meeting held in the old hall.\n");
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer =
        new Thread(
            () -> {
              int line = 0;
              while (writing.get()) {
                try {
                  Files.writeString(
                      minutes,
                      "Item " + ++line + " of the harbour board was read out and approved.\n",
                      java.nio.file.StandardOpenOption.APPEND);
                  Thread.sleep(WATCH.toMillis() / 4);
                } catch (Exception e) {
                  return;
                }
              }
            });
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      qa.startBackground(WATCH);
      writer.start();
      String question = "Which lighthouse keeper repaired the Pharos lamp?";
      write("pharos.txt", "The lighthouse keeper Anselm Quist repaired the Pharos lamp in March.");
      within(
          Duration.ofSeconds(10),
          () -> firstSource(qa, question).equals("pharos"),
          "the new file answering while another is still being written");
      assertTrue(writer.isAlive(), "the other file was still being written");
      writing.set(false);
      writer.join();
      // once it holds still, the file written meanwhile is read whole
      Files.writeString(
          minutes,
          "The board closed the meeting with a song by the choir of Vell.\n",
          java.nio.file.StandardOpenOption.APPEND);
      within(
          Duration.ofSeconds(10),
          () ->
              firstSource(qa, "Which choir closed the board meeting with a song?")
                  .equals("minutes"),
          "the written file's last line answering");
      assertEquals(3, qa.report().documents());
    } finally {
      writing.set(false);
      writer.join();
    }
  }

  @Test
  void theDataAndIndexFoldersInsideTheCorpusAreNoPartOfItNorChangeIt() throws Exception {
    // --corpus . run from the documents' folder: the data folder (log, index) is inside the corpus.
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017.");
    Path data = Files.createDirectories(corpus.resolve("data"));
    Files.writeString(data.resolve("astana-qa.log"), "a log line\n");
    Files.writeString(data.resolve("notes.txt"), "The data folder's own notes: no document.");
    Path inside = data.resolve("index-1");
    Files.createDirectories(inside);
    for (int run = 1; run <= 2; run++) {
      try (Directory d = FSDirectory.open(inside);
          QuestionAnswerer qa =
              QuestionAnswerer.openLive(
                  corpus,
                  d,
                  Settings.defaults(),
                  QuestionAnswerer.Options.of(null, ProgressListener.NONE, false)
                      .leftOut(List.of(data)))) {
        if (run == 2) {
          // the first run's commit renamed the index's files: still the same corpus
          assertFalse(qa.report().rebuilt(), qa.report().reason());
        }
        assertEquals(List.of("astana"), qa.sources().stream().map(Source::id).toList());
        // the index's and the log's files are no skipped documents; a document the user put in
        // the program's folder is not read, and said so (it was dropped without a word)
        assertEquals(
            List.of("data/notes.txt"),
            qa.report().skipped().stream().map(x -> x.path()).toList(),
            qa.report().skipped().toString());
        assertTrue(
            qa.report().skipped().get(0).reason().startsWith("in the program's own folder data "),
            qa.report().skipped().get(0).reason());
        String before = String.join(",", d.listAll());
        Files.writeString(data.resolve("astana-qa.log"), "another log line\n");
        qa.update(false);
        assertEquals(before, String.join(",", d.listAll()), "no commit: nothing changed");
      }
    }
  }

  @Test
  void aRestartAfterLiveUpdatesReusesTheIndexAndSeesFilesChangedWhileStopped() throws Exception {
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017.");
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      write("pharos.txt", "The lighthouse keeper Anselm Quist repaired the Pharos lamp in March.");
      IndexReport r = qa.update(false);
      assertEquals("files changed: 1 added, 0 changed, 0 removed", r.reason());
      assertEquals(2, r.documents());
    }
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      assertFalse(qa.report().rebuilt(), qa.report().reason());
      assertEquals("pharos", firstSource(qa, "Who repaired the Pharos lamp?"));
    }
    write("pharos.txt", "The lighthouse keeper Berit Holm repaired the Pharos lamp in May.");
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      assertEquals("files changed: 0 added, 1 changed, 0 removed", qa.report().reason());
      assertTrue(qa.ask("Who repaired the Pharos lamp?").quotes().get(0).text().contains("Holm"));
    }
    // eval measures an index written in one pass: a live-updated one is written again.
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.open(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      assertTrue(qa.report().rebuilt());
      assertEquals("the index was updated live; measured in one pass", qa.report().reason());
    }
  }

  @Test
  void skippedFilesAndWarningsSurviveUpdatesOfOtherFiles() throws Exception {
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017.");
    Files.write(corpus.resolve("broken.txt"), new byte[] {'x', (byte) 0x81, 0x01});
    Files.write(
        corpus.resolve("ru.txt"),
        "Переговоры по Сирии прошли в Астане в январе.".getBytes("windows-1251"));
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      write("pharos.txt", "The lighthouse keeper Anselm Quist repaired the Pharos lamp in March.");
      IndexReport r = qa.update(false);
      assertEquals("files changed: 1 added, 0 changed, 0 removed", r.reason());
      assertEquals(List.of("broken.txt"), r.skipped().stream().map(SkippedFile::path).toList());
      assertTrue(
          r.warnings().contains("ru.txt: not UTF-8; read as windows-1251"),
          r.warnings().toString());
      Files.delete(corpus.resolve("broken.txt"));
      r = qa.update(false);
      assertEquals(List.of(), r.skipped());
      assertEquals(3, r.documents());
    }
  }

  @Test
  void questionsAskedWhileTheIndexSwitchesAreEachAnsweredFromOneIndexOrTheOther() throws Exception {
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017.");
    write("pharos.txt", "The lighthouse keeper Anselm Quist repaired the Pharos lamp in March.");
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> keepers = new ConcurrentLinkedQueue<>();
      AtomicInteger asked = new AtomicInteger();
      List<Thread> askers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Thread th =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    try {
                      Answer a = qa.ask("Who repaired the Pharos lamp?");
                      assertTrue(a.answered());
                      String quote = a.quotes().get(0).text();
                      keepers.add(
                          quote.contains("Quist")
                              ? "Quist"
                              : quote.contains("Holm") ? "Holm" : quote);
                      asked.incrementAndGet();
                      Thread.sleep(1); // leave the updates a core on a two-core machine
                    } catch (Throwable e) {
                      errors.add(e);
                    }
                  }
                });
        askers.add(th);
        th.start();
      }
      for (int i = 0; i < 8; i++) {
        write(
            "pharos.txt",
            "The lighthouse keeper "
                + (i % 2 == 0 ? "Berit Holm" : "Anselm Quist")
                + " repaired the Pharos lamp in March.");
        Files.setLastModifiedTime(
            corpus.resolve("pharos.txt"), FileTime.fromMillis(1_000_000L * (i + 1)));
        qa.update(i % 4 == 3);
      }
      stop.set(true);
      for (Thread th : askers) {
        th.join();
      }
      assertTrue(errors.isEmpty(), () -> errors.size() + " errors, the first: " + errors.peek());
      assertTrue(asked.get() > 8, "questions asked: " + asked.get());
      assertTrue(
          keepers.stream().allMatch(k -> k.equals("Quist") || k.equals("Holm")),
          keepers.toString());
      assertTrue(
          keepers.contains("Holm") && keepers.contains("Quist"),
          "both versions were answered from");
    }
  }

  @Test
  void inTheHybridModeWordsAnswerFirstAndEachPassageJoinsTheRankingWhenItsVectorExists(
      @TempDir Path cache, @TempDir Path onePass) throws Exception {
    write(
        "astana.txt",
        "The guarantors of the ceasefire, Russia, Turkey and Iran, met in Astana in January 2017.");
    write("pharos.txt", "The lighthouse keeper Anselm Quist repaired the Pharos lamp in March.");
    Path astanaOnly = Files.createDirectory(cache.resolve("astana-only"));
    Files.copy(corpus.resolve("astana.txt"), astanaOnly.resolve("astana.txt"));
    try (Embedder fresh = Embedder.load(TestModels.MODEL, cache)) {
      // The cache then holds the vectors of astana.txt's passages, not of pharos.txt's.
      QuestionAnswerer.inMemory(astanaOnly, Settings.defaults(), fresh).close();
      try (Directory d = FSDirectory.open(index);
          QuestionAnswerer qa =
              QuestionAnswerer.openLive(
                  corpus,
                  d,
                  Settings.defaults(),
                  QuestionAnswerer.Options.of(fresh, ProgressListener.NONE, false))) {
        IndexReport r = qa.report();
        assertEquals(1, r.missingVectors(), "pharos.txt's one passage waits for its vector");
        assertEquals(r.passages() - 1, r.passagesWithVectors());
        Answer words = qa.ask("Who repaired the Pharos lamp?");
        assertEquals("pharos", words.quotes().get(0).source().id());
        assertEquals(null, words.quotes().get(0).similarity(), "ranked by words alone");
        try (QuestionAnswerer bm25 = QuestionAnswerer.inMemory(corpus, Settings.defaults())) {
          Answer byWords = bm25.ask("Who repaired the Pharos lamp?");
          assertEquals(byWords.quotes().get(0).text(), words.quotes().get(0).text());
        }
        Answer meaning = qa.ask("Which countries guaranteed the ceasefire?");
        assertEquals("astana", meaning.quotes().get(0).source().id());
        assertTrue(
            meaning.quotes().get(0).similarity() != null, "astana.txt's passage has its vector");

        qa.completeVectors(ProgressListener.NONE);
        assertEquals(0, qa.report().missingVectors());
        try (Directory d2 = FSDirectory.open(onePass);
            QuestionAnswerer whole =
                QuestionAnswerer.open(
                    corpus,
                    d2,
                    Settings.defaults(),
                    QuestionAnswerer.Options.of(fresh, ProgressListener.NONE, false))) {
          for (String q :
              List.of(
                  "Who repaired the Pharos lamp?", "Which countries guaranteed the ceasefire?")) {
            Answer a = qa.ask(q);
            Answer b = whole.ask(q);
            assertEquals(b.confidence(), a.confidence(), q);
            assertEquals(b.quotes().get(0).text(), a.quotes().get(0).text(), q);
            assertEquals(b.quotes().get(0).similarity(), a.quotes().get(0).similarity(), q);
          }
        }
      }
    }
  }
}
