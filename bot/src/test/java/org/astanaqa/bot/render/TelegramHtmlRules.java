package org.astanaqa.bot.render;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram's HTML parse mode as the Bot API documents it (https://core.telegram.org/bots/api, "HTML
 * style"), for tests and the fake Bot API: only the listed tags, closed in order; {@code <}, {@code
 * >} and {@code &} outside tags and entities escaped; named entities only {@code &lt;}, {@code
 * &gt;}, {@code &amp;} and {@code &quot;}, numeric ones any; and the text's length as Telegram
 * counts it, in UTF-16 code units after entity parsing. A {@code span} must be a spoiler ({@code
 * class="tg-spoiler"}) and a {@code tg-emoji} name its emoji, as tdlib's parser requires (400 "Tag
 * "span" must have class "tg-spoiler""). Stricter than Telegram in one way: a bare {@code >} or
 * {@code &} that starts no entity, which tdlib takes as text, is refused here.
 */
public final class TelegramHtmlRules {
  private static final Set<String> TAGS =
      Set.of(
          "b",
          "strong",
          "i",
          "em",
          "u",
          "ins",
          "s",
          "strike",
          "del",
          "span",
          "tg-spoiler",
          "a",
          "tg-emoji",
          "code",
          "pre",
          "blockquote");
  private static final Pattern ENTITY =
      Pattern.compile("&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);");
  private static final Pattern OPEN =
      Pattern.compile("<([a-z-]+)((?:\\s+[a-z-]+=\"[^\"<>]*\")*)\\s*>");
  private static final Pattern CLOSE = Pattern.compile("</([a-z-]+)\\s*>");

  private TelegramHtmlRules() {}

  /**
   * Why Telegram would refuse {@code html} ("can't parse entities: ..."), or null when it is fine.
   */
  public static String problem(String html) {
    Deque<String> open = new ArrayDeque<>();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (Character.isHighSurrogate(c)
          && (i + 1 >= html.length() || !Character.isLowSurrogate(html.charAt(i + 1)))) {
        return "unpaired surrogate at " + i; // not UTF-8 encodable: the request is refused
      }
      if (Character.isLowSurrogate(c)
          && (i == 0 || !Character.isHighSurrogate(html.charAt(i - 1)))) {
        return "unpaired surrogate at " + i;
      }
      if (c == '<') {
        Matcher close = CLOSE.matcher(html).region(i, html.length());
        Matcher opening = OPEN.matcher(html).region(i, html.length());
        if (close.lookingAt()) {
          String name = close.group(1);
          if (open.isEmpty() || !open.peek().equals(name)) {
            return "Unmatched end tag at byte offset "
                + i
                + ", expected \"</"
                + (open.isEmpty() ? "" : open.peek())
                + ">\", found \"</"
                + name
                + ">\"";
          }
          open.pop();
          i = close.end();
        } else if (opening.lookingAt()) {
          String name = opening.group(1);
          if (!TAGS.contains(name)) {
            return "Unsupported start tag \"" + name + "\" at byte offset " + i;
          }
          String attributes = opening.group(2);
          if (name.equals("span") && !attributes.matches("\\s+class=\"tg-spoiler\"\\s*")) {
            // tdlib's parser: a span is a spoiler or nothing Telegram knows
            return "Tag \"span\" must have class \"tg-spoiler\" at byte offset " + i;
          }
          if (name.equals("tg-emoji") && !attributes.contains("emoji-id=\"")) {
            return "Custom emoji entity must contain a tg://emoji URL at byte offset " + i;
          }
          open.push(name);
          i = opening.end();
        } else {
          return "Unexpected '<' at byte offset " + i; // text must escape it
        }
      } else if (c == '>') {
        return "Unexpected '>' at byte offset " + i;
      } else if (c == '&') {
        Matcher e = ENTITY.matcher(html).region(i, html.length());
        if (!e.lookingAt()) {
          return "Unsupported HTML entity at byte offset " + i;
        }
        i = e.end();
      } else {
        i++;
      }
    }
    return open.isEmpty()
        ? null
        : "Can't find end tag corresponding to start tag \"" + open.peek() + "\"";
  }

  /** The text Telegram shows for {@code html}: tags removed, entities decoded. */
  public static String text(String html) {
    StringBuilder sb = new StringBuilder();
    Matcher m = Pattern.compile("<[^>]*>|" + ENTITY.pattern()).matcher(html);
    int at = 0;
    while (m.find()) {
      sb.append(html, at, m.start());
      String t = m.group();
      if (t.startsWith("&")) {
        sb.append(
            switch (t) {
              case "&lt;" -> "<";
              case "&gt;" -> ">";
              case "&amp;" -> "&";
              case "&quot;" -> "\"";
              default ->
                  Character.toString(
                      t.startsWith("&#x")
                          ? Integer.parseInt(t.substring(3, t.length() - 1), 16)
                          : Integer.parseInt(t.substring(2, t.length() - 1)));
            });
      }
      at = m.end();
    }
    return sb.append(html, at, html.length()).toString();
  }

  /** The message's length as Telegram counts it: UTF-16 code units of its text. */
  public static int length(String html) {
    return text(html).length();
  }
}
