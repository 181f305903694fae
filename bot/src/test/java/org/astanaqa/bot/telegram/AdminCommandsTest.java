package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandsTest {
  @TempDir Path data;

  private AdminCommands admin(AdminCommands.Reindexer reindexer) throws Exception {
    return new AdminCommands(
        () -> null,
        new BotStats(),
        FeedbackStore.open(data.resolve(FeedbackStore.FILE)),
        reindexer);
  }

  /**
   * A stop's interrupt that reaches a /reindex (Lucene's writer wraps it) is no failure: the
   * journal runs the /reindex again after the restart. It was logged as an ERROR with its stack
   * trace, "reindex failed", which sent whoever reads the log looking for a fault that was not
   * there.
   */
  @Test
  void aReindexStoppedByTheBotsStopIsNoError() throws Exception {
    AdminCommands admin =
        admin(
            () -> {
              Thread.currentThread().interrupt();
              throw new org.apache.lucene.util.ThreadInterruptedException(
                  new InterruptedException());
            });
    try (LogCapture logs = new LogCapture()) {
      String reply = admin.reindex();
      assertEquals(List.of(), logs.atLeast(Level.ERROR), "no ERROR for a stop");
      assertTrue(reply.contains("old index is still in use"), reply);
      assertTrue(Thread.interrupted(), "the interrupt is kept for the stop to see");
    }
  }

  @Test
  void aReindexThatFailsIsAnErrorAndSaysWhy() throws Exception {
    AdminCommands admin =
        admin(
            () -> {
              throw new java.io.IOException("disk full");
            });
    try (LogCapture logs = new LogCapture()) {
      String reply = admin.reindex();
      assertFalse(logs.atLeast(Level.ERROR).isEmpty(), "a real failure stays an ERROR");
      assertTrue(reply.contains("disk full"), reply);
      assertFalse(Thread.currentThread().isInterrupted());
    }
  }
}
