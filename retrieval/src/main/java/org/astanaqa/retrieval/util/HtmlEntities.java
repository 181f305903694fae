package org.astanaqa.retrieval.util;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML character references ("&amp;", "&nbsp;", "&#8217;") read as the characters they stand for.
 */
public final class HtmlEntities {
  private HtmlEntities() {}

  /** A character reference with its closing semicolon: named, decimal or hexadecimal. */
  private static final Pattern ENTITY =
      Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");

  /**
   * The references of {@code s} with their semicolon, each as its character; one the HTML standard
   * does not name stays as written. Without a semicolon none is read: a browser takes "&not" or
   * "&sect" for the character, no Markdown renderer does, and an address's "?id=7&sect=2" would be
   * "?id=7\u00a7=2".
   */
  public static String decode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    return ENTITY
        .matcher(s)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    org.jsoup.parser.Parser.unescapeEntities(m.group(), false)));
  }
}
