package org.astanaqa.retrieval;

import java.util.Objects;

/**
 * One readable file of the corpus with its metadata.
 *
 * @param source id and metadata
 * @param text the file's text exactly as read (UTF-8, BOM removed)
 */
record CorpusDocument(Source source, String text) {
  CorpusDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
  }
}
