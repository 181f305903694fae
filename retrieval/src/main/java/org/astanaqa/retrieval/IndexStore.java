package org.astanaqa.retrieval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the index in a {@link Directory}: reuses it when it was built from the same corpus,
 * metadata and schema, and rebuilds it otherwise.
 */
final class IndexStore {
  /** Bump when fields, analysis or passage splitting change, so old indexes are rebuilt. */
  static final int SCHEMA_VERSION = 5;

  private static final Logger log = LoggerFactory.getLogger(IndexStore.class);
  private static final String SKIPPED = "skipped";
  private static final String WARNINGS = "warnings";

  /** An open index: the reader, the sources by id, and what opening it did. */
  record Opened(DirectoryReader reader, Map<String, Source> sources, IndexReport report) {}

  private IndexStore() {}

  /**
   * Opens or builds the index; with an {@code embedder}, one holding its model's vectors (an index
   * of the same corpus without them, or with another model's, is rebuilt).
   */
  static Opened open(
      Path corpus, Directory dir, Settings settings, Embedder embedder, ProgressListener progress, boolean force) {
    long t0 = System.nanoTime();
    CorpusReader.Listing listing = CorpusReader.list(corpus);
    String fingerprint = CorpusReader.fingerprint(listing, SCHEMA_VERSION) + modelTag(embedder);
    String reason = force ? "rebuild requested" : "no index yet";
    try {
      if (!force && DirectoryReader.indexExists(dir)) {
        DirectoryReader reader = DirectoryReader.open(dir);
        Map<String, String> data = reader.getIndexCommit().getUserData();
        if (fingerprint.equals(data.get(Fields.COMMIT_FINGERPRINT))) {
          return opened(reader, data, false, "up to date", t0);
        }
        reader.close();
        reason = "corpus, metadata, index schema or embedding model changed";
      }
    } catch (IOException | RuntimeException e) {
      // A corrupt or half-written index is rebuilt from the corpus, never trusted.
      log.warn("index in {} is unreadable, rebuilding: {}", dir, e.toString());
      reason = "index was unreadable (" + e.getClass().getSimpleName() + ")";
      clear(dir);
    }
    build(corpus, listing, fingerprint, dir, settings, embedder, progress);
    try {
      DirectoryReader reader = DirectoryReader.open(dir);
      return opened(reader, reader.getIndexCommit().getUserData(), true, reason, t0);
    } catch (IOException e) {
      throw new CorpusException("cannot open the index just built in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a broken index's files, which even a writer in CREATE mode would try to read. */
  private static void clear(Directory dir) {
    try {
      for (String file : dir.listAll()) {
        if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
          dir.deleteFile(file);
        }
      }
    } catch (IOException e) {
      throw new CorpusException("the index in " + dir + " is damaged and cannot be cleared (" + e.getMessage()
          + "); delete the folder or choose another with --index", e);
    }
  }

  /** Indexes documents that do not come from files (benchmark data) into an empty directory. */
  static Opened build(
      List<CorpusDocument> docs, Directory dir, Settings settings, Embedder embedder, ProgressListener progress) {
    long t0 = System.nanoTime();
    write(new CorpusReader.Result(docs, List.of(), List.of()), "documents " + docs.size() + modelTag(embedder), dir,
        settings, embedder, progress, null);
    try {
      DirectoryReader reader = DirectoryReader.open(dir);
      return opened(reader, reader.getIndexCommit().getUserData(), true, "built from documents", t0);
    } catch (IOException e) {
      throw new CorpusException("cannot open the index just built in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void build(
      Path corpus, CorpusReader.Listing listing, String fingerprint, Directory dir,
      Settings settings, Embedder embedder, ProgressListener progress) {
    CorpusReader.Result read = CorpusReader.read(corpus, listing);
    for (SkippedFile s : read.skipped()) {
      log.warn("skipped {}: {}", s.path(), s.reason());
    }
    for (String w : read.warnings()) {
      log.warn("{}", w);
    }
    write(read, fingerprint, dir, settings, embedder, progress, corpus);
  }

  /** One line for a corpus from which not one passage came: what was found, and why none served. */
  static String nothingUsable(Path corpus, CorpusReader.Result read) {
    List<String> why = new ArrayList<>();
    for (CorpusDocument d : read.documents()) {
      why.add(d.source().id() + " (no sentence of text)");
    }
    for (SkippedFile s : read.skipped()) {
      why.add(s.path() + " (" + s.reason() + ")");
    }
    String found = why.isEmpty()
        ? "it holds no files (supported: " + Formats.SUPPORTED + ")"
        : "found " + why.size() + " file" + (why.size() == 1 ? "" : "s") + ": "
            + String.join("; ", why.subList(0, Math.min(5, why.size())))
            + (why.size() > 5 ? "; and " + (why.size() - 5) + " more" : "");
    return "no passage could be indexed from corpus folder " + corpus + ": " + found;
  }

  private static String modelTag(Embedder embedder) {
    return embedder == null ? "" : " vectors " + embedder.model().id();
  }

  private static void write(
      CorpusReader.Result read, String fingerprint, Directory dir, Settings settings, Embedder embedder,
      ProgressListener progress, Path corpus) {
    IndexWriterConfig config = new IndexWriterConfig(Analyzers.text())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setSimilarity(new BM25Similarity((float) settings.k1(), (float) settings.b()))
        .setRAMBufferSizeMB(CorpusReader.writerBufferMb(Runtime.getRuntime().maxMemory()));
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      int passages;
      try {
        passages = PassageIndexer.indexDocs(writer, read.documents(), embedder, progress);
      } finally {
        if (embedder != null) {
          embedder.flush(); // even a build that fails keeps the vectors it paid for
        }
      }
      if (passages == 0 && corpus != null) {
        writer.rollback(); // the last good index, if any, stays as it was
        throw new CorpusException(nothingUsable(corpus, read));
      }
      Map<String, String> data = new HashMap<>();
      data.put(Fields.COMMIT_FINGERPRINT, fingerprint);
      data.put(Fields.COMMIT_DOCUMENTS, Integer.toString(read.documents().size()));
      data.put(Fields.COMMIT_PASSAGES, Integer.toString(passages));
      if (embedder != null) {
        data.put(Fields.COMMIT_MODEL, embedder.model().id());
      }
      data.put(SKIPPED, joinSkipped(read.skipped()));
      data.put(WARNINGS, String.join("\n", read.warnings()));
      writer.setLiveCommitData(data.entrySet());
      writer.forceMerge(1);
      writer.commit();
    } catch (LockObtainFailedException e) {
      throw new CorpusException(
          "the index folder " + dir + " is locked by another running astana-qa;"
              + " stop that one or give this one its own folder with --index", e);
    } catch (IOException e) {
      throw new CorpusException(
          "cannot write the index in " + dir + ": " + e.getMessage()
              + "; check that the folder is writable or choose another with --index", e);
    }
  }

  private static Opened opened(
      DirectoryReader reader, Map<String, String> data, boolean rebuilt, String reason, long t0)
      throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    Map<String, Source> sources = new LinkedHashMap<>();
    TermQuery kind = new TermQuery(new Term(Fields.KIND, Fields.KIND_SOURCE));
    int n = Math.max(1, searcher.count(kind));
    for (ScoreDoc sd : searcher.search(kind, n).scoreDocs) {
      Source s = PassageIndexer.toSource(searcher.storedFields().document(sd.doc));
      sources.put(s.id(), s);
    }
    IndexReport report = new IndexReport(
        rebuilt, reason,
        Integer.parseInt(data.getOrDefault(Fields.COMMIT_DOCUMENTS, "0")),
        Integer.parseInt(data.getOrDefault(Fields.COMMIT_PASSAGES, "0")),
        splitSkipped(data.getOrDefault(SKIPPED, "")),
        lines(data.getOrDefault(WARNINGS, "")),
        (System.nanoTime() - t0) / 1_000_000,
        data.get(Fields.COMMIT_MODEL));
    return new Opened(reader, java.util.Collections.unmodifiableMap(sources), report);
  }

  private static String joinSkipped(List<SkippedFile> skipped) {
    StringBuilder sb = new StringBuilder();
    for (SkippedFile s : skipped) {
      sb.append(s.path().replace('\t', ' ').replace('\n', ' ')).append('\t')
          .append(s.reason().replace('\n', ' ')).append('\n');
    }
    return sb.toString();
  }

  private static List<SkippedFile> splitSkipped(String s) {
    List<SkippedFile> out = new ArrayList<>();
    for (String line : lines(s)) {
      int tab = line.indexOf('\t');
      out.add(tab < 0 ? new SkippedFile(line, "") : new SkippedFile(line.substring(0, tab), line.substring(tab + 1)));
    }
    return out;
  }

  private static List<String> lines(String s) {
    return s.isEmpty() ? List.of() : List.of(s.split("\n"));
  }
}
