package org.astanaqa.bot.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an {@link AppConfig} from YAML or JSON (a file named {@code .json} as strict JSON, any
 * other as YAML, which takes JSON too), rejecting unknown keys.
 */
public final class ConfigLoader {
  /** Built on first use: loading Jackson and a YAML parser costs a quarter of a second at start. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = strict(new ObjectMapper(new YAMLFactory()));
  }

  /** A mapper that refuses what a configuration must not hold, whichever syntax it reads. */
  private static ObjectMapper strict(ObjectMapper mapper) {
    // text where a number or a yes/no belongs ("answers: \"2\"", "directAnswers: \"true\""), and a
    // number for a yes/no ("watch: 1"): a value of the wrong type, which Jackson otherwise converts
    for (com.fasterxml.jackson.databind.type.LogicalType t :
        java.util.List.of(
            com.fasterxml.jackson.databind.type.LogicalType.Integer,
            com.fasterxml.jackson.databind.type.LogicalType.Float,
            com.fasterxml.jackson.databind.type.LogicalType.Boolean)) {
      mapper
          .coercionConfigFor(t)
          .setCoercion(
              com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
              com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Boolean)
        .setCoercion(
            com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
            com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    return mapper
        // a key given twice: the second would win unseen ("dataDir" written elsewhere)
        .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  /**
   * A file named {@code .json} is read as JSON, strictly: the YAML parser takes a JSON file with a
   * trailing comma ({@code {"answers": 3,}}, a YAML flow mapping may end so) or a {@code #} comment
   * without a word, and then every other program that reads the file as JSON fails on it.
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        strict(new ObjectMapper(new com.fasterxml.jackson.core.JsonFactory()));
  }

  /** Whether a file so named is JSON ({@link Json}); any other is YAML, of which JSON is a part. */
  static boolean isJson(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
  }

  /** The default configuration bundled in the jar (a copy of config/astana-qa.yaml). */
  static final String BUNDLED = "/astana-qa/astana-qa.yaml";

  /**
   * The configuration: {@code file}, or the defaults when it is null. The bundled
   * config/astana-qa.yaml states exactly these defaults (a test holds them equal), so the command
   * line need not load a YAML parser to read it: that saves a quarter of a second at every start.
   */
  public static AppConfig loadOrDefaults(Path file) {
    return file == null ? AppConfig.defaults() : load(file);
  }

  private ConfigLoader() {}

  /** Reads {@code file}, or the bundled default configuration when {@code file} is null. */
  public static AppConfig load(Path file) {
    if (file == null) {
      try (InputStream in = ConfigLoader.class.getResourceAsStream(BUNDLED)) {
        return in == null ? AppConfig.defaults() : parse(in.readAllBytes(), "bundled " + BUNDLED);
      } catch (IOException e) {
        throw new ConfigException("cannot read the bundled configuration: " + e.getMessage(), e);
      }
    }
    if (Files.isDirectory(file)) {
      throw new ConfigException(
          "configuration file " + file + " is a folder; give a YAML or JSON file with --config");
    }
    if (!Files.exists(file)) {
      throw new ConfigException("configuration file " + file + " does not exist; check --config");
    }
    try {
      // not only a regular file: a pipe such as bash's --config <(...) or /dev/stdin, which was
      // said not to exist; read up to a limit (a device such as /dev/zero never ends)
      return parse(readAtMost(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The most a configuration file may hold: far more than every key with a long comment each. */
  static final int MAX_BYTES = 1024 * 1024;

  /**
   * How long a named pipe given as the configuration may wait for a program to open it for writing:
   * bash's {@code --config <(cat x.yaml)} has its writer at once, while a pipe made with {@code
   * mkfifo} that nothing writes to held the program at the open forever, saying nothing. Lowered by
   * tests.
   */
  static volatile long pipeWaitMillis = 10_000;

  private static byte[] readAtMost(Path file) throws IOException {
    try (InputStream in = open(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new ConfigException(
            "configuration file "
                + file
                + " holds more than "
                + MAX_BYTES / 1024
                + " KB; give the YAML or JSON file of settings with --config");
      }
      return bytes;
    }
  }

  /**
   * Opens {@code file}; a file that is no regular file (a named pipe, whose open waits for a
   * writer) within {@link #pipeWaitMillis}, or the configuration is refused with what to do.
   */
  private static InputStream open(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    java.util.concurrent.CompletableFuture<InputStream> opened =
        new java.util.concurrent.CompletableFuture<>();
    Thread opener =
        new Thread(
            () -> {
              try {
                InputStream in = Files.newInputStream(file);
                if (!opened.complete(in)) {
                  in.close(); // given up on: a writer came too late
                }
              } catch (IOException | RuntimeException e) {
                opened.completeExceptionally(e);
              }
            },
            "config-open");
    opener.setDaemon(true); // a pipe never written to must not keep the JVM
    opener.start();
    try {
      return opened.get(pipeWaitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      opened.cancel(false);
      release(file, opener);
      throw new ConfigException(
          "configuration file "
              + file
              + " is a named pipe that no program opened for writing within "
              + (pipeWaitMillis >= 1000 ? pipeWaitMillis / 1000 + " s" : pipeWaitMillis + " ms")
              + "; give a regular file, or start the program that writes to the pipe first ("
              + "--config <(cat FILE) does both)");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      opened.cancel(false);
      release(file, opener);
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for " + file);
    }
  }

  /**
   * Lets the thread left waiting in the open of pipe {@code file} end: opened for reading and
   * writing, which never waits, the pipe has a writer for a moment, so the waiting open returns,
   * and the stream it gets is closed as given up on. Left alone, the thread waited in the open for
   * good, one more at every refusal, until a program came to write to a pipe no one would read.
   */
  private static void release(Path file, Thread opener) {
    for (int i = 0; i < 10 && opener.isAlive(); i++) {
      try (java.nio.channels.FileChannel writer =
          java.nio.channels.FileChannel.open(
              file,
              java.nio.file.StandardOpenOption.READ,
              java.nio.file.StandardOpenOption.WRITE)) {
        // nothing to write: its open is what the waiting one needed
      } catch (IOException | RuntimeException e) {
        return; // gone, or not ours to open: the daemon thread cannot keep the JVM
      }
      try {
        opener.join(100); // a thread not yet in its open when the pipe was opened: once more
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The line of the last "---" at or before line {@code line} (1-based), where a second document
   * begins; {@code line} itself when there is none (a second JSON value).
   */
  private static int separatorBefore(byte[] bytes, int line) {
    String[] lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\\R", -1);
    for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      if (lines[i].strip().startsWith("---")) {
        return i + 1;
      }
    }
    return line;
  }

  /**
   * Why {@code bytes} are no UTF-8 text, or null when they are: a file saved as UTF-16 (Notepad's
   * "Unicode") or in a local code page, which Jackson reports as "java.io.CharConversionException:
   * Invalid UTF-8 start byte 0xff (at char #1, byte #-1)".
   */
  static String notUtf8(byte[] bytes) {
    boolean utf16 =
        bytes.length >= 2
            && (bytes[0] == (byte) 0xff && bytes[1] == (byte) 0xfe
                || bytes[0] == (byte) 0xfe && bytes[1] == (byte) 0xff);
    if (utf16) {
      return "the file is UTF-16 text; save it as UTF-8";
    }
    java.nio.charset.CharsetDecoder utf8 =
        java.nio.charset.StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    java.nio.charset.CoderResult r = utf8.decode(in, out, true);
    if (!r.isError()) {
      return null;
    }
    int line = 1;
    for (int i = 0; i < in.position(); i++) {
      line += bytes[i] == '\n' ? 1 : 0;
    }
    return "line " + line + " is not UTF-8 text; save the file as UTF-8";
  }

  static AppConfig parse(byte[] bytes, String name) {
    String encoding = notUtf8(bytes);
    if (encoding != null) {
      throw new ConfigException(name + ": " + encoding);
    }
    if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return AppConfig.defaults();
    }
    boolean json = isJson(name);
    ObjectMapper mapper = json ? Json.MAPPER : Yaml.MAPPER;
    try {
      wellFormed(mapper, bytes);
      AppConfig c;
      try (JsonParser p = mapper.getFactory().createParser(bytes)) {
        if (p.nextToken() == null) {
          return AppConfig.defaults(); // every line commented out: no key given, as if empty
        }
        c = mapper.readValue(p, AppConfig.class);
        for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NULL) {
            continue; // a closing "---", or one before comments only: an empty document
          }
          // a second YAML document ("---") or JSON value would be ignored unseen
          int at = p.currentLocation().getLineNr();
          throw new ConfigException(
              "a second document begins at line "
                  + separatorBefore(bytes, at)
                  + ", after the configuration; a configuration file is one document: keep one");
        }
      }
      if (c == null) {
        return AppConfig.defaults(); // "null" or "~": no key given
      }
      emptyCorpus(mapper, bytes);
      c.settings(); // validates the retrieval values now, with the file's name
      c.mode();
      c.model();
      return c;
    } catch (UnrecognizedPropertyException e) {
      if (String.valueOf(e.getPropertyName())
          .toLowerCase(java.util.Locale.ROOT)
          .endsWith("token")) {
        // "unknown key; known keys here: ..., tokenEnv" led to the token written as tokenEnv next,
        // and never said that the token belongs in the environment, nor that the file exposed it
        throw new ConfigException(
            name
                + ": \""
                + org.astanaqa.retrieval.util.JsonErrors.path(e)
                + "\": the bot token is never read from a file; remove it from the file and set"
                + " the environment variable TELEGRAM_BOT_TOKEN to it (or the variable"
                + " telegram.tokenEnv names); if the file was shared or committed, revoke it with"
                + " @BotFather (/revoke) and use the new one",
            e);
      }
      throw new ConfigException(
          name
              + ": unknown key \""
              + org.astanaqa.retrieval.util.JsonErrors.path(e)
              + "\"; known keys here: "
              + org.astanaqa.retrieval.util.JsonErrors.knownFields(e),
          e);
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause();
      String kind = org.astanaqa.retrieval.util.JsonErrors.wrongKind(e, "a group of keys");
      String what =
          cause instanceof IllegalArgumentException
              ? cause.getMessage()
              : kind != null ? "wrong type: " + kind : simplify(e.getOriginalMessage());
      String key = org.astanaqa.retrieval.util.JsonErrors.path(e);
      throw new ConfigException(
          name + (key.isEmpty() ? "" : ": key \"" + key + "\"") + ": " + what, e);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m
          && m.getProblemMark() != null) {
        // the parser's own place, where Jackson's location was that of the last token read before
        // it, a line early for a tab that indents ("at line 1" of a tab on line 2)
        String problem = m.getProblem().replaceAll("\\s+", " ").strip();
        boolean unclosed =
            (problem.contains("end of stream") || problem.contains("<stream end>"))
                && m.getContext() != null
                && m.getContextMark() != null;
        throw new ConfigException(
            name
                + ": not valid YAML at line "
                + (m.getProblemMark().getLine() + 1)
                + ", column "
                + (m.getProblemMark().getColumn() + 1)
                + ": "
                + problem
                + (unclosed
                    // "found unexpected end of stream" at the last line, of a quote opened above
                    ? ": the "
                        + m.getContext().replaceFirst("^while (scanning|parsing) (an? )?", "")
                        + " begun at line "
                        + (m.getContextMark().getLine() + 1)
                        + ", column "
                        + (m.getContextMark().getColumn() + 1)
                        + " is never closed; close its quote or bracket"
                    : "; check the indentation there (spaces, no tabs) and put a value that holds"
                        + " \": \" in quotes"),
            e);
      }
      throw new ConfigException(
          name
              + (json ? ": not valid JSON at line " : ": not valid YAML/JSON at line ")
              + e.getLocation().getLineNr()
              + ": "
              + simplify(e.getOriginalMessage())
              + (json
                  ? "; correct it there (JSON allows no comma after the last entry and no"
                      + " comments), or write the file as YAML and name it .yaml"
                  : ""),
          e);
    } catch (ConfigException e) {
      throw new ConfigException(name + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every token first, so that a file that is not YAML (or JSON) is said to be so, at the
   * line where it stops being so. Bound to the settings as it is read, a key indented one space too
   * far ("k1: 1" over " b: 0.4", which YAML reads as "mapping values are not allowed here") was
   * "key retrieval.k1: wrong type: expected a number", of a key whose value was right, since the
   * binding failed before the parser reached the error. And a YAML alias ({@code answers: *n} after
   * {@code n: &n 3}), which the parser gives as the text of its name, is refused by name, where
   * "expected a whole number" was said of a 3.
   */
  private static void wellFormed(ObjectMapper mapper, byte[] bytes) throws IOException {
    try (JsonParser p = mapper.getFactory().createParser(bytes)) {
      while (p.nextToken() != null) {
        if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
          throw new ConfigException(
              "line "
                  + p.currentTokenLocation().getLineNr()
                  + ": *"
                  + p.getText()
                  + " is a YAML alias, which a configuration file cannot use (it would be read as"
                  + " the text \""
                  + p.getText()
                  + "\"); write the value out there");
        }
      }
    }
  }

  /**
   * Refuses a {@code corpus} key given with no folder ({@code corpus: ""}, or {@code corpus:} as
   * {@code corpus: $CORPUS} reads with the variable unset): it answered from the seeds bundled in
   * the jar and said nothing, where {@code --corpus ""} is a usage error. Left out, the key still
   * means the seeds.
   */
  private static void emptyCorpus(ObjectMapper mapper, byte[] bytes) throws IOException {
    com.fasterxml.jackson.databind.JsonNode tree;
    try (JsonParser p = mapper.getFactory().createParser(bytes)) {
      tree = mapper.readTree(p); // the first document: a second one was refused already
    }
    if (tree == null || !tree.isObject() || !tree.has("corpus")) {
      return;
    }
    com.fasterxml.jackson.databind.JsonNode corpus = tree.get("corpus");
    if (corpus.isNull() || corpus.isTextual() && corpus.asText().isBlank()) {
      throw new ConfigException(
          "key \"corpus\" is empty; give the folder of your documents, or leave the key out"
              + " (or comment it out) for the seed corpus bundled in the jar");
    }
  }

  private static String simplify(String message) {
    if (message == null) {
      return "malformed";
    }
    String m =
        message
            // Jackson's words for its own internals, which say nothing to whoever wrote the file
            .replaceAll("\\s*\\(but could if coercion was enabled[^)]*\\)", "")
            .replaceAll("\\s*\\(token `?JsonToken\\.[A-Z_]+`?\\)", "")
            .replaceAll("`[a-zA-Z.]+\\$[A-Za-z]+`", "a group of keys")
            .replaceAll("`java\\.util\\.[A-Za-z]*List`", "a list")
            .replaceAll("\\bArray value\\b", "a list")
            .replaceAll("\\bObject value\\b", "a group of keys")
            .replaceAll("`[a-zA-Z.$]+\\.([A-Za-z]+)`", "$1")
            .replaceAll("Duplicate field '([^']*)'", "the key \"$1\" is given twice; keep one")
            // YAML's .nan and .inf, JSON's NaN and Infinity: no setting takes them
            .replaceAll(
                "Malformed numeric value '([^']*)'",
                "$1 is not a number; give a plain number such as 0.4")
            .replaceAll(
                "Non-standard token '([^']*)': enable `?JsonReadFeature[^ ]*`? to allow",
                "$1 is not a number; give a plain number such as 0.4")
            // a number beyond Java's int or long: its size, not the range of a Java type
            .replaceAll(
                "Numeric value \\((-[^)]*)\\) out of range of (?:int|long) \\([^)]*\\)",
                "the number $1 is far too small; give a value in the range this key takes")
            .replaceAll(
                "Numeric value \\(([^)]*)\\) out of range of (?:int|long) \\([^)]*\\)",
                "the number $1 is far too large; give a value in the range this key takes")
            .replaceAll("\\s+", " ");
    if (m.startsWith("Cannot deserialize value of type")) {
      return "wrong type: "
          + m.replaceFirst(
              "Cannot deserialize value of type (.+?) from (.*)", "expected $1, got $2");
    }
    return m;
  }
}
