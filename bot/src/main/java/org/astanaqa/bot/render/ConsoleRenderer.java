package org.astanaqa.bot.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.astanaqa.bot.reply.Texts;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.DirectAnswer;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;

/** Renders an answer as plain console text, optionally with scores and matched words. */
public final class ConsoleRenderer {
  private final boolean details;
  private final boolean ansi;
  private final double likely;
  private final String sourcesHint;

  /** What the console's "not found" points at: its own command. */
  public static final String CONSOLE_SOURCES = ":sources";

  /** What {@code ask}'s "not found" points at: the command line's own command. */
  public static final String COMMAND_LINE_SOURCES = "java -jar astana-qa.jar sources";

  /**
   * @param details show each quote's score and the question's words that matched
   * @param ansi mark matched words in bold with ANSI escapes (only for a real terminal)
   * @param likely the confidence from which an answer is worded as likely
   * @param sourcesHint how the reader lists the documents where the answer is shown
   */
  public ConsoleRenderer(boolean details, boolean ansi, double likely, String sourcesHint) {
    this.details = details;
    this.ansi = ansi;
    this.likely = likely;
    this.sourcesHint = sourcesHint;
  }

  /** One line per document: "- title, publisher, date [id]". */
  public static String sourceList(java.util.List<Source> sources) {
    StringBuilder sb = new StringBuilder();
    for (Source src : sources) {
      sb.append("- ").append(sourceLine(src)).append("  [").append(oneLine(src.id())).append("]\n");
    }
    return sb.toString();
  }

  /** "Likely answer" from {@code likely} on, "This may be related" below it. */
  public static String confidenceWords(double confidence, double likely) {
    return Texts.english().confidenceWords(confidence, likely);
  }

  public String render(Answer a) {
    return render(a, Texts.english());
  }

  /** The answer with the console's own words ("Not found", "Likely answer") in {@code texts}. */
  public String render(Answer a, Texts texts) {
    StringBuilder sb = new StringBuilder();
    if (!a.answered()) {
      sb.append(texts.get("consoleNotFound", sourcesHint)).append('\n');
      if (details) {
        sb.append(
            String.format(Locale.ROOT, "  best candidate's confidence %.2f%n", a.confidence()));
        sb.append("  searched: ").append(String.join(", ", a.terms())).append('\n');
      }
      return sb.toString();
    }
    a.direct().ifPresent(d -> sb.append(directLine(d, details)).append('\n'));
    sb.append(
        String.format(
            Locale.ROOT,
            "%s (%s %.2f)%n",
            texts.confidenceWords(a.confidence(), likely),
            texts.get("confidenceLabel"),
            a.confidence()));
    int i = 1;
    for (Quote q : a.quotes()) {
      sb.append(i++).append(". \u201c").append(mark(q)).append("\u201d\n");
      sb.append("   \u2014 ").append(sourceLine(q.source())).append('\n');
      if (details) {
        sb.append(
            String.format(
                Locale.ROOT,
                "   confidence %.2f, score %.3f%s; matched: %s; passage %d of %s%n",
                q.confidence(),
                q.score(),
                q.similarity() == null
                    ? ""
                    : String.format(Locale.ROOT, ", similarity %.3f", q.similarity()),
                String.join(", ", matchedWords(q)),
                q.passage().ordinal() + 1,
                oneLine(q.source().id())));
      }
    }
    if (details) {
      sb.append("   searched: ").append(String.join(", ", a.terms())).append('\n');
    }
    return sb.toString();
  }

  /**
   * "Answer: 17 September 2018 (from quote 1; the year comes from the document's date)": the direct
   * answer, where it is quoted, and whether its text goes beyond the quote's.
   */
  public static String directLine(DirectAnswer d, boolean details) {
    StringBuilder sb =
        new StringBuilder("Answer: ")
            .append(visible(d.text()))
            .append(" (from quote ")
            .append(d.answer() + 1);
    if (DirectAnswer.namesDayOfWriting(d.quoted()) && !d.text().equals(d.quoted())) {
      String day = d.quoted().split("\\W", 2)[0];
      sb.append("; \"").append(day).append("\" dated by the document's date");
    } else if (!d.text().equals(d.quoted())) {
      sb.append("; the year comes from the document's date");
    }
    if (details) {
      sb.append(
          String.format(Locale.ROOT, "; %s, confidence %.2f", d.type().label(), d.confidence()));
    }
    return sb.append(')').toString();
  }

  /** Title, publisher, date and URL, whichever are known, separated by " · ". */
  public static String sourceLine(Source s) {
    List<String> parts = new ArrayList<>();
    parts.add(s.title());
    if (s.publisher() != null) {
      parts.add(s.publisher());
    }
    if (s.date() != null) {
      parts.add(s.date());
    }
    if (s.url() != null) {
      parts.add(s.url());
    }
    return oneLine(String.join(" \u00b7 ", parts));
  }

  /**
   * The text with its control characters shown as their Unicode pictures ("\u241b" for ESC), line
   * breaks and tabs kept: a document's escape sequences must not reach the terminal, where they
   * could recolour, retitle or overwrite what the reader sees.
   */
  public static String visible(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f;
      if (control && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(!control ? c : c < 0x20 ? (char) (0x2400 + c) : c == 0x7f ? '\u2421' : '\ufffd');
      }
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * As {@link #visible}, line breaks and tabs shown too: for what is one line of its own, a file
   * name, a title or an id. A file named "new\nline.txt" (or a title with a line break) split its
   * line in {@code sources}, the answer's source line and the {@code index} summary.
   */
  public static String oneLine(String s) {
    String v = visible(s);
    if (v.indexOf('\n') < 0
        && v.indexOf('\t') < 0
        && v.indexOf('\u2028') < 0
        && v.indexOf('\u2029') < 0) {
      return v;
    }
    // U+2028 and U+2029 (a line and a paragraph separator) too: a terminal shows them as nothing,
    // so a Telegram question "Who signed<U+2028>it?" read "Who signedit?", and a pager or an
    // editor breaks the line there
    return v.replace('\n', '\u240a')
        .replace('\t', '\u2409')
        .replace('\u2028', '\u240a')
        .replace('\u2029', '\u240a');
  }

  /** The quote's words that matched the question, in order, without repeats. */
  public static List<String> matchedWords(Quote q) {
    List<String> out = new ArrayList<>();
    for (Span s : q.matched()) {
      String w = visible(q.text().substring(s.start(), s.end()));
      if (!out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  private String mark(Quote q) {
    if (!ansi) {
      return visible(q.text());
    }
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (Span s : q.matched()) {
      sb.append(visible(q.text().substring(at, s.start())))
          .append("\u001b[1m")
          .append(visible(q.text().substring(s.start(), s.end())))
          .append("\u001b[0m");
      at = s.end();
    }
    return sb.append(visible(q.text().substring(at))).toString();
  }
}
