package org.astanaqa.bot.telegram.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review 7: "a torn last journal line (a crash mid-write): skipped" held only for a line torn
 * between two ASCII characters. The bot answers Russian questions, and the journal keeps each
 * update's JSON as UTF-8 (Cyrillic is two bytes a letter): a line torn inside a letter is not valid
 * UTF-8, {@code Files.readAllLines} threw MalformedInputException for the whole file, and the
 * journal was set aside as unreadable with every unanswered update in it.
 */
class TornUtf8JournalTest {
  @TempDir Path dir;

  private static UpdateJournal.Entry russian(long id, long chat) {
    return new UpdateJournal.Entry(
        id,
        chat,
        "{\"update_id\":"
            + id
            + ",\"message\":{\"message_id\":"
            + id
            + ",\"date\":1700000000,\"chat\":{\"id\":"
            + chat
            + ",\"type\":\"private\"},\"text\":\"Когда подписан меморандум?\"}}");
  }

  @Test
  void aLineTornInsideACyrillicLetterIsSkippedAndTheRestKept() throws Exception {
    Path file = dir.resolve("journal");
    try (UpdateJournal j = UpdateJournal.open(file)) {
      j.received(-1, List.of(russian(1, 1), russian(2, 2)));
    }
    // kill -9 (or a full disk) in the middle of the next batch's line, inside the "К" (D0 9A)
    byte[] line = ("R 3 3 " + russian(3, 3).json() + "\n").getBytes(StandardCharsets.UTF_8);
    int cut = new String(line, StandardCharsets.ISO_8859_1).indexOf('\u00d0') + 1;
    Files.write(file, Arrays.copyOf(line, cut), StandardOpenOption.APPEND);
    UpdateJournal j = UpdateJournal.open(file);
    assertEquals(
        List.of(1L, 2L),
        j.pending().stream().map(UpdateJournal.Entry::id).toList(),
        "the two unanswered questions before the torn line");
  }
}
