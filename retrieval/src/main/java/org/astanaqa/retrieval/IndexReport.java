package org.astanaqa.retrieval;

import java.util.List;

/**
 * What opening the index did: reused it or built it, and what went in.
 *
 * @param rebuilt true when the index was (re)built, false when an up-to-date index was reused
 * @param reason why it was rebuilt ("no index yet", "corpus changed", ...), or "up to date"
 * @param documents documents in the index
 * @param passages passages in the index
 * @param skipped files of the corpus that could not be indexed (only known after a build), sorted
 *     by path
 * @param warnings problems that did not stop indexing, such as metadata for a missing file
 * @param millis time taken to open or build
 * @param model the embedding model whose vectors the index holds, or null (a BM25-only index)
 * @param missingVectors passages whose vectors are still being computed in the background (they are
 *     ranked by words alone until then); 0 when every passage has its vector, and in the BM25 mode
 * @param extraction how fast each format's text was extracted, when this open or update read files
 *     (empty when the index was reused)
 */
public record IndexReport(
    boolean rebuilt,
    String reason,
    int documents,
    int passages,
    List<SkippedFile> skipped,
    List<String> warnings,
    long millis,
    String model,
    int missingVectors,
    List<Extraction> extraction) {
  /**
   * The name of the SLF4J marker on the log lines that name a corpus file this report lists (as
   * skipped or with a warning): a front end that prints the report can keep those lines off its
   * console, where they said each file a second time.
   */
  public static final String FILE_LOG_MARKER = "corpus-file";

  public IndexReport {
    // by path, whatever skipped each file: the listing's refusals (a type not read) came first,
    // then the files that could not be read, each group sorted on its own
    skipped = skipped.stream().sorted(java.util.Comparator.comparing(SkippedFile::path)).toList();
    warnings = List.copyOf(warnings);
    extraction = List.copyOf(extraction);
  }

  /** Passages that have their vector: all of them once the background work is done. */
  public int passagesWithVectors() {
    return model == null ? 0 : passages - missingVectors;
  }
}
