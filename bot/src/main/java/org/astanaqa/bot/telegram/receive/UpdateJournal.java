package org.astanaqa.bot.telegram.receive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every update received from Telegram, kept on disk until it is answered, so that confirming it to
 * Telegram (the next {@code getUpdates} offset, after which Telegram forgets it) never loses it.
 *
 * <p>An append-only text file, one record a line: {@code R id chat json} (received), {@code D id}
 * (answered, or deliberately skipped), {@code C offset} (a getUpdates with this offset succeeded,
 * so Telegram will not send any lower id again). A received batch is written and forced to the
 * device before the poll that confirms it is sent; done marks are written without forcing (a {@code
 * kill -9} keeps them, as the kernel has them; only a power cut can lose the last few, and then
 * those updates are answered again). After {@link #COMPACT_EVERY} records the file is rewritten
 * with what is still needed: the updates not answered, and the ids Telegram may still send again.
 * Its size is bounded by those and that count, not by the bot's age.
 *
 * <p>A write failure (a full or read-only disk) never stops answering: it is logged at ERROR at
 * once (then once a minute while it lasts), the state is kept in memory, and the whole state is
 * written again as soon as a write succeeds. Update ids are {@code long}s throughout.
 */
public final class UpdateJournal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpdateJournal.class);

  /** Records appended before the file is rewritten with only what is still needed. */
  static final int COMPACT_EVERY = 20_000;

  private static final long ERROR_EVERY_NANOS = 60_000_000_000L;

  /** An update received and not yet answered: its id, the chat that orders it, its JSON. */
  record Entry(long id, long chat, String json) {
    Entry {
      if (json.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("one line per record");
      }
    }
  }

  private final Path file;
  private final Map<Long, Entry> pending = new LinkedHashMap<>();

  /** Ids received whose confirmation Telegram may not have seen: it may send them again. */
  private final NavigableSet<Long> unconfirmed = new TreeSet<>();

  private FileChannel channel;
  private int appended;
  private boolean failing;
  private long lastErrorNanos;
  private long writeNanos;
  private long writes;

  private UpdateJournal(Path file) {
    this.file = file;
  }

  /** Opens the journal at {@code file}, reading what an earlier run left unanswered. */
  public static UpdateJournal open(Path file) {
    UpdateJournal j = new UpdateJournal(file);
    j.replay();
    j.compact(); // a clean file: no torn last line for new records to follow
    return j;
  }

  private void replay() {
    if (!Files.exists(file)) {
      return;
    }
    int bad = 0;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !apply(line)) {
          bad++;
        }
      }
    } catch (IOException | RuntimeException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
      log.error(
          "cannot read the update journal {} ({}); it is kept as {} and a new one started: updates it held"
              + " may be unanswered",
          file,
          e.toString(),
          aside);
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        log.error("cannot move {} aside: {}", file, moveFailed.toString());
      }
      return;
    }
    if (bad > 0) {
      // A torn last line after a crash mid-write: that update was never confirmed, so Telegram
      // sends it again.
      log.warn("update journal {}: {} unreadable line(s) skipped", file, bad);
    }
    if (!pending.isEmpty()) {
      log.info(
          "update journal: {} update(s) received before the restart are answered now",
          pending.size());
    }
  }

  private boolean apply(String line) {
    try {
      String[] p = line.split(" ", 4);
      switch (p[0]) {
        case "R" -> {
          if (p.length < 4 || !p[3].startsWith("{") || !p[3].endsWith("}")) {
            return false;
          }
          long id = Long.parseLong(p[1]);
          pending.put(id, new Entry(id, Long.parseLong(p[2]), p[3]));
          unconfirmed.add(id);
        }
        case "K" -> unconfirmed.add(Long.parseLong(p[1]));
        case "D" -> pending.remove(Long.parseLong(p[1]));
        case "C" -> unconfirmed.headSet(Long.parseLong(p[1])).clear();
        default -> {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The updates not answered yet, in the order they were received. */
  synchronized List<Entry> pending() {
    return new ArrayList<>(pending.values());
  }

  /** Number of updates received and not answered yet. */
  synchronized int pendingCount() {
    return pending.size();
  }

  /** Whether Telegram sending {@code id} again would be a duplicate of one we hold or answered. */
  synchronized boolean isKnown(long id) {
    return pending.containsKey(id) || unconfirmed.contains(id);
  }

  /**
   * Records a batch before it is confirmed to Telegram, forced to the device.
   *
   * @param confirmedOffset the offset of the poll that returned the batch (Telegram has now
   *     forgotten every lower id), or -1 when that poll named none
   */
  synchronized void received(long confirmedOffset, List<Entry> batch) {
    StringBuilder sb = new StringBuilder();
    if (confirmedOffset >= 0) {
      unconfirmed.headSet(confirmedOffset).clear();
      sb.append("C ").append(confirmedOffset).append('\n');
    }
    for (Entry e : batch) {
      pending.put(e.id(), e);
      unconfirmed.add(e.id());
      sb.append("R ")
          .append(e.id())
          .append(' ')
          .append(e.chat())
          .append(' ')
          .append(e.json())
          .append('\n');
    }
    if (sb.length() > 0) {
      write(sb.toString(), true, batch.size() + 1);
    }
  }

  /** Notes that a poll with this offset succeeded with nothing new (kept in memory only). */
  synchronized void confirmed(long offset) {
    unconfirmed.headSet(offset).clear();
  }

  /** Marks an update answered or skipped. Never throws: a failed write is logged, not raised. */
  synchronized void done(long id) {
    if (pending.remove(id) != null) {
      write("D " + id + "\n", false, 1);
    }
  }

  /** Records an update that is not to be answered (unreadable): known, so a resend is skipped. */
  synchronized void skipped(long id) {
    unconfirmed.add(id);
    write("K " + id + "\n", false, 1);
  }

  /** Mean time of one journal write in microseconds, forced writes included (for the figures). */
  synchronized double meanWriteMicros() {
    return writes == 0 ? 0 : writeNanos / 1000.0 / writes;
  }

  private void write(String text, boolean force, int records) {
    if (failing || appended + records > COMPACT_EVERY) {
      // The whole state, this record's change included: after a failure, what failed is in it too.
      compact();
      return;
    }
    long t0 = System.nanoTime();
    try {
      ensureOpen();
      ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        channel.write(b);
      }
      if (force) {
        channel.force(false);
        if (!Files.isRegularFile(file)) {
          // Writes to a file deleted (or a data folder replaced) under us succeed and go nowhere.
          throw new IOException("the journal file was removed while in use");
        }
      }
      appended += records;
      writeNanos += System.nanoTime() - t0;
      writes++;
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  private void ensureOpen() throws IOException {
    if (channel == null || !channel.isOpen()) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
  }

  /** Rewrites the file with only what is still needed; records whether that worked. */
  private void compact() {
    StringBuilder sb = new StringBuilder();
    for (long id : unconfirmed) {
      if (!pending.containsKey(id)) {
        sb.append("K ").append(id).append('\n');
      }
    }
    for (Entry e : pending.values()) {
      sb.append("R ")
          .append(e.id())
          .append(' ')
          .append(e.chat())
          .append(' ')
          .append(e.json())
          .append('\n');
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel out =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
          out.write(b);
        }
        out.force(true);
      }
      if (channel != null) {
        channel.close();
        channel = null;
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      appended = 0;
      if (failing) {
        failing = false;
        log.info(
            "update journal {} is writable again; {} unanswered update(s) saved",
            file,
            pending.size());
      }
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the disk that just failed a write may fail this too; the next compaction overwrites it
      }
      failed(e);
    }
  }

  private void failed(Exception e) {
    long now = System.nanoTime();
    if (!failing || now - lastErrorNanos >= ERROR_EVERY_NANOS) {
      lastErrorNanos = now;
      log.error(
          "cannot write the update journal {} ({}): answering goes on, but until it is writable again"
              + " the {} update(s) not yet answered live only in memory and are lost if the bot stops; free space"
              + " or fix the permissions of the data folder",
          file,
          e.toString(),
          pending.size());
    }
    failing = true;
  }

  /** Writes the compact state for the next start and closes the file. */
  @Override
  public synchronized void close() {
    compact();
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.warn("closing the update journal: {}", e.toString());
      }
      channel = null;
    }
  }
}
