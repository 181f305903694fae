package org.astanaqa.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/** Turns documents into Lucene documents: one per source, one per passage. */
final class PassageIndexer {
  private PassageIndexer() {}

  /** Passages embedded in one call: enough to keep every core busy, few enough to hold. */
  static final int EMBED_BATCH = 256;

  /**
   * Adds every document and its passages to an already-configured writer. Passages go to the
   * writer as the splitter makes them (in batches for the embedding model), so a large document
   * is never held as a list of its passages.
   *
   * @return the number of passages added
   */
  static int indexDocs(IndexWriter writer, List<CorpusDocument> docs, Embedder embedder, ProgressListener progress)
      throws IOException {
    int[] passages = {0};
    int done = 0;
    int batchSize = embedder == null ? 1 : EMBED_BATCH;
    progress.started(docs.size());
    for (CorpusDocument doc : docs) {
      writer.addDocument(sourceDoc(doc.source()));
      List<Passage> batch = new ArrayList<>(batchSize);
      try {
        PassageSplitter.split(doc, p -> {
          batch.add(p);
          if (batch.size() == batchSize) {
            passages[0] += add(writer, batch, embedder);
          }
        });
        passages[0] += add(writer, batch, embedder);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      progress.progress(++done, docs.size());
    }
    return passages[0];
  }

  /** Adds a batch of passages, with their vectors when there is a model, and empties it. */
  private static int add(IndexWriter writer, List<Passage> batch, Embedder embedder) {
    List<float[]> vectors =
        embedder == null || batch.isEmpty() ? null : embedder.embedPassages(batch.stream().map(PassageIndexer::embeddedText).toList());
    try {
      for (int i = 0; i < batch.size(); i++) {
        Document d = passageDoc(batch.get(i));
        if (vectors != null) {
          d.add(new KnnFloatVectorField(Fields.VECTOR, vectors.get(i), VectorSimilarityFunction.COSINE));
        }
        writer.addDocument(d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int n = batch.size();
    batch.clear();
    return n;
  }

  /**
   * What the model reads of a passage: the document's title, then the passage, so that the title
   * gives every passage its context (as it does for BM25 through {@link Fields#TITLE_TEXT}).
   */
  static String embeddedText(Passage p) {
    String title = p.source().title();
    if (title == null || title.isBlank()) {
      return p.text();
    }
    title = title.strip();
    return title + (title.matches(".*[.!?:]$") ? " " : ". ") + p.text();
  }

  private static Document sourceDoc(Source s) {
    Document d = new Document();
    d.add(new StringField(Fields.KIND, Fields.KIND_SOURCE, Field.Store.NO));
    d.add(new StringField(Fields.ID, s.id(), Field.Store.YES));
    d.add(new SortedDocValuesField(Fields.ID, new BytesRef(s.id()))); // Lucene wants one schema per field
    d.add(new StoredField(Fields.TITLE, s.title()));
    storeIfKnown(d, Fields.PUBLISHER, s.publisher());
    storeIfKnown(d, Fields.DATE, s.date());
    storeIfKnown(d, Fields.URL, s.url());
    return d;
  }

  private static Document passageDoc(Passage p) {
    Document d = new Document();
    d.add(new StringField(Fields.KIND, Fields.KIND_PASSAGE, Field.Store.NO));
    d.add(new StringField(Fields.ID, p.source().id(), Field.Store.YES));
    // Doc values too: ranking a hundred passages by document must not decompress stored fields.
    d.add(new SortedDocValuesField(Fields.ID, new BytesRef(p.source().id())));
    // TextField indexes positions, which the proximity (phrase) clauses need.
    d.add(new TextField(Fields.TEXT, p.text(), Field.Store.YES));
    d.add(new TextField(Fields.TITLE_TEXT, p.source().title(), Field.Store.NO));
    d.add(new StoredField(Fields.ORDINAL, p.ordinal()));
    d.add(new StoredField(Fields.START, p.start()));
    d.add(new StoredField(Fields.END, p.end()));
    return d;
  }

  private static void storeIfKnown(Document d, String field, String value) {
    if (value != null) {
      d.add(new StoredField(field, value));
    }
  }

  /** Reads a source document back. */
  static Source toSource(Document d) {
    return new Source(d.get(Fields.ID), d.get(Fields.TITLE), d.get(Fields.PUBLISHER), d.get(Fields.DATE), d.get(Fields.URL));
  }

  /** Reads a passage document back, given the sources by id. */
  static Passage toPassage(Document d, Source source) {
    return new Passage(
        source,
        d.getField(Fields.ORDINAL).numericValue().intValue(),
        d.get(Fields.TEXT),
        d.getField(Fields.START).numericValue().intValue(),
        d.getField(Fields.END).numericValue().intValue());
  }
}
