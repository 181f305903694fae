package org.astanaqa.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranking metrics computed as trec_eval 9 computes them: nDCG@k ({@code ndcg_cut.k}), recall@k
 * ({@code recall.k}), reciprocal rank ({@code recip_rank}, and cut at k), success@k ({@code
 * success.k}), per query and as a mean over queries. BEIR evaluates with pytrec_eval, which is
 * trec_eval's own code, so these are the figures BEIR, Anserini and Pyserini report.
 *
 * <p>Inputs: judgements ({@code qrels}) as query id to document id to integer grade, and a run as
 * query id to ranked document ids (best first) or to scores ({@link #rank(Map)} turns scores into a
 * ranking). The conventions, each as trec_eval has them:
 *
 * <ul>
 *   <li><b>Order.</b> A scored run is ranked by score, highest first, and documents with equal
 *       scores by document id <em>descending</em> ({@code comp_sim_docno} in trec_eval's {@code
 *       form_res_rels.c}; the rank column of a run file is ignored). A ranked list is taken as
 *       given, as if its scores strictly decreased. A document may appear only once; trec_eval
 *       refuses duplicates, and so does this class.
 *   <li><b>Relevance.</b> A document is relevant when its grade is at least the relevance level, 1
 *       by default (trec_eval {@code -l}); grades of 0 or less, and documents without a judgement,
 *       are not relevant.
 *   <li><b>nDCG@k.</b> Gain is the judged grade (not {@code 2^grade - 1}); only grades above 0
 *       count. The document at rank r (from 1) is discounted by {@code 1 / log2(r + 1)}. The ideal
 *       DCG sorts every positive grade judged for the query (retrieved or not) in descending order
 *       and cuts it at k too. With no positive grade the value is 0.
 *   <li><b>Recall@k.</b> Relevant documents in the first k over all relevant documents judged for
 *       the query; 0 when there are none. A run shorter than k counts as padded with non-relevant
 *       documents.
 *   <li><b>Reciprocal rank.</b> 1 / rank of the first relevant document, 0 when none is retrieved.
 *       trec_eval's {@code recip_rank} looks at the whole run; the cut version ({@code RR@k} in
 *       ir_measures, MS MARCO's MRR@10) is 0 when the first relevant document is below k.
 *   <li><b>Success@k.</b> 1 when a relevant document is among the first k, else 0.
 *   <li><b>Which queries are averaged.</b> Only queries with judgements count: a query missing from
 *       the qrels, or given an empty judgement map, has "no relevance information" and is ignored.
 *       A judged query without any relevant document is <em>not</em> ignored: it counts with 0 for
 *       every measure (trec_eval's help: "Queries for which there is no relevance information are
 *       ignored"; only very old versions dropped queries without relevant documents). By default
 *       ({@link Average#JUDGED_AND_RUN}) the mean is over judged queries that are in the run; a
 *       query in the run with an empty ranking is in the run and scores 0 (as pytrec_eval does for
 *       an empty score map). {@link Average#ALL_JUDGED} is trec_eval's {@code -c}: judged queries
 *       missing from the run count too, with 0.
 * </ul>
 *
 * <p>A mean over no query at all is NaN (trec_eval stops with "No queries with both results and
 * relevance info").
 */
final class Metrics {
  /** trec_eval's default relevance level ({@code -l1}): grades of at least 1 are relevant. */
  static final int RELEVANCE_LEVEL = 1;

  private Metrics() {}

  /** Which judged queries a mean is taken over. */
  enum Average {
    /** trec_eval's default: the judged queries that are also in the run. */
    JUDGED_AND_RUN,
    /** trec_eval {@code -c}: every judged query; one missing from the run counts as 0. */
    ALL_JUDGED
  }

  /** One query's value of a measure, from its judgements and its ranking (best first). */
  @FunctionalInterface
  interface Measure {
    double of(Map<String, Integer> judged, List<String> ranking);

    /** nDCG@k, trec_eval's {@code ndcg_cut.k}. */
    static Measure ndcg(int k) {
      checkCutoff(k);
      return (judged, ranking) -> Metrics.ndcg(judged, ranking, k);
    }

    /** Recall@k, trec_eval's {@code recall.k}. */
    static Measure recall(int k) {
      checkCutoff(k);
      return (judged, ranking) -> Metrics.recall(judged, ranking, k);
    }

    /** Reciprocal rank over the whole ranking, trec_eval's {@code recip_rank}. */
    static Measure reciprocalRank() {
      return Metrics::reciprocalRank;
    }

    /** Reciprocal rank cut at k (0 when the first relevant document is below k). */
    static Measure reciprocalRank(int k) {
      checkCutoff(k);
      return (judged, ranking) -> Metrics.reciprocalRank(judged, ranking, k);
    }

    /** Success@k (hit@k), trec_eval's {@code success.k}. */
    static Measure success(int k) {
      checkCutoff(k);
      return (judged, ranking) -> Metrics.success(judged, ranking, k);
    }
  }

  /**
   * Document ids by score, highest first, equal scores by document id descending, as trec_eval
   * ranks a run. Ids are compared by Unicode code point, which for UTF-8 input is the byte order of
   * C's {@code strcmp}.
   */
  static List<String> rank(Map<String, Double> scores) {
    List<Map.Entry<String, Double>> entries = new ArrayList<>(scores.entrySet());
    for (Map.Entry<String, Double> e : entries) {
      if (e.getValue() == null || e.getValue().isNaN()) {
        throw new IllegalArgumentException("document " + e.getKey() + " has no score");
      }
    }
    entries.sort(
        (a, b) -> {
          int byScore = Double.compare(b.getValue(), a.getValue());
          return byScore != 0 ? byScore : compareCodePoints(b.getKey(), a.getKey());
        });
    List<String> ranking = new ArrayList<>(entries.size());
    for (Map.Entry<String, Double> e : entries) {
      ranking.add(e.getKey());
    }
    return ranking;
  }

  /** Every query's scores as a ranking ({@link #rank(Map)}), in the run's query order. */
  static Map<String, List<String>> rankAll(Map<String, Map<String, Double>> run) {
    Map<String, List<String>> ranked = new LinkedHashMap<>();
    run.forEach((query, scores) -> ranked.put(query, rank(scores)));
    return ranked;
  }

  /** nDCG@k of one query with trec_eval's linear gain and {@code 1 / log2(rank + 1)} discount. */
  static double ndcg(Map<String, Integer> judged, List<String> ranking, int k) {
    checkCutoff(k);
    checkDistinct(ranking);
    double dcg = 0;
    int depth = Math.min(k, ranking.size());
    for (int i = 0; i < depth; i++) {
      int gain = grade(judged, ranking.get(i));
      if (gain > 0) {
        dcg += gain / log2(i + 2);
      }
    }
    int[] gains = judged.values().stream().mapToInt(Integer::intValue).filter(g -> g > 0).toArray();
    Arrays.sort(gains);
    double ideal = 0;
    for (int i = 0; i < Math.min(k, gains.length); i++) {
      ideal += gains[gains.length - 1 - i] / log2(i + 2);
    }
    return ideal > 0 ? dcg / ideal : 0;
  }

  /** Recall@k of one query at trec_eval's default relevance level. */
  static double recall(Map<String, Integer> judged, List<String> ranking, int k) {
    return recall(judged, ranking, k, RELEVANCE_LEVEL);
  }

  /** Recall@k of one query; grades of at least {@code level} are relevant. */
  static double recall(Map<String, Integer> judged, List<String> ranking, int k, int level) {
    checkCutoff(k);
    checkDistinct(ranking);
    long relevant = judged.values().stream().filter(g -> g >= level).count();
    if (relevant == 0) {
      return 0;
    }
    int found = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (grade(judged, ranking.get(i)) >= level) {
        found++;
      }
    }
    return (double) found / relevant;
  }

  /** Reciprocal rank of the first relevant document anywhere in the ranking (recip_rank). */
  static double reciprocalRank(Map<String, Integer> judged, List<String> ranking) {
    return reciprocalRank(judged, ranking, Integer.MAX_VALUE, RELEVANCE_LEVEL);
  }

  /** Reciprocal rank cut at k: 0 when the first relevant document is below rank k. */
  static double reciprocalRank(Map<String, Integer> judged, List<String> ranking, int k) {
    return reciprocalRank(judged, ranking, k, RELEVANCE_LEVEL);
  }

  /** Reciprocal rank cut at k; grades of at least {@code level} are relevant. */
  static double reciprocalRank(
      Map<String, Integer> judged, List<String> ranking, int k, int level) {
    checkCutoff(k);
    int first = firstRelevant(judged, ranking, level);
    return first >= 0 && first < k ? 1.0 / (first + 1) : 0;
  }

  /** Success@k: 1 when a relevant document is among the first k, else 0. */
  static double success(Map<String, Integer> judged, List<String> ranking, int k) {
    return success(judged, ranking, k, RELEVANCE_LEVEL);
  }

  /** Success@k; grades of at least {@code level} are relevant. */
  static double success(Map<String, Integer> judged, List<String> ranking, int k, int level) {
    checkCutoff(k);
    int first = firstRelevant(judged, ranking, level);
    return first >= 0 && first < k ? 1 : 0;
  }

  /** The mean of {@code measure} over the judged queries in the run (trec_eval's default). */
  static double mean(
      Measure measure, Map<String, Map<String, Integer>> qrels, Map<String, List<String>> run) {
    return mean(measure, qrels, run, Average.JUDGED_AND_RUN);
  }

  /** The mean of {@code measure} over the queries {@code average} names; NaN over none. */
  static double mean(
      Measure measure,
      Map<String, Map<String, Integer>> qrels,
      Map<String, List<String>> run,
      Average average) {
    Map<String, Double> values = perQuery(measure, qrels, run, average);
    double sum = 0;
    for (double v : values.values()) {
      sum += v;
    }
    return values.isEmpty() ? Double.NaN : sum / values.size();
  }

  /**
   * Each averaged query's value, in the qrels' query order: the queries {@link #mean} averages,
   * with 0 for those {@link Average#ALL_JUDGED} adds because the run lacks them. Queries of the run
   * without judgements are left out.
   */
  static Map<String, Double> perQuery(
      Measure measure,
      Map<String, Map<String, Integer>> qrels,
      Map<String, List<String>> run,
      Average average) {
    Map<String, Double> values = new LinkedHashMap<>();
    qrels.forEach(
        (query, judged) -> {
          if (judged.isEmpty()) {
            return; // no relevance information
          }
          List<String> ranking = run.get(query);
          if (ranking != null) {
            values.put(query, measure.of(judged, ranking));
          } else if (average == Average.ALL_JUDGED) {
            values.put(query, 0.0);
          }
        });
    return values;
  }

  /**
   * The mean of {@code measure} over parallel lists, one entry per query, every query in the run
   * ({@code rankings.get(i)} answers {@code judged.get(i)}; an empty ranking scores 0). Queries
   * with an empty judgement map have no relevance information and are left out, as in {@link
   * #mean(Measure, Map, Map, Average)}; NaN when none is left.
   */
  static double mean(
      Measure measure, List<Map<String, Integer>> judged, List<List<String>> rankings) {
    if (judged.size() != rankings.size()) {
      throw new IllegalArgumentException(
          judged.size() + " judgement maps for " + rankings.size() + " rankings");
    }
    double sum = 0;
    int queries = 0;
    for (int i = 0; i < judged.size(); i++) {
      if (!judged.get(i).isEmpty()) {
        sum += measure.of(judged.get(i), rankings.get(i));
        queries++;
      }
    }
    return queries == 0 ? Double.NaN : sum / queries;
  }

  /** The 0-based position of the first document graded at least {@code level}, or -1. */
  private static int firstRelevant(Map<String, Integer> judged, List<String> ranking, int level) {
    checkDistinct(ranking);
    for (int i = 0; i < ranking.size(); i++) {
      if (grade(judged, ranking.get(i)) >= level) {
        return i;
      }
    }
    return -1;
  }

  /** The judged grade, or 0 for a document without a judgement (not relevant either way). */
  private static int grade(Map<String, Integer> judged, String doc) {
    Integer g = judged.get(doc);
    return g == null ? 0 : g;
  }

  private static void checkCutoff(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("cutoff must be at least 1, not " + k);
    }
  }

  /** trec_eval stops on a document ranked twice for one query; so does this class. */
  private static void checkDistinct(List<String> ranking) {
    Set<String> seen = new HashSet<>(ranking.size() * 2);
    for (String doc : ranking) {
      if (!seen.add(doc)) {
        throw new IllegalArgumentException("document " + doc + " is ranked twice");
      }
    }
  }

  /** Compares by Unicode code point, the order of C's strcmp over UTF-8 bytes. */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
