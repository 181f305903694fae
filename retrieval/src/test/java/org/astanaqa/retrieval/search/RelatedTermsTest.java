package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.text.Analyzers;
import org.junit.jupiter.api.Test;

/**
 * A question word the corpus uses keeps its meaning, but a passage that says its synonym instead
 * ("assist" for "help") holds it for the coverage of the question.
 */
class RelatedTermsTest {
  private static final String HELPS = "The guarantors help the Syrians.";
  private static final String ASSISTS = "The guarantors assist the refugees.";

  @Test
  void aPassageThatSaysASynonymOfAQuestionWordHoldsIt() throws Exception {
    assertTrue(Synonyms.of("help").contains("assist"), Synonyms.of("help").toString());
    try (Directory dir = Fixtures.index(HELPS, ASSISTS)) {
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        QuestionQuery q =
            QuestionQuery.build(
                "Who will help the refugees?", reader, null, Aliases.of(List.of()), 32);
        int help = q.indexOf(Analyzers.tokens("help").get(0).term());
        assertTrue(help >= 0, "'help' is a word of the corpus, searched as typed");
        // "assist" is not searched: it only counts where "help" is missing
        assertFalse(q.indexOf(Analyzers.tokens("assist").get(0).term()) >= 0);

        List<Analyzers.Token> assists = Analyzers.tokens(ASSISTS);
        boolean[] present = q.present(assists, 0, assists.size());
        assertFalse(present[help]);
        assertTrue(q.relatedPresent(assists, 0, assists.size(), present)[help]);

        // A passage that says the word and its synonym: the word is held as asked, not as a
        // synonym (a passage without "assist" would hold no synonym whatever relatedPresent did).
        List<Analyzers.Token> both =
            Analyzers.tokens("The guarantors help and assist the Syrians.");
        boolean[] said = q.present(both, 0, both.size());
        assertTrue(said[help]);
        assertTrue(q.relatedPresent(both, 0, both.size(), new boolean[said.length])[help]);
        assertArrayEquals(
            new boolean[said.length],
            q.relatedPresent(both, 0, both.size(), said),
            "a passage that says the word itself holds no synonym for it");

        // a name in capitals has no synonyms: "Help" the title is no "assist"
        QuestionQuery named =
            QuestionQuery.build("Who wrote Help?", reader, null, Aliases.of(List.of()), 32);
        assertArrayEquals(
            new boolean[named.distinct.length],
            named.relatedPresent(
                assists, 0, assists.size(), named.present(assists, 0, assists.size())));
      }
    }
  }
}
