package org.astanaqa.bot.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of the data folder replaced so that a crash or a power cut leaves the old file or the new
 * one, never half of one: the new bytes written beside it and forced to the disk, then moved over
 * it. Used by the update journal, the append-only stores and the chat-tag secret.
 */
public final class DurableFiles {
  private static final Logger log = LoggerFactory.getLogger(DurableFiles.class);

  private DurableFiles() {}

  /**
   * Writes {@code bytes} to {@code file} (opened with {@code options}, WRITE added) and forces them
   * to the disk: the first half of replacing a file of the data folder so that a crash or a power
   * cut leaves the old file or the new one, never half of one (then {@link #moveOver}).
   */
  public static void writeForced(Path file, byte[] bytes, OpenOption... options)
      throws IOException {
    Set<OpenOption> open = new HashSet<>(Arrays.asList(options));
    open.add(StandardOpenOption.WRITE);
    try (FileChannel out = FileChannel.open(file, open)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        out.write(b);
      }
      out.force(true);
    }
  }

  /**
   * Creates {@code file} with {@code bytes}, forced to the disk, only if nothing is at its name:
   * one exclusive create (no check before it), so that a file that appeared meanwhile is never
   * replaced and a link is never written through. A write that fails half-way (a full disk) deletes
   * the file it made, which holds nothing of anyone else's.
   *
   * @throws java.nio.file.FileAlreadyExistsException when something (a file, a folder, a link) is
   *     there already; it is left as it was
   */
  public static void createNew(Path file, byte[] bytes) throws IOException {
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      try {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          out.write(b);
        }
        out.force(true);
      } catch (IOException | RuntimeException e) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException | RuntimeException again) {
          e.addSuppressed(again);
        }
        throw e;
      }
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      forceDirectory(dir);
    }
  }

  /**
   * Moves {@code tmp} over {@code file}: atomically where the file system can, then forces the
   * folder, so that a power cut does not lose the rename itself (on Linux a rename is on the disk
   * only once its directory is; {@link #forceDirectory}).
   */
  public static void moveOver(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      forceDirectory(dir);
    }
  }

  /**
   * Forces {@code dir}'s entries to the disk, best effort: true when done. Where a directory cannot
   * be opened or forced (Windows, whose renames need no such step) it is skipped quietly.
   */
  static boolean forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
      return true;
    } catch (IOException | RuntimeException e) {
      log.debug("cannot force the folder {} to the disk ({}); skipped", dir, e.toString());
      return false;
    }
  }
}
