package org.astanaqa.retrieval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuestionTextTest {
  @Test
  void politenessGreetingsAndTrailingNoiseAreTrimmed() {
    String plain = "Who were the Astana guarantors?";
    for (String typed :
        new String[] {
          "Who were the Astana guarantors? thanks",
          "Who were the Astana guarantors? Thank you very much!",
          "hi, who were the Astana guarantors?",
          "Hello bot! Can you tell me who were the Astana guarantors? pls",
          "Who were the Astana guarantors?? 0",
          "Who were the Astana guarantors?!!! \ud83d\ude4f\ud83d\ude4f",
          "<b>Who were the Astana guarantors?</b>",
          "please who were the Astana guarantors? thx"
        }) {
      assertEquals(plain.toLowerCase(), QuestionText.clean(typed).toLowerCase(), typed);
    }
  }

  @Test
  void wordsInsideTheQuestionStay() {
    assertEquals("Whom did Kazakhstan thank?", QuestionText.clean("Whom did Kazakhstan thank?"));
    assertEquals("What happened in 2016?", QuestionText.clean("What happened in 2016?"));
    assertEquals("sochi memorandum date", QuestionText.clean("sochi memorandum date"));
  }

  @Test
  void aMessageOfNothingButNoiseIsLeftAsTyped() {
    assertEquals("thanks!", QuestionText.clean("thanks!"));
    assertEquals("\ud83d\ude00", QuestionText.clean("\ud83d\ude00"));
  }
}
