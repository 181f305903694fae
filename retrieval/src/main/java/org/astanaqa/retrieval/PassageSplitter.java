package org.astanaqa.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a document into passages of one to five sentences (about 120 words at most) that respect
 * the text as it was written: hard-wrapped paragraphs (the UN records wrap at about 55 columns)
 * are joined and their end-of-line hyphenation repaired; one-paragraph-per-line news items keep
 * their lines as paragraphs. Every passage keeps its offsets in the original text.
 */
final class PassageSplitter {
  static final int MAX_WORDS = 120;
  static final int MAX_SENTENCES = 5;

  /** A sentence longer than this is cut between words, so no passage grows without bound. */
  static final int MAX_SENTENCE_WORDS = 200;

  /** Lines this long or longer mean the file keeps one paragraph per line. */
  private static final int WRAP_WIDTH = 100;

  private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]\\n]{1,300})]\\(([^)\\s]*)\\)");
  private static final Pattern BLOCK_START = Pattern.compile("^(#{1,6}\\s|[-*+]\\s|\\d{1,3}[.)]\\s|>)");

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

  static List<Passage> split(CorpusDocument doc) {
    List<Passage> out = new ArrayList<>();
    for (Paragraph p : paragraphs(doc.text())) {
      chunk(doc.source(), p, out);
    }
    return out;
  }

  private static List<Paragraph> paragraphs(String text) {
    List<Line> lines = lines(text);
    boolean wrapped = isHardWrapped(lines);
    String folded = wrapped ? text.replaceAll("\\s+", " ") : "";
    List<Paragraph> out = new ArrayList<>();
    Paragraph current = null;
    for (Line line : lines) {
      String s = line.text();
      boolean blank = s.isBlank();
      boolean newBlock =
          current == null || blank || !wrapped || BLOCK_START.matcher(s.stripLeading()).find()
              || current.text.charAt(0) == '#';
      if (newBlock && current != null && !current.isEmpty()) {
        out.add(current);
        current = null;
      }
      if (blank) {
        continue;
      }
      if (current == null) {
        current = new Paragraph();
      } else {
        joinLine(current, s, folded);
      }
      appendLine(current, line);
    }
    if (current != null && !current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** Joins the next wrapped line: a space, or nothing when the line ended in a hyphenated word. */
  private static void joinLine(Paragraph p, String next, String folded) {
    String nextStripped = next.stripLeading();
    int len = p.text.length();
    if (len >= 2
        && p.last() == '-'
        && Character.isLetter(p.text.charAt(len - 2))
        && !nextStripped.isEmpty()
        && Character.isLowerCase(nextStripped.charAt(0))) {
      String head = lastWord(p.text, len - 1);
      String tail = firstWord(nextStripped);
      boolean compound =
          folded.contains(head + "-" + tail) && !folded.matches("(?s).*\\b" + Pattern.quote(head + tail) + "\\b.*");
      if (!compound) {
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
  private static void chunk(Source source, Paragraph p, List<Passage> out) {
    String text = p.text.toString();
    List<Span> sentences = new ArrayList<>();
    for (Span s : Sentences.split(text)) {
      cutLongSentence(text, s, sentences);
    }
    int i = 0;
    while (i < sentences.size()) {
      int first = i;
      int words = Sentences.wordCount(text, sentences.get(i).start(), sentences.get(i).end());
      i++;
      while (i < sentences.size() && i - first < MAX_SENTENCES) {
        int w = Sentences.wordCount(text, sentences.get(i).start(), sentences.get(i).end());
        if (words + w > MAX_WORDS) {
          break;
        }
        words += w;
        i++;
      }
      int start = sentences.get(first).start();
      int end = sentences.get(i - 1).end();
      out.add(new Passage(source, out.size(), text.substring(start, end), p.raw[start], p.raw[end - 1] + 1));
    }
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

  private static List<Line> lines(String text) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(new Line(text.substring(start, i), start));
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < n) {
      out.add(new Line(text.substring(start), start));
    }
    return out;
  }

  /** True when nine in ten non-blank lines are shorter than {@link #WRAP_WIDTH}. */
  private static boolean isHardWrapped(List<Line> lines) {
    int[] lengths = lines.stream().map(Line::text).filter(s -> !s.isBlank()).mapToInt(s -> s.strip().length()).sorted().toArray();
    if (lengths.length < 3) {
      return false;
    }
    return lengths[(int) Math.floor(0.9 * (lengths.length - 1))] < WRAP_WIDTH;
  }

  private static boolean isEscape(String s, int i) {
    return s.charAt(i) == '\\' && i + 1 < s.length() && "()[]_*#".indexOf(s.charAt(i + 1)) >= 0;
  }

  private static String lastWord(CharSequence s, int end) {
    int i = end;
    while (i > 0 && Character.isLetter(s.charAt(i - 1))) {
      i--;
    }
    return s.subSequence(i, end).toString();
  }

  private static String firstWord(String s) {
    int i = 0;
    while (i < s.length() && Character.isLetter(s.charAt(i))) {
      i++;
    }
    return s.substring(0, i);
  }
}
