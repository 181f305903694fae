package org.astanaqa.bot.telegram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.astanaqa.bot.telegram.send.Throttle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages sent to groups within the last minute, kept in {@code <dataDir>/}{@value #FILE}
 * across a restart: Telegram allows a bot 20 messages a minute in a group (Bot FAQ) and counts
 * those of the process before this one, which the {@link Throttle} knew only in memory. A restart
 * (a deploy, a {@code kill -9}) right after a busy minute sent the group's next replies at once,
 * and Telegram refused each of them with a 429 until the minute had passed, every reply then
 * waiting its retry_after and jitter on top of the minute's own wait.
 *
 * <p>An {@link AppendOnlyFile} of lines {@code groupId wallMillis}, one per group message Telegram
 * answered, written (forced) as the {@link Throttle} counts it; read back at start, the lines of
 * the last minute and its headroom counted against their groups' minutes, the file rewritten with
 * them alone then and every {@link #COMPACT_EVERY} lines after. The ids are of groups only, never
 * of a user (the update journal holds them too). A line torn by a crash is skipped. A message on
 * its way at a {@code kill -9} is not in it. A line the wall clock, set back, puts after now counts
 * as sent now, and ages out from then.
 */
final class GroupMinutes implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupMinutes.class);

  static final String FILE = "telegram-group-sends";

  /** How long a line counts: longer than the Throttle's minute and headroom (66 s). */
  static final long KEEP_MILLIS = TimeUnit.SECONDS.toMillis(70);

  static final int COMPACT_EVERY = 1_000;

  private final AppendOnlyFile out;
  private final LongSupplier wallMillis;

  /** The lines of the last {@link #KEEP_MILLIS}, oldest first: what a compaction keeps. */
  private final Deque<long[]> recent = new ArrayDeque<>();

  private int appended;
  private boolean warned;

  private GroupMinutes(AppendOnlyFile out, LongSupplier wallMillis) {
    this.out = out;
    this.wallMillis = wallMillis;
  }

  /**
   * Reads {@code dataDir}'s file into {@code throttle} (the messages the process before this one
   * sent to groups within the last minute) and has the throttle note every group message from now
   * on. A file that cannot be read or written is warned about once; sending goes on.
   */
  static GroupMinutes open(Path dataDir, Throttle throttle, LongSupplier wallMillis) {
    GroupMinutes g = new GroupMinutes(new AppendOnlyFile(dataDir.resolve(FILE)), wallMillis);
    long now = wallMillis.getAsLong();
    List<long[]> kept = new ArrayList<>();
    try {
      for (String line : g.out.lines()) {
        String[] p = line.strip().split(" ");
        if (p.length == 3
            && p[0].equals("g")
            && p[1].matches("-\\d{1,19}")
            && p[2].matches("\\d{1,19}")) {
          // a line after now: the wall clock was set back since; counted as just sent, and kept
          // as sent now, so that it ages out (written back with its own time, it counted as just
          // sent at every restart until the clock caught up)
          long[] sent = {Long.parseLong(p[1]), Math.min(now, Long.parseLong(p[2]))};
          if (now - sent[1] < KEEP_MILLIS) {
            kept.add(sent);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("cannot read {} ({}); groups' last minute is not known", g.out.path(), e.toString());
    }
    kept.sort((a, b) -> Long.compare(a[1], b[1]));
    for (long[] sent : kept) {
      throttle.groupSentBeforeStart(sent[0], TimeUnit.MILLISECONDS.toNanos(now - sent[1]));
      g.recent.addLast(sent);
    }
    synchronized (g) {
      g.compact();
    }
    throttle.onGroupSent(g::sent);
    return g;
  }

  /** Notes a message to group {@code chatId} answered now. */
  synchronized void sent(long chatId) {
    long now = wallMillis.getAsLong();
    for (long[] s : recent) {
      // the wall clock set back while running: a line after now counts as sent now, and ages out
      // from now (it stood at the head, and nothing behind it was ever dropped until the clock
      // caught up: every group message of that hour in memory and in the file)
      s[1] = Math.min(s[1], now);
    }
    recent.removeIf(s -> now - s[1] >= KEEP_MILLIS);
    recent.addLast(new long[] {chatId, now});
    if (++appended >= COMPACT_EVERY) {
      compact();
      return;
    }
    try {
      // A line a crash tore is cut short: its id lacks its time, or its time is far in the past.
      out.append("g " + chatId + " " + now + "\n");
    } catch (IOException e) {
      warn(e);
    }
  }

  /** Rewrites the file with the lines still counting. */
  private void compact() {
    appended = 0;
    StringBuilder sb = new StringBuilder();
    for (long[] sent : recent) {
      sb.append("g ").append(sent[0]).append(' ').append(sent[1]).append('\n');
    }
    try {
      out.replace(sb.toString());
    } catch (IOException e) {
      warn(e);
    }
  }

  private void warn(IOException e) {
    if (!warned) {
      warned = true;
      log.warn(
          "cannot write {} ({}); after a restart groups' last minute is not known, and a busy"
              + " group's next replies may each be told to wait (429)",
          out.path(),
          e.toString());
    }
  }

  @Override
  public synchronized void close() {
    out.close();
  }
}
