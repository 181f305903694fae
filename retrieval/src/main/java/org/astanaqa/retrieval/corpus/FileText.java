package org.astanaqa.retrieval.corpus;

import java.util.Objects;

/**
 * The text of one corpus file and what the file itself says about it.
 *
 * @param text the text a reader of the document sees: one paragraph per line block, boilerplate
 *     (running headers, page numbers, navigation) left out; passages are substrings of it
 * @param title the file's own title (HTML {@code <title>}, PDF information, DOCX core properties, a
 *     Markdown heading), or null
 * @param publisher the publisher the file names, or null
 * @param date an ISO date (YYYY-MM-DD) the file names, or null
 * @param url the file's canonical address, or null
 * @param encoding the character set a text file was read in when it was not UTF-8, or null
 * @param note what of the file was left out, for the index summary to say, or null
 */
record FileText(
    String text,
    String title,
    String publisher,
    String date,
    String url,
    String encoding,
    String note) {
  FileText {
    Objects.requireNonNull(text, "text");
  }

  FileText(String text, String title, String publisher, String date, String url, String encoding) {
    this(text, title, publisher, date, url, encoding, null);
  }

  static FileText of(String text) {
    return new FileText(text, null, null, null, null, null);
  }
}
