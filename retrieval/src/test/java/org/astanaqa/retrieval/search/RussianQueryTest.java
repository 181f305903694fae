package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RussianQueryTest {
  /**
   * A hashtag is left out only when the question's own words repeat it, not when another hashtag
   * does: "#Астана" began "#АстанинскийПроцесс" after it, and the same tag at the start and the end
   * found each other, so both went and the question lost the only word that named Astana or Syria.
   */
  @Test
  void aHashtagIsLeftOutForTheQuestionsOwnWordsNotForAnotherHashtag() {
    assertEquals(
        "  Какую роль Россия играет по Идлибу?",
        RussianQuery.withoutRepeatedHashtags("#Идлиб Какую роль Россия играет по Идлибу?"));
    assertEquals(
        "#Астана #АстанинскийПроцесс что решили?",
        RussianQuery.withoutRepeatedHashtags("#Астана #АстанинскийПроцесс что решили?"));
    assertEquals(
        "#Сирия какой документ обсуждали? #Сирия",
        RussianQuery.withoutRepeatedHashtags("#Сирия какой документ обсуждали? #Сирия"));
  }
}
