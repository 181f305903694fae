package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void aFieldGivenTwiceOnALineIsNamedNotSilentlyTakenFromItsLast() throws Exception {
    // From a probe: {"q": "a", "q": "Who were the guarantors?", ...} ran the second question and
    // said nothing of the first; a line edited by hand (a key pasted again) lost a question unseen
    assertEquals(
        "line 1: \"q\" is given twice: write each field once",
        error("{\"q\": \"When?\", \"q\": \"Who?\", \"expect\": [\"Russia\"]}"));
    assertEquals(
        "line 1: \"expect\" is given twice: write each field once",
        error("{\"q\": \"Who?\", \"expect\": [\"Russia\"], \"expect\": [\"Iran\"]}"));
  }

  @Test
  void anUnclosedLineIsNotJsonWithoutJacksonsSourceDump() throws Exception {
    // was: "... (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
    // disabled); line: 1, column: 1])"
    assertEquals(
        "line 1: not JSON: Unexpected end-of-input: expected close marker for Object",
        error("{\"q\": \"Who?\", \"expect\": [\"Russia\"]"));
  }

  /**
   * From a probe: what a line held after its question's object (a second question pasted onto the
   * same line, a stray brace) was dropped without a word, so that question was never asked.
   */
  @Test
  void aSecondQuestionOnTheSameLineIsAnErrorNotDropped() throws Exception {
    assertEquals(
        "line 1: more after the question's object: write one question a line",
        error(
            "{\"q\": \"Who?\", \"expect\": [\"Russia\"]} {\"q\": \"When?\", \"expect\": [\"2017\"]}"));
  }

  /**
   * From a probe: a misspelt field ({@code "doc"} for {@code "docs"}, {@code "shortAlternative"})
   * was ignored, so the question was judged against any document, or without its other answers.
   */
  @Test
  void aFieldNoQuestionHasIsNamedWithTheFieldsThereAre() throws Exception {
    String e = error("{\"q\": \"Who?\", \"expect\": [\"Russia\"], \"doc\": [\"004\"]}");
    assertTrue(e.startsWith("line 1: \"doc\" is not a field of a question (the fields are: "), e);
    assertTrue(e.contains("docs, expect,"), e);
    // the exported feedback's own field is read (and left aside) as before
    Path file =
        Files.writeString(
            dir.resolve("f.jsonl"),
            "{\"q\": \"Who?\", \"expect\": [\"Russia\"], \"feedback\": {\"thumbsDown\": 1}}\n");
    assertEquals("Who?", EvalQuestion.readJsonl(file).get(0).q());
  }

  /**
   * A misspelt field is named also when the line, read without it, breaks another rule: {@code
   * "expected"} for {@code "expect"} was reported as "\"expect\" and \"docs\" are both empty",
   * which sent the writer looking for a missing answer the line holds.
   */
  @Test
  void aMisspeltFieldIsNamedWhenTheLineWithoutItBreaksAnotherRule() throws Exception {
    String e = error("{\"q\": \"Who?\", \"expected\": [\"Russia\"]}");
    assertTrue(
        e.startsWith(
            "line 1: \"expected\" is not a field of a question (the fields are: after, docs,"
                + " expect,"),
        e);
    assertTrue(e.endsWith("reply, short, shortAlternatives, variantOf)"), e);
    e = error("{\"q\": \"Who?\", \"doc\": [\"004\"]}");
    assertTrue(e.startsWith("line 1: \"doc\" is not a field of a question"), e);
    // a line that breaks a rule with known fields only is told of that rule
    assertTrue(error("{\"q\": \"Who?\"}").contains("\"expect\" and \"docs\" are both empty"));
  }

  /**
   * From a probe: {@code "expect": [""]} is found in every quote, so any answer counted right, and
   * {@code "expect": [null]} stopped the run with "problem: java.lang.NullPointerException".
   */
  @Test
  void anEmptyOrNullExpectedStringOrAnEmptyQuestionIsAnError() throws Exception {
    assertEquals(
        "line 1: \"expect\" holds an empty string, which every quote holds: write the words a"
            + " right quote holds",
        error("{\"q\": \"Who?\", \"expect\": [\"\"]}"));
    assertEquals(
        "line 1: \"expect\" holds a null: write the words a right quote holds as strings",
        error("{\"q\": \"Who?\", \"expect\": [null]}"));
    assertEquals(
        "line 1: \"docs\" holds a null: write the documents' ids as strings",
        error("{\"q\": \"Who?\", \"docs\": [null]}"));
    assertEquals(
        "line 1: \"q\" is empty: write the question",
        error("{\"q\": \" \", \"expect\": [\"Russia\"]}"));
  }

  /**
   * From a probe: in a file with one two-turn exchange, the lines without "after" were dropped
   * without a word (the file was run as exchanges only); a misspelt kind ("followupp") was counted
   * as a follow-up, and an empty first turn was asked.
   */
  @Test
  void aTwoTurnFileHoldsOnlyExchangesOfAKnownKindWithAFirstTurn() throws Exception {
    assertEquals(
        "line 2: no \"after\", where line 1 has one: a questions file holds either single questions"
            + " or two-turn exchanges (with \"after\"); put these in two files",
        error(
            "{\"q\": \"when was it signed?\", \"after\": \"What is the memorandum?\","
                + " \"kind\": \"followup\", \"expect\": [\"17 september\"]}\n"
                + "{\"q\": \"Who leads?\", \"expect\": [\"lavrentyev\"]}"));
    assertEquals(
        "line 1: \"kind\" of a two-turn exchange is followup or standalone, not \"followupp\"",
        error(
            "{\"q\": \"when?\", \"after\": \"What is it?\", \"kind\": \"followupp\","
                + " \"expect\": [\"x\"]}"));
    assertEquals(
        "line 1: \"after\" is empty: write the first turn, or leave \"after\" out",
        error("{\"q\": \"when?\", \"after\": \" \", \"expect\": [\"x\"]}"));
  }

  /**
   * From a probe: "group": 3.7 was read as group 3 and "group": -1 put an odd group in the test
   * half, each question in a part its writer did not mean.
   */
  @Test
  void aGroupIsAWholeNumberFromZero() throws Exception {
    assertEquals(
        "line 1: \"group\": expected a whole number, found the number 3.7",
        error("{\"q\": \"Who?\", \"expect\": [\"Russia\"], \"group\": 3.7}"));
    assertEquals(
        "line 1: \"group\" is -1: a group is 0 (a set not split) or more, odd for the tune half and"
            + " even for the test half",
        error("{\"q\": \"Who?\", \"expect\": [\"Russia\"], \"group\": -1}"));
  }
}
