package org.astanaqa.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
import org.astanaqa.retrieval.CorpusDocument;
import org.astanaqa.retrieval.Embedder;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.ProgressListener;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.text.PassageSplitter;

/** Turns documents into Lucene documents: one per source, one per passage. */
public final class PassageIndexer {
  private PassageIndexer() {}

  /** Passages embedded in one call: enough to keep every core busy, few enough to hold. */
  static final int EMBED_BATCH = 256;

  /**
   * Adds every document and its passages to an already-configured writer. Passages go to the writer
   * as the splitter makes them (in batches for the embedding model), so a large document is never
   * held as a list of its passages.
   *
   * @return the number of passages added
   */
  static int indexDocs(
      IndexWriter writer, List<CorpusDocument> docs, Embedder embedder, ProgressListener progress)
      throws IOException {
    return indexDocs(writer, docs, embedder, progress, Map.of(), Map.of(), Map.of(), w -> {});
  }

  /**
   * As {@link #indexDocs(IndexWriter, List, Embedder, ProgressListener)}, each source recording its
   * file's stamp and warning ({@link Fields#STAMP}, {@link Fields#WARNING}) by document id. A
   * document from which no passage came gets the warning {@link #withNoPassage} adds, under its
   * file's name in {@code files} (its id when not there), and that warning goes to {@code
   * noPassage} too.
   */
  static int indexDocs(
      IndexWriter writer,
      List<CorpusDocument> docs,
      Embedder embedder,
      ProgressListener progress,
      Map<String, String> stamps,
      Map<String, String> warnings,
      Map<String, String> files,
      Consumer<String> noPassage)
      throws IOException {
    int[] passages = {0};
    int done = 0;
    int batchSize = embedder == null ? 1 : EMBED_BATCH;
    progress.started(docs.size());
    for (CorpusDocument doc : docs) {
      String id = doc.source().id();
      Document source = sourceDoc(doc.source());
      // The source goes in before its first passage, once it is known whether one comes at all.
      boolean[] sourceAdded = {false};
      List<Passage> batch = new ArrayList<>(batchSize);
      try {
        PassageSplitter.split(
            doc,
            p -> {
              if (!sourceAdded[0]) {
                addFileFields(source, stamps.get(id), warnings.get(id));
                addDocument(writer, source);
                sourceAdded[0] = true;
              }
              batch.add(p);
              if (batch.size() == batchSize) {
                passages[0] += add(writer, batch, embedder);
              }
            });
        passages[0] += add(writer, batch, embedder);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      if (!sourceAdded[0]) {
        String warning = withNoPassage(warnings.get(id), files.getOrDefault(id, id), doc, 0);
        addFileFields(source, stamps.get(id), warning);
        writer.addDocument(source);
        noPassage.accept(lastLine(warning));
      }
      progress.progress(++done, docs.size());
    }
    return passages[0];
  }

  /**
   * A document's warning with, when no passage came from it ({@code passages} is 0), the line that
   * says so and why: "list.txt: no passage to quote: only headings or lists, no sentences" (its
   * lines are all dropped as not prose, {@link PassageSplitter}) or "...: the file is empty".
   * Nothing of such a document is ever quoted, so its file is named like a partly read one.
   *
   * @param warning the file's other warning, or null
   * @param file the file's path in the corpus folder
   * @return the warning to keep on the document's source, or null when there is none; lines are
   *     separated by a newline
   */
  static String withNoPassage(String warning, String file, CorpusDocument doc, int passages) {
    if (passages > 0) {
      return warning;
    }
    String line =
        org.astanaqa.retrieval.corpus.CorpusReader.oneLine(file)
            + ": no passage to quote: "
            + noPassageReason(file, doc);
    return warning == null ? line : warning + "\n" + line;
  }

  /** Why no passage came from {@code doc}, read from {@code file}: "the file is empty"... */
  static String noPassageReason(String file, CorpusDocument doc) {
    return doc.text().isBlank()
        ? noText(file)
        : caseless(doc.text())
            ? "written in a script without lower-case letters (as Arabic, Chinese or"
                + " Hebrew), whose lines are never taken for sentences"
            : "only headings or lists, no sentences";
  }

  /**
   * Whether most of {@code text}'s letters are of a script without case (Arabic, Chinese, Hebrew,
   * Hindi...): a line is taken for a sentence by its lower-case words ({@code Sentences.isProse}),
   * so an article of whole sentences in such a script was said to hold "only headings or lists".
   */
  static boolean caseless(String text) {
    long lower = 0;
    long caseless = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLowerCase(cp)) {
        lower++;
      } else if (Character.getType(cp) == Character.OTHER_LETTER) {
        caseless++;
      }
    }
    return caseless > lower;
  }

  /**
   * Why a file gave no text: "the file is empty" for a plain text file only; a web page of scripts
   * and navigation alone was said to be an empty file, which the user could see it was not.
   */
  private static String noText(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    return switch (ext) {
      case "txt", "md", "markdown" -> "the file is empty";
      case "html", "htm" ->
          "no article text in the page (scripts, styles, navigation, headers and"
              + " footers are left out)";
      default -> "no text in it";
    };
  }

  /** The last line of a warning: the one {@link #withNoPassage} added. */
  static String lastLine(String warning) {
    return warning.substring(warning.lastIndexOf('\n') + 1);
  }

  private static void addDocument(IndexWriter writer, Document d) {
    try {
      writer.addDocument(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A document's passages, in order. */
  static List<Passage> split(CorpusDocument doc) {
    List<Passage> out = new ArrayList<>();
    PassageSplitter.split(doc, out::add);
    return out;
  }

  /**
   * The Lucene documents of one corpus document, its source first: what a live update adds in one
   * block. With a model, each passage gets its vector from the cache or, when {@code compute}, from
   * the model; a document some of whose passages have none is marked {@link Fields#PENDING} for the
   * background work to complete.
   */
  static List<Document> block(
      Source s,
      String stamp,
      String warning,
      List<Passage> passages,
      Embedder embedder,
      boolean compute) {
    List<float[]> vectors = null;
    if (embedder != null && !passages.isEmpty()) {
      List<String> texts = passages.stream().map(PassageIndexer::embeddedText).toList();
      vectors = compute ? embedder.embedPassages(texts) : embedder.cachedPassages(texts);
    }
    List<Document> out = new ArrayList<>(passages.size() + 1);
    Document source = sourceDoc(s);
    addFileFields(source, stamp, warning);
    out.add(source);
    int missing = 0;
    for (int i = 0; i < passages.size(); i++) {
      Document d = passageDoc(passages.get(i));
      float[] v = vectors == null ? null : vectors.get(i);
      if (v != null) {
        d.add(new KnnFloatVectorField(Fields.VECTOR, v, VectorSimilarityFunction.COSINE));
      } else if (embedder != null) {
        missing++;
      }
      out.add(d);
    }
    if (missing > 0) {
      source.add(new StringField(Fields.PENDING, "1", Field.Store.NO));
      source.add(new StoredField(Fields.MISSING_VECTORS, missing));
    }
    return out;
  }

  private static void addFileFields(Document source, String stamp, String warning) {
    storeIfKnown(source, Fields.STAMP, stamp);
    storeIfKnown(source, Fields.WARNING, warning);
  }

  /** Adds a batch of passages, with their vectors when there is a model, and empties it. */
  private static int add(IndexWriter writer, List<Passage> batch, Embedder embedder) {
    List<float[]> vectors =
        embedder == null || batch.isEmpty()
            ? null
            : embedder.embedPassages(batch.stream().map(PassageIndexer::embeddedText).toList());
    try {
      for (int i = 0; i < batch.size(); i++) {
        Document d = passageDoc(batch.get(i));
        if (vectors != null) {
          d.add(
              new KnnFloatVectorField(
                  Fields.VECTOR, vectors.get(i), VectorSimilarityFunction.COSINE));
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
   * gives every passage its context (as it does for BM25 through {@link Fields#TITLE_TEXT}). The
   * speaker the passage leans on is left out: read by the model too, it lost more tune questions
   * (held-out -3, Russian -2) than it won (follow-ups +6).
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
    d.add(
        new SortedDocValuesField(
            Fields.ID, new BytesRef(s.id()))); // Lucene wants one schema per field
    d.add(new StoredField(Fields.TITLE, s.title()));
    storeIfKnown(d, Fields.PUBLISHER, s.publisher());
    if (s.publisher() != null) {
      d.add(new TextField(Fields.PUBLISHER_TEXT, s.publisher(), Field.Store.NO));
    }
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
    d.add(new TextField(Fields.TITLE_TEXT, p.context(), Field.Store.NO));
    if (!p.speaker().isEmpty()) {
      d.add(new StoredField(Fields.SPEAKER, p.speaker()));
    }
    if (!p.titled().isEmpty()) {
      d.add(new StoredField(Fields.TITLED, p.titled()));
    }
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
    return new Source(
        d.get(Fields.ID),
        d.get(Fields.TITLE),
        d.get(Fields.PUBLISHER),
        d.get(Fields.DATE),
        d.get(Fields.URL));
  }

  /** Reads a passage document back, given the sources by id. */
  static Passage toPassage(Document d, Source source) {
    return new Passage(
        source,
        d.getField(Fields.ORDINAL).numericValue().intValue(),
        d.get(Fields.TEXT),
        d.getField(Fields.START).numericValue().intValue(),
        d.getField(Fields.END).numericValue().intValue(),
        d.get(Fields.SPEAKER) == null ? "" : d.get(Fields.SPEAKER),
        d.get(Fields.TITLED) == null ? "" : d.get(Fields.TITLED));
  }
}
