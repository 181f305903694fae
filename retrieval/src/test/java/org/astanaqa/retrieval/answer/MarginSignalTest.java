package org.astanaqa.retrieval.answer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.astanaqa.retrieval.Fixtures;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The confidence's "margin" signal: the first passage's score less the next passage's that is not
 * the same passage said again. The TASS story repeats its lede ("Russia expects to coordinate
 * issues ... in the seventh round of negotiations on Syria in Astana") in its body; the two tied,
 * and a margin of 0 lowered the confidence (0.23 in the hybrid mode; 0.31 without the tie).
 */
class MarginSignalTest {
  private static QuestionAnswerer qa;
  private static int signal;

  @BeforeAll
  static void open() {
    qa = QuestionAnswerer.inMemory(Fixtures.SEEDS, Settings.defaults());
    signal = QuestionAnswerer.signalNames().indexOf("margin");
  }

  @AfterAll
  static void close() throws Exception {
    qa.close();
  }

  @Test
  void aLedeRepeatedInTheBodyIsNoRivalOfItself() {
    QuestionAnswerer.Assessment a = qa.assess("seventh round astana", 3);
    assertTrue(
        a.answer().quotes().get(0).text().contains("seventh round of negotiations"),
        a.answer().toString());
    assertTrue(a.signals()[signal] > 0.05, "margin " + a.signals()[signal]);
  }
}
