package org.astanaqa.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

  /** Further quotes must be at least this share of the not-found threshold likely to answer. */
  private static final double FURTHER_QUOTE_CONFIDENCE = 0.5;

  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Map<String, Source> sources;
  private final PassageCache cache;

  /** The document id of every passage, by Lucene doc id (null for source records). */
  private final String[] idByDoc;
  private final IndexReport report;
  private final Settings settings;

  /** The model of the hybrid mode; null in the BM25 mode. Not owned: the caller closes it. */
  private final Embedder embedder;

  /**
   * The hybrid mode's similarity from which a passage that holds little of the question in its own
   * words may still be quoted (the model's); whether it answers is the confidence's to say.
   */
  private final double minSimilarity;

  /** The fitted confidence model of this mode (and model). */
  private final Confidence.Model confidence;

  /** The confidence from which a question counts as answered. */
  private final double minConfidence;

  private final Aliases aliases;

  private final QuestionQuery.Speller speller = new QuestionQuery.Speller();

  private final RussianQuery russian;

  private QuestionAnswerer(Directory directory, IndexStore.Opened opened, Settings settings, Embedder embedder) {
    if (embedder != null && !embedder.model().id().equals(opened.report().model())) {
      throw new IllegalStateException("the index holds vectors of " + opened.report().model() + ", not " + embedder.model().id());
    }
    this.embedder = embedder;
    this.minSimilarity = embedder != null ? embedder.model().minSimilarity() : 1;
    this.confidence = Confidence.Model.load(embedder == null ? "bm25" : embedder.model().id());
    this.minConfidence =
        settings.minConfidence() != null ? settings.minConfidence() : confidence.threshold();
    this.aliases = Aliases.of(settings.aliasGroups());
    this.russian = new RussianQuery(Glossary.of(settings.glossary()));
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
    return open(corpus, directory, settings, null, progress, forceRebuild);
  }

  /**
   * As {@link #open(Path, Directory, Settings, ProgressListener, boolean)}, in the hybrid mode when
   * {@code embedder} is not null: the index then holds its model's passage vectors (an index
   * without them is rebuilt), and questions are embedded too.
   *
   * @param embedder the model, or null for the BM25 mode; the caller keeps ownership
   */
  public static QuestionAnswerer open(Path corpus, Directory directory, Settings settings, Embedder embedder,
      ProgressListener progress, boolean forceRebuild) {
    return new QuestionAnswerer(
        directory, IndexStore.open(corpus, directory, settings, embedder, progress, forceRebuild), settings, embedder);
  }

  /**
   * Indexes documents that do not come from a folder (a benchmark's records) into {@code
   * directory}, which must be empty or disposable.
   */
  public static QuestionAnswerer build(List<CorpusDocument> documents, Directory directory, Settings settings,
      Embedder embedder, ProgressListener progress) {
    return new QuestionAnswerer(
        directory, IndexStore.build(documents, directory, settings, embedder, progress), settings, embedder);
  }

  /** Builds an in-memory index of {@code corpus}: for tests and one-off runs. */
  public static QuestionAnswerer inMemory(Path corpus, Settings settings) {
    return inMemory(corpus, settings, null);
  }

  /** As {@link #inMemory(Path, Settings)}, in the hybrid mode when {@code embedder} is not null. */
  public static QuestionAnswerer inMemory(Path corpus, Settings settings, Embedder embedder) {
    return open(corpus, new ByteBuffersDirectory(), settings, embedder, ProgressListener.NONE, true);
  }

  /** Answers with {@link Settings#topN()} quotes at most. */
  public Answer ask(String question) {
    return ask(question, settings.topN());
  }

  /**
   * Answers a question with at most {@code topN} quotes, best first, each from a different
   * passage and preferably from different documents; or says the corpus does not answer it.
   *
   * <p>Where a question becomes an answer: the question becomes a query ({@link QuestionQuery})
   * and, in the hybrid mode, a vector ({@link Embedder}); the two searches' passages are pooled and
   * re-ranked ({@link Ranker}); the best passage answers when its {@link Confidence} reaches the
   * threshold ({@link Settings#minConfidence()} or the fitted one); each
   * chosen passage becomes a quote ({@link QuoteSelector}).
   */
  public Answer ask(String question, int topN) {
    Objects.requireNonNull(question, "question");
    if (topN < 1) {
      throw new IllegalArgumentException("topN must be at least 1, was " + topN);
    }
    return answer(question, topN, true, settings.directAnswers(), null).answer();
  }

  /** As {@link #ask(String, int)}, without looking for a direct answer when {@code direct} is false. */
  Answer ask(String question, int topN, boolean direct) {
    return answer(question, topN, true, direct, null).answer();
  }

  /**
   * As {@link #ask(String, int)} for a question that may follow up on {@code earlier} (the
   * previous question of the same conversation, or null): when it {@link #leansOn leans on it},
   * the earlier question's words are searched with its own; a question that stands on its own is
   * answered exactly as without context.
   */
  public Answer ask(String question, int topN, String earlier) {
    Objects.requireNonNull(question, "question");
    if (topN < 1) {
      throw new IllegalArgumentException("topN must be at least 1, was " + topN);
    }
    return answer(question, topN, true, settings.directAnswers(), earlier).answer();
  }

  /**
   * Whether {@code question} leans on {@code earlier} ("and Iran?", "who signed it?"): it points
   * back (pronouns, "that", "there", an opening "and") and names at most two words the corpus
   * knows, or names none at all. Either may be English or Russian.
   */
  public boolean leansOn(String earlier, String question) {
    if (earlier == null || earlier.isBlank() || question.isBlank()) {
      return false;
    }
    try {
      Searched s = searched(question);
      QuestionQuery q = QuestionQuery.build(
          s.text(), reader, speller, aliases, settings.maxQueryTerms(), s.unknown());
      int known = (int) q.terms.stream().filter(QuestionQuery.QTerm::known)
          .map(QuestionQuery.QTerm::term).distinct().count();
      return FollowUps.leansOn(s.text(), known);
    } catch (IOException e) {
      throw new UncheckedIOException("search failed for a question of " + question.length() + " chars", e);
    }
  }

  /**
   * The English a question is searched as: itself, or a Russian question's translation.
   *
   * @param unknown words of the translation that nothing translated; never typo-corrected
   */
  private record Searched(String text, Set<String> unknown) {}

  private Searched searched(String question) throws IOException {
    String cut = question.length() > QuestionQuery.MAX_QUESTION_CHARS
        ? question.substring(0, QuestionQuery.MAX_QUESTION_CHARS) : question;
    if (!Languages.detect(cut).equals(Languages.RUSSIAN)) {
      return new Searched(question, Set.of());
    }
    RussianQuery.Translation t = russian.translate(cut, reader);
    return new Searched(t.english(), t.unknown());
  }

  /**
   * The English words a question is searched with (a Russian question's translation; an English
   * one as it is), for display and for checking the translation.
   */
  public String searchedText(String question) {
    try {
      return searched(question).text();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index vocabulary", e);
    }
  }

  /**
   * What the engine makes of a question before it decides whether to answer: the answer it would
   * give were every question answerable (answered whenever some passage matches), and the signals
   * of its first quote that the confidence is computed from. For fitting and checking the
   * confidence model.
   *
   * @param answer the answer with no "not found" cut; its confidence is the first quote's
   * @param signals the first quote's signals ({@code Confidence.SIGNALS}); empty when no passage
   *     matches at all
   */
  public record Assessment(Answer answer, double[] signals) {}

  /** As {@link #ask(String, int)} with no "not found" cut, and the first quote's signals. */
  public Assessment assess(String question, int topN) {
    return answer(question, topN, false, settings.directAnswers(), null);
  }

  /** As {@link #assess(String, int)} for a question that may follow up on {@code earlier}. */
  public Assessment assess(String question, int topN, String earlier) {
    return answer(question, topN, false, settings.directAnswers(), earlier);
  }

  /** The names of the signals {@link Assessment#signals()} holds, in order. */
  public static List<String> signalNames() {
    return Confidence.SIGNALS;
  }

  /** The confidence from which a reply is worded as a likely answer, not only a related passage. */
  public double likelyConfidence() {
    return Math.max(minConfidence, confidence.likely());
  }

  /** The confidence from which a question counts as answered. */
  public double minConfidence() {
    return minConfidence;
  }

  private Assessment answer(
      String question, int topN, boolean cut, boolean direct, String earlier) {
    try {
      Searched s = searched(question);
      String context = null;
      Set<String> unknown = s.unknown();
      if (earlier != null && leansOn(earlier, question)) {
        Searched before = searched(earlier);
        context = before.text();
        unknown = new HashSet<>(s.unknown());
        unknown.addAll(before.unknown());
      }
      // The follow-up's own words first: its question word ("when", "who") sets the type.
      String text = context == null ? s.text() : s.text() + " " + context;
      QuestionQuery q = QuestionQuery.build(
          s.text(), context, reader, speller, aliases, settings.maxQueryTerms(), unknown);
      if (q.isEmpty() || q.terms.stream().noneMatch(QuestionQuery.QTerm::known)) {
        return new Assessment(Answer.notFound(question, q.display(), 0), new double[0]);
      }
      Ranker.Pool pool = Ranker.pool(searcher, q, questionVector(text),
          Math.max(settings.candidates(), topN), denseWeight());
      List<Ranker.Candidate> ranked =
          Ranker.rank(searcher, q, cache, pool, pool.size(), denseWeight()).stream()
              .filter(c -> c.ownCoverage() >= MIN_OWN_COVERAGE || similarEnough(c))
              .toList();
      if (ranked.isEmpty()) {
        return new Assessment(Answer.notFound(question, q.display(), 0), new double[0]);
      }
      double maxCosine = 0;
      for (double cos : pool.similarity()) {
        maxCosine = Math.max(maxCosine, cos);
      }
      double[] first = Confidence.signals(q, ranked, 0, maxCosine);
      double p = confidence.probability(first);
      if (cut && p < minConfidence) {
        return new Assessment(Answer.notFound(question, q.display(), p), first);
      }
      List<Quote> quotes = choose(ranked, q, topN, maxCosine, p);
      Optional<DirectAnswer> fact =
          direct ? AnswerExtractor.find(text, quotes) : Optional.empty();
      return new Assessment(new Answer(question, true, quotes, q.display(), p, fact), first);
    } catch (IOException e) {
      throw new UncheckedIOException("search failed for a question of " + question.length() + " chars", e);
    }
  }

  /**
   * Ranks documents for a question, best first, with no "not found" cut: each document ranks where
   * its best passage ranks. The first {@link Settings#candidates()} passages of the pool are
   * re-ranked as for {@link #ask}; deeper ones keep the pool's order (BM25 with proximity, fused
   * with the cosine in the hybrid mode). For retrieval benchmarks.
   *
   * @param depth passages to take from each search (documents returned are at most this many)
   */
  public List<String> rankDocuments(String question, int depth) {
    try {
      QuestionQuery q =
          QuestionQuery.build(question, reader, speller, aliases, settings.maxQueryTerms());
      java.util.LinkedHashSet<String> docs = new java.util.LinkedHashSet<>();
      if (q.isEmpty()) {
        return List.of();
      }
      Ranker.Pool pool = Ranker.pool(searcher, q, questionVector(question), Math.max(depth, settings.candidates()),
          denseWeight());
      int head = Math.min(settings.candidates(), pool.size());
      for (Ranker.Candidate c : Ranker.rank(searcher, q, cache, pool, head, denseWeight())) {
        docs.add(c.passage().source().id());
      }
      for (int i = head; i < pool.size(); i++) {
        docs.add(idByDoc[pool.docs()[i]]);
      }
      List<String> out = List.copyOf(docs);
      return out.size() > depth ? out.subList(0, depth) : out;
    } catch (IOException e) {
      throw new UncheckedIOException("search failed", e);
    }
  }

  /** The share of the ranking given to meaning: the setting in the hybrid mode, 0 in the BM25 mode. */
  private double denseWeight() {
    return embedder == null ? 0 : settings.denseWeight();
  }

  private float[] questionVector(String question) {
    return embedder == null ? null : embedder.embedQuestion(question);
  }

  /**
   * Whether a further quote is worth giving: it holds {@code coverage} of the question's words or,
   * in the hybrid mode, says something close enough in other words.
   */
  private boolean answers(Ranker.Candidate c, double coverage) {
    return c.coverage() >= coverage || similarEnough(c);
  }

  private boolean similarEnough(Ranker.Candidate c) {
    return embedder != null && c.similarity() >= minSimilarity;
  }

  /** BM25 (words only) or hybrid (words and meaning). */
  public Mode mode() {
    return embedder == null ? Mode.BM25 : Mode.HYBRID;
  }

  /** Picks the quotes: best first, then other documents, then the rest; no near-duplicates. */
  private List<Quote> choose(List<Ranker.Candidate> ranked, QuestionQuery q, int topN,
      double maxCosine, double firstConfidence) {
    double floor = settings.minCoverage() * FURTHER_QUOTE_COVERAGE;
    // Confidences are computed only for the passages that get as far as being weighed as a quote.
    double[] p = new double[ranked.size()];
    java.util.Arrays.fill(p, Double.NaN);
    p[0] = firstConfidence;
    List<Integer> chosen = new ArrayList<>();
    List<Set<String>> chosenTerms = new ArrayList<>();
    Set<String> docs = new HashSet<>();
    for (int pass = 0; pass < 2 && chosen.size() < topN; pass++) {
      for (int i = 0; i < ranked.size(); i++) {
        Ranker.Candidate c = ranked.get(i);
        if (chosen.size() >= topN) {
          break;
        }
        boolean first = chosen.isEmpty();
        // A further quote holds enough of the question and is not far less likely to answer than
        // the threshold asks of a first one.
        if (chosen.contains(i) || pass == 0 && !first && docs.contains(c.passage().source().id())
            || !first && !answers(c, floor)) {
          continue;
        }
        if (Double.isNaN(p[i])) {
          p[i] = confidence.probability(Confidence.signals(q, ranked, i, maxCosine));
        }
        if (!first && p[i] < FURTHER_QUOTE_CONFIDENCE * minConfidence) {
          continue;
        }
        Set<String> terms = c.termSet();
        if (chosenTerms.stream().anyMatch(t -> jaccard(t, terms) >= NEAR_DUPLICATE)) {
          continue;
        }
        chosen.add(i);
        chosenTerms.add(terms);
        docs.add(c.passage().source().id());
      }
    }
    List<Quote> quotes = new ArrayList<>();
    for (int i : chosen) {
      Ranker.Candidate c = ranked.get(i);
      QuoteSelector.Selection s = c.quote();
      String text = c.passage().text().substring(s.start(), s.end());
      List<Span> matched = QuoteSelector.matched(c.tokens(), s.start(), s.end(), q);
      quotes.add(new Quote(text, s.start(), matched, c.passage(), c.score(),
          embedder == null ? null : c.similarity(), p[i]));
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

  /**
   * A word of the corpus and in how many passages it occurs.
   *
   * @param word the word as the corpus first writes it (lower case)
   * @param passages passages that hold it (or another form of it)
   */
  public record WordCount(String word, int passages) {}

  /**
   * The corpus's most frequent words that no glossary entry translates into, most frequent first:
   * what a maintainer should give a Russian entry next. Stop words, question words, numbers and
   * words under three letters are left out.
   */
  public List<WordCount> glossaryGaps(int top) {
    Set<String> covered = new HashSet<>();
    for (String w : russian.glossary().englishWords()) {
      for (Analyzers.Token t : Analyzers.tokens(w)) {
        covered.add(t.term());
      }
    }
    Map<String, String> surface = new java.util.HashMap<>();
    try {
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        String text = reader.storedFields().document(doc).get(Fields.TEXT);
        if (text == null) {
          continue;
        }
        for (Analyzers.Token t : Analyzers.tokens(text)) {
          String term = t.term();
          if (term.length() >= 3 && !covered.contains(term) && !Analyzers.isQuestionWord(term)
              && term.chars().allMatch(Character::isLetter)) {
            surface.putIfAbsent(term,
                text.substring(t.start(), t.end()).toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
      List<WordCount> out = new ArrayList<>();
      for (Map.Entry<String, String> e : surface.entrySet()) {
        out.add(new WordCount(e.getValue(),
            reader.docFreq(new org.apache.lucene.index.Term(Fields.TEXT, e.getKey()))));
      }
      out.sort(java.util.Comparator.comparingInt(WordCount::passages).reversed()
          .thenComparing(WordCount::word));
      return out.size() > top ? List.copyOf(out.subList(0, top)) : out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index", e);
    }
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
