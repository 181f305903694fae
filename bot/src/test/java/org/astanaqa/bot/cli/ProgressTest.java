package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void onATerminalTheBarIsRedrawnInPlaceAndEndsWithOneLineBreak() {
    StringWriter w = new StringWriter();
    Progress p = new Progress(new PrintWriter(w), true, "vectors ", "passages", 10);
    for (int done = 256; done < 5000; done += 256) { // batches, as the vectors come
      p.progress(done, 5000);
    }
    p.progress(5000, 5000);
    String s = w.toString();
    assertTrue(s.startsWith("\rvectors  ["), s);
    assertTrue(s.endsWith("] 5000/5000 passages\n"), s);
    assertEquals(1, s.chars().filter(c -> c == '\n').count(), s);
    assertTrue(s.chars().filter(c -> c == '\r').count() >= 10, "redrawn as it goes: " + s);
  }

  @Test
  void elsewhereEachTenthIsOnePlainLine() {
    StringWriter w = new StringWriter();
    Progress p = new Progress(new PrintWriter(w), false, "indexing", "documents", 10);
    for (int done = 1; done <= 95; done++) {
      p.progress(done, 95);
    }
    assertEquals(10, w.toString().lines().count(), w.toString());
    assertEquals("indexing 10% (10/95 documents)", w.toString().lines().findFirst().get());
  }

  @Test
  void aSmallCorpusShowsNoProgress() {
    StringWriter w = new StringWriter();
    new Progress(new PrintWriter(w), false, "indexing", "documents", 50).progress(5, 5);
    assertEquals("", w.toString());
  }
}
