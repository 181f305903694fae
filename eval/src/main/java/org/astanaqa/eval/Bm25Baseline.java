package org.astanaqa.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.astanaqa.retrieval.CorpusDocument;

/**
 * Plain Lucene BM25, the baseline every benchmark is measured against in the same run: title and
 * text in one field, {@code EnglishAnalyzer}, k1 0.9, b 0.4, and the question as a bag of its
 * analyzed words (a repeated word weighs more), as Anserini does. Nothing of the engine's question
 * handling, proximity or re-ranking.
 */
public final class Bm25Baseline implements AutoCloseable {
  private static final String ID = "id";
  private static final String BODY = "body";

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  private Bm25Baseline(Directory dir, DirectoryReader reader) {
    this.dir = dir;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    searcher.setSimilarity(new BM25Similarity(0.9f, 0.4f));
  }

  /** Indexes each document whole (title and text in one field) in memory. */
  public static Bm25Baseline build(List<CorpusDocument> docs) {
    Directory dir = new ByteBuffersDirectory();
    IndexWriterConfig config =
        new IndexWriterConfig(new EnglishAnalyzer()).setSimilarity(new BM25Similarity(0.9f, 0.4f));
    try (IndexWriter w = new IndexWriter(dir, config)) {
      for (CorpusDocument d : docs) {
        Document doc = new Document();
        doc.add(new StringField(ID, d.source().id(), Field.Store.YES));
        String title = d.source().title().equals(d.source().id()) ? "" : d.source().title();
        doc.add(new TextField(BODY, title + "\n" + d.text(), Field.Store.NO));
        w.addDocument(doc);
      }
      w.commit();
      return new Bm25Baseline(dir, DirectoryReader.open(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Document ids ranked for {@code question}, best first, at most {@code n}. */
  public List<String> rank(String question, int n) {
    try {
      Query q = bagOfWords(question);
      List<String> out = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(q, n).scoreDocs) {
        out.add(searcher.storedFields().document(sd.doc, java.util.Set.of(ID)).get(ID));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Query bagOfWords(String question) throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream(BODY, question)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        counts.merge(term.toString(), 1, Integer::sum);
      }
      ts.end();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (clauses++ >= IndexSearcher.getMaxClauseCount()) {
        break;
      }
      Query tq = new TermQuery(new Term(BODY, e.getKey()));
      b.add(e.getValue() == 1 ? tq : new BoostQuery(tq, e.getValue()), BooleanClause.Occur.SHOULD);
    }
    return b.build();
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
  }
}
