package org.astanaqa.retrieval;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.astanaqa.retrieval.index.EmbeddingCache;

/**
 * Where text becomes a vector: a sentence-embedding model running in this JVM (ONNX Runtime), with
 * an optional on-disk cache so that unchanged passages are never embedded twice.
 *
 * <p>Thread-safe. Loading takes one to two seconds; keep one per process.
 */
public final class Embedder implements AutoCloseable {
  /** Model sessions open in this process: one is all a process needs (each holds the weights). */
  private static final java.util.concurrent.atomic.AtomicInteger OPEN =
      new java.util.concurrent.atomic.AtomicInteger();

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final DenseModel model;

  /** The running model: at once after {@link #load}, in time after {@link #loadInBackground}. */
  private final Future<Loaded> loaded;

  private record Loaded(
      OrtSession session, Model onnx, ExecutorService workers, EmbeddingCache cache) {}

  private Embedder(DenseModel model, Future<Loaded> loaded) {
    this.model = model;
    this.loaded = loaded;
  }

  /**
   * The model's ONNX session, run by langchain4j's BERT encoder (tokenizer, pooling, normalizing).
   * The session is ours, not langchain4j's default one, for its threads: each inference runs on the
   * calling thread alone. ONNX Runtime's default spreads one short text over every core and leaves
   * its workers spinning after it, which on two cores slowed the Lucene work around a question's
   * embedding; many passages are spread over the cores by {@code workers} instead.
   */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(OnnxBertBiEncoder encoder, ExecutorService workers) {
      super(workers);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }
  }

  /**
   * Loads {@code model} from its jar.
   *
   * @param cacheDir folder for the vector cache ({@code <model id>.vectors}); null for none
   * @throws CorpusException when the cache folder cannot be used, or the model cannot run here (its
   *     native libraries do not load on this platform, or cannot be unpacked)
   */
  public static Embedder load(DenseModel model, Path cacheDir) {
    Objects.requireNonNull(model, "model");
    return new Embedder(model, CompletableFuture.completedFuture(loadNow(model, cacheDir)));
  }

  /**
   * As {@link #load}, on a thread of its own: returns at once, and the first call that needs the
   * model waits for it, so that a command can open its index and search by words meanwhile (most of
   * a one-question command's start-up is the model's). A model that cannot load throws the same
   * {@link CorpusException} from that first call, and from {@link #awaitLoaded()}.
   */
  public static Embedder loadInBackground(DenseModel model, Path cacheDir) {
    Objects.requireNonNull(model, "model");
    FutureTask<Loaded> task = new FutureTask<>(() -> loadNow(model, cacheDir));
    Thread loader = new Thread(task, "load-" + model.id());
    loader.setDaemon(true);
    loader.start();
    return new Embedder(model, task);
  }

  /**
   * Waits until the model has loaded.
   *
   * @throws CorpusException when it cannot load (as {@link #load} would have thrown)
   */
  public void awaitLoaded() {
    loaded();
  }

  private Loaded loaded() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return loaded.get();
        } catch (InterruptedException e) {
          interrupted = true; // a load takes a second or two: wait it out, keep the interrupt
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error error) {
        throw error; // out of memory, say: as if it had happened on this thread
      }
      throw new CorpusException(cause.getMessage(), cause);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Loaded loadNow(DenseModel model, Path cacheDir) {
    EmbeddingCache cache =
        cacheDir == null
            ? EmbeddingCache.none()
            : EmbeddingCache.open(cacheDir.resolve(model.id() + ".vectors"));
    if (cacheDir != null) {
      OnnxFiles.useFrom(cacheDir);
    }
    OrtSession session = null;
    try (InputStream tokenizer = resource(model.tokenizer());
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      Optional<Path> unpacked =
          cacheDir == null ? Optional.empty() : OnnxFiles.model(model.weights(), cacheDir);
      session =
          unpacked.isPresent()
              ? env.createSession(unpacked.get().toString(), options)
              : env.createSession(bytes(model.weights()), options);
      ExecutorService workers =
          Executors.newFixedThreadPool(
              Runtime.getRuntime().availableProcessors(),
              r -> {
                Thread t = new Thread(r, "embedder");
                t.setDaemon(true);
                return t;
              });
      Loaded ready =
          new Loaded(
              session,
              new Model(new OnnxBertBiEncoder(env, session, tokenizer, model.pooling()), workers),
              workers,
              cache);
      OPEN.incrementAndGet();
      return ready;
    } catch (OrtException | IOException | RuntimeException | LinkageError e) {
      // LinkageError: ONNX Runtime loads its native library in a static initializer.
      cache.close();
      closeQuietly(session);
      throw new CorpusException(
          "cannot load the embedding model "
              + model.id()
              + ": "
              + rootMessage(e)
              + ". Its native libraries are unpacked into the temporary folder (java.io.tmpdir) and ~/.djl.ai,"
              + " which must be writable; or answer by words alone with --mode bm25 (retrieval.mode: bm25)",
          e);
    }
  }

  /** The innermost cause's message: what actually went wrong, not the wrappers around it. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null || m.isBlank() ? root.getClass().getSimpleName() : m.strip();
  }

  /**
   * A resource's bytes, inflated straight into one array of its size: a third less time than {@code
   * readAllBytes}, which gathers the weights' 23 MB (MiniLM) in small pieces and copies.
   */
  static byte[] bytes(String name) throws IOException {
    URL url = Embedder.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IOException(name + " is not on the class path");
    }
    URLConnection connection = url.openConnection();
    long size = connection.getContentLengthLong();
    try (InputStream in = connection.getInputStream()) {
      if (size < 0 || size > Integer.MAX_VALUE - 8) {
        return in.readAllBytes(); // size unknown: the slow way
      }
      byte[] b = new byte[(int) size];
      if (in.readNBytes(b, 0, b.length) != b.length || in.read() != -1) {
        throw new IOException(name + " is not " + size + " bytes long, as its entry says");
      }
      return b;
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = Embedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the class path");
    }
    return in;
  }

  private static void closeQuietly(OrtSession session) {
    if (session != null) {
      try {
        session.close();
      } catch (OrtException ignored) {
        // already failing; the first error is the one reported
      }
    }
  }

  public DenseModel model() {
    return model;
  }

  /**
   * A question's first characters, all the model reads of it: both models see at most 512 tokens,
   * and a pasted page must not cost one inference per 512 of its tokens.
   */
  static final int QUESTION_CHARS = 1000;

  /** The vector of a question, with the model's query instruction in front when it has one. */
  public float[] embedQuestion(String question) {
    if (question.length() > QUESTION_CHARS) {
      int end =
          Character.isHighSurrogate(question.charAt(QUESTION_CHARS - 1))
              ? QUESTION_CHARS - 1
              : QUESTION_CHARS;
      question = question.substring(0, end);
    }
    return loaded().onnx().embed(model.queryPrefix() + question).content().vector();
  }

  /** The vectors of passages, in order: from the cache where known, computed otherwise. */
  public List<float[]> embedPassages(List<String> texts) {
    EmbeddingCache cache = loaded().cache();
    List<float[]> out = new ArrayList<>(texts.size());
    List<Integer> missing = new ArrayList<>();
    List<TextSegment> toEmbed = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      float[] v = cache.get(texts.get(i));
      out.add(v);
      if (v == null) {
        missing.add(i);
        toEmbed.add(TextSegment.from(texts.get(i)));
      }
    }
    if (!toEmbed.isEmpty()) {
      var embedded = loaded().onnx().embedAll(toEmbed).content();
      for (int j = 0; j < missing.size(); j++) {
        float[] v = embedded.get(j).vector();
        out.set(missing.get(j), v);
        cache.put(texts.get(missing.get(j)), v);
      }
    }
    return out;
  }

  /** The vectors of passages the cache holds, in order; null for those it does not. */
  public List<float[]> cachedPassages(List<String> texts) {
    EmbeddingCache cache = loaded().cache();
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(cache.get(t));
    }
    return out;
  }

  /** Vectors taken from the cache, and computed, since this embedder was loaded. */
  public long[] cacheCounts() {
    EmbeddingCache cache = loaded().cache();
    return new long[] {cache.hits(), cache.misses()};
  }

  /** Writes newly computed vectors to the cache file. */
  public void flush() {
    loaded().cache().flush();
  }

  /** How many embedders (ONNX sessions) are open in this process now. */
  public static int openSessions() {
    return OPEN.get();
  }

  /** Closes the model, once it has loaded; a model that failed to load holds nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Loaded l;
    try {
      l = loaded();
    } catch (CorpusException e) {
      return;
    }
    OPEN.decrementAndGet();
    l.cache().close();
    l.workers().shutdownNow();
    closeQuietly(l.session());
  }

  @Override
  public String toString() {
    return "Embedder[" + model.id() + "]";
  }
}
