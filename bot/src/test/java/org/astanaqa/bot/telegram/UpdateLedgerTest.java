package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateLedgerTest {
  @TempDir Path dir;

  @Test
  void outOfOrderCompletionKeepsTheWatermarkBelowUnfinishedUpdates() {
    UpdateLedger l = UpdateLedger.load(dir.resolve("offset"));
    assertEquals(1, l.nextOffset());
    assertTrue(l.begin(5));
    assertTrue(l.begin(6));
    assertTrue(l.begin(7));
    l.done(7);
    l.done(6);
    assertEquals(1, l.nextOffset(), "5 is still being answered");
    l.done(5);
    assertEquals(8, l.nextOffset());
  }

  @Test
  void duplicatesAndAnsweredUpdatesAreRefused() {
    UpdateLedger l = UpdateLedger.load(dir.resolve("offset"));
    assertTrue(l.begin(10));
    assertFalse(l.begin(10), "in flight");
    l.done(10);
    assertFalse(l.begin(10), "answered");
    assertFalse(l.begin(3), "below the watermark");
  }

  @Test
  void aRestartRemembersWhatWasAnsweredAboveTheWatermark() {
    Path file = dir.resolve("offset");
    UpdateLedger l = UpdateLedger.load(file);
    l.begin(1);
    l.begin(2);
    l.done(2); // 1 never finished: the process died
    UpdateLedger after = UpdateLedger.load(file);
    assertEquals(1, after.nextOffset());
    assertTrue(after.begin(1), "the unfinished update is answered after the restart");
    assertFalse(after.begin(2), "the finished one is not answered again");
  }

  @Test
  void aDamagedFileStartsAfresh() throws Exception {
    Path file = Files.writeString(dir.resolve("offset"), "not a number\n");
    assertEquals(1, UpdateLedger.load(file).nextOffset());
  }
}
