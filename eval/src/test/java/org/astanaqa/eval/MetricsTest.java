package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.astanaqa.eval.Metrics.Average;
import org.astanaqa.eval.Metrics.Measure;
import org.junit.jupiter.api.Test;

/**
 * Every expected figure comes from trec_eval, pytrec_eval (trec_eval's code behind Python) or a
 * library that checks itself against them, on the fixtures their own tests or maintainers used; the
 * comment before each says where. Figures derived by hand say so and show the derivation.
 */
class MetricsTest {
  private static final double EXACT = 1e-12;
  // Figures printed by trec_eval with four decimals.
  private static final double FOUR_PLACES = 5e-5;

  // cvangysel/pytrec_eval, tests/pytrec_eval_tests.py, test_ndcg and test_ndcg_cut: the qrels.
  private static final Map<String, Map<String, Integer>> PYTREC_QRELS =
      Map.of("q1", Map.of("d1", 0, "d2", 1, "d3", 0), "q2", Map.of("d2", 1, "d3", 1));

  // terrierteam/ir_measures, test/test_ranx.py (test_P) and test/test_measures.py (test_P,
  // test_measures): graded qrels, and a run whose rank column (D1 3rd, D3 4th) disagrees with its
  // scores (D3 0.4 is above D1 0.3). trec_eval ignores the rank column: D0, D2, D3, D1, D4.
  private static final Map<String, Integer> IRM_QRELS =
      Map.of("D0", 0, "D1", 1, "D2", 1, "D3", 2, "D4", 0);
  private static final Map<String, Double> IRM_RUN =
      Map.of("D0", 0.8, "D2", 0.7, "D1", 0.3, "D3", 0.4, "D4", 0.1);

  // terrierteam/ir_measures, test/test_pytrec_eval.py, test_Success and test_SetR (values from
  // ir_measures' PytrecEvalProvider, i.e. pytrec_eval): two queries; in query 1 the rank column
  // again disagrees with the scores (D3 listed 3rd with 0.3, D2 4th with 0.4).
  private static final Map<String, Map<String, Integer>> IRM2_QRELS =
      ordered(
          "0", Map.of("D0", 0, "D1", 1, "D2", 2, "D3", 2, "D4", 0),
          "1", Map.of("D0", 1, "D3", 2, "D5", 0));
  private static final Map<String, Map<String, Double>> IRM2_RUN =
      ordered(
          "0", Map.of("D0", 0.8, "D2", 0.7, "D1", 0.3, "D3", 0.4, "D4", 0.1),
          "1", Map.of("D1", 0.8, "D4", 0.7, "D3", 0.3, "D2", 0.4));

  @Test
  void ndcgCountsTheGradeOfTheRelevantDocumentWithTheLogDiscount() {
    // pytrec_eval_tests.py test_ndcg, query q1: expected ndcg 0.5 (d2 third), 1.0 (d2 first),
    // 0.6309297535714575 (d2 second). trec_eval's uncut ndcg is ndcg_cut at any k >= the list.
    Map<String, Integer> q1 = PYTREC_QRELS.get("q1");
    List<String> third = Metrics.rank(Map.of("d1", 1.0, "d2", 0.0, "d3", 1.5));
    List<String> first = Metrics.rank(Map.of("d1", 1.0, "d2", 2.0, "d3", 1.5));
    List<String> second = Metrics.rank(Map.of("d1", 4.0, "d2", 2.0, "d3", 1.5));
    assertEquals(0.5, Metrics.ndcg(q1, third, Integer.MAX_VALUE), EXACT);
    assertEquals(1.0, Metrics.ndcg(q1, first, Integer.MAX_VALUE), EXACT);
    assertEquals(0.6309297535714575, Metrics.ndcg(q1, second, Integer.MAX_VALUE), EXACT);
  }

  @Test
  void ndcgCutBelowTheRelevantDocumentIsZero() {
    // pytrec_eval_tests.py test_ndcg_cut, d2 third: ndcg_cut_3 0.5, ndcg_cut_2 0.0,
    // ndcg_cut_1 0.0, ndcg_cut_1000 0.5; d2 first: ndcg_cut_1 1.0.
    Map<String, Integer> q1 = PYTREC_QRELS.get("q1");
    List<String> third = Metrics.rank(Map.of("d1", 1.0, "d2", 0.0, "d3", 1.5));
    assertEquals(0.5, Metrics.ndcg(q1, third, 3), EXACT);
    assertEquals(0.0, Metrics.ndcg(q1, third, 2), EXACT);
    assertEquals(0.0, Metrics.ndcg(q1, third, 1), EXACT);
    assertEquals(0.5, Metrics.ndcg(q1, third, 1000), EXACT);
    List<String> first = Metrics.rank(Map.of("d1", 1.0, "d2", 2.0, "d3", 1.5));
    assertEquals(1.0, Metrics.ndcg(q1, first, 1), EXACT);
  }

  @Test
  void aScoredRunIsRankedByScoreNotByItsListedRank() {
    // test_ranx.py test_P: nDCG 0.6584645692843067, nDCG@5 the same, nDCG@2 0.23981246656813146
    // (ranx; test_measures.py test_measures asserts that pytrec_eval agrees to 4 places at
    // cutoffs 1, 5, 10, 20, 50, 100). Hand check, score order D0(0) D2(1) D3(2) D1(1) D4(0):
    // DCG@5 = 1/log2(3) + 2/log2(4) + 1/log2(5) = 2.06161; ideal 2 + 1/log2(3) + 1/log2(4) =
    // 3.13093; 0.65846. In the listed order (D1 third, D3 fourth) it would be 0.636.
    // nDCG@2 = (1/log2(3)) / (2 + 1/log2(3)) = 0.23981: the ideal is cut at k too.
    List<String> ranking = Metrics.rank(IRM_RUN);
    assertEquals(List.of("D0", "D2", "D3", "D1", "D4"), ranking);
    assertEquals(0.6584645692843067, Metrics.ndcg(IRM_QRELS, ranking, Integer.MAX_VALUE), EXACT);
    assertEquals(0.6584645692843067, Metrics.ndcg(IRM_QRELS, ranking, 5), EXACT);
    assertEquals(0.23981246656813146, Metrics.ndcg(IRM_QRELS, ranking, 2), EXACT);
  }

  @Test
  void reciprocalRankFindsTheFirstDocumentAtTheRelevanceLevel() {
    // test_ranx.py test_P: RR 0.5, RR(rel=2) 0.3333333333333333, RR@10 0.5, RR(rel=2)@10 1/3,
    // RR@2 0.5, RR(rel=2)@2 0. (test_measures.py checks RR and RR@k against pytrec_eval.)
    // With the listed ranks D3 would be 4th and RR(rel=2) 0.25.
    List<String> ranking = Metrics.rank(IRM_RUN);
    assertEquals(0.5, Metrics.reciprocalRank(IRM_QRELS, ranking), EXACT);
    assertEquals(1.0 / 3, Metrics.reciprocalRank(IRM_QRELS, ranking, Integer.MAX_VALUE, 2), EXACT);
    assertEquals(0.5, Metrics.reciprocalRank(IRM_QRELS, ranking, 10), EXACT);
    assertEquals(1.0 / 3, Metrics.reciprocalRank(IRM_QRELS, ranking, 10, 2), EXACT);
    assertEquals(0.5, Metrics.reciprocalRank(IRM_QRELS, ranking, 2), EXACT);
    assertEquals(0.0, Metrics.reciprocalRank(IRM_QRELS, ranking, 2, 2), EXACT);
  }

  @Test
  void recallCountsRelevantDocumentsInTheFirstK() {
    // test_ranx.py test_P: R@5 1.0, R(rel=2)@5 1.0, R@2 0.3333333333333333, R(rel=2)@2 0.0.
    List<String> ranking = Metrics.rank(IRM_RUN);
    assertEquals(1.0, Metrics.recall(IRM_QRELS, ranking, 5), EXACT);
    assertEquals(1.0, Metrics.recall(IRM_QRELS, ranking, 5, 2), EXACT);
    assertEquals(1.0 / 3, Metrics.recall(IRM_QRELS, ranking, 2), EXACT);
    assertEquals(0.0, Metrics.recall(IRM_QRELS, ranking, 2, 2), EXACT);
  }

  @Test
  void recallBeyondTheEndOfTheRunIsTheShareOfRelevantDocumentsRetrieved() {
    // test_pytrec_eval.py test_SetR: SetR(rel=1) 1.0 and 0.5, mean 0.75; SetR(rel=2) 1.0 and
    // 1.0, mean 1.0. trec_eval's recall.k pads a short run with non-relevant documents, so at
    // k = 100 (more than the run) it equals set recall (relevant retrieved / relevant).
    Map<String, List<String>> run = Metrics.rankAll(IRM2_RUN);
    Map<String, Double> recall =
        Metrics.perQuery(Measure.recall(100), IRM2_QRELS, run, Average.JUDGED_AND_RUN);
    assertEquals(1.0, recall.get("0"), EXACT);
    assertEquals(0.5, recall.get("1"), EXACT);
    assertEquals(0.75, Metrics.mean(Measure.recall(100), IRM2_QRELS, run), EXACT);
    Measure recallLevel2 = (judged, ranking) -> Metrics.recall(judged, ranking, 100, 2);
    assertEquals(1.0, Metrics.mean(recallLevel2, IRM2_QRELS, run), EXACT);
  }

  @Test
  void successAtKIsOneWhenARelevantDocumentIsInTheFirstK() {
    // test_pytrec_eval.py test_Success: Success@2 1 and 0, mean 0.5; Success(rel=2)@2 1 and 0,
    // mean 0.5; Success(rel=3)@2 0 and 0. Query 1 by score: D1, D4, D2, D3 (none judged relevant
    // in the first two). test_ranx.py test_P: Success@10 1, Success(rel=2)@10 1, Success@2 1,
    // Success(rel=2)@2 0.
    Map<String, List<String>> run = Metrics.rankAll(IRM2_RUN);
    Map<String, Double> success =
        Metrics.perQuery(Measure.success(2), IRM2_QRELS, run, Average.JUDGED_AND_RUN);
    assertEquals(Map.of("0", 1.0, "1", 0.0), success);
    assertEquals(0.5, Metrics.mean(Measure.success(2), IRM2_QRELS, run), EXACT);
    Measure level2 = (judged, ranking) -> Metrics.success(judged, ranking, 2, 2);
    Measure level3 = (judged, ranking) -> Metrics.success(judged, ranking, 2, 3);
    assertEquals(0.5, Metrics.mean(level2, IRM2_QRELS, run), EXACT);
    assertEquals(0.0, Metrics.mean(level3, IRM2_QRELS, run), EXACT);

    List<String> ranking = Metrics.rank(IRM_RUN);
    assertEquals(1.0, Metrics.success(IRM_QRELS, ranking, 10), EXACT);
    assertEquals(1.0, Metrics.success(IRM_QRELS, ranking, 10, 2), EXACT);
    assertEquals(1.0, Metrics.success(IRM_QRELS, ranking, 2), EXACT);
    assertEquals(0.0, Metrics.success(IRM_QRELS, ranking, 2, 2), EXACT);
  }

  @Test
  void equalScoresAreBrokenByDocumentIdDescending() {
    // castorini/anserini, src/test/java/io/anserini/eval/RankingResultsTest.java, testSorting:
    // d2 and d3 tie at 1.9998 and sort as trec_eval does: d1, d3, d2, d4.
    assertEquals(
        List.of("d1", "d3", "d2", "d4"),
        Metrics.rank(Map.of("d1", 2.02, "d2", 1.9998, "d3", 1.9998, "d4", 1.576)));
  }

  @Test
  void tiesDecideNdcgTheWayTrecEvalDoes() {
    // usnistgov/trec_eval issue #22 ("Tie-Breaking in runs by docno causes unexpexted
    // behaviour"), trec_eval -m ndcg output: qrels a 0, b 1, c 0; run1 b and a at 1.0 -> 1.0000
    // (b ranks above a); run2 b and c at 1.0 -> 0.6309 (c ranks above b).
    Map<String, Integer> qrels = Map.of("a", 0, "b", 1, "c", 0);
    List<String> run1 = Metrics.rank(Map.of("b", 1.0, "a", 1.0));
    List<String> run2 = Metrics.rank(Map.of("b", 1.0, "c", 1.0));
    assertEquals(1.0, Metrics.ndcg(qrels, run1, Integer.MAX_VALUE), FOUR_PLACES);
    assertEquals(0.6309, Metrics.ndcg(qrels, run2, Integer.MAX_VALUE), FOUR_PLACES);

    // cvangysel/pytrec_eval issue #56, pytrec_eval output: qrels q1 {d3: 1}, q2 {d2: 1, d3: 1};
    // every score 1 -> ndcg 1.0 and map 1.0 for both (d3 ranks first). The maintainer's reply:
    // q1 scored {d5: 1, d4: 1, d3: 1} gives nDCG 0.5 and MAP 1/3 (d3 ranks last). With one
    // relevant document MAP is the reciprocal rank (hand-derived: AP = precision at its rank).
    Map<String, Integer> q1 = Map.of("d3", 1);
    List<String> allTied = Metrics.rank(Map.of("d1", 1.0, "d2", 1.0, "d3", 1.0));
    assertEquals(1.0, Metrics.ndcg(q1, allTied, Integer.MAX_VALUE), EXACT);
    assertEquals(1.0, Metrics.reciprocalRank(q1, allTied), EXACT);
    List<String> q2 = Metrics.rank(Map.of("d3", 1.0, "d2", 1.0));
    assertEquals(1.0, Metrics.ndcg(Map.of("d2", 1, "d3", 1), q2, Integer.MAX_VALUE), EXACT);
    List<String> lastTied = Metrics.rank(Map.of("d5", 1.0, "d4", 1.0, "d3", 1.0));
    assertEquals(0.5, Metrics.ndcg(q1, lastTied, Integer.MAX_VALUE), EXACT);
    assertEquals(1.0 / 3, Metrics.reciprocalRank(q1, lastTied), EXACT);

    // terrierteam/ir_measures issue #18 ("handling of ties"), trec_eval -m P.1 output: qrels
    // 0 -> 0, 1 -> 1; both documents score 0 -> P_1 1.0 (document "1" ranks first). At k = 1
    // precision and success are the same figure (hand-derived: one document, relevant or not).
    Map<String, Integer> qrels18 = Map.of("0", 0, "1", 1);
    List<String> run18 = Metrics.rank(Map.of("0", 0.0, "1", 0.0));
    assertEquals(1.0, Metrics.success(qrels18, run18, 1), EXACT);
  }

  @Test
  void aJudgedQueryWithoutRelevantDocumentsCountsAsZero() {
    // test_pytrec_eval.py test_SetR with rel=3 (no document of either query is graded 3):
    // pytrec_eval reports both queries, each with 0, so neither is skipped.
    Map<String, List<String>> run = Metrics.rankAll(IRM2_RUN);
    Measure recallLevel3 = (judged, ranking) -> Metrics.recall(judged, ranking, 100, 3);
    assertEquals(
        Map.of("0", 0.0, "1", 0.0),
        Metrics.perQuery(recallLevel3, IRM2_QRELS, run, Average.JUDGED_AND_RUN));

    // Hand-derived from trec_eval's source: trec_eval.c evaluates and counts every query of the
    // qrels that has results ("Queries for which there is no relevance information are ignored";
    // its CHANGELOG, 4/5/06, says only very old versions ignored queries without relevant
    // documents); m_ndcg_cut.c leaves 0 when the ideal DCG is 0, m_recall.c returns 0 when
    // num_rel is 0, m_recip_rank.c leaves 0 when nothing relevant is retrieved. So qa (x
    // relevant, ranked first: 1 for each measure) and qz (y judged 0) average to 0.5.
    Map<String, Map<String, Integer>> qrels = ordered("qa", Map.of("x", 1), "qz", Map.of("y", 0));
    Map<String, List<String>> ranked = ordered("qa", List.of("x"), "qz", List.of("y"));
    assertEquals(0.5, Metrics.mean(Measure.ndcg(10), qrels, ranked), EXACT);
    assertEquals(0.5, Metrics.mean(Measure.recall(100), qrels, ranked), EXACT);
    assertEquals(0.5, Metrics.mean(Measure.reciprocalRank(), qrels, ranked), EXACT);
    assertEquals(0.5, Metrics.mean(Measure.success(1), qrels, ranked), EXACT);
  }

  @Test
  void aQueryWithoutJudgementsIsIgnored() {
    // Hand-derived from trec_eval.c: queries absent from the qrels are never evaluated, and an
    // empty judgement map is that case. Only qa counts: 1.0. Queries of the run that the qrels
    // lack (qb) are ignored too.
    Map<String, Map<String, Integer>> qrels = ordered("qa", Map.of("x", 1), "qz", Map.of());
    Map<String, List<String>> run = ordered("qa", List.of("x"), "qz", List.of("y"));
    run.put("qb", List.of("z"));
    assertEquals(1.0, Metrics.mean(Measure.ndcg(10), qrels, run), EXACT);
    assertEquals(1.0, Metrics.mean(Measure.ndcg(10), qrels, run, Average.ALL_JUDGED), EXACT);
    assertEquals(
        1.0,
        Metrics.mean(
            Measure.ndcg(10), List.of(Map.of("x", 1), Map.of()), List.of(List.of("x"), List.of())),
        EXACT);
  }

  @Test
  void aQueryMissingFromTheRunIsSkippedByDefaultAndZeroWithComplete() {
    // pytrec_eval_tests.py test_ndcg, fifth case: the run has only q1 (d2 first), q1's ndcg 1.0.
    // Hand-derived from trec_eval's help for -c ("Average over the complete set of queries in
    // the relevance judgements ... Missing queries will contribute a value of 0"): the default
    // mean is over q1 alone, 1.0; with -c it is (1.0 + 0) / 2 = 0.5.
    Map<String, List<String>> onlyQ1 = new LinkedHashMap<>();
    onlyQ1.put("q1", Metrics.rank(Map.of("d1", 1.0, "d2", 2.0, "d3", 1.5)));
    Measure ndcg = Measure.ndcg(1000);
    assertEquals(1.0, Metrics.mean(ndcg, PYTREC_QRELS, onlyQ1), EXACT);
    assertEquals(1.0, Metrics.mean(ndcg, PYTREC_QRELS, onlyQ1, Average.JUDGED_AND_RUN), EXACT);
    assertEquals(0.5, Metrics.mean(ndcg, PYTREC_QRELS, onlyQ1, Average.ALL_JUDGED), EXACT);
    assertEquals(
        Map.of("q1", 1.0, "q2", 0.0),
        Metrics.perQuery(ndcg, PYTREC_QRELS, onlyQ1, Average.ALL_JUDGED));

    // The other cases of that test pass q2 with an empty score map: pytrec_eval evaluates it,
    // retrieving nothing (hand-derived: ndcg 0), so it counts even without -c: mean 0.5.
    Map<String, List<String>> emptyQ2 = new LinkedHashMap<>(onlyQ1);
    emptyQ2.put("q2", List.of());
    assertEquals(0.5, Metrics.mean(ndcg, PYTREC_QRELS, emptyQ2), EXACT);
  }

  @Test
  void parallelListsGiveTheSameMeanAsMaps() {
    // test_pytrec_eval.py test_Success again, as Benchmarks holds it: one judgement map and one
    // ranking per question. Success@2 mean 0.5; SetR(rel=1) mean 0.75.
    Map<String, List<String>> run = Metrics.rankAll(IRM2_RUN);
    List<Map<String, Integer>> judged = List.of(IRM2_QRELS.get("0"), IRM2_QRELS.get("1"));
    List<List<String>> rankings = List.of(run.get("0"), run.get("1"));
    assertEquals(0.5, Metrics.mean(Measure.success(2), judged, rankings), EXACT);
    assertEquals(0.75, Metrics.mean(Measure.recall(100), judged, rankings), EXACT);
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.mean(Measure.success(2), judged, List.of(run.get("0"))));
  }

  @Test
  void aDocumentRankedTwiceOrACutoffBelowOneIsRefused() {
    // trec_eval's form_res_rels.c stops with "duplicate docs"; its cutoffs "must be positive".
    Map<String, Integer> judged = Map.of("a", 1);
    assertThrows(
        IllegalArgumentException.class, () -> Metrics.ndcg(judged, List.of("a", "b", "a"), 10));
    assertThrows(
        IllegalArgumentException.class, () -> Metrics.reciprocalRank(judged, List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> Metrics.recall(judged, List.of("a"), 0));
    assertThrows(IllegalArgumentException.class, () -> Measure.ndcg(0));
  }

  /** Two entries in this order (Map.of has none; the qrels' order is the report's order). */
  private static <V> Map<String, V> ordered(String k1, V v1, String k2, V v2) {
    Map<String, V> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
