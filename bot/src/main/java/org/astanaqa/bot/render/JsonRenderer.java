package org.astanaqa.bot.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.DirectAnswer;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;

/** Renders an answer as one line of JSON: the contract of {@code ask --json}. */
public final class JsonRenderer {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /**
   * Writes each character that some readers take for a line break though JSON does not (U+0085 NEL,
   * U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR) as its JSON escape ("\\u2028"), so that an
   * answer is one line for every reader of "one object per line": written as they are (JSON allows
   * it), a question holding one was two lines for Python's {@code str.splitlines()}, Java's {@code
   * \\R} and editors, neither of them JSON, and a JavaScript engine before ES2019 refused it in a
   * string literal. Parsed, the text is the same.
   */
  private static final class LineBreaksEscaped
      extends com.fasterxml.jackson.core.io.CharacterEscapes {
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      return ch == 0x85 || ch == 0x2028 || ch == 0x2029
          ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch))
          : null;
    }
  }

  static {
    JSON.getFactory().setCharacterEscapes(new LineBreaksEscaped());
  }

  private JsonRenderer() {}

  public static String render(Answer a) {
    return render(a, org.astanaqa.retrieval.Languages.detect(a.question()));
  }

  /**
   * The answer as one JSON line; {@code language} is the question's ISO 639-1 code ("en", "ru",
   * ...), put after {@code question}.
   */
  public static String render(Answer a, String language) {
    ObjectNode root = JSON.createObjectNode();
    root.put("question", a.question());
    root.put("language", language);
    root.put("answered", a.answered());
    root.put("confidence", round(a.confidence()));
    if (a.direct().isPresent()) {
      DirectAnswer d = a.direct().get();
      ObjectNode o = root.putObject("direct");
      o.put("text", d.text());
      o.put("type", d.type().label());
      o.put("confidence", round(d.confidence()));
      o.put("answer", d.answer());
      o.putArray("span").add(d.start()).add(d.end());
    } else {
      root.putNull("direct");
    }
    ArrayNode answers = root.putArray("answers");
    for (Quote q : a.quotes()) {
      ObjectNode o = answers.addObject();
      o.put("quote", q.text());
      o.put("passage", q.passage().text());
      o.put("offset", q.offset());
      o.put("score", round(q.score()));
      o.put("confidence", round(q.confidence()));
      if (q.similarity() != null) {
        o.put("similarity", Math.round(q.similarity() * 1000) / 1000.0);
      }
      ArrayNode matched = o.putArray("matched");
      q.matched().forEach(s -> matched.addArray().add(s.start()).add(s.end()));
      o.set("source", source(q.source()));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  public static ObjectNode source(Source s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", s.id());
    o.put("title", s.title());
    o.put("publisher", s.publisher());
    o.put("date", s.date());
    o.put("url", s.url());
    return o;
  }
}
