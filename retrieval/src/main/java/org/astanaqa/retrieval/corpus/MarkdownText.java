package org.astanaqa.retrieval.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.util.HtmlEntities;

/**
 * Renders Markdown to the plain text a reader sees: headings, list items and block quotes become
 * paragraphs of their own without their markers; emphasis, inline code and link syntax are reduced
 * to their words; images, reference definitions and horizontal rules are left out. The first
 * heading is the document's title.
 */
final class MarkdownText {
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(\\s+#+)?\\s*$");
  private static final Pattern SETEXT = Pattern.compile("^\\s{0,3}(=+|-+)\\s*$");

  /**
   * A thematic break's characters: three or more of {@code -}, {@code *} or {@code _}, spaces
   * between ({@link #isRule}). One character class, not a group repeated per mark, which took a
   * step of the stack for each: a form's line of 6,000 underscores overflowed it.
   */
  private static final Pattern RULE = Pattern.compile("\\s{0,3}[-*_][-*_\\s]*+");

  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d{1,9}[.)])\\s+");

  /**
   * A block quote's marks, "> " or "> > ": one character class, not a group repeated per mark,
   * which took a step of the stack for each (the white space it takes too is stripped after).
   */
  private static final Pattern QUOTE = Pattern.compile("^\\s{0,3}>[>\\s]*+");

  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
  private static final Pattern REFERENCE =
      Pattern.compile("^\\s{0,3}\\[(?!\\^)[^\\]]+]:\\s+\\S+.*$");

  /** A footnote's definition, "[^1]: Its text", shown at the foot of the rendered page. */
  private static final Pattern FOOTNOTE = Pattern.compile("^\\s{0,3}\\[\\^[^\\]\\s]+]:\\s*");

  /** A footnote's mark in the text, "[^1]", shown as a raised number. */
  static final InlineSpans FOOTNOTE_MARK =
      InlineSpans.runTo(
          Pattern.compile("\\[\\^[^\\]\\s]+]"),
          Pattern.compile("\\[\\^"),
          c -> c == ']' || InlineSpans.isSpace(c));

  private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{3,}.*$");

  /**
   * A link's destination in parentheses, which may hold balanced parentheses of its own, as
   * Wikipedia's addresses do ("Astana_(city)"): cut at its first ")", "[Astana](.../Astana_(city))"
   * was read "Astana)". The characters between run in one class, not a group repeated per
   * character, which took a step of the stack for each: an image pasted into a note as a data:
   * address, 40 KB of base64 on one line, overflowed it and the whole file was skipped.
   */
  private static final String DESTINATION = "\\([^()]*+(?:\\([^()]*+\\)[^()]*+)*+\\)";

  static final InlineSpans IMAGE =
      InlineSpans.runTo(
          Pattern.compile("!\\[([^\\]]*)]" + DESTINATION), Pattern.compile("!\\["), c -> c == ']');

  /** The bar between two cells of a table row; an escaped one ("\\|") is the cell's text. */
  private static final Pattern TABLE_CELL = Pattern.compile("(?<!\\\\)\\|");

  static final InlineSpans LINK =
      InlineSpans.runTo(
          Pattern.compile("\\[([^\\]]+)](" + DESTINATION + "|\\[[^\\]]*])"),
          Pattern.compile("\\["),
          c -> c == ']');

  /** A link by its reference's name alone, "[Kazakhstan]", with no destination or label after. */
  static final InlineSpans SHORTCUT =
      InlineSpans.runTo(
          Pattern.compile("\\[([^\\]^][^\\]]*)](?![\\[(:])"),
          Pattern.compile("\\[[^\\]^]"),
          c -> c == ']');

  /** The name of a reference definition, "[js]: https://...". */
  private static final Pattern REFERENCE_NAME = Pattern.compile("^\\s{0,3}\\[([^\\]]+)]:");

  static final InlineSpans AUTOLINK =
      InlineSpans.runTo(
          Pattern.compile("<((https?|mailto):[^>\\s]+)>"),
          Pattern.compile("<(https?|mailto):"),
          c -> c == '>' || InlineSpans.isSpace(c));

  /** The first line of an HTML block of code: {@code <script>} or {@code <style>}. */
  private static final Pattern CODE_BLOCK =
      Pattern.compile("(?i)^\\s{0,3}<(script|style)(?=[\\s>]|$)");

  /*
   * The patterns below, and the links above, are tried by InlineSpans only where they can match: an
   * emphasis or a code span only before a closer, an HTML tag before a ">". Each opener of a line
   * of unclosed "*", "_", "`" or "<" scanned the rest of the line, in time the square of its length.
   */

  static final InlineSpans TAG =
      InlineSpans.where(
          Pattern.compile("</?[a-zA-Z][^>]*>"),
          line -> {
            int last = line.lastIndexOf('>');
            return i -> line.charAt(i) == '<' && last > i;
          });

  static final InlineSpans STRONG =
      InlineSpans.where(
          Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1"),
          line -> {
            int stars = strongCloser(line, "**");
            int underscores = strongCloser(line, "__");
            return i ->
                line.startsWith("**", i) && stars >= i + 3
                    || line.startsWith("__", i) && underscores >= i + 3;
          });

  static final InlineSpans STAR =
      emphasis(Pattern.compile("(?<![\\w*])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![\\w*])"), '*');

  static final InlineSpans UNDERSCORE =
      emphasis(Pattern.compile("(?<!\\w)_(?=\\S)(.+?)(?<=\\S)_(?!\\w)"), '_');

  /** A code span: its backticks, at least one character, and backticks after. */
  static final InlineSpans CODE =
      InlineSpans.where(
          Pattern.compile("`+([^`]+)`+"),
          line -> {
            int last =
                InlineSpans.lastCloser(
                    line, c -> line.charAt(c) == '`' && line.charAt(c - 1) != '`');
            return i -> line.charAt(i) == '`' && last >= i + 2;
          });

  /** Every inline pattern, for a test to match each against its {@link Pattern#matcher}. */
  static final java.util.List<InlineSpans> SPANS =
      java.util.List.of(
          IMAGE, FOOTNOTE_MARK, LINK, SHORTCUT, AUTOLINK, TAG, STRONG, STAR, UNDERSCORE, CODE);

  private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");
  private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!>|])");

  private MarkdownText() {}

  static FileText render(FileText raw) {
    String[] lines = raw.text().split("\\R", -1);
    java.util.Set<String> references = new java.util.HashSet<>();
    for (String line : lines) {
      var name = REFERENCE_NAME.matcher(line);
      if (name.find() && REFERENCE.matcher(line).matches()) {
        references.add(referenceKey(name.group(1)));
      }
    }
    StringBuilder out = new StringBuilder(raw.text().length());
    int end = frontMatterEnd(lines);
    JsonNode frontMatter = end < 0 ? null : frontMatter(lines, end);
    if (end < 0) {
      end = tomlFrontMatterEnd(lines);
      frontMatter = end < 0 ? null : tomlFrontMatter(lines, end);
    }
    String title = scalar(frontMatter, "title");
    String date = frontMatterDate(scalar(frontMatter, "date"));
    boolean fenced = false;
    boolean inComment = false;
    // The last line a "-->" is on: a "<!--" after the last "-->" is closed by none, so no comment
    // (CommonMark shows it as it is); taken for one, it dropped the rest of the file.
    int lastClose = -1;
    for (int i = lines.length - 1; i > end && lastClose < 0; i--) {
      if (lines[i].contains("-->")) {
        lastClose = i;
      }
    }
    // the last line that closes a <script> or a <style>: an opener after it, never closed, is no
    // block of code, as an unclosed "<!--" is no comment
    int lastScriptClose = -1;
    int lastStyleClose = -1;
    for (int i = end + 1; i < lines.length; i++) {
      String lower = lines[i].toLowerCase(Locale.ROOT);
      lastScriptClose = lower.contains("</script") ? i : lastScriptClose;
      lastStyleClose = lower.contains("</style") ? i : lastStyleClose;
    }
    String code = null; // the tag of the <script> or <style> block being read, else null
    for (int i = end + 1; i < lines.length; i++) {
      String line = lines[i];
      if (!fenced && !inComment && code == null) {
        var open = CODE_BLOCK.matcher(line);
        if (open.find()) {
          String tag = open.group(1).toLowerCase(Locale.ROOT);
          code = (tag.equals("script") ? lastScriptClose : lastStyleClose) >= i ? tag : null;
        }
      }
      if (code != null) {
        // a script's or a style's code, which the rendered page runs or applies, never shows; the
        // words after its close on the same line it shows
        int close = line.toLowerCase(Locale.ROOT).indexOf("</" + code);
        breakParagraph(out);
        if (close < 0) {
          continue;
        }
        code = null;
        int after = line.indexOf('>', close);
        line = after < 0 ? "" : line.substring(after + 1);
        if (line.isBlank()) {
          continue;
        }
      }
      if (!fenced && (inComment || line.contains("<!--"))) {
        // an HTML comment is no text of the rendered page ("<!-- internal: ... -->")
        StringBuilder kept = new StringBuilder();
        int at = 0;
        while (at < line.length()) {
          int next = line.indexOf(inComment ? "-->" : "<!--", at);
          if (next >= 0
              && !inComment
              && (i > lastClose || i == lastClose && line.indexOf("-->", next + 4) < 0)) {
            next = -1; // an opener no "-->" closes: its text, and the rest of the line, are kept
          }
          if (next < 0) {
            if (!inComment) {
              kept.append(line, at, line.length());
            }
            break;
          }
          if (!inComment) {
            kept.append(line, at, next);
          }
          at = next + (inComment ? 3 : 4);
          inComment = !inComment;
        }
        line = kept.toString();
        if (line.isBlank()) {
          breakParagraph(out);
          continue;
        }
      }
      if (FENCE.matcher(line).find()) {
        fenced = !fenced;
        breakParagraph(out);
        continue;
      }
      if (fenced) {
        out.append(line).append('\n');
        continue;
      }
      if (i + 1 < lines.length
          && !line.isBlank()
          && SETEXT.matcher(lines[i + 1]).matches()
          && !LIST_ITEM.matcher(line).find()) {
        String heading = inline(line.strip(), references);
        title = title == null ? heading : title;
        block(out, heading);
        i++;
        continue;
      }
      var h = HEADING.matcher(line);
      if (h.matches()) {
        String heading = inline(h.group(1), references);
        title = title == null ? heading : title;
        block(out, heading);
        continue;
      }
      if (isRule(line)
          || REFERENCE.matcher(line).matches()
          || TABLE_RULE.matcher(line).matches() && line.contains("|")) {
        breakParagraph(out);
        continue;
      }
      var footnote = FOOTNOTE.matcher(line);
      if (footnote.find()) {
        breakParagraph(out);
        line = line.substring(footnote.end());
      }
      String s = QUOTE.matcher(line).replaceFirst("");
      var item = LIST_ITEM.matcher(s);
      if (item.find()) {
        breakParagraph(out);
        s = s.substring(item.end());
      }
      if (s.strip().startsWith("|")) {
        // each cell a paragraph, as a .docx's or a page's: a row joined read as one sentence
        for (String cell : TABLE_CELL.split(s.strip().replaceAll("^\\||(?<!\\\\)\\|$", ""))) {
          breakParagraph(out);
          if (!cell.isBlank()) {
            out.append(inline(cell.strip(), references)).append('\n');
          }
        }
        breakParagraph(out);
        continue;
      }
      if (s.isBlank()) {
        breakParagraph(out);
      } else {
        out.append(inline(s.strip(), references)).append('\n');
      }
    }
    return new FileText(out.toString().strip(), title, null, date, null, raw.encoding());
  }

  /** Whether a line is a thematic break: {@link #RULE}'s characters, three marks or more. */
  private static boolean isRule(String line) {
    if (!RULE.matcher(line).matches()) {
      return false;
    }
    int marks = 0;
    for (int i = 0; i < line.length() && marks < 3; i++) {
      char c = line.charAt(i);
      marks += c == '-' || c == '*' || c == '_' ? 1 : 0;
    }
    return marks >= 3;
  }

  /** The most lines a front matter block may hold before its closing line. */
  private static final int FRONT_MATTER_LINES = 200;

  /**
   * The line that closes the YAML front matter a Jekyll, Hugo or Obsidian page begins with ("---"
   * on the first line, then "key: value" lines, then "---" or "..."), or -1 when there is none.
   * Read as Markdown, its last line was a heading above "---", so "tags: [syria, astana]" became
   * the document's title, and its keys became text.
   */
  private static int frontMatterEnd(String[] lines) {
    if (lines.length < 2 || !lines[0].strip().equals("---")) {
      return -1;
    }
    for (int i = 1; i < Math.min(lines.length, FRONT_MATTER_LINES); i++) {
      String l = lines[i].strip();
      if (l.equals("---") || l.equals("...")) {
        return i > 1 ? i : -1;
      }
      if (!l.isEmpty() && !YAML_LINE.matcher(lines[i]).find()) {
        return -1; // a rule above a paragraph, not "key: value" lines: text, read as before
      }
    }
    return -1;
  }

  /**
   * The line that closes a TOML front matter block ({@code +++} ... {@code +++}, as Hugo writes it
   * by default), or -1. Read as text, its "title = ..." and "date = ..." lines were the document's
   * first paragraph and its title the file name.
   */
  private static int tomlFrontMatterEnd(String[] lines) {
    if (lines.length < 2 || !lines[0].strip().equals("+++")) {
      return -1;
    }
    for (int i = 1; i < Math.min(lines.length, FRONT_MATTER_LINES); i++) {
      if (lines[i].strip().equals("+++")) {
        return i;
      }
    }
    return -1;
  }

  /** A top-level "key = value" line of TOML. */
  private static final Pattern TOML_LINE =
      Pattern.compile("^\\s*([A-Za-z_][\\w-]*)\\s*=\\s*(.*?)\\s*$");

  /**
   * The top-level keys of a TOML front matter block with a string, date or other single-line value,
   * as a tree like YAML's: enough for its title and date. Keys under a table ({@code [params]}) are
   * not the page's own.
   */
  private static JsonNode tomlFrontMatter(String[] lines, int end) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = YAML.createObjectNode();
    for (int i = 1; i < end; i++) {
      String l = lines[i].strip();
      if (l.startsWith("[")) {
        break; // a table: its keys are not the page's
      }
      var m = TOML_LINE.matcher(l);
      if (m.matches() && !tree.has(m.group(1))) {
        String v = m.group(2);
        if (v.length() >= 2
            && (v.charAt(0) == '"' || v.charAt(0) == '\'')
            && v.indexOf(v.charAt(0), 1) > 0) {
          v = v.substring(1, v.indexOf(v.charAt(0), 1));
        } else {
          int comment = v.indexOf(" #");
          v = comment < 0 ? v : v.substring(0, comment).strip();
        }
        tree.put(m.group(1), v);
      }
    }
    return tree;
  }

  /** A line of front matter: "key: value", an indented or "- " continuation, a "#" comment. */
  private static final Pattern YAML_LINE =
      Pattern.compile("^(?:[A-Za-z_][\\w.-]*\\s*:(?:\\s|$)|\\s+\\S|-\\s|#)");

  /** Front matter is YAML, read as the bot reads its configuration. */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * The front matter ending at line {@code end}, read as the YAML it is (quotes, escapes, folded
   * lines); null when it is no YAML mapping a parser reads.
   */
  private static JsonNode frontMatter(String[] lines, int end) {
    try {
      JsonNode tree = YAML.readTree(String.join("\n", Arrays.copyOfRange(lines, 1, end)));
      return tree != null && tree.isObject() ? tree : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The value of the top-level {@code key} (any case) of {@code tree}, a scalar; else null. */
  private static String scalar(JsonNode tree, String key) {
    if (tree == null) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equalsIgnoreCase(key)) {
        JsonNode v = field.getValue();
        String text = v.isValueNode() && !v.isNull() ? v.asText().strip() : "";
        return text.isEmpty() ? null : text;
      }
    }
    return null;
  }

  private static final Pattern FRONT_MATTER_DATE =
      Pattern.compile("^(\\d{4}(?:-\\d{2}(?:-\\d{2})?)?)(?![\\d-])");

  /** YYYY-MM-DD, YYYY-MM or YYYY at the start of a front matter date, or null. */
  private static String frontMatterDate(String value) {
    if (value == null) {
      return null;
    }
    var m = FRONT_MATTER_DATE.matcher(value);
    return m.find() ? m.group(1) : null;
  }

  /** A reference's name as links match it: case and runs of white space aside. */
  private static String referenceKey(String name) {
    return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /**
   * The last position where {@link #STRONG}'s {@code delimiter} may close it (after a character
   * other than white space), or -1.
   */
  private static int strongCloser(String line, String delimiter) {
    return InlineSpans.lastCloser(
        line, c -> line.startsWith(delimiter, c) && !InlineSpans.isSpace(line.charAt(c - 1)));
  }

  /**
   * {@link #STAR}'s or {@link #UNDERSCORE}'s {@code pattern}, tried only at a {@code mark} with a
   * closer at least two characters on.
   */
  private static InlineSpans emphasis(Pattern pattern, char mark) {
    return InlineSpans.where(
        pattern,
        line -> {
          int last = emphasisCloser(line, mark);
          return i -> line.charAt(i) == mark && last >= i + 2;
        });
  }

  /**
   * The last position where a {@code mark} may close {@link #STAR}'s or {@link #UNDERSCORE}'s
   * emphasis (after a character other than white space, before none of a word), or -1.
   */
  private static int emphasisCloser(String line, char mark) {
    return InlineSpans.lastCloser(
        line,
        c -> {
          if (line.charAt(c) != mark || InlineSpans.isSpace(line.charAt(c - 1))) {
            return false;
          }
          char next = c + 1 < line.length() ? line.charAt(c + 1) : ' ';
          return !InlineSpans.isWord(next) && (mark != '*' || next != '*');
        });
  }

  /** Markdown's inline syntax reduced to the words a reader sees. */
  static String inline(String s) {
    return inline(s, java.util.Set.of());
  }

  /**
   * As {@link #inline(String)}, a link by a reference's name alone ("[Kazakhstan]" where the file
   * defines "[Kazakhstan]: https://...") read as its words, as a renderer shows it; where no such
   * reference is defined, the brackets are text and stay.
   */
  static String inline(String s, java.util.Set<String> references) {
    s = IMAGE.replaceAll(s, m -> "");
    s = FOOTNOTE_MARK.replaceAll(s, m -> "");
    s = LINK.replaceAll(s, m -> m.group(1));
    if (!references.isEmpty()) {
      s =
          SHORTCUT.replaceAll(
              s, m -> references.contains(referenceKey(m.group(1))) ? m.group(1) : m.group());
    }
    s = AUTOLINK.replaceAll(s, m -> m.group(1));
    s = TAG.replaceAll(s, m -> "");
    s = entitiesOutsideCode(s);
    s = CODE.replaceAll(s, m -> m.group(1));
    s = STRONG.replaceAll(s, m -> m.group(2));
    s = STAR.replaceAll(s, m -> m.group(1));
    s = UNDERSCORE.replaceAll(s, m -> m.group(1));
    // an image or a mark left out between two words leaves their spaces, as a renderer shows one
    return SPACES.matcher(ESCAPE.matcher(s).replaceAll("$1")).replaceAll(" ").strip();
  }

  /**
   * The HTML entities of {@code s} ("&amp;amp;", "&amp;nbsp;", "&amp;#8212;") as the characters
   * every Markdown renderer shows for them, but in a code span, which shows them as written: "nine
   * &amp;amp; closes" was quoted with its entity, and "amp" searched as a word.
   */
  private static String entitiesOutsideCode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int at = 0;
    for (var code : CODE.in(s)) {
      out.append(entities(s.substring(at, code.start())));
      out.append(code.group());
      at = code.end();
    }
    return out.append(entities(s.substring(at))).toString();
  }

  /**
   * The entities of {@code s} with their semicolon, each as its character ({@link
   * HtmlEntities#decode}). The HTML parser's own reading, given the whole text, also took "&not",
   * "&sect" or "&copy" without one for the character, as a browser does but no Markdown renderer:
   * an address's "?id=7&sect=2" was quoted "?id=7\u00a7=2".
   */
  private static String entities(String s) {
    return HtmlEntities.decode(s);
  }

  private static void block(StringBuilder out, String text) {
    breakParagraph(out);
    if (!text.isEmpty()) {
      out.append(text).append("\n\n");
    }
  }

  private static void breakParagraph(StringBuilder out) {
    int n = out.length();
    if (n > 0 && !(n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) {
      out.append(out.charAt(n - 1) == '\n' ? "\n" : "\n\n");
    }
  }
}
