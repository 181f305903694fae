package org.astanaqa.bot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.astanaqa.retrieval.Mode;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static AppConfig parse(String yaml) {
    return ConfigLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
  }

  private static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void aBotTokenWrittenInTheFileIsRefusedSayingWhereItGoesWithoutShowingIt() {
    // From a probe: "telegram: {token: ...}" was "unknown key "telegram.token"; known keys here:
    // ..., tokenEnv, ...", which led a maintainer to write the token as tokenEnv next; it never
    // said that the token belongs in the environment, nor that a file that held it was exposed.
    for (String yaml :
        java.util.List.of(
            "telegram:\n  token: \"123456:AAHk-secret-part\"\n",
            "telegram:\n  botToken: 123456:AAHk-secret-part\n",
            "token: 123456:AAHk-secret-part\n")) {
      String e = error(yaml);
      assertTrue(e.contains("the bot token is never read from a file"), e);
      assertTrue(e.contains("set the environment variable TELEGRAM_BOT_TOKEN to it"), e);
      assertTrue(e.contains("revoke it with @BotFather"), e);
      assertFalse(e.contains("secret-part"), e);
    }
  }

  @Test
  void aConfigurationGivenThroughAPipeIsReadNotSaidNotToExist() throws Exception {
    // From a probe: --config <(printf 'answers: 5\n') said "configuration file /dev/fd/63 does not
    // exist; check --config": bash's process substitution is a pipe, not a regular file.
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cfg");
    java.nio.file.Path fifo = dir.resolve("fifo.yaml");
    try {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
      Thread writer =
          new Thread(
              () -> {
                try {
                  java.nio.file.Files.writeString(fifo, "answers: 5\n");
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      writer.setDaemon(true); // no reader when the load fails: never keep the JVM
      writer.start();
      assertEquals(5, ConfigLoader.load(fifo).answers());
      writer.join();
      // a device that never ends is refused, not read until the memory runs out
      java.nio.file.Path zero = java.nio.file.Path.of("/dev/zero");
      if (java.nio.file.Files.exists(zero)) {
        String e = assertThrows(ConfigException.class, () -> ConfigLoader.load(zero)).getMessage();
        assertTrue(e.contains("holds more than 1024 KB"), e);
      }
      String missing =
          assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("none.yaml")))
              .getMessage();
      assertTrue(missing.endsWith("none.yaml does not exist; check --config"), missing);
    } finally {
      java.nio.file.Files.deleteIfExists(fifo);
      java.nio.file.Files.deleteIfExists(dir);
    }
  }

  /**
   * From a probe: --config on a named pipe that no program writes to waited in the open forever,
   * saying nothing; it is now refused with what to do.
   */
  @Test
  @org.junit.jupiter.api.Timeout(
      value = 60,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aNamedPipeThatNoProgramWritesToIsRefusedNotWaitedOnForever(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path fifo = dir.resolve("nobody.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    long wait = ConfigLoader.pipeWaitMillis;
    ConfigLoader.pipeWaitMillis = 200;
    try {
      String m = assertThrows(ConfigException.class, () -> ConfigLoader.load(fifo)).getMessage();
      assertTrue(m.contains("nobody.yaml is a named pipe that no program opened for writing"), m);
      assertTrue(m.endsWith("--config <(cat FILE) does both)"), m);
    } finally {
      ConfigLoader.pipeWaitMillis = wait;
    }
  }

  /**
   * The thread that opened the pipe for {@link ConfigLoader#load} was left blocked in the open for
   * good once the configuration was refused: one thread leaked at every refusal, held until a
   * program happened to write to the pipe (which it then could not, the reader gone).
   */
  @Test
  @org.junit.jupiter.api.Timeout(
      value = 60,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aNamedPipeRefusedLeavesNoThreadWaitingInItsOpen(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path fifo = dir.resolve("nobody.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    long wait = ConfigLoader.pipeWaitMillis;
    ConfigLoader.pipeWaitMillis = 200;
    java.util.Set<Thread> before = openers();
    try {
      assertThrows(ConfigException.class, () -> ConfigLoader.load(fifo));
      for (Thread t : openers()) {
        if (!before.contains(t)) {
          t.join(30_000); // ends at once when released; never when left in the open
          assertFalse(t.isAlive(), "the pipe's opener still waits: " + t);
        }
      }
    } finally {
      ConfigLoader.pipeWaitMillis = wait;
    }
  }

  private static java.util.Set<Thread> openers() {
    java.util.Set<Thread> out = new java.util.HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("config-open")) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void aNumberTooLargeForAnyKeyIsSaidSoNotAsTheRangeOfAJavaInt() {
    // From a probe: "key "answers": Numeric value (99999999999999999999) out of range of int
    // (-2147483648 - 2147483647)".
    String e = error("answers: 99999999999999999999\n");
    assertEquals(
        "test.yaml: key \"answers\": the number 99999999999999999999 is far too large; give a"
            + " value in the range this key takes",
        e);
    // a negative one is not "too large"
    assertEquals(
        "test.yaml: key \"answers\": the number -99999999999999999999 is far too small; give a"
            + " value in the range this key takes",
        error("answers: -99999999999999999999\n"));
  }

  @Test
  void notANumberOrInfinityIsSaidInTheFilesWordsNotJacksons() {
    // From a probe: "Malformed numeric value '.nan'" and, in JSON, "Non-standard token 'NaN':
    // enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow", a library's switch.
    assertEquals(
        "test.yaml: key \"retrieval.b\": .nan is not a number; give a plain number such as 0.4",
        error("retrieval:\n  b: .nan\n"));
    assertEquals(
        "test.yaml: key \"retrieval.k1\": .inf is not a number; give a plain number such as 0.4",
        error("retrieval:\n  k1: .inf\n"));
    for (String bad : List.of("NaN", "Infinity", "-Infinity")) {
      String e =
          assertThrows(
                  ConfigException.class,
                  () ->
                      ConfigLoader.parse(
                          ("{\"retrieval\": {\"b\": " + bad + "}}")
                              .getBytes(StandardCharsets.UTF_8),
                          "my.json"))
              .getMessage();
      assertTrue(e.contains(bad + " is not a number; give a plain number such as 0.4"), e);
      assertFalse(e.contains("JsonReadFeature"), e);
    }
  }

  @Test
  void anAliasesOrGlossaryFileThatCannotBeUsedSaysWhyInWords() throws Exception {
    // From a probe: "cannot read /x (/x)" named the file twice and never why; a Latin-1 file said
    // "(Input length = 1)"; /dev/zero was read until the heap ran out.
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("aliases");
    java.nio.file.Path missing = dir.resolve("missing.txt");
    String m = error("retrieval:\n  aliases: " + missing + "\n");
    assertTrue(
        m.contains("retrieval.aliases: cannot read " + missing + " (no such file or folder)"), m);
    java.nio.file.Path latin1 =
        java.nio.file.Files.write(
            dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
    m = error("retrieval:\n  glossary: " + latin1 + "\n");
    assertTrue(
        m.contains("retrieval.glossary: cannot read " + latin1 + " (it is not UTF-8 text)"), m);
    java.nio.file.Path zero = java.nio.file.Path.of("/dev/zero");
    if (java.nio.file.Files.exists(zero)) {
      m = error("retrieval:\n  aliases: /dev/zero\n");
      assertTrue(m.contains("(it holds more than 1024 KB"), m);
    }
  }

  @Test
  void anEmptyFileMeansEveryDefault() {
    AppConfig c = parse("");
    assertEquals(3, c.answers());
    assertEquals("data", c.dataDir());
    assertEquals("TELEGRAM_BOT_TOKEN", c.telegram().tokenEnv());
    assertEquals(0.9, c.settings().k1());
  }

  @Test
  void aFileOfOnlyCommentsOrNullMeansEveryDefaultAsAnEmptyFileDoes() {
    // From a probe: "null" or "~" ended in a NullPointerException (exit 1), and a file whose
    // every line was commented out in "No content to map due to end-of-input".
    assertEquals(AppConfig.defaults(), parse("null\n"));
    assertEquals(AppConfig.defaults(), parse("~"));
    assertEquals(AppConfig.defaults(), parse("# answers: 5\n#retrieval:\n#  mode: bm25\n"));
  }

  @Test
  void anEmptyItemInATelegramListIsNamedNotANullPointerException() {
    assertEquals(
        "test.yaml: key \"telegram\": telegram.examples must be 1 to 8 non-empty questions",
        error("telegram:\n  examples: [~]\n"));
    String m = error("telegram:\n  adminIds: [1, ~]\n");
    assertTrue(m.contains("telegram.adminIds") && !m.contains("NullPointer"), m);
    m = error("telegram:\n  allowedChats: [~]\n");
    assertTrue(m.contains("telegram.allowedChats") && !m.contains("NullPointer"), m);
  }

  @Test
  void aSecondDocumentAfterTheFirstIsRejectedNotSilentlyIgnored() {
    // From a probe: "answers: 2\n---\nanswers: 5" answered with 2 quotes and said nothing, as
    // did a JSON object followed by another.
    String m = error("answers: 2\n---\nanswers: 5\n");
    assertTrue(m.startsWith("test.yaml: ") && m.contains("line 2") && m.contains("one"), m);
    // from the review: a closing "---", or one before comments only, starts no second document
    assertEquals(2, parse("answers: 2\n---\n").settings().topN());
    assertEquals(2, parse("answers: 2\n---\n# nothing more\n").settings().topN());
    m = error("{\"answers\": 2} {\"answers\": 5}");
    assertTrue(m.contains("line 1") && !m.contains("FAIL_ON"), m);
  }

  @Test
  void anEmptyCorpusIsAnErrorNamingTheKeyNotTheBundledSeeds() {
    // From a probe: "corpus: \"\"" (or "corpus: $CORPUS" with the variable unset) answered from the
    // seeds bundled in the jar and said nothing, where --corpus "" is a usage error.
    for (String yaml :
        new String[] {
          "corpus: \"\"\n", "corpus: \"  \"\n", "corpus:\n", "corpus: ~\n", "answers: 2\ncorpus:\n"
        }) {
      String m = error(yaml);
      assertTrue(m.startsWith("test.yaml: key \"corpus\" is empty"), yaml + " -> " + m);
      assertTrue(m.contains("leave the key out"), m);
    }
    String m =
        assertThrows(
                ConfigException.class,
                () ->
                    ConfigLoader.parse(
                        "{\"corpus\": \"\"}".getBytes(StandardCharsets.UTF_8), "c.json"))
            .getMessage();
    assertTrue(m.startsWith("c.json: key \"corpus\" is empty"), m);
    // left out, it is still the bundled seeds; a folder is taken as it is
    assertEquals("", parse("answers: 2\n").corpus());
    assertEquals("docs", parse("corpus: docs\n").corpus());
  }

  @Test
  void theBundledDefaultConfigurationStatesExactlyTheDefaults() {
    // The jar uses the defaults in code without parsing the bundled file; they must not differ.
    assertEquals(AppConfig.defaults(), ConfigLoader.load(null));
    assertEquals(
        AppConfig.defaults(),
        ConfigLoader.load(java.nio.file.Path.of("..", "config", "astana-qa.yaml")));
  }

  @Test
  void readsJsonAsWellAsYaml() {
    AppConfig c = parse("{\"answers\": 5, \"retrieval\": {\"b\": 0.75}}");
    assertEquals(5, c.settings().topN());
    assertEquals(0.75, c.settings().b());
  }

  /**
   * From a probe: a .json file with a comma after its last entry was taken silently (the YAML
   * parser reads it as a flow mapping), and every other program that reads the file fails on it.
   */
  @Test
  void aJsonFileThatIsNotValidJsonIsRejectedWithItsLine() {
    byte[] trailing = "{\n  \"answers\": 5,\n}\n".getBytes(StandardCharsets.UTF_8);
    String m =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse(trailing, "my.json"))
            .getMessage();
    assertTrue(m.startsWith("my.json: not valid JSON at line 3: "), m);
    assertTrue(m.contains("name it .yaml"), m);
    byte[] comment = "{\"answers\": 5} # five\n".getBytes(StandardCharsets.UTF_8);
    m =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse(comment, "C.JSON"))
            .getMessage();
    assertTrue(m.startsWith("C.JSON: not valid JSON at line 1: "), m);
    // valid JSON still loads, as does the same text in a YAML file, where the comma is allowed
    assertEquals(
        5,
        ConfigLoader.parse("{\"answers\": 5}".getBytes(StandardCharsets.UTF_8), "my.json")
            .answers());
    assertEquals(5, ConfigLoader.parse(trailing, "my.yaml").answers());
  }

  /**
   * From a probe: "dataDir: ~/astana" made a folder named "~" in the working folder (one rm -rf ~
   * away from the home folder), and "corpus: ~/docs" was said not to exist as "/work/~/docs".
   */
  @Test
  void aLeadingTildeInAPathIsTheHomeFolder() {
    String home = System.getProperty("user.home");
    AppConfig c = parse("corpus: ~/docs\ndataDir: ~/astana\nindex: \"~\"\n");
    assertEquals(home + "/docs", c.corpus());
    assertEquals(home + "/astana", c.dataDir());
    assertEquals(home, c.index());
    // only a leading one, alone or before a slash: another user's home is not looked up
    AppConfig other = parse("corpus: docs/~/x\ndataDir: ~bob/data\n");
    assertEquals("docs/~/x", other.corpus());
    assertEquals("~bob/data", other.dataDir());
  }

  @Test
  void anUnknownKeyIsRejectedByName() {
    String m = error("retrieval:\n  k2: 1.0\n");
    assertTrue(m.contains("test.yaml") && m.contains("\"retrieval.k2\""), m);
    assertTrue(m.contains("k1"), "lists the known keys: " + m);
  }

  @Test
  void aWrongTypeNamesTheKey() {
    String m = error("answers: many\n");
    assertTrue(m.contains("\"answers\""), m);
  }

  @Test
  void anUnknownModeOrModelIsRejectedWithTheChoices() {
    assertEquals(
        "test.yaml: retrieval.mode: unknown retrieval mode 'fast'; use bm25 or hybrid",
        error("retrieval:\n  mode: fast\n"));
    String m = error("retrieval:\n  model: gpt-4\n");
    assertTrue(
        m.startsWith(
            "test.yaml: retrieval.model: unknown embedding model 'gpt-4'; known: bge-small-en-v1.5-q"),
        m);
    assertTrue(error("retrieval:\n  denseWeight: 2\n").contains("denseWeight must be in [0, 1]"));
    assertTrue(
        error("retrieval:\n  minConfidence: 1.5\n").contains("minConfidence must be in [0, 1]"));
    assertEquals(0.7, parse("retrieval:\n  minConfidence: 0.7\n").settings().minConfidence());
    assertEquals(Mode.BM25, parse("retrieval:\n  mode: bm25\n").mode());
    assertEquals(AppConfig.DEFAULT_MODE, parse("").mode());
  }

  @Test
  void zeroOrNegativeLimitsAreRejected() {
    assertTrue(error("answers: 0\n").contains("answers must be between 1 and 20"));
    assertTrue(error("retrieval:\n  minCoverage: -1\n").contains("minCoverage"));
    assertTrue(error("retrieval:\n  candidates: 1\n").contains("candidates"));
  }

  @Test
  void anOlderFileWithMinSimilarityStillLoads() {
    assertEquals(Mode.HYBRID, parse("retrieval:\n  minSimilarity: 0.5\n").mode());
  }

  @Test
  void anAliasFileAddsItsGroupsAndAMissingOneIsNamed(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("aliases.txt");
    java.nio.file.Files.writeString(file, "# comment\nUN, United Nations\nlonely\n");
    String yaml = "retrieval:\n  aliases: " + file + "\n";
    assertEquals(
        java.util.List.of(java.util.List.of("UN", "United Nations")),
        parse(yaml).settings().aliasGroups());
    String m = error("retrieval:\n  aliases: " + dir.resolve("missing.txt") + "\n");
    assertTrue(m.contains("retrieval.aliases: cannot read"), m);
  }

  @Test
  void aKeyGivenTwiceIsRejectedNotSilentlyTakenFromItsLastLine() {
    String m = error("dataDir: /work/a\nanswers: 3\ndataDir: /tmp/b\n");
    assertTrue(m.contains("test.yaml") && m.contains("dataDir"), m);
  }

  @Test
  void errorsDoNotSpeakOfJacksonsInternals() {
    for (String yaml : List.of("answers: 3.5\n", "retrieval: [unclosed\n", "retrieval: [1, 2]\n")) {
      String m = error(yaml);
      assertTrue(m.contains("test.yaml"), m);
      for (String internal : List.of("CoercionConfig", "JsonToken", "org.astanaqa", "$")) {
        assertFalse(m.contains(internal), yaml + " -> " + m);
      }
    }
  }

  @Test
  void aValueOfTheWrongKindSaysWhatWasExpectedAndWhatWasFound() {
    // was: "Cannot construct instance of a group of keys (although at least one Creator exists):
    // no int/Int-argument constructor/factory method to deserialize from Number value (5)"
    assertEquals(
        "test.yaml: key \"retrieval\": wrong type: expected a group of keys, found the number 5",
        error("retrieval: 5\n"));
    assertEquals(
        "test.yaml: key \"telegram.examples\": wrong type: expected a list, found text \"Who?\"",
        error("telegram:\n  examples: Who?\n"));
    assertEquals(
        "test.yaml: key \"answers\": wrong type: expected a whole number, found a list",
        error("answers: [3]\n"));
    // a number of the wrong kind is named as the other numbers are ("found 1.5" before)
    assertEquals(
        "test.yaml: key \"answers\": wrong type: expected a whole number, found the number 1.5",
        error("answers: 1.5\n"));
  }

  /**
   * Text where a number or a yes/no belongs, or a number for a yes/no, is a value of the wrong
   * type: Jackson converted "2" to 2 and 1 to true, though the README says such a value is rejected
   * with its name (a helper's probe, thirty-third session).
   */
  @Test
  void textForANumberOrAYesNoAndANumberForAYesNoAreOfTheWrongType() {
    for (String[] c :
        new String[][] {
          {"answers: \"2\"\n", "\"answers\""},
          {"retrieval:\n  minConfidence: \"0.5\"\n", "\"retrieval.minConfidence\""},
          {"retrieval:\n  directAnswers: \"true\"\n", "\"retrieval.directAnswers\""},
          {"retrieval:\n  watch: 1\n", "\"retrieval.watch\""}
        }) {
      String m = error(c[0]);
      assertTrue(m.contains(c[1]) && m.contains("wrong type"), c[0] + " -> " + m);
    }
    assertEquals(2, parse("answers: 2\n").settings().topN());
  }

  @Test
  void aFileThatIsNotUtf8SaysSoAndHowToSaveIt() {
    // was: "not valid YAML/JSON at line 1: java.io.CharConversionException: Invalid UTF-8 start
    // byte 0xff (at char #1, byte #-1)"
    byte[] utf16 = "answers: 2\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] notepad = new byte[utf16.length + 2];
    notepad[0] = (byte) 0xff;
    notepad[1] = (byte) 0xfe;
    System.arraycopy(utf16, 0, notepad, 2, utf16.length);
    assertEquals(
        "test.yaml: the file is UTF-16 text; save it as UTF-8",
        assertThrows(ConfigException.class, () -> ConfigLoader.parse(notepad, "test.yaml"))
            .getMessage());
    byte[] latin1 = "answers: 2\ncorpus: /srv/caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(
        "test.yaml: line 2 is not UTF-8 text; save the file as UTF-8",
        assertThrows(ConfigException.class, () -> ConfigLoader.parse(latin1, "test.yaml"))
            .getMessage());
    // a byte-order mark before UTF-8 text is fine
    byte[] bom = ("\ufeffanswers: 2\n").getBytes(StandardCharsets.UTF_8);
    assertEquals(2, ConfigLoader.parse(bom, "test.yaml").settings().topN());
  }

  @Test
  void malformedYamlSaysWhere() {
    String m = error("answers: [1,\n");
    assertTrue(m.contains("test.yaml"), m);
  }

  @Test
  void yamlThatDoesNotParseIsSaidAtItsOwnLineNotAsAKeyOfTheWrongType() {
    // From a probe: a key indented one space too far was "key "retrieval.k1": wrong type: expected
    // a number", of a k1 whose 1 was right; the binding failed before the parser reached the error
    String m = error("answers: 3\nretrieval:\n  k1: 1\n    b: 0.4\n");
    assertTrue(m.contains("not valid YAML at line 4, column 6: mapping values are not allowed"), m);
    assertFalse(m.contains("wrong type"), m);
    m = error("answers: 3\nretrieval: mode: bm25\n");
    assertTrue(m.contains("not valid YAML at line 2"), m);
    assertFalse(m.contains("wrong type"), m);
    // a tab that indents was said to be a line early ("at line 1" of a tab on line 2)
    m = error("answers: 3\nretrieval:\n\tk1: 1\n");
    assertTrue(m.startsWith("test.yaml: not valid YAML at line 3, column 1"), m);
    assertTrue(m.contains("spaces, no tabs"), m);
    // a quote never closed is said where it opens, not only at the end of the file
    m = error("answers: 3\nretrieval:\n  mode: \"bm25\n  k1: 1\n");
    assertTrue(m.contains("the quoted scalar begun at line 3, column 9 is never closed"), m);
    assertFalse(m.contains("'reader'"), m);
  }

  @Test
  void aYamlAliasIsRefusedByNameNotReadAsTheTextOfItsName() {
    // From a probe: "answers: *n" after "n: &n 3" said "expected a whole number" of a 3, and
    // "telegram: *t" said it had "found text "t"": the parser gives an alias as its name
    String m = error("n: &n 3\nanswers: *n\n");
    assertTrue(m.contains("line 2: *n is a YAML alias"), m);
    assertTrue(m.contains("write the value out"), m);
    m = error("retrieval: &r\n  k1: 1.2\ntelegram: *r\n");
    assertTrue(m.contains("line 3: *r is a YAML alias"), m);
    // an anchor that no alias uses is harmless
    assertEquals(2, parse("answers: &a 2\n").settings().topN());
  }

  @Test
  void theTokenEnvironmentVariableMustBeAName() {
    assertTrue(error("telegram:\n  tokenEnv: \"123:abc\"\n").contains("tokenEnv"));
  }
}
