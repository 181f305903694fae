package org.astanaqa.bot.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.astanaqa.bot.reply.Texts;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.DirectAnswer;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;

/**
 * Where a reply becomes Telegram HTML. Every piece of corpus or user text goes through {@link
 * #escape}; the only tags are the ones written here ({@code <b>}, {@code <i>}, {@code <u>}, {@code
 * <a>}).
 */
public final class TelegramHtml {
  /** Telegram's limit on a message's text, in UTF-16 code units. */
  public static final int MAX_MESSAGE = 4096;

  /**
   * The most characters of a quote an answer shows: about two and a half messages, so an answer is
   * three messages at most (four where {@link #split} finds a space only near the start). A line
   * without a sentence end or a paragraph break (an export with an embedded blob, a minified line)
   * made a passage, and a quote, of tens of thousands of characters: one answer went out as 15
   * messages for 60,000 (150 for 600,000), at one a second in a chat and 20 a minute in a group.
   * Longer quotes are cut, with "…", and "Full passage" is offered.
   */
  public static final int MAX_QUOTE = 10_000;

  /** The most characters of a direct answer shown in bold above its quote. */
  static final int MAX_DIRECT = 300;

  /**
   * The most characters of a passage "Full passage" shows, cut with "…": four or five messages, not
   * dozens.
   */
  public static final int MAX_PASSAGE = 16_000;

  private TelegramHtml() {}

  /**
   * Escapes the three characters Telegram's HTML parse mode requires, and quotes for attributes.
   */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A quote in typographic quotes with its matched words in bold, then its source line. */
  public static String quote(Quote q) {
    return quoteCut(q, MAX_QUOTE);
  }

  /** As {@link #quote(Quote)}, the quote cut to at most {@code max} characters (with "…"). */
  private static String quoteCut(Quote q, int max) {
    return "\u00ab" + bold(q.text(), q.matched(), max) + "\u00bb\n\n" + sourceLine(q.source());
  }

  /**
   * A quote as {@link #quote(Quote)}, after a line that says in words how sure the answer is:
   * "Likely answer" from {@code likely} on, "This may be related" below it.
   */
  public static String quote(Quote q, double likely) {
    return quote(q, likely, Texts.english());
  }

  /** As {@link #quote(Quote, double)}, the confidence line in {@code texts}' language. */
  public static String quote(Quote q, double likely, Texts texts) {
    return quote(q, likely, texts, MAX_QUOTE);
  }

  /**
   * As {@link #quote(Quote, double, Texts)}, the quote cut to at most {@code maxQuote} characters
   * (with "…"), for a message that must be one message: an inline answer's.
   */
  public static String quote(Quote q, double likely, Texts texts, int maxQuote) {
    return "<i>"
        + texts.confidenceWords(q.confidence(), likely)
        + ":</i>\n"
        + quoteCut(q, Math.min(MAX_QUOTE, maxQuote));
  }

  /**
   * {@code head} and then quote {@code q} as {@link #quote(Quote, double, Texts)} shows it, in one
   * message: when the whole is longer than {@link #MAX_MESSAGE} as Telegram counts it, the quote is
   * cut (with "…") so that it fits, the source line kept. Split instead, the first part was cut at
   * the last paragraph break within the limit, the one after {@code head}, and held no quote at
   * all. Null when even a quote of one character would not fit (a head or a source line longer than
   * a message).
   */
  public static String oneMessage(String head, Quote q, double likely, Texts texts) {
    String html = head + quote(q, likely, texts);
    int over = length(html) - MAX_MESSAGE;
    if (over <= 0) {
      return html;
    }
    // The quote's characters count one each as Telegram counts them (entities included), and
    // its cut adds "…" when it was not cut before.
    int max = Math.min(q.text().length(), MAX_QUOTE) - over - 1;
    if (max < 1) {
      return null;
    }
    html = head + quote(q, likely, texts, max);
    return length(html) <= MAX_MESSAGE ? html : null;
  }

  /**
   * Quote {@code i} of an answer as {@link #quote(Quote, double)}; when it holds the direct answer,
   * the direct answer comes first, in bold, and its span in the quote is bold and underlined.
   */
  public static String answer(Answer a, int i, double likely) {
    return answer(a, i, likely, Texts.english());
  }

  /** As {@link #answer(Answer, int, double)}, the bot's own words in {@code texts}' language. */
  public static String answer(Answer a, int i, double likely, Texts texts) {
    Quote q = a.quotes().get(i);
    Optional<DirectAnswer> d = a.direct().filter(x -> x.answer() == i);
    if (d.isEmpty()) {
      return quote(q, likely, texts);
    }
    return "<b>"
        // A name is a few words, but a capitalized blob is one too: cut like a quote.
        + escape(shortened(d.get().text(), MAX_DIRECT))
        + cutMark(d.get().text(), shortened(d.get().text(), MAX_DIRECT))
        + "</b>\n<i>"
        + texts.confidenceWords(q.confidence(), likely)
        + ":</i>\n\u00ab"
        + mark(q.text(), q.matched(), d.get().span(), MAX_QUOTE)
        + "\u00bb\n\n"
        + sourceLine(q.source());
  }

  /** The question's words in bold, and the answer's span in bold and underlined. */
  private static String mark(String text, List<Span> matched, Span answer, int max) {
    String whole = text;
    text = shortened(text, max);
    List<Span> spans = new ArrayList<>();
    for (Span s : matched) {
      if (s.end() <= answer.start() || s.start() >= answer.end()) {
        spans.add(s);
      }
    }
    spans.add(answer);
    spans.sort(java.util.Comparator.comparingInt(Span::start));
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (Span s : spans) {
      if (s.start() < at || s.end() > text.length()) {
        continue;
      }
      String open = s.equals(answer) ? "<b><u>" : "<b>";
      String close = s.equals(answer) ? "</u></b>" : "</b>";
      sb.append(escape(text.substring(at, s.start())))
          .append(open)
          .append(escape(text.substring(s.start(), s.end())))
          .append(close);
      at = s.end();
    }
    return sb.append(escape(text.substring(at))).append(cutMark(whole, text)).toString();
  }

  /** The whole passage a quote came from, with the question's words of the quote in bold. */
  public static String fullPassage(Quote q) {
    Passage p = q.passage();
    List<Span> shifted = new ArrayList<>();
    for (Span s : q.matched()) {
      shifted.add(new Span(s.start() + q.offset(), s.end() + q.offset()));
    }
    return bold(p.text(), shifted, MAX_PASSAGE) + "\n\n" + sourceLine(q.source());
  }

  /** "— Title, Publisher, date", the title linked when the document has a URL. */
  public static String sourceLine(Source s) {
    StringBuilder sb = new StringBuilder("\u2014 ");
    String title = "<i>" + escape(s.title()) + "</i>";
    if (s.url() != null && (s.url().startsWith("http://") || s.url().startsWith("https://"))) {
      sb.append("<a href=\"").append(escape(s.url())).append("\">").append(title).append("</a>");
    } else {
      sb.append(title);
    }
    if (s.publisher() != null) {
      sb.append(", ").append(escape(s.publisher()));
    }
    if (s.date() != null) {
      sb.append(", ").append(escape(s.date()));
    }
    return sb.toString();
  }

  /** The same text with the tags removed and the entities decoded: the plain-text fallback. */
  public static String toPlain(String html) {
    return html.replaceAll("<[^>]*>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  /**
   * The message's length as Telegram counts it against {@link #MAX_MESSAGE}: UTF-16 code units of
   * the text after entity parsing, so tags count nothing and an entity ({@code &amp;}, five
   * characters) counts as the character it stands for.
   */
  public static int length(String html) {
    Walk w = new Walk(html);
    while (w.at < html.length()) {
      w.step();
    }
    return w.count;
  }

  /**
   * Splits a message into parts of at most {@code max} UTF-16 code units as Telegram counts them
   * ({@link #length}): at paragraph breaks where possible, else after a sentence, else at a space,
   * never inside a tag, an entity or a surrogate pair, and never with a tag left open across parts.
   */
  public static List<String> split(String html, int max) {
    List<String> parts = new ArrayList<>();
    String rest = html;
    while (length(rest) > max) {
      int cut = cutAt(rest, max);
      if (cut <= 0) {
        // One element longer than a message ("<i>" and a long run of text): cut inside it.
        String[] two = cutInsideElements(rest, max);
        if (two == null) {
          two = cutInsideElements(rest.replaceAll("<[^>]*>", ""), max);
        }
        if (two == null) {
          throw new IllegalArgumentException("no place to cut an HTML text within " + max);
        }
        parts.add(two[0]);
        rest = two[1];
        continue;
      }
      parts.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty() || parts.isEmpty()) {
      parts.add(rest);
    }
    return parts;
  }

  /**
   * Where {@link #split} cuts {@code s}: after the last paragraph break within {@code max}, else
   * after a sentence, else at a space, else anywhere safe; a paragraph break, a sentence end or a
   * space in the first half of the part is passed over for a later cut of the next kind (a space
   * for a cut inside a word: a link or a blob longer than half a message), so that a part is never
   * a short heading alone: an answer's first line ("Answering: ...", an example's question in bold)
   * was sent as a message of its own before a quote longer than a message, one message more, in a
   * group one more of its 20 a minute. -1 when there is no safe place.
   */
  private static int cutAt(String s, int max) {
    int best = -1;
    for (String sep : new String[] {"\n\n", ". ", " ", ""}) {
      int cut = lastSafeCut(s, max, sep);
      if (cut > 0 && length(s.substring(0, cut)) >= max / 2) {
        return cut;
      }
      best = Math.max(best, cut);
    }
    return best;
  }

  /**
   * A walk through HTML that knows, before each character, whether it is inside a tag or an entity,
   * how deep the elements are nested, and how many UTF-16 units of text Telegram counts so far.
   */
  private static final class Walk {
    final String s;
    int at;
    int count;
    int depth;
    boolean inTag;
    int entityStart = -1;

    Walk(String s) {
      this.s = s;
    }

    /** Whether a part may end before the next character: outside tags, entities and pairs. */
    boolean between() {
      return !inTag
          && entityStart < 0
          && (at == s.length() || !Character.isLowSurrogate(s.charAt(at)));
    }

    void step() {
      char c = s.charAt(at);
      if (inTag) {
        inTag = c != '>';
      } else if (entityStart >= 0) {
        if (c == ';') {
          count += entityUnits(s.substring(entityStart, at + 1));
          entityStart = -1;
        }
      } else if (c == '<') {
        inTag = true;
        depth += at + 1 < s.length() && s.charAt(at + 1) == '/' ? -1 : 1;
      } else if (c == '&') {
        entityStart = at;
      } else {
        count++;
      }
      at++;
    }
  }

  /** UTF-16 units of the character an entity stands for: two for a numeric one beyond the BMP. */
  private static int entityUnits(String entity) {
    if (!entity.startsWith("&#")) {
      return 1;
    }
    try {
      boolean hex = entity.startsWith("&#x") || entity.startsWith("&#X");
      String digits = entity.substring(hex ? 3 : 2, entity.length() - 1);
      return Character.charCount(Integer.parseInt(digits, hex ? 16 : 10));
    } catch (IllegalArgumentException e) {
      return 1;
    }
  }

  /**
   * The last position just after {@code sep} where no tag or entity is open and the text before it
   * counts at most {@code max}.
   */
  private static int lastSafeCut(String s, int max, String sep) {
    Walk w = new Walk(s);
    int best = -1;
    while (w.count <= max) {
      if (w.at > 0
          && w.between()
          && w.depth == 0
          && (sep.isEmpty() || s.startsWith(sep, w.at - sep.length()))) {
        best = w.at;
      }
      if (w.at == s.length()) {
        break;
      }
      w.step();
    }
    return best;
  }

  /**
   * Cuts {@code s} at the last place where its first part, with the tags open there closed, counts
   * at most {@code max}; the second part opens those tags again. Never inside a tag, an entity or a
   * surrogate pair. Null when there is no such place.
   */
  private static String[] cutInsideElements(String s, int max) {
    List<String> open = new ArrayList<>();
    List<String> openAtBest = List.of();
    int best = -1;
    Walk w = new Walk(s);
    int tagStart = 0;
    while (w.count <= max) {
      if (w.at > 0 && w.between()) {
        best = w.at;
        openAtBest = List.copyOf(open);
      }
      if (w.at == s.length()) {
        break;
      }
      boolean wasInTag = w.inTag;
      int i = w.at;
      w.step();
      if (!wasInTag && w.inTag) {
        tagStart = i;
      } else if (wasInTag && !w.inTag) {
        String tag = s.substring(tagStart, i + 1);
        if (tag.startsWith("</")) {
          if (!open.isEmpty()) {
            open.remove(open.size() - 1);
          }
        } else {
          open.add(tag);
        }
      }
    }
    if (best <= 0) {
      return null;
    }
    StringBuilder first = new StringBuilder(s.substring(0, best));
    for (int k = openAtBest.size() - 1; k >= 0; k--) {
      first.append("</").append(tagName(openAtBest.get(k))).append('>');
    }
    return new String[] {first.toString(), String.join("", openAtBest) + s.substring(best)};
  }

  /** The element's name of an opening tag: "a" of {@code <a href="...">}. */
  private static String tagName(String openingTag) {
    int end = 1;
    while (end < openingTag.length() && Character.isLetterOrDigit(openingTag.charAt(end))
        || end < openingTag.length() && openingTag.charAt(end) == '-') {
      end++;
    }
    return openingTag.substring(1, end);
  }

  /**
   * {@code text} with {@code spans} in bold, cut to at most {@code max} characters ({@link
   * #shortened}); a span the cut reaches is left plain.
   */
  private static String bold(String text, List<Span> spans, int max) {
    String whole = text;
    text = shortened(text, max);
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (Span s : spans) {
      if (s.start() < at || s.end() > text.length()) {
        continue;
      }
      sb.append(escape(text.substring(at, s.start())))
          .append("<b>")
          .append(escape(text.substring(s.start(), s.end())))
          .append("</b>");
      at = s.end();
    }
    return sb.append(escape(text.substring(at))).append(cutMark(whole, text)).toString();
  }

  /**
   * The first at most {@code max} UTF-16 units of {@code text}, at a space in the last fifth of
   * them when there is one, never between the two halves of an emoji; {@code text} itself when
   * shorter.
   */
  static String shortened(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max);
    if (cut < max - max / 5) {
      cut = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    }
    return text.substring(0, cut).stripTrailing();
  }

  /** "…" when {@code shown} is {@code whole} cut short; nothing otherwise. */
  private static String cutMark(String whole, String shown) {
    return shown.length() < whole.length() ? "\u2026" : "";
  }
}
