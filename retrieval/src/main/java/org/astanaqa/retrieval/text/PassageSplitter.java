package org.astanaqa.retrieval.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.CorpusDocument;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;
import org.astanaqa.retrieval.corpus.Hyphenation;
import org.astanaqa.retrieval.corpus.LineBreaks;

/**
 * Cuts a document into passages of one to five sentences (about 120 words at most) that respect the
 * text as it was written: hard-wrapped paragraphs (the UN records wrap at about 55 columns) are
 * joined and their end-of-line hyphenation repaired; one-paragraph-per-line news items keep their
 * lines as paragraphs. Every passage keeps its offsets in the original text.
 */
public final class PassageSplitter {
  static final int MAX_WORDS = 120;
  static final int MAX_SENTENCES = 5;

  /** A sentence longer than this is cut between words, so no passage grows without bound. */
  static final int MAX_SENTENCE_WORDS = 200;

  /** Lines this long or longer mean the file keeps one paragraph per line. */
  private static final int WRAP_WIDTH = 100;

  private static final Pattern MARKDOWN_LINK =
      Pattern.compile("\\[([^\\]\\n]{1,300})]\\(([^)\\s]*)\\)");

  private PassageSplitter() {}

  /** A line of the original text. */
  private record Line(String text, int start) {}

  /** Normalized paragraph text with, for each character, its offset in the original text. */
  private static final class Paragraph {
    final StringBuilder text = new StringBuilder();
    int[] raw = new int[64];

    void append(char c, int rawOffset) {
      if (text.length() == raw.length) {
        raw = Arrays.copyOf(raw, raw.length * 2);
      }
      raw[text.length()] = rawOffset;
      text.append(c);
    }

    boolean isEmpty() {
      return text.length() == 0;
    }

    char last() {
      return text.charAt(text.length() - 1);
    }
  }

  /** What splitting one document needs to remember: its text and the words already looked up. */
  private static final class Doc {
    final Source source;
    final CharSequence text;
    final Consumer<Passage> out;

    /** How the document writes its split words, read on its first line-end hyphen. */
    Hyphenation.Evidence written;

    int passages;

    /** Who the document's passages quote, read in order. */
    final Speakers speakers = new Speakers();

    /** Whom the document's passages mean by a title alone, read in order. */
    final TitledNames titled = new TitledNames();

    Doc(Source source, CharSequence text, Consumer<Passage> out) {
      this.source = source;
      this.text = text;
      this.out = out;
    }
  }

  public static List<Passage> split(CorpusDocument doc) {
    List<Passage> out = new ArrayList<>();
    split(doc, out::add);
    return out;
  }

  /**
   * Hands the document's passages to {@code out} in order, one paragraph at a time: memory holds
   * the text and one paragraph, never every paragraph of a large file at once (each character of a
   * paragraph carries a 4-byte offset).
   */
  public static void split(CorpusDocument doc, Consumer<Passage> out) {
    split(doc.source(), doc.text(), out);
  }

  /** As {@link #split(CorpusDocument, Consumer)}; tests pass a text that counts its reads. */
  public static void split(Source source, CharSequence text, Consumer<Passage> out) {
    Doc d = new Doc(source, text, out);
    boolean wrapped = isHardWrapped(text);
    Paragraph current = null;
    int n = text.length();
    int start = 0;
    while (start < n) {
      int end = lineEnd(text, start);
      Line line = new Line(text.subSequence(start, end).toString(), start);
      start =
          end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n'
              ? end + 2
              : end + 1;
      String s = line.text();
      boolean blank = s.isBlank();
      boolean newBlock =
          current == null
              || blank
              || !wrapped && !runsOn(current, s)
              // the same list points as a file of one paragraph per line: "a) ...", "• ..." in a
              // hard-wrapped one were joined to the sentence before, one run-on paragraph
              || LineBreaks.startsBlock(current.text, s)
              || current.text.charAt(0) == '#';
      if (newBlock && current != null && !current.isEmpty()) {
        chunk(d, current);
        current = null;
      }
      if (blank) {
        continue;
      }
      if (current == null) {
        current = new Paragraph();
      } else {
        joinLine(d, current, s);
      }
      appendLine(current, line);
    }
    if (current != null && !current.isEmpty()) {
      chunk(d, current);
    }
  }

  /**
   * Whether {@code next} goes on with the sentence {@code p} left unfinished, in a file that keeps
   * one paragraph per line ({@link LineBreaks#runsOn}). The UN General Debate speeches, one
   * paragraph per line, break 480 sentences so (in 268 of 974 files): "... on her being" / "elected
   * president of the General Assembly ..." was quoted from "elected", and its first half, of ten
   * words, counted as a sentence.
   */
  private static boolean runsOn(Paragraph p, String next) {
    return p != null && LineBreaks.runsOn(p.text, next);
  }

  /** Joins the next wrapped line: a space, or nothing when the line ended in a hyphenated word. */
  private static void joinLine(Doc d, Paragraph p, String next) {
    String nextStripped = next.stripLeading();
    int len = p.text.length();
    if (len >= 2
        && p.last() == '-'
        && Character.isLetter(p.text.charAt(len - 2))
        && !nextStripped.isEmpty()
        && Character.isLowerCase(nextStripped.charAt(0))) {
      String head = Hyphenation.lastWord(p.text, len - 1);
      String tail = Hyphenation.firstWord(nextStripped);
      if (d.written == null) {
        d.written = Hyphenation.Evidence.of(d.text);
      }
      // A compound as a PDF's lines decide it: written with its hyphen elsewhere and never as one
      // word ("well-known"), or a prefix and a word that joined are no word
      // ("self-determination"); a text file's "self-" + "determination" was "selfdetermination",
      // a word no question's "determination" found, where the same lines in a PDF kept the hyphen.
      if (!Hyphenation.keepsHyphen(head, tail, d.written)) {
        p.text.setLength(len - 1); // "negoti-" + "ations": repair the split word
      }
      return;
    }
    p.append(' ', p.raw[len - 1] + 1);
  }

  /** Appends a line with runs of spaces folded and Markdown link syntax reduced to its text. */
  private static void appendLine(Paragraph p, Line line) {
    String s = line.text();
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    Matcher link = MARKDOWN_LINK.matcher(s);
    int nextLink = link.find(i) ? link.start() : -1;
    while (i < s.length()) {
      if (i == nextLink) {
        for (int k = link.start(1); k < link.end(1); k++) {
          if (isEscape(s, k)) {
            k++;
          }
          p.append(s.charAt(k), line.start() + k);
        }
        i = link.end();
        nextLink = link.find(i) ? link.start() : -1;
        continue;
      }
      char c = s.charAt(i);
      if (isEscape(s, i)) {
        i++; // Markdown escape: keep the escaped character only
        c = s.charAt(i);
      }
      if (Character.isWhitespace(c)) {
        if (!p.isEmpty() && p.last() != ' ') {
          p.append(' ', line.start() + i);
        }
      } else {
        p.append(c, line.start() + i);
      }
      i++;
    }
    while (!p.isEmpty() && p.last() == ' ') {
      p.text.setLength(p.text.length() - 1);
    }
  }

  /** Groups a paragraph's sentences into passages of bounded size. */
  private static void chunk(Doc d, Paragraph p) {
    String text = p.text.toString();
    List<Span> sentences = new ArrayList<>();
    for (Span s : Sentences.split(text)) {
      // Headings, labels and datelines are no passage's text: each ends the passage before it.
      // Judged whole, before a long sentence is cut: its last piece, a few words that end no
      // sentence, is no label.
      if (Sentences.isProse(text, s.start(), s.end())) {
        cutLongSentence(text, s, sentences);
      }
    }
    int i = 0;
    while (i < sentences.size()) {
      int first = i;
      int words = Sentences.wordCount(text, sentences.get(i).start(), sentences.get(i).end());
      i++;
      while (i < sentences.size()
          && i - first < MAX_SENTENCES
          && adjacent(text, sentences.get(i - 1), sentences.get(i))) {
        int w = Sentences.wordCount(text, sentences.get(i).start(), sentences.get(i).end());
        if (words + w > MAX_WORDS) {
          break;
        }
        words += w;
        i++;
      }
      int start = sentences.get(first).start();
      int end = sentences.get(i - 1).end();
      String passage = text.substring(start, end);
      d.out.accept(
          new Passage(
              d.source,
              d.passages++,
              passage,
              p.raw[start],
              p.raw[end - 1] + 1,
              d.speakers.next(passage),
              d.titled.next(passage)));
    }
  }

  /** True when only white space lies between two sentences: none was left out between them. */
  private static boolean adjacent(String text, Span a, Span b) {
    return text.substring(a.end(), b.start()).isBlank();
  }

  private static void cutLongSentence(String text, Span s, List<Span> out) {
    int start = s.start();
    int words = 0;
    for (int i = s.start(); i < s.end(); i++) {
      if (text.charAt(i) == ' ' && ++words == MAX_SENTENCE_WORDS) {
        out.add(new Span(start, i));
        start = i + 1;
        words = 0;
      }
    }
    if (start < s.end()) {
      out.add(new Span(start, s.end()));
    }
  }

  /** Where the line that starts at {@code start} ends: at its first '\n' or '\r', or the end. */
  private static int lineEnd(CharSequence text, int start) {
    int end = start;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return end;
  }

  /** True when nine in ten non-blank lines are shorter than {@link #WRAP_WIDTH}. */
  private static boolean isHardWrapped(CharSequence text) {
    int[] lengths = new int[64];
    int count = 0;
    int n = text.length();
    int start = 0;
    while (start < n) {
      int end = lineEnd(text, start);
      int a = start;
      int b = end;
      while (a < b && Character.isWhitespace(text.charAt(a))) {
        a++;
      }
      while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
        b--;
      }
      if (b > a) {
        if (count == lengths.length) {
          lengths = Arrays.copyOf(lengths, count * 2);
        }
        lengths[count++] = b - a;
      }
      start = end + 1; // a "\r\n" leaves an empty line between, which counts as blank
    }
    if (count < 3) {
      return false;
    }
    Arrays.sort(lengths, 0, count);
    return lengths[(int) Math.floor(0.9 * (count - 1))] < WRAP_WIDTH;
  }

  private static boolean isEscape(String s, int i) {
    return s.charAt(i) == '\\' && i + 1 < s.length() && "()[]_*#".indexOf(s.charAt(i + 1)) >= 0;
  }
}
