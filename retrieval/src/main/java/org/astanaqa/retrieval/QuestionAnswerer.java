package org.astanaqa.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Answers questions over one corpus: the retrieval module's facade.
 *
 * <p>Thread-safe: one long-lived {@link IndexSearcher} serves every request. Open it once, ask
 * many questions, close it when done.
 */
public final class QuestionAnswerer implements AutoCloseable {
  /** Passages whose near-duplicate (this share of words in common) ranks higher are dropped. */
  private static final double NEAR_DUPLICATE = 0.8;

  /** Analyzed passages kept in memory (about 10 KB each). */
  private static final int PASSAGE_CACHE = 4096;

  /**
   * A passage must hold this share of the question in its own words to be quoted: the title's
   * context helps rank it, but cannot stand in for the passage saying something relevant.
   */
  private static final double MIN_OWN_COVERAGE = 0.2;

  /** Further quotes must cover at least this share of what the first one had to. */
  private static final double FURTHER_QUOTE_COVERAGE = 0.75;

  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Map<String, Source> sources;
  private final PassageCache cache;

  /** The document id of every passage, by Lucene doc id (null for source records). */
  private final String[] idByDoc;
  private final IndexReport report;
  private final Settings settings;
  private final QuestionQuery.Speller speller = new QuestionQuery.Speller();

  private QuestionAnswerer(Directory directory, IndexStore.Opened opened, Settings settings) {
    this.directory = directory;
    this.reader = opened.reader();
    this.sources = opened.sources();
    this.report = opened.report();
    this.settings = settings;
    this.searcher = new IndexSearcher(reader);
    this.cache = new PassageCache(PASSAGE_CACHE, sources);
    this.idByDoc = idsByDoc(reader);
    searcher.setSimilarity(new BM25Similarity((float) settings.k1(), (float) settings.b()));
  }

  /**
   * Opens the index of {@code corpus} in {@code directory}, building it first when it is missing,
   * unreadable, or was built from another corpus, metadata or index schema.
   *
   * @param corpus a folder tree of .txt and .md files, with an optional metadata.json
   * @param directory where the index lives; the caller keeps ownership and closes it
   * @param forceRebuild rebuild even when the index is up to date
   * @throws CorpusException when the corpus folder is missing or the index cannot be written
   */
  public static QuestionAnswerer open(
      Path corpus, Directory directory, Settings settings, ProgressListener progress, boolean forceRebuild) {
    return new QuestionAnswerer(
        directory, IndexStore.open(corpus, directory, settings, progress, forceRebuild), settings);
  }

  /**
   * Indexes documents that do not come from a folder (a benchmark's records) into {@code
   * directory}, which must be empty or disposable.
   */
  public static QuestionAnswerer build(
      List<CorpusDocument> documents, Directory directory, Settings settings, ProgressListener progress) {
    return new QuestionAnswerer(directory, IndexStore.build(documents, directory, settings, progress), settings);
  }

  /** Builds an in-memory index of {@code corpus}: for tests and one-off runs. */
  public static QuestionAnswerer inMemory(Path corpus, Settings settings) {
    return open(corpus, new ByteBuffersDirectory(), settings, ProgressListener.NONE, true);
  }

  /** Answers with {@link Settings#topN()} quotes at most. */
  public Answer ask(String question) {
    return ask(question, settings.topN());
  }

  /**
   * Answers a question with at most {@code topN} quotes, best first, each from a different
   * passage and preferably from different documents; or says the corpus does not answer it.
   */
  public Answer ask(String question, int topN) {
    Objects.requireNonNull(question, "question");
    if (topN < 1) {
      throw new IllegalArgumentException("topN must be at least 1, was " + topN);
    }
    try {
      QuestionQuery q = QuestionQuery.build(question, reader, speller, settings.maxQueryTerms());
      if (q.isEmpty() || q.terms.stream().noneMatch(QuestionQuery.QTerm::known)) {
        return Answer.notFound(question, q.display());
      }
      List<Ranker.Candidate> ranked =
          Ranker.rank(searcher, q, cache, Math.max(settings.candidates(), topN)).stream()
              .filter(c -> c.ownCoverage() >= MIN_OWN_COVERAGE)
              .toList();
      if (ranked.isEmpty() || ranked.get(0).coverage() < settings.minCoverage()) {
        return Answer.notFound(question, q.display());
      }
      return new Answer(question, true, choose(ranked, q, topN), q.display());
    } catch (IOException e) {
      throw new UncheckedIOException("search failed for a question of " + question.length() + " chars", e);
    }
  }

  /**
   * Ranks documents for a question, best first, with no "not found" cut: each document ranks where
   * its best passage ranks. The first {@link Settings#candidates()} passages are re-ranked as for
   * {@link #ask}; deeper ones keep their BM25-with-proximity order. For retrieval benchmarks.
   *
   * @param depth passages to look at (documents returned are at most this many)
   */
  public List<String> rankDocuments(String question, int depth) {
    try {
      QuestionQuery q = QuestionQuery.build(question, reader, speller, settings.maxQueryTerms());
      java.util.LinkedHashSet<String> docs = new java.util.LinkedHashSet<>();
      if (q.isEmpty()) {
        return List.of();
      }
      org.apache.lucene.search.ScoreDoc[] hits = searcher.search(q.query, Math.max(depth, settings.candidates())).scoreDocs;
      int head = Math.min(settings.candidates(), hits.length);
      for (Ranker.Candidate c : Ranker.rank(searcher, q, cache, hits, head)) {
        docs.add(c.passage().source().id());
      }
      for (int i = head; i < hits.length; i++) {
        docs.add(idByDoc[hits[i].doc]);
      }
      return List.copyOf(docs);
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  /** Picks the quotes: best first, then other documents, then the rest; no near-duplicates. */
  private List<Quote> choose(List<Ranker.Candidate> ranked, QuestionQuery q, int topN) {
    double floor = settings.minCoverage() * FURTHER_QUOTE_COVERAGE;
    List<Ranker.Candidate> chosen = new ArrayList<>();
    List<Set<String>> chosenTerms = new ArrayList<>();
    Set<String> docs = new HashSet<>();
    for (int pass = 0; pass < 2 && chosen.size() < topN; pass++) {
      for (Ranker.Candidate c : ranked) {
        if (chosen.size() >= topN) {
          break;
        }
        boolean first = chosen.isEmpty();
        if (chosen.contains(c) || !first && c.coverage() < floor
            || pass == 0 && !first && docs.contains(c.passage().source().id())) {
          continue;
        }
        Set<String> terms = c.termSet();
        if (chosenTerms.stream().anyMatch(t -> jaccard(t, terms) >= NEAR_DUPLICATE)) {
          continue;
        }
        chosen.add(c);
        chosenTerms.add(terms);
        docs.add(c.passage().source().id());
      }
    }
    List<Quote> quotes = new ArrayList<>();
    for (Ranker.Candidate c : chosen) {
      QuoteSelector.Selection s = c.quote();
      String text = c.passage().text().substring(s.start(), s.end());
      quotes.add(new Quote(text, QuoteSelector.matched(c.tokens(), s.start(), s.end(), q), c.passage(), c.score()));
    }
    return quotes;
  }

  /** Reads every passage's document id from doc values once; each id string is shared. */
  private static String[] idsByDoc(DirectoryReader reader) {
    String[] ids = new String[reader.maxDoc()];
    try {
      for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
        org.apache.lucene.index.SortedDocValues dv = leaf.reader().getSortedDocValues(Fields.ID);
        if (dv == null) {
          continue;
        }
        String[] byOrd = new String[dv.getValueCount()];
        for (int doc = dv.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
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

  private static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    int common = 0;
    for (String s : a) {
      if (b.contains(s)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }

  /** The indexed documents, sorted by id. */
  public List<Source> sources() {
    return sources.values().stream().sorted(java.util.Comparator.comparing(Source::id)).toList();
  }

  /** What opening the index did. */
  public IndexReport report() {
    return report;
  }

  public Settings settings() {
    return settings;
  }

  /** Closes the index reader; the directory stays the caller's to close. */
  @Override
  public void close() throws IOException {
    reader.close();
  }

  @Override
  public String toString() {
    return "QuestionAnswerer[" + directory + ", " + report.documents() + " documents]";
  }
}
