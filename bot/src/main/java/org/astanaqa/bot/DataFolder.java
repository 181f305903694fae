package org.astanaqa.bot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.retrieval.util.IoErrors;

/**
 * The data folder ({@code dataDir}) checked at start: writable, and held by one bot at a time. Two
 * bots on one folder would both answer every update and overwrite each other's offset file.
 *
 * <p>The hold is an OS file lock on {@code <dataDir>/astana-qa.lock}, so it ends with the process
 * however the process ends, {@code kill -9} included; the file itself stays and means nothing when
 * unlocked.
 */
public final class DataFolder implements AutoCloseable {
  /** The lock file's name in the data folder. */
  public static final String LOCK_FILE = "astana-qa.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataFolder(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Checks that {@code dir} is a folder this process can write in, creating it when missing.
   *
   * @throws ConfigException naming the folder and what to do
   */
  public static void checkWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new ConfigException(
          "the data folder "
              + dir
              + " is not writable ("
              + IoErrors.reason(e, dir)
              + "); make it writable, or set dataDir in the configuration (--config FILE) to a writable folder",
          e);
    }
  }

  /**
   * Checks that {@code dir} is writable and takes it for this process until {@link #close()}.
   *
   * @throws ConfigException when the folder is not writable or another process holds it
   */
  public static DataFolder lock(Path dir) {
    checkWritable(dir);
    Path file = dir.resolve(LOCK_FILE);
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new ConfigException(
            "another astana-qa"
                + holder
                + " is running on the data folder "
                + dir
                + " (it holds "
                + LOCK_FILE
                + "); stop it first, or give this one its own dataDir");
      }
      String pid = Long.toString(ProcessHandle.current().pid());
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      return new DataFolder(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ConfigException(
          "cannot lock the data folder "
              + dir
              + " ("
              + IoErrors.reason(e, dir)
              + "); make it writable, or set dataDir in the configuration (--config FILE) to a writable folder",
          e);
    }
  }

  /** " (process N)" from the lock file when the holder wrote its id there, or nothing. */
  private static String holder(FileChannel channel) {
    try {
      ByteBuffer b = ByteBuffer.allocate(32);
      channel.read(b, 0);
      String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
      return pid.matches("\\d{1,19}") ? " (process " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing: the first error is the one to report
      }
    }
  }

  /** Lets another process take the folder. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
