package org.astanaqa.retrieval;

import java.util.Objects;

/**
 * One document with its metadata: a file of the corpus, or a record of a benchmark data set.
 *
 * @param source id and metadata
 * @param text the document's text as extracted from its file (decoded, markup and page furniture
 *     left out); passages are cut from it and keep offsets into it
 */
public record CorpusDocument(Source source, String text) {
  public CorpusDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
  }
}
