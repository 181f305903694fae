package org.astanaqa.retrieval.corpus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text of a PDF as a reader sees it: running headers and footers and page numbers dropped,
 * lines joined into paragraphs, end-of-line hyphenation repaired while real hyphens stay.
 */
final class PdfText {
  /** Lines at each end of a page that may be a running header or footer. */
  private static final int EDGE_LINES = 3;

  private static final Pattern PAGE_NUMBER =
      Pattern.compile(
          "(?i)^(page\\s*)?[-\u2013(\\[]?\\s*\\d{1,4}\\s*[-\u2013)\\]]?(\\s*(of|/)\\s*\\d{1,4})?$");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?:;\"\u201d)]$");

  private static final Pattern LIST_START =
      Pattern.compile("^([-\u2022*\u2013]|\\d{1,3}[.)]|\\([a-z0-9]{1,3}\\))\\s");

  private PdfText() {}

  static FileText extract(byte[] bytes) throws UnusableFileException {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      if (!doc.getCurrentAccessPermission().canExtractContent()) {
        // said with what to do: "forbids copying" alone left the maintainer without a way on
        throw new UnusableFileException(
            "a PDF whose owner forbids copying its text (its permissions say so, without a"
                + " password to open it); ask its publisher for a copy that allows it, or, where"
                + " you have the right to, save a copy without the restriction (for example: qpdf"
                + " --decrypt in.pdf out.pdf)");
      }
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions)
                throws IOException {
              super.writeString(raised(text, positions), positions);
            }
          };
      // The order the PDF draws its text in, which is the reading order of what writes PDFs
      // (Word, LaTeX, browsers): sorted by position instead, a two-column page had each line of
      // its left column joined to the right column's line beside it, sentences no page shows.
      stripper.setSortByPosition(false);
      stripper.setParagraphStart("\n"); // a blank line where the layout shows a paragraph begin
      List<List<String>> pages = new ArrayList<>();
      for (int p = 1; p <= doc.getNumberOfPages(); p++) {
        stripper.setStartPage(p);
        stripper.setEndPage(p);
        List<String> lines = new ArrayList<>();
        for (String line : stripper.getText(doc).split("\\R")) {
          String s = line.replace('\u00a0', ' ').strip();
          lines.add(s.replaceAll("\\s+", " "));
        }
        pages.add(lines);
      }
      String text = paragraphs(withoutRunningLines(pages));
      if (text.isBlank()) {
        throw new UnusableFileException(
            "a PDF without text (a scanned image?); run it through OCR first");
      }
      PDDocumentInformation info = doc.getDocumentInformation();
      return new FileText(
          text, info.getTitle(), info.getAuthor(), date(info.getCreationDate()), null, null);
    } catch (InvalidPasswordException e) {
      throw new UnusableFileException(Formats.PASSWORD_PROTECTED);
    } catch (IOException | RuntimeException e) {
      throw new UnusableFileException(
          "cannot be read as PDF: " + e.getMessage() + "; " + Formats.DAMAGED);
    }
  }

  /**
   * A word's digits set smaller and above its line, as a note's number is ("mechanism" and a raised
   * 1), written as the raised digits a reader sees: PDFBox gives them as plain digits, so the word
   * read "mechanism1", one word that a question's "mechanism" never found, and was quoted so.
   * Digits of the word's own size or on its line ("2017", a subscript's "CO2") are as written; a
   * word whose characters the text does not give one by one is left as it is.
   */
  static String raised(String text, List<TextPosition> positions) {
    if (text.length() != positions.size()) {
      return text;
    }
    float size = 0;
    float baseline = 0;
    for (int i = 0; i < text.length(); i++) {
      TextPosition p = positions.get(i);
      if (!isDigit(text.charAt(i)) && p.getFontSizeInPt() > size) {
        size = p.getFontSizeInPt();
        baseline = p.getYDirAdj();
      }
    }
    if (size <= 0) {
      return text;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      TextPosition p = positions.get(i);
      if (isDigit(c)
          && p.getFontSizeInPt() < 0.85f * size
          && p.getYDirAdj() < baseline - 0.15f * size) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, Formats.raised(c));
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Pages without their running headers and footers: a line repeated at the same place from the top
   * or bottom on at least half the pages (digits aside, so "Page 3" repeats), and bare page
   * numbers.
   */
  static List<List<String>> withoutRunningLines(List<List<String>> pages) {
    Map<String, Integer> counts = new HashMap<>();
    List<List<String>> nonBlank = new ArrayList<>();
    for (List<String> page : pages) {
      List<String> lines = page.stream().filter(l -> !l.isBlank()).toList();
      nonBlank.add(lines);
      for (String key : edgeKeys(lines)) {
        counts.merge(key, 1, Integer::sum);
      }
    }
    int repeated = Math.max(2, (pages.size() + 1) / 2);
    List<List<String>> out = new ArrayList<>();
    for (int p = 0; p < pages.size(); p++) {
      List<String> page = pages.get(p);
      List<String> lines = nonBlank.get(p);
      List<String> kept = new ArrayList<>();
      int index = 0;
      for (String line : page) {
        if (line.isBlank()) {
          kept.add(line);
          continue;
        }
        int fromTop = index;
        int fromBottom = lines.size() - 1 - index;
        index++;
        boolean edge = fromTop < EDGE_LINES || fromBottom < EDGE_LINES;
        if (edge
            && (PAGE_NUMBER.matcher(line).matches()
                || fromTop < EDGE_LINES
                    && counts.getOrDefault("t" + fromTop + key(line), 0) >= repeated
                || fromBottom < EDGE_LINES
                    && counts.getOrDefault("b" + fromBottom + key(line), 0) >= repeated)) {
          continue;
        }
        kept.add(line);
      }
      out.add(kept);
    }
    return out;
  }

  private static List<String> edgeKeys(List<String> lines) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < Math.min(EDGE_LINES, lines.size()); i++) {
      keys.add("t" + i + key(lines.get(i)));
      keys.add("b" + i + key(lines.get(lines.size() - 1 - i)));
    }
    return keys;
  }

  private static String key(String line) {
    return line.toLowerCase(Locale.ROOT).replaceAll("\\d+", "#");
  }

  /**
   * Lines joined into paragraphs: a paragraph ends at a blank line, at a line that ends a sentence
   * well short of the page's width, or before a list item; it runs on across a page break.
   */
  static String paragraphs(List<List<String>> pages) {
    int width = 0;
    for (List<String> page : pages) {
      for (String l : page) {
        width = Math.max(width, l.length());
      }
    }
    StringBuilder out = new StringBuilder();
    StringBuilder para = new StringBuilder();
    List<String> all = new ArrayList<>();
    List<Boolean> pageStarts = new ArrayList<>();
    for (List<String> page : pages) {
      // The blank lines around a page's text are its margins (and the place of the running lines
      // dropped), not the end of a paragraph: one that runs on to the next page goes on there.
      int from = 0;
      int to = page.size();
      while (from < to && page.get(from).isBlank()) {
        from++;
      }
      while (to > from && page.get(to - 1).isBlank()) {
        to--;
      }
      for (int i = from; i < to; i++) {
        all.add(page.get(i));
        pageStarts.add(i == from);
      }
    }
    // How the document writes its split words elsewhere, read once for all its line ends.
    Hyphenation.Evidence written = Hyphenation.Evidence.of(String.join("\n", all));
    for (int i = 0; i < all.size(); i++) {
      String line = all.get(i);
      if (line.isBlank()) {
        flush(out, para);
        continue;
      }
      if (pageStarts.get(i) && i > 0 && !runsOn(para, all.get(i - 1), width)) {
        flush(out, para); // the last paragraph of the page before ended there
      }
      if (para.length() > 0 && LIST_START.matcher(line).find()) {
        flush(out, para);
      }
      if (para.length() == 0) {
        para.append(line);
      } else {
        Hyphenation.join(para, line, written);
      }
      boolean endsSentence = SENTENCE_END.matcher(line).find();
      if (endsSentence && line.length() < 0.8 * width) {
        flush(out, para);
      }
    }
    flush(out, para);
    return out.toString().strip();
  }

  /**
   * Whether the paragraph {@code para}, whose last line a page ended with, runs on to the next
   * page: it ends no sentence, and in a line as wide as the text's or in a hyphen; not a short line
   * the page's foot holds on its own (a job number on the first page only, "*1829741*").
   */
  private static boolean runsOn(StringBuilder para, String lastLine, int width) {
    return para.length() > 0
        && !SENTENCE_END.matcher(para).find()
        && (lastLine.length() >= 0.8 * width || lastLine.endsWith("-"));
  }

  private static void flush(StringBuilder out, StringBuilder para) {
    if (para.length() > 0) {
      out.append(para).append("\n\n");
      para.setLength(0);
    }
  }

  private static String date(Calendar c) {
    return c == null
        ? null
        : String.format(
            Locale.ROOT,
            "%04d-%02d-%02d",
            c.get(Calendar.YEAR),
            c.get(Calendar.MONTH) + 1,
            c.get(Calendar.DAY_OF_MONTH));
  }
}
