package org.astanaqa.retrieval.corpus;

import java.util.List;
import java.util.Locale;

/** Which files the corpus reads, and the text of each by its extension. */
public final class Formats {
  /** The extensions read, for messages. */
  public static final String SUPPORTED = ".txt, .md, .markdown, .html, .htm, .pdf, .docx, .odt";

  /**
   * What to do of a PDF or office file that its reader cannot read: most are damaged or cut short
   * (a download or a copy that did not finish). Said after the reader's own words, which say what
   * failed but not what to do ("Page tree root must be a dictionary", "unexpected EOF").
   */
  static final String DAMAGED =
      "the file is damaged or was cut short (a download or a copy that did not finish): open it"
          + " in its program to check, and save or download it again";

  /**
   * Why a document saved with a password to open it cannot be read, and what to do: said of a PDF,
   * a .docx and an .odt alike, where a .docx was "an Office 97-2003 file ... save it as .docx" and
   * an .odt "damaged or cut short", which sent the maintainer to save again what was whole.
   */
  static final String PASSWORD_PROTECTED =
      "password-protected: it cannot be opened without its password; open it with the password"
          + " in its program and save a copy without the password (or ask its publisher for one),"
          + " and put that copy in the corpus";

  private Formats() {}

  /** True when a file with this name is read as a document. */
  public static boolean supported(String fileName) {
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
    String misnamed = misnamed(fileName, extension, bytes);
    if (misnamed != null) {
      throw new UnusableFileException(misnamed);
    }
    return switch (extension) {
      case "txt" -> {
        FileText t = TextCharsets.decode(bytes);
        yield new FileText(
            LineBreaks.pageBreaksJoined(t.text()),
            t.title(),
            t.publisher(),
            t.date(),
            t.url(),
            t.encoding(),
            t.note());
      }
      case "md", "markdown" -> MarkdownText.render(TextCharsets.decode(bytes));
      case "html", "htm" -> HtmlText.extract(bytes);
      case "pdf" -> PdfText.extract(bytes);
      case "docx" -> OfficeText.docx(bytes);
      case "odt" -> OfficeText.odt(bytes);
      default -> throw new UnusableFileException("unsupported type; supported: " + SUPPORTED);
    };
  }

  /**
   * Why a file whose bytes are plainly another format than its extension says cannot be read as
   * that format, or null. A PDF or a .docx saved under a page's name ({@code .html}) was read as
   * HTML, its compressed streams quoted as an answer; a web page saved under a {@code .pdf} name,
   * as a download that failed saves its error page, was "cannot be read as PDF: Error: End-of-File,
   * expected line at offset 108", which says neither what the file is nor what to do.
   */
  static String misnamed(String fileName, String extension, byte[] bytes) {
    String held = held(bytes);
    boolean text =
        switch (extension) {
          case "txt", "md", "markdown", "html", "htm" -> true;
          default -> false;
        };
    if (held == null || held.equals(extension) || held.equals("html") && text) {
      return null;
    }
    if (held.equals("zip") && (extension.equals("docx") || extension.equals("odt"))) {
      return null; // the format's own container: read as it, and said there when it is not
    }
    if (held.equals("ole") && extension.equals("docx") && encryptedOoxml(bytes)) {
      // Word keeps a .docx saved with a password in an Office 97-2003 compound file
      return PASSWORD_PROTECTED;
    }
    String what =
        switch (held) {
          case "pdf" -> "a PDF document";
          case "zip" -> "a zip archive (a .docx, an .odt or another zipped file)";
          case "ole" -> "an Office 97-2003 file (.doc, .xls or .ppt)";
          case "image" -> "an image (PNG, JPEG or GIF)";
          default -> "a web page (HTML)";
        };
    String todo =
        switch (held) {
          case "pdf" -> "rename it to " + stem(fileName) + ".pdf";
          case "zip" -> "rename it to the extension of what it is (.docx, .odt), or unzip it";
          case "ole" -> "open it in Word or LibreOffice and save it as .docx";
          case "image" -> "run it through OCR first, or leave it out";
          default ->
              "a download that failed saves its error page so: download the document again, or"
                  + " rename it to "
                  + stem(fileName)
                  + ".html if the page is the document";
        };
    return (text ? "binary file: " : "not a ." + extension + " file: ")
        + "it holds "
        + what
        + ", not "
        + (text ? "text" : "a ." + extension)
        + "; "
        + todo;
  }

  private static final byte[] ENCRYPTED_PACKAGE =
      "EncryptedPackage".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);

  /**
   * Whether a compound file holds an encrypted Office Open XML document: a directory entry named
   * "EncryptedPackage" (in UTF-16, as the compound file's directory writes its names), the stream
   * in which Office keeps a document saved with a password.
   */
  static boolean encryptedOoxml(byte[] bytes) {
    outer:
    for (int i = 0; i + ENCRYPTED_PACKAGE.length <= bytes.length; i++) {
      for (int j = 0; j < ENCRYPTED_PACKAGE.length; j++) {
        if (bytes[i + j] != ENCRYPTED_PACKAGE[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The file name without its extension. */
  private static String stem(String fileName) {
    String name = fileName.substring(fileName.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? name : name.substring(0, dot);
  }

  /**
   * What the bytes plainly are by their first bytes: "pdf", "zip", "ole" (an Office 97-2003
   * compound file), "image", "html" (a page's opening tag, after white space or a UTF-8 mark), or
   * null when none of these.
   */
  static String held(byte[] bytes) {
    if (TextCharsets.startsWith(bytes, '%', 'P', 'D', 'F', '-')) {
      return "pdf";
    }
    if (TextCharsets.startsWith(bytes, 'P', 'K', 3, 4)) {
      return "zip";
    }
    if (TextCharsets.startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1)) {
      return "ole";
    }
    if (TextCharsets.startsWith(bytes, 0x89, 'P', 'N', 'G')
        || TextCharsets.startsWith(bytes, 0xFF, 0xD8, 0xFF)
        || TextCharsets.startsWith(bytes, 'G', 'I', 'F', '8')) {
      return "image";
    }
    int at = TextCharsets.startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    while (at < bytes.length && at < 1024 && Character.isWhitespace(bytes[at])) {
      at++;
    }
    String head =
        new String(
                bytes,
                at,
                Math.min(bytes.length - at, 15),
                java.nio.charset.StandardCharsets.ISO_8859_1)
            .toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html") ? "html" : null;
  }

  private static final String SUPERSCRIPT_DIGITS =
      "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";

  /**
   * An ASCII digit as the raised digit a reader sees of a note's number ('1' as '\u00b9'), for a
   * page's {@code <sup>} and a PDF's digits set small above the line alike.
   */
  static char raised(char digit) {
    return SUPERSCRIPT_DIGITS.charAt(digit - '0');
  }
}
