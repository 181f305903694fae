package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.Test;

class AcronymsTest {
  @Test
  void aRunOfCapitalisedWordsOrAPartOfItSpellsOutItsInitials() {
    String text =
        "the Director of Operations and Advocacy in the Office for the Coordination of"
            + " Humanitarian Affairs, Mr. John Ging, spoke. The Islamic State of Iraq and the Levant"
            + " and the Syrian Democratic Forces.";
    Map<String, Integer> ocha = new HashMap<>();
    Acronyms.collect(text, "OCHA", ocha);
    assertEquals(Map.of("Office for the Coordination of Humanitarian Affairs", 1), ocha);
    Map<String, Integer> isil = new HashMap<>();
    Acronyms.collect(text, "ISIL", isil);
    assertEquals(Map.of("Islamic State of Iraq and the Levant", 1), isil);
    Map<String, Integer> jgs = new HashMap<>();
    Acronyms.collect(text, "JGS", jgs);
    assertTrue(jgs.isEmpty(), "a run ends at a comma: " + jgs);
  }

  @Test
  void aQuestionsAcronymIsSearchedAsTheNameTheDocumentsSpellOut() throws Exception {
    try (QuestionAnswerer qa =
        QuestionAnswerer.inMemory(Path.of("..", "seeds"), Settings.defaults())) {
      Answer a =
          qa.ask("Which OCHA official briefed the Security Council together with de Mistura?");
      assertTrue(a.terms().contains("humanitarian"), a.terms().toString());
      assertTrue(a.answered(), a.toString());
      assertTrue(a.quotes().get(0).text().contains("John Ging"), a.quotes().get(0).text());
      // Only where a passage names the Office with another word of the question.
      assertTrue(
          qa.ask("Did OCHA sponsor the Geneva round?").terms().contains("ocha?"),
          qa.ask("Did OCHA sponsor the Geneva round?").terms().toString());
      // The documents say "UN" themselves: kept as typed. A question in capitals is not expanded.
      assertTrue(qa.ask("What did the UN envoy say?").terms().contains("un"));
      assertEquals(
          qa.ask("WHO WERE THE GUARANTORS?").terms(), qa.ask("who were the guarantors?").terms());
    }
  }
}
