package org.astanaqa.bot.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which updates were answered, kept on disk so that a restart, even after {@code kill -9},
 * neither answers an update twice nor loses one.
 *
 * <p>Updates are answered in parallel (each chat in order), so they finish out of order. The file
 * holds the watermark (every update up to it is done) and the done updates above it. Polling
 * resumes after the watermark; an update redelivered from above it that is already done is
 * skipped. Every answered update is appended to a log at once (a cheap append, so a busy bot is not
 * held up by file renames); every thousand the log is folded into the snapshot, which is replaced
 * atomically.
 */
final class UpdateLedger {
  private static final Logger log = LoggerFactory.getLogger(UpdateLedger.class);

  /** Appended ids folded into the snapshot after this many. */
  private static final int COMPACT_EVERY = 1000;

  private final Path file;
  private final Path logFile;
  private java.nio.channels.FileChannel journal;
  private int appended;
  private long watermark;
  private final NavigableSet<Long> doneAbove = new TreeSet<>();
  private final NavigableSet<Long> inFlight = new TreeSet<>();

  private UpdateLedger(Path file, long watermark, List<Long> doneAbove) {
    this.file = file;
    this.logFile = file.resolveSibling(file.getFileName() + ".log");
    this.watermark = watermark;
    this.doneAbove.addAll(doneAbove);
    replayLog();
  }

  /** Adds the ids appended since the last snapshot (they are answered) to the ledger. */
  private void replayLog() {
    if (!Files.isRegularFile(logFile)) {
      return;
    }
    try {
      for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          long id = Long.parseLong(line.strip());
          if (id > watermark) {
            doneAbove.add(id);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // A torn last line after a crash: the ids read so far count, the rest are answered again.
      log.warn("offset log {} partly unreadable: {}", logFile, e.toString());
    }
  }

  /** Loads the ledger from {@code file}, or starts empty when there is none or it is damaged. */
  static UpdateLedger load(Path file) {
    if (!Files.isRegularFile(file)) {
      return new UpdateLedger(file, 0, List.of());
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      long mark = Long.parseLong(lines.get(0).strip());
      List<Long> done = lines.size() < 2 || lines.get(1).isBlank() ? List.of()
          : Arrays.stream(lines.get(1).split(",")).map(String::strip).map(Long::parseLong).toList();
      return new UpdateLedger(file, mark, done);
    } catch (IOException | RuntimeException e) {
      log.warn("offset file {} is unreadable ({}); starting from Telegram's oldest pending update", file, e.toString());
      return new UpdateLedger(file, 0, List.of());
    }
  }

  /** The offset to poll from: the first update not known to be done. */
  synchronized long nextOffset() {
    return watermark + 1;
  }

  /**
   * Claims an update for answering.
   *
   * @return false when it was answered already or is being answered (a duplicate delivery)
   */
  synchronized boolean begin(long updateId) {
    if (updateId <= watermark || doneAbove.contains(updateId) || !inFlight.add(updateId)) {
      return false;
    }
    return true;
  }

  /** Marks an update answered (or deliberately ignored) and records it on disk at once. */
  synchronized void done(long updateId) {
    inFlight.remove(updateId);
    doneAbove.add(updateId);
    long limit = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.first();
    while (!doneAbove.isEmpty() && doneAbove.first() < limit) {
      watermark = Math.max(watermark, doneAbove.pollFirst());
    }
    append(updateId);
    if (++appended >= COMPACT_EVERY) {
      save();
    }
  }

  private void append(long updateId) {
    try {
      if (journal == null) {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        journal = java.nio.channels.FileChannel.open(logFile, java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND);
      }
      journal.write(java.nio.ByteBuffer.wrap((updateId + "\n").getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the Telegram offset in " + logFile, e);
    }
  }

  /** Number of updates being answered now. */
  synchronized int inFlight() {
    return inFlight.size();
  }

  /** Writes the snapshot and empties the log (the snapshot now holds what it said). */
  synchronized void save() {
    String text = watermark + "\n" + doneAbove.stream().map(String::valueOf).collect(Collectors.joining(",")) + "\n";
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      if (journal != null) {
        journal.truncate(0);
      }
      appended = 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the Telegram offset to " + file, e);
    }
  }
}
