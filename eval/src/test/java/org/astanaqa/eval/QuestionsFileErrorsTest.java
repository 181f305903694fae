package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad line of a questions file is named with what it should hold, not Jackson's class names. */
class QuestionsFileErrorsTest {
  @TempDir Path dir;

  private String error(String line) throws Exception {
    Path file = Files.writeString(dir.resolve("q.jsonl"), line + "\n");
    return assertThrows(IllegalArgumentException.class, () -> EvalQuestion.readJsonl(file))
        .getMessage()
        .substring(file.toString().length() + 1);
  }

  @Test
  void aFieldOfTheWrongKindSaysWhatWasExpectedAndWhatWasFound() throws Exception {
    // was: "Cannot construct instance of `java.util.ArrayList` (although at least one Creator
    // exists): no String-argument constructor/factory method to deserialize from String value"
    assertEquals(
        "line 1: \"expect\": expected a list, found text \"Russia\"",
        error("{\"q\": \"Who?\", \"expect\": \"Russia\"}"));
    // was: "Cannot deserialize value of type `int` from String \"a\": not a valid `int` value"
    assertEquals(
        "line 1: \"group\": expected a whole number, found text \"a\"",
        error("{\"q\": \"Who?\", \"expect\": [\"Russia\"], \"group\": \"a\"}"));
    assertEquals("line 1: expected an object, found a list", error("[\"Who?\"]"));
  }

  /**
   * From a probe: a questions file saved with a byte-order mark (Notepad, PowerShell) failed on its
   * first line with "not JSON: Unexpected character ('\uFEFF' (code 65279 / 0xfeff))", where {@code
   * ask} reads the same mark on standard input as what it is.
   */
  @Test
  void aByteOrderMarkBeforeTheFirstLineIsReadAsOne() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bom.jsonl"), "\uFEFF{\"q\": \"Who?\", \"expect\": [\"Russia\"]}\n");
    assertEquals("Who?", EvalQuestion.readJsonl(file).get(0).q());
  }

  @Test
  void anUnclosedLineIsNotJsonWithoutJacksonsSourceDump() throws Exception {
    // was: "... (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
    // disabled); line: 1, column: 1])"
    assertEquals(
        "line 1: not JSON: Unexpected end-of-input: expected close marker for Object",
        error("{\"q\": \"Who?\", \"expect\": [\"Russia\"]"));
  }
}
