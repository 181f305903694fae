package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.astanaqa.bot.logging.ChatTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The versions of edited questions the bot acted on, kept in {@code <dataDir>/telegram-edits}. */
class QuestionEditsTest {
  private static final String TEXT = "When did the Astana talks resume in 2017?";

  @TempDir Path data;

  private QuestionEdits open() {
    return QuestionEdits.open(data, ChatTag.of(data));
  }

  private Path file() {
    return data.resolve(QuestionEdits.FILE);
  }

  /**
   * A version acted on is known after a restart (the store not closed, as after a kill -9: each one
   * is forced to the device as it comes); another text is another version. A later edit date with
   * the same text (an edit of the formatting alone) is none: actedOn takes no date, so that is
   * shown where the date comes in
   * (TelegramUnkindRulesTest.aFormattingOnlyEditOfAnEditedQuestionAfterARestartGetsNoSecondAnswer).
   * The file names no chat id and holds no text.
   */
  @Test
  void aVersionActedOnIsKnownAfterARestartAndNothingButHashesIsWritten() throws Exception {
    open().acted(123456789L, 10, 1_700_000_000, TEXT);
    QuestionEdits after = open();
    assertTrue(after.actedOn(123456789L, 10, TEXT));
    assertFalse(after.actedOn(123456789L, 10, TEXT + "!"), "another text");
    assertFalse(after.actedOn(123456789L, 11, TEXT), "another message");
    assertFalse(after.actedOn(42L, 10, TEXT), "another chat");
    String kept = Files.readString(file());
    assertEquals(1, kept.lines().count());
    assertFalse(kept.contains("123456789"), kept);
    assertFalse(kept.contains("Astana"), kept);
    after.acted(123456789L, 10, 1_700_000_000, TEXT);
    assertEquals(
        1, Files.readString(file()).lines().count(), "a version kept is not written again");
  }

  @Test
  void aLineTornByACrashIsSkippedAndTheNextVersionStartsOnANewLine() throws Exception {
    open().acted(42L, 10, 1_700_000_000, TEXT);
    Files.writeString(
        file(), "0123456789ab 11 17000", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    QuestionEdits after;
    try (LogCapture logs = new LogCapture()) {
      after = open();
      assertTrue(
          logs.atLeast(Level.WARN).stream().anyMatch(l -> l.contains("1 unreadable line")),
          logs.atLeast(Level.WARN).toString());
    }
    assertTrue(after.actedOn(42L, 10, TEXT));
    after.acted(42L, 12, 1_700_000_100, TEXT);
    assertTrue(open().actedOn(42L, 12, TEXT), "written whole, after the torn line");
  }

  /**
   * The last {@value QuestionEdits#KEPT} messages are kept: the file is rewritten with those once
   * it holds twice as many lines, at a start or as a version is added.
   */
  @Test
  void theFileIsRewrittenWithTheLastMessagesOnceItHoldsTwiceAsMany() throws Exception {
    open().acted(42L, 1, 1_700_000_000, TEXT); // a line of the right form, to copy
    String line = Files.readString(file()).strip();
    String[] p = line.split(" ");
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 2 * QuestionEdits.KEPT; i++) {
      sb.append(p[0]).append(' ').append(i).append(' ').append(p[2]).append(' ').append(p[3]);
      sb.append('\n');
    }
    Files.writeString(file(), sb.toString(), StandardCharsets.UTF_8);
    QuestionEdits edits = open();
    assertEquals(2 * QuestionEdits.KEPT, Files.readString(file()).lines().count(), "not yet");
    edits.acted(42L, 2 * QuestionEdits.KEPT + 1, 1_700_000_000, TEXT);
    List<String> kept = Files.readString(file()).lines().toList();
    assertEquals(QuestionEdits.KEPT, kept.size());
    QuestionEdits after = open();
    assertTrue(after.actedOn(42L, 2 * QuestionEdits.KEPT + 1, TEXT), "the newest");
    assertTrue(after.actedOn(42L, QuestionEdits.KEPT + 2, TEXT));
    assertFalse(after.actedOn(42L, QuestionEdits.KEPT + 1, TEXT), "the oldest gone");
    after.acted(42L, 5, 1_700_000_000, TEXT);
    assertEquals(QuestionEdits.KEPT + 1, Files.readString(file()).lines().count(), "appended");
  }

  @Test
  void aDataFolderThatCannotBeWrittenKeepsTheVersionsInMemoryAndSaysSoOnce() throws Exception {
    Path notADir = Files.writeString(data.resolve("file"), "x");
    QuestionEdits edits = QuestionEdits.open(notADir, ChatTag.of(data));
    try (LogCapture logs = new LogCapture()) {
      edits.acted(42L, 10, 1_700_000_000, TEXT);
      edits.acted(42L, 11, 1_700_000_000, TEXT);
      assertEquals(1, logs.atLeast(Level.WARN).size(), logs.atLeast(Level.WARN).toString());
    }
    assertTrue(edits.actedOn(42L, 10, TEXT), "kept in memory");
    assertTrue(edits.actedOn(42L, 11, TEXT));
  }
}
