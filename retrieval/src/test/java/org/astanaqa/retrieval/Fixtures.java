package org.astanaqa.retrieval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.astanaqa.retrieval.index.Fields;
import org.astanaqa.retrieval.text.Analyzers;

/** Small documents of each format the corpus reads, made here rather than kept as binaries. */
public final class Fixtures {
  /** The seed documents, beside the modules. */
  public static final java.nio.file.Path SEEDS = java.nio.file.Path.of("..", "seeds");

  private Fixtures() {}

  /**
   * An index in memory with one passage's text for each of {@code passages}, analyzed as the
   * engine's text field is: for tests of what a question makes of a corpus's vocabulary.
   */
  public static Directory index(String... passages) throws IOException {
    Directory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(Analyzers.text()))) {
      for (String text : passages) {
        Document d = new Document();
        d.add(new TextField(Fields.TEXT, text, Field.Store.NO));
        w.addDocument(d);
      }
    }
    return dir;
  }

  /**
   * A two-page UN-style record: the running header "United Nations S/PV.8355" and a page number on
   * each page, "de-escalation" broken at a line end, and "Nur-Sultan" hyphenated in a line.
   */
  public static byte[] unRecordPdf() throws IOException {
    List<List<String>> pages =
        List.of(
            List.of(
                "The President: The Security Council will now begin its",
                "consideration of the item on its agenda. The talks held in",
                "Nur-Sultan brought the guarantor States together to support",
                "the de-",
                "escalation zones in the north-west of the country.",
                "",
                "Mr. Nebenzia: The Russian delegation welcomes the Astana",
                "format and its role in the political settlement."),
            List.of(
                "The memorandum on the creation of de-escalation areas was",
                "signed by Russia, Turkey and Iran in May 2017 after long",
                "negoti-",
                "ations between the delegations.",
                "",
                "The meeting rose at 11.35 a.m."));
    try (PDDocument doc =
        paged(
            pages,
            (s, font, p, n) -> line(s, font, 50, 800, "United Nations S/PV.8355"),
            (s, font, p, n) -> line(s, font, 290, 40, Integer.toString(p)))) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("Security Council 8355th meeting");
      info.setAuthor("United Nations");
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      created.clear();
      created.set(2018, Calendar.SEPTEMBER, 18);
      info.setCreationDate(created);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /**
   * A page of two columns, as journals and newsletters print: the left column about the talks, the
   * right one about the weather, their lines side by side at the same heights.
   */
  public static byte[] twoColumnPdf() throws IOException {
    String[][] columns = {
      {
        "The guarantor states met in Astana to",
        "discuss the ceasefire regime in Syria and",
        "agreed on a trilateral monitoring group."
      },
      {
        "Separately, the weather in the capital",
        "remained cold with heavy snow falling on",
        "the roads for three days in February."
      }
    };
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
        for (int c = 0; c < columns.length; c++) {
          float y = 760;
          for (String l : columns[c]) {
            line(s, font, 50 + 260 * c, y, l);
            y -= 14;
          }
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /**
   * A three-page report as the UN prints one: "Page N of 3" and the symbol at the top of each page,
   * the job number at the foot, a sentence that runs on from the first page to the second and a
   * word hyphenated at the foot of the second page, finished at the top of the third.
   */
  public static byte[] pagedReportPdf() throws IOException {
    List<List<String>> pages =
        List.of(
            List.of(
                "The Special Envoy briefed the Council on the situation in the north-west",
                "of the country, where the ceasefire agreed by the guarantors has largely",
                "held since the memorandum was signed in Sochi in September.",
                "",
                "He noted that the constitutional committee would convene its first",
                "session in Geneva at the end of October, and that its work would be",
                "facilitated by the United Nations and by the office of the Envoy and"),
            List.of(
                "supported by the guarantor States of the Astana format. The Envoy also",
                "warned that humanitarian access remained the most pressing concern for",
                "the civilians living in Idlib province, and that the negoti-"),
            List.of(
                "ations on detainees had made little progress since the last round.",
                "",
                "The Council members welcomed the briefing and underlined their support",
                "for a political solution led and owned by the Syrian people."));
    try (PDDocument doc =
        paged(
            pages,
            (s, font, p, n) -> {
              line(s, font, 50, 800, "Page " + p + " of " + n);
              line(s, font, 400, 800, "S/2019/508");
            },
            (s, font, p, n) -> line(s, font, 50, 40, "19-10123 (E) 250619"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** What a printed page shows above or below its text: running headers, page and job numbers. */
  private interface Margin {
    void print(PDPageContentStream s, PDType1Font font, int page, int pages) throws IOException;
  }

  /**
   * A document of A4 pages, each written in the order a printer lays it out: its header, its lines
   * ({@link #body}), its footer.
   */
  private static PDDocument paged(List<List<String>> pages, Margin header, Margin footer)
      throws IOException {
    PDDocument doc = new PDDocument();
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (int p = 0; p < pages.size(); p++) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
        header.print(s, font, p + 1, pages.size());
        body(s, font, pages.get(p));
        footer.print(s, font, p + 1, pages.size());
      }
    }
    return doc;
  }

  /** A page's lines from the top, an empty one a paragraph's gap. */
  private static void body(PDPageContentStream s, PDType1Font font, List<String> lines)
      throws IOException {
    float y = 760;
    for (String l : lines) {
      if (!l.isEmpty()) {
        line(s, font, 50, y, l);
      }
      y -= l.isEmpty() ? 24 : 14;
    }
  }

  private static void line(PDPageContentStream s, PDType1Font font, float x, float y, String text)
      throws IOException {
    s.beginText();
    s.setFont(font, 11);
    s.newLineAtOffset(x, y);
    s.showText(text);
    s.endText();
  }

  /** A news page as sites serve it: navigation, a cookie banner, scripts, a footer, a sidebar. */
  public static String newsPage() {
    return
"""
<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Syria talks end with a deal on monitoring | UN News</title>
<meta property="article:published_time" content="2017-02-16T18:30:00+06:00">
<link rel="canonical" href="https://news.un.org/en/story/2017/02/551962">
<script>var tracker = "All news";</script>
<style>body { font-family: sans-serif; }</style>
</head><body>
<header><a href="/">UN News</a><nav><ul><li><a href="/en">All news</a></li>
<li><a href="/en/topics">Topics</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<main>
<article>
<h1>Syria talks end with a deal on monitoring</h1>
<p class="byline">By Staff Writer</p>
<p>The delegations agreed in Astana to set up a trilateral group that will monitor
the ceasefire and its violations.</p>
<p>The group of Russia, Turkey and Iran will meet again in <b>March</b> to review
progress.</p>
<div class="share-buttons">Share this story on Facebook and Twitter.</div>
</article>
<aside><h2>Most read</h2><p>Heavy snow closes the roads of the capital for two days.</p></aside>
</main>
<footer><p>Copyright United Nations. All rights reserved.</p>
<form><input name="email"><button>Subscribe to the newsletter</button></form></footer>
<script>document.write("Read the latest stories every morning.");</script>
</body></html>
""";
  }

  /** A Word document: a heading, two paragraphs, and core properties with title and date. */
  public static byte[] docx() throws IOException {
    String w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<w:document xmlns:w=\""
            + w
            + "\"><w:body><w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Expo"
            + " notes</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">The EXPO 2017"
            + " exhibition in Astana took as its </w:t></w:r>"
            + "<w:r><w:rPr><w:b/></w:rPr><w:t>theme</w:t></w:r><w:r><w:t xml:space=\"preserve\">"
            + " the energy of the future.</w:t></w:r></w:p><w:p><w:r><w:t>Its pavilions welcomed"
            + " almost four million visitors.</w:t></w:r></w:p></w:body></w:document>";
    String core =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties"
            + " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " xmlns:dcterms=\"http://purl.org/dc/terms/\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>EXPO 2017"
            + " briefing</dc:title><dc:creator>A. Writer</dc:creator><dcterms:created"
            + " xsi:type=\"dcterms:W3CDTF\">2017-06-10T09:00:00Z</dcterms:created>"
            + "</cp:coreProperties>";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
              .getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(body.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("docProps/core.xml"));
      zip.write(core.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** An OpenDocument text: a heading, a paragraph with a span, and meta.xml with the title. */
  public static byte[] odt() throws IOException {
    String content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
            + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text><text:h"
            + " text:outline-level=\"1\">Library</text:h><text:p>The National Academic Library"
            + " opened its new building<text:s/>in <text:span>2012</text:span>.</text:p>"
            + "</office:text></office:body></office:document-content>";
    String meta =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta"
            + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"><office:meta><dc:title>Library"
            + " history</dc:title><meta:creation-date>2013-01-05T10:00:00</meta:creation-date>"
            + "</office:meta></office:document-meta>";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("mimetype"));
      zip.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
      zip.putNextEntry(new ZipEntry("content.xml"));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("meta.xml"));
      zip.write(meta.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** Russian text in Windows-1251, as older Russian sites and Windows editors save it. */
  public static byte[] russian1251() {
    return ("Астана — столица Казахстана с 1997 года.\n\n"
            + "Переговоры по Сирии проходили в гостинице «Риксос Президент» в Астане.\n")
        .getBytes(Charset.forName("windows-1251"));
  }

  /** French text in Latin-1. */
  public static byte[] french8859() {
    return ("Le sommet de l'OSCE à Astana s'est tenu en décembre 2010.\n\n"
            + "Les chefs d'État ont adopté une déclaration commémorative sur la sécurité.\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
