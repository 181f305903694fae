package org.astanaqa.retrieval;

/** The one place that names the index fields. */
final class Fields {
  /** "passage" or "source": the two kinds of Lucene document in the index. */
  static final String KIND = "kind";

  static final String KIND_PASSAGE = "passage";
  static final String KIND_SOURCE = "source";

  /** The document id; a StringField, so it is matched exactly and never analyzed. */
  static final String ID = "id";

  /** Passage text: analyzed for BM25 with positions for the proximity clauses, and stored. */
  static final String TEXT = "text";

  /**
   * The document title, indexed on every passage (not stored there) so that a passage is found
   * through the context its document's title gives it.
   */
  static final String TITLE_TEXT = "title_text";

  /**
   * The passage's sentence-embedding vector (title and text), HNSW-indexed for nearest-neighbour
   * search; only in indexes built for the hybrid mode.
   */
  static final String VECTOR = "vector";

  static final String ORDINAL = "ordinal";
  static final String START = "start";
  static final String END = "end";

  static final String TITLE = "title";
  static final String PUBLISHER = "publisher";
  static final String DATE = "date";
  static final String URL = "url";

  /** Commit user-data keys. */
  static final String COMMIT_FINGERPRINT = "fingerprint";

  static final String COMMIT_DOCUMENTS = "documents";
  static final String COMMIT_PASSAGES = "passages";

  /** The embedding model whose vectors the index holds; absent for a BM25-only index. */
  static final String COMMIT_MODEL = "model";

  private Fields() {}
}
