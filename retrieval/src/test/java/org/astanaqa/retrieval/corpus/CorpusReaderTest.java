package org.astanaqa.retrieval.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.astanaqa.retrieval.CorpusDocument;
import org.astanaqa.retrieval.CorpusException;
import org.astanaqa.retrieval.SkippedFile;
import org.astanaqa.retrieval.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {
  @TempDir Path dir;

  private CorpusReader.Result read() {
    return CorpusReader.read(dir, CorpusReader.list(dir));
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  @Test
  void aFilesPlaceholderDateIsNoDateButAMetadataFilesDateIsTaken() throws Exception {
    // From a probe: a .docx whose properties held 0001-01-01 (a program's "no date") was dated
    // so in sources and ask --json; a page's 1970-01-01 (a null time printed) would have been too.
    String[][] pages = {
      {"year1", "0001-01-01T00:00:00Z", null},
      {"windows", "1601-01-01", null},
      {"ole", "1899-12-30", null},
      {"epoch", "1970-01-01T00:00:00Z", null},
      {"real", "2017-02-16T10:00:00Z", "2017-02-16"},
      {"old", "1968-05-01", "1968-05-01"},
      {"given", "1970-01-01T00:00:00Z", "1970-01-01"},
    };
    for (String[] p : pages) {
      write(
          p[0] + ".html",
          "<html><head><meta property=\"article:published_time\" content=\""
              + p[1]
              + "\"></head><body><p>The talks resumed in Astana.</p></body></html>");
    }
    write("metadata.json", "{\"documents\": {\"given\": {\"date\": \"1970-01-01\"}}}");
    java.util.Map<String, String> dates = new java.util.HashMap<>();
    for (var d : read().documents()) {
      dates.put(d.source().id(), d.source().date());
    }
    for (String[] p : pages) {
      assertEquals(p[2], dates.get(p[0]), p[0] + " " + p[1]);
    }
  }

  @Test
  void aMetadataUrlThatIsNoWholeWebAddressIsLeftEmptyWithAWarning() throws Exception {
    // From a probe: a metadata.json "url": "javascript:alert(1)" was the document's address in
    // the console's source line and in ask --json's url, for whatever renders it as a link.
    String[][] urls = {
      {"script", "javascript:alert(1)", null},
      {"bare", "www.un.org/press/en", null},
      {"relative", "/news/123", null},
      {
        "web",
        "https://news.un.org/en/story/2017/01/549342",
        "https://news.un.org/en/story/2017/01/549342"
      },
    };
    StringBuilder meta = new StringBuilder("{\"documents\": {");
    for (String[] u : urls) {
      write(u[0] + ".txt", "The talks resumed in Astana on 23 January 2017 with both delegations.");
      meta.append(meta.length() > 15 ? ", " : "")
          .append('"')
          .append(u[0])
          .append("\": {\"url\": \"")
          .append(u[1])
          .append("\"}");
    }
    write("metadata.json", meta.append("}}").toString());
    CorpusReader.Result r = read();
    java.util.Map<String, String> got = new java.util.HashMap<>();
    for (var d : r.documents()) {
      got.put(d.source().id(), d.source().url());
    }
    for (String[] u : urls) {
      assertEquals(u[2], got.get(u[0]), u[0]);
    }
    assertTrue(
        r.warnings().stream()
            .anyMatch(
                w -> w.contains("\"javascript:alert(1)\" of script is not a whole web address")),
        r.warnings().toString());
  }

  @Test
  void aFilesPlaceholderPublisherIsNoPublisher() throws Exception {
    // From a probe: a .docx's company "Grizli777" (what an unlicensed Office build writes) or
    // "Microsoft" (Office's default), and a PDF's author
    // "\u041f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c" (Windows' "User"),
    // were shown as the document's publisher. A metadata file's publisher is taken as given.
    String[][] files = {
      {"pirated", "Grizli777", null},
      {"repack", "SPecialiST RePack", null},
      {"office", "Microsoft", null},
      {"user", "\u041f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c", null},
      {"windows", "Windows User", null},
      {"pc", "IVANOV-PC", null},
      {
        "ministry",
        "Ministry of Foreign Affairs of Kazakhstan",
        "Ministry of Foreign Affairs of Kazakhstan"
      },
      {"given", "Microsoft", "Microsoft"},
    };
    for (String[] f : files) {
      String app =
          "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-"
              + "properties\"><Company>"
              + f[1]
              + "</Company></Properties>";
      String body =
          "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
              + "<w:body><w:p><w:r><w:t>The talks resumed in Astana.</w:t></w:r></w:p></w:body>"
              + "</w:document>";
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
        zip.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
        zip.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.putNextEntry(new java.util.zip.ZipEntry("docProps/app.xml"));
        zip.write(app.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      Files.write(dir.resolve(f[0] + ".docx"), out.toByteArray());
    }
    write("metadata.json", "{\"documents\": {\"given\": {\"publisher\": \"Microsoft\"}}}");
    java.util.Map<String, String> publishers = new java.util.HashMap<>();
    for (var d : read().documents()) {
      publishers.put(d.source().id(), d.source().publisher());
    }
    for (String[] f : files) {
      assertEquals(f[2], publishers.get(f[0]), f[0] + " " + f[1]);
    }
  }

  @Test
  void aPublisherInCyrillicOrAnotherScriptIsNoPlaceholder() {
    // The placeholder pattern's "no word character at all" was \W*, which without Unicode
    // classes is anything but [A-Za-z0-9_]: every publisher written in Cyrillic ("TASS" as
    // "\u0422\u0410\u0421\u0421", the Ministry, the Presidential Administration) was taken for
    // a placeholder and dropped, a whole Russian corpus without publishers.
    for (String real :
        List.of(
            "\u0422\u0410\u0421\u0421",
            "\u041c\u0418\u0414 \u0420\u0435\u0441\u043f\u0443\u0431\u043b\u0438\u043a\u0438"
                + " \u041a\u0430\u0437\u0430\u0445\u0441\u0442\u0430\u043d",
            "\u0410\u0434\u043c\u0438\u043d\u0438\u0441\u0442\u0440\u0430\u0446\u0438\u044f"
                + " \u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442\u0430",
            "\u65b0\u534e\u793e",
            "User Research Group")) {
      assertEquals(real, Metadata.filePublisher(real));
    }
    // punctuation or digits alone are still no publisher
    for (String none : List.of("", " ", "-", "...", "1234")) {
      assertEquals(null, Metadata.filePublisher(none), none);
    }
  }

  @Test
  void aRussianInstallationsPlaceholderPublisherIsNoPublisherEither() {
    // Russian Windows and Office write "Windows User" and "Microsoft Office User" as
    // "Пользователь Windows" and "Пользователь Microsoft Office", and name a computer "ИВАНОВ-ПК"
    // where an English one is "IVANOV-PC": only the bare word and the English forms were known, so
    // these were shown as the publisher of a Russian PDF or .docx.
    for (String placeholder :
        List.of(
            "Пользователь Windows",
            "Пользователь Microsoft Office",
            "ИВАНОВ-ПК",
            "Администратор")) {
      assertEquals(null, Metadata.filePublisher(placeholder), placeholder);
    }
  }

  @Test
  void aFilesPlaceholderTitleIsNoTitleSoTheFileNameIsShown() throws Exception {
    // From a probe: a PDF printed from Word carries the title "Microsoft Word - 1829470E.docx",
    // the name of the file it was printed from, and was shown as the document's title in
    // sources and answers; so were "Untitled" and "PowerPoint Presentation". A metadata file's
    // title is the maintainer's word and is taken as given.
    String[][] pages = {
      {"word", "Microsoft Word - 1829470E.docx", "word.html"},
      {"ppt", "Microsoft PowerPoint - briefing.pptx", "ppt.html"},
      {"bare", "S_2018_123_E.doc", "bare.html"},
      {"untitled", "Untitled", "untitled.html"},
      {"deck", "PowerPoint Presentation", "deck.html"},
      {"doc1", "Document1", "doc1.html"},
      {"real", "Talks resume in Astana", "Talks resume in Astana"},
      {"report", "Report of the Secretary-General on the Syria talks", null},
      {"given", "Untitled", "Untitled"},
    };
    pages[7][2] = pages[7][1];
    for (String[] p : pages) {
      write(
          p[0] + ".html",
          "<html><head><meta property=\"og:title\" content=\""
              + p[1]
              + "\"></head><body><p>The talks resumed in Astana.</p></body></html>");
    }
    write("metadata.json", "{\"documents\": {\"given\": {\"title\": \"Untitled\"}}}");
    java.util.Map<String, String> titles = new java.util.HashMap<>();
    for (var d : read().documents()) {
      titles.put(d.source().id(), d.source().title());
    }
    for (String[] p : pages) {
      assertEquals(p[2], titles.get(p[0]), p[0] + " " + p[1]);
    }
  }

  @Test
  void aPageOfSeveralArticlesSaysThatOnlyTheLongestIsRead() throws Exception {
    // From a probe: a digest page of three stories kept the longest and left the other two out
    // without a word, though the README says nothing is silent.
    write(
        "digest.html",
        "<html><body><main><article><p>Heavy snow closed the roads for two days.</p></article>"
            + "<article><p>The eleventh round of the Astana talks ended with a statement.</p>"
            + "<p>The guarantors agreed to meet again in early 2019.</p></article>"
            + "<article><p>The national team won its last match.</p></article></main>"
            + "<aside><article><p>A related story in the sidebar.</p></article></aside>"
            + "</body></html>");
    write(
        "story.html",
        "<html><body><article><p>The talks resumed in Astana.</p><article><p>A reader's"
            + " comment on the story.</p></article></article></body></html>");
    assertEquals(
        List.of(
            "digest.html: a page of 3 articles: only the longest is read, 2 left out; save each"
                + " story in a file of its own"),
        read().warnings());
  }

  @Test
  void readsTextAndMarkdownInNestedFoldersWithRelativeIds() throws Exception {
    write("a.txt", "Alpha text.");
    write("news/b.md", "Beta text.");
    write("notes.xyz", "not a document type");
    write(".hidden/c.txt", "ignored: hidden folder");
    List<String> ids = read().documents().stream().map(d -> d.source().id()).toList();
    assertEquals(List.of("a", "news/b"), ids);
  }

  @Test
  void theOwnerFileWordWritesBesideAnOpenDocumentIsLeftOutAsAHiddenFileIs() throws Exception {
    // From a probe: with report.docx open in Word in a shared folder, the index summary said
    // "~$report.docx: not a Word .docx file (no word/document.xml inside)".
    write("report.txt", "The talks resumed in Astana on 23 January 2017 with both delegations.");
    byte[] owner = new byte[162];
    byte[] who = "Jane Maintainer".getBytes(StandardCharsets.US_ASCII);
    owner[0] = (byte) who.length;
    System.arraycopy(who, 0, owner, 1, who.length);
    Files.write(dir.resolve("~$report.docx"), owner);
    Files.write(dir.resolve("~$notes.docx"), owner);
    CorpusReader.Listing listing = CorpusReader.list(dir);
    assertEquals(List.of("report"), listing.entries().stream().map(e -> e.id()).toList());
    assertEquals(List.of(), listing.problems());
    CorpusReader.Result r = CorpusReader.read(dir, listing);
    assertEquals(List.of(), r.skipped());
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void aSentenceOfATextFileBrokenAcrossOneBlankLineIsReadWholeButAListIsNot() throws Exception {
    // From a probe of the UN General Debate speeches: a page break left in the text ("... truly
    // committed to the" / " " / "peace process, ...", 377 sentences) made two paragraphs, and the
    // second half was quoted from "peace process" as Armenia's answer on Nagorno Karabakh.
    String before =
        "Azerbaijan should change its attitude to the negotiations. Furthermore, if the other side"
            + " is truly committed to the";
    String after =
        "peace process, it should start talking to the main subject of the conflict. That is"
            + " the only way.";
    write(
        "speech.txt", before + "\r\n \r\n" + after + "\r\n\r\nThe end of the statement came.\r\n");
    // the blank lines of a rendered Markdown list part its items, which end no sentence either
    write(
        "notes.md",
        "The delegations agreed on these points in the capital\n\n"
            + "- strengthen the ceasefire regime in the northern province\n"
            + "- release detainees and abductees held on both sides\n");
    List<String> passages = new java.util.ArrayList<>();
    for (var d : read().documents()) {
      for (var p : org.astanaqa.retrieval.text.PassageSplitter.split(d)) {
        passages.add(p.text());
      }
    }
    assertTrue(
        passages.stream()
            .anyMatch(
                p ->
                    p.contains(
                        "Furthermore, if the other side is truly committed to the peace process, it"
                            + " should start talking to the main subject of the conflict.")),
        passages.toString());
    assertTrue(
        passages.stream().noneMatch(p -> p.contains("province release")), passages.toString());
  }

  @Test
  void skipsUndecidableBinaryAndUnsupportedFilesByNameAndKeepsTheRest() throws Exception {
    write("good.txt", "Good text.");
    Files.write(dir.resolve("latin1.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(dir.resolve("control.txt"), new byte[] {'a', (byte) 0x81, 0x01, 'b'});
    Files.write(dir.resolve("binary.txt"), new byte[] {'a', 0, 'b'});
    write("sheet.xlsx", "a spreadsheet");
    CorpusReader.Result r = read();
    assertEquals(
        List.of("good", "latin1"), r.documents().stream().map(d -> d.source().id()).toList());
    Map<String, String> why =
        r.skipped().stream().collect(Collectors.toMap(SkippedFile::path, SkippedFile::reason));
    assertTrue(
        why.get("control.txt").contains("not UTF-8, Windows-1251 or Latin-1"), why.toString());
    assertTrue(why.get("binary.txt").contains("binary"), why.toString());
    assertTrue(why.get("sheet.xlsx").startsWith("unsupported type .xlsx"), why.toString());
    assertEquals(List.of("latin1.txt: not UTF-8; read as ISO-8859-1"), r.warnings());
  }

  @Test
  void aWatchDoesNotWalkTheDataFolderAgainUntilItChangesAndStillNamesADocumentPutThere()
      throws Exception {
    write("a.txt", "Alpha text.");
    Path data = dir.resolve("data");
    for (int i = 0; i < 50; i++) {
      write("data/index-1/_" + i + ".cfs", "index file");
    }
    write("data/astana-qa.log", "log");
    OwnFolders seen = new OwnFolders();
    List<Path> leftOut = List.of(data, data.resolve("index-1"));
    for (int look = 0; look < 5; look++) { // five looks of the watch, nothing changed
      CorpusReader.Listing l = CorpusReader.list(dir, leftOut, seen);
      assertEquals(List.of(), l.problems());
    }
    assertEquals(1, seen.walks(), "the data folder was walked at every look");
    write("data/index-1/old/notes.txt", "a document put in the data folder, three deep");
    CorpusReader.Listing changed = CorpusReader.list(dir, leftOut, seen);
    assertEquals(
        List.of("data/index-1/old/notes.txt"),
        changed.problems().stream().map(SkippedFile::path).toList());
    assertEquals(CorpusReader.list(dir, leftOut), changed, "as a listing without memory says");
    CorpusReader.list(dir, leftOut, seen);
    assertEquals(2, seen.walks());
  }

  @Test
  void twoFilesWithTheSameNameButTheExtensionAreEachIndexedUnderTheirFileName() throws Exception {
    write("same.md", "From markdown.");
    write("same.txt", "From text.");
    write("other.txt", "Alone.");
    CorpusReader.Result r = read();
    assertEquals(
        List.of("other", "same.md", "same.txt"),
        r.documents().stream().map(d -> d.source().id()).sorted().toList());
    assertEquals(List.of(), r.skipped());
  }

  @Test
  void aFileNameGivenAsIdDoesNotTakeTheIdOfAFileNamedSoWithAnotherExtension() throws Exception {
    // notes.md, given "notes.md" as id beside notes.txt, took the id of notes.md.txt, which was
    // then skipped as "same document id", though it was indexed before
    write("notes.md", "From markdown.");
    write("notes.txt", "From text.");
    write("notes.md.txt", "From a text about markdown.");
    CorpusReader.Result r = read();
    assertEquals(List.of(), r.skipped());
    assertEquals(
        List.of("notes.md", "notes.md.txt", "notes.txt"),
        r.documents().stream().map(d -> d.source().id()).sorted().toList());
  }

  @Test
  void aDamagedReportDocxNeitherTakesTheIdNorTheMetadataOfAGoodReportPdf() throws Exception {
    Files.write(dir.resolve("report.pdf"), org.astanaqa.retrieval.Fixtures.unRecordPdf());
    write("report.docx", "PK no zip at all");
    write(
        "metadata.json",
        "{\"documents\": {\"report.pdf\": {\"title\": \"The PDF\", \"date\": \"2018-09\"},"
            + " \"report.docx\": {\"title\": \"The draft\"}}}");
    CorpusReader.Result r = read();
    assertEquals(1, r.documents().size(), r.skipped().toString());
    Source pdf = r.documents().get(0).source();
    assertEquals("report.pdf", pdf.id());
    assertEquals("The PDF", pdf.title());
    assertEquals("2018-09", pdf.date());
    assertEquals(List.of("report.docx"), r.skipped().stream().map(SkippedFile::path).toList());
    assertFalse(r.skipped().get(0).reason().contains("same document id"), r.skipped().toString());
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void aMetadataEntryForANameTwoFilesShareAppliesToNeitherAndSaysSo() throws Exception {
    Files.write(dir.resolve("report.pdf"), org.astanaqa.retrieval.Fixtures.unRecordPdf());
    Files.write(dir.resolve("report.docx"), org.astanaqa.retrieval.Fixtures.docx());
    write("metadata.json", "{\"documents\": {\"report\": {\"title\": \"Which one?\"}}}");
    CorpusReader.Result r = read();
    assertEquals(
        List.of("report.docx", "report.pdf"),
        r.documents().stream().map(d -> d.source().id()).sorted().toList());
    for (CorpusDocument d : r.documents()) {
      assertFalse(d.source().title().equals("Which one?"), d.source().toString());
    }
    assertEquals(
        List.of(
            "metadata.json names \"report\", which is 2 files (report.docx, report.pdf), so it"
                + " applies to neither: give each an entry of its own under its file name"
                + " (\"report.docx\": {...})"),
        r.warnings());
  }

  @Test
  void appliesEachFoldersMetadataAndFallsBackToTheFileNameAsTitle() throws Exception {
    write("seeds/001_x.txt", "Body of one.");
    write(
        "seeds/metadata.json",
        "{\"documents\": {\"001_x\": {\"title\": \"One\", \"publisher\": \"UN\", \"date\": \"2018-09\"}}}");
    write("other/two.txt", "\nHeadline of two\nBody.");
    Map<String, Source> byId =
        read().documents().stream()
            .map(CorpusDocument::source)
            .collect(Collectors.toMap(Source::id, Function.identity()));
    assertEquals(new Source("seeds/001_x", "One", "UN", "2018-09", null), byId.get("seeds/001_x"));
    assertEquals("two.txt", byId.get("other/two").title());
    assertNull(byId.get("other/two").publisher());
  }

  @Test
  void malformedMetadataIsAWarningAndTheDocumentsAreStillRead() throws Exception {
    write("a.txt", "Alpha.");
    write("metadata.json", "{\"documents\": {\"a\": {\"titel\": \"typo\"}}}");
    CorpusReader.Result r = read();
    assertEquals(1, r.documents().size());
    assertTrue(r.warnings().get(0).contains("titel"), r.warnings().toString());
  }

  @Test
  void aMetadataValueOfTheWrongKindIsSaidInJsonsWordsNotJavasTypes() throws Exception {
    write("a.txt", "Alpha.");
    // a title where its object should be, a list where the documents should be
    write("metadata.json", "{\"documents\": {\"a\": \"A title\"}}");
    String title = read().warnings().get(0);
    assertTrue(
        title.startsWith(
            "metadata.json ignored: line 1, at \"documents.a\": expected an object ({...}), found"
                + " text \"A title\";"),
        title);
    write("metadata.json", "{\"documents\": [\"a\"]}");
    String list = read().warnings().get(0);
    assertTrue(
        list.startsWith(
            "metadata.json ignored: line 1, at \"documents\": expected an object ({...}), found a"
                + " list;"),
        list);
    for (String w : List.of(title, list)) {
      assertFalse(w.contains("org.astanaqa") || w.contains("java.") || w.contains("`"), w);
    }
  }

  @Test
  void aMetadataWarningSaysWhereAndWhatInsteadOfJacksonsText() throws Exception {
    write("a.txt", "Alpha.");
    write("metadata.json", "{\"documents\": {\n  \"a\": {\"title\": \"A\"},\n}}");
    String trailingComma = read().warnings().get(0);
    assertTrue(
        trailingComma.startsWith("metadata.json ignored: line 3, column 1, at \"documents\": "),
        trailingComma);
    assertTrue(
        trailingComma.contains("\"documents\": {\"<file name without extension>\""), trailingComma);
    assertFalse(trailingComma.contains("[Source:"), trailingComma);
    assertFalse(trailingComma.contains("Exception"), trailingComma);

    // the ids at the top, without "documents" around them
    write("metadata.json", "{\"a\": {\"title\": \"A\"}}");
    String noDocuments = read().warnings().get(0);
    assertTrue(
        noDocuments.startsWith(
            "metadata.json ignored: line 1, at \"a\": \"a\" is not a field there (the"
                + " fields are: documents)"),
        noDocuments);
    assertFalse(noDocuments.contains("org.astanaqa"), noDocuments);
  }

  @Test
  void aMetadataValueOfTheWrongKindOrAnEmptyFileIsSaidWithoutJacksonsTypeNames() throws Exception {
    write("a.txt", "Alpha.");
    Map<String, String> cases =
        Map.of(
            "[]",
            "metadata.json ignored: line 1: expected an object ({...}), found a list; it should",
            "{\"documents\": []}",
            "metadata.json ignored: line 1, at \"documents\": expected an object ({...}), found a"
                + " list; it should",
            "{\"documents\": {\"a\": {\"title\": {\"en\": \"A\"}}}}",
            "metadata.json ignored: line 1, at \"documents.a.title\": expected text, found an"
                + " object ({...}); it should",
            "",
            "metadata.json ignored: line 1: it is empty; it should");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      write("metadata.json", c.getKey());
      String w = read().warnings().get(0);
      assertTrue(w.startsWith(c.getValue()), c.getKey() + " -> " + w);
      for (String internal : List.of("JsonToken", "java.", "org.astanaqa", "$", "end-of-input")) {
        assertFalse(w.contains(internal), c.getKey() + " -> " + w);
      }
    }
  }

  @Test
  void trueOrFalseInAMetadataFieldIsAValueOfTheWrongKindNotTheWordAsItsText() throws Exception {
    // From a probe: {"publisher": false}, meant as "none", was shown as the publisher "false", and
    // {"title": true} as the title "true", in sources and in ask --json, words no document says.
    write("a.txt", "Alpha.");
    write("metadata.json", "{\"documents\": {\"a\": {\"title\": \"A\", \"publisher\": false}}}");
    CorpusReader.Result r = read();
    String w = r.warnings().get(0);
    assertTrue(
        w.startsWith(
            "metadata.json ignored: line 1, at \"documents.a.publisher\": expected text, found"),
        w);
    assertTrue(w.contains("false"), w);
    assertEquals(null, r.documents().get(0).source().publisher());
    write("metadata.json", "{\"documents\": {\"a\": {\"title\": true}}}");
    CorpusReader.Result t = read();
    assertEquals("a.txt", t.documents().get(0).source().title());
    assertTrue(
        t.warnings().get(0).contains("at \"documents.a.title\": expected text"),
        t.warnings().get(0));
    // a year given as a number is still the year
    write("metadata.json", "{\"documents\": {\"a\": {\"date\": 2017}}}");
    assertEquals("2017", read().documents().get(0).source().date());
  }

  @Test
  void aMetadataKeyAppliesToItsFileWhicheverWayEachWritesItsAccentedLetters() throws Exception {
    // From a probe: files copied from a Mac keep their names decomposed (NFD: "e" and a combining
    // acute, "и" and a combining breve), while a metadata.json typed on Linux or Windows writes the
    // same letters composed (NFC). The entry applied to no document, which lost its title and
    // date, and the warning said "no such document file exists" of a file shown with that very
    // name.
    String nfd = java.text.Normalizer.normalize("communiqué", java.text.Normalizer.Form.NFD);
    String nfdRu = java.text.Normalizer.normalize("Заявление_й", java.text.Normalizer.Form.NFD);
    write(nfd + ".txt", "The guarantors agreed on four zones.");
    write(nfdRu + ".txt", "The ministry welcomed the talks.");
    write("résumé.txt", "The talks resumed in May.");
    String decomposedKey = java.text.Normalizer.normalize("résumé", java.text.Normalizer.Form.NFD);
    write(
        "metadata.json",
        "{\"documents\": {\"communiqué\": {\"title\": \"Joint communique\", \"date\": \"2017-05\"},"
            + " \"Заявление_й\": {\"title\": \"MFA statement\"},"
            + " \""
            + decomposedKey
            + "\": {\"title\": \"Resume of the talks\"}}}");
    CorpusReader.Result r = read();
    assertEquals(List.of(), r.warnings());
    Map<String, Source> byId =
        r.documents().stream()
            .collect(Collectors.toMap(d -> d.source().id(), CorpusDocument::source));
    assertEquals("Joint communique", byId.get(nfd).title());
    assertEquals("2017-05", byId.get(nfd).date());
    assertEquals("MFA statement", byId.get(nfdRu).title());
    assertEquals("Resume of the talks", byId.get("résumé").title());
  }

  @Test
  void aReaderThatFailsUnexpectedlyIsSaidInWordsNotByAJavaClassName() {
    // From a probe: a Markdown note whose pasted image overflowed a pattern's stack was skipped as
    // "cannot be read: java.lang.StackOverflowError", a Java class and no word of what to do.
    String overflow = CorpusReader.readerFailed(new StackOverflowError());
    assertTrue(overflow.startsWith("cannot be read: a line of it is too long"), overflow);
    assertTrue(overflow.endsWith("break that line into shorter ones, or leave the file out"));
    String bug = CorpusReader.readerFailed(new IllegalStateException("bad\nstate"));
    assertEquals(
        "cannot be read: the reader failed on it (IllegalStateException: bad\u240astate; the"
            + " detail is in the log); leave the file out, or save it again in another format",
        bug);
    for (String reason : List.of(overflow, bug)) {
      assertFalse(reason.contains("java."), reason);
    }
  }

  @Test
  void anEntryForAFileInASubfolderIsNamedNotSilentlyLeftUnused() throws Exception {
    write("sub/z.txt", "Zeta.");
    write("metadata.json", "{\"documents\": {\"sub/z\": {\"title\": \"Zeta report\"}}}");
    CorpusReader.Result r = read();
    // the entry does not apply (a metadata file describes its own folder), and it was not said
    assertEquals("z.txt", r.documents().get(0).source().title());
    assertEquals(
        List.of(
            "metadata.json names \"sub/z\", a file in a subfolder; a metadata.json describes the"
                + " files of its own folder only: give it in sub/metadata.json as \"z\""),
        r.warnings());
  }

  @Test
  void anIdGivenTwiceOrASecondObjectAfterTheFirstIsAWarning() throws Exception {
    write("a.txt", "Alpha.");
    write("b.txt", "Beta.");
    write(
        "metadata.json",
        "{\"documents\": {\n  \"a\": {\"title\": \"First A\"},\n  \"a\": {\"title\": \"Second A\"}\n}}");
    CorpusReader.Result r = read();
    assertEquals("Second A", r.documents().get(0).source().title());
    assertEquals(
        List.of(
            "metadata.json: line 3: \"a\" is given twice in one object; the later one is used:"
                + " keep one"),
        r.warnings());

    write(
        "metadata.json",
        "{\"documents\": {\"a\": {\"title\": \"A\"}}}\n{\"documents\": {\"b\": {\"title\": \"B\"}}}");
    r = read();
    assertEquals("b.txt", r.documents().get(1).source().title());
    assertEquals(
        List.of(
            "metadata.json: line 2: more after the closing brace of the file's object; it is not"
                + " read (put every document in the one \"documents\" object)"),
        r.warnings());
  }

  @Test
  void metadataThatIsJsonNullIsAWarningNotACrash() throws Exception {
    write("a.txt", "Alpha.");
    write("metadata.json", "null");
    CorpusReader.Result r = read();
    assertEquals(1, r.documents().size());
    assertEquals("a.txt", r.documents().get(0).source().title());
    assertTrue(r.warnings().get(0).startsWith("metadata.json ignored"), r.warnings().toString());
  }

  @Test
  void aDateOfTheRightShapeThatIsNoCalendarDateIsDroppedWithAWarning() throws Exception {
    write("a.txt", "Alpha.");
    write("b.txt", "Beta.");
    write("c.txt", "Gamma.");
    write(
        "d.html",
        "<html><head><meta property=\"article:published_time\" content=\"2017-13-45T10:00\">"
            + "</head><body><p>Delta is a sentence of the page.</p></body></html>");
    write(
        "metadata.json",
        "{\"documents\": {\"a\": {\"date\": \"2018-13\"}, \"b\": {\"date\": \"2017-02-30\"},"
            + " \"c\": {\"date\": \"2016-02-29\"}}}");
    CorpusReader.Result r = read();
    Map<String, Source> byId =
        r.documents().stream()
            .map(CorpusDocument::source)
            .collect(Collectors.toMap(Source::id, Function.identity()));
    assertNull(byId.get("a").date());
    assertNull(byId.get("b").date());
    assertEquals("2016-02-29", byId.get("c").date());
    assertNull(byId.get("d").date(), "a page's impossible date is not stated either");
    String all = String.join("\n", r.warnings());
    assertTrue(all.contains("2018-13") && all.contains("2017-02-30"), all);
    // written as it should be, it names no real day: the warning says that, not that its shape is
    // wrong
    assertTrue(
        all.contains(
            "date \"2017-02-30\" of b names no day of the calendar (check its month and day)"),
        all);
  }

  @Test
  void warnsAboutMetadataForAFileThatDoesNotExistAndDropsABadDate() throws Exception {
    write("a.txt", "Alpha.");
    write(
        "metadata.json",
        "{\"documents\": {\"a\": {\"date\": \"May 2017\"}, \"ghost\": {\"title\": \"G\"}}}");
    CorpusReader.Result r = read();
    assertNull(r.documents().get(0).source().date());
    String all = String.join("\n", r.warnings());
    assertTrue(all.contains("\"ghost\""), all);
    assertTrue(all.contains("May 2017"), all);
  }

  @Test
  void aMetadataFileNotInUtf8IsSaidToBeSoNotMisshapen() throws Exception {
    // From a probe: a metadata.json with Russian titles saved in Windows-1251 (Notepad's "ANSI")
    // was "line 1, column 40, at "documents.pottery.title": Invalid UTF-8 middle byte 0xe6; it
    // should read {"documents": ...}", sending the maintainer to check a shape that was right.
    write("pottery.txt", "The potters paint their cups blue.");
    Files.write(
        dir.resolve("metadata.json"),
        "{\"documents\": {\"pottery\": {\"title\": \"\u0413\u0436\u0435\u043b\u044c\"}}}"
            .getBytes(java.nio.charset.Charset.forName("windows-1251")));
    CorpusReader.Result r = read();
    assertEquals(
        List.of(
            "metadata.json ignored: it is not UTF-8 (line 1, column 40), as an editor saving in"
                + " Windows-1251 or another local encoding writes it; save it as UTF-8"),
        r.warnings());
    assertEquals("pottery.txt", r.documents().get(0).source().title());
  }

  @Test
  void aMetadataKeyWithTheFilesExtensionSaysToGiveItWithoutNotThatTheFileDoesNotExist()
      throws Exception {
    // From a probe: {"c.txt": {...}} beside c.txt was "names "c.txt", but no such document file
    // exists", of a file plainly there; its key is "c".
    Files.createDirectories(dir.resolve("sub"));
    write("c.txt", "Gamma.");
    write("sub/d.pdf.txt", "Delta.");
    write("metadata.json", "{\"documents\": {\"c.txt\": {\"title\": \"C\"}}}");
    write("sub/metadata.json", "{\"documents\": {\"d.pdf.txt\": {\"title\": \"D\"}}}");
    CorpusReader.Result r = read();
    assertEquals(
        List.of(
            "metadata.json names \"c.txt\", a file name with its extension, so it applies to no"
                + " document: a document's key is its file name without the extension; give it as"
                + " \"c\"",
            "sub/metadata.json names \"d.pdf.txt\", a file name with its extension, so it applies"
                + " to no document: a document's key is its file name without the extension; give"
                + " it as \"d.pdf\""),
        r.warnings().stream().sorted().toList());
  }

  @Test
  void aFileThatFailsToReadIsReportedAndTheRestRead() throws Exception {
    Path mem = Path.of("/proc/self/mem"); // a regular file whose plain read fails, even for root
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(mem), "Linux only");
    write("good.txt", "Good text.");
    Files.createSymbolicLink(dir.resolve("unreadable.txt"), mem);
    CorpusReader.Result r = read();
    assertEquals(1, r.documents().size());
    assertEquals("unreadable.txt", r.skipped().get(0).path());
    assertTrue(
        r.skipped().get(0).reason().startsWith("cannot be read"), r.skipped().get(0).reason());
  }

  @Test
  void aFileDeletedWhileTheCorpusIsIndexedIsSaidToBeGoneNotUnreadable() throws Exception {
    // From a probe: a file listed and then deleted before it was read was "cannot be read: no
    // such file or folder", as if its permissions or the disk were at fault.
    write("good.txt", "Good text.");
    Path gone = write("gone.txt", "Gone text.");
    write("sub/metadata.json", "{\"documents\": {\"x\": {\"title\": \"X\"}}}");
    write("sub/x.txt", "Some text.");
    CorpusReader.Listing listing = CorpusReader.list(dir);
    Files.delete(gone);
    CorpusReader.Result r = CorpusReader.read(dir, listing);
    assertEquals(2, r.documents().size());
    assertEquals(1, r.skipped().size(), r.skipped().toString());
    assertEquals("gone.txt", r.skipped().get(0).path());
    String why = r.skipped().get(0).reason();
    assertTrue(why.startsWith("deleted while the corpus was being indexed"), why);
    assertFalse(why.contains("cannot be read"), why);
  }

  @Test
  void aFileThatGrewPastTheLimitAfterItWasListedIsSkippedNotReadWhole() throws Exception {
    // The size was checked from the listing only: a file replaced meanwhile by a larger one (a log
    // copied over a note) was read whole, however large, and could run the heap out.
    write("good.txt", "Good text.");
    Path grows = write("grows.txt", "Small.");
    CorpusReader.Listing listing = CorpusReader.list(dir);
    long maxHeap = 42L * 1024 * 1024; // a 1 MB file at most
    assertEquals(1024 * 1024, CorpusReader.heapLimitBytes(maxHeap));
    Files.writeString(grows, "A sentence that goes on. ".repeat(100_000));
    CorpusReader.Result r = CorpusReader.read(dir, listing, maxHeap);
    assertEquals(1, r.documents().size());
    assertEquals("grows.txt", r.skipped().get(0).path());
    String why = r.skipped().get(0).reason();
    assertTrue(why.startsWith("grew to more than 1 MB while the corpus was being indexed"), why);
  }

  @Test
  void aMetadataFileDeletedWhileTheCorpusIsIndexedIsSaidToBeGone() throws Exception {
    write("sub/x.txt", "Some text.");
    Path meta = write("sub/metadata.json", "{\"documents\": {\"x\": {\"title\": \"X\"}}}");
    CorpusReader.Listing listing = CorpusReader.list(dir);
    Files.delete(meta);
    CorpusReader.Result r = CorpusReader.read(dir, listing);
    assertEquals(1, r.documents().size());
    String all = String.join("\n", r.warnings());
    assertTrue(all.contains("sub/metadata.json ignored: deleted while the corpus"), all);
    assertFalse(all.contains("cannot be read"), all);
  }

  /**
   * From a probe: a news page saved whole by a browser ("Web page, complete") brings a folder of
   * its frames and scripts, and each frame was a document of its own, so an advertisement
   * ("Sponsored: Buy the best travel insurance ...") was quoted as a likely answer, and every
   * script and image was listed as a file of an unsupported type.
   */
  @Test
  void theFolderABrowserSavesWithAPageIsLeftOutInOneLine() throws Exception {
    write(
        "Talks resume.html", "<html><body><p>The talks resumed in Astana today.</p></body></html>");
    write(
        "Talks resume_files/saved_resource.html",
        "<html><body><p>Sponsored: Buy the best travel insurance today.</p></body></html>");
    write("Talks resume_files/app.js", "var a = 1;");
    write("other_files/note.txt", "A folder named so beside no page is read as any other.");
    CorpusReader.Result r = read();
    assertEquals(
        List.of("Talks resume", "other_files/note"),
        r.documents().stream().map(d -> d.source().id()).sorted().toList());
    assertEquals(
        List.of(
            new SkippedFile(
                "Talks resume_files/",
                "what a browser saved with the page Talks resume.html (its frames, scripts and"
                    + " images): no documents, left out")),
        r.skipped());
  }

  @Test
  void aLinkToNothingAndAPipeAreNamedNotDroppedInSilence() throws Exception {
    // From a probe: both were left out of the index and of its "Skipped" list.
    write("good.txt", "Good text.");
    Files.createSymbolicLink(dir.resolve("dangling.txt"), dir.resolve("gone.txt"));
    boolean pipe =
        new ProcessBuilder("mkfifo", dir.resolve("pipe.txt").toString()).start().waitFor() == 0;
    CorpusReader.Result r = read();
    assertEquals(1, r.documents().size());
    Map<String, String> why =
        r.skipped().stream().collect(Collectors.toMap(SkippedFile::path, SkippedFile::reason));
    assertEquals("a link to a file that does not exist", why.get("dangling.txt"), why.toString());
    if (pipe) {
      assertTrue(why.get("pipe.txt").startsWith("not a regular file"), why.toString());
    }
  }

  /**
   * From a probe: a link to a document of the corpus ("link.txt" to "000_....txt") indexed it
   * twice, and an answer's quotes came from both, the same text twice over, pushing other documents
   * out.
   */
  @Test
  void aFileReachedByTwoNamesIsOneDocumentAndTheOtherNameIsSaid() throws Exception {
    write("sub/real.txt", "The guarantors met in Astana.");
    write("other.txt", "The talks went on in Sochi.");
    Files.createSymbolicLink(dir.resolve("a-link.txt"), dir.resolve("sub/real.txt"));
    Files.createSymbolicLink(dir.resolve("sub2"), dir.resolve("sub"));
    CorpusReader.Result r = read();
    assertEquals(
        List.of("other", "sub/real"),
        r.documents().stream().map(d -> d.source().id()).sorted().toList());
    Map<String, String> why =
        r.skipped().stream().collect(Collectors.toMap(SkippedFile::path, SkippedFile::reason));
    assertEquals(
        "the same file as sub/real.txt (a link to it, or a second name), which is indexed once, as"
            + " sub/real.txt",
        why.get("a-link.txt"),
        why.toString());
    assertTrue(
        why.get("sub2/real.txt").startsWith("the same file as sub/real.txt"), why.toString());
    assertEquals(2, why.size(), why.toString());
  }

  @Test
  void aMissingCorpusFolderIsAClearError() {
    CorpusException e =
        assertThrows(CorpusException.class, () -> CorpusReader.list(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("does not exist"));
    assertTrue(e.getMessage().contains("--corpus"));
  }

  @Test
  void aFileLargerThanTheHeapCanIndexIsSkippedNamingTheLimit() throws Exception {
    Files.write(
        dir.resolve("big.txt"),
        "The guarantors met in Astana.\n".repeat(100_000).getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("small.txt"), "The guarantors met in Astana.");
    long heap =
        44L * 1024 * 1024; // 16 MB for the writer's buffer, 24 kept aside: 2 MB files at most
    CorpusReader.Result r = CorpusReader.read(dir, CorpusReader.list(dir), heap);
    assertEquals(List.of("small"), r.documents().stream().map(d -> d.source().id()).toList());
    assertEquals(1, r.skipped().size());
    assertEquals("big.txt", r.skipped().get(0).path());
    assertEquals(
        "larger than 2 MB, the most this 44 MB Java heap can index; give Java more memory"
            + " (for example java -Xmx1g -jar ...) or split it into smaller files",
        r.skipped().get(0).reason());
  }

  /**
   * From a probe: under LC_ALL=C, "Итоги.txt" and "Отчет.txt" both read as "����������.txt", and
   * the second was skipped as "same document id" with nothing to say that the locale was why.
   */
  @Test
  void namesGarbledByTheLocaleSayWhyTheyClashAndWhatToDo() {
    String garbled = "\uFFFD".repeat(10) + ".txt";
    String r = CorpusReader.clashReason(garbled, garbled, "ANSI_X3.4-1968");
    assertTrue(r.startsWith("same document id"), r);
    assertTrue(r.contains("this locale's character set (ANSI_X3.4-1968)"), r);
    assertTrue(r.contains("LC_ALL=C.UTF-8"), r);
    assertEquals(
        "same document id \"a\" as a.md", CorpusReader.clashReason("a", "a.md", "ANSI_X3.4-1968"));
    assertFalse(CorpusReader.clashReason(garbled, garbled, "UTF-8").contains("locale"));
  }

  /** From a probe: --corpus report.txt said the file "does not exist or is not a folder". */
  @Test
  void aCorpusThatIsAFileSaysSoAndNamesItsFolder(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("report.txt"), "The talks went on.");
    String m =
        assertThrows(org.astanaqa.retrieval.CorpusException.class, () -> CorpusReader.list(file))
            .getMessage();
    assertTrue(m.startsWith("corpus " + file + " is a file, not a folder"), m);
    assertTrue(m.contains("(" + dir + ")"), m);
  }
}
