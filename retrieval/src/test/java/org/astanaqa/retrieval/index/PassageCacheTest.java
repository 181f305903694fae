package org.astanaqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PassageCache#previous} on a live index whose documents are added, changed, removed. */
class PassageCacheTest {
  @TempDir Path corpus;
  @TempDir Path index;

  private static long clock = System.currentTimeMillis();

  private void write(String name, String... paragraphs) throws Exception {
    Path p = Files.writeString(corpus.resolve(name), String.join("\n\n", paragraphs) + "\n");
    clock += 5000; // a later modification time than the last write
    Files.setLastModifiedTime(p, FileTime.fromMillis(clock));
  }

  private static String[] paragraphs(String doc, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] =
          "The delegates of the "
              + doc
              + " talks discussed the "
              + i
              + " issue on the agenda at length. They agreed to meet again in Astana.";
    }
    return out;
  }

  /**
   * Every live passage's previous is null for a document's first passage and otherwise its own
   * document's passage with the ordinal one less; never another document's, never a throw.
   */
  private static int checkEveryPassage(IndexView view) throws Exception {
    Bits live = MultiBits.getLiveDocs(view.getIndexReader());
    TermQuery passages = new TermQuery(new Term(Fields.KIND, Fields.KIND_PASSAGE));
    ScoreDoc[] hits = view.search(passages, Math.max(1, view.count(passages))).scoreDocs;
    int found = 0;
    for (ScoreDoc sd : hits) {
      assertTrue(live == null || live.get(sd.doc));
      Passage here = view.cache.get(view, sd.doc).passage();
      PassageCache.Analyzed prev = view.cache.previous(view, sd.doc, here);
      if (here.ordinal() == 0) {
        assertNull(prev, "a first passage has none before it: " + here);
        continue;
      }
      // each document here went in as one block (an update) or in one segment (the first build)
      assertNotNull(prev, "passage " + here.ordinal() + " of " + here.source().id());
      assertEquals(here.source().id(), prev.passage().source().id());
      assertEquals(here.ordinal() - 1, prev.passage().ordinal());
      assertTrue(here.source() == prev.passage().source(), "the same view's source");
      found++;
    }
    return found;
  }

  @Test
  void theParagraphBeforeIsAlwaysTheSameDocumentsAsItIsAddedChangedAndRemoved() throws Exception {
    write("a.txt", paragraphs("Alpha", 3));
    write("b.txt", paragraphs("Bravo", 4));
    write("c.txt", paragraphs("Charlie", 2));
    Settings settings = Settings.defaults();
    try (Directory d = FSDirectory.open(index);
        LiveIndex live =
            new LiveIndex(
                corpus,
                d,
                IndexStore.open(corpus, d, settings, null, ProgressListener.NONE, false, false),
                settings,
                null)) {
      IndexView first = live.acquire();
      try {
        assertEquals(2 + 3 + 1, checkEveryPassage(first));

        // b changes (now fewer passages), a goes, d comes: b's old passages stay in the index as
        // deleted documents right before the source record of its new version
        write("b.txt", paragraphs("Bravo changed", 2));
        Files.delete(corpus.resolve("a.txt"));
        write("d.txt", paragraphs("Delta", 3));
        live.update(false);
        IndexView second = live.acquire();
        try {
          assertTrue(second != first, "a new view");
          assertEquals(1 + 1 + 2, checkEveryPassage(second));

          // and again, so the deleted ones sit between live ones of the same document id
          write("b.txt", paragraphs("Bravo again", 5));
          write("c.txt", paragraphs("Charlie again", 3));
          live.update(false);
          IndexView third = live.acquire();
          try {
            assertTrue(third.getIndexReader().numDeletedDocs() > 0, "the old versions, deleted");
            assertEquals(4 + 2 + 2, checkEveryPassage(third));
          } finally {
            live.release(third);
          }
        } finally {
          live.release(second);
        }
        // the first view, still held, reads its own passages: its cache is its own
        assertEquals(2 + 3 + 1, checkEveryPassage(first));
      } finally {
        live.release(first);
      }
    }
  }

  @Test
  void aDocumentSplitBetweenSegmentsThatAMergeReordersHasNoPreviousFromAnother() throws Exception {
    // The one-pass build adds a document's passages one at a time: a flush of the writer's buffer
    // can come between two of them, and the default TieredMergePolicy's forceMerge(1) puts the
    // larger segments first. Here W (large), then X's source and passages 0-1, then X's 2-3.
    Source w = new Source("w", "W", null, null, null);
    Source x = new Source("x", "X", null, null, null);
    String words = "The delegates met again in Astana and discussed the agenda. ";
    List<Passage> ws = List.of(passage(w, 0, words.repeat(40)), passage(w, 1, words.repeat(40)));
    List<Passage> xs =
        List.of(
            passage(x, 0, words),
            passage(x, 1, words),
            passage(x, 2, words.repeat(3)),
            passage(x, 3, words.repeat(3)));
    List<Document> wDocs = PassageIndexer.block(w, null, null, ws, null, false);
    List<Document> xDocs = PassageIndexer.block(x, null, null, xs, null, false);
    try (Directory d = new ByteBuffersDirectory();
        IndexWriter writer = new IndexWriter(d, new IndexWriterConfig())) {
      for (Document doc : wDocs) {
        writer.addDocument(doc);
      }
      writer.flush();
      for (Document doc : xDocs.subList(0, 3)) {
        writer.addDocument(doc);
      }
      writer.flush();
      for (Document doc : xDocs.subList(3, 5)) {
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
      writer.commit();
      try (DirectoryReader reader = DirectoryReader.open(d)) {
        IndexView view = new IndexView(reader, Settings.defaults());
        Map<String, Integer> docOf = new HashMap<>();
        for (int i = 0; i < reader.maxDoc(); i++) {
          Document doc = view.storedFields().document(i);
          if (doc.getField(Fields.ORDINAL) != null) {
            docOf.put(doc.get(Fields.ID) + doc.getField(Fields.ORDINAL).numericValue(), i);
          }
        }
        int x2 = docOf.get("x2");
        assertEquals(docOf.get("w1") + 1, x2, "X's passage 2 now follows W's passage 1");
        assertNull(previous(view, x2), "W's passage 1 is not X's");
        assertEquals(2, previous(view, docOf.get("x3")).passage().ordinal());
        assertEquals("x", previous(view, docOf.get("x1")).passage().source().id());
        assertNull(previous(view, docOf.get("x0")));
        assertNull(previous(view, docOf.get("w0")));
      }
    }
  }

  private static Passage passage(Source s, int ordinal, String text) {
    return new Passage(s, ordinal, text, 0, text.length());
  }

  /** {@link PassageCache#previous} of the passage with Lucene id {@code doc}. */
  private static PassageCache.Analyzed previous(IndexView view, int doc) throws Exception {
    return view.cache.previous(view, doc, view.cache.get(view, doc).passage());
  }
}
