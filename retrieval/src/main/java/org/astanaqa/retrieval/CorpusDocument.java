package org.astanaqa.retrieval;

import java.util.Objects;

/**
 * One document with its metadata: a file of the corpus, or a record of a benchmark data set.
 *
 * @param source id and metadata
 * @param text the document's text exactly as read (UTF-8, BOM removed)
 */
public record CorpusDocument(Source source, String text) {
  public CorpusDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
  }
}
