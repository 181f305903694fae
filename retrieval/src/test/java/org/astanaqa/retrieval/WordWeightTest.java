package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.astanaqa.retrieval.index.Fields;
import org.astanaqa.retrieval.text.Analyzers;
import org.junit.jupiter.api.Test;

/** How much a question's word weighs in placing a direct answer ({@code QuestionAnswerer}). */
class WordWeightTest {
  /**
   * A live index updates a changed file by deleting its passages and adding them again; until a
   * merge, Lucene's document frequency still counts the deleted ones, where numDocs does not. The
   * weight counted documents by numDocs, so a word most passages hold came out below zero (here
   * log(1 + (2 - 3 + 0.5) / 3.5) = -0.15), and closeness, "in [0, 1]", went past 1. Counted over
   * every document, deleted ones too, as the frequency is (as BM25's docCount is), it is positive.
   */
  @Test
  void aWordAfterAnUpdateThatLeftDeletedPassagesStillWeighsAboveNothing() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      IndexWriterConfig config =
          new IndexWriterConfig(Analyzers.text()).setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter w = new IndexWriter(dir, config)) {
        for (int i = 0; i < 4; i++) {
          Document d = new Document();
          d.add(new StringField("id", "p" + i, Field.Store.NO));
          d.add(
              new TextField(
                  Fields.TEXT,
                  i < 3 ? "The talks on Syria." : "Astana hosted them.",
                  Field.Store.NO));
          w.addDocument(d);
        }
        w.commit();
        w.deleteDocuments(new Term("id", "p0"), new Term("id", "p1"));
        w.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertEquals(2, reader.numDocs());
        ToDoubleFunction<String> weight = QuestionAnswerer.wordWeight(reader);
        double syria = weight.applyAsDouble("syria");
        assertTrue(syria > 0, "syria weighs " + syria);
        assertTrue(weight.applyAsDouble("astana") > syria, "the rarer word weighs more");
      }
    }
  }
}
