package org.astanaqa.bot;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.retrieval.Embedder;
import org.astanaqa.retrieval.IndexReport;
import org.astanaqa.retrieval.Mode;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.util.Sha256;

/**
 * Turns the configuration's paths into an open {@link QuestionAnswerer}: the only place where the
 * corpus and index folders become a Lucene {@link Directory}.
 */
public final class Engine implements AutoCloseable {
  /** Where the seed corpus lives in the jar (and on the test class path). */
  static final String BUNDLED_SEEDS = "/astana-qa/seeds";

  /**
   * How often a live engine looks at its corpus folder: a changed folder is indexed once it has
   * stayed the same for one more look, so a file is answered a second or two after it lands.
   */
  static final java.time.Duration WATCH_EVERY = java.time.Duration.ofSeconds(1);

  private final QuestionAnswerer answerer;
  private final Directory directory;
  private final Embedder embedder;
  private final Path corpus;
  private final Path indexDir;

  private Engine(
      QuestionAnswerer answerer,
      Directory directory,
      Embedder embedder,
      Path corpus,
      Path indexDir) {
    this.answerer = answerer;
    this.directory = directory;
    this.embedder = embedder;
    this.corpus = corpus;
    this.indexDir = indexDir;
  }

  /**
   * Opens the index for the configured corpus, building it when needed. In the hybrid mode it loads
   * the embedding model too (on a thread of its own while the index opens), and the index (a folder
   * of its own unless --index names one) holds the model's passage vectors, which are cached by
   * content under {@code <dataDir>/embeddings}. Returns once both are ready.
   *
   * <p>Builds in one pass, every passage's vector computed first: what {@code ask} and {@code eval}
   * use, so that every figure is measured on the same index as before the live index existed.
   *
   * @param rebuild rebuild even when the index is up to date
   */
  public static Engine open(AppConfig config, ProgressListener progress, boolean rebuild) {
    return awaitModel(open(config, progress, rebuild, false));
  }

  /**
   * As {@link #open(AppConfig, ProgressListener, boolean)} for a long-running front end or the
   * {@code index} command: words first, so the corpus answers within seconds, the vectors the cache
   * lacks computed afterwards ({@link QuestionAnswerer#startBackground} when {@code background}, by
   * the caller otherwise), and files changed since the index was written read again alone. In the
   * background, the corpus folder is watched too unless {@code retrieval.watch} is off or the
   * corpus is the bundled one.
   */
  public static Engine openLive(
      AppConfig config, ProgressListener progress, boolean rebuild, boolean background) {
    Engine e = awaitModel(open(config, progress, rebuild, true));
    if (background) {
      boolean watch = config.retrieval().watch() && !"jar".equals(e.corpus.toUri().getScheme());
      e.answerer.startBackground(watch ? WATCH_EVERY : null);
    }
    return e;
  }

  /**
   * As {@link #open}, but returns as soon as the index is open: in the hybrid mode the model may
   * still be loading, and the first question waits for it (a model that cannot load fails that
   * question with the error {@link #open} would have thrown). For a command that asks at once: it
   * parses and searches the question by words while the model loads.
   */
  public static Engine openWhileModelLoads(
      AppConfig config, ProgressListener progress, boolean rebuild) {
    return open(config, progress, rebuild, false);
  }

  /** Waits for the model of a hybrid engine; a model that cannot load closes the engine. */
  private static Engine awaitModel(Engine engine) {
    try {
      if (engine.embedder != null) {
        engine.embedder.awaitLoaded();
      }
      return engine;
    } catch (RuntimeException e) {
      try {
        engine.close();
      } catch (IOException | RuntimeException ignored) {
        // already failing: the model's error is the one to report
      }
      throw e;
    }
  }

  /** The corpus folder of {@code config}: its {@code corpus}, or the seeds in the jar. */
  private static Path corpus(AppConfig config) {
    return config.corpus().isEmpty()
        ? bundledSeeds()
        : Path.of(config.corpus()).toAbsolutePath().normalize();
  }

  /** The index folder {@code config} names or implies (one per corpus and mode). */
  public static Path indexDir(AppConfig config) {
    return indexDir(config, corpus(config));
  }

  private static Path indexDir(AppConfig config, Path corpus) {
    String suffix = config.mode() == Mode.HYBRID ? "-" + config.model().id() : "";
    return config.index().isEmpty()
        ? Path.of(config.dataDir())
            .resolve("index-" + Sha256.hex(corpus.toUri().toString(), 6) + suffix)
        : Path.of(config.index());
  }

  private static Engine open(
      AppConfig config, ProgressListener progress, boolean rebuild, boolean live) {
    boolean hybrid = config.mode() == Mode.HYBRID;
    // First of all: the model takes longer to load than everything else here together.
    Embedder embedder =
        hybrid
            ? Embedder.loadInBackground(
                config.model(), Path.of(config.dataDir()).resolve("embeddings"))
            : null;
    Directory dir = null;
    try {
      Path corpus = corpus(config);
      Path indexDir = indexDir(config, corpus);
      if (isSameFolder(indexDir, corpus)) {
        // Its files would be the corpus's: read as documents ("unsupported type .cfs") and, changed
        // at each commit, a new corpus that every run rebuilt and a running console updated.
        throw new ConfigException(
            "the index folder "
                + indexDir
                + " is the corpus folder: its files would be read as documents and change the"
                + " corpus at every commit; give the index a folder of its own (--index, or leave"
                + " it out to use dataDir)");
      }
      try {
        Files.createDirectories(indexDir);
        dir = FSDirectory.open(indexDir);
      } catch (IOException e) {
        throw new ConfigException(
            "cannot create the index folder "
                + indexDir
                + " ("
                + org.astanaqa.retrieval.util.IoErrors.reason(e, indexDir)
                + "); choose a writable folder with --index or dataDir");
      }
      // run from the documents' folder (--corpus .), the data folder is inside the corpus
      List<Path> leftOut = List.of(Path.of(config.dataDir()));
      QuestionAnswerer.Options options =
          QuestionAnswerer.Options.of(embedder, progress, rebuild).leftOut(leftOut);
      QuestionAnswerer qa =
          live
              ? QuestionAnswerer.openLive(corpus, dir, config.settings(), options)
              : QuestionAnswerer.open(corpus, dir, config.settings(), options);
      return new Engine(qa, dir, embedder, corpus, indexDir);
    } catch (RuntimeException e) {
      if (dir != null) {
        closeQuietly(dir);
      }
      if (embedder != null) {
        embedder.close();
      }
      throw e;
    }
  }

  /** Whether two paths name one folder, through links too; false for the corpus in the jar. */
  private static boolean isSameFolder(Path a, Path b) {
    if (b.getFileSystem() != FileSystems.getDefault()) {
      return false;
    }
    try {
      return Files.isDirectory(a) && Files.isDirectory(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The configured embedding model with its vector cache in {@code <dataDir>/<cacheFolder>}. The
   * cache is read into memory when the model loads, so vectors of other corpora (a benchmark's)
   * belong in a folder of their own, not in the bot's.
   */
  public static Embedder loadEmbedder(AppConfig config, String cacheFolder) {
    return Embedder.load(config.model(), Path.of(config.dataDir()).resolve(cacheFolder));
  }

  /** The seed corpus bundled in the jar, or on the class path when run from the build. */
  static Path bundledSeeds() {
    URL url = Engine.class.getResource(BUNDLED_SEEDS + "/metadata.json");
    if (url == null) {
      throw new ConfigException(
          "this build has no bundled seed corpus; give one with --corpus DIR");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return fs.getPath(BUNDLED_SEEDS);
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException | IOException e) {
      throw new ConfigException("cannot open the bundled seed corpus: " + e.getMessage());
    }
  }

  public QuestionAnswerer answerer() {
    return answerer;
  }

  /** The corpus folder, for messages ("bundled seeds" when inside the jar). */
  public String corpusName() {
    return "jar".equals(corpus.toUri().getScheme()) ? "the bundled seed corpus" : corpus.toString();
  }

  public Path indexDir() {
    return indexDir;
  }

  /**
   * An admin's reindex: every file of the corpus read again and its documents replaced, through the
   * live index's path (the same model session, vectors from the cache, questions switched to the
   * result once it is committed, no pause). Returns one line for the admin.
   */
  public String reindex() {
    IndexReport r = answerer.update(true);
    return String.format(
        java.util.Locale.ROOT,
        "Reindexed %d documents, %d passages in %.1f s; %d files skipped.%s",
        r.documents(),
        r.passages(),
        r.millis() / 1000.0,
        r.skipped().size(),
        vectors(r).isEmpty() ? "" : " " + vectors(r));
  }

  /**
   * How far the passage vectors are, for a person: empty in the BM25 mode and when every passage
   * has its vector.
   */
  public static String vectors(IndexReport r) {
    if (r.model() == null || r.missingVectors() == 0) {
      return "";
    }
    return String.format(
        java.util.Locale.ROOT,
        "Passage vectors: %d of %d (%.0f%%); until its vector exists a passage is ranked by words alone.",
        r.passagesWithVectors(),
        r.passages(),
        100.0 * r.passagesWithVectors() / Math.max(1, r.passages()));
  }

  @Override
  public void close() throws IOException {
    try {
      answerer.close();
    } finally {
      try {
        directory.close();
      } finally {
        if (embedder != null) {
          embedder.close();
        }
      }
    }
  }

  private static void closeQuietly(Directory dir) {
    try {
      dir.close();
    } catch (IOException ignored) {
      // already failing: the first error is the one to report
    }
  }
}
