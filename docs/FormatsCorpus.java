import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes the UN General Debate speeches again as PDF records (a running header, page numbers,
 * lines wrapped at 90 characters with words hyphenated at line ends) and as HTML news pages
 * (navigation, scripts, a cookie banner and a footer around the article), for measuring how fast
 * the index command extracts each format. Run from the project root after building the jar:
 *
 * <pre>java -cp bot/target/astana-qa.jar docs/FormatsCorpus.java ../shared/data/ungdc-2016-2020 /tmp/formats 200</pre>
 *
 * (the last argument: how many speeches, in file-name order, become a PDF and an HTML page each).
 */
public class FormatsCorpus {
  public static void main(String[] args) throws Exception {
    Path from = Path.of(args[0]);
    Path to = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    Files.createDirectories(to.resolve("pdf"));
    Files.createDirectories(to.resolve("html"));
    List<Path> speeches;
    try (Stream<Path> files = Files.walk(from)) {
      speeches = files.filter(p -> p.toString().endsWith(".txt")).sorted().limit(n).toList();
    }
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (Path s : speeches) {
      String name = s.getFileName().toString().replace(".txt", "");
      List<String> paragraphs = Files.readAllLines(s, StandardCharsets.UTF_8).stream()
          .map(l -> l.replaceAll("[^\\x20-\\x7E]", " ").strip()).filter(l -> !l.isEmpty()).toList();
      try (PDDocument doc = new PDDocument()) {
        List<String> lines = new ArrayList<>();
        for (String p : paragraphs) {
          lines.addAll(wrap(p, 90));
          lines.add("");
        }
        for (int page = 0, i = 0; i < lines.size(); page++) {
          PDPage pdPage = new PDPage(PDRectangle.A4);
          doc.addPage(pdPage);
          try (PDPageContentStream c = new PDPageContentStream(doc, pdPage)) {
            text(c, font, 50, 800, "United Nations A/" + name + " General Assembly");
            float y = 760;
            for (int k = 0; k < 48 && i < lines.size(); k++, i++) {
              if (!lines.get(i).isEmpty()) {
                text(c, font, 50, y, lines.get(i));
              }
              y -= 14;
            }
            text(c, font, 290, 40, Integer.toString(page + 1));
          }
        }
        doc.getDocumentInformation().setTitle("General Debate statement " + name);
        doc.save(to.resolve("pdf").resolve(name + ".pdf").toFile());
      }
      StringBuilder html = new StringBuilder("<!doctype html><html><head><title>Statement " + name
          + " | UN News</title><script>var tracking = 1;</script><style>body{font:14px sans}</style></head><body>"
          + "<nav><a href=/>Home</a> <a href=/news>All news</a></nav>"
          + "<div class=cookie-banner>We use cookies. Accept</div><article><h1>Statement " + name + "</h1>");
      for (String p : paragraphs) {
        html.append("<p>").append(p.replace("&", "&amp;").replace("<", "&lt;")).append("</p>");
      }
      html.append("</article><aside>Most read</aside><footer>Copyright United Nations</footer></body></html>");
      Files.writeString(to.resolve("html").resolve(name + ".html"), html, StandardCharsets.UTF_8);
    }
    System.out.println(speeches.size() + " speeches written as PDF and HTML into " + to);
  }

  /** Lines of at most {@code width} characters; a word that does not fit is hyphenated. */
  private static List<String> wrap(String p, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String w : p.split(" +")) {
      if (line.length() + 1 + w.length() > width) {
        int room = width - line.length() - 2;
        if (room >= 3 && w.length() - room >= 3 && w.chars().allMatch(Character::isLetter)) {
          line.append(line.length() == 0 ? "" : " ").append(w, 0, room).append('-');
          w = w.substring(room);
        }
        out.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(w);
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    return out;
  }

  private static void text(PDPageContentStream c, PDType1Font font, float x, float y, String s) throws Exception {
    c.beginText();
    c.setFont(font, 11);
    c.newLineAtOffset(x, y);
    c.showText(s);
    c.endText();
  }
}
