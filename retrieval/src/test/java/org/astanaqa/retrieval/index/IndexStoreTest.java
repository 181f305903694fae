package org.astanaqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.astanaqa.retrieval.CorpusException;
import org.astanaqa.retrieval.IndexReport;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.SkippedFile;
import org.astanaqa.retrieval.text.Analyzers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexStoreTest {
  @TempDir Path corpus;
  @TempDir Path index;

  private IndexReport open() throws Exception {
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.open(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      return qa.report();
    }
  }

  @Test
  void reusesAnUpToDateIndexAndRebuildsWhenTheCorpusChanges() throws Exception {
    Path a = Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    IndexReport first = open();
    assertTrue(first.rebuilt());
    assertEquals(1, first.documents());

    IndexReport second = open();
    assertFalse(second.rebuilt(), "unchanged corpus: the index is reused");
    assertEquals(1, second.passages());

    Files.writeString(a, "The guarantors met in Astana. They agreed on zones.");
    Files.setLastModifiedTime(
        a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));
    IndexReport third = open();
    assertTrue(third.rebuilt());
    assertEquals("corpus, metadata, index schema or embedding model changed", third.reason());
  }

  @Test
  void aFileRewrittenWithItsSizeAndModificationTimeKeptIsReadAgain() throws Exception {
    // cp -p, rsync -t and some editors keep the modification time; a same-size edit then looked
    // like no change, and the index answered from the old text
    Path a = Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        supportsStatusChangeTime(a), "a file system with a status-change time");
    FileTime before = Files.getLastModifiedTime(a);
    open();
    Files.writeString(a, "The guarantors met in Ankara.");
    Files.setLastModifiedTime(a, before);
    IndexReport r = open();
    assertTrue(r.rebuilt(), "the changed file is read again: " + r.reason());
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.open(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      assertFalse(qa.report().rebuilt(), "and then reused");
      var answer = qa.ask("guarantors Ankara");
      assertTrue(answer.answered(), "the new text is searched");
      assertTrue(answer.quotes().get(0).text().contains("Ankara"), "and quoted");
    }
  }

  private static boolean supportsStatusChangeTime(Path p) {
    try {
      return Files.getAttribute(p, "unix:ctime") != null;
    } catch (UnsupportedOperationException | IllegalArgumentException | java.io.IOException e) {
      return false;
    }
  }

  @Test
  void aWriteLockWithContentIsNoLockAndTheIndexIsBuiltAnyway() throws Exception {
    // Lucene's lock file is always empty; its writer refused this one ("Unexpected lock file
    // size"), and every build in the folder failed with an AlreadyClosedException
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    Files.writeString(index.resolve("write.lock"), "garbage\n");
    IndexReport r = open();
    assertTrue(r.rebuilt());
    assertEquals(1, r.documents());
    assertFalse(
        Files.exists(index.resolve("write.lock")) && Files.size(index.resolve("write.lock")) > 0,
        "the foreign lock file is gone");
  }

  @Test
  void rebuildsACorruptedIndexInsteadOfTrustingIt() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    open();
    try (Stream<Path> files = Files.list(index)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
        Files.write(f, new byte[] {1, 2, 3});
      }
    }
    IndexReport r = open();
    assertTrue(r.rebuilt());
    assertTrue(r.reason().startsWith("index was unreadable"), r.reason());
  }

  /**
   * From a probe: {@code index} (a forced rebuild) over an index whose commit was damaged stopped
   * with "cannot write the index ...: checksum failed (hardware problem?) ...; check that the
   * folder is writable", where the index that is rebuilt anyway only had to be cleared first.
   */
  @Test
  void aForcedRebuildOfACorruptedIndexRebuildsIt() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    open();
    try (Stream<Path> files = Files.list(index)) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x55; // a flipped bit: the checksum fails
        Files.write(f, bytes);
      }
    }
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.open(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, true))) {
      assertTrue(qa.report().rebuilt());
      assertEquals(1, qa.report().documents());
    }
    assertEquals(1, open().documents(), "and then reused");
  }

  /** A writer that meets a corrupt index says so and how to rebuild, not "check it is writable". */
  @Test
  void aCorruptIndexMetByAWriterIsCalledCorrupt() throws Exception {
    try (Directory d = FSDirectory.open(index)) {
      String m =
          IndexStore.writeFailed(
                  d, new org.apache.lucene.index.CorruptIndexException("checksum failed", "_0.si"))
              .getMessage();
      assertTrue(m.startsWith("the index in " + index + " is corrupt"), m);
      assertTrue(m.contains("rebuild it from the corpus with the index command"), m);
      assertFalse(m.contains("writable"), m);
    }
  }

  @Test
  void aCorruptedIndexInAFolderOfOtherFilesIsRebuiltWithoutDeletingThem() throws Exception {
    // --index . (or a documents folder): the index shares the folder with the user's own files.
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    Path notes = Files.writeString(index.resolve("notes.txt"), "my own notes");
    Path thesis = Files.writeString(index.resolve("thesis.docx"), "not an index file");
    open();
    try (Stream<Path> files = Files.list(index)) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
        Files.write(f, new byte[] {1, 2, 3});
      }
    }
    IndexReport r = open();
    assertTrue(r.reason().startsWith("index was unreadable"), r.reason());
    assertEquals("my own notes", Files.readString(notes));
    assertEquals("not an index file", Files.readString(thesis));
    assertEquals(1, open().documents(), "the rebuilt index is read again, up to date");
  }

  /**
   * From a probe: a web page of a script alone was reported "s.html: no passage to quote: the file
   * is empty", which its user, looking at 38 bytes of HTML, could see it was not.
   */
  @Test
  void aPageWithoutArticleTextIsNotSaidToBeAnEmptyFile() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    Files.writeString(corpus.resolve("s.html"), "<html><script>alert(1)</script></html>");
    IndexReport r = open();
    assertTrue(
        r.warnings()
            .contains(
                "s.html: no passage to quote: no article text in the page (scripts, styles,"
                    + " navigation, headers and footers are left out)"),
        r.warnings().toString());
  }

  @Test
  void aDocumentInAScriptWithoutLowerCaseLettersIsSaidSoNotToHoldOnlyHeadings() throws Exception {
    // From a probe: an Arabic article of whole sentences was "only headings or lists, no
    // sentences": a line is taken for a sentence by its lower-case words, which Arabic, Chinese
    // or Hebrew have none of, so nothing of it can be quoted.
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    Files.writeString(
        corpus.resolve("ar.txt"),
        "\u0639\u0642\u062f\u062a \u0645\u062d\u0627\u062f\u062b\u0627\u062a"
            + " \u0623\u0633\u062a\u0627\u0646\u0627 \u0641\u064a \u064a\u0646\u0627\u064a\u0631"
            + " 2017.\n");
    Files.writeString(
        corpus.resolve("zh.txt"), "\u9635\u8c08\u5728\u963f\u65af\u5854\u7eb3\u4e3e\u884c\u3002\n");
    Files.writeString(corpus.resolve("list.txt"), "Agenda\nItem one\n");
    IndexReport r = open();
    String why =
        ": no passage to quote: written in a script without lower-case letters (as Arabic,"
            + " Chinese or Hebrew), whose lines are never taken for sentences";
    assertTrue(r.warnings().contains("ar.txt" + why), r.warnings().toString());
    assertTrue(r.warnings().contains("zh.txt" + why), r.warnings().toString());
    assertTrue(
        r.warnings()
            .contains("list.txt: no passage to quote: only headings or lists, no sentences"),
        r.warnings().toString());
  }

  @Test
  void aDocumentWithNoPassageToQuoteIsAFileWarningInABuildItsReuseAndALiveUpdate()
      throws Exception {
    // From a probe: an empty file and one of headings only were "indexed" and never quoted, unsaid.
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    Files.writeString(corpus.resolve("empty.txt"), "");
    Files.writeString(corpus.resolve("list.txt"), "Agenda\nItem one\n");
    // Read as Latin-1 and without a sentence: both its warnings are kept, one line each.
    Files.write(
        corpus.resolve("menu.txt"),
        "Caf\u00e9 menu\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    java.util.List<String> expected =
        java.util.List.of(
            "empty.txt: no passage to quote: the file is empty",
            "list.txt: no passage to quote: only headings or lists, no sentences",
            "menu.txt: no passage to quote: only headings or lists, no sentences",
            "menu.txt: not UTF-8; read as ISO-8859-1");
    IndexReport built = open();
    assertTrue(built.rebuilt());
    assertEquals(4, built.documents(), "still indexed, and listed by sources");
    assertEquals(1, built.passages());
    assertEquals(expected, built.warnings().stream().sorted().toList());
    IndexReport reused = open();
    assertFalse(reused.rebuilt());
    assertEquals(expected, reused.warnings().stream().sorted().toList(), "kept with the index");

    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      Files.writeString(corpus.resolve("notes.txt"), "Contents\n\n");
      IndexReport r = qa.update(false);
      assertEquals("files changed: 1 added, 0 changed, 0 removed", r.reason());
      assertTrue(
          r.warnings()
              .contains("notes.txt: no passage to quote: only headings or lists, no sentences"),
          r.warnings().toString());
      assertTrue(r.warnings().containsAll(expected), "the others' warnings stay: " + r.warnings());
      Files.writeString(corpus.resolve("notes.txt"), "The talks resumed in Astana in May.");
      r = qa.update(false);
      assertEquals("files changed: 0 added, 1 changed, 0 removed", r.reason());
      assertTrue(
          r.warnings().stream().noneMatch(w -> w.startsWith("notes.txt")),
          "a file that now has a sentence is no longer named: " + r.warnings());
    }
  }

  @Test
  void aMetadataFileThatCannotBeReadIsAWarningAndTheDocumentsAreStillIndexed() throws Exception {
    // From a probe: a metadata.json without read permission stopped the whole corpus (exit 2).
    Path mem = Path.of("/proc/self/mem"); // a regular file whose plain read fails, even for root
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(mem), "Linux only");
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    Files.createSymbolicLink(corpus.resolve("metadata.json"), mem);
    IndexReport r = open();
    assertEquals(1, r.documents());
    assertTrue(
        r.warnings().stream().anyMatch(w -> w.startsWith("metadata.json ignored")),
        r.warnings().toString());
    assertFalse(open().rebuilt(), "reused while the metadata file stays unreadable");
  }

  @Test
  void aRebuildWhileAnotherInstanceHoldsTheIndexLockIsAClearError() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    long wait = IndexStore.lockWaitMillis;
    IndexStore.lockWaitMillis = 600; // held for good: the wait ends, then the error
    try (Directory d = FSDirectory.open(index);
        org.apache.lucene.store.Lock held =
            d.obtainLock(org.apache.lucene.index.IndexWriter.WRITE_LOCK_NAME)) {
      CorpusException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CorpusException.class,
              () ->
                  QuestionAnswerer.open(
                      corpus,
                      d,
                      Settings.defaults(),
                      QuestionAnswerer.Options.of(null, ProgressListener.NONE, true)));
      assertTrue(e.getMessage().contains("locked by another running astana-qa"), e.getMessage());
      assertTrue(e.getMessage().contains("--index"), e.getMessage());
      // From a probe: "cannot write the index in MMapDirectory@/x lockFactory=org.apache.lucene
      // .store.NativeFSLockFactory@1fd14d74: /x/write.lock; check that the folder is writable".
      assertTrue(
          e.getMessage().startsWith("the index folder " + index + " is locked"), e.getMessage());
      assertFalse(e.getMessage().contains("Directory@"), e.getMessage());
      assertFalse(e.getMessage().contains("lockFactory"), e.getMessage());
    } finally {
      IndexStore.lockWaitMillis = wait;
    }
  }

  /**
   * A damaged index was cleared (its files deleted) without the write lock: a second astana-qa that
   * met the index while the first was rebuilding it deleted the files the first was writing, and
   * the first's commit then failed or named files that were gone. The index is cleared only by the
   * one holding its lock; the other waits for the lock, as for any rebuild.
   */
  @Test
  void aDamagedIndexIsNotClearedWhileAnotherInstanceHoldsItsLock() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    open();
    try (Stream<Path> files = Files.list(index)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
        Files.write(f, new byte[] {1, 2, 3});
      }
    }
    List<String> before;
    try (Stream<Path> files = Files.list(index)) {
      before = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    long wait = IndexStore.lockWaitMillis;
    IndexStore.lockWaitMillis = 600; // held for good: the wait ends, then the error
    try (Directory d = FSDirectory.open(index);
        org.apache.lucene.store.Lock held =
            d.obtainLock(org.apache.lucene.index.IndexWriter.WRITE_LOCK_NAME)) {
      CorpusException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CorpusException.class,
              () ->
                  QuestionAnswerer.open(
                      corpus,
                      d,
                      Settings.defaults(),
                      QuestionAnswerer.Options.of(null, ProgressListener.NONE, false)));
      assertTrue(e.getMessage().contains("locked by another running astana-qa"), e.getMessage());
      List<String> after;
      try (Stream<Path> files = Files.list(index)) {
        after = files.map(f -> f.getFileName().toString()).sorted().toList();
      }
      assertEquals(before, after, "the lock holder's files are left alone");
    } finally {
      IndexStore.lockWaitMillis = wait;
    }
    IndexReport r = open();
    assertTrue(r.rebuilt(), "once the lock is free, the damaged index is rebuilt");
    assertEquals(1, r.documents());
  }

  @Test
  void aSecondRunWaitsForTheOneWritingTheIndexAndThenUsesIt() throws Exception {
    // From a probe: two "ask" runs started together on a new corpus; the second found the first
    // building the index and exited 2, "locked by another running astana-qa; stop that one".
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    try (Directory d = FSDirectory.open(index)) {
      org.apache.lucene.store.Lock held =
          d.obtainLock(org.apache.lucene.index.IndexWriter.WRITE_LOCK_NAME);
      Thread other =
          new Thread(
              () -> {
                try {
                  Thread.sleep(1500);
                  held.close();
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      other.start();
      try (QuestionAnswerer qa =
          QuestionAnswerer.open(
              corpus,
              d,
              Settings.defaults(),
              QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
        assertEquals(1, qa.report().documents());
      } finally {
        other.join();
      }
    }
  }

  @Test
  void anEmptyCorpusIsAnErrorSayingItHoldsNoFiles() throws Exception {
    try (Directory d = FSDirectory.open(index)) {
      CorpusException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CorpusException.class,
              () ->
                  QuestionAnswerer.open(
                          corpus,
                          d,
                          Settings.defaults(),
                          QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))
                      .close());
      assertTrue(e.getMessage().contains("no passage could be indexed"), e.getMessage());
      assertTrue(
          e.getMessage().contains("it holds no files (supported: .txt, .md"), e.getMessage());
    }
  }

  @Test
  void aCorpusOfOnlyHiddenFilesIsAnErrorNamingThemAndHowToHaveThemRead() throws Exception {
    // From a probe: a folder of ".notes.txt" and ".DS_Store" was said to hold no files, where
    // ls -a shows two; they are hidden, and not read, and a document among them is to be renamed
    Files.writeString(corpus.resolve(".notes.txt"), "The guarantors met in Astana.");
    Files.write(corpus.resolve(".DS_Store"), new byte[] {0, 0, 0, 1});
    try (Directory d = FSDirectory.open(index)) {
      CorpusException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CorpusException.class,
              () ->
                  QuestionAnswerer.open(
                          corpus,
                          d,
                          Settings.defaults(),
                          QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))
                      .close());
      assertEquals(
          "no passage could be indexed from corpus folder "
              + corpus
              + ": it holds only hidden files, whose names begin with \".\" and which are not"
              + " read: .DS_Store, .notes.txt; rename the documents among them without the leading"
              + " dot (.notes.txt as notes.txt; supported: .txt, .md, .markdown, .html, .htm,"
              + " .pdf, .docx, .odt)",
          e.getMessage());
    }
    // a hidden folder, and hidden files without a document among them
    assertEquals(
        "it holds only hidden files and folders, whose names begin with \".\" and which are not"
            + " read: .DS_Store, .git/, a/.drafts/; rename a folder of documents among them"
            + " without the leading dot (supported: "
            + org.astanaqa.retrieval.corpus.Formats.SUPPORTED
            + ")",
        IndexStore.noFiles(List.of(".DS_Store", ".git/", "a/.drafts/")));
    assertEquals(
        "it holds only hidden files, whose names begin with \".\" and which are not read:"
            + " .DS_Store, a/.b.md; rename the documents among them without the leading dot"
            + " (a/.b.md as a/b.md; supported: "
            + org.astanaqa.retrieval.corpus.Formats.SUPPORTED
            + ")",
        IndexStore.noFiles(List.of(".DS_Store", "a/.b.md")));
    assertTrue(
        IndexStore.noFiles(List.of(".DS_Store"))
            .endsWith(
                ".DS_Store; none of them is a document: put documents in it (supported: "
                    + org.astanaqa.retrieval.corpus.Formats.SUPPORTED
                    + ")"));
    assertEquals(
        "it holds no files (supported: " + org.astanaqa.retrieval.corpus.Formats.SUPPORTED + ")",
        IndexStore.noFiles(List.of()));
  }

  @Test
  void anIndexFolderDeletedBetweenRunsIsRebuilt() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    open();
    try (Stream<Path> files = Files.list(index)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    IndexReport r = open();
    assertTrue(r.rebuilt());
    assertEquals("no index yet", r.reason());
  }

  @Test
  void aFiftyMegabyteFileIsIndexedAndAnsweredFrom() throws Exception {
    StringBuilder line = new StringBuilder();
    try (java.io.BufferedWriter w = Files.newBufferedWriter(corpus.resolve("big.txt"))) {
      for (int i = 0; i < 175_000; i++) {
        line.setLength(0);
        line.append("Paragraph ")
            .append(i)
            .append(" of the long report records meeting number ")
            .append(i)
            .append(
                " of the working group, which reviewed the ceasefire and the humanitarian access in")
            .append(
                " the region, and agreed on the next steps for the talks. The delegations thanked the")
            .append(" hosts for the arrangements made for meeting number ")
            .append(i)
            .append(".\n");
        w.write(line.toString());
      }
      w.write(
          "The final paragraph names the rapporteur, Ms. Quillfeather, who closed the session.\n");
    }
    assertTrue(Files.size(corpus.resolve("big.txt")) >= 50_000_000L, "a 50 MB file");
    Files.writeString(corpus.resolve("small.txt"), "The guarantors met in Astana.");
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.open(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      assertEquals(2, qa.report().documents());
      assertTrue(qa.report().passages() > 100_000);
      assertTrue(
          qa.ask("Who is the rapporteur Quillfeather?")
              .quotes()
              .get(0)
              .text()
              .contains("Quillfeather"));
      assertTrue(qa.ask("guarantors Astana").answered());
    }
  }

  @Test
  void remembersSkippedFilesWhenTheIndexIsReused() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The text is here.");
    Files.write(corpus.resolve("b.txt"), new byte[] {'x', (byte) 0x81, 0x01});
    open();
    IndexReport reused = open();
    assertFalse(reused.rebuilt());
    assertEquals("b.txt", reused.skipped().get(0).path());
  }

  /** Counts the files a directory has open, to show that nothing is left open. */
  private static final class CountingDirectory extends org.apache.lucene.store.FilterDirectory {
    final java.util.concurrent.atomic.AtomicInteger open =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean denySegments;
    volatile boolean readOnly;

    @Override
    public org.apache.lucene.store.Lock obtainLock(String name) throws java.io.IOException {
      if (readOnly) {
        throw new java.nio.file.FileSystemException(name, null, "Read-only file system");
      }
      return super.obtainLock(name);
    }

    CountingDirectory(Directory in) {
      super(in);
    }

    @Override
    public org.apache.lucene.store.IndexInput openInput(
        String name, org.apache.lucene.store.IOContext context) throws java.io.IOException {
      if (denySegments && name.startsWith("segments")) {
        throw new java.nio.file.AccessDeniedException(name);
      }
      org.apache.lucene.store.IndexInput in = super.openInput(name, context);
      open.incrementAndGet();
      return new org.apache.lucene.store.FilterIndexInput("counted " + name, in) {
        private boolean closed;

        @Override
        public void close() throws java.io.IOException {
          if (!closed) {
            closed = true;
            open.decrementAndGet();
          }
          super.close();
        }
      };
    }
  }

  @Test
  void aDamagedReportDocxAddedWhileTheBotRunsLeavesTheGoodReportPdfIndexed() throws Exception {
    Files.write(corpus.resolve("report.pdf"), org.astanaqa.retrieval.Fixtures.unRecordPdf());
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.openLive(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
      assertEquals(
          List.of("report"), qa.sources().stream().map(org.astanaqa.retrieval.Source::id).toList());
      Files.writeString(corpus.resolve("report.docx"), "PK no zip at all");
      IndexReport r = qa.update(false);
      assertEquals(
          List.of("report"), // it keeps its id: the file that came is the one named in full
          qa.sources().stream().map(org.astanaqa.retrieval.Source::id).toList());
      assertEquals(List.of("report.docx"), r.skipped().stream().map(SkippedFile::path).toList());
    }
  }

  /**
   * From a probe: a read-only data folder whose corpus changed made the console say "cannot read
   * the index ... write.lock: Read-only file system; check the folder's permissions", where ask and
   * sources said that the folder cannot be written, and what to do about it.
   */
  @Test
  void aChangedCorpusOverAnIndexThatCannotBeWrittenSaysSoAndWhatToDo() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    open();
    Files.writeString(corpus.resolve("b.txt"), "The talks went on in Sochi.");
    try (CountingDirectory d = new CountingDirectory(FSDirectory.open(index))) {
      d.readOnly = true;
      CorpusException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CorpusException.class,
              () ->
                  QuestionAnswerer.openLive(
                          corpus,
                          d,
                          Settings.defaults(),
                          QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))
                      .close());
      assertTrue(e.getMessage().startsWith("cannot write the index in "), e.getMessage());
      assertTrue(e.getMessage().contains("Read-only file system"), e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith("check that the folder is writable or choose another with --index"),
          e.getMessage());
      assertEquals(0, d.open.get(), "files left open");
    }
  }

  /**
   * From a probe (a 2 MB tmpfs): a rebuild that filled the disk said "No space left on device;
   * check that the folder is writable", sending the user to the permissions of a folder that was
   * fine. It says to free space, and the last complete index still answers.
   */
  @Test
  void aRebuildThatFillsTheDiskSaysToFreeSpaceAndTheLastIndexStays() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    open();
    Files.writeString(corpus.resolve("b.txt"), "The talks went on in Sochi.");
    try (Directory full =
        new org.apache.lucene.store.FilterDirectory(FSDirectory.open(index)) {
          @Override
          public org.apache.lucene.store.IndexOutput createOutput(
              String name, org.apache.lucene.store.IOContext context) throws java.io.IOException {
            throw new java.nio.file.FileSystemException(
                index.resolve(name).toString(), null, "No space left on device");
          }
        }) {
      CorpusException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CorpusException.class,
              () ->
                  QuestionAnswerer.open(
                          corpus,
                          full,
                          Settings.defaults(),
                          QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))
                      .close());
      assertTrue(e.getMessage().startsWith("cannot write the index in "), e.getMessage());
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      assertTrue(
          e.getMessage().endsWith("free space on its disk or choose another folder with --index"),
          e.getMessage());
      assertFalse(e.getMessage().contains("writable"), e.getMessage());
    }
    Files.delete(corpus.resolve("b.txt"));
    IndexReport kept = open();
    assertFalse(kept.rebuilt(), "the last complete index is there and up to date: " + kept);
    assertEquals(1, kept.documents());
  }

  private List<String> ids(QuestionAnswerer qa) {
    return qa.sources().stream().map(org.astanaqa.retrieval.Source::id).sorted().toList();
  }

  /**
   * report.md put beside an indexed report.txt changed the id of report.txt from "report" to
   * "report.txt", so every reference stored to "report" (a questions file's expected document, a 👎
   * kept by the bot) found nothing. The file that had the id keeps it, in a live update, in a
   * rebuild of the changed corpus (ask) and in a rebuild asked for (index); a corpus indexed with
   * both at once names both in full, as before.
   */
  @Test
  void aFileOfTheSameNameAddedBesideAnIndexedOneLeavesItsIdAsItWas() throws Exception {
    Files.writeString(corpus.resolve("report.txt"), "The guarantors met in Astana.");
    QuestionAnswerer.Options options =
        QuestionAnswerer.Options.of(null, ProgressListener.NONE, false);
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa = QuestionAnswerer.openLive(corpus, d, Settings.defaults(), options)) {
      assertEquals(List.of("report"), ids(qa));
      Files.writeString(corpus.resolve("report.md"), "The talks went on in Sochi.");
      qa.update(false);
      assertEquals(List.of("report", "report.md"), ids(qa));
      Files.delete(corpus.resolve("report.md"));
      qa.update(false);
      assertEquals(List.of("report"), ids(qa));
    }
    Files.writeString(corpus.resolve("report.md"), "The talks went on in Sochi.");
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa = QuestionAnswerer.open(corpus, d, Settings.defaults(), options)) {
      assertTrue(qa.report().rebuilt(), qa.report().reason());
      assertEquals(List.of("report", "report.md"), ids(qa));
      assertEquals("report.txt", qa.ask("guarantors Astana").quotes().get(0).source().title());
    }
    try (Directory d = FSDirectory.open(index);
        QuestionAnswerer qa =
            QuestionAnswerer.open(
                corpus,
                d,
                Settings.defaults(),
                QuestionAnswerer.Options.of(null, ProgressListener.NONE, true))) {
      assertEquals(List.of("report", "report.md"), ids(qa), "a forced rebuild keeps them too");
    }
    Path fresh = Files.createTempDirectory(index.getParent(), "fresh");
    try (Directory d = FSDirectory.open(fresh);
        QuestionAnswerer qa = QuestionAnswerer.open(corpus, d, Settings.defaults(), options)) {
      assertEquals(List.of("report.md", "report.txt"), ids(qa));
    }
  }

  @Test
  void anIndexThatCannotBeReadForAnotherReasonThanDamageIsAClearErrorAndIsKept() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    open();
    java.util.List<String> before;
    try (Stream<Path> files = Files.list(index)) {
      before = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    try (CountingDirectory d = new CountingDirectory(FSDirectory.open(index))) {
      d.denySegments = true;
      CorpusException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CorpusException.class,
              () ->
                  QuestionAnswerer.open(
                          corpus,
                          d,
                          Settings.defaults(),
                          QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))
                      .close());
      assertTrue(e.getMessage().startsWith("cannot read the index in "), e.getMessage());
      assertTrue(e.getMessage().contains("segments_1: permission denied"), e.getMessage());
      assertEquals(0, d.open.get(), "files left open");
    }
    try (Stream<Path> files = Files.list(index)) {
      assertEquals(
          before,
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "the index was kept");
    }
  }

  @Test
  void commitDataItDoesNotReadAsNumbersNeitherRebuildsTheIndexNorLeavesItOpen() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    open();
    try (Directory d = FSDirectory.open(index);
        org.apache.lucene.index.IndexWriter w =
            new org.apache.lucene.index.IndexWriter(
                d,
                new org.apache.lucene.index.IndexWriterConfig(Analyzers.text())
                    .setOpenMode(org.apache.lucene.index.IndexWriterConfig.OpenMode.APPEND))) {
      java.util.Map<String, String> data = new java.util.HashMap<>();
      w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      data.put(Fields.COMMIT_DOCUMENTS, "one"); // written by some other version
      w.setLiveCommitData(data.entrySet());
      w.commit();
    }
    try (CountingDirectory d = new CountingDirectory(FSDirectory.open(index))) {
      try (QuestionAnswerer qa =
          QuestionAnswerer.open(
              corpus,
              d,
              Settings.defaults(),
              QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
        assertFalse(qa.report().rebuilt(), qa.report().reason());
        assertEquals(1, qa.report().documents());
      }
      assertEquals(0, d.open.get(), "files left open");
    }
  }

  @Test
  void aLiveEngineLeavesNoFileOpenAfterUpdatesAndClose() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    try (CountingDirectory d = new CountingDirectory(FSDirectory.open(index))) {
      try (QuestionAnswerer qa =
          QuestionAnswerer.openLive(
              corpus,
              d,
              Settings.defaults(),
              QuestionAnswerer.Options.of(null, ProgressListener.NONE, false))) {
        Files.writeString(corpus.resolve("b.txt"), "The observers met in Geneva.");
        qa.update(false);
        assertEquals(2, qa.report().documents());
        qa.ask("Where did the observers meet?");
        qa.update(true);
      }
      assertEquals(0, d.open.get(), "files left open");
    }
  }

  @Test
  void aRebuildThatFailsPartWayLeavesTheLastGoodIndexNotAPartOne() throws Exception {
    // Lucene commits on close by default: a rebuild (OpenMode.CREATE) that threw part way through
    // (a failed embedding, a runtime error) was saved over the last good index as it stood when
    // the writer closed, with only the documents indexed so far.
    Files.writeString(corpus.resolve("a.txt"), "The guarantors met in Astana.");
    Files.writeString(corpus.resolve("b.txt"), "The memorandum was signed in Sochi.");
    Files.writeString(corpus.resolve("c.txt"), "The envoy went to Damascus.");
    assertEquals(3, open().documents());
    int before;
    try (org.apache.lucene.index.DirectoryReader r =
        org.apache.lucene.index.DirectoryReader.open(FSDirectory.open(index))) {
      before = r.numDocs();
    }
    ProgressListener failing =
        (done, total) -> {
          throw new IllegalStateException("embedding failed after document " + done);
        };
    try (Directory d = FSDirectory.open(index)) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalStateException.class,
          () -> IndexStore.open(corpus, d, Settings.defaults(), null, failing, true, false));
    }
    try (org.apache.lucene.index.DirectoryReader r =
        org.apache.lucene.index.DirectoryReader.open(FSDirectory.open(index))) {
      assertEquals(before, r.numDocs(), "the last good index, whole");
    }
    assertEquals(3, open().documents());
  }
}
