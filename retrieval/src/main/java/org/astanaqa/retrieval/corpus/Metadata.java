package org.astanaqa.retrieval.corpus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.util.IoErrors;

/**
 * The optional {@code metadata.json} at the root of a corpus folder: a title, publisher, date and
 * URL per document id. A missing file means no metadata; a malformed one is reported as a warning
 * and ignored, so a typo there never stops the documents from being indexed.
 */
public final class Metadata {
  static final String FILE_NAME = "metadata.json";

  private static final Pattern PARTIAL_DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // true or false is no title, publisher, date or address: "publisher": false, meant as
          // "none", was shown as the publisher "false", a word no document says
          .withCoercionConfig(
              com.fasterxml.jackson.databind.type.LogicalType.Textual,
              c ->
                  c.setCoercion(
                      com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
                      com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
          .build();

  /** One document's entry; every field may be absent. */
  record Entry(String title, String publisher, String date, String url) {}

  /** The file's shape: {@code {"documents": {"id": {...}}}}. */
  record File(Map<String, Entry> documents) {}

  private final Map<String, Entry> entries;
  private final List<String> warnings;

  private Metadata(Map<String, Entry> entries, List<String> warnings) {
    this.entries = entries;
    this.warnings = warnings;
  }

  static Metadata empty() {
    return new Metadata(Map.of(), List.of());
  }

  /**
   * Reads the {@code metadata.json} of one folder. Its keys are the ids of that folder's files
   * (file names without extension).
   *
   * @param folder the folder holding the file
   * @param displayPrefix the folder relative to the corpus, for messages ("" at the root)
   */
  static Metadata read(Path folder, String displayPrefix) {
    Path file = folder.resolve(FILE_NAME);
    String name = displayPrefix + FILE_NAME;
    if (!Files.isRegularFile(file)) {
      // listed, then gone: said, as a document deleted meanwhile is, not dropped in silence
      return Files.notExists(file)
          ? new Metadata(Map.of(), List.of(name + " ignored: " + CorpusReader.GONE))
          : empty();
    }
    List<String> warnings = new ArrayList<>();
    File parsed;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
      parsed = JSON.readValue(bytes, File.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String message = String.valueOf(e.getOriginalMessage());
      if (message.startsWith("Invalid UTF-8")) {
        // its shape is not what is wrong: "Invalid UTF-8 middle byte 0xe6; it should read
        // {"documents": ...}" sent the maintainer to check a file whose only fault was the
        // encoding Notepad's "ANSI" or an old editor saved it in
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        warnings.add(
            name
                + " ignored: it is not UTF-8"
                + (at != null && at.getLineNr() > 0
                    ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"
                    : "")
                + ", as an editor saving in Windows-1251 or another local encoding writes it;"
                + " save it as UTF-8");
        return new Metadata(Map.of(), warnings);
      }
      warnings.add(name + " ignored: " + describe(e) + "; " + SHAPE);
      return new Metadata(Map.of(), warnings);
    } catch (java.nio.file.NoSuchFileException e) {
      warnings.add(name + " ignored: " + CorpusReader.GONE);
      return new Metadata(Map.of(), warnings);
    } catch (IOException e) {
      warnings.add(name + " ignored: cannot be read: " + IoErrors.reason(e, file));
      return new Metadata(Map.of(), warnings);
    }
    String ambiguous = ambiguity(bytes);
    if (ambiguous != null) {
      warnings.add(name + ": " + ambiguous);
    }
    if (parsed == null) { // the file says "null": valid JSON, but no object
      warnings.add(name + " ignored: it holds null, not {\"documents\": {...}}");
      return new Metadata(Map.of(), warnings);
    }
    Map<String, Entry> documents = parsed.documents() == null ? Map.of() : parsed.documents();
    Map<String, Entry> clean =
        documents.entrySet().stream()
            .filter(e -> e.getValue() != null)
            .collect(
                Collectors.toMap(
                    e -> key(e.getKey()),
                    e -> check(name, e.getKey(), e.getValue(), warnings),
                    (first, later) -> later)); // as Jackson keeps the later of a key given twice
    return new Metadata(clean, warnings);
  }

  private static final com.fasterxml.jackson.core.JsonFactory STRICT =
      com.fasterxml.jackson.core.JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

  /**
   * What the lenient reading passes over in a file it reads: a key given twice (the later entry
   * wins, so a document pasted twice with two titles takes the second unseen) and anything after
   * the closing brace (a second object pasted after the first is never read). Null when neither.
   */
  static String ambiguity(byte[] bytes) {
    try (com.fasterxml.jackson.core.JsonParser p = STRICT.createParser(bytes)) {
      if (p.nextToken() == null) {
        return null;
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        return "line "
            + p.currentLocation().getLineNr()
            + ": more after the closing brace of the file's object; it is not read (put every"
            + " document in the one \"documents\" object)";
      }
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      java.util.regex.Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (!m.find()) {
        return null; // malformed: already said by the reading itself
      }
      return "line "
          + e.getLocation().getLineNr()
          + ": \""
          + m.group(1)
          + "\" is given twice in one object; the later one is used: keep one";
    } catch (IOException e) {
      return null;
    }
  }

  private static Entry check(String name, String id, Entry e, List<String> warnings) {
    String date = e.date();
    if (date != null && !date.isBlank() && !isPartialDate(date.strip())) {
      // "2017-02-30" was "not a date written YYYY, YYYY-MM or YYYY-MM-DD", which it is: the
      // maintainer looked for a fault in its shape
      warnings.add(
          name
              + ": date \""
              + date
              + "\" of "
              + id
              + (PARTIAL_DATE.matcher(date.strip()).matches()
                  ? " names no day of the calendar (check its month and day); left empty"
                  : " is not a date written YYYY, YYYY-MM or YYYY-MM-DD; left empty"));
      date = null;
    }
    String url = e.url();
    if (url != null && !url.isBlank() && HtmlText.address(url) == null) {
      // "javascript:alert(1)" or "www.example.org/x" was given as the source's address, shown by
      // the console and handed to whatever renders ask --json's url as a link
      warnings.add(
          name
              + ": url \""
              + url
              + "\" of "
              + id
              + " is not a whole web address (http:// or https:// and a site); left empty");
      url = null;
    }
    return new Entry(e.title(), e.publisher(), date, url);
  }

  /**
   * YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day ("2018-13" and "2017-02-30" do not).
   */
  static boolean isPartialDate(String date) {
    if (!PARTIAL_DATE.matcher(date).matches()) {
      return false;
    }
    try {
      switch (date.length()) {
        case 7 -> java.time.YearMonth.parse(date);
        case 10 -> java.time.LocalDate.parse(date);
        default -> {}
      }
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** What a metadata file holds, said after what was wrong with one. */
  static final String SHAPE =
      "it should read {\"documents\": {\"<file name without extension>\": {\"title\": \"...\","
          + " \"publisher\": \"...\", \"date\": \"YYYY-MM-DD\", \"url\": \"...\"}}}";

  /**
   * Where the file went wrong (line and column, and the field) and what was wrong, without
   * Jackson's class names and source dump ("(class org.astanaqa...)", "at [Source: ...]").
   */
  static String describe(com.fasterxml.jackson.core.JsonProcessingException e) {
    StringBuilder out = new StringBuilder();
    com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      out.append("line ").append(at.getLineNr());
      // a value of the wrong kind is reported past it: its line is right, its column is not
      if (!(e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException)) {
        out.append(", column ").append(at.getColumnNr());
      }
    }
    if (e instanceof JsonMappingException m) {
      String path = org.astanaqa.retrieval.util.JsonErrors.path(m);
      if (!path.isEmpty()) {
        out.append(out.isEmpty() ? "" : ", ").append("at \"").append(path).append('"');
      }
    }
    String what = org.astanaqa.retrieval.util.JsonErrors.wrongKind(e, "an object ({...})");
    if (what == null) {
      what = org.astanaqa.retrieval.util.JsonErrors.withoutSource(e.getOriginalMessage());
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      what =
          "\""
              + u.getPropertyName()
              + "\" is not a field there (the fields are: "
              + org.astanaqa.retrieval.util.JsonErrors.knownFields(u)
              + ")";
    }
    int cut = what.indexOf(" (class ");
    if (cut > 0) {
      what = what.substring(0, cut);
    }
    return (out.isEmpty() ? "" : out + ": ") + what;
  }

  /**
   * The source of a document: each field from its metadata entry, else from the file itself (HTML
   * head, PDF information, document properties, a Markdown heading); a document with no title
   * anywhere is shown by its file name.
   *
   * @param id the document id relative to the corpus root
   * @param localId the id relative to this metadata file's folder
   * @param fileName the file's name, the title of last resort
   */
  Source sourceFor(String id, String localId, String fileName, FileText file) {
    Entry e = entries.getOrDefault(key(localId), new Entry(null, null, null, null));
    return new Source(
        id,
        either(e.title(), either(fileTitle(file.title()), fileName)),
        either(e.publisher(), filePublisher(file.publisher())),
        either(e.date(), fileDate(file.date())),
        either(e.url(), file.url()));
  }

  /**
   * A file's own date (PDF information, document properties, a page's published time), or null when
   * it is no date or a program's placeholder for none: a year before 1900 (0001-01-01, Windows'
   * 1601-01-01, OLE's 1899-12-30) or the Unix epoch's first day, 1970-01-01, which a .docx or a
   * page whose date was never set carries and which was shown as the document's date. A metadata
   * file's date is the maintainer's word and is taken as given.
   */
  static String fileDate(String date) {
    if (date == null || !isPartialDate(date)) {
      return null;
    }
    return Integer.parseInt(date.substring(0, 4)) < 1900 || date.equals("1970-01-01") ? null : date;
  }

  /**
   * A file's own title, or null when it is a program's placeholder for none: the name of the file a
   * PDF was printed from ("Microsoft Word - 1829470E.docx", "S_2018_123_E.doc"), or an office
   * program's default ("Untitled", "Document1", "PowerPoint Presentation", "Slide 1"), which was
   * shown as the document's title. A metadata file's title is taken as given.
   */
  static String fileTitle(String title) {
    return title == null || PLACEHOLDER_TITLE.matcher(title.strip()).matches() ? null : title;
  }

  private static final java.util.regex.Pattern PLACEHOLDER_TITLE =
      java.util.regex.Pattern.compile(
          "(?i)microsoft (word|powerpoint|excel|publisher) - .*"
              + "|\\S+\\.(docx?|rtf|odt|pptx?|xlsx?|pdf|txt|tex|dvi|indd|qxd)"
              + "|untitled( document)?(-?\\d+)?|(document|presentation|book)\\d*"
              + "|powerpoint presentation|slide \\d+");

  /**
   * A file's own publisher (a .docx's company, a PDF's author, a page's site), or null when it is a
   * program's or an installation's placeholder for none: Windows' "User" or "Admin"
   * ("\u041f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c" in Russian),
   * "Microsoft Office User" (in Russian, the word with "Windows" or "Microsoft Office" after it),
   * Office's default company "Microsoft", and the names unlicensed Office builds write
   * ("Grizli777", "SPecialiST RePack", "Reanimator Extreme Edition"), which were shown as the
   * document's publisher. A metadata file's publisher is taken as given.
   */
  static String filePublisher(String publisher) {
    return publisher == null || PLACEHOLDER_PUBLISHER.matcher(publisher.strip()).matches()
        ? null
        : publisher;
  }

  private static final java.util.regex.Pattern PLACEHOLDER_PUBLISHER =
      java.util.regex.Pattern.compile(
          "(?iu)(windows |microsoft office |microsoft )?(user|admin|administrator|owner)[-_ ]?\\d*"
              + "|\\S+-pc|microsoft( corporation)?|home|unknown|none|n/?a|organi[sz]ation|company"
              // Russian Windows' and Office's "User", "Administrator", "Admin", alone or with
              // "Windows" or "Microsoft Office" after, as they write "Windows User"; a computer's
              // "IVANOV-\u041f\u041a" as an English one's "IVANOV-PC"
              + "|(\u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c|\u0430\u0434\u043c\u0438\u043d\u0438\u0441\u0442\u0440\u0430\u0442\u043e\u0440|\u0430\u0434\u043c\u0438\u043d)( windows| microsoft office)?"
              + "|\\S+-\u043f\u043a"
              + "|grizli777|specialist repack|reanimator extreme edition"
              // no letter or digit in any script ("-", "..."): \W was [^A-Za-z0-9_] and took every
              // Cyrillic name for none
              + "|diakov\\.net|sansoft|[^\\p{L}\\p{N}]*|\\d+");

  private static String either(String preferred, String fallback) {
    return preferred != null && !preferred.isBlank() ? preferred : fallback;
  }

  /**
   * A file name or a metadata key as one form of its letters (NFC, composed): a Mac writes file
   * names decomposed ("e" and a combining accent, NFD), and keeps them so when they are copied
   * here, while a metadata file typed elsewhere writes the same letters composed; the two never
   * matched, and the entry applied to no document.
   */
  static String key(String idOrKey) {
    return java.text.Normalizer.isNormalized(idOrKey, java.text.Normalizer.Form.NFC)
        ? idOrKey
        : java.text.Normalizer.normalize(idOrKey, java.text.Normalizer.Form.NFC);
  }

  /** Ids named in the metadata (as {@link #key}), to report entries whose file does not exist. */
  java.util.Set<String> ids() {
    return entries.keySet();
  }

  List<String> warnings() {
    return warnings;
  }
}
