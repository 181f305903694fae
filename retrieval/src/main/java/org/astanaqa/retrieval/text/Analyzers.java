package org.astanaqa.retrieval.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** The one place that builds the analyzer, shared by indexing, querying and quoting. */
public final class Analyzers {
  /** The words that open a question ("who", "when", "how"...). */
  public static final List<String> INTERROGATIVES =
      List.of("who", "whom", "whose", "what", "which", "when", "where", "why", "how");

  /**
   * Words that shape a question but say nothing about its answer. They are analyzed with the same
   * analyzer as the text so that the comparison happens on stems ("does" becomes "doe").
   */
  private static final List<String> QUESTION_WORDS =
      withInterrogatives(
          "whats",
          "do",
          "does",
          "did",
          "done",
          "has",
          "have",
          "had",
          "am",
          "is",
          "are",
          "was",
          "were",
          "been",
          "being",
          "be",
          "can",
          "could",
          "would",
          "should",
          "shall",
          "may",
          "might",
          "must",
          "will",
          "me",
          "tell",
          "please",
          "i",
          "you",
          "your",
          "my",
          "we",
          "our",
          "us",
          "he",
          "she",
          "him",
          "her",
          "his",
          "its",
          "it",
          "they",
          "them",
          "their",
          "about",
          "any",
          "some",
          "there",
          "here",
          "from",
          "s",
          "so",
          "than",
          "too",
          "very",
          "exactly",
          "besides",
          "apart",
          "else",
          "other",
          "another",
          "per",
          "just",
          "also",
          "all",
          "up",
          "out",
          "over",
          "know",
          "say",
          "says",
          "said",
          "happen",
          "happened",
          "one",
          "after",
          "before",
          "during",
          "since",
          "until",
          "like",
          "get",
          "got",
          "mean",
          "pls",
          "plz",
          "thx",
          "u");

  private static List<String> withInterrogatives(String... more) {
    List<String> all = new ArrayList<>(INTERROGATIVES);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }

  /**
   * What a reader sees as letters or as nothing, written as other characters: a PDF's ligatures
   * ("\ufb01nancial", as PDFBox gives a LaTeX or InDesign file's text) and the invisible soft
   * hyphen and zero-width spaces of a web page ("recon&amp;shy;struction"), which made terms of
   * their own that no question's word matched.
   */
  private static final NormalizeCharMap AS_SEEN = asSeen();

  private static NormalizeCharMap asSeen() {
    NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
    b.add("\ufb00", "ff");
    b.add("\ufb01", "fi");
    b.add("\ufb02", "fl");
    b.add("\ufb03", "ffi");
    b.add("\ufb04", "ffl");
    b.add("\ufb05", "st");
    b.add("\ufb06", "st");
    for (String invisible : new String[] {"\u00ad", "\u200b", "\u2060", "\ufeff"}) {
      b.add(invisible, "");
    }
    return b.build();
  }

  private static final Analyzer ANALYZER =
      new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        private final Analyzer english = new EnglishAnalyzer();

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
          return english;
        }

        @Override
        protected Reader wrapReader(String fieldName, Reader reader) {
          return new MappingCharFilter(AS_SEEN, reader);
        }

        @Override
        protected Reader wrapReaderForNormalization(String fieldName, Reader reader) {
          return new MappingCharFilter(AS_SEEN, reader);
        }
      };
  private static final Set<String> QUESTION_STEMS = analyzeAll(QUESTION_WORDS);

  private Analyzers() {}

  /** The analyzer for the passage text field; thread-safe and shared. */
  public static Analyzer text() {
    return ANALYZER;
  }

  /**
   * The words, as written, that only shape a question or a sentence: the question words above and
   * the analyzer's English stop words ("the", "of", "were").
   */
  public static final Set<String> FUNCTION_WORDS = functionWords();

  private static Set<String> functionWords() {
    Set<String> out = new HashSet<>(QUESTION_WORDS);
    for (Object w : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
      out.add(new String((char[]) w));
    }
    return Set.copyOf(out);
  }

  /** True when an analyzed term only shapes the question ("who", "doe") and is not searched. */
  public static boolean isQuestionWord(String term) {
    return QUESTION_STEMS.contains(term);
  }

  /** An analyzed token with its position in the token stream and its offsets in the text. */
  public record Token(String term, int position, int start, int end) {}

  /** Analyzes {@code text} and returns its tokens with positions and character offsets. */
  public static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    try (TokenStream ts = ANALYZER.tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int position = -1;
      while (ts.incrementToken()) {
        position += inc.getPositionIncrement();
        out.add(new Token(term.toString(), position, offset.startOffset(), offset.endOffset()));
      }
      ts.end();
    } catch (IOException e) {
      // Analysis reads from a String: an IOException here is a bug, not an input problem.
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Set<String> analyzeAll(List<String> words) {
    Set<String> stems = new HashSet<>();
    for (String w : words) {
      for (Token t : tokens(w)) {
        stems.add(t.term());
      }
    }
    return Set.copyOf(stems);
  }
}
