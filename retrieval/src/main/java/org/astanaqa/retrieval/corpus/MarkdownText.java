package org.astanaqa.retrieval.corpus;

import java.util.regex.Pattern;

/**
 * Renders Markdown to the plain text a reader sees: headings, list items and block quotes become
 * paragraphs of their own without their markers; emphasis, inline code and link syntax are reduced
 * to their words; images, reference definitions and horizontal rules are left out. The first
 * heading is the document's title.
 */
final class MarkdownText {
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(\\s+#+)?\\s*$");
  private static final Pattern SETEXT = Pattern.compile("^\\s{0,3}(=+|-+)\\s*$");
  private static final Pattern RULE = Pattern.compile("^\\s{0,3}([-*_]\\s*){3,}$");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d{1,9}[.)])\\s+");
  private static final Pattern QUOTE = Pattern.compile("^\\s{0,3}(>\\s?)+");
  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
  private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s+\\S+.*$");
  private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{3,}.*$");
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)](\\([^)]*\\)|\\[[^\\]]*])");
  private static final Pattern AUTOLINK = Pattern.compile("<((https?|mailto):[^>\\s]+)>");
  private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
  private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
  private static final Pattern STAR =
      Pattern.compile("(?<![\\w*])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![\\w*])");
  private static final Pattern UNDERSCORE =
      Pattern.compile("(?<!\\w)_(?=\\S)(.+?)(?<=\\S)_(?!\\w)");
  private static final Pattern CODE = Pattern.compile("`+([^`]+)`+");
  private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!>|])");

  private MarkdownText() {}

  static FileText render(FileText raw) {
    String[] lines = raw.text().split("\\R", -1);
    StringBuilder out = new StringBuilder(raw.text().length());
    String title = null;
    boolean fenced = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
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
        String heading = inline(line.strip());
        title = title == null ? heading : title;
        block(out, heading);
        i++;
        continue;
      }
      var h = HEADING.matcher(line);
      if (h.matches()) {
        String heading = inline(h.group(1));
        title = title == null ? heading : title;
        block(out, heading);
        continue;
      }
      if (RULE.matcher(line).matches()
          || REFERENCE.matcher(line).matches()
          || TABLE_RULE.matcher(line).matches() && line.contains("|")) {
        breakParagraph(out);
        continue;
      }
      String s = QUOTE.matcher(line).replaceFirst("");
      var item = LIST_ITEM.matcher(s);
      if (item.find()) {
        breakParagraph(out);
        s = s.substring(item.end());
      }
      if (s.strip().startsWith("|")) {
        s = s.strip().replaceAll("^\\||\\|$", "").replace("|", " ");
        breakParagraph(out);
      }
      if (s.isBlank()) {
        breakParagraph(out);
      } else {
        out.append(inline(s.strip())).append('\n');
      }
    }
    return new FileText(out.toString().strip(), title, null, null, null, raw.encoding());
  }

  /** Markdown's inline syntax reduced to the words a reader sees. */
  static String inline(String s) {
    s = IMAGE.matcher(s).replaceAll("");
    s = LINK.matcher(s).replaceAll("$1");
    s = AUTOLINK.matcher(s).replaceAll("$1");
    s = TAG.matcher(s).replaceAll("");
    s = CODE.matcher(s).replaceAll("$1");
    s = STRONG.matcher(s).replaceAll("$2");
    s = STAR.matcher(s).replaceAll("$1");
    s = UNDERSCORE.matcher(s).replaceAll("$1");
    return ESCAPE.matcher(s).replaceAll("$1").strip();
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
