package org.astanaqa.retrieval;

import java.nio.file.Path;

/**
 * The embedding model for tests, loaded once per test JVM. Its vector cache lives in {@code
 * target/}, so a second local run skips the embedding work; a clean build (CI) starts empty.
 */
public final class TestModels {
  public static final DenseModel MODEL = DenseModel.ALL_MINILM_L6_V2_Q;
  private static Embedder embedder;

  private TestModels() {}

  public static synchronized Embedder embedder() {
    if (embedder == null) {
      embedder = Embedder.load(MODEL, Path.of("target", "embedding-cache"));
      Runtime.getRuntime().addShutdownHook(new Thread(embedder::close));
    }
    return embedder;
  }

  /** The embedder of {@code mode}: none for BM25. */
  public static Embedder forMode(Mode mode) {
    return mode == Mode.HYBRID ? embedder() : null;
  }
}
