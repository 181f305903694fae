package org.astanaqa.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.astanaqa.retrieval.CorpusException;
import org.astanaqa.retrieval.Embedder;
import org.astanaqa.retrieval.Extraction;
import org.astanaqa.retrieval.IndexReport;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.corpus.CorpusReader;
import org.astanaqa.retrieval.util.IoErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of one corpus kept live: questions read point-in-time views handed out by Lucene's
 * {@link SearcherManager}; a live update ({@link #update}, or the corpus watch of {@link
 * #startBackground}) writes and commits its documents, then switches new questions to the new view;
 * in the hybrid mode, passages that lack their vector get it in the background, {@link #FILL_STEP}
 * at a time. Every write holds one lock, so an update, the vectors' work and a rewrite never
 * overlap.
 */
public final class LiveIndex implements java.io.Closeable {
  private static final Logger log = LoggerFactory.getLogger(LiveIndex.class);

  /**
   * Passages given their vectors in one background step, committed and made searchable together: a
   * few seconds of work on two cores, so new vectors count soon and a live update waits little.
   */
  private static final int FILL_STEP = 256;

  /**
   * When the background work gave vectors to at least this share of the passages, the index is then
   * written again in one pass (every vector from the cache): the layout {@code eval} measures,
   * without the deleted documents that replacing most of the index leaves behind.
   */
  private static final double REWRITE_SHARE = 0.5;

  /** How long the background work waits after a failure (another process holding the lock). */
  private static final long RETRY_MILLIS = 30_000;

  private final Path corpus;

  /** Folders inside the corpus that are not part of it: the data and index folders. */
  private final List<Path> leftOut;

  /**
   * The documents a user put in {@link #leftOut}, remembered between the watch's looks: walked
   * again only when those folders change, not every second.
   */
  private final org.astanaqa.retrieval.corpus.OwnFolders ownFolders =
      new org.astanaqa.retrieval.corpus.OwnFolders();

  private final Directory directory;
  private final SearcherManager views;
  private final Settings settings;

  /** The model of the hybrid mode; null in the BM25 mode. Not owned: the caller closes it. */
  private final Embedder embedder;

  /** Held by whatever writes the index: a live update, the vectors' work, a rewrite. */
  private final Object writing = new Object();

  /** Wakes the background threads: new work, or closing. */
  private final Object signal = new Object();

  private boolean work;
  private volatile boolean closed;
  private final List<Thread> threads = new ArrayList<>();

  /** What the last open or update did. */
  private record LastChange(
      boolean rebuilt, String reason, long millis, List<Extraction> extraction) {}

  private volatile LastChange last;

  /**
   * Serves {@code opened}'s reader (closed here if this fails) and keeps it up to date.
   *
   * @param corpus the folder the index was built from; null for documents given directly, which
   *     have nothing to watch or update
   * @param embedder the hybrid mode's model (its vectors must be the index's), or null
   */
  public LiveIndex(
      Path corpus,
      Directory directory,
      IndexStore.Opened opened,
      Settings settings,
      Embedder embedder) {
    this(corpus, List.of(), directory, opened, settings, embedder);
  }

  /**
   * As {@link #LiveIndex(Path, Directory, IndexStore.Opened, Settings, Embedder)}, the folders
   * {@code leftOut} and the index's own never read as documents ({@link IndexStore#open(Path,
   * java.util.Collection, Directory, Settings, Embedder, ProgressListener, boolean, boolean)}).
   */
  public LiveIndex(
      Path corpus,
      java.util.Collection<Path> leftOut,
      Directory directory,
      IndexStore.Opened opened,
      Settings settings,
      Embedder embedder) {
    try {
      String indexModel = opened.reader().getIndexCommit().getUserData().get(Fields.COMMIT_MODEL);
      if (embedder != null && !embedder.model().id().equals(indexModel)) {
        throw new IllegalStateException(
            "the index holds vectors of " + indexModel + ", not " + embedder.model().id());
      }
      this.views = new SearcherManager(opened.reader(), IndexView.factory(settings));
    } catch (IOException | RuntimeException e) {
      IndexStore.closeQuietly(opened.reader());
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException(
          "cannot open the index in " + IndexStore.where(directory), (IOException) e);
    }
    this.corpus = corpus;
    this.leftOut = IndexStore.ownFolders(directory, leftOut);
    this.directory = directory;
    this.settings = settings;
    this.embedder = embedder;
    this.last =
        new LastChange(opened.rebuilt(), opened.reason(), opened.millis(), opened.extraction());
  }

  /**
   * Starts the background work of a long-running front end: computing the vectors passages do not
   * have yet (hybrid mode), and, when {@code watchEvery} is not null, looking at the corpus folder
   * that often for files added, changed or removed, which {@link #update} then applies once the
   * folder has stayed the same for one more look (a file still being copied is not read half-way).
   */
  public void startBackground(Duration watchEvery) {
    if (corpus == null) {
      throw new IllegalStateException(
          "an index built from documents has no corpus folder to watch");
    }
    if (embedder != null) {
      start("index-vectors", this::fillLoop);
    }
    if (watchEvery != null) {
      start("corpus-watch", () -> watchLoop(watchEvery.toMillis()));
    }
  }

  private void start(String name, Runnable loop) {
    Thread t = new Thread(loop, name);
    t.setDaemon(true);
    synchronized (threads) {
      threads.add(t);
    }
    t.start();
  }

  /**
   * Brings the index up to date with the corpus folder now: reads again the files added or changed
   * since it was written (every file when {@code all}), deletes the documents of removed files, and
   * switches questions to the result once it is committed. Vectors come from the cache where they
   * are; the background work computes the rest.
   *
   * @throws CorpusException when the corpus cannot be read or the index written; the index in use
   *     then stays as it was
   */
  public void update(boolean all) {
    update(all, java.util.Set.of(), null);
  }

  /**
   * Brings the index up to date with the files of {@code now} that held still since {@code before}
   * (two looks of the corpus watch), leaving those new or changed since as the index has them, for
   * a later update once they hold still. Only {@code now}'s files are read: a file that came after
   * that look is left for the next, where listing the folder again here read a file created between
   * the two listings at once, half-written, in a folder being copied into.
   */
  void updateSettled(CorpusReader.Listing before, CorpusReader.Listing now) {
    update(false, changedSince(before, now), now);
  }

  /** The corpus folder's files as the index follows them. */
  CorpusReader.Listing listing() {
    return CorpusReader.list(corpus, leftOut, ownFolders);
  }

  /**
   * As {@link #update(boolean)}, leaving the files of {@code unsettled} (relative paths: files
   * still being written) as the index has them, for a later update once they hold still; nothing is
   * written when no other file changed since the last update.
   *
   * @param listing the corpus folder's files as {@code unsettled} was judged on; null to list them
   *     now
   */
  private void update(boolean all, java.util.Set<String> unsettled, CorpusReader.Listing listing) {
    if (corpus == null) {
      throw new IllegalStateException("an index built from documents has no corpus folder");
    }
    synchronized (writing) {
      IndexView view = acquire();
      try {
        if (listing == null) {
          listing = listing();
        }
        if (!all
            && IndexStore.fingerprint(listing, embedder, unsettled)
                .equals(view.commitData.get(Fields.COMMIT_FINGERPRINT))) {
          return;
        }
        IndexStore.Changes c =
            IndexStore.update(
                corpus,
                listing,
                directory,
                settings,
                embedder,
                (DirectoryReader) view.getIndexReader(),
                all,
                unsettled);
        views.maybeRefreshBlocking();
        last = new LastChange(true, "files changed: " + c, c.millis(), c.extraction());
        log.info("index of {} updated: {} in {} ms", corpus, c, c.millis());
      } catch (IOException e) {
        throw new CorpusException(
            "cannot update the index in "
                + IndexStore.where(directory)
                + ": "
                + IoErrors.reason(e, null),
            e);
      } finally {
        release(view);
      }
    }
    wake();
  }

  /**
   * Computes every vector the index still lacks, here and now, telling {@code progress} how many
   * passages are done; then, unless it already was, writes the index again in one pass (every
   * vector from the cache), as {@code eval} measures it. Does nothing in the BM25 mode.
   */
  public void completeVectors(ProgressListener progress) {
    if (embedder == null) {
      return;
    }
    int total = report().missingVectors();
    int done = 0;
    int n;
    while ((n = fillStep()) > 0) {
      done += n;
      progress.progress(Math.min(done, total), total);
    }
    if (!onePass()) {
      rewrite();
    }
  }

  /** Whether the index was last written in one pass with every vector. */
  boolean onePass() {
    IndexView view = acquire();
    try {
      return "true".equals(view.commitData.get(Fields.COMMIT_ONE_PASS));
    } finally {
      release(view);
    }
  }

  /**
   * Computes the vectors the next {@link #fillStep} gives, into the vector cache, without the write
   * lock: the model takes seconds for {@link #FILL_STEP} passages (about 12 s on 2 cores), and a
   * live update waited for them, so a file dropped into the folder while a new corpus's vectors
   * were computed was answered 19 s later instead of about 2 s. The step then takes them from the
   * cache under the lock; a document the update changed meanwhile is read again there.
   *
   * @return the passages whose vectors were computed or found in the cache
   */
  int warmStep() {
    if (embedder == null) {
      return 0;
    }
    List<String> texts;
    IndexView view = acquire();
    try {
      if (view.missingVectors == 0) {
        return 0;
      }
      texts = IndexStore.pendingTexts((DirectoryReader) view.getIndexReader(), FILL_STEP);
    } catch (IOException e) {
      return 0; // the step reads the index again under the lock, and says what failed
    } finally {
      release(view);
    }
    embedder.embedPassages(texts);
    return texts.size();
  }

  /** The lock every write of the index holds; for tests. */
  Object writeLock() {
    return writing;
  }

  /**
   * One background step: gives vectors to about {@link #FILL_STEP} passages; 0 when none lacked
   * one.
   */
  private int fillStep() {
    warmStep();
    synchronized (writing) {
      IndexView view = acquire();
      try {
        if (view.missingVectors == 0) {
          return 0;
        }
        int n =
            IndexStore.fillVectors(
                directory, settings, embedder, (DirectoryReader) view.getIndexReader(), FILL_STEP);
        views.maybeRefreshBlocking();
        return n;
      } catch (IOException e) {
        throw new CorpusException(
            "cannot add vectors to the index in "
                + IndexStore.where(directory)
                + ": "
                + IoErrors.reason(e, null),
            e);
      } finally {
        release(view);
      }
    }
  }

  /**
   * The background work's step once no passage lacks a vector, {@code filled} of them given one
   * since the last rewrite: writes the index again in one pass when that is most of them. Returns
   * the passages still counted toward the next rewrite: all of them when the rewrite was put off
   * because the folder changed, so that it is made at the first step after the folder settles (the
   * count dropped, the few passages of the file that was being written were never most of them).
   */
  int afterFilling(int filled) {
    if (corpus != null && filled > 0 && filled >= REWRITE_SHARE * report().passages()) {
      return rewrite() ? 0 : filled;
    }
    return 0;
  }

  /** Every vector the index lacks, step by step, then {@link #afterFilling}; for tests. */
  int fillThenRewrite(int filled) {
    int n;
    while ((n = fillStep()) > 0) {
      filled += n;
    }
    return afterFilling(filled);
  }

  /** Writes the index again in one pass; false when put off, the folder changed since. */
  private boolean rewrite() {
    synchronized (writing) {
      // Only a folder that is what the index was written from: a rewrite reads every file as it
      // now is, so a file still being written, which the live update left as the index had it
      // (marked unsettled in the fingerprint), was read half-way. The watch reads it once it
      // holds still; the one-pass layout waits for the next time the vectors are done.
      String indexed;
      IndexView view = acquire();
      try {
        indexed = view.commitData.get(Fields.COMMIT_FINGERPRINT);
      } finally {
        release(view);
      }
      if (!IndexStore.fingerprint(listing(), embedder).equals(indexed)) {
        log.info(
            "index of {} not written again in one pass yet: its folder changed since the last"
                + " update",
            corpus);
        return false;
      }
      // at once, not after waiting for another process's writer: closing would wait as long
      IndexStore.Opened o =
          IndexStore.openOnce(
              corpus, leftOut, directory, settings, embedder, ProgressListener.NONE, false, true);
      IndexStore.closeQuietly(o.reader());
      try {
        views.maybeRefreshBlocking();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot open the rewritten index in " + IndexStore.where(directory), e);
      }
      log.info(
          "index of {} written again in one pass with every vector ({} ms): {}",
          corpus,
          o.millis(),
          o.reason());
      return true;
    }
  }

  private void fillLoop() {
    int filled = 0;
    while (!closed) {
      try {
        int n = fillStep();
        if (n > 0) {
          filled += n;
          continue;
        }
        if (closed) {
          return; // a rewrite takes as long as a build: not while closing
        }
        filled = afterFilling(filled);
        await(0, true);
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        log.warn(
            "computing passage vectors failed; trying again in {} s: {}",
            RETRY_MILLIS / 1000,
            e.toString());
        await(RETRY_MILLIS, true);
      }
    }
  }

  /**
   * Looks of the corpus watch at a folder that changed at every one before the files that held
   * still are read without the ones still changing: a file written for minutes (a large copy, a log
   * appended to) held up every other file dropped in meanwhile, unanswered until it stopped.
   */
  static final int PATIENCE_LOOKS = 5;

  /**
   * The relative paths of {@code now}'s files that are new or changed (size or either time) since
   * {@code before}.
   */
  private static java.util.Set<String> changedSince(
      CorpusReader.Listing before, CorpusReader.Listing now) {
    java.util.Map<String, CorpusReader.Entry> was = new java.util.HashMap<>();
    for (CorpusReader.Entry e : before.entries()) {
      was.put(e.relative(), e);
    }
    java.util.Set<String> out = new java.util.HashSet<>();
    for (CorpusReader.Entry e : now.entries()) {
      CorpusReader.Entry w = was.get(e.relative());
      if (w == null
          || w.size() != e.size()
          || w.modified() != e.modified()
          || w.changed() != e.changed()) {
        out.add(e.relative());
      }
    }
    return out;
  }

  private void watchLoop(long everyMillis) {
    String seen = null;
    CorpusReader.Listing previous = null;
    java.util.Map<String, String> metadata =
        null; // the metadata files' digests at the last look that found the folder changed
    int restless = 0; // looks in a row at which the folder had changed again
    // What stopped the last look, warned of once: a corpus folder moved away, or an update
    // refused, came to the console's terminal as the same warning at every look, once a second.
    String failing = null;
    while (!closed) {
      await(everyMillis, false);
      if (closed) {
        return;
      }
      try {
        CorpusReader.Listing listing = listing();
        String now = IndexStore.fingerprint(listing, embedder);
        IndexView view = acquire();
        String indexed;
        try {
          indexed = view.commitData.get(Fields.COMMIT_FINGERPRINT);
        } finally {
          release(view);
        }
        CorpusReader.Listing before = previous;
        previous = listing;
        java.util.Map<String, String> metadataBefore = metadata;
        metadata = null; // read only while the folder keeps changing, not at every quiet look
        if (now.equals(indexed)) {
          seen = null;
          restless = 0;
        } else if (!now.equals(seen)) {
          seen = now; // changed since the last look: wait until it holds still
          metadata = CorpusReader.metadataDigests(corpus, listing);
          if (++restless >= PATIENCE_LOOKS
              && before != null
              && metadata.equals(metadataBefore)) { // a metadata file being written waits
            // still changing: read what held still, leave what is still being written
            updateSettled(before, listing);
          }
        } else {
          update(false);
          seen = null;
          restless = 0;
        }
        if (failing != null) {
          log.info("the index of {} follows its corpus folder again", corpus);
          failing = null;
        }
      } catch (RuntimeException e) {
        String why = String.valueOf(e.getMessage());
        if (why.equals(failing)) {
          log.debug("still cannot bring the index of {} up to date: {}", corpus, why);
        } else {
          log.warn(
              "cannot bring the index of {} up to date: {} (said once; the folder is looked at"
                  + " again every {} ms)",
              corpus,
              why,
              everyMillis);
          failing = why;
        }
      }
    }
  }

  /**
   * Waits until {@link #wake} (when {@code forWork}), closing, or {@code millis} have passed (0: no
   * limit).
   */
  private void await(long millis, boolean forWork) {
    synchronized (signal) {
      long end = System.currentTimeMillis() + millis;
      while (!(forWork && work) && !closed) {
        long left = millis == 0 ? 0 : end - System.currentTimeMillis();
        if (millis != 0 && left <= 0) {
          break;
        }
        try {
          signal.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (forWork) {
        work = false;
      }
    }
  }

  /** Tells the vectors' work that an update may have left passages without vectors. */
  private void wake() {
    synchronized (signal) {
      work = true;
      signal.notifyAll();
    }
  }

  /** The current view of the index, for one question; give it back with {@link #release}. */
  public IndexView acquire() {
    try {
      return (IndexView) views.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index in " + IndexStore.where(directory), e);
    }
  }

  public void release(IndexView view) {
    try {
      views.release(view);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot release a view of the index in " + IndexStore.where(directory), e);
    }
  }

  /**
   * The index as it is now (documents, passages, how many still lack their vector), and what the
   * last open or update did.
   */
  public IndexReport report() {
    LastChange l = last;
    IndexView view = acquire();
    try {
      return IndexStore.report(view, l.rebuilt(), l.reason(), l.millis(), l.extraction());
    } finally {
      release(view);
    }
  }

  /**
   * Stops the background work (waiting for a step under way to finish), then closes the index's
   * views once no question uses them; the directory stays the caller's to close.
   */
  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    List<Thread> running;
    synchronized (threads) {
      running = List.copyOf(threads);
    }
    for (Thread t : running) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    views.close();
  }

  @Override
  public String toString() {
    return directory.toString();
  }
}
