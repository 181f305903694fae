package org.astanaqa.retrieval;

import java.util.Objects;

/**
 * Where a passage comes from: the document's id and what its metadata says about it.
 *
 * <p>Unknown fields are {@code null}, never guessed; {@code date} may be partial ({@code 2018-09}).
 *
 * @param id the document's path relative to the corpus folder, without its extension
 * @param title a human title: from the metadata file, else from the document file itself, else its
 *     file name
 * @param publisher who published the document, or null
 * @param date an ISO-8601 date, possibly partial (year or year-month), or null
 * @param url where the document can be read, or null
 */
public record Source(String id, String title, String publisher, String date, String url) {
  public Source {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("document id is blank");
    }
    title = title == null || title.isBlank() ? id : title.strip();
    publisher = blankToNull(publisher);
    date = blankToNull(date);
    url = blankToNull(url);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
