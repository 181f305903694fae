package org.astanaqa.retrieval.corpus;

import java.util.List;
import java.util.Locale;

/** Which files the corpus reads, and the text of each by its extension. */
public final class Formats {
  /** The extensions read, for messages. */
  public static final String SUPPORTED = ".txt, .md, .markdown, .html, .htm, .pdf, .docx, .odt";

  private Formats() {}

  /** True when a file with this name is read as a document. */
  static boolean supported(String fileName) {
    return switch (extension(fileName)) {
      case "txt", "md", "markdown", "html", "htm", "pdf", "docx", "odt" -> true;
      default -> false;
    };
  }

  /** The lower-case extension without the dot, or "" when there is none. */
  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The text and the file's own metadata, or why there is none. */
  static FileText extract(String fileName, byte[] bytes) throws UnusableFileException {
    String extension = extension(fileName);
    if (bytes.length == 0 && List.of("pdf", "docx", "odt").contains(extension)) {
      // PDFBox said "Error: End-of-File, expected line at offset 0", as of a damaged file
      throw new UnusableFileException("the file is empty (0 bytes)");
    }
    return switch (extension) {
      case "txt" -> TextCharsets.decode(bytes);
      case "md", "markdown" -> MarkdownText.render(TextCharsets.decode(bytes));
      case "html", "htm" -> HtmlText.extract(bytes);
      case "pdf" -> PdfText.extract(bytes);
      case "docx" -> OfficeText.docx(bytes);
      case "odt" -> OfficeText.odt(bytes);
      default -> throw new UnusableFileException("unsupported type; supported: " + SUPPORTED);
    };
  }
}
