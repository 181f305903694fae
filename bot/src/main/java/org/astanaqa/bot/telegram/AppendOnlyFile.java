package org.astanaqa.bot.telegram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.astanaqa.bot.io.DurableFiles;
import org.astanaqa.bot.telegram.receive.UpdateJournal;

/**
 * A file of lines in the data folder that is only appended to, each append forced to the device
 * before it returns, so that a {@code kill -9} or a power cut keeps it: the {@link
 * FeedbackStore}'s, the {@link QuestionEdits}' and the {@link ButtonStore}'s. A line torn by a
 * crash mid-write is left where it is, for its reader to skip, and the next append starts on a line
 * of its own. Not thread-safe: its owner holds its own lock.
 */
final class AppendOnlyFile implements AutoCloseable {
  private final Path file;
  private FileChannel channel;

  AppendOnlyFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /**
   * The file's lines, decoded leniently ({@link UpdateJournal#linesOf}); none when there is no file
   * yet.
   */
  List<String> lines() throws IOException {
    return Files.exists(file) ? UpdateJournal.linesOf(file) : List.of();
  }

  /**
   * Appends {@code lines} (each ending in a newline) and forces them to the device. On a failure
   * the file is closed, to be opened again at the next append.
   */
  void append(String lines) throws IOException {
    // A FileChannel closes when its thread is interrupted (a worker as the bot stops): the
    // interrupt is set aside for the write, and given back, as the update journal does.
    boolean interrupted = Thread.interrupted();
    try {
      if (channel == null || !channel.isOpen()) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // A crash mid-write leaves a torn line: start on a fresh one so the next line is whole.
        boolean torn = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (torn) {
          channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
      }
      write(channel, lines);
      channel.force(false);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Replaces the whole file with {@code lines}: written beside it, forced, and moved over it, so
   * that a crash leaves either the old file or the new one, never half of one.
   */
  void replace(String lines) throws IOException {
    boolean interrupted = Thread.interrupted();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      close();
      Files.createDirectories(file.toAbsolutePath().getParent());
      DurableFiles.writeForced(
          tmp,
          lines.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING);
      DurableFiles.moveOver(tmp, file);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the disk that just failed a write may fail this too; the next rewrite overwrites it
      }
      throw e;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void write(FileChannel c, String text) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      c.read(last, c.size() - 1);
      return last.get(0) == '\n';
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the write that failed said what is wrong
      }
      channel = null;
    }
  }
}
