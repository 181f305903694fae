package org.astanaqa.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.astanaqa.retrieval.Settings;
import org.astanaqa.retrieval.Source;

/**
 * One point-in-time view of the index: the searcher every question of that moment uses, with what
 * is read once per view (the sources, each passage's document id, the analyzed passages). A live
 * update makes a new view; {@link org.apache.lucene.search.SearcherManager} hands views out and
 * closes an old one when the last question using it is done.
 */
public final class IndexView extends IndexSearcher {
  /** Analyzed passages kept in memory (about 10 KB each). */
  private static final int PASSAGE_CACHE = 4096;

  public final Map<String, Source> sources;

  /** The document id of every passage, by Lucene doc id (null for source records). */
  public final String[] idByDoc;

  public final PassageCache cache;
  final int documents;
  public final int passages;

  /** Passages that have no vector yet (hybrid mode; 0 when all have, and in the BM25 mode). */
  public final int missingVectors;

  /** Warnings about single files, kept on their sources. */
  final List<String> fileWarnings;

  public final Map<String, String> commitData;

  /** The months and years the documents are dated in ({@code QuestionQuery}). */
  public final DocumentDates dates;

  public IndexView(IndexReader reader, Settings settings) throws IOException {
    super(reader);
    setSimilarity(new BM25Similarity((float) settings.k1(), (float) settings.b()));
    Map<String, Source> byId = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    int missing = 0;
    TermQuery kind = new TermQuery(new Term(Fields.KIND, Fields.KIND_SOURCE));
    int n = Math.max(1, count(kind));
    for (ScoreDoc sd : search(kind, n).scoreDocs) {
      Document d = storedFields().document(sd.doc);
      Source s = PassageIndexer.toSource(d);
      byId.put(s.id(), s);
      if (d.get(Fields.WARNING) != null) {
        // One line a warning: a file read in another encoding may also have no passage.
        warnings.addAll(List.of(d.get(Fields.WARNING).split("\n")));
      }
      if (d.getField(Fields.MISSING_VECTORS) != null) {
        missing += d.getField(Fields.MISSING_VECTORS).numericValue().intValue();
      }
    }
    this.sources = Collections.unmodifiableMap(byId);
    this.dates = DocumentDates.of(byId.values());
    this.documents = byId.size();
    this.passages = count(new TermQuery(new Term(Fields.KIND, Fields.KIND_PASSAGE)));
    this.missingVectors = missing;
    this.fileWarnings = List.copyOf(warnings);
    this.idByDoc = idsByDoc(reader);
    this.cache = new PassageCache(PASSAGE_CACHE, sources);
    this.commitData =
        reader instanceof DirectoryReader dr
            ? Map.copyOf(dr.getIndexCommit().getUserData())
            : Map.of();
  }

  /** Makes a view of each reader the manager opens. */
  public static SearcherFactory factory(Settings settings) {
    return new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous)
          throws IOException {
        return new IndexView(reader, settings);
      }
    };
  }

  /** Reads every passage's document id from doc values once; each id string is shared. */
  private static String[] idsByDoc(IndexReader reader) {
    String[] ids = new String[reader.maxDoc()];
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        SortedDocValues dv = leaf.reader().getSortedDocValues(Fields.ID);
        if (dv == null) {
          continue;
        }
        String[] byOrd = new String[dv.getValueCount()];
        for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
          int ord = dv.ordValue();
          if (byOrd[ord] == null) {
            byOrd[ord] = dv.lookupOrd(ord).utf8ToString();
          }
          ids[leaf.docBase + doc] = byOrd[ord];
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read document ids from the index", e);
    }
    return ids;
  }
}
