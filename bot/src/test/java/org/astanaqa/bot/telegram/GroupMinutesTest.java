package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.bot.telegram.send.Throttle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file of a group's messages of the last minute, on a wall clock a test sets. */
class GroupMinutesTest {
  private static final long GROUP = -1001234567890L;
  private static final long HOUR = 3_600_000L;

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final UpdateHandlerTest.FakeClock clock = new UpdateHandlerTest.FakeClock(nanos);
  private final AtomicLong wall = new AtomicLong(1_765_000_000_000L);

  /**
   * The wall clock was set back an hour between two runs (an NTP correction, a host restored from a
   * snapshot): the lines the run before wrote are an hour "in the future". They count as just sent
   * once, as documented; before, they were written back with their future time at every start, so
   * each restart within that hour counted them as just sent again, and the group waited a minute
   * after every restart though it had been sent nothing for long.
   */
  @Test
  void linesFromBeforeTheWallClockWasSetBackCountOnceNotAtEveryRestart(@TempDir Path data)
      throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      lines.append("g ").append(GROUP).append(' ').append(wall.get() + HOUR + i).append('\n');
    }
    Files.writeString(data.resolve(GroupMinutes.FILE), lines);
    Throttle first = new Throttle(1, 20, 30, clock);
    try (GroupMinutes g = GroupMinutes.open(data, first, wall::get)) {
      assertTrue(first.chatTurnIn(GROUP, true) > 0, "counted as just sent, once");
    }
    wall.addAndGet(120_000); // restarted two minutes later, nothing sent meanwhile
    nanos.addAndGet(120_000_000_000L);
    Throttle second = new Throttle(1, 20, 30, clock);
    try (GroupMinutes g = GroupMinutes.open(data, second, wall::get)) {
      assertEquals(0, second.chatTurnIn(GROUP, true), "the group has been sent nothing for 2 min");
    }
  }

  /**
   * The wall clock set back while the bot runs: the lines before it stand "in the future" at the
   * head of what a compaction keeps. Before, they were never dropped, nor was anything behind them,
   * so memory and the file kept every group message until the clock caught up (an hour of them).
   */
  @Test
  void aWallClockSetBackWhileRunningDoesNotKeepEveryLineSince(@TempDir Path data) throws Exception {
    Throttle throttle = new Throttle(1, 20, 30, clock);
    try (GroupMinutes g = GroupMinutes.open(data, throttle, wall::get)) {
      g.sent(GROUP);
      wall.addAndGet(-HOUR); // set back an hour
      for (int i = 0; i < GroupMinutes.COMPACT_EVERY; i++) {
        wall.addAndGet(1_000);
        g.sent(GROUP - 1 - i % 50);
      }
    }
    long lines = Files.readAllLines(data.resolve(GroupMinutes.FILE)).size();
    assertTrue(lines <= 72, "the compaction kept " + lines + " lines of 70 s");
  }
}
