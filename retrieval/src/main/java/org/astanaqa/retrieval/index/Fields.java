package org.astanaqa.retrieval.index;

/** The one place that names the index fields. */
public final class Fields {
  /** "passage" or "source": the two kinds of Lucene document in the index. */
  static final String KIND = "kind";

  static final String KIND_PASSAGE = "passage";
  static final String KIND_SOURCE = "source";

  /** The document id; a StringField, so it is matched exactly and never analyzed. */
  static final String ID = "id";

  /** Passage text: analyzed for BM25 with positions for the proximity clauses, and stored. */
  public static final String TEXT = "text";

  /**
   * The document title, indexed on every passage (not stored there) so that a passage is found
   * through the context its document's title gives it.
   */
  public static final String TITLE_TEXT = "title_text";

  /**
   * The passage's sentence-embedding vector (title and text), HNSW-indexed for nearest-neighbour
   * search; only in indexes built for the hybrid mode.
   */
  public static final String VECTOR = "vector";

  static final String ORDINAL = "ordinal";
  static final String START = "start";
  static final String END = "end";

  /** On a passage: the speaker it quotes without naming ({@code Passage.speaker}), if any. */
  static final String SPEAKER = "speaker";

  /** On a passage: the people it means by a title alone ({@code Passage.titled}), if any. */
  static final String TITLED = "titled";

  static final String TITLE = "title";
  static final String PUBLISHER = "publisher";

  /**
   * On a source document: its publisher's words, indexed (not stored), so that a question's word
   * that names a source ("according to the TASS report") is known as such even when no passage says
   * it.
   */
  public static final String PUBLISHER_TEXT = "publisher_text";

  static final String DATE = "date";
  static final String URL = "url";

  /**
   * On a source document: what its file looked like when it was read ({@code CorpusReader.stamp}),
   * so a live update re-reads only the files that changed.
   */
  static final String STAMP = "stamp";

  /** On a source document: a warning about its file (read in another encoding than UTF-8). */
  static final String WARNING = "warning";

  /**
   * On a source document of the hybrid mode whose passages do not all have vectors yet: indexed
   * ("1"), so the vectors' background work finds them by a term query.
   */
  static final String PENDING = "pending";

  /** On a pending source document: how many of its passages have no vector yet. */
  static final String MISSING_VECTORS = "missingVectors";

  /** Commit user-data keys. */
  public static final String COMMIT_FINGERPRINT = "fingerprint";

  static final String COMMIT_DOCUMENTS = "documents";
  static final String COMMIT_PASSAGES = "passages";

  /** The embedding model whose vectors the index holds; absent for a BM25-only index. */
  public static final String COMMIT_MODEL = "model";

  /**
   * The schema and model an index was built with: a live update may change documents of an index
   * whose base is the current one; any other is rebuilt.
   */
  static final String COMMIT_BASE = "base";

  /**
   * "true" when the index was written in one pass from the corpus, every vector included, as {@code
   * eval} and the benchmarks measure it; live updates and vectors added later leave it false
   * (deleted documents still count in BM25's statistics until a merge).
   */
  public static final String COMMIT_ONE_PASS = "onePass";

  static final String COMMIT_SKIPPED = "skipped";
  static final String COMMIT_WARNINGS = "warnings";
  static final String COMMIT_FILE_WARNINGS = "fileWarnings";

  private Fields() {}
}
