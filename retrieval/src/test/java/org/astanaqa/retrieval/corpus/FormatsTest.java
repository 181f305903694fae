package org.astanaqa.retrieval.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.CorpusDocument;
import org.astanaqa.retrieval.CorpusException;
import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.IndexReport;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.SkippedFile;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.text.PassageSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsTest {
  @TempDir Path corpus;

  @Test
  void pdfDropsRunningHeaderAndPageNumbersAndJoinsLinesIntoParagraphs() throws Exception {
    FileText f = Formats.extract("record.pdf", Fixtures.unRecordPdf());
    assertFalse(f.text().contains("United Nations"), f.text());
    assertFalse(f.text().contains("S/PV.8355"), f.text());
    assertFalse(f.text().lines().anyMatch(l -> l.strip().matches("\\d+")), f.text());
    assertTrue(
        f.text()
            .contains(
                "The President: The Security Council will now begin its consideration"
                    + " of the item on its agenda."),
        f.text());
    assertTrue(f.text().contains("\n\nMr. Nebenzia: The Russian delegation"), f.text());
  }

  @Test
  void pdfRepairsLineEndHyphenationAndKeepsRealHyphens() throws Exception {
    String text = Formats.extract("record.pdf", Fixtures.unRecordPdf()).text();
    assertTrue(text.contains("support the de-escalation zones in the north-west"), text);
    assertTrue(text.contains("held in Nur-Sultan brought"), text);
    assertTrue(text.contains("after long negotiations between the delegations."), text);
  }

  @Test
  void aSentenceOrAWordThatRunsOnToTheNextPageOfAPdfIsReadWhole() throws Exception {
    // From a probe: each page began a paragraph of its own, so a quote ended "its work would be
    // facilitated by the United Nations and", and "negoti-" at the foot of a page and "ations"
    // at the top of the next were two words that no question about negotiations found.
    String text = Formats.extract("report.pdf", Fixtures.pagedReportPdf()).text();
    assertFalse(
        text.contains("S/2019/508") || text.contains("Page 2") || text.contains("19-10123"));
    assertTrue(
        text.contains(
            "its work would be facilitated by the United Nations and by the office of the Envoy and"
                + " supported by the guarantor States of the Astana format."),
        text);
    assertTrue(text.contains("and that the negotiations on detainees had made"), text);
    // a short line alone at a page's foot (a bar code's text on the first page only) goes on to
    // nothing on the next page
    assertEquals(
        "The Envoy briefed the Council on the situation in the north-west of the\n\n*1910123*\n\n"
            + "supported by the guarantor States.",
        PdfText.paragraphs(
            List.of(
                List.of(
                    "The Envoy briefed the Council on the situation in the north-west of the",
                    "",
                    "*1910123*"),
                List.of("", "supported by the guarantor States."))));
  }

  @Test
  void aTwoColumnPdfIsReadColumnByColumnNotLineByLineAcrossBoth() throws Exception {
    // From a probe: the lines of the two columns were sorted by their height on the page, so each
    // line of the left column was joined to the right column's line beside it, and a quote read
    // "met in Astana to Separately, the weather in the capital discuss the ceasefire ...", a
    // sentence the document never wrote.
    String text = Formats.extract("twocol.pdf", Fixtures.twoColumnPdf()).text();
    assertTrue(
        text.contains(
            "The guarantor states met in Astana to discuss the ceasefire regime in Syria and agreed"
                + " on a trilateral monitoring group."),
        text);
    assertTrue(
        text.contains(
            "Separately, the weather in the capital remained cold with heavy snow falling on the"
                + " roads for three days in February."),
        text);
    assertFalse(text.contains("Astana to Separately"), text);
  }

  @Test
  void htmlTextStyledOutOfSightIsNoTextButAPageHiddenWholeIsRead() throws Exception {
    // From a probe: a paragraph the page hides with an inline style (display:none, as a publishing
    // system leaves an old summary or an ad label), which no reader sees, was quoted as the
    // article's text, where one hidden with the hidden attribute was not.
    String page =
        "<html><head><meta charset=\"utf-8\"></head><body><article>"
            + "<p>The delegations agreed in Astana to set up a trilateral monitoring group.</p>"
            + "<p style=\"color: grey; DISPLAY : none\">This summary is invisible to every reader"
            + " and was left in the page by the publishing system.</p>"
            + "<div style=\"visibility:hidden\"><p>Nor is this sentence shown to any reader of the"
            + " page.</p></div>"
            + "<p>The group will meet again in March to review progress.</p></article></body></html>";
    String text = Formats.extract("p.html", page.getBytes(StandardCharsets.UTF_8)).text();
    assertEquals(
        "The delegations agreed in Astana to set up a trilateral monitoring group.\n\n"
            + "The group will meet again in March to review progress.",
        text);
    // a page that scripts show only once they run hides its whole article: it is read all the same
    String shownByScript =
        "<html><body><main style=\"display:none\"><p>The delegations agreed in Astana to set up"
            + " a trilateral monitoring group.</p></main></body></html>";
    assertEquals(
        "The delegations agreed in Astana to set up a trilateral monitoring group.",
        Formats.extract("s.html", shownByScript.getBytes(StandardCharsets.UTF_8)).text());
  }

  @Test
  void aPageHiddenInPiecesByAnInlineStyleIsReadAsAPageHiddenWholeIs() throws Exception {
    // A page saved whole whose scripts reveal each paragraph as it scrolls into view (its saved
    // paragraphs each "visibility: hidden"): no one paragraph is most of the page, so each was
    // dropped, and the page read as its heading alone.
    String page =
        "<html><body><h1>Astana talks end</h1>"
            + "<p style=\"visibility: hidden; animation-name: none\">The delegations agreed in"
            + " Astana to set up a trilateral monitoring group.</p>"
            + "<p style=\"visibility: hidden; animation-name: none\">The group will meet again in"
            + " March to review progress.</p>"
            + "<p style=\"visibility: hidden; animation-name: none\">The next round is planned for"
            + " the spring in the Kazakh capital.</p></body></html>";
    String text = Formats.extract("p.html", page.getBytes(StandardCharsets.UTF_8)).text();
    assertTrue(text.contains("trilateral monitoring group"), text);
    assertTrue(text.contains("meet again in March"), text);
    assertTrue(text.contains("the spring in the Kazakh capital"), text);
  }

  @Test
  void pdfTitleAuthorAndCreationDateBecomeTheSource() throws Exception {
    FileText f = Formats.extract("record.pdf", Fixtures.unRecordPdf());
    assertEquals("Security Council 8355th meeting", f.title());
    assertEquals("United Nations", f.publisher());
    assertEquals("2018-09-18", f.date());
  }

  @Test
  void htmlKeepsTheArticleAndDropsNavigationScriptsBannersAndFooter() throws Exception {
    FileText f =
        Formats.extract("story.html", Fixtures.newsPage().getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "Syria talks end with a deal on monitoring\n\n"
            + "By Staff Writer\n\n"
            + "The delegations agreed in Astana to set up a trilateral group that will monitor the"
            + " ceasefire and its violations.\n\n"
            + "The group of Russia, Turkey and Iran will meet again in March to review progress.",
        f.text());
  }

  @Test
  void htmlTitleLosesTheSiteSuffixWhichBecomesThePublisher() throws Exception {
    FileText f =
        Formats.extract("story.html", Fixtures.newsPage().getBytes(StandardCharsets.UTF_8));
    assertEquals("Syria talks end with a deal on monitoring", f.title());
    assertEquals("UN News", f.publisher());
    assertEquals("2017-02-16", f.date());
    assertEquals("https://news.un.org/en/story/2017/02/551962", f.url());
  }

  @Test
  void anEmptyPdfOrOfficeFileIsSaidToBeEmptyNotDamaged() {
    // From a probe: a 0-byte PDF was skipped as "cannot be read as PDF: Error: End-of-File,
    // expected line at offset 0", and a 0-byte .docx as "not a Word .docx file (no
    // word/document.xml inside)": both read as a damaged file, where nothing had been saved.
    for (String name : new String[] {"zero.pdf", "zero.docx", "zero.odt", "ZERO.PDF"}) {
      String m =
          assertThrows(UnusableFileException.class, () -> Formats.extract(name, new byte[0]))
              .getMessage();
      assertEquals("the file is empty (0 bytes)", m, name);
    }
  }

  @Test
  void aFileThatHoldsAnotherFormatThanItsNameSaysIsSkippedSayingWhatItHolds() throws Exception {
    // From a probe: a PDF (or a .docx) saved under a page's name was read as HTML, and its
    // compressed streams ("%PDF-1.6 ... stream x\uFFFDE\uFFFD\uFFFDJ ...") were quoted as an
    // answer; a web page saved under a .pdf name, as a download that failed saves its error page,
    // was "cannot be read as PDF: Error: End-of-File, expected line at offset 108".
    byte[] pdf = Fixtures.unRecordPdf();
    String page =
        "<!DOCTYPE html><html><body><h1>404 Not Found</h1><p>The page you requested was not"
            + " found.</p></body></html>";
    String[][] cases = {
      {"record.html", "PDF", "rename it to record.pdf"},
      {"notes.docx.htm", "PDF", "rename it to notes.docx.pdf"},
      {"record.md", "PDF", "rename it to record.pdf"},
    };
    for (String[] c : cases) {
      String m =
          assertThrows(UnusableFileException.class, () -> Formats.extract(c[0], pdf)).getMessage();
      assertTrue(m.startsWith("binary file: it holds a PDF document"), c[0] + ": " + m);
      assertTrue(m.endsWith(c[2]), c[0] + ": " + m);
    }
    String docx =
        assertThrows(UnusableFileException.class, () -> Formats.extract("a.html", Fixtures.docx()))
            .getMessage();
    assertTrue(docx.contains("a zip archive (a .docx"), docx);
    String web =
        assertThrows(
                UnusableFileException.class,
                () -> Formats.extract("report.pdf", page.getBytes(StandardCharsets.UTF_8)))
            .getMessage();
    assertTrue(web.startsWith("not a .pdf file: it holds a web page (HTML)"), web);
    assertTrue(web.contains("download the document again"), web);
    byte[] doc = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, 0};
    String old =
        assertThrows(UnusableFileException.class, () -> Formats.extract("old.docx", doc))
            .getMessage();
    assertTrue(old.contains("an Office 97-2003 file"), old);
    assertTrue(old.endsWith("save it as .docx"), old);
    // what each name says it is is read as before, a page under .txt as text
    assertTrue(Formats.extract("r.pdf", pdf).text().contains("Nebenzia"));
    assertTrue(Formats.extract("a.docx", Fixtures.docx()).text().contains("EXPO 2017"));
    assertTrue(
        Formats.extract("p.htm", page.getBytes(StandardCharsets.UTF_8)).text().contains("404"));
    assertTrue(
        Formats.extract("p.txt", page.getBytes(StandardCharsets.UTF_8)).text().contains("<h1>"));
  }

  @Test
  void aNotesNumberRaisedInAPdfIsRaisedNotGluedToTheWordItFollows() throws Exception {
    // From a probe: a footnote's number set small above the line ("mechanism" and a raised 1, as
    // UN documents cite their notes) was read "mechanism1", one word that a question's
    // "mechanism" never found, and quoted so.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      var page = new org.apache.pdfbox.pdmodel.PDPage();
      doc.addPage(page);
      var font =
          new org.apache.pdfbox.pdmodel.font.PDType1Font(
              org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.TIMES_ROMAN);
      try (var s = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
        s.beginText();
        s.setFont(font, 11);
        s.newLineAtOffset(72, 700);
        s.showText("The parties agreed on a prisoner exchange mechanism");
        s.setFont(font, 7);
        s.setTextRise(4);
        s.showText("12");
        s.setFont(font, 11);
        s.setTextRise(0);
        s.showText(" in Astana on 21 December 2017 and on CO");
        s.setFont(font, 7);
        s.setTextRise(-2);
        s.showText("2");
        s.setFont(font, 11);
        s.setTextRise(0);
        s.showText(" limits.");
        s.endText();
      }
      doc.save(out);
    }
    String text = Formats.extract("notes.pdf", out.toByteArray()).text();
    assertEquals(
        "The parties agreed on a prisoner exchange mechanism\u00b9\u00b2 in Astana on 21 December"
            + " 2017 and on CO2 limits.",
        text);
  }

  @Test
  void aPdfOrWordFileCutShortIsSkippedSayingWhatToDo() throws Exception {
    // From a probe: a PDF and a .docx whose downloads stopped half-way were skipped as "cannot be
    // read as PDF: Page tree root must be a dictionary" and "cannot be read as a zipped office
    // document: unexpected EOF": what failed, in the reader's words, but not what to do.
    byte[] pdf = Fixtures.unRecordPdf();
    byte[] docx = Fixtures.docx();
    String[][] cases = {
      {"cut.pdf", "cannot be read as PDF: "}, {"cut.docx", "cannot be read as a"}
    };
    byte[][] cut = {
      java.util.Arrays.copyOf(pdf, pdf.length / 2),
      // cut inside the text's part, whose compressed bytes begin after its name
      java.util.Arrays.copyOf(
          docx, new String(docx, StandardCharsets.ISO_8859_1).indexOf("word/document.xml") + 60)
    };
    for (int i = 0; i < cases.length; i++) {
      byte[] bytes = cut[i];
      String name = cases[i][0];
      String m =
          assertThrows(UnusableFileException.class, () -> Formats.extract(name, bytes))
              .getMessage();
      assertTrue(m.startsWith(cases[i][1]), m);
      assertTrue(
          m.endsWith(
              "; the file is damaged or was cut short (a download or a copy that did not finish):"
                  + " open it in its program to check, and save or download it again"),
          m);
    }
  }

  @Test
  void aPdfWhoseOwnerForbidsCopyingItsTextIsSkippedSayingWhatToDo() throws Exception {
    // From a probe: such a PDF, which opens without a password, was skipped as "a PDF whose owner
    // forbids copying its text", with no word of what to do, and the README did not name it.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(Fixtures.unRecordPdf())) {
      var permissions = new org.apache.pdfbox.pdmodel.encryption.AccessPermission();
      permissions.setCanExtractContent(false);
      var policy =
          new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy(
              "owner", "", permissions);
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      doc.save(out);
    }
    String m =
        assertThrows(
                UnusableFileException.class, () -> Formats.extract("locked.pdf", out.toByteArray()))
            .getMessage();
    assertTrue(m.startsWith("a PDF whose owner forbids copying its text"), m);
    assertTrue(m.contains("ask its publisher for a copy that allows it"), m);
    assertTrue(m.endsWith("(for example: qpdf --decrypt in.pdf out.pdf)"), m);
  }

  @Test
  void aMarkdownFileWithAnImageEmbeddedAsDataOrALongRuleIsReadNotSkipped() throws Exception {
    // From a probe: a note with a pasted image kept in the file as a data: address (as Typora,
    // Obsidian or pandoc --self-contained write it; 40 KB of base64 on one line) and one with a
    // rule of 6,000 underscores (a form's line) were each skipped whole, "cannot be read:
    // java.lang.StackOverflowError": the link's, the rule's and the block quote's patterns took a
    // step of the stack per character.
    byte[] png = new byte[30_000];
    new java.util.Random(3).nextBytes(png);
    String image = java.util.Base64.getEncoder().encodeToString(png);
    String md =
        "# Notes\n\nThe talks were held in January 2017 in the capital.\n\n"
            + "![map of the zones](data:image/png;base64,"
            + image
            + ")\n\nSee [the full report](https://example.org/report?ref="
            + "x".repeat(20_000)
            + ") for the zones.\n\n"
            + "_".repeat(6_000)
            + "\n\n"
            + "- ".repeat(3_000)
            + "\n\n"
            + ">".repeat(20_000)
            + " A quote.\n\nThe guarantors agreed on four zones in May 2017.\n";
    String text = Formats.extract("notes.md", md.getBytes(StandardCharsets.UTF_8)).text();
    assertTrue(text.contains("The talks were held in January 2017 in the capital."), text);
    assertTrue(text.contains("See the full report for the zones."), text);
    assertTrue(text.contains("The guarantors agreed on four zones in May 2017."), text);
    assertTrue(text.contains("A quote."), text);
    assertFalse(text.contains("base64") || text.contains("___") || text.contains("xxx"), text);
  }

  @Test
  void aPasswordProtectedPdfWordOrOdtFileIsSkippedAsSuchSayingWhatToDo() throws Exception {
    // From a probe: a .docx saved with a password (Word keeps it encrypted inside an Office
    // 97-2003 compound file) was skipped as "an Office 97-2003 file (.doc, .xls or .ppt) ... save
    // it
    // as .docx", which it already was; an .odt saved with a password was "damaged or cut short";
    // a PDF that needs a password to open was "a password-protected PDF", with no word of what to
    // do.
    java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
    try (org.apache.pdfbox.pdmodel.PDDocument doc =
        org.apache.pdfbox.Loader.loadPDF(Fixtures.unRecordPdf())) {
      var policy =
          new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy(
              "owner", "secret", new org.apache.pdfbox.pdmodel.encryption.AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      doc.save(pdf);
    }
    Map<String, byte[]> files =
        Map.of(
            "locked.pdf", pdf.toByteArray(),
            "locked.docx", encryptedWordFile(),
            "locked.odt", encryptedOdt());
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      String m =
          assertThrows(UnusableFileException.class, () -> Formats.extract(f.getKey(), f.getValue()))
              .getMessage();
      assertTrue(m.startsWith("password-protected: it cannot be opened without its password"), m);
      assertTrue(m.contains("save a copy without the password"), m);
      assertFalse(m.contains("damaged") || m.contains("97-2003"), m);
    }
    // an Office 97-2003 file (the same container, without the encryption's streams) under a
    // .docx name is still said to be one
    byte[] doc = java.util.Arrays.copyOf(encryptedWordFile(), 512);
    String m =
        assertThrows(UnusableFileException.class, () -> Formats.extract("old.docx", doc))
            .getMessage();
    assertTrue(m.contains("an Office 97-2003 file"), m);
  }

  /**
   * The start of the compound file in which Word keeps a .docx saved with a password: the OLE
   * signature, then directory entries whose UTF-16 names are the encryption's streams.
   */
  private static byte[] encryptedWordFile() {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(512 + 4 * 128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1});
    b.put(new byte[] {0x1A, (byte) 0xE1});
    b.position(512);
    for (String name :
        List.of("Root Entry", "EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces")) {
      int at = b.position();
      b.put((name + "\0").getBytes(StandardCharsets.UTF_16LE));
      b.position(at + 128);
    }
    return b.array();
  }

  /** An .odt saved with a password: its manifest names how content.xml is encrypted. */
  private static byte[] encryptedOdt() throws Exception {
    String manifest =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest"
            + " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
            + "<manifest:file-entry manifest:full-path=\"/\""
            + " manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
            + "<manifest:file-entry manifest:full-path=\"content.xml\""
            + " manifest:media-type=\"text/xml\"><manifest:encryption-data"
            + " manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"AAAA\"><manifest:algorithm"
            + " manifest:algorithm-name=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\""
            + " manifest:initialisation-vector=\"AAAA\"/></manifest:encryption-data>"
            + "</manifest:file-entry></manifest:manifest>";
    byte[] encrypted = new byte[2000];
    new java.util.Random(7).nextBytes(encrypted);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("mimetype"));
      zip.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
      // as LibreOffice writes it: the encrypted parts first, the manifest last
      zip.putNextEntry(new java.util.zip.ZipEntry("content.xml"));
      zip.write(encrypted);
      zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/manifest.xml"));
      zip.write(manifest.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void htmlUrlIsAWholeWebAddressOrNoneNotARelativePath() throws Exception {
    // From a probe: a page saved with <link rel="canonical" href="/relative/path"> gave the
    // document the URL "/relative/path", shown as its address and in ask --json; nothing in such
    // a page says on which site it was.
    String head = "<html><head><title>Talks resume</title>";
    String body = "</head><body><p>The talks resumed on Monday in the capital.</p></body></html>";
    String[][] cases = {
      {"<link rel=\"canonical\" href=\"/relative/path\">", null},
      {"<link rel=\"canonical\" href=\"javascript:void(0)\">", null},
      {"<meta property=\"og:url\" content=\"story.html\">", null},
      {
        "<link rel=\"canonical\" href=\"/news/1\">"
            + "<meta property=\"og:url\" content=\"https://example.org/news/1\">",
        "https://example.org/news/1"
      },
      {
        "<base href=\"https://example.org/en/\"><link rel=\"canonical\" href=\"news/2\">",
        "https://example.org/en/news/2"
      },
      {
        "<link rel=\"canonical\" href=\"HTTPS://Example.org/a?b=c#d\">",
        "HTTPS://Example.org/a?b=c#d"
      },
      {"<meta property=\"og:url\" content=\"http://example.org\">", "http://example.org"},
    };
    for (String[] c : cases) {
      FileText f =
          Formats.extract("story.html", (head + c[0] + body).getBytes(StandardCharsets.UTF_8));
      assertEquals(c[1], f.url(), c[0]);
    }
  }

  @Test
  void htmlDateIsTheArticlesTimeNotOneInTheSiteHeaderOrARelatedStoriesList() throws Exception {
    // A page saved without date meta tags: the first <time> was taken wherever it stood, so the
    // site header's "today" or a related story's date became the document's date.
    String page =
        "<html><head><title>Talks resume</title></head><body>"
            + "<header><time datetime=\"2026-12-05\">Saturday</time></header>"
            + "<aside class=\"related\"><time datetime=\"2019-01-01\">Older story</time></aside>"
            + "<article><header><h1>Talks resume</h1>"
            + "<time datetime=\"2017-05-03T10:00\">3 May 2017</time></header>"
            + "<p>The talks resumed on Monday in the capital.</p></article>"
            + "<footer><time datetime=\"2026-01-01\">2026</time></footer></body></html>";
    FileText f = Formats.extract("t.html", page.getBytes(StandardCharsets.UTF_8));
    assertEquals("2017-05-03", f.date());
    String noArticle =
        "<html><head><title>Talks resume</title></head><body>"
            + "<nav><time datetime=\"2026-12-05\">Saturday</time></nav>"
            + "<div class=\"sidebar\"><time datetime=\"2019-01-01\">Older</time></div>"
            + "<p>The talks resumed on <time datetime=\"2017-05-01\">Monday</time>.</p>"
            + "</body></html>";
    assertEquals(
        "2017-05-01", Formats.extract("n.html", noArticle.getBytes(StandardCharsets.UTF_8)).date());
    // from the review: a body or wrapper whose class names a sidebar it does not hold, and a
    // ticker's "today" in <main> before the article
    String wrapped =
        "<html><body class=\"single no-sidebar\"><div class=\"layout-with-sidebar\">"
            + "<p>The talks resumed on <time datetime=\"2017-05-03\">Monday</time>.</p>"
            + "</div></body></html>";
    assertEquals(
        "2017-05-03", Formats.extract("w.html", wrapped.getBytes(StandardCharsets.UTF_8)).date());
    String ticker =
        "<html><body><main><div class=\"ticker promo\"><time datetime=\"2026-12-05\">today"
            + "</time></div><aside><time datetime=\"2019-01-01\">Older</time></aside><article>"
            + "<p>The talks resumed on <time datetime=\"2017-05-03\">Monday</time>.</p>"
            + "</article></main></body></html>";
    assertEquals(
        "2017-05-03", Formats.extract("k.html", ticker.getBytes(StandardCharsets.UTF_8)).date());
  }

  @Test
  void aStoryOutsideAnyArticleIsReadNotTheTeaserCardsOfOtherStories() throws Exception {
    // From a probe: a page whose story is in a <div> and whose "More stories" are <article> cards
    // was read as its longest card: the story was lost whole, and the summary said "a page of 2
    // articles: only the longest is read".
    String page =
        "<html><head><meta charset=\"utf-8\"></head><body><div class=\"story-body\">"
            + "<h1>Guarantors agree on Idlib zone</h1>"
            + "<p>The defence ministers of Russia and Turkey signed a memorandum in Sochi on the"
            + " creation of a demilitarized zone in Idlib province.</p>"
            + "<p>The zone will be fifteen to twenty kilometres deep and will be patrolled by Turkish"
            + " and Russian military units.</p></div>"
            + "<section class=\"more-stories\"><h2>More stories</h2>"
            + "<article class=\"card\"><h3>Floods hit the northern regions after days of rain</h3>"
            + "<time datetime=\"2019-02-01\">1 February</time>"
            + "<p>Thousands of residents were evacuated from their homes on Monday.</p></article>"
            + "<article class=\"card\"><h3>Central bank raises interest rates again</h3></article>"
            + "</section></body></html>";
    FileText f = Formats.extract("story.html", page.getBytes(StandardCharsets.UTF_8));
    assertTrue(f.text().contains("fifteen to twenty kilometres deep"), f.text());
    assertFalse(f.text().contains("Floods") || f.text().contains("evacuated"), f.text());
    assertEquals(null, f.note());
    assertEquals(null, f.date()); // a card's date is another story's
  }

  @Test
  void aPagesDateInItsStructuredDataIsItsDate() throws Exception {
    // From a probe: a news page that states its date only in its structured data (<script
    // type="application/ld+json"> {"@type": "NewsArticle", "datePublished": ...}), as many sites
    // do, had no date; one that lists stories of several dates gives none of them.
    String page =
        "<html><head><title>Talks resume</title><script type=\"application/ld+json\">"
            + "{\"@context\": \"https://schema.org\", \"@graph\": [{\"@type\": \"WebSite\"},"
            + " {\"@type\": \"NewsArticle\", \"datePublished\": \"2018-11-29T10:00:00+06:00\"}]}"
            + "</script></head><body><p>The talks resumed in Astana on Wednesday.</p></body></html>";
    FileText f = Formats.extract("t.html", page.getBytes(StandardCharsets.UTF_8));
    assertEquals("2018-11-29", f.date());
    assertEquals("The talks resumed in Astana on Wednesday.", f.text());
    String list =
        page.replace(
            "{\"@type\": \"WebSite\"}",
            "{\"@type\": \"NewsArticle\", \"datePublished\": \"2019-01-03\"}");
    assertEquals(null, Formats.extract("l.html", list.getBytes(StandardCharsets.UTF_8)).date());
    String broken = page.replace("{\"@context\"", "{{\"@context\"");
    assertEquals(null, Formats.extract("b.html", broken.getBytes(StandardCharsets.UTF_8)).date());
  }

  @Test
  void aDateThatASentenceOfThePageTellsOfIsNotThePagesDate() throws Exception {
    // From a probe: a page with no date of its own was dated 2017-01-23 by the <time> of its
    // sentence "The first round of the talks was held in Astana on <time>23 January
    // 2017</time>, ...": shown, and used for dates without a year, as written that day.
    String page =
        "<html><head><title>Ten years of talks</title></head><body><article><h1>Ten years</h1>"
            + "<p>The first round of the talks was held in Astana on <time"
            + " datetime=\"2017-01-23\">23 January 2017</time>, with Russia, Turkey and Iran as"
            + " guarantors.</p><p>Since then the format has met more than twenty times.</p>"
            + "</article></body></html>";
    assertEquals(null, Formats.extract("h.html", page.getBytes(StandardCharsets.UTF_8)).date());
    // a byline's time, a few words beside it, is the page's
    String byline =
        page.replace(
            "<h1>Ten years</h1>",
            "<h1>Ten years</h1><p class=\"byline\">By Anna Petrova, <time"
                + " datetime=\"2027-01-23T09:00\">23 January 2027</time></p>");
    assertEquals(
        "2027-01-23", Formats.extract("b.html", byline.getBytes(StandardCharsets.UTF_8)).date());
  }

  @Test
  void aBylinesTimeWithNoTextOfItsOwnIsStillThePagesDate() throws Exception {
    // A <time datetime> left empty, for a script to fill, has no text to take out of its
    // paragraph: taken out as "", a space went between every letter of the byline, which then
    // counted as a sentence's words and cost the page its date.
    String page =
        "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
            + "<p class=\"byline\">By Anna Petrova <time datetime=\"2018-03-01\"></time></p>"
            + "<p>The talks resumed in Astana on Wednesday with the three guarantors.</p>"
            + "</article></body></html>";
    assertEquals(
        "2018-03-01", Formats.extract("e.html", page.getBytes(StandardCharsets.UTF_8)).date());
  }

  @Test
  void htmlDateOfAPageOfSeveralArticlesIsThatOfTheArticleKept() throws Exception {
    // From a probe: a digest page of three dated articles kept the longest one's text (the
    // talks) but took the first article's date (the weather's), so the talks were quoted under
    // a date the page gives another story.
    String page =
        "<html><head><title>Daily digest</title></head><body><main>"
            + "<article><h2>Weather</h2><time datetime=\"2019-01-03T08:00\">3 January</time>"
            + "<p>Heavy snow closed the roads of the capital for two days.</p></article>"
            + "<article><h2>Talks</h2><time datetime=\"2018-11-29T10:00\">29 November</time>"
            + "<p>The eleventh round of the Astana talks on Syria ended with a joint statement.</p>"
            + "<p>The guarantors agreed to meet again in early 2019 in the Kazakh capital.</p>"
            + "</article></main></body></html>";
    FileText f = Formats.extract("digest.html", page.getBytes(StandardCharsets.UTF_8));
    assertTrue(f.text().contains("The eleventh round of the Astana talks"), f.text());
    assertEquals("2018-11-29", f.date());
    // the article kept has no date of its own: another article's is not its date either
    String undated = page.replace("<time datetime=\"2018-11-29T10:00\">29 November</time>", "");
    assertEquals(
        null, Formats.extract("d.html", undated.getBytes(StandardCharsets.UTF_8)).date(), undated);
  }

  @Test
  void aPageInUtf8ThatDeclaresASingleByteCharsetIsReadAsUtf8AndNamed() throws Exception {
    // From a probe: a page saved again in UTF-8 by an editor that kept its old <meta ...
    // charset=windows-1252> was read as Windows-1252, each accented letter or bullet as two
    // ("Caf\u00c3\u00a9", "\u00c2\u00b7 The treaty ..."), and quoted so.
    String page =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html;"
            + " charset=windows-1252\"><title>Caf\u00e9 talks</title></head><body><p>The"
            + " caf\u00e9 in Gen\u00e8ve hosted the delegations \u00b7 twice.</p></body></html>";
    FileText f = Formats.extract("p.htm", page.getBytes(StandardCharsets.UTF_8));
    assertEquals("The caf\u00e9 in Gen\u00e8ve hosted the delegations \u00b7 twice.", f.text());
    assertEquals("Caf\u00e9 talks", f.title());
    assertEquals("UTF-8, though the page declares windows-1252", f.encoding());
    // the page in the charset it declares is read in it, as before
    FileText w = Formats.extract("w.htm", page.getBytes(Charset.forName("windows-1252")));
    assertEquals("The caf\u00e9 in Gen\u00e8ve hosted the delegations \u00b7 twice.", w.text());
    assertEquals(null, w.encoding());
  }

  @Test
  void anHtmlPageInWindows1251ThatDeclaresNoCharsetIsReadAsATextFileIsAndNamed() throws Exception {
    // From a probe: a Russian page saved without its server's charset header and with no
    // <meta charset> was read as UTF-8, every letter a U+FFFD: its title "\ufffd\ufffd\ufffd ...",
    // and "no passage to quote: only headings or lists", though the page is all sentences.
    String page =
        "<html><head><title>Переговоры</title>"
            + "</head><body><p>Делегации"
            + " обсудили обмен"
            + " задержанными.</p>"
            + "</body></html>";
    FileText f = Formats.extract("ru.html", page.getBytes(Charset.forName("windows-1251")));
    assertEquals("Переговоры", f.title());
    assertTrue(f.text().startsWith("Делегации"), f.text());
    assertEquals("windows-1251", f.encoding());
    // a page that declares its charset is read in it, with no warning
    String declared = page.replace("<head>", "<head><meta charset=\"windows-1251\">");
    FileText d = Formats.extract("d.html", declared.getBytes(Charset.forName("windows-1251")));
    assertEquals(f.text(), d.text());
    assertEquals(null, d.encoding());
    assertEquals(null, Formats.extract("u.html", page.getBytes(StandardCharsets.UTF_8)).encoding());
  }

  @Test
  void anArticlesOwnHeaderAndFooterAreItsTextNotThePagesFurniture() throws Exception {
    // From a probe: every <header> and <footer> was left out as the page's, so an article's own
    // header, where HTML5 pages put the headline and the lead paragraph, was lost with them, and
    // "What did Moscow offer on Friday?" found nothing.
    String page =
        "<html><body><header class=\"site\"><p>Example News: all the news.</p></header>"
            + "<main><article><header><h1>Russia ready to mediate talks on Idlib</h1>"
            + "<p class=\"lead\">Moscow offered on Friday to host a meeting of the security"
            + " chiefs.</p></header><p>The offer was made after talks with the ambassador.</p>"
            + "<footer><p>This story was corrected on 2 March to give the full title.</p>"
            + "</footer></article></main><footer><p>Copyright Example News, all rights"
            + " reserved.</p></footer></body></html>";
    String text = Formats.extract("s.html", page.getBytes(StandardCharsets.UTF_8)).text();
    assertEquals(
        "Russia ready to mediate talks on Idlib\n\nMoscow offered on Friday to host a meeting of"
            + " the security chiefs.\n\nThe offer was made after talks with the ambassador.\n\n"
            + "This story was corrected on 2 March to give the full title.",
        text);
  }

  @Test
  void aLineBreakInsideAnHtmlSentenceDoesNotCutItInTwo() throws Exception {
    // From a probe: a page whose paragraphs wrap with <br> (as older sites and e-mails saved as
    // HTML do) had each line made a paragraph of its own, so "The delegations ... met" and "in
    // Astana on Monday ..." were two pieces, neither a sentence, and the question went
    // unanswered. A break before a lower-case word continues the sentence; others still part.
    String page =
        "<html><body><article><p>Breaking news<br>The delegations of Russia, Turkey and Iran"
            + " met<br>in Astana on Monday to discuss the ceasefire.<br>They agreed.<br><br>"
            + "A second paragraph followed.</p></article></body></html>";
    assertEquals(
        "Breaking news\n\nThe delegations of Russia, Turkey and Iran met in Astana on Monday to"
            + " discuss the ceasefire.\n\nThey agreed.\n\nA second paragraph followed.",
        Formats.extract("br.html", page.getBytes(StandardCharsets.UTF_8)).text());
  }

  @Test
  void htmlPrefersOpenGraphTitleAndSiteName() throws Exception {
    String page =
        "<html><head><title>Talks resume - TASS</title>"
            + "<meta property=\"og:title\" content=\"Astana talks resume\">"
            + "<meta property=\"og:site_name\" content=\"TASS\"></head>"
            + "<body><p>The talks resumed on Monday in the capital.</p></body></html>";
    FileText f = Formats.extract("t.htm", page.getBytes(StandardCharsets.UTF_8));
    assertEquals("Astana talks resume", f.title());
    assertEquals("TASS", f.publisher());
    assertEquals("The talks resumed on Monday in the capital.", f.text());
  }

  @Test
  void docxParagraphsAndCorePropertiesAreRead() throws Exception {
    FileText f = Formats.extract("expo.docx", Fixtures.docx());
    assertEquals(
        "Expo notes\n\nThe EXPO 2017 exhibition in Astana took as its theme the energy of the"
            + " future.\n\nIts pavilions welcomed almost four million visitors.",
        f.text());
    assertEquals("EXPO 2017 briefing", f.title());
    assertEquals("2017-06-10", f.date());
  }

  @Test
  void docxTrackedMovesAndTextBoxesAreReadOnceAndFootnotesAreRead() throws Exception {
    // From a probe: a paragraph moved with tracked changes on was read at its old place as well
    // as its new one, a text box twice (Word writes it again for older readers, in
    // mc:Fallback), and the footnotes not at all, so what they said could never be found.
    String w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    String moved = "The observers from Jordan attended every session of the meeting.";
    String box = "A box says that the next round will be held in March in Astana.";
    String document =
        "<w:document xmlns:w=\""
            + w
            + "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>"
            + "<w:p><w:moveFrom w:id=\"1\" w:author=\"A\"><w:r><w:t>"
            + moved
            + "</w:t></w:r></w:moveFrom></w:p>"
            + "<w:p><w:r><w:t>The delegations agreed to monitor the ceasefire.</w:t></w:r>"
            + "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
            + "<w:p><w:moveTo w:id=\"2\" w:author=\"A\"><w:r><w:t>"
            + moved
            + "</w:t></w:r></w:moveTo></w:p>"
            + "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
            + "<w:txbxContent><w:p><w:r><w:t>"
            + box
            + "</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
            + "<w:txbxContent><w:p><w:r><w:t>"
            + box
            + "</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>"
            + "</w:r></w:p></w:body></w:document>";
    String footnotes =
        "<w:footnotes xmlns:w=\""
            + w
            + "\"><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r>"
            + "</w:p></w:footnote><w:footnote w:id=\"1\"><w:p><w:r><w:t>The statement was"
            + " published by the ministry on its website.</w:t></w:r></w:p></w:footnote>"
            + "</w:footnotes>";
    byte[] zipped = zipOf("word/document.xml", document, "word/footnotes.xml", footnotes);
    String text = Formats.extract("notes.docx", zipped).text();
    assertEquals(
        "The delegations agreed to monitor the ceasefire.\n\n"
            + moved
            + "\n\n"
            + box
            + "\n\nThe statement was published by the ministry on its website.",
        text);
  }

  @Test
  void aWordStrictOpenXmlDocumentIsReadAsItsTransitionalTwinIs() throws Exception {
    // From a probe: a .docx saved as Word's "Strict Open XML Document" (ISO/IEC 29500 strict),
    // whose elements are those of every .docx under another namespace, was "no passage to quote:
    // no text in it". Its hidden runs and footnotes are read as a transitional file's are.
    String w = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    String document =
        "<w:document xmlns:w=\""
            + w
            + "\" w:conformance=\"strict\"><w:body><w:p><w:r><w:t xml:space=\"preserve\">The"
            + " sturgeon of the Caspian spawn </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>"
            + "DRAFT NOTE </w:t></w:r><w:r><w:t>in the Volga delta in May.</w:t></w:r>"
            + "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p></w:body></w:document>";
    String footnotes =
        "<w:footnotes xmlns:w=\""
            + w
            + "\"><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r>"
            + "</w:p></w:footnote><w:footnote w:id=\"1\"><w:p><w:r><w:t>Counted by the fishery"
            + " institute in Atyrau.</w:t></w:r></w:p></w:footnote></w:footnotes>";
    String text =
        Formats.extract(
                "strict.docx",
                zipOf("word/document.xml", document, "word/footnotes.xml", footnotes))
            .text();
    assertEquals(
        "The sturgeon of the Caspian spawn in the Volga delta in May.\n\n"
            + "Counted by the fishery institute in Atyrau.",
        text);
  }

  @Test
  void docxHiddenTextIsNoTextOfTheDocument() throws Exception {
    // From a probe: a run formatted as hidden (w:vanish), which Word neither shows nor prints, such
    // as a template's instructions or a drafter's note, was quoted inside the sentence around it:
    // "met in closed session SECRET DRAFTING NOTE do not publish and adopted a joint statement".
    String w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    String document =
        "<w:document xmlns:w=\""
            + w
            + "\"><w:body><w:p><w:r><w:t xml:space=\"preserve\">The guarantors met in closed"
            + " session </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space=\"preserve\">"
            + "SECRET DRAFTING NOTE do not publish </w:t></w:r><w:r><w:t>and adopted a joint"
            + " statement.</w:t></w:r></w:p><w:p><w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr>"
            + "<w:t>Shown text says the talks will resume in March.</w:t></w:r></w:p>"
            + "</w:body></w:document>";
    String text = Formats.extract("hidden.docx", zipOf("word/document.xml", document)).text();
    assertEquals(
        "The guarantors met in closed session and adopted a joint statement.\n\n"
            + "Shown text says the talks will resume in March.",
        text);
  }

  @Test
  void theStandInTextOfAnEmptyWordFormFieldIsNoText() throws Exception {
    // From a probe: a form's content controls left empty show Word's grey stand-in ("Click or tap
    // here to enter text."), which was quoted as a sentence of the document and as the answer to
    // "date of the next round" ("Date of the next round: Click or tap to enter a date.").
    String w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    String document =
        "<w:document xmlns:w=\""
            + w
            + "\"><w:body><w:p><w:r><w:t>Jordan attended the meeting as an observer.</w:t></w:r>"
            + "</w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Click"
            + " or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt><w:p><w:r><w:t"
            + " xml:space=\"preserve\">Date of the next round: </w:t></w:r><w:sdt><w:sdtPr>"
            + "<w:showingPlcHdr/><w:date/></w:sdtPr><w:sdtContent><w:r><w:t>Click or tap to enter a"
            + " date.</w:t></w:r></w:sdtContent></w:sdt></w:p><w:p><w:sdt><w:sdtPr><w:date/>"
            + "</w:sdtPr><w:sdtContent><w:r><w:t>The round opened on 14 March 2019.</w:t></w:r>"
            + "</w:sdtContent></w:sdt></w:p></w:body></w:document>";
    String text = Formats.extract("form.docx", zipOf("word/document.xml", document)).text();
    assertEquals(
        "Jordan attended the meeting as an observer.\n\nDate of the next round:\n\n"
            + "The round opened on 14 March 2019.",
        text);
  }

  @Test
  void odtFootnotesAreReadAfterTheTextNotLeftOut() throws Exception {
    // From a probe: an OpenDocument footnote was left out whole, so what it said was never found
    String content =
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
            + "<office:text><text:p>The statement was read out by the minister.<text:note"
            + " text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
            + "<text:note-body><text:p>It was published by the ministry on its website."
            + "</text:p></text:note-body></text:note> It was short.</text:p>"
            + "</office:text></office:body></office:document-content>";
    byte[] zipped = zipOf("content.xml", content);
    assertEquals(
        "The statement was read out by the minister. It was short.\n\n"
            + "It was published by the ministry on its website.",
        Formats.extract("notes.odt", zipped).text());
  }

  @Test
  void odtTextItsStyleHidesIsNoTextOfTheDocument() throws Exception {
    // From a probe: text formatted Hidden in LibreOffice (a style with text:display="none"),
    // which it neither shows nor prints, was quoted inside the sentence around it, where a
    // .docx's hidden runs (w:vanish) are left out.
    String ns =
        " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"";
    String styles =
        "<office:document-styles"
            + ns
            + "><office:styles><style:style style:name=\"Note\" style:family=\"paragraph\">"
            + "<style:text-properties text:display=\"none\"/></style:style></office:styles>"
            + "</office:document-styles>";
    String content =
        "<office:document-content"
            + ns
            + "><office:automatic-styles><style:style style:name=\"T1\" style:family=\"text\">"
            + "<style:text-properties text:display=\"none\"/></style:style><style:style"
            + " style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Note\"/>"
            + "<style:style style:name=\"T2\" style:family=\"text\"><style:text-properties"
            + " text:display=\"true\"/></style:style></office:automatic-styles><office:body>"
            + "<office:text><text:p>The guarantors met in closed session <text:span"
            + " text:style-name=\"T1\">SECRET DRAFTING NOTE do not publish </text:span>and"
            + " adopted a <text:span text:style-name=\"T2\">joint</text:span> statement.</text:p>"
            + "<text:p text:style-name=\"P1\">A hidden paragraph says the budget is large.</text:p>"
            + "</office:text></office:body></office:document-content>";
    assertEquals(
        "The guarantors met in closed session and adopted a joint statement.",
        Formats.extract("hidden.odt", zipOf("content.xml", content, "styles.xml", styles)).text());
  }

  @Test
  void odtTextDeletedWithTrackedChangesIsNotRead() throws Exception {
    // From a probe: an OpenDocument text keeps what tracked changes deleted in
    // <text:tracked-changes>, at the top of the text, and it was read as the document's first
    // paragraph, so words the author had struck out were quoted as the document's
    String content =
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"
            + "<office:text><text:tracked-changes><text:changed-region text:id=\"ct1\">"
            + "<text:deletion><text:p>The talks failed and were cancelled.</text:p>"
            + "</text:deletion></text:changed-region></text:tracked-changes>"
            + "<text:p><text:change text:change-id=\"ct1\"/>The talks ended with a statement."
            + "</text:p></office:text></office:body></office:document-content>";
    byte[] zipped = zipOf("content.xml", content);
    assertEquals(
        "The talks ended with a statement.", Formats.extract("changes.odt", zipped).text());
  }

  @Test
  void anOdtCommentOrImageTitleIsNoTextOfTheSentenceItSitsIn() throws Exception {
    // From a probe: a reviewer's comment (office:annotation) inside a paragraph put its author
    // and date into the sentence ("The talks Jane Doe2018-11-29T10:00:00 ended ...") and its
    // text into a paragraph of its own, so both were quoted as the document's words
    String content =
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:body><office:text>"
            + "<text:p>The talks <office:annotation office:name=\"c1\"><dc:creator>Jane Doe"
            + "</dc:creator><dc:date>2018-11-29T10:00:00</dc:date><text:p>Check this date with"
            + " the ministry please.</text:p></office:annotation>ended with a statement."
            + "<office:annotation-end office:name=\"c1\"/></text:p>"
            // an image's title and description are no text of the sentence either
            + "<text:p>The delegates <draw:frame xmlns:draw=\"urn:oasis:names:tc:opendocument"
            + ":xmlns:drawing:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-"
            + "compatible:1.0\"><draw:image/><svg:title>Photo 3</svg:title><svg:desc>The"
            + " hall</svg:desc></draw:frame>signed it.</text:p>"
            + "</office:text></office:body></office:document-content>";
    byte[] zipped = zipOf("content.xml", content);
    assertEquals(
        "The talks ended with a statement.\n\nThe delegates signed it.",
        Formats.extract("comment.odt", zipped).text());
  }

  @Test
  void odtParagraphsAndMetaAreRead() throws Exception {
    FileText f = Formats.extract("library.odt", Fixtures.odt());
    assertEquals(
        "Library\n\nThe National Academic Library opened its new building in 2012.", f.text());
    assertEquals("Library history", f.title());
    assertEquals("2013-01-05", f.date());
  }

  @Test
  void htmlTitleKeepsAHyphenThatIsPartOfTheHeadline() throws Exception {
    String page =
        "<html><head><title>Talks - resume in Astana</title></head>"
            + "<body><p>The talks resumed on Monday in the capital.</p></body></html>";
    FileText f = Formats.extract("t.html", page.getBytes(StandardCharsets.UTF_8));
    assertEquals("Talks - resume in Astana", f.title());
    assertEquals(null, f.publisher());
  }

  @Test
  void aDamagedUtf8FileIsSkippedRatherThanReadAsLatin1() {
    byte[] utf8 = "Caf\u00e9 and cr\u00e8me. ".getBytes(StandardCharsets.UTF_8);
    byte[] damaged = java.util.Arrays.copyOf(utf8, utf8.length + 1);
    damaged[utf8.length] = (byte) 0xE9; // one Latin-1 byte pasted into a UTF-8 file
    UnusableFileException e =
        assertThrows(UnusableFileException.class, () -> Formats.extract("mixed.txt", damaged));
    assertTrue(e.getMessage().startsWith("not valid UTF-8"), e.getMessage());
  }

  @Test
  void aZipThatIsNoWordDocumentIsSkippedWithAReason() {
    UnusableFileException e =
        assertThrows(
            UnusableFileException.class,
            () -> Formats.extract("bad.docx", "not a zip at all".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("not a Word .docx file"), e.getMessage());
  }

  @Test
  void markdownFrontMatterIsMetadataNotTextNorATitleOfItsLastLine() throws Exception {
    // From a probe: a Jekyll or Hugo post's front matter ("---", "title: ...", "tags: [...]",
    // "---") made its last line a heading, so the document's title was "tags: [syria, astana]",
    // and its keys were text.
    String md =
        "---\n"
            + "title: \"Guarantors agree on zones\"\n"
            + "date: 2017-05-04 10:00:00 +0300\n"
            + "author: Staff\n"
            + "tags: [syria, astana]\n"
            + "---\n\n"
            + "The guarantor states signed a memorandum on four de-escalation zones.\n";
    FileText f = Formats.extract("post.md", md.getBytes(StandardCharsets.UTF_8));
    assertEquals("Guarantors agree on zones", f.title());
    assertEquals("2017-05-04", f.date());
    assertEquals("The guarantor states signed a memorandum on four de-escalation zones.", f.text());
    // no title or date in it: the first heading is the title, the date unknown
    f =
        Formats.extract(
            "post.md",
            "---\nlayout: post\n...\n# Talks resume\n\nThe talks resumed in Astana.\n"
                .getBytes(StandardCharsets.UTF_8));
    assertEquals("Talks resume", f.title());
    assertEquals(null, f.date());
    assertEquals("Talks resume\n\nThe talks resumed in Astana.", f.text());
    // read as the YAML it is: a single-quoted title's doubled quote is one
    f =
        Formats.extract(
            "quoted.md",
            "---\ntitle: 'Russia''s role in Idlib'\n---\n\nThe talks resumed in Astana.\n"
                .getBytes(StandardCharsets.UTF_8));
    assertEquals("Russia's role in Idlib", f.title());
    // a rule at the top with no closing line is no front matter: read as before
    f =
        Formats.extract(
            "rule.md", "---\n\nThe talks resumed in Astana.\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("The talks resumed in Astana.", f.text());
    // nor are two rules around a paragraph, whose words are the document's text
    f =
        Formats.extract(
            "rules.md",
            "---\nThe talks resumed in Astana on Monday.\n\n---\n\nMore text here.\n"
                .getBytes(StandardCharsets.UTF_8));
    assertTrue(f.text().contains("The talks resumed in Astana on Monday."), f.text());
  }

  @Test
  void aTomlFrontMatterBlockAsHugoWritesIsMetadataNotText() throws Exception {
    // From a probe: Hugo's front matter in TOML ("+++", "title = ...", "+++") was read as the
    // document's first lines, and its title was the file name.
    String md =
        "+++\ntitle = \"Wind farm opens\"\ndate = 2020-05-06T10:00:00Z\ndraft = false # no\n"
            + "[params]\ndate = 1999-01-01\n+++\n\n"
            + "The engineers of Aktobe built a wind farm with forty turbines.\n";
    FileText f = Formats.extract("toml.md", md.getBytes(StandardCharsets.UTF_8));
    assertEquals("Wind farm opens", f.title());
    assertEquals("2020-05-06", f.date());
    assertEquals("The engineers of Aktobe built a wind farm with forty turbines.", f.text());
    // a "+++" never closed is text
    String open = "+++\nThe plus signs open a line of text about the turbines.\n";
    assertEquals(
        "+++\nThe plus signs open a line of text about the turbines.",
        Formats.extract("o.md", open.getBytes(StandardCharsets.UTF_8)).text());
  }

  @Test
  void markdownCommentsAreNoTextAndFootnotesAreRead() throws Exception {
    // From a probe: an HTML comment, which no rendered page shows ("<!-- internal: the draft was
    // wrong -->"), was quoted as the answer, and a footnote ("[^1]: The memorandum was signed
    // ...") was left out as if it were a link's reference, so what it said was never found.
    String md =
        "# Notes\n\nThe guarantors met in Astana.<!-- a note to self --> They agreed.\n\n"
            + "<!-- internal: delete this comment before publishing,\nthe draft was wrong -->\n\n"
            + "The memorandum followed[^1].\n\n[link]: https://example.org/x\n\n"
            + "[^1]: The memorandum was signed in May 2017 by the guarantors.\n\n"
            + "```\n<!-- code keeps its text -->\n```\n";
    FileText f = Formats.extract("n.md", md.getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "Notes\n\nThe guarantors met in Astana. They agreed.\n\nThe memorandum followed.\n\n"
            + "The memorandum was signed in May 2017 by the guarantors.\n\n"
            + "<!-- code keeps its text -->",
        f.text());
  }

  /**
   * A "
   * <!--" that no "-->
   * " closes is no comment (CommonMark shows it as it is): a note that names it in a code span
   * ("type `<!--` to hide a line") made the rest of the file a comment, every word after it dropped
   * from the index.
   */
  @Test
  void aScriptOrStyleBlockInMarkdownIsNoText() throws Exception {
    // From a probe: the code of a <script> or <style> block, which a rendered page runs or applies
    // and never shows, was quoted as the notes' sentences ("var tracking = ...").
    String md =
        "# Notes\n\nThe guarantors agreed to meet again in the capital.\n\n<script>\n"
            + "var tracking = \"This script sentence should never be quoted.\";\n</script>\n\n"
            + "<STYLE type=\"text/css\">\n.note { color: red; } /* A style sentence. */\n</style>\n"
            + "<script async src=\"https://platform.twitter.com/widgets.js\"></script>\n\n"
            + "The first round opened in January.\n";
    assertEquals(
        "Notes\n\nThe guarantors agreed to meet again in the capital.\n\n"
            + "The first round opened in January.",
        Formats.extract("n.md", md.getBytes(StandardCharsets.UTF_8)).text());
  }

  @Test
  void aMarkdownScriptOpenerWithoutItsCloseAndTextAfterTheCloseAreText() throws Exception {
    // A line that opens with "<script>" and no "</script>" after it (notes on a site's policy) took
    // every line after it to the end of the file, as an unclosed "<!--" no longer does; and the
    // words after a "</script>" on its line, which a rendered page shows, were dropped with it.
    String unclosed =
        "# Policy\n\n<script> tags are stripped from every page of the site.\n\n"
            + "The guarantors agreed to meet again in the capital.\n";
    String text = Formats.extract("p.md", unclosed.getBytes(StandardCharsets.UTF_8)).text();
    assertTrue(text.contains("The guarantors agreed to meet again in the capital."), text);
    String closedOnItsLine =
        "# Notes\n\n<script>track();</script> The first round opened in January.\n";
    text = Formats.extract("n.md", closedOnItsLine.getBytes(StandardCharsets.UTF_8)).text();
    assertTrue(text.contains("The first round opened in January."), text);
    assertFalse(text.contains("track()"), text);
  }

  @Test
  void anUnclosedMarkdownCommentOpenerDropsNoTextAfterIt() throws Exception {
    String md =
        "# Editing\n\nType `<!--` to hide a draft line.\n\n"
            + "The guarantors met in Astana on 23 January 2017.\n\nThey agreed on a ceasefire.\n";
    FileText f = Formats.extract("e.md", md.getBytes(StandardCharsets.UTF_8));
    assertTrue(f.text().contains("The guarantors met in Astana on 23 January 2017."), f.text());
    assertTrue(f.text().contains("They agreed on a ceasefire."), f.text());
  }

  @Test
  void markdownIsRenderedToPlainTextWithTheFirstHeadingAsTitle() throws Exception {
    String md =
        "# Astana Process\n\nThe **Astana** talks on [Syria](https://example.org/s) began"
            + " in *January* 2017.\n\n## Rounds\n\n- The first round set up a `ceasefire` group.\n"
            + "- The second round followed.\n";
    FileText f = Formats.extract("a.md", md.getBytes(StandardCharsets.UTF_8));
    assertEquals("Astana Process", f.title());
    assertEquals(
        "Astana Process\n\nThe Astana talks on Syria began in January 2017.\n\nRounds\n\n"
            + "The first round set up a ceasefire group.\n\nThe second round followed.",
        f.text());
  }

  @Test
  void aMarkdownLinkWhoseAddressHoldsParenthesesOrThatNamesAReferenceIsReadAsItsWords()
      throws Exception {
    // From a probe: "[Astana](https://en.wikipedia.org/wiki/Astana_(city))" was read "Astana)",
    // an image "![flag](img/flag(1).png)" left ".png)", and "[Kazakhstan]" linked by a reference
    // defined below kept its brackets, where every renderer shows the words alone.
    String md =
        "The capital [Astana](https://en.wikipedia.org/wiki/Astana_(city)) hosted the talks.\n\n"
            + "They met in ![flag](img/flag(1).png) the [Rixos](<https://example.com/a b>) hotel.\n\n"
            + "See [the statement][js], [Kazakhstan] and [not a link] on the ceasefire.\n\n"
            + "[js]: https://example.com/joint\n"
            + "[kazakhstan]: https://example.com/kz\n";
    assertEquals(
        "The capital Astana hosted the talks.\n\nThey met in the Rixos hotel.\n\n"
            + "See the statement, Kazakhstan and [not a link] on the ceasefire.",
        Formats.extract("l.md", md.getBytes(StandardCharsets.UTF_8)).text());
  }

  @Test
  void htmlEntitiesInMarkdownAreTheCharactersTheyStandForExceptInCode() throws Exception {
    // From a probe: "The museum opens at nine &amp; closes at six" was quoted with its "&amp;",
    // which every Markdown renderer shows as "&" (and "amp" was a word to search), and a title
    // "Tom &amp; Jerry" shown so; in a code span or block the entity is shown as written.
    String md =
        "# Tom &amp; Jerry\n\nThe museum opens at nine &amp; closes at six&nbsp;pm &#8212; said the"
            + " director, &quot;Ms.&nbsp;Karimova&quot; &lt;b&gt;.\n\nWrite `&amp;` for an"
            + " ampersand.\n\n```\nx &amp;&amp; y\n```\n";
    FileText f = Formats.extract("m.md", md.getBytes(StandardCharsets.UTF_8));
    assertEquals("Tom & Jerry", f.title());
    assertEquals(
        "Tom & Jerry\n\nThe museum opens at nine & closes at six\u00a0pm \u2014 said the"
            + " director, \"Ms.\u00a0Karimova\" <b>.\n\nWrite &amp; for an ampersand.\n\n"
            + "x &amp;&amp; y",
        f.text());
  }

  @Test
  void anAmpersandWithoutTheSemicolonOfAnEntityIsTextInMarkdown() throws Exception {
    // CommonMark reads "&name;" only: the HTML parser's leniency read "&not", "&sect" or "&copy"
    // without one as the character, so an address's "?id=7&sect=2&not=1" was quoted
    // "?id=7\u00a7=2\u00ac=1", and "&copy 2019" as "\u00a9 2019", which no renderer shows.
    String md = "See https://mfa.kz/news.php?id=7&sect=2&not=1 and &copy 2019; Q&A, R&D.\n";
    FileText f = Formats.extract("a.md", md.getBytes(StandardCharsets.UTF_8));
    assertEquals(md.strip(), f.text());
  }

  @Test
  void eachCellOfAMarkdownTableIsAParagraphNotARowJoinedIntoOneSentence() throws Exception {
    // From a probe: a row's cells were joined into one line, so a quote read "Sixth Astana The
    // parties agreed on four de-escalation zones", a sentence the table never wrote; a .docx's or
    // a page's table cells are each a paragraph.
    String md =
        "| Round | Venue | Outcome |\n|-------|:-----:|---------|\n"
            + "| Sixth | Astana | The parties agreed on four de-escalation zones. |\n"
            + "| Seventh | Astana | Detainees were exchanged \\| as agreed. |\n";
    assertEquals(
        "Round\n\nVenue\n\nOutcome\n\nSixth\n\nAstana\n\n"
            + "The parties agreed on four de-escalation zones.\n\nSeventh\n\nAstana\n\n"
            + "Detainees were exchanged | as agreed.",
        Formats.extract("t.md", md.getBytes(StandardCharsets.UTF_8)).text());
  }

  @Test
  void windows1251RussianAndLatin1FrenchAreDecodedAndNamed() throws Exception {
    FileText ru = Formats.extract("ru.txt", Fixtures.russian1251());
    assertTrue(ru.text().startsWith("Астана — столица Казахстана"), ru.text());
    assertEquals("windows-1251", ru.encoding());
    FileText fr = Formats.extract("fr.txt", Fixtures.french8859());
    assertTrue(
        fr.text().contains("décembre 2010") && fr.text().contains("chefs d'État"), fr.text());
    assertEquals("ISO-8859-1", fr.encoding());
    assertEquals(
        null, Formats.extract("u.txt", "Déjà vu.".getBytes(StandardCharsets.UTF_8)).encoding());
  }

  @Test
  void aTextWithWindows1252sCurlyQuotesIsNamedWindows1252NotIso88591() throws Exception {
    // From a probe: a file saved by Windows with curly quotes (bytes 0x93 and 0x94, which
    // ISO-8859-1 reads as invisible controls) was read right, as Windows-1252, but named
    // ISO-8859-1, so that converting it as the warning said turned its quotes into controls.
    byte[] bytes =
        "The minister said: \u201cWe welcome the accord.\u201d It costs 5 \u20ac.\n"
            .getBytes(Charset.forName("windows-1252"));
    FileText t = Formats.extract("quotes.txt", bytes);
    assertEquals(
        "The minister said: \u201cWe welcome the accord.\u201d It costs 5 \u20ac.\n", t.text());
    assertEquals("windows-1252", t.encoding());
  }

  @Test
  void koi8rRussianIsReadAsKoi8rNotGarbledAsWindows1251() throws Exception {
    // From a probe: Russian saved in KOI8-R (older Unix, mail and lib.ru texts) was read as
    // Windows-1251, which puts the same letters at the same bytes with their cases swapped, every
    // word garbled ("дЕМЕЗБГЙЙ ПВУХДЙМЙ ..."), under "read as windows-1251".
    String text =
        "Делегации обсудили строительство моста через реку Ишим в городе Петропавловск.\n\n"
            + "Переговоры в Астане прошли в январе 2017 года при участии ООН.\n";
    FileText koi = Formats.extract("koi.txt", text.getBytes(Charset.forName("KOI8-R")));
    assertEquals(text, koi.text());
    assertEquals("KOI8-R", koi.encoding());
    FileText page =
        Formats.extract(
            "koi.html",
            ("<html><body><p>" + text + "</p></body></html>").getBytes(Charset.forName("KOI8-R")));
    assertTrue(page.text().startsWith("Делегации обсудили"), page.text());
    // Windows-1251 stays so, capitals alone too
    for (String ru : List.of(text, "ДЕЛЕГАЦИИ ОБСУДИЛИ СТРОИТЕЛЬСТВО МОСТА ЧЕРЕЗ РЕКУ ИШИМ.\n")) {
      FileText w = Formats.extract("w.txt", ru.getBytes(Charset.forName("windows-1251")));
      assertEquals(ru, w.text());
      assertEquals("windows-1251", w.encoding());
    }
  }

  @Test
  void koi8rRussianInSmallLettersAloneIsReadAsKoi8rNotAsWindows1251Capitals() throws Exception {
    // Left open by the thirty-sixth probe: KOI8-R text with no capital at all (a chat log, a
    // message typed in small letters) has no capital inside a word either way, and was read as
    // Windows-1251: capitals, each letter another ("делегации" as "ДЕМЕЗБГЙЙ").
    String text =
        "делегации обсудили строительство моста через реку ишим в городе петропавловск.\n\n"
            + "переговоры прошли в январе при участии наблюдателей от трех стран.\n";
    FileText koi = Formats.extract("koi.txt", text.getBytes(Charset.forName("KOI8-R")));
    assertEquals(text, koi.text());
    assertEquals("KOI8-R", koi.encoding());
    // Windows-1251 in small letters alone, or in capitals alone, stays so
    for (String ru : List.of(text, text.toUpperCase(java.util.Locale.ROOT))) {
      FileText w = Formats.extract("w.txt", ru.getBytes(Charset.forName("windows-1251")));
      assertEquals(ru, w.text());
      assertEquals("windows-1251", w.encoding());
    }
  }

  @Test
  void utf32WithItsMarkIsReadAsUtf32NotAsUtf16WithANulAfterEveryLetter() throws Exception {
    String text = "The Lynx accord was signed in Vienna.\n";
    // FF FE 00 00: its first two bytes are UTF-16's mark, and the file was read as UTF-16
    for (String charset : List.of("UTF-32LE", "UTF-32BE")) {
      byte[] body = text.getBytes(java.nio.charset.Charset.forName(charset));
      byte[] bytes = new byte[body.length + 4];
      byte[] mark = ("\ufeff").getBytes(java.nio.charset.Charset.forName(charset)); // 4 bytes
      System.arraycopy(mark, 0, bytes, 0, 4);
      System.arraycopy(body, 0, bytes, 4, body.length);
      FileText f = Formats.extract("u32.txt", bytes);
      assertEquals(text, f.text(), charset);
      assertEquals("UTF-32", f.encoding(), charset);
    }
    // a UTF-16 file is still UTF-16
    byte[] u16 = ("\ufeff" + text).getBytes(StandardCharsets.UTF_16LE);
    assertEquals(text, Formats.extract("u16.txt", u16).text());
    assertEquals("UTF-16", Formats.extract("u16.txt", u16).encoding());
    // bytes that only begin like a mark are no text
    UnusableFileException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            UnusableFileException.class,
            () -> Formats.extract("b.txt", new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0, 0, 0}));
    assertEquals(
        "starts with a UTF-16 byte-order mark but is not UTF-16 text; re-save it as UTF-8",
        e.getMessage());
  }

  /**
   * Russian text saved as UTF-16 without a byte-order mark has a NUL beside its spaces, digits and
   * punctuation only (a Cyrillic letter is 04xx): about a fifth of its pairs, under the third the
   * guess asked for, so it was still skipped as a binary file. Its other high bytes are all one
   * script's (04), which no binary file's are.
   */
  @Test
  void russianUtf16WithoutItsMarkIsReadAsUtf16NotSkippedAsBinary() throws Exception {
    String text =
        "\u0413\u0430\u0440\u0430\u043d\u0442\u044b \u0432\u0441\u0442\u0440\u0435"
            + "\u0442\u0438\u043b\u0438\u0441\u044c \u0432 \u0410\u0441\u0442\u0430\u043d"
            + "\u0435 \u0432 \u044f\u043d\u0432\u0430\u0440\u0435, \u0447\u0442\u043e\u0431"
            + "\u044b \u043e\u0431\u0441\u0443\u0434\u0438\u0442\u044c \u043f\u0435\u0440"
            + "\u0435\u043c\u0438\u0440\u0438\u0435.\n";
    FileText le = Formats.extract("ru.txt", text.getBytes(StandardCharsets.UTF_16LE));
    assertEquals(text, le.text());
    assertEquals("UTF-16LE (no byte-order mark)", le.encoding());
    FileText be = Formats.extract("ru.txt", text.getBytes(StandardCharsets.UTF_16BE));
    assertEquals(text, be.text());
    // a binary file whose NULs stand on one side, as few, is still one
    byte[] binary = new byte[64];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i % 2 == 1 && i % 8 == 1 ? 0 : 0x41 + i * 7 % 50);
    }
    UnusableFileException e =
        assertThrows(UnusableFileException.class, () -> Formats.extract("b.txt", binary));
    assertTrue(e.getMessage().startsWith("binary file"), e.getMessage());
  }

  @Test
  void utf16WithoutItsMarkIsReadAsUtf16NotSkippedAsBinary() throws Exception {
    // From a probe: text saved as UTF-16 without a byte-order mark (as some exporters and
    // PowerShell's Out-File -Encoding Unicode piped through other tools write it) was skipped as
    // "binary file (contains NUL bytes)": every ASCII letter has a NUL beside it.
    String text =
        "The guarantors met in Astana on 23 January 2017.\n\nThe talks \u2014 \u0432 \u0410\u0441\u0442\u0430\u043d\u0435.\n";
    FileText le = Formats.extract("le.txt", text.getBytes(StandardCharsets.UTF_16LE));
    assertEquals(text, le.text());
    assertEquals("UTF-16LE (no byte-order mark)", le.encoding());
    FileText be = Formats.extract("be.txt", text.getBytes(StandardCharsets.UTF_16BE));
    assertEquals(text, be.text());
    assertEquals("UTF-16BE (no byte-order mark)", be.encoding());
    // a binary file still is one
    for (byte[] binary :
        new byte[][] {
          {'P', 'K', 3, 4, 0, 0, 0, 0, 8, 0, 'a', 0, 0, 0, 1, 2},
          {'h', 0, 1, 2},
          {'{', (byte) 0xff, (byte) 0xfe, 0, '}', '\n'}
        }) {
      UnusableFileException e =
          assertThrows(UnusableFileException.class, () -> Formats.extract("b.txt", binary));
      assertTrue(e.getMessage().startsWith("binary file"), e.getMessage());
    }
  }

  @Test
  void aUtf16FileWithOneBadCharacterIsReadWithItReplacedAndNamedNotSkippedWhole() throws Exception {
    String text = "The Lynx accord was signed in Vienna.\nIt was \ud800 a turning point.\n";
    // an unpaired high surrogate on line 2 (Java writes it as '?': put it in by hand)
    byte[] good = ("\ufeff" + text.replace("\ud800", "X")).getBytes(StandardCharsets.UTF_16LE);
    int at = ("\ufeff" + text).indexOf('\ud800') * 2;
    good[at] = 0x00;
    good[at + 1] = (byte) 0xD8;
    FileText f = Formats.extract("u16.txt", good);
    assertEquals(text.replace('\ud800', '\ufffd'), f.text());
    assertEquals(
        "UTF-16, with 1 damaged sequence replaced by \ufffd (U+FFFD), the first at line 2 (byte "
            + at
            + "); check the file there",
        f.encoding());
    // an odd length: the last byte of a UTF-16 file cut off
    byte[] odd = java.util.Arrays.copyOf(good, good.length + 1);
    odd[good.length] = 'x';
    assertEquals(text.replace('\ud800', '\ufffd') + "\ufffd", Formats.extract("u.txt", odd).text());
    // UTF-8 with its mark: the same
    byte[] u8 = ("\ufeff" + "Caf\u00e9 and cr\u00e8me.\n").getBytes(StandardCharsets.UTF_8);
    u8[u8.length - 3] = (byte) 0xE9;
    FileText f8 = Formats.extract("u8.txt", u8);
    assertEquals("Caf\u00e9 and cr\u00e8m\ufffd.\n", f8.text());
    assertTrue(f8.encoding().startsWith("UTF-8, with 1 damaged sequence"), f8.encoding());
    // a clean UTF-8 file with a mark is UTF-8, no warning
    assertEquals(
        null,
        Formats.extract("ok.txt", "\ufeffCaf\u00e9.".getBytes(StandardCharsets.UTF_8)).encoding());
  }

  @Test
  void aUtf32FileWhoseDamageComesWhenTheDecodedTextFillsItsBufferIsReadNotSkipped()
      throws Exception {
    // 17 characters outside the BMP take two chars each: the text fills the buffer sized for
    // one char per 4 bytes exactly when the bad code point comes, which the decoder reports
    // before it looks for room (it was skipped, "cannot be read: java.nio.BufferOverflowException")
    String text = "\ud83d\ude00".repeat(17) + "The Lynx accord was signed in Vienna.";
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF});
    b.write(text.getBytes(Charset.forName("UTF-32BE")));
    b.write(new byte[] {0, 0x11, 0, 0}); // no code point
    FileText f = Formats.extract("u32.txt", b.toByteArray());
    assertEquals(text + "\ufffd", f.text());
    assertTrue(f.encoding().startsWith("UTF-32, with 1 damaged sequence"), f.encoding());
  }

  @Test
  void labelsBylinesAndDatelinesAreNeverPassages() {
    String text =
        "All news\n\n"
            + "By Staff Writer\n\n"
            + "date 2017-02-18 ASTANA. KAZINFORM On February 15-16, 2017 the city of Astana hosted"
            + " the meeting.\n\n"
            + "The talks went on.";
    List<String> passages =
        PassageSplitter.split(new CorpusDocument(new Source("n", "N", null, null, null), text))
            .stream()
            .map(Passage::text)
            .toList();
    assertEquals(
        List.of(
            "KAZINFORM On February 15-16, 2017 the city of Astana hosted the meeting.",
            "The talks went on."),
        passages);
  }

  @Test
  void aNotesNumberInAPageIsRaisedNotGluedToTheWordItFollows() throws Exception {
    // From a probe: "mechanism<sup>1</sup>" was read "mechanism1", one word that a question's
    // "mechanism" never found, and quoted so; a reader sees "mechanism" and a raised 1.
    String page =
        "<html><head><title>Talks</title></head><body><p>The delegations agreed on a prisoner"
            + " exchange mechanism<sup>1</sup> in Astana, and on a group<sup><a href=\"#n2\">23</a>"
            + "</sup> for the 5<sup>th</sup> round.</p></body></html>";
    FileText f = Formats.extract("talks.html", page.getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "The delegations agreed on a prisoner exchange mechanism\u00b9 in Astana, and on a"
            + " group\u00b2\u00b3 for the 5th round.",
        f.text());
    Files.writeString(corpus.resolve("talks.html"), page);
    try (Directory d = new ByteBuffersDirectory();
        QuestionAnswerer qa =
            QuestionAnswerer.open(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, true))) {
      Answer a = qa.ask("What mechanism did the delegations agree on?");
      assertTrue(a.answered(), a.toString());
      String quote = a.quotes().get(0).text();
      assertTrue(quote.contains("mechanism\u00b9 in Astana"), quote);
      assertTrue(
          a.quotes().get(0).matched().stream()
              .anyMatch(m -> quote.substring(m.start(), m.end()).equals("mechanism")),
          a.quotes().get(0).toString());
    }
  }

  @Test
  void aMixedCorpusIsIndexedInFullAndEachFileAnswersItsOwnQuestion() throws Exception {
    Files.write(corpus.resolve("record.pdf"), Fixtures.unRecordPdf());
    Files.writeString(corpus.resolve("story.html"), Fixtures.newsPage());
    Files.write(corpus.resolve("expo.docx"), Fixtures.docx());
    Files.write(corpus.resolve("capital.txt"), Fixtures.russian1251());
    Files.write(corpus.resolve("osce.txt"), Fixtures.french8859());
    Files.write(corpus.resolve("photo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    try (Directory d = new ByteBuffersDirectory();
        QuestionAnswerer qa =
            QuestionAnswerer.open(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, true))) {
      IndexReport r = qa.report();
      assertEquals(5, r.documents());
      assertEquals(List.of("photo.png"), r.skipped().stream().map(SkippedFile::path).toList());
      assertTrue(
          r.skipped().get(0).reason().startsWith("unsupported type .png"), r.skipped().toString());
      assertTrue(
          r.warnings().contains("capital.txt: not UTF-8; read as windows-1251"),
          r.warnings().toString());
      assertTrue(
          r.warnings().contains("osce.txt: not UTF-8; read as ISO-8859-1"),
          r.warnings().toString());
      Map<String, Source> sources =
          qa.sources().stream().collect(Collectors.toMap(Source::id, Function.identity()));
      assertEquals("Security Council 8355th meeting", sources.get("record").title());
      assertEquals("2017-02-16", sources.get("story").date());
      assertEquals("EXPO 2017 briefing", sources.get("expo").title());
      assertEquals("capital.txt", sources.get("capital").title());
      Map<String, String> questions =
          Map.of(
              "Who signed the memorandum on de-escalation areas?", "record",
              "What will the trilateral group monitor?", "story",
              "How many visitors did the EXPO pavilions welcome?", "expo",
              "Где проходили переговоры по Сирии?", "capital",
              "Quand le sommet de l'OSCE s'est-il tenu?", "osce");
      for (Map.Entry<String, String> q : questions.entrySet()) {
        Answer a = qa.ask(q.getKey());
        assertTrue(a.answered(), q.getKey());
        assertEquals(q.getValue(), a.quotes().get(0).source().id(), q.getKey());
      }
      for (Passage p : allPassages(corpus)) {
        for (String boilerplate :
            List.of(
                "United Nations S/PV",
                "All news",
                "cookies",
                "Copyright",
                "Subscribe",
                "Most read",
                "Share this",
                "By Staff Writer")) {
          assertFalse(p.text().contains(boilerplate), p.text());
        }
      }
    }
  }

  @Test
  void aCorpusOfOnlyUnusableFilesIsAnErrorNamingEachFile() throws Exception {
    Files.write(corpus.resolve("scan.pdf"), "%PDF-1.4 broken".getBytes(StandardCharsets.US_ASCII));
    Files.write(corpus.resolve("photo.png"), new byte[] {1, 2, 3});
    try (Directory d = new ByteBuffersDirectory()) {
      CorpusException e =
          assertThrows(
              CorpusException.class,
              () ->
                  QuestionAnswerer.open(
                          corpus,
                          d,
                          Settings.defaults(),
                          QuestionAnswerer.Options.of(null, ProgressListener.NONE, true))
                      .close());
      assertTrue(
          e.getMessage().startsWith("no passage could be indexed from corpus folder"),
          e.getMessage());
      assertTrue(e.getMessage().contains("photo.png (unsupported type .png"), e.getMessage());
      assertTrue(e.getMessage().contains("scan.pdf (cannot be read as PDF"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  /** Every passage of the corpus, each checked to be a substring of its document's text. */
  private static List<Passage> allPassages(Path corpus) {
    CorpusReader.Result read = CorpusReader.read(corpus, CorpusReader.list(corpus));
    return read.documents().stream()
        .flatMap(
            doc ->
                PassageSplitter.split(doc).stream()
                    .peek(p -> assertEquals(p.text(), doc.text().substring(p.start(), p.end()))))
        .toList();
  }

  /** A zip (an OpenDocument or Word file) of the given entries: name, then UTF-8 text. */
  private static byte[] zipOf(String... entries) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      for (int i = 0; i < entries.length; i += 2) {
        zip.putNextEntry(new java.util.zip.ZipEntry(entries[i]));
        zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }
}
