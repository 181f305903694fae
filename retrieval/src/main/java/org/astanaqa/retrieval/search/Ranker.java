package org.astanaqa.retrieval.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.index.Fields;
import org.astanaqa.retrieval.index.PassageCache;
import org.astanaqa.retrieval.text.Analyzers;

/**
 * Ranks passages for a question: BM25 with proximity clauses finds candidates, which are then
 * re-ranked by how much of the question they cover and how well their best quote answers it.
 */
public final class Ranker {
  /** Weights of the re-ranking features; measured on the project's question set. */
  static final double W_BM25 = 0.15;

  static final double W_COVERAGE = 0.45;
  static final double W_QUOTE = 0.4;

  /**
   * A question word found only in the document's title counts for this share of its weight: the
   * title is read as context of every passage, as if it were written before each of them.
   */
  static final double TITLE_CONTEXT = 1.0;

  /**
   * A passage must hold this share of the question in its own words to be quoted: the title's
   * context helps rank it, but cannot stand in for the passage saying something relevant.
   */
  public static final double MIN_OWN_COVERAGE = 0.2;

  /** A compound question word ("airstrikes") written apart ("strikes") counts this much. */
  static final double HEAD_CREDIT = 0.5;

  /**
   * The share of a question word's weight a passage holding only its synonym gets: chosen on the
   * tune halves (0.5 and 1 tried; in quotes as well it cost the BM25 mode and the follow-ups).
   */
  static final double RELATED_CREDIT = 1;

  /**
   * A candidate passage with its features.
   *
   * @param passage the passage
   * @param tokens its analyzed tokens
   * @param coverage IDF-weighted share of the question's terms the passage contains, reading the
   *     document's title as its context
   * @param ownCoverage the same share counting the passage's own words only
   * @param quote the passage's best quote
   * @param similarity cosine similarity of the passage to the question (0 in the BM25 mode, and for
   *     a passage without its vector yet)
   * @param hasVector whether the passage was ranked with its vector; false in the BM25 mode and for
   *     a passage whose vector is still being computed, which is ranked by words alone
   * @param bm25 its BM25-with-proximity score over the best one in the pool, in [0, 1]
   * @param rawBm25 its BM25-with-proximity score as Lucene computed it
   * @param score the re-ranking score
   */
  public record Candidate(
      Passage passage,
      List<Analyzers.Token> tokens,
      double coverage,
      double ownCoverage,
      QuoteSelector.Selection quote,
      double similarity,
      boolean hasVector,
      double bm25,
      double rawBm25,
      double score) {
    /** The quote's text: its passage's characters from the quote's start to its end. */
    public String quoteText() {
      return passage.text().substring(quote.start(), quote.end());
    }

    public Set<String> termSet() {
      Set<String> s = new HashSet<>();
      for (Analyzers.Token t : tokens) {
        s.add(t.term());
      }
      return s;
    }
  }

  /**
   * Passages whose words ({@link Candidate#termSet}) are this share of all their words or more
   * (Jaccard) say the same thing: a news story's lede repeated in its body, a heading that is the
   * first sentence.
   */
  public static final double NEAR_DUPLICATE = 0.8;

  /** Whether two passages' words make them near-duplicates ({@link #NEAR_DUPLICATE}). */
  public static boolean nearDuplicates(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return true;
    }
    int common = 0;
    for (String s : a) {
      if (b.contains(s)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common) >= NEAR_DUPLICATE;
  }

  private Ranker() {}

  /**
   * The passages worth re-ranking for a question, best first by {@code (1 - denseWeight) * bm25 +
   * denseWeight * similarity}: BM25's best and, in the hybrid mode, the vector search's best, each
   * with both of its scores (a passage found by one list is scored by the other too, so no score is
   * guessed).
   *
   * @param docs Lucene doc ids
   * @param bm25 BM25-with-proximity score over the best one in the pool, in [0, 1]
   * @param similarity cosine similarity to the question (0 in the BM25 mode; NaN for a passage that
   *     has no vector yet)
   * @param rawBm25 BM25-with-proximity score as Lucene computed it
   * @param dense whether the question's vector was searched too (the hybrid mode)
   */
  public record Pool(
      int[] docs, double[] bm25, double[] similarity, double[] rawBm25, boolean dense) {
    public int size() {
      return docs.length;
    }
  }

  /**
   * Gathers the pool: the {@code depth} best passages by BM25 and, when {@code vector} is not null,
   * the {@code depth} nearest by meaning.
   */
  public static Pool pool(
      IndexSearcher searcher, QuestionQuery q, float[] vector, int depth, double denseWeight)
      throws IOException {
    Map<Integer, double[]> scores = new HashMap<>(); // doc -> {bm25, cosine}
    Query query = searcher.rewrite(q.query); // once, for the search and for scoring what kNN adds
    for (ScoreDoc sd : searcher.search(query, depth).scoreDocs) {
      scores.put(sd.doc, new double[] {sd.score, Double.NaN});
    }
    if (vector != null) {
      List<Integer> needBm25 = new ArrayList<>();
      for (ScoreDoc sd :
          searcher.search(new KnnFloatVectorQuery(Fields.VECTOR, vector, depth), depth).scoreDocs) {
        double cosine = 2 * sd.score - 1; // Lucene scores cosine as (1 + cos) / 2
        double[] s = scores.get(sd.doc);
        if (s == null) {
          scores.put(sd.doc, new double[] {0, cosine});
          needBm25.add(sd.doc);
        } else {
          s[1] = cosine;
        }
      }
      bm25Of(searcher, query, needBm25, scores);
      List<Integer> needCosine = new ArrayList<>();
      scores.forEach(
          (doc, s) -> {
            if (Double.isNaN(s[1])) {
              needCosine.add(doc);
            }
          });
      cosineOf(searcher, vector, needCosine, scores);
    }
    int n = scores.size();
    int[] docs = new int[n];
    double[][] raw = new double[n][];
    int i = 0;
    double maxBm25 = 0;
    for (Map.Entry<Integer, double[]> e : scores.entrySet()) {
      docs[i] = e.getKey();
      raw[i] = e.getValue();
      maxBm25 = Math.max(maxBm25, raw[i][0]);
      i++;
    }
    Integer[] order = new Integer[n];
    double[] fusedRaw = new double[n];
    double[] bm25 = new double[n];
    for (int j = 0; j < n; j++) {
      // BM25 is scaled to the best in the pool; cosine is taken as it is. Rescaling cosine over the
      // pool too measured worse on the tuning data (SQuAD dev, own question sets): it blows small
      // differences up to the whole [0, 1] range, most of all in a small corpus.
      bm25[j] = maxBm25 > 0 ? raw[j][0] / maxBm25 : 0;
      // A passage whose vector is still being computed is ranked as the BM25 mode ranks it.
      fusedRaw[j] =
          vector != null && Double.isNaN(raw[j][1])
              ? bm25[j]
              : (1 - denseWeight) * bm25[j] + denseWeight * (vector == null ? 0 : raw[j][1]);
      order[j] = j;
    }
    // Best first; ties keep Lucene's order (lower doc id first), as a plain BM25 search does.
    java.util.Arrays.sort(
        order,
        Comparator.<Integer>comparingDouble(j -> -fusedRaw[j]).thenComparingInt(j -> docs[j]));
    Pool p = new Pool(new int[n], new double[n], new double[n], new double[n], vector != null);
    for (int j = 0; j < n; j++) {
      int o = order[j];
      p.docs[j] = docs[o];
      p.bm25[j] = bm25[o];
      p.rawBm25[j] = raw[o][0];
      p.similarity[j] = vector == null ? 0 : raw[o][1];
    }
    return p;
  }

  /**
   * BM25 scores of passages the vector search found but BM25's top did not hold (0 if no match).
   */
  private static void bm25Of(
      IndexSearcher searcher, Query query, List<Integer> docs, Map<Integer, double[]> into)
      throws IOException {
    if (docs.isEmpty()) {
      return;
    }
    Collections.sort(docs);
    Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE, 1f);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    Scorer scorer = null;
    LeafReaderContext leaf = null;
    for (int doc : docs) {
      int li = ReaderUtil.subIndex(doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        scorer = weight.scorer(leaf);
      }
      if (scorer == null) {
        continue;
      }
      int target = doc - leaf.docBase;
      DocIdSetIterator it = scorer.iterator();
      if (it.docID() < target) {
        it.advance(target);
      }
      if (it.docID() == target) {
        into.get(doc)[0] = scorer.score();
      }
    }
  }

  /** Cosine similarities of passages BM25 found but the vector search's top did not hold. */
  private static void cosineOf(
      IndexSearcher searcher, float[] vector, List<Integer> docs, Map<Integer, double[]> into)
      throws IOException {
    Collections.sort(docs);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    FloatVectorValues values = null;
    LeafReaderContext leaf = null;
    for (int doc : docs) {
      int li = ReaderUtil.subIndex(doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        values = leaf.reader().getFloatVectorValues(Fields.VECTOR);
      }
      double cosine = Double.NaN; // no vector yet: ranked by words alone
      int target = doc - leaf.docBase;
      if (values != null
          && (values.docID() == target
              || values.docID() < target && values.advance(target) == target)) {
        cosine = VectorSimilarityFunction.COSINE.compare(vector, values.vectorValue()) * 2 - 1;
      }
      into.get(doc)[1] = cosine;
    }
  }

  /**
   * Re-ranks the first {@code n} passages of the pool by coverage, quote and (in the hybrid mode)
   * meaning: {@code (1 - denseWeight) * lexical + denseWeight * similarity}.
   *
   * @param denseWeight 0 in the BM25 mode
   */
  public static List<Candidate> rank(
      IndexSearcher searcher,
      QuestionQuery q,
      PassageCache cache,
      Pool pool,
      int n,
      double denseWeight)
      throws IOException {
    int m = Math.min(n, pool.size());
    if (m == 0) {
      return List.of();
    }
    double total = q.totalWeight;
    List<Candidate> out = new ArrayList<>(m);
    List<Candidate> headlines = new ArrayList<>();
    Map<String, Double> saidInBody = new HashMap<>(); // document -> its body's best own coverage
    for (int h = 0; h < m; h++) {
      PassageCache.Analyzed a = cache.get(searcher, pool.docs()[h]);
      List<Analyzers.Token> tokens = a.tokens();
      boolean[] present = q.present(tokens, 0, tokens.size());
      q.markDated(present, a.passage().source()); // "in October 2017" and a report so dated
      boolean[] related = q.relatedPresent(tokens, 0, tokens.size(), present);
      QuoteSelector.Context context = QuoteSelector.Context.of(a.titleTokens(), q);
      double own = 0;
      double fromTitle = 0;
      // "He expressed confidence" holds "Lavrentyev", named a paragraph before
      boolean[] named = q.speakerNamed(a.passage());
      // a follow-up's passage that adds its own word reads the paragraph before it as context
      boolean[] before =
          q.holdsAddedTerm(present)
              ? earlierWordsBefore(searcher, cache, h, pool, a.passage(), q)
              : null;
      for (int i = 0; i < present.length; i++) {
        if (present[i] || (named != null && named[i])) {
          own += q.weight[i];
          continue;
        }
        if (related[i]) {
          // "reconstruction" where the question says "rebuilding"
          own += RELATED_CREDIT * q.weight[i];
          continue;
        }
        double headCredit =
            q.head[i] != null && containsTerm(tokens, q.head[i]) ? HEAD_CREDIT * q.weight[i] : 0;
        own += headCredit;
        if (context.terms()[i] || before != null && before[i]) {
          fromTitle += TITLE_CONTEXT * q.weight[i] - headCredit;
        }
      }
      double coverage = total > 0 ? (own + fromTitle) / total : 0;
      double ownCoverage = total > 0 ? own / total : 0;
      QuoteSelector.Selection quote = QuoteSelector.select(a, context, q);
      double lexical = W_BM25 * pool.bm25()[h] + W_COVERAGE * coverage + W_QUOTE * quote.score();
      if (q.holdsAddedTerm(present)) {
        // A follow-up's passages rank as the whole question's; its quote is what the follow-up
        // adds, the earlier words the passage and the paragraph before it hold counting for each
        // of its sentences.
        boolean[] held = present;
        if (before != null) {
          held = present.clone();
          for (int i = 0; i < held.length; i++) {
            held[i] |= before[i];
          }
        }
        quote = QuoteSelector.select(a, QuoteSelector.Context.following(a, q, held), q);
      }
      double similarity = pool.similarity()[h];
      boolean hasVector = pool.dense() && !Double.isNaN(similarity);
      double score =
          Double.isNaN(similarity)
              ? lexical
              : (1 - denseWeight) * lexical + denseWeight * similarity;
      Candidate candidate =
          new Candidate(
              a.passage(),
              tokens,
              coverage,
              ownCoverage,
              quote,
              hasVector ? similarity : 0,
              hasVector,
              pool.bm25()[h],
              pool.rawBm25()[h],
              score);
      if (onlyTitle(a)) {
        headlines.add(candidate);
      } else {
        out.add(candidate);
        saidInBody.merge(a.passage().source().id(), ownCoverage, Math::max);
      }
    }
    // The reply's source line shows the title, and every other passage of the document reads it
    // as its context: a headline is quoted only when no passage of its article says as much of the
    // question in its own words (and enough to be quoted at all).
    for (Candidate c : headlines) {
      double body = saidInBody.getOrDefault(c.passage().source().id(), 0.0);
      if (body < Math.max(MIN_OWN_COVERAGE, c.ownCoverage())) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparingDouble(Candidate::score).reversed());
    if (q.anotherOffice) {
      // "What other post does Lavrentyev hold?": the passage that names him as the head of the
      // delegation says more of the question than the one on "the diplomat, who is also ... special
      // envoy" that follows it, and answers nothing. A quote with another office comes first.
      List<Candidate> typed = new ArrayList<>();
      List<Candidate> rest = new ArrayList<>();
      for (Candidate c : out) {
        (c.quote().answersType() ? typed : rest).add(c);
      }
      typed.addAll(rest);
      return typed;
    }
    java.util.function.Predicate<String> kind = q.kindAnswered();
    return kind != null ? firstAnswering(out, kind) : out;
  }

  /** How far down a question for a kind of answer looks for a passage whose quote holds one. */
  private static final int KIND_WITHIN = 3;

  /**
   * The candidates with the first among the top {@link #KIND_WITHIN} whose quote {@code answers}
   * moved first, when the first's does not. A question for countries wants a quote that names as
   * many as it asks for ("Which three countries are the guarantor states of the Astana process?"):
   * the passage that says most of the question's words ("We also support the efforts of the
   * guarantor States of the Astana process to assist Syrians") names no guarantor, while the one
   * that answers ("the guarantor States of the Astana process - Russia, Turkey and Iran") says
   * fewer of them. Countries the question names itself are no answer. With such a question's quote
   * that names none typed as lacking its answer ({@code Confidence}), tune halves: held-out hit@1
   * 0.7432 -> 0.7449 (hybrid), 0.6834 -> 0.6845 (BM25); Russian 0.7948 / 0.8704 -> 0.7985 / 0.8729
   * (hit@1 / "not found", hybrid), 0.7614 / 0.8826 -> 0.7676 / 0.8851 (BM25); follow-ups 0.7788
   * unchanged (hybrid), 0.7797 -> 0.7805 (BM25); the unseen fresh41 set unchanged but for fewer
   * wrong direct answers in Russian (BM25). A question for a round's number wants an ordinal
   * ("Which round ... at the end of October 2017?": "the seventh round", in a passage that lacks
   * the dateline's "October"), and a quote without one lacks its answer too: held-out 0.7449 ->
   * 0.7466 (hybrid), 0.6845 -> 0.6851 (BM25), wrong answers of this kind now mostly "not found";
   * Russian unchanged (hybrid), 0.7676 -> 0.7689 (BM25); follow-ups 0.7788 -> 0.7805 (hybrid),
   * 0.7805 -> 0.7839 (BM25); fresh41 one more right direct answer in English (hybrid).
   */
  private static List<Candidate> firstAnswering(
      List<Candidate> ranked, java.util.function.Predicate<String> answers) {
    int n = Math.min(KIND_WITHIN, ranked.size());
    for (int i = 0; i < n; i++) {
      Candidate c = ranked.get(i);
      if (answers.test(c.quoteText())) {
        if (i == 0) {
          return ranked;
        }
        List<Candidate> out = new ArrayList<>(ranked);
        out.add(0, out.remove(i));
        return out;
      }
    }
    return ranked;
  }

  /**
   * The earlier question's words ({@link QuestionQuery#isContext}) that the paragraph right before
   * pool passage {@code h}, in the same document, holds; null when there is none. A follow-up's
   * passage that holds a word of its own reads them as context, as it reads its document's title:
   * "was anything said there about detainees?" after "Which round of Astana talks was held on
   * October 30?" is answered by "During today's meetings we also touch upon ... a document on
   * forcibly detained people", a paragraph after the one on "the current round of negotiations".
   * Tune follow-ups 0.7667 -> 0.7712 (hybrid), 0.7685 -> 0.7722 (BM25), and with those words
   * counted for each sentence of its quote as well, as the passage's own are, 0.7722 and 0.7740;
   * standalone turns and out-of-scope follow-ups unchanged.
   */
  private static boolean[] earlierWordsBefore(
      IndexSearcher searcher, PassageCache cache, int h, Pool pool, Passage here, QuestionQuery q)
      throws IOException {
    PassageCache.Analyzed prev = cache.previous(searcher, pool.docs()[h], here);
    if (prev == null) {
      return null;
    }
    boolean[] p = q.present(prev.tokens(), 0, prev.tokens().size());
    boolean[] out = new boolean[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i] && q.isContext(i);
    }
    return out;
  }

  /** Whether a passage says nothing but its document's title (a news article's headline line). */
  private static boolean onlyTitle(PassageCache.Analyzed a) {
    List<Analyzers.Token> tokens = a.tokens();
    List<Analyzers.Token> title = a.titleTokens();
    if (tokens.isEmpty() || tokens.size() != title.size()) {
      return false;
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).term().equals(title.get(i).term())) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsTerm(List<Analyzers.Token> tokens, String term) {
    for (Analyzers.Token t : tokens) {
      if (t.term().equals(term)) {
        return true;
      }
    }
    return false;
  }
}
