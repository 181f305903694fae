package org.astanaqa.retrieval.index;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.astanaqa.retrieval.CorpusDocument;
import org.astanaqa.retrieval.CorpusException;
import org.astanaqa.retrieval.Embedder;
import org.astanaqa.retrieval.Extraction;
import org.astanaqa.retrieval.IndexReport;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.SkippedFile;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.corpus.CorpusReader;
import org.astanaqa.retrieval.corpus.Formats;
import org.astanaqa.retrieval.text.Analyzers;
import org.astanaqa.retrieval.util.IoErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the index in a {@link Directory}: reuses it when it was built from the same corpus,
 * metadata and schema, updates the documents whose files changed, and rebuilds it otherwise.
 *
 * <p>Two ways to build: in one pass, every passage's vector computed before the index is used (what
 * {@code eval} and the benchmarks measure), or words first, each passage taking its vector from the
 * cache when it is there and the rest left to {@link #fillVectors} (what a running bot and the
 * console do, so that a large corpus answers by words within seconds).
 */
public final class IndexStore {
  /**
   * Bump when fields, analysis, passage splitting or what a format's text is change, so old indexes
   * are rebuilt (11: a note's number in a page's {@code <sup>} or raised in a PDF, Markdown's HTML
   * entities, links and TOML front matter, a page's date or charset, a placeholder publisher, a
   * text file's compounds split at a line end, an .odt's hidden text, Word's Strict Open XML, a
   * file holding another format than its name says, KOI8-R; 12: a sentence broken by a stray line
   * break in a file of one paragraph per line read whole, KOI8-R in small letters alone; 13: one
   * broken across one blank line; 14: a point of a list numbered "a)" or "iv." not joined to the
   * line before; 15: a list's points in a hard-wrapped file kept as points; 16: a Cyrillic letter
   * and a dot, or "p. 12", at the start of a line no point; 17: "v. United States" after a name the
   * rest of a court case's name, no point; 18: the country a file name names by its ISO code read
   * with the title, {@code Passage.context}, and a sentence broken before a name after "the" or
   * "of", or before an amount, "$32 billion", read whole; 19: a Markdown file that a long link,
   * such as an image pasted as a data: address, a long rule or a deep quote had skipped for a stack
   * overflow read, a metadata field of true or false no longer taken as its text, and a metadata
   * key matched to a file named with decomposed letters, as a Mac names it; 20: the people a
   * passage means by a title alone, {@code Passage.titled}).
   */
  static final int SCHEMA_VERSION = 20;

  private static final Logger log = LoggerFactory.getLogger(IndexStore.class);

  /** On the log lines that name a corpus file the report lists: see {@link IndexReport}. */
  private static final org.slf4j.Marker FILE =
      org.slf4j.MarkerFactory.getMarker(IndexReport.FILE_LOG_MARKER);

  /**
   * An open index and what opening it did.
   *
   * @param reader the reader of the index as it is now; the caller closes it
   * @param rebuilt whether it was built (or updated) rather than reused
   * @param reason why, or "up to date"
   * @param millis time taken
   */
  public record Opened(
      DirectoryReader reader,
      boolean rebuilt,
      String reason,
      long millis,
      List<Extraction> extraction) {
    Opened(DirectoryReader reader, boolean rebuilt, String reason, long millis) {
      this(reader, rebuilt, reason, millis, List.of());
    }
  }

  /**
   * What a live update did.
   *
   * @param added documents new to the index
   * @param changed documents read again because their file (or its folder's metadata) changed
   * @param removed documents gone from the index (their file was removed or became unusable)
   * @param millis time taken
   */
  public record Changes(
      int added, int changed, int removed, long millis, List<Extraction> extraction) {
    boolean any() {
      return added + changed + removed > 0;
    }

    @Override
    public String toString() {
      return added + " added, " + changed + " changed, " + removed + " removed";
    }
  }

  private IndexStore() {}

  /**
   * Opens or builds the index; with an {@code embedder}, one holding its model's vectors (an index
   * of the same corpus without them, or with another model's, is rebuilt).
   *
   * @param onePass build in one pass with every vector, and reuse only an index so built; otherwise
   *     words first, and an index of the same schema and model is updated where files changed
   */
  public static Opened open(
      Path corpus,
      Directory dir,
      Settings settings,
      Embedder embedder,
      ProgressListener progress,
      boolean force,
      boolean onePass) {
    return open(corpus, List.of(), dir, settings, embedder, progress, force, onePass);
  }

  /**
   * As {@link #open(Path, Directory, Settings, Embedder, ProgressListener, boolean, boolean)}, the
   * folders {@code leftOut} (the program's data folder) and the index's own folder not read as part
   * of the corpus when they lie inside it ({@link CorpusReader#list(Path, java.util.Collection)}).
   */
  public static Opened open(
      Path corpus,
      java.util.Collection<Path> leftOut,
      Directory dir,
      Settings settings,
      Embedder embedder,
      ProgressListener progress,
      boolean force,
      boolean onePass) {
    long deadline = System.currentTimeMillis() + lockWaitMillis;
    boolean said = false;
    while (true) {
      try {
        return openOnce(corpus, leftOut, dir, settings, embedder, progress, force, onePass);
      } catch (CorpusException e) {
        if (!(e.getCause() instanceof LockObtainFailedException)
            || System.currentTimeMillis() >= deadline) {
          throw e;
        }
        if (!said) {
          log.warn(
              "the index in {} is being written by another running astana-qa; waiting up to {} s"
                  + " for it to finish",
              where(dir),
              lockWaitMillis / 1000);
          said = true;
        }
        try {
          // the lock alone is polled: an attempt reads and extracts the whole corpus (and logs
          // each skipped file) before it asks for the lock
          waitForLock(dir, deadline);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Returns once the index's write lock is free (taken and let go at once), or at the deadline. */
  private static void waitForLock(Directory dir, long deadline) throws InterruptedException {
    while (System.currentTimeMillis() < deadline) {
      Thread.sleep(LOCK_POLL_MILLIS);
      try (org.apache.lucene.store.Lock free = dir.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
        return;
      } catch (LockObtainFailedException held) {
        // still written by the other: wait on
      } catch (IOException other) {
        return; // not a lock question: the next attempt says what it is
      }
    }
  }

  /**
   * How long {@link #open} waits for another running astana-qa that is writing the index (two
   * {@code ask} runs started together on a new corpus: the second found the first building and
   * failed, "stop that one"), then opens it afresh, most often finding it up to date. Lowered by
   * tests.
   */
  static volatile long lockWaitMillis = 300_000;

  private static final long LOCK_POLL_MILLIS = 250;

  /** One attempt of {@link #open}: fails at once when another writer holds the index. */
  static Opened openOnce(
      Path corpus,
      java.util.Collection<Path> leftOut,
      Directory dir,
      Settings settings,
      Embedder embedder,
      ProgressListener progress,
      boolean force,
      boolean onePass) {
    long t0 = System.nanoTime();
    CorpusReader.Listing listing = CorpusReader.list(corpus, ownFolders(dir, leftOut));
    String fingerprint = fingerprint(listing, embedder);
    String reason = force ? "rebuild requested" : "no index yet";
    if (!force && exists(dir)) {
      DirectoryReader reader = null;
      try {
        reader = DirectoryReader.open(dir);
        Map<String, String> data = reader.getIndexCommit().getUserData();
        boolean sameCorpus = fingerprint.equals(data.get(Fields.COMMIT_FINGERPRINT));
        if (sameCorpus && (!onePass || "true".equals(data.get(Fields.COMMIT_ONE_PASS)))) {
          return new Opened(reader, false, "up to date", millisSince(t0));
        }
        if (!onePass && base(embedder).equals(data.get(Fields.COMMIT_BASE))) {
          Changes c = update(corpus, listing, dir, settings, embedder, reader, false);
          reader.close();
          reader = null;
          return new Opened(
              DirectoryReader.open(dir),
              true,
              "files changed: " + c,
              millisSince(t0),
              c.extraction());
        }
        reason =
            sameCorpus
                ? "the index was updated live; measured in one pass"
                : "corpus, metadata, index schema or embedding model changed";
        reader.close();
        reader = null;
      } catch (CorruptIndexException
          | IndexFormatTooOldException
          | IndexFormatTooNewException
          | EOFException
          | NoSuchFileException
          | FileNotFoundException e) {
        // A corrupt, truncated or half-deleted index is rebuilt from the corpus, never trusted.
        closeQuietly(reader);
        log.warn("index in {} is unreadable, rebuilding: {}", where(dir), e.toString());
        reason = "index was unreadable (" + e.getClass().getSimpleName() + ")";
        clear(dir);
      } catch (IOException e) {
        closeQuietly(reader);
        throw new CorpusException(
            "cannot read the index in "
                + where(dir)
                + ": "
                + IoErrors.reason(e, null)
                + "; check the folder's permissions and the disk, or choose another folder with"
                + " --index",
            e);
      } catch (RuntimeException e) {
        closeQuietly(reader);
        throw e;
      }
    }
    // a rebuild keeps the ids the index gave, where a file of the same name came since
    listing = CorpusReader.keepingIds(listing, heldIds(dir));
    List<Extraction> extraction =
        build(corpus, listing, fingerprint, dir, settings, embedder, progress, onePass);
    return new Opened(openBuilt(dir), true, reason, millisSince(t0), extraction);
  }

  /** {@code leftOut} and the folder of {@code dir} when it is one: what a corpus listing skips. */
  static List<Path> ownFolders(Directory dir, java.util.Collection<Path> leftOut) {
    List<Path> out = new ArrayList<>(leftOut);
    if (FilterDirectory.unwrap(dir) instanceof FSDirectory fs) {
      out.add(fs.getDirectory());
    }
    return out;
  }

  /**
   * Whether {@code folder} holds a committed index (as Lucene tells: a {@code segments_N} file);
   * false when it cannot be read. For saying what a stopped command left, not for opening.
   */
  public static boolean committed(Path folder) {
    try (Directory dir = FSDirectory.open(folder)) {
      return DirectoryReader.indexExists(dir);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean exists(Directory dir) {
    try {
      return DirectoryReader.indexExists(dir);
    } catch (IOException e) {
      throw new CorpusException(
          "cannot read the index folder " + where(dir) + ": " + IoErrors.reason(e, null), e);
    }
  }

  private static DirectoryReader openBuilt(Directory dir) {
    try {
      return DirectoryReader.open(dir);
    } catch (IOException e) {
      throw new CorpusException(
          "cannot open the index just built in " + where(dir) + ": " + IoErrors.reason(e, null), e);
    }
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  public static void closeQuietly(DirectoryReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException | RuntimeException ignored) {
        // already failing: the first error is the one to report
      }
    }
  }

  /** The corpus's fingerprint as the index records it: files, metadata, schema and model. */
  public static String fingerprint(CorpusReader.Listing listing, Embedder embedder) {
    return fingerprint(listing, embedder, Set.of());
  }

  /**
   * As {@link #fingerprint(CorpusReader.Listing, Embedder)}, with the files of {@code unsettled}
   * marked as still being written ({@link CorpusReader#fingerprint(CorpusReader.Listing, int,
   * Set)}).
   */
  public static String fingerprint(
      CorpusReader.Listing listing, Embedder embedder, Set<String> unsettled) {
    return CorpusReader.fingerprint(listing, SCHEMA_VERSION, unsettled) + modelTag(embedder);
  }

  private static String base(Embedder embedder) {
    return "schema " + SCHEMA_VERSION + modelTag(embedder);
  }

  /**
   * Deletes a broken index's files, which even a writer in CREATE mode would try to read; only
   * files named as Lucene names its own ({@code segments_N}, {@code _0.cfs}...): {@code --index}
   * may name a folder that holds other files too (the working folder, a documents folder), and
   * these are not the index's to delete.
   *
   * <p>Only under the index's write lock: without it, a second astana-qa that met the index while
   * the first was rebuilding it deleted the files the first was writing. Held by another, the lock
   * fails this with a {@link LockObtainFailedException} cause, and {@link #open} waits for it as
   * for any writer.
   */
  private static void clear(Directory dir) {
    try (org.apache.lucene.store.Lock lock = dir.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      for (String file : dir.listAll()) {
        if (!file.equals(IndexWriter.WRITE_LOCK_NAME) && isIndexFile(file)) {
          dir.deleteFile(file);
        }
      }
    } catch (LockObtainFailedException e) {
      throw writeFailed(dir, e);
    } catch (IOException e) {
      throw new CorpusException(
          "the index in "
              + where(dir)
              + " is damaged and cannot be cleared ("
              + IoErrors.reason(e, null)
              + "); delete the folder or choose another with --index",
          e);
    }
  }

  private static final java.util.regex.Pattern COMMIT_FILE =
      java.util.regex.Pattern.compile("(pending_)?segments(_[0-9a-z]+|\\.gen)");

  /** Whether Lucene would write a file of this name: a commit point or a segment's file. */
  static boolean isIndexFile(String name) {
    return COMMIT_FILE.matcher(name).matches()
        || IndexFileNames.CODEC_FILE_PATTERN.matcher(name).matches();
  }

  /** Indexes documents that do not come from files (benchmark data) into an empty directory. */
  public static Opened build(
      List<CorpusDocument> docs,
      Directory dir,
      Settings settings,
      Embedder embedder,
      ProgressListener progress) {
    long t0 = System.nanoTime();
    CorpusReader.Result read = new CorpusReader.Result(docs, List.of(), List.of());
    try (IndexWriter writer = writer(dir, settings, IndexWriterConfig.OpenMode.CREATE)) {
      try {
        PassageIndexer.indexDocs(writer, docs, embedder, progress);
      } finally {
        if (embedder != null) {
          embedder.flush();
        }
      }
      writer.forceMerge(1);
      commit(
          writer,
          "documents " + docs.size() + modelTag(embedder),
          embedder,
          true,
          read.skipped(),
          Map.of(),
          read.warnings());
    } catch (IOException e) {
      throw writeFailed(dir, e);
    }
    return new Opened(openBuilt(dir), true, "built from documents", millisSince(t0));
  }

  private static List<Extraction> build(
      Path corpus,
      CorpusReader.Listing listing,
      String fingerprint,
      Directory dir,
      Settings settings,
      Embedder embedder,
      ProgressListener progress,
      boolean onePass) {
    CorpusReader.Result read = CorpusReader.read(corpus, listing);
    for (SkippedFile s : read.skipped()) {
      log.warn(FILE, "skipped {}: {}", s.path(), s.reason());
    }
    for (String w : read.warnings()) {
      log.warn(FILE, "{}", w);
    }
    Map<String, String> digests = CorpusReader.metadataDigests(corpus, listing);
    Map<String, CorpusReader.Entry> effective = effective(listing);
    Map<String, String> stamps = new HashMap<>();
    effective.forEach((id, e) -> stamps.put(id, CorpusReader.stamp(e, digests)));
    Map<String, String> warnings = new HashMap<>();
    for (SkippedFile w : read.fileWarnings()) {
      warnings.put(
          effective.values().stream()
              .filter(e -> e.relative().equals(w.path()))
              .findFirst()
              .map(CorpusReader.Entry::id)
              .orElse(w.path()),
          w.reason());
    }
    Map<String, String> files = new HashMap<>();
    effective.forEach((id, e) -> files.put(id, e.relative()));
    // A document no passage came from is named once it is split: nothing of it is ever quoted.
    java.util.function.Consumer<String> noPassage = w -> log.warn(FILE, "{}", w);
    // With every vector in the cache, words first would gain nothing: build as eval measures.
    boolean wordsFirst = !onePass && embedder != null && !allCached(read.documents(), embedder);
    try (IndexWriter writer = writer(dir, settings, IndexWriterConfig.OpenMode.CREATE)) {
      int passages = 0;
      try {
        if (wordsFirst) {
          int done = 0;
          progress.started(read.documents().size());
          for (CorpusDocument doc : read.documents()) {
            String id = doc.source().id();
            List<Passage> split = PassageIndexer.split(doc);
            String warning =
                PassageIndexer.withNoPassage(
                    warnings.get(id), files.getOrDefault(id, id), doc, split.size());
            if (split.isEmpty()) {
              noPassage.accept(PassageIndexer.lastLine(warning));
            }
            List<Document> block =
                PassageIndexer.block(doc.source(), stamps.get(id), warning, split, embedder, false);
            writer.addDocuments(block);
            passages += block.size() - 1;
            progress.progress(++done, read.documents().size());
          }
        } else {
          passages =
              PassageIndexer.indexDocs(
                  writer, read.documents(), embedder, progress, stamps, warnings, files, noPassage);
        }
      } finally {
        if (embedder != null) {
          embedder.flush(); // even a build that fails keeps the vectors it paid for
        }
      }
      if (passages == 0) {
        writer.rollback(); // the last good index, if any, stays as it was
        throw new CorpusException(nothingUsable(corpus, listing, read, effective));
      }
      List<SkippedFile> skipped = read.skipped();
      if (!wordsFirst) {
        writer.forceMerge(1);
      }
      commit(
          writer,
          fingerprint,
          embedder,
          !wordsFirst,
          skipped,
          stampsOf(skipped, effective, stamps),
          otherWarnings(read));
    } catch (IOException e) {
      throw writeFailed(dir, e);
    }
    return read.extraction();
  }

  /**
   * Brings the index up to date with the corpus by reading again only the files whose stamp changed
   * (all of them when {@code all}), replacing their documents in one block each, and deleting the
   * documents whose files are gone. Vectors come from the cache where they are; the rest are left
   * to {@link #fillVectors}. Commits the corpus's new fingerprint, so a restart reuses the result.
   *
   * @param current a reader of the index as it is now
   */
  public static Changes update(
      Path corpus,
      CorpusReader.Listing listing,
      Directory dir,
      Settings settings,
      Embedder embedder,
      DirectoryReader current,
      boolean all)
      throws IOException {
    return update(corpus, listing, dir, settings, embedder, current, all, Set.of());
  }

  /**
   * As {@link #update(Path, CorpusReader.Listing, Directory, Settings, Embedder, DirectoryReader,
   * boolean)}, leaving the files of {@code unsettled} (relative paths: files still being written)
   * as the index has them, unread, and committing a fingerprint that marks them, so that a later
   * update reads them once they hold still.
   */
  public static Changes update(
      Path corpus,
      CorpusReader.Listing listing,
      Directory dir,
      Settings settings,
      Embedder embedder,
      DirectoryReader current,
      boolean all,
      Set<String> unsettled)
      throws IOException {
    long t0 = System.nanoTime();
    Map<String, String> indexed = indexedStamps(current);
    listing = CorpusReader.keepingIds(listing, heldIds(indexed));
    Map<String, String> digests = CorpusReader.metadataDigests(corpus, listing);
    Map<String, CorpusReader.Entry> effective = effective(listing);
    Map<String, String> skippedStamps = new HashMap<>();
    for (String[] line : skippedLines(current.getIndexCommit().getUserData())) {
      if (line.length > 2) {
        skippedStamps.put(line[0], line[2]);
      }
    }
    Set<String> read = new HashSet<>();
    Map<String, String> stamps = new HashMap<>();
    for (CorpusReader.Entry e : effective.values()) {
      String stamp = CorpusReader.stamp(e, digests);
      stamps.put(e.id(), stamp);
      if (unsettled.contains(e.relative())) {
        continue; // still being written: its document, if any, stays as it was
      }
      if (all
          || !stamp.equals(indexed.get(e.id()))
              && !stamp.equals(skippedStamps.get(CorpusReader.oneLine(e.relative())))) {
        read.add(e.relative());
      }
    }
    List<String> removed = new ArrayList<>();
    for (String id : indexed.keySet()) {
      if (!effective.containsKey(id)) {
        removed.add(id);
      }
    }
    CorpusReader.Result result =
        CorpusReader.read(
            corpus, listing, Runtime.getRuntime().maxMemory(), e -> read.contains(e.relative()));
    Map<String, CorpusDocument> docs = new HashMap<>();
    for (CorpusDocument d : result.documents()) {
      docs.put(d.source().id(), d);
    }
    Map<String, String> warnings = new HashMap<>();
    for (SkippedFile w : result.fileWarnings()) {
      warnings.put(w.path(), w.reason());
    }
    // Files skipped before and unchanged stay skipped, with their old reasons; the rest is new.
    List<SkippedFile> skipped = new ArrayList<>(result.skipped());
    Map<String, String> skippedReasons = new HashMap<>();
    for (String[] line : skippedLines(current.getIndexCommit().getUserData())) {
      if (line.length > 2) {
        skippedReasons.put(line[0], line[1]);
      }
    }
    for (CorpusReader.Entry e : effective.values()) {
      String stamp = stamps.get(e.id());
      String stored = CorpusReader.oneLine(e.relative()); // as the commit data holds it
      if (!read.contains(e.relative()) && stamp.equals(skippedStamps.get(stored))) {
        skipped.add(new SkippedFile(e.relative(), skippedReasons.get(stored)));
      }
    }
    // What is new to say goes to the log, as a build says it: a running bot has no summary
    for (SkippedFile s : result.skipped()) {
      String stored = CorpusReader.oneLine(s.path());
      if (!s.reason().equals(skippedReasons.get(stored))) {
        log.warn(FILE, "skipped {}: {}", stored, s.reason());
      }
    }
    for (SkippedFile w : result.fileWarnings()) {
      log.warn(FILE, "{}", w.reason());
    }
    // a metadata file's warnings (one that does not parse, a bad date, a key naming no file),
    // kept with the index but said nowhere: a metadata.json broken while the bot ran dropped
    // every title of its folder in silence
    Set<String> said =
        new HashSet<>(
            lines(current.getIndexCommit().getUserData().getOrDefault(Fields.COMMIT_WARNINGS, "")));
    for (String w : otherWarnings(result)) {
      if (!said.contains(w)) {
        log.warn(FILE, "{}", w);
      }
    }
    skipped.sort(Comparator.comparing(SkippedFile::path));
    int added = 0;
    int changed = 0;
    try (IndexWriter writer = writer(dir, settings, IndexWriterConfig.OpenMode.APPEND)) {
      for (String id : removed) {
        writer.deleteDocuments(new Term(Fields.ID, id));
      }
      for (CorpusReader.Entry e : effective.values()) {
        if (!read.contains(e.relative())) {
          continue;
        }
        CorpusDocument doc = docs.get(e.id());
        Term id = new Term(Fields.ID, e.id());
        if (doc == null) { // unusable now: its old document goes
          if (indexed.containsKey(e.id())) {
            removed.add(e.id());
          }
          writer.deleteDocuments(id);
        } else {
          if (indexed.containsKey(e.id())) {
            changed++;
          } else {
            added++;
          }
          List<Passage> split = PassageIndexer.split(doc);
          String warning =
              PassageIndexer.withNoPassage(
                  warnings.get(e.relative()), e.relative(), doc, split.size());
          if (split.isEmpty()) {
            log.warn(FILE, "{}", PassageIndexer.lastLine(warning));
          }
          writer.updateDocuments(
              id,
              PassageIndexer.block(
                  doc.source(), stamps.get(e.id()), warning, split, embedder, false));
        }
      }
      try (DirectoryReader after = DirectoryReader.open(writer)) {
        if (new IndexSearcher(after)
                .count(new TermQuery(new Term(Fields.KIND, Fields.KIND_PASSAGE)))
            == 0) {
          writer.rollback();
          throw new CorpusException(
              nothingUsable(corpus, listing, result, effective)
                  + "; the index in use stays as it was");
        }
      }
      commit(
          writer,
          fingerprint(listing, embedder, unsettled),
          embedder,
          false,
          skipped,
          stampsOf(skipped, effective, stamps),
          otherWarnings(result));
    } catch (LockObtainFailedException e) {
      throw writeFailed(dir, e);
    }
    if (embedder != null) {
      embedder.flush();
    }
    return new Changes(added, changed, removed.size(), millisSince(t0), result.extraction());
  }

  /** A document marked {@link Fields#PENDING}: its source's Lucene document and its passages. */
  private record Pending(Document source, Source of, List<Passage> passages) {}

  /**
   * The documents marked {@link Fields#PENDING}, a few at a time: as many as hold about {@code
   * maxPassages} passages without a vector.
   */
  private static List<Pending> pending(IndexSearcher searcher, int maxPassages) throws IOException {
    TermQuery pending = new TermQuery(new Term(Fields.PENDING, "1"));
    ScoreDoc[] hits = searcher.search(pending, 64).scoreDocs;
    List<Pending> out = new ArrayList<>();
    int missing = 0;
    for (ScoreDoc sd : hits) {
      if (missing >= maxPassages) {
        break;
      }
      Document d = searcher.storedFields().document(sd.doc);
      Source source = PassageIndexer.toSource(d);
      BooleanQuery passagesOf =
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term(Fields.ID, source.id())), BooleanClause.Occur.FILTER)
              .add(
                  new TermQuery(new Term(Fields.KIND, Fields.KIND_PASSAGE)),
                  BooleanClause.Occur.FILTER)
              .build();
      List<Passage> passages = new ArrayList<>();
      for (ScoreDoc p :
          searcher.search(passagesOf, Math.max(1, searcher.count(passagesOf))).scoreDocs) {
        passages.add(PassageIndexer.toPassage(searcher.storedFields().document(p.doc), source));
      }
      passages.sort(Comparator.comparingInt(Passage::ordinal));
      out.add(new Pending(d, source, passages));
      missing += d.getField(Fields.MISSING_VECTORS).numericValue().intValue();
    }
    return out;
  }

  /**
   * What the model reads of the passages {@link #fillVectors} would give vectors to next (with the
   * same {@code maxPassages}): computed ahead, outside the write lock, they are in the vector cache
   * when it runs.
   */
  public static List<String> pendingTexts(DirectoryReader current, int maxPassages)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (Pending p : pending(new IndexSearcher(current), maxPassages)) {
      p.passages().forEach(passage -> out.add(PassageIndexer.embeddedText(passage)));
    }
    return out;
  }

  /**
   * Gives vectors to the passages of documents marked {@link Fields#PENDING}, a few documents at a
   * time (about {@code maxPassages} passages), each document replaced in one block.
   *
   * @return the passages given vectors (0 when none was pending)
   */
  public static int fillVectors(
      Directory dir, Settings settings, Embedder embedder, DirectoryReader current, int maxPassages)
      throws IOException {
    List<Pending> next = pending(new IndexSearcher(current), maxPassages);
    if (next.isEmpty()) {
      return 0;
    }
    Map<String, String> data = current.getIndexCommit().getUserData();
    int done = 0;
    try (IndexWriter writer = writer(dir, settings, IndexWriterConfig.OpenMode.APPEND)) {
      for (Pending p : next) {
        Document d = p.source();
        writer.updateDocuments(
            new Term(Fields.ID, p.of().id()),
            PassageIndexer.block(
                p.of(), d.get(Fields.STAMP), d.get(Fields.WARNING), p.passages(), embedder, true));
        done += d.getField(Fields.MISSING_VECTORS).numericValue().intValue();
      }
      embedder.flush();
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
    }
    return done;
  }

  private static IndexWriterConfig writerConfig(
      Settings settings, IndexWriterConfig.OpenMode mode) {
    // Every write commits explicitly when it is whole: one that throws part way must not be
    // committed by the close (Lucene's default), or a failed rebuild replaced the last good index
    // with the documents it had indexed so far.
    return new IndexWriterConfig(Analyzers.text())
        .setCommitOnClose(false)
        .setOpenMode(mode)
        .setSimilarity(new BM25Similarity((float) settings.k1(), (float) settings.b()))
        .setRAMBufferSizeMB(CorpusReader.writerBufferMb(Runtime.getRuntime().maxMemory()));
  }

  private static IndexWriter writer(
      Directory dir, Settings settings, IndexWriterConfig.OpenMode mode) throws IOException {
    removeForeignLock(dir);
    try {
      return new IndexWriter(dir, writerConfig(settings, mode));
    } catch (IOException e) {
      if (mode == IndexWriterConfig.OpenMode.CREATE && isCorruption(e)) {
        // a rebuild replaces the index anyway: a damaged last commit is cleared, not a failure
        log.warn("index in {} is corrupt, clearing it to rebuild: {}", where(dir), e.toString());
        clear(dir);
        try {
          return new IndexWriter(dir, writerConfig(settings, mode)); // one writer per config
        } catch (IOException again) {
          throw writeFailed(dir, again);
        }
      }
      // its lock file cannot be made (a read-only folder or disk): a write problem, which an update
      // of an index that was read reported as "cannot read the index"
      throw writeFailed(dir, e);
    }
  }

  /**
   * Deletes a {@code write.lock} that holds bytes. Lucene's lock file is always empty (its lock is
   * the operating system's, on the file), and its writer refuses one that is not ("Unexpected lock
   * file size"), failing every build in the folder; so a lock file with content was written by
   * something else (a copy gone wrong, a user's editor), is held by no running astana-qa, and is
   * not the index's data.
   */
  private static void removeForeignLock(Directory dir) {
    if (!(FilterDirectory.unwrap(dir) instanceof FSDirectory fs)) {
      return;
    }
    Path lock = fs.getDirectory().resolve(IndexWriter.WRITE_LOCK_NAME);
    try {
      if (!Files.isRegularFile(lock, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      long size = Files.size(lock);
      if (size > 0) {
        log.warn("{} holds {} bytes, which no index lock does; deleting it", lock, size);
        Files.delete(lock);
      }
    } catch (NoSuchFileException e) {
      // another process starting beside this one deleted it first: nothing left to clear
    } catch (IOException e) {
      throw writeFailed(dir, e);
    }
  }

  /**
   * The folder an index directory is in, as a user gave it; a Lucene directory's own {@code
   * toString} ("MMapDirectory@/x lockFactory=...NativeFSLockFactory@1fd14d74") is for Lucene.
   */
  static String where(Directory dir) {
    Directory d = FilterDirectory.unwrap(dir);
    return d instanceof FSDirectory fs ? fs.getDirectory().toString() : dir.toString();
  }

  /** Whether {@code e} (or its cause) says the index's files are damaged or of another version. */
  static boolean isCorruption(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CorruptIndexException
          || t instanceof IndexFormatTooOldException
          || t instanceof IndexFormatTooNewException) {
        return true;
      }
    }
    return false;
  }

  static CorpusException writeFailed(Directory dir, IOException e) {
    if (isCorruption(e)) {
      // was "cannot write the index ...; check that the folder is writable": the folder was fine
      return new CorpusException(
          "the index in "
              + where(dir)
              + " is corrupt ("
              + IoErrors.reason(e, null)
              + "); rebuild it from the corpus with the index command (the same --corpus and"
              + " --index), or delete the folder: it holds nothing the corpus cannot give again",
          e);
    }
    if (e instanceof LockObtainFailedException) {
      return new CorpusException(
          "the index folder "
              + where(dir)
              + " is locked by another running astana-qa;"
              + " stop that one or give this one its own folder with --index",
          e);
    }
    Directory fs = FilterDirectory.unwrap(dir);
    // Lucene's lock factory then fails with "no such file" for the lock it could not create.
    boolean readOnly =
        fs instanceof FSDirectory d
            && Files.isDirectory(d.getDirectory())
            && !Files.isWritable(d.getDirectory());
    return new CorpusException(
        "cannot write the index in "
            + where(dir)
            + ": "
            + (readOnly ? "the folder is not writable" : IoErrors.reason(e, null))
            + (IoErrors.diskFull(e)
                // "check that the folder is writable" sent the user to permissions that were fine
                ? "; free space on its disk or choose another folder with --index"
                : "; check that the folder is writable or choose another with --index"),
        e);
  }

  private static boolean allCached(List<CorpusDocument> docs, Embedder embedder) {
    for (CorpusDocument doc : docs) {
      List<String> texts =
          PassageIndexer.split(doc).stream().map(PassageIndexer::embeddedText).toList();
      if (embedder.cachedPassages(texts).contains(null)) {
        return false;
      }
    }
    return true;
  }

  /** The first listed file of each document id: the one indexed (the others are duplicates). */
  private static Map<String, CorpusReader.Entry> effective(CorpusReader.Listing listing) {
    Map<String, CorpusReader.Entry> out = new LinkedHashMap<>();
    for (CorpusReader.Entry e : listing.entries()) {
      out.putIfAbsent(e.id(), e);
    }
    return out;
  }

  /**
   * The id each indexed file has, by its corpus-relative path (from its stamp), so that a file
   * keeps its id when another of the same name joins it ({@link CorpusReader#keepingIds}).
   */
  private static Map<String, String> heldIds(Map<String, String> stampsById) {
    Map<String, String> out = new HashMap<>();
    stampsById.forEach(
        (id, stamp) -> {
          String relative = CorpusReader.relativeOfStamp(stamp);
          if (relative != null) {
            out.put(relative, id);
          }
        });
    return out;
  }

  /**
   * {@link #heldIds(Map)} of the index in {@code dir}; none when there is none or it is unreadable.
   */
  private static Map<String, String> heldIds(Directory dir) {
    try {
      if (!DirectoryReader.indexExists(dir)) {
        return Map.of();
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        return heldIds(indexedStamps(reader));
      }
    } catch (IOException | RuntimeException e) {
      return Map.of(); // a damaged index was cleared: the ids are given afresh
    }
  }

  /** Every indexed document's stamp, by id. */
  private static Map<String, String> indexedStamps(DirectoryReader reader) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    TermQuery kind = new TermQuery(new Term(Fields.KIND, Fields.KIND_SOURCE));
    Map<String, String> out = new HashMap<>();
    for (ScoreDoc sd : searcher.search(kind, Math.max(1, searcher.count(kind))).scoreDocs) {
      Document d = searcher.storedFields().document(sd.doc);
      out.put(d.get(Fields.ID), d.get(Fields.STAMP) == null ? "" : d.get(Fields.STAMP));
    }
    return out;
  }

  /** For each skipped file that was read, its stamp, so an unchanged one is not read again. */
  private static Map<String, String> stampsOf(
      List<SkippedFile> skipped,
      Map<String, CorpusReader.Entry> effective,
      Map<String, String> stamps) {
    Map<String, String> byRelative = new HashMap<>();
    for (CorpusReader.Entry e : effective.values()) {
      byRelative.put(e.relative(), stamps.get(e.id()));
    }
    Map<String, String> out = new HashMap<>();
    for (SkippedFile s : skipped) {
      String stamp = byRelative.get(s.path());
      if (stamp != null) {
        out.put(s.path(), stamp);
      }
    }
    return out;
  }

  /** The warnings not about one file (metadata files'): kept in the commit, not on a source. */
  private static List<String> otherWarnings(CorpusReader.Result read) {
    List<String> out = new ArrayList<>(read.warnings());
    for (SkippedFile w : read.fileWarnings()) {
      out.remove(w.reason());
    }
    return out;
  }

  private static void commit(
      IndexWriter writer,
      String fingerprint,
      Embedder embedder,
      boolean onePass,
      List<SkippedFile> skipped,
      Map<String, String> skippedStamps,
      List<String> warnings)
      throws IOException {
    Map<String, String> data = new HashMap<>();
    data.put(Fields.COMMIT_FINGERPRINT, fingerprint);
    data.put(Fields.COMMIT_BASE, base(embedder));
    data.put(Fields.COMMIT_ONE_PASS, Boolean.toString(onePass));
    if (embedder != null) {
      data.put(Fields.COMMIT_MODEL, embedder.model().id());
    }
    StringBuilder sb = new StringBuilder();
    for (SkippedFile s : skipped) {
      sb.append(CorpusReader.oneLine(s.path()))
          .append('\t')
          .append(s.reason().replace('\n', ' ').replace('\t', ' '));
      String stamp = skippedStamps.get(s.path());
      if (stamp != null) {
        sb.append('\t').append(stamp.replace('\t', '|'));
      }
      sb.append('\n');
    }
    data.put(Fields.COMMIT_SKIPPED, sb.toString());
    data.put(Fields.COMMIT_WARNINGS, String.join("\n", warnings));
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
  }

  /** One line for a corpus from which not one passage came: what was found, and why none served. */
  static String nothingUsable(
      Path corpus,
      CorpusReader.Listing listing,
      CorpusReader.Result read,
      Map<String, CorpusReader.Entry> effective) {
    List<String> why = new ArrayList<>();
    for (CorpusDocument d : read.documents()) {
      // the file's name and why, as the index's warnings say it: its id ("menu" of menu.txt) is
      // no name in the folder, and "no sentence of text" was said of an empty file and of an
      // Arabic article alike
      CorpusReader.Entry e = effective.get(d.source().id());
      String file = CorpusReader.oneLine(e == null ? d.source().id() : e.relative());
      why.add(file + " (" + PassageIndexer.noPassageReason(file, d) + ")");
    }
    for (SkippedFile s : read.skipped()) {
      why.add(s.path() + " (" + s.reason() + ")");
    }
    String found =
        why.isEmpty()
            ? noFiles(listing.hidden())
            : "found "
                + why.size()
                + " file"
                + (why.size() == 1 ? "" : "s")
                + ": "
                + String.join("; ", why.subList(0, Math.min(5, why.size())))
                + (why.size() > 5 ? "; and " + (why.size() - 5) + " more" : "");
    return "no passage could be indexed from corpus folder " + corpus + ": " + found;
  }

  /**
   * Why a corpus folder gave no file to read: it holds none, or only hidden ones ({@code hidden}),
   * which are never read. A folder of a ".notes.txt" and a ".DS_Store" was said to hold no files,
   * where {@code ls -a} shows two.
   */
  static String noFiles(List<String> hidden) {
    String supported = "(supported: " + Formats.SUPPORTED + ")";
    if (hidden.isEmpty()) {
      return "it holds no files " + supported;
    }
    boolean folders = hidden.stream().anyMatch(h -> h.endsWith("/"));
    boolean files = hidden.stream().anyMatch(h -> !h.endsWith("/"));
    String document =
        hidden.stream()
            .filter(h -> !h.endsWith("/") && Formats.supported(h))
            .findFirst()
            .orElse(null);
    int slash = document == null ? -1 : document.lastIndexOf('/');
    return "it holds only hidden "
        + (files && folders ? "files and folders" : files ? "files" : "folders")
        + ", whose names begin with \".\" and which are not read: "
        + String.join(", ", hidden.subList(0, Math.min(5, hidden.size())))
        + (hidden.size() > 5 ? " and " + (hidden.size() - 5) + " more" : "")
        + (document != null
            ? "; rename the documents among them without the leading dot ("
                + document
                + " as "
                + document.substring(0, slash + 1)
                + document.substring(slash + 2)
                + "; supported: "
                + Formats.SUPPORTED
                + ")"
            : folders
                ? "; rename a folder of documents among them without the leading dot " + supported
                : "; none of them is a document: put documents in it " + supported);
  }

  private static String modelTag(Embedder embedder) {
    return embedder == null ? "" : " vectors " + embedder.model().id();
  }

  /** The report of the index a view shows. */
  public static IndexReport report(
      IndexView view, boolean rebuilt, String reason, long millis, List<Extraction> extraction) {
    Map<String, String> data = view.commitData;
    List<SkippedFile> skipped = new ArrayList<>();
    for (String[] line : skippedLines(data)) {
      skipped.add(new SkippedFile(line[0], line.length > 1 ? line[1] : ""));
    }
    List<String> warnings = new ArrayList<>(lines(data.getOrDefault(Fields.COMMIT_WARNINGS, "")));
    warnings.addAll(view.fileWarnings);
    return new IndexReport(
        rebuilt,
        reason,
        view.documents,
        view.passages,
        skipped,
        warnings,
        millis,
        data.get(Fields.COMMIT_MODEL),
        view.missingVectors,
        extraction);
  }

  private static List<String[]> skippedLines(Map<String, String> data) {
    List<String[]> out = new ArrayList<>();
    for (String line : lines(data.getOrDefault(Fields.COMMIT_SKIPPED, ""))) {
      out.add(line.split("\t", 3));
    }
    return out;
  }

  private static List<String> lines(String s) {
    return s.isEmpty() ? List.of() : List.of(s.split("\n"));
  }
}
