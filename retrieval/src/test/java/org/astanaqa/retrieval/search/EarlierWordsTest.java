package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.store.Directory;
import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.text.Analyzers;
import org.junit.jupiter.api.Test;

/**
 * In the one question a follow-up makes with the earlier one, the earlier question's words are the
 * setting and the follow-up's own words what it asks: "what did Ankara say?" after a question on
 * the ceasefire talks searches "ankara" in full and the ceasefire talks at less weight.
 */
class EarlierWordsTest {
  @Test
  void theEarlierQuestionsWordsWeighLessThanTheFollowUpsOwn() throws Exception {
    try (Directory dir =
        Fixtures.index(
            "The ceasefire talks began in Astana.",
            "Turkey said the talks should go on.",
            "Ankara welcomed the memorandum.",
            "The Turkish delegation left.")) {
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        Aliases aliases = Aliases.of(List.of());
        QuestionQuery own = QuestionQuery.build("What did Ankara say?", reader, null, aliases, 32);
        QuestionQuery whole =
            QuestionQuery.build(
                "What did Ankara say about the ceasefire talks?", reader, null, aliases, 32);
        QuestionQuery following = whole.following(own);

        String ankara = term("ankara");
        String ceasefire = term("ceasefire");
        int a = whole.indexOf(ankara);
        int c = whole.indexOf(ceasefire);
        assertEquals(whole.weight[a], following.weight[a], 1e-9, "its own word keeps its weight");
        assertEquals(
            QuestionQuery.EARLIER_WEIGHT * whole.weight[c], following.weight[c], 1e-9, "context");

        Set<String> boosted = new HashSet<>();
        Set<String> full = new HashSet<>();
        for (BooleanClause clause : ((BooleanQuery) following.query).clauses()) {
          Set<Term> used = new HashSet<>();
          clause.getQuery().visit(QueryVisitor.termCollector(used));
          boolean less = boost(clause.getQuery()) < boostOf(whole, used);
          used.forEach(t -> (less ? boosted : full).add(t.text()));
        }
        assertTrue(boosted.contains(ceasefire), boosted.toString());
        assertTrue(boosted.contains(term("talks")), boosted.toString());
        assertTrue(full.contains(ankara), "the follow-up's own word: " + full);
        assertFalse(boosted.contains(ankara), "the follow-up's own word: " + boosted);

        // a follow-up of names the corpus lacks ("and Lavrov?") adds nothing to weigh against
        QuestionQuery unknown = QuestionQuery.build("and Lavrov?", reader, null, aliases, 32);
        QuestionQuery lavrov =
            QuestionQuery.build(
                "What did Lavrov say about the ceasefire talks?", reader, null, aliases, 32);
        QuestionQuery withUnknown = lavrov.following(unknown);
        int c2 = withUnknown.indexOf(ceasefire);
        assertEquals(lavrov.weight[c2], withUnknown.weight[c2], 1e-9);
      }
    }
  }

  /** The boost a clause over these terms has in the query before the follow-up's weighing. */
  private static float boostOf(QuestionQuery q, Set<Term> terms) {
    for (BooleanClause clause : ((BooleanQuery) q.query).clauses()) {
      Set<Term> used = new HashSet<>();
      clause.getQuery().visit(QueryVisitor.termCollector(used));
      if (used.equals(terms)) {
        return boost(clause.getQuery());
      }
    }
    return 1f;
  }

  /** A clause's boost: the product of the boosts it is wrapped in. */
  private static float boost(Query q) {
    return q instanceof BoostQuery b ? b.getBoost() * boost(b.getQuery()) : 1f;
  }

  private static String term(String word) {
    return Analyzers.tokens(word).get(0).term();
  }
}
