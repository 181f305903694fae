package org.astanaqa.retrieval.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeVisitor;

/**
 * The article of an HTML page: navigation, page header and footer, asides, scripts, forms and
 * cookie or sharing banners removed; the {@code <article>} (or {@code <main>}) when there is one;
 * each block element a paragraph. Title, site, publication date and canonical address come from the
 * page's own {@code <head>}.
 */
final class HtmlText {
  private static final String BOILERPLATE =
      "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, canvas,"
          + " button, select, input, textarea, [role=navigation], [role=banner],"
          + " [role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";

  /** Class or id words of page furniture that is not marked up as such. */
  private static final Pattern FURNITURE =
      Pattern.compile(
          "cookie|consent|gdpr|banner|newsletter|subscribe|share|sharing|social|breadcrumb"
              + "|related|advert|promo|popup|modal|menu|sidebar|comments?|tags|pagination"
              + "|skip-link|sr-only|visually-hidden");

  /** An inline style that shows nothing of the element. */
  private static final Pattern OUT_OF_SIGHT =
      Pattern.compile("(?i)(^|;)\\s*(display\\s*:\\s*none|visibility\\s*:\\s*hidden)\\s*(;|!|$)");

  /** " | UN News", " - TASS": a short site name after the headline in {@code <title>}. */
  private static final Pattern TITLE_SUFFIX =
      Pattern.compile("^(.+?)\\s+[|\\-\u2013\u2014:\u00b7]+\\s+([^|\u2013\u2014]{2,40})$");

  private static final Pattern DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})");

  private HtmlText() {}

  static FileText extract(byte[] bytes) throws UnusableFileException {
    Document page;
    try {
      page = Jsoup.parse(new ByteArrayInputStream(bytes), null, "");
    } catch (IOException | RuntimeException e) {
      throw new UnusableFileException("cannot be read as HTML: " + e.getMessage());
    }
    // A page that names no charset (one saved without its server's header) was read as UTF-8,
    // a Windows-1251 page as a row of U+FFFD: its bytes are read as a text file's are, and named.
    String encoding = null;
    if (!declaresCharset(page)) {
      FileText decoded = null;
      try {
        decoded = TextCharsets.decode(bytes);
      } catch (UnusableFileException e) {
        // not text by a text file's rules (a NUL byte, damaged UTF-8): read as the parser could
      }
      if (decoded != null && decoded.encoding() != null) {
        page = Jsoup.parse(decoded.text());
        encoding = decoded.encoding();
      }
    } else if (!page.charset().name().startsWith("UTF") && hasHighBytes(bytes)) {
      // A page that names a single-byte charset but is UTF-8 (saved again by an editor that kept
      // the old <meta>) read each accented letter or bullet as two ("Â·", "Ã©"); bytes that are
      // UTF-8 with letters beyond ASCII are almost never Windows-1252 or Latin-1 text.
      FileText decoded = null;
      try {
        decoded = TextCharsets.decode(bytes);
      } catch (UnusableFileException e) {
        // not UTF-8 either: read in the charset the page names
      }
      if (decoded != null && decoded.encoding() == null) {
        String declared = page.charset().name();
        page = Jsoup.parse(decoded.text());
        encoding = "UTF-8, though the page declares " + declared;
      }
    }
    String site = meta(page, "og:site_name");
    String title = meta(page, "og:title");
    String pageTitle = page.title().strip();
    if (title == null && !pageTitle.isEmpty()) {
      Matcher m = TITLE_SUFFIX.matcher(pageTitle);
      if (m.matches() && isSiteName(m.group(1), m.group(2).strip(), site)) {
        title = m.group(1).strip();
        site = site == null ? m.group(2).strip() : site;
      } else {
        title = pageTitle;
      }
    }
    // The text is taken from a copy whose furniture is removed; the date from the page as it was
    // (an article's own header holds its date), in the article the text is taken from.
    Elements articles = page.select("article");
    for (int i = 0; i < articles.size(); i++) {
      articles.get(i).attr(ARTICLE_MARK, Integer.toString(i));
    }
    Document clean = page.clone();
    Element root = root(clean);
    int others = 0; // articles of the page left out: neither the one kept nor inside it
    for (Element a : root.nameIs("article") ? clean.body().select("article") : new Elements()) {
      if (a != root && !a.parents().contains(root) && !a.text().isBlank()) {
        others++;
      }
    }
    Element kept =
        root.hasAttr(ARTICLE_MARK) ? articles.get(Integer.parseInt(root.attr(ARTICLE_MARK))) : null;
    String text = paragraphs(root);
    String date = date(page, kept);
    Elements canonical = page.select("link[rel=canonical]");
    String url = address(canonical.attr("href")); // as the page writes it
    if (url == null) {
      url = address(canonical.attr("abs:href")); // relative to the page's own <base href>
    }
    if (url == null) {
      url = address(meta(page, "og:url"));
    }
    String note =
        others == 0
            ? null
            : "a page of "
                + (others + 1)
                + " articles: only the longest is read, "
                + others
                + " left out; save each story in a file of its own";
    return new FileText(text, title, site, date, url, encoding, note);
  }

  /** Whether any byte is beyond ASCII (0x80-0xFF). */
  private static boolean hasHighBytes(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the page names its charset: {@code <meta charset>}, its http-equiv, or {@code <?xml
   * encoding>}.
   */
  private static boolean declaresCharset(Document page) {
    if (!page.select("meta[charset]").isEmpty()) {
      return true;
    }
    for (Element m : page.select("meta[http-equiv]")) {
      if (m.attr("content").toLowerCase(Locale.ROOT).contains("charset=")) {
        return true;
      }
    }
    return page.childNodeSize() > 0
        && page.childNode(0) instanceof org.jsoup.nodes.XmlDeclaration x
        && !x.attr("encoding").isBlank();
  }

  /**
   * {@code href} when it is a whole web address (http or https, with a host), else null. A page
   * saved from a site whose canonical link is relative ({@code href="/news/123"}, resolved here
   * only against the page's own {@code <base href>}) gave "/news/123" as the document's URL, shown
   * as its address and given by {@code ask --json} as {@code url}; nothing in the page says on
   * which site, so it stays unknown unless {@code og:url} names the whole address.
   */
  static String address(String href) {
    if (href == null || href.isBlank()) {
      return null;
    }
    String u = href.strip();
    return WEB_ADDRESS.matcher(u).matches() ? u : null;
  }

  /** A whole web address: http or https, then a host. */
  private static final Pattern WEB_ADDRESS =
      Pattern.compile("(?i)https?://[^/\\s?#@]+(?:[/?#]\\S*)?");

  /**
   * Whether the end of a {@code <title>} is the site's name: the {@code og:site_name} when the page
   * gives one, else a suffix of at most three words after a longer headline ("... | UN News").
   */
  private static boolean isSiteName(String headline, String suffix, String site) {
    if (site != null) {
      return suffix.equalsIgnoreCase(site);
    }
    int words = suffix.split("\\s+").length;
    return words <= 3 && headline.strip().split("\\s+").length > words;
  }

  /** Marks each article of the page, to find the one kept in the copy the text is taken from. */
  private static final String ARTICLE_MARK = "data-astana-qa-article";

  /**
   * What of the page is its text, with its furniture removed: the longest {@code <article>}, else
   * the {@code <main>}, else the body. Removes the furniture from {@code page}.
   */
  private static Element root(Document page) {
    Element body = page.body();
    for (Element e : body.select(BOILERPLATE)) {
      // an article's own header and footer (its headline, lead and notes) are its text
      if (!((e.nameIs("header") || e.nameIs("footer")) && inArticleOrMain(e))) {
        e.remove();
      }
    }
    for (Element e : body.getAllElements()) {
      if (e != body && !e.nameIs("main") && !e.nameIs("article") && isFurniture(e)) {
        e.remove();
      }
    }
    // Text the page's own style keeps out of sight, which no reader sees; but not most of the page,
    // as a page whose scripts show its article once they run hides it whole, or paragraph by
    // paragraph as each scrolls into view: when what would stay is a small part of the page (its
    // heading), nothing goes.
    int pageText = body.text().length();
    List<Element> outOfSight = new ArrayList<>();
    int hiddenText = 0;
    for (Element e : body.select("[style]")) {
      if (OUT_OF_SIGHT.matcher(e.attr("style")).find()
          && e.text().length() * 2 < pageText
          && outOfSight.stream().noneMatch(h -> e.parents().contains(h))) {
        outOfSight.add(e);
        hiddenText += e.text().length();
      }
    }
    if ((pageText - hiddenText) * 4 >= pageText) {
      outOfSight.forEach(Element::remove);
    }
    Element root = body;
    Element best = null;
    int inArticles = 0;
    for (Element a : body.select("article")) {
      if (best == null || a.text().length() > best.text().length()) {
        best = a;
      }
      if (a.parents().stream().noneMatch(p -> p.nameIs("article"))) {
        inArticles += a.text().length();
      }
    }
    if (best != null && body.text().length() - inArticles > best.text().length()) {
      // The page's text is outside its articles, which are cards of other stories ("More
      // stories"): the longest card was read, and the story lost whole.
      for (Element a : body.select("article")) {
        a.remove();
      }
      best = null;
    }
    if (best == null) {
      Elements main = body.select("main, [role=main]");
      best = main.isEmpty() ? null : main.first();
    }
    if (best != null && !best.text().isBlank()) {
      root = best;
    }
    return root;
  }

  private static boolean inArticleOrMain(Element e) {
    for (Element a = e.parent(); a != null; a = a.parent()) {
      if (a.nameIs("article") || a.nameIs("main") || a.attr("role").equals("main")) {
        return true;
      }
    }
    return false;
  }

  /** The paragraphs of {@code root}, one per line block. */
  private static String paragraphs(Element root) {
    StringBuilder out = new StringBuilder();
    StringBuilder para = new StringBuilder();
    boolean[] broken = {false}; // a <br> since the last text: a line break, not yet a paragraph's
    root.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
              if (broken[0] && !t.isBlank()) {
                // a line wrapped with <br> inside a sentence ("met<br>in Astana") goes on; a
                // break before a capital, a digit or after a sentence's end parts paragraphs
                if (!continues(para, t.text())) {
                  flush(out, para);
                } else {
                  para.append(' ');
                }
                broken[0] = false;
              }
              para.append(inSup(t) ? superscript(t.text()) : t.text());
            } else if (node instanceof Element e && e.nameIs("br")) {
              if (broken[0]) {
                flush(out, para); // <br><br>: a paragraph's end
                broken[0] = false;
              } else {
                broken[0] = true;
              }
            } else if (node instanceof Element e && e.isBlock()) {
              flush(out, para);
              broken[0] = false;
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && e.isBlock()) {
              flush(out, para);
              broken[0] = false;
            }
          }
        });
    flush(out, para);
    return out.toString().strip();
  }

  /** Whether a text is inside a {@code <sup>}, as a note's number is. */
  private static boolean inSup(TextNode t) {
    for (Node p = t.parent(); p instanceof Element e; p = p.parent()) {
      if (e.nameIs("sup")) {
        return true;
      }
      if (e.isBlock()) {
        return false;
      }
    }
    return false;
  }

  /**
   * The digits of a {@code <sup>} as the raised digits a reader sees: "mechanism<sup>1</sup>" was
   * "mechanism1", one word no question's "mechanism" found, and quoted so; "mechanism\u00b9" is the
   * word and its note's number. Text of other characters ("5<sup>th</sup>") is as written.
   */
  private static String superscript(String text) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      out.append(Formats.raised(text.charAt(i)));
    }
    return out.toString();
  }

  /** Whether {@code next}, after a {@code <br>}, goes on with the sentence {@code para} began. */
  private static boolean continues(StringBuilder para, String next) {
    String before = para.toString().strip();
    String after = next.strip();
    return !before.isEmpty()
        && !after.isEmpty()
        && Character.isLowerCase(after.codePointAt(0))
        && ".!?:;\"\u201d".indexOf(before.charAt(before.length() - 1)) < 0;
  }

  private static void flush(StringBuilder out, StringBuilder para) {
    String s = para.toString().replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    if (!s.isEmpty()) {
      out.append(s).append("\n\n");
    }
    para.setLength(0);
  }

  private static boolean isFurniture(Element e) {
    String words = (e.id() + " " + e.className()).toLowerCase(Locale.ROOT);
    return !words.isBlank() && FURNITURE.matcher(words).find();
  }

  /**
   * The page's date: its meta tags', else the time of the article kept ({@code kept}, or null),
   * else one in the main part or the page outside its furniture; never one in another article of
   * the page (a digest's other story, a related story), which is that article's date.
   */
  private static String date(Document page, Element kept) {
    for (String key :
        new String[] {"article:published_time", "date", "dc.date", "pubdate", "datePublished"}) {
      String v = meta(page, key);
      if (v != null && DATE.matcher(v).find()) {
        return v.substring(0, 10);
      }
    }
    String linked = jsonLdDate(page);
    if (linked != null) {
      return linked;
    }
    // The article's own time first; then one outside the page's furniture: the site header's
    // "today", a related story's or a comment's date is not the document's.
    // (an article's own header and footer hold its date: inside it, only asides, navigation and
    // furniture by name are passed over; the article before the main part it sits in)
    if (kept != null) {
      for (Element t : kept.select("time[datetime]")) {
        String v = t.attr("datetime");
        if (DATE.matcher(v).find() && !inFurniture(t, WITHIN_ARTICLE) && !inSentence(t)) {
          return v.substring(0, 10);
        }
      }
    }
    for (Element t : page.select("main time[datetime]")) {
      String v = t.attr("datetime");
      if (DATE.matcher(v).find()
          && !inFurniture(t, WITHIN_ARTICLE)
          && !inOther(t, kept)
          && !inSentence(t)) {
        return v.substring(0, 10);
      }
    }
    for (Element t : page.select("time[datetime]")) {
      String v = t.attr("datetime");
      if (DATE.matcher(v).find()
          && !inFurniture(t, BOILERPLATE)
          && !inOther(t, kept)
          && !inSentence(t)) {
        return v.substring(0, 10);
      }
    }
    return null;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * The {@code datePublished} of the page's structured data ({@code <script
   * type="application/ld+json">}, where many news sites state their date and no meta tag does), of
   * the objects at its top or in its {@code @graph}; null when none, or when they give more than
   * one date (a list of stories), which is no one page's date.
   */
  private static String jsonLdDate(Document page) {
    java.util.Set<String> dates = new java.util.TreeSet<>();
    for (Element script : page.select("script[type=application/ld+json]")) {
      com.fasterxml.jackson.databind.JsonNode tree;
      try {
        tree = JSON.readTree(script.data());
      } catch (IOException | RuntimeException e) {
        continue; // not JSON: no date said, as a page without it
      }
      List<com.fasterxml.jackson.databind.JsonNode> objects = new ArrayList<>();
      if (tree != null && tree.isArray()) {
        tree.forEach(objects::add);
      } else if (tree != null) {
        objects.add(tree);
      }
      for (int i = 0; i < objects.size(); i++) {
        com.fasterxml.jackson.databind.JsonNode o = objects.get(i);
        if (o.has("@graph") && o.get("@graph").isArray() && i < 64) {
          o.get("@graph").forEach(objects::add);
        }
        String v = o.path("datePublished").asText("");
        if (DATE.matcher(v).find()) {
          dates.add(v.substring(0, 10));
        }
      }
    }
    return dates.size() == 1 ? dates.iterator().next() : null;
  }

  /** Words beside a time in its paragraph from which it is a date the text tells of. */
  private static final int SENTENCE_WORDS = 8;

  /**
   * Whether a time is a date in the running text ("The first round was held on <time>23 January
   * 2017</time>, with ..."), not the page's: its paragraph holds a sentence's words besides it. A
   * page dated by such a time was shown as written on the day it tells of. A byline's or a header's
   * time ("By Anna Petrova, 1 March 2018") has a few words beside it.
   */
  private static boolean inSentence(Element time) {
    Element block = time.parent();
    while (block != null && !block.isBlock()) {
      block = block.parent();
    }
    // a paragraph of text; not a header, an article or a section, whose text is all of theirs
    if (block == null || !block.nameIs("p") && !block.nameIs("li") && !block.nameIs("blockquote")) {
      return false;
    }
    // an empty <time> (filled by a script) has no text to take out: replacing "" put a space
    // between every letter, and a short byline counted as a sentence
    String own = time.text().strip();
    String rest = (own.isEmpty() ? block.text() : block.text().replace(own, " ")).strip();
    return !rest.isEmpty() && rest.split("\\s+").length >= SENTENCE_WORDS;
  }

  /** Whether an element is inside an article other than {@code kept}. */
  private static boolean inOther(Element e, Element kept) {
    for (Element a = e; a != null; a = a.parent()) {
      if (a == kept) {
        return false;
      }
      if (a.nameIs("article")) {
        return true;
      }
    }
    return false;
  }

  /** What inside an article or a main part is no part of it for its date. */
  private static final String WITHIN_ARTICLE =
      "nav, aside, form, [role=navigation], [role=complementary], [aria-hidden=true], [hidden]";

  /**
   * Whether an element sits in the page's furniture ({@code boilerplate}, or a class or id that
   * says so), up to the article, the main part or the body, whose own classes ("no-sidebar",
   * "layout-with-sidebar") say nothing of what they hold.
   */
  private static boolean inFurniture(Element e, String boilerplate) {
    Element body = e.ownerDocument() == null ? null : e.ownerDocument().body();
    int pageText = body == null ? 0 : body.text().length();
    for (Element a = e; a != null; a = a.parent()) {
      if (a.nameIs("article") || a.nameIs("main") || a.nameIs("body") || a.nameIs("html")) {
        return false;
      }
      // a wrapper named for the layout ("layout-with-sidebar") holds most of the page: no furniture
      if (a.is(boilerplate) || isFurniture(a) && a.text().length() * 2 < pageText) {
        return true;
      }
    }
    return false;
  }

  private static String meta(Document page, String key) {
    for (Element m : page.select("meta[property], meta[name], meta[itemprop]")) {
      String k =
          m.hasAttr("property")
              ? m.attr("property")
              : m.hasAttr("name") ? m.attr("name") : m.attr("itemprop");
      if (k.equalsIgnoreCase(key) && !m.attr("content").isBlank()) {
        return m.attr("content").strip();
      }
    }
    return null;
  }
}
