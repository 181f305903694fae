package org.astanaqa.retrieval.util;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;

/**
 * What was wrong in a JSON or YAML file that a person wrote (a metadata file, a questions file, the
 * configuration), in that person's words instead of Jackson's: "expected a list, found text "x""
 * rather than "Cannot construct instance of `java.util.ArrayList` (although at least one Creator
 * exists)", and no "[Source: ...]" dump.
 */
public final class JsonErrors {
  private JsonErrors() {}

  /**
   * For a value of the wrong kind, "expected ..., found ..."; for a file with nothing in it, "it is
   * empty"; null for any other error.
   *
   * @param object what an object is called in this kind of file ("an object", "a group of keys")
   */
  public static String wrongKind(JsonProcessingException e, String object) {
    if (!(e instanceof MismatchedInputException m)) {
      return null;
    }
    String original = m.getOriginalMessage();
    if (original != null && original.startsWith("No content to map due to end-of-input")) {
      return "it is empty";
    }
    String expected = kind(m.getTargetType(), object);
    if (expected == null) {
      return null;
    }
    String found;
    if (m instanceof InvalidFormatException f && f.getValue() != null) {
      found =
          f.getValue() instanceof String s
              ? "text " + quoted(s)
              : f.getValue() instanceof Number n ? "the number " + n : "" + f.getValue();
    } else {
      found = m.getProcessor() instanceof JsonParser p ? found(p, object) : null;
      if (found == null && original != null) {
        // the file's top value: its parser is closed, but the message names the token
        java.util.regex.Matcher t = TOKEN.matcher(original);
        found = t.find() ? found(JsonToken.valueOf(t.group(1)), null, object) : null;
      }
      if (found == null && original != null) {
        // "... to deserialize from String value ('x')": a value buffered for a record's creator
        java.util.regex.Matcher v = VALUE.matcher(original);
        if (v.find()) {
          found =
              switch (v.group(1)) {
                case "String" -> v.group(2) == null ? "text" : "text " + quoted(v.group(2));
                case "Number" -> v.group(2) == null ? "a number" : "the number " + v.group(2);
                case "Array" -> "a list";
                case "Object" -> object;
                default -> v.group(2) == null ? null : v.group(2);
              };
        }
      }
    }
    return "expected " + expected + (found == null ? "" : ", found " + found);
  }

  /** The field a mapping error is at, as a person writes it: "documents.a.title", "examples[2]". */
  public static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(java.util.stream.Collectors.joining("."));
  }

  /** The fields an unknown one could have been, sorted: "date, publisher, title, url". */
  public static String knownFields(
      com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
    return e.getKnownPropertyIds().stream()
        .map(Object::toString)
        .sorted()
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * Jackson's message without its "[Source: ...]" location dump, which names no line a person
   * reads.
   */
  public static String withoutSource(String message) {
    if (message == null) {
      return "malformed";
    }
    return message
        .replaceAll("\\s*\\(start marker at \\[Source:[^]]*\\]\\)", "")
        .replaceAll("\\s*at \\[Source:[^]]*\\]", "")
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static String kind(Class<?> type, String object) {
    if (type == null) {
      return null;
    }
    if (CharSequence.class.isAssignableFrom(type) || type == char.class) {
      return "text";
    }
    if (type == int.class
        || type == long.class
        || type == short.class
        || type == byte.class
        || type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == Byte.class
        || type == java.math.BigInteger.class) {
      return "a whole number";
    }
    if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
      return object;
    }
    return null;
  }

  private static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile("token `?JsonToken\\.([A-Z_]+)`?");

  private static final java.util.regex.Pattern VALUE =
      java.util.regex.Pattern.compile(
          "from (String|Number|Boolean|Array|Object) value(?: \\('?(.*?)'?\\))?(?:;|$| \\()");

  private static String found(JsonParser p, String object) {
    JsonToken t = p.currentToken();
    if (t == null) {
      return null;
    }
    try {
      return found(t, p.getText(), object);
    } catch (java.io.IOException e) {
      return found(t, null, object);
    }
  }

  /** The value of token {@code t} in a person's words; {@code text} is its text when known. */
  private static String found(JsonToken t, String text, String object) {
    return switch (t) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> object;
      case VALUE_STRING -> text == null ? "text" : "text " + quoted(text);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> text == null ? "a number" : "the number " + text;
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> "null";
      default -> null;
    };
  }

  private static String quoted(String s) {
    return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
  }
}
