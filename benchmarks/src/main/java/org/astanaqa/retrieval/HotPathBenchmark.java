package org.astanaqa.retrieval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.astanaqa.retrieval.index.IndexStore;
import org.astanaqa.retrieval.index.IndexView;
import org.astanaqa.retrieval.index.PassageCache;
import org.astanaqa.retrieval.search.Aliases;
import org.astanaqa.retrieval.search.QuestionQuery;
import org.astanaqa.retrieval.search.QuoteSelector;
import org.astanaqa.retrieval.search.Ranker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The steps of answering one question, each measured alone: question analysis (question to query),
 * search with re-ranking, quote selection, and the whole {@code ask}. Lives in the retrieval
 * package to reach its package-private steps; built and run only with {@code -Pbench}: {@code mvn
 * -B -q -Pbench package -DskipTests && java -jar benchmarks/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {
  @Param({
    "Who were the Astana guarantors?",
    "When was the memorandum on Idlib signed in Sochi?",
    "garantors of the astana process"
  })
  public String question;

  /** The corpus folder; the seeds by default (run from the project root). */
  @Param({"seeds"})
  public String corpus;

  private IndexStore.Opened opened;
  private IndexSearcher searcher;
  private PassageCache cache;
  private QuestionQuery.Speller speller;
  private QuestionQuery query;
  private PassageCache.Analyzed firstPassage;
  private QuestionAnswerer answerer;
  private static final Aliases ALIASES = Aliases.of(java.util.List.of());

  @Setup(Level.Trial)
  public void open() throws IOException {
    Settings settings = Settings.defaults();
    opened =
        IndexStore.open(
            Path.of(corpus),
            new ByteBuffersDirectory(),
            settings,
            null,
            ProgressListener.NONE,
            true,
            true);
    IndexView view = new IndexView(opened.reader(), settings);
    searcher = view;
    cache = view.cache;
    speller = new QuestionQuery.Speller();
    query =
        QuestionQuery.build(question, opened.reader(), speller, ALIASES, settings.maxQueryTerms());
    ScoreDoc[] hits = searcher.search(query.query, 1).scoreDocs;
    firstPassage = cache.get(searcher, hits[0].doc);
    answerer = QuestionAnswerer.inMemory(Path.of(corpus), settings);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    answerer.close();
    opened.reader().close();
  }

  @Benchmark
  public QuestionQuery analyzeQuestion() throws IOException {
    return QuestionQuery.build(question, opened.reader(), speller, ALIASES, 32);
  }

  @Benchmark
  public Object searchAndRerank() throws IOException {
    Ranker.Pool pool = Ranker.pool(searcher, query, null, 30, 0);
    return Ranker.rank(searcher, query, cache, pool, pool.size(), 0);
  }

  @Benchmark
  public QuoteSelector.Selection selectQuote() {
    return QuoteSelector.select(
        firstPassage, QuoteSelector.Context.of(firstPassage.titleTokens(), query), query);
  }

  @Benchmark
  public Answer ask() {
    return answerer.ask(question);
  }
}
