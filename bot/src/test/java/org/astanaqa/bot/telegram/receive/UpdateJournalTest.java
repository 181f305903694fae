package org.astanaqa.bot.telegram.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.astanaqa.bot.telegram.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateJournalTest {
  @TempDir Path dir;

  private static UpdateJournal.Entry entry(long id, long chat) {
    return new UpdateJournal.Entry(
        id, chat, "{\"update_id\":" + id + ",\"message\":{\"text\":\"q\\nline\"}}");
  }

  @Test
  void whatWasReceivedAndNotAnsweredComesBackAfterARestartInOrder() {
    Path file = dir.resolve("journal");
    try (UpdateJournal j = UpdateJournal.open(file)) {
      j.received(-1, List.of(entry(7, 1), entry(5, 2), entry(9, 1)));
      j.done(5);
    }
    // No close here: as after kill -9.
    UpdateJournal j = UpdateJournal.open(file);
    assertEquals(List.of(7L, 9L), j.pending().stream().map(UpdateJournal.Entry::id).toList());
    assertEquals(
        "{\"update_id\":7,\"message\":{\"text\":\"q\\nline\"}}", j.pending().get(0).json());
    j.received(10, List.of(entry(10, 3)));
    j.done(7);
    UpdateJournal after = UpdateJournal.open(file);
    assertEquals(List.of(9L, 10L), after.pending().stream().map(UpdateJournal.Entry::id).toList());
  }

  @Test
  void anUpdateSentAgainIsKnownUntilAPollConfirmsIt() {
    try (UpdateJournal j = UpdateJournal.open(dir.resolve("journal"))) {
      j.received(-1, List.of(entry(100, 1), entry(101, 1)));
      j.done(100);
      j.done(101);
      assertTrue(
          j.isKnown(100) && j.isKnown(101),
          "Telegram may send them again until an offset passes them");
      UpdateJournal again = UpdateJournal.open(dir.resolve("journal"));
      assertTrue(again.isKnown(101), "also after a restart");
      j.received(102, List.of());
      j.confirmed(102);
      assertFalse(j.isKnown(101), "confirmed: Telegram forgot it, so the set stays small");
    }
  }

  @Test
  void idsBeyondAnIntAreKeptExactly() {
    long big = 99_999_999_999L;
    try (UpdateJournal j = UpdateJournal.open(dir.resolve("journal"))) {
      j.received(-1, List.of(entry(big, -1001234567890L)));
    }
    UpdateJournal j = UpdateJournal.open(dir.resolve("journal"));
    assertEquals(big, j.pending().get(0).id());
    assertEquals(-1001234567890L, j.pending().get(0).chat());
  }

  @Test
  void aTornLastLineIsSkippedAndTheRestKept() throws Exception {
    Path file = dir.resolve("journal");
    try (UpdateJournal j = UpdateJournal.open(file)) {
      j.received(-1, List.of(entry(1, 1), entry(2, 1)));
    }
    Files.writeString(
        file,
        "R 3 1 {\"update_id\":3,\"mess",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    UpdateJournal j = UpdateJournal.open(file);
    assertEquals(List.of(1L, 2L), j.pending().stream().map(UpdateJournal.Entry::id).toList());
  }

  @Test
  void theFileStaysBoundedWhateverTheBotsAge() throws Exception {
    Path file = dir.resolve("journal");
    try (UpdateJournal j = UpdateJournal.open(file)) {
      long id = 1;
      long maxSize = 0;
      for (int batch = 0; batch < 300; batch++) {
        List<UpdateJournal.Entry> b = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          b.add(entry(id++, i));
        }
        j.received(b.get(0).id(), b);
        b.forEach(e -> j.done(e.id()));
        maxSize = Math.max(maxSize, Files.size(file));
      }
      // 30,000 updates answered: the file never held more than COMPACT_EVERY records or so.
      assertTrue(maxSize < UpdateJournal.COMPACT_EVERY * 80L, maxSize + " bytes");
      System.out.printf(
          "journal: 30,000 updates in 300 batches, largest file %d KB, mean write %.1f us%n",
          maxSize / 1024, j.meanWriteMicros());
    }
    assertTrue(
        Files.size(file) < 2_000,
        "closed: only the last batch's ids remain, " + Files.size(file) + " bytes");
  }

  @Test
  void aWriteFailureIsAnErrorAtOnceAndTheStateIsWrittenWhenItWorksAgain() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("data"));
    Path file = folder.resolve("journal");
    try (LogCapture logs = new LogCapture();
        UpdateJournal j = UpdateJournal.open(file)) {
      j.received(-1, List.of(entry(1, 1)));
      // The data folder disappears and a file takes its place: every write fails from now on.
      Files.delete(file);
      Files.delete(folder);
      Files.writeString(folder, "not a folder");
      j.done(1); // through the open channel, which may still work on the unlinked file
      j.received(2, List.of(entry(2, 1), entry(3, 2)));
      assertTrue(
          logs.atLeast(Level.ERROR).stream()
              .anyMatch(l -> l.contains("cannot write the update journal")),
          logs.atLeast(Level.WARN).toString());
      assertEquals(2, j.pendingCount(), "kept in memory");
      Files.delete(folder);
      j.done(2); // writable again: the whole state is written
      assertTrue(logs.atLeast(Level.INFO).stream().anyMatch(l -> l.contains("writable again")));
    }
    UpdateJournal j = UpdateJournal.open(file);
    assertEquals(List.of(3L), j.pending().stream().map(UpdateJournal.Entry::id).toList());
  }
}
