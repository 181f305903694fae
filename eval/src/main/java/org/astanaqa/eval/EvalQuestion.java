package org.astanaqa.eval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.util.JsonErrors;

/**
 * One line of a questions file ({@code ../shared/eval/dev-questions.jsonl} format).
 *
 * @param q the question as a user would type it
 * @param expect lower-case strings that must all appear in a correct quote
 * @param docs document ids (or the number their file name starts with) that hold a correct answer
 * @param none true when the corpus cannot answer: the right reply is "not found"
 * @param kind how the question is asked: plain, paraphrase, keywords, typos, chatty, multidoc or
 *     outofscope; null in sets that do not say
 * @param group questions that ask the same thing share a group; odd groups are the tune part, even
 *     ones the test part; 0 when the set is not split
 * @param variantOf for a chatty question, the plain question it asks in other dress
 * @param shortAnswer the minimal answer as the text writes it ("17 September"), for factoid
 *     questions
 * @param shortAlternatives other spans a strict annotator also takes as the whole answer ("Astana"
 *     for "the Kazak capital of Astana"), as SQuAD accepts any of its annotators' answers; empty
 *     when there are none
 * @param after in a set of two-turn exchanges, the first turn: the question asked just before this
 *     one in the same conversation (kind {@code followup}: this one leans on it; {@code
 *     standalone}: it must be answered exactly as without it); null otherwise
 * @param reply whether the second turn replies to the bot's answer to the first (in Telegram)
 */
// "feedback": what users said of the answer, on a line the feedback command exported; any other
// field no question has is an error, as a misspelt "doc" or "shortAlternative" was read as nothing.
@JsonIgnoreProperties({EvalQuestion.FEEDBACK})
public record EvalQuestion(
    String q,
    List<String> expect,
    List<String> docs,
    boolean none,
    String kind,
    int group,
    String variantOf,
    @com.fasterxml.jackson.annotation.JsonProperty("short") String shortAnswer,
    List<String> shortAlternatives,
    String after,
    boolean reply) {
  // A second object after the question's (two questions pasted onto one line) is an error, not
  // dropped.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // "group": 3.7 is no group 3
          // a field given twice: the last one was taken and the first lost unseen
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final java.util.regex.Pattern DUPLICATE =
      java.util.regex.Pattern.compile("Duplicate field '(.*)'");

  public EvalQuestion {
    if (q == null) {
      throw new IllegalArgumentException("\"q\" is missing");
    }
    if (q.isBlank()) {
      throw new IllegalArgumentException("\"q\" is empty: write the question");
    }
    // not contains(null): an immutable list (List.of, List.copyOf) throws on it
    if (expect != null && expect.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException(
          "\"expect\" holds a null: write the words a right quote holds as strings");
    }
    if (expect != null && expect.stream().anyMatch(String::isEmpty)) {
      // "" is in every quote: any answer would count right
      throw new IllegalArgumentException(
          "\"expect\" holds an empty string, which every quote holds: write the words a right"
              + " quote holds");
    }
    if (docs != null && docs.stream().anyMatch(java.util.Objects::isNull)) {
      throw new IllegalArgumentException(
          "\"docs\" holds a null: write the documents' ids as strings");
    }
    if (group < 0) {
      // -1 is odd, but -1 % 2 is -1: it went to the test half
      throw new IllegalArgumentException(
          "\"group\" is "
              + group
              + ": a group is 0 (a set not split) or more, odd for the tune half and even for the"
              + " test half");
    }
    if (after != null && after.isBlank()) {
      throw new IllegalArgumentException(
          "\"after\" is empty: write the first turn, or leave \"after\" out");
    }
    if (after != null && kind != null && !kind.equals("followup") && !kind.equals("standalone")) {
      // any other kind was judged as a follow-up: a misspelt "standalone" too
      throw new IllegalArgumentException(
          "\"kind\" of a two-turn exchange is followup or standalone, not \"" + kind + "\"");
    }
    expect = expect == null ? List.of() : List.copyOf(expect);
    docs = docs == null ? List.of() : List.copyOf(docs);
    if (shortAlternatives != null && shortAlternatives.stream().anyMatch(a -> a == null)) {
      throw new IllegalArgumentException(
          "\"shortAlternatives\" holds a null: list other answers as strings");
    }
    shortAlternatives = shortAlternatives == null ? List.of() : List.copyOf(shortAlternatives);
    if (!shortAlternatives.isEmpty() && shortAnswer == null) {
      throw new IllegalArgumentException(
          "\"shortAlternatives\" without \"short\": write the answer in \"short\" and other"
              + " complete answers in \"shortAlternatives\"");
    }
    if (none && (!expect.isEmpty() || !docs.isEmpty())) {
      // Which was meant? Counted as out of scope, its "expect" would be silently ignored.
      throw new IllegalArgumentException(
          "\"none\": true with \"expect\" or \"docs\": a question the documents cannot answer has"
              + " neither; remove \"none\" if they do answer it");
    }
    if (!none && expect.isEmpty() && docs.isEmpty()) {
      // Also what a question exported from users' feedback says until a maintainer completes it.
      throw new IllegalArgumentException(
          "\"expect\" and \"docs\" are both empty: write the words a right"
              + " quote holds in \"expect\" (or its documents in \"docs\"), or set \"none\": true if the documents"
              + " cannot answer it");
    }
  }

  /** A question of a set that is not split into parts and names no kinds. */
  public EvalQuestion(String q, List<String> expect, List<String> docs, boolean none) {
    this(q, expect, docs, none, null, 0, null, null, List.of(), null, false);
  }

  /**
   * The part the question belongs to: {@code tune} (odd groups), {@code test} (even), or {@code
   * all}.
   */
  public String part() {
    return group == 0 ? "all" : group % 2 == 1 ? Benchmarks.TUNE : Benchmarks.TEST;
  }

  /** Every answer that counts as right: {@code short} first, then its alternatives. */
  public List<String> shortAnswers() {
    if (shortAnswer == null) {
      return List.of();
    }
    List<String> all = new ArrayList<>();
    all.add(shortAnswer);
    all.addAll(shortAlternatives);
    return all;
  }

  /** The question's kind; "outofscope" or "plain" for sets that do not say. */
  public String kindOrDefault() {
    return kind != null ? kind : none ? "outofscope" : "plain";
  }

  /**
   * The questions of {@code part} ({@code all}: every one; unsplit questions are in every part).
   */
  public static List<EvalQuestion> part(List<EvalQuestion> questions, String part) {
    if (part == null || part.equals("all")) {
      return questions;
    }
    return questions.stream().filter(q -> q.group == 0 || q.part().equals(part)).toList();
  }

  /** Whether a quote answers this question: a listed document, and every expected string. */
  public boolean isAnsweredBy(Quote quote) {
    return isFromListedDocument(quote) && containsExpected(quote);
  }

  /**
   * Whether the quote comes from a listed document. A listed "000" names the document whose file
   * name is or starts with "000_", in any folder, so a corpus that nests the seeds still matches.
   */
  public boolean isFromListedDocument(Quote quote) {
    String id = quote.source().id();
    return docs.isEmpty() || docs.stream().anyMatch(d -> names(d, id));
  }

  /** Whether {@code listed}, an entry of "docs", names the document {@code id}. */
  private static boolean names(String listed, String id) {
    String name = id.substring(id.lastIndexOf('/') + 1);
    return id.equals(listed) || name.equals(listed) || name.startsWith(listed + "_");
  }

  /**
   * Each entry of the questions' "docs" that names none of the documents {@code ids}, with the
   * first question that lists it: such a question can never be right.
   */
  public static Map<String, String> docsNotIn(
      List<EvalQuestion> questions, Collection<String> ids) {
    Map<String, String> out = new LinkedHashMap<>();
    for (EvalQuestion q : questions) {
      for (String d : q.docs) {
        if (!out.containsKey(d) && ids.stream().noneMatch(id -> names(d, id))) {
          out.put(d, q.q);
        }
      }
    }
    return out;
  }

  /** Whether the quote holds every expected string, ignoring case. */
  public boolean containsExpected(Quote quote) {
    String text = quote.text().toLowerCase(java.util.Locale.ROOT);
    return expect.stream().allMatch(e -> text.contains(e.toLowerCase(java.util.Locale.ROOT)));
  }

  /** A field of the wrong kind, named with what it should hold instead of Jackson's class names. */
  private static String wrongKind(JsonMappingException e) {
    String field = JsonErrors.path(e);
    String what = JsonErrors.wrongKind(e, "an object");
    if (what == null) {
      what = JsonErrors.withoutSource(e.getOriginalMessage());
    }
    return (field.isEmpty() ? "" : "\"" + field + "\": ") + what;
  }

  /** A field of an exported line that is no question's and is read as nothing. */
  static final String FEEDBACK = "feedback";

  /** The fields of a line, as Jackson names them, in order: "after", "docs", "expect", .... */
  private static final List<String> FIELDS =
      java.util.Arrays.stream(EvalQuestion.class.getRecordComponents())
          .map(
              c -> {
                var named =
                    c.getAccessor()
                        .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                return named == null ? c.getName() : named.value();
              })
          .sorted()
          .toList();

  /** What a line is told of a field no question has. */
  private static String notAField(String name) {
    return "\""
        + name
        + "\" is not a field of a question (the fields are: "
        + String.join(", ", FIELDS)
        + ")";
  }

  /** The first field of {@code line}'s object that no question has, or null. */
  private static String unknownField(String line) {
    try {
      var fields = JSON.readTree(line).fieldNames();
      while (fields.hasNext()) {
        String f = fields.next();
        if (!f.equals(FEEDBACK) && !FIELDS.contains(f)) {
          return f;
        }
      }
    } catch (JsonProcessingException e) {
      return null;
    }
    return null;
  }

  /**
   * Reads a JSON-lines file; blank lines and lines starting with {@code //} are skipped.
   *
   * @throws IllegalArgumentException naming the file and line of the first bad line
   */
  public static List<EvalQuestion> readJsonl(Path file) throws IOException {
    List<EvalQuestion> out = new ArrayList<>();
    int firstLine = 0; // the first question's line: it says whether the file is of exchanges
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip(); // a byte-order mark (Notepad, PowerShell): not JSON's
      }
      if (line.isEmpty() || line.startsWith("//")) {
        continue;
      }
      EvalQuestion q;
      try {
        q = JSON.readValue(line, EvalQuestion.class);
      } catch (UnrecognizedPropertyException e) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": " + notAField(e.getPropertyName()), e);
      } catch (JsonMappingException e) {
        String unknown =
            e.getCause() instanceof IllegalArgumentException ? unknownField(line) : null;
        String msg =
            unknown != null
                // Jackson reports a field it does not know only after the record is built: a line
                // that breaks a rule without its misspelt field was told of that rule instead
                ? notAField(unknown)
                : e.getCause() instanceof IllegalArgumentException root
                    ? root.getMessage()
                    : e.getMessage() != null && e.getMessage().startsWith("Trailing token")
                        ? "more after the question's object: write one question a line"
                        : wrongKind(e);
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + msg, e);
      } catch (JsonProcessingException e) {
        java.util.regex.Matcher twice = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (twice.matches()) {
          throw new IllegalArgumentException(
              file
                  + " line "
                  + (i + 1)
                  + ": \""
                  + twice.group(1)
                  + "\" is given twice: write each field once",
              e);
        }
        throw new IllegalArgumentException(
            file
                + " line "
                + (i + 1)
                + ": not JSON: "
                + JsonErrors.withoutSource(e.getOriginalMessage()),
            e);
      }
      if (out.isEmpty()) {
        firstLine = i + 1;
      } else if ((q.after == null) != (out.get(0).after == null)) {
        // a file of exchanges is run as exchanges only: a single question in it was dropped
        throw new IllegalArgumentException(
            file
                + " line "
                + (i + 1)
                + ": "
                + (q.after == null ? "no \"after\"" : "\"after\"")
                + ", where line "
                + firstLine
                + (q.after == null ? " has one" : " has none")
                + ": a questions file holds either single questions or two-turn exchanges (with"
                + " \"after\"); put these in two files");
      }
      out.add(q);
    }
    return out;
  }
}
