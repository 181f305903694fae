package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The shipped synonyms table is what {@link WordNetSynonyms} writes from WordNet. */
class SynonymTableTest {
  private static WordNetSynonyms wordnet;

  @BeforeAll
  static void read() throws Exception {
    wordnet = new WordNetSynonyms();
  }

  @Test
  void theStoredTableHoldsEveryWordWithWhatWordNetGivesIt() throws Exception {
    List<String> keys = new ArrayList<>(wordnet.keys());
    assertEquals(keys.size(), Synonyms.size(), "one line per one-word entry and irregular form");
    // every 50th word, and the words the engine's tests lean on
    List<String> sample = new ArrayList<>(List.of("truce", "recommend", "became", "born", "set"));
    for (int i = 0; i < keys.size(); i += 50) {
      sample.add(keys.get(i));
    }
    for (String w : sample) {
      assertEquals(wordnet.of(w), Synonyms.of(w), w);
    }
  }

  /** The command that writes the table: {@code -Dtest=SynonymTableTest -Dsynonyms.write=true}. */
  @Test
  @EnabledIfSystemProperty(named = "synonyms.write", matches = "true")
  void write() throws Exception {
    wordnet.write(
        Path.of("src/main/resources/org/astanaqa/retrieval/search").resolve(Synonyms.TABLE));
  }
}
