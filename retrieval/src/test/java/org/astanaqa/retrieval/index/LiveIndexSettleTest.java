package org.astanaqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.TestModels;
import org.astanaqa.retrieval.corpus.CorpusReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus watch's update of the files that held still while others are still written. */
class LiveIndexSettleTest {
  @TempDir Path corpus;
  @TempDir Path index;

  private static long clock = System.currentTimeMillis();

  private void write(String name, String text) throws Exception {
    Path p = Files.writeString(corpus.resolve(name), text + "\n");
    clock += 5000; // a later modification time than the last write
    Files.setLastModifiedTime(p, FileTime.fromMillis(clock));
  }

  /**
   * The live index of {@link #corpus} in {@code d}, opened as the engine opens it (in the hybrid
   * mode when {@code embedder} is not null).
   */
  private LiveIndex live(Directory d, Settings settings, org.astanaqa.retrieval.Embedder embedder)
      throws java.io.IOException {
    return new LiveIndex(
        corpus,
        d,
        IndexStore.open(corpus, d, settings, embedder, ProgressListener.NONE, false, false),
        settings,
        embedder);
  }

  /**
   * The files that held still between two looks are read, and only those of the last look: the
   * update listed the folder again, so a file created after that look (the next file of a folder
   * being copied in, its first bytes written) was read at once, half-written, never judged.
   */
  @Test
  void onlyTheFilesOfTheLastLookThatHeldStillAreReadNotOneThatCameAfterIt() throws Exception {
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017.");
    write("sochi.txt", "The Sochi memorandum was signed in September 2018 by two presidents.");
    Settings settings = Settings.defaults();
    try (Directory d = FSDirectory.open(index);
        LiveIndex live = live(d, settings, null)) {
      assertEquals(2, live.report().documents());
      CorpusReader.Listing before = live.listing();
      write("geneva.txt", "The Geneva talks resumed in March under the UN special envoy.");
      write("minutes.txt", "The minutes of the harbour board meeting, still being"); // written to
      CorpusReader.Listing now = live.listing();
      write("geneva.txt", "The Geneva talks resumed in March under the UN special envoy again.");
      write("late.txt", "The first line of a file being copied in"); // after the look
      live.updateSettled(before, now);
      // geneva and minutes changed since the look before, late came after the look: none is read
      assertEquals(2, live.report().documents(), "astana and sochi alone");

      CorpusReader.Listing later = live.listing();
      live.updateSettled(now, later); // minutes held still since; geneva and late changed
      assertEquals(3, live.report().documents(), "minutes read");
      live.updateSettled(later, live.listing()); // all held still since
      assertEquals(5, live.report().documents(), "geneva and late read once they held still");
    }
  }

  /**
   * In the hybrid mode, once the passages have their vectors, the index is written again in one
   * pass from the corpus folder; that rewrite read the folder as it then was, a file still being
   * written half-way (the last session's leftover), where the live update had left it for later. It
   * now waits until the folder is what the index was written from.
   */
  @Test
  void theOnePassRewriteAfterTheVectorsDoesNotReadAFileStillBeingWritten() throws Exception {
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017.");
    write("sochi.txt", "The Sochi memorandum was signed in September 2018 by two presidents.");
    Settings settings = Settings.defaults();
    try (Directory d = FSDirectory.open(index);
        LiveIndex live = live(d, settings, TestModels.embedder())) {
      write("geneva.txt", "The Geneva talks resumed in March under the UN special envoy.");
      CorpusReader.Listing before = live.listing();
      write("minutes.txt", "The minutes of the harbour board meeting, still being"); // written to
      CorpusReader.Listing now = live.listing();
      live.updateSettled(before, now);
      assertEquals(3, live.report().documents(), "geneva read, minutes left for later");

      live.completeVectors(ProgressListener.NONE);
      assertEquals(3, live.report().documents(), "the rewrite did not read minutes half-written");

      live.updateSettled(now, live.listing()); // minutes held still since
      assertEquals(4, live.report().documents(), "minutes read once it held still");
      live.completeVectors(ProgressListener.NONE);
      assertEquals(0, live.report().missingVectors());
      assertEquals(4, live.report().documents());
    }
  }

  /**
   * The background work's rewrite after the vectors, put off while a file was still being written,
   * is made once the folder settles: the passages filled before still count toward it. Before,
   * their count was dropped with the rewrite put off, and the few passages of the settled file were
   * far from most of the index: the one-pass layout, and the deleted documents gone with it, waited
   * for the next start.
   */
  @Test
  void theOnePassRewritePutOffWhileAFileWasWrittenIsMadeOnceTheFolderSettles() throws Exception {
    // words of this run alone: no vector of theirs is in the tests' shared cache yet
    String run = " Run " + Long.toString(System.nanoTime(), 36) + ".";
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017." + run);
    write("sochi.txt", "The Sochi memorandum was signed in September 2018." + run);
    write("geneva.txt", "The Geneva talks resumed in March under the UN special envoy." + run);
    Settings settings = Settings.defaults();
    try (Directory d = FSDirectory.open(index);
        LiveIndex live = live(d, settings, TestModels.embedder())) {
      CorpusReader.Listing before = live.listing();
      write(
          "minutes.txt",
          "The minutes of the harbour board meeting." + run + " Still"); // written to
      CorpusReader.Listing now = live.listing();
      live.updateSettled(before, now);
      assertTrue(live.report().missingVectors() > 0);
      int owed = live.fillThenRewrite(0);
      assertFalse(live.onePass(), "not while minutes is being written");

      live.updateSettled(now, live.listing()); // minutes held still since
      assertEquals(4, live.report().documents());
      live.fillThenRewrite(owed);
      assertTrue(live.onePass(), "written in one pass once the folder settled");
      assertEquals(4, live.report().documents());
      assertEquals(0, live.report().missingVectors());
    }
  }

  /**
   * The background work computes the next step's vectors without the write lock, and writes them
   * under it from the vector cache: a live update waited for the model's whole step (about 12 s for
   * 256 passages on 2 cores), so a file dropped while a new corpus's vectors were computed was
   * answered 19 s later, where the README says about 2 s.
   */
  @Test
  void theVectorsOfTheNextStepAreComputedWhileAnUpdateHoldsTheWriteLock() throws Exception {
    // words of this run alone: no vector of theirs is in the tests' shared cache yet
    String run = " Run " + Long.toString(System.nanoTime(), 36) + ".";
    write("astana.txt", "The guarantors of the ceasefire met in Astana in January 2017." + run);
    write("sochi.txt", "The Sochi memorandum was signed in September 2018." + run);
    Settings settings = Settings.defaults();
    org.astanaqa.retrieval.Embedder embedder = TestModels.embedder();
    try (Directory d = FSDirectory.open(index);
        LiveIndex live = live(d, settings, embedder)) {
      assertEquals(2, live.report().missingVectors());
      long computedBefore = embedder.cacheCounts()[1];
      java.util.concurrent.atomic.AtomicInteger warmed =
          new java.util.concurrent.atomic.AtomicInteger(-1);
      Thread step = new Thread(() -> warmed.set(live.warmStep()));
      synchronized (live.writeLock()) { // as an update writing the index
        step.start();
        step.join(120_000); // it would wait for the lock for ever
        assertFalse(step.isAlive(), "the vectors waited for the write lock");
      }
      assertEquals(2, warmed.get());
      assertEquals(computedBefore + 2, embedder.cacheCounts()[1], "both computed");
      assertEquals(2, live.report().missingVectors(), "nothing written without the lock");

      live.completeVectors(ProgressListener.NONE);
      assertEquals(0, live.report().missingVectors());
      assertEquals(computedBefore + 2, embedder.cacheCounts()[1], "written from the cache");
    }
  }
}
