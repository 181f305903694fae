package org.astanaqa.retrieval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzersTest {
  private static List<String> terms(String text) {
    return Analyzers.tokens(text).stream().map(Analyzers.Token::term).toList();
  }

  /**
   * From a probe: a PDF's ligatures ("ﬁnancial", as PDFBox gives a LaTeX or InDesign file's text)
   * and a page's soft hyphens ("recon&shy;struction") were terms of their own, so no question about
   * financial support or reconstruction found the sentence that holds them.
   */
  @Test
  void ligaturesAndInvisibleHyphensAreTheLettersAReaderSees() {
    String seen = "\ufb01nancial recon\u00adstruction e\ufb00ects of\ufb02ows peace\u200bkeeping";
    assertEquals(terms("financial reconstruction effects offlows peacekeeping"), terms(seen));
    // the matched words' offsets are still those of the text as it is written
    List<Analyzers.Token> tokens = Analyzers.tokens(seen);
    assertEquals(
        "recon\u00adstruction", seen.substring(tokens.get(1).start(), tokens.get(1).end()));
    assertEquals("e\ufb00ects", seen.substring(tokens.get(2).start(), tokens.get(2).end()));
  }
}
