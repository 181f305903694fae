package org.astanaqa.retrieval;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The sentence-embedding models the hybrid mode can run in-process. Each ships inside a Maven
 * Central jar (ONNX weights and tokenizer), so nothing is downloaded at run time; both give
 * 384-dimensional unit vectors.
 */
public enum DenseModel {
  /**
   * BAAI bge-small-en-v1.5, int8-quantized: 12 layers. Questions get BGE's retrieval instruction in
   * front, as its authors prescribe for short queries against passages. Read from the [CLS] token.
   */
  BGE_SMALL_EN_V15_Q(
      "bge-small-en-v1.5-q",
      "Represent this sentence for searching relevant passages: ",
      0.6,
      PoolingMode.CLS),

  /**
   * sentence-transformers all-MiniLM-L6-v2, int8-quantized: 6 layers, about 4 times faster. The
   * mean of its tokens.
   */
  ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "", 0.4, PoolingMode.MEAN);

  private final String id;
  private final String queryPrefix;
  private final double minSimilarity;
  private final PoolingMode pooling;

  DenseModel(String id, String queryPrefix, double minSimilarity, PoolingMode pooling) {
    this.id = id;
    this.queryPrefix = queryPrefix;
    this.minSimilarity = minSimilarity;
    this.pooling = pooling;
  }

  /** How token vectors become the text's vector, as the model was trained. */
  PoolingMode pooling() {
    return pooling;
  }

  /**
   * The ONNX weights' resource, in the model's langchain4j jar ({@code <id>-tokenizer.json}
   * beside).
   */
  String weights() {
    return id + ".onnx";
  }

  String tokenizer() {
    return id + "-tokenizer.json";
  }

  /**
   * The cosine similarity from which a passage answers a question even when it shares few of its
   * words. Each model spreads cosines differently, so each has its own: set just above the most
   * similar passage any out-of-scope question of the project's sets found (BGE 0.56, MiniLM 0.32).
   */
  public double minSimilarity() {
    return minSimilarity;
  }

  /** The name used in configuration, on the command line and in index metadata. */
  public String id() {
    return id;
  }

  String queryPrefix() {
    return queryPrefix;
  }

  /** The model named {@code id}, case-insensitively; the message lists the known names. */
  public static DenseModel named(String id) {
    for (DenseModel m : values()) {
      if (m.id.equalsIgnoreCase(id.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown embedding model '" + id + "'; known: " + names());
  }

  /** The known names, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(DenseModel::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
