package org.astanaqa.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where text becomes a vector: a sentence-embedding model running in this JVM (ONNX Runtime), with
 * an optional on-disk cache so that unchanged passages are never embedded twice.
 *
 * <p>Thread-safe. Loading takes one to two seconds; keep one per process.
 */
public final class Embedder implements AutoCloseable {
  /** ONNX Runtime already spreads one text over every core; texts go one after another. */
  private static final Executor SAME_THREAD = Runnable::run;

  private final DenseModel model;
  private final EmbeddingModel onnx;
  private final EmbeddingCache cache;

  private Embedder(DenseModel model, EmbeddingModel onnx, EmbeddingCache cache) {
    this.model = model;
    this.onnx = onnx;
    this.cache = cache;
  }

  /**
   * Loads {@code model} from its jar.
   *
   * @param cacheDir folder for the vector cache ({@code <model id>.vectors}); null for none
   * @throws CorpusException when the cache folder cannot be used
   */
  public static Embedder load(DenseModel model, Path cacheDir) {
    Objects.requireNonNull(model, "model");
    EmbeddingCache cache = cacheDir == null ? EmbeddingCache.none() : EmbeddingCache.open(cacheDir.resolve(model.id() + ".vectors"));
    EmbeddingModel onnx = switch (model) {
      case BGE_SMALL_EN_V15_Q -> new BgeSmallEnV15QuantizedEmbeddingModel(SAME_THREAD);
      case ALL_MINILM_L6_V2_Q -> new AllMiniLmL6V2QuantizedEmbeddingModel(SAME_THREAD);
    };
    return new Embedder(model, onnx, cache);
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
      int end = Character.isHighSurrogate(question.charAt(QUESTION_CHARS - 1)) ? QUESTION_CHARS - 1 : QUESTION_CHARS;
      question = question.substring(0, end);
    }
    return onnx.embed(model.queryPrefix() + question).content().vector();
  }

  /** The vectors of passages, in order: from the cache where known, computed otherwise. */
  List<float[]> embedPassages(List<String> texts) {
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
      var embedded = onnx.embedAll(toEmbed).content();
      for (int j = 0; j < missing.size(); j++) {
        float[] v = embedded.get(j).vector();
        out.set(missing.get(j), v);
        cache.put(texts.get(missing.get(j)), v);
      }
    }
    return out;
  }

  /** Vectors taken from the cache, and computed, since this embedder was loaded. */
  public long[] cacheCounts() {
    return new long[] {cache.hits(), cache.misses()};
  }

  /** Writes newly computed vectors to the cache file. */
  void flush() {
    cache.flush();
  }

  @Override
  public void close() {
    cache.close();
  }

  @Override
  public String toString() {
    return "Embedder[" + model.id() + "]";
  }
}
