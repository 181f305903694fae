package org.astanaqa.retrieval.index;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.astanaqa.retrieval.CorpusException;
import org.astanaqa.retrieval.util.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passage vectors by content, in one append-only file per model: a record is the first 16 bytes of
 * the text's SHA-256 and the vector. A torn last record (a crash while appending) is ignored and
 * overwritten by the next save; a file that is not a cache is set aside, never overwritten.
 */
public final class EmbeddingCache {
  private static final Logger log = LoggerFactory.getLogger(EmbeddingCache.class);
  private static final int MAGIC = 0x41515643; // "AQVC"
  private static final int VERSION = 1;
  private static final int HEADER = 12;
  private static final int KEY = 16;

  private final Path file;
  private final Map<Key, float[]> vectors;
  private final Map<Key, float[]> unsaved = new HashMap<>();
  private long hits;
  private long misses;

  private record Key(long hi, long lo) {}

  private EmbeddingCache(Path file, Map<Key, float[]> vectors) {
    this.file = file;
    this.vectors = vectors;
  }

  /** A cache that keeps nothing. */
  public static EmbeddingCache none() {
    return new EmbeddingCache(null, new HashMap<>());
  }

  /** Opens (or starts) the cache in {@code file}. */
  public static EmbeddingCache open(Path file) {
    Map<Key, float[]> vectors = new HashMap<>();
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        long valid;
        try (DataInputStream in =
            new DataInputStream(
                new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
          if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a vector cache of this version");
          }
          valid = HEADER + readRecords(in, in.readInt(), vectors);
        } catch (EOFException e) {
          valid = 0; // not even a header
        } catch (IOException e) {
          Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
          log.warn(
              "vector cache {} is unreadable ({}); moved to {} and starting a new one",
              file,
              e.getMessage(),
              aside);
          Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          return new EmbeddingCache(file, new HashMap<>());
        }
        if (valid < Files.size(file)) {
          log.warn(
              "vector cache {}: ignoring a torn last record; the next save overwrites it", file);
        }
      }
    } catch (IOException e) {
      throw new CorpusException(
          "cannot use the vector cache "
              + file
              + " ("
              + e.getMessage()
              + "); check that its folder is writable",
          e);
    }
    return new EmbeddingCache(file, vectors);
  }

  /** Reads whole records; returns the bytes they take. */
  private static long readRecords(DataInputStream in, int dim, Map<Key, float[]> into)
      throws IOException {
    long bytes = 0;
    byte[] record = new byte[KEY + 4 * dim];
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(record);
    while (true) {
      int n = in.readNBytes(record, 0, record.length);
      if (n < record.length) {
        return bytes;
      }
      buf.rewind();
      Key key = new Key(buf.getLong(), buf.getLong());
      float[] v = new float[dim];
      buf.asFloatBuffer().get(v);
      into.put(key, v);
      bytes += record.length;
    }
  }

  public synchronized float[] get(String text) {
    float[] v = vectors.get(key(text));
    if (v != null) {
      hits++;
    }
    return v;
  }

  public synchronized void put(String text, float[] vector) {
    misses++;
    Key k = key(text);
    vectors.put(k, vector);
    if (file != null) {
      unsaved.put(k, vector);
    }
  }

  public synchronized long hits() {
    return hits;
  }

  public synchronized long misses() {
    return misses;
  }

  /**
   * Appends the vectors computed since the last flush, under a file lock: two processes sharing one
   * cache (a bot and an index command, say) append whole records one after the other.
   */
  public synchronized void flush() {
    if (file == null || unsaved.isEmpty()) {
      return;
    }
    int dim = unsaved.values().iterator().next().length;
    try (FileChannel ch =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock = ch.lock()) {
      long size = ch.size();
      if (size >= HEADER) {
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(HEADER);
        ch.read(header, 0);
        header.flip();
        header.getInt();
        header.getInt();
        int onFile = header.getInt();
        if (onFile != dim) {
          throw new IOException("it holds " + onFile + "-dimensional vectors, not " + dim);
        }
        long record = KEY + 4L * dim;
        size =
            HEADER
                + (size - HEADER)
                    / record
                    * record; // a torn record of another writer is overwritten
      } else {
        java.nio.ByteBuffer header =
            java.nio.ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).putInt(dim);
        header.flip();
        ch.write(header, 0);
        size = HEADER;
      }
      java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(unsaved.size() * (KEY + 4 * dim));
      for (Map.Entry<Key, float[]> e : unsaved.entrySet()) {
        out.putLong(e.getKey().hi()).putLong(e.getKey().lo());
        for (float f : e.getValue()) {
          out.putFloat(f);
        }
      }
      out.flip();
      ch.position(size);
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ch.truncate(ch.position());
      unsaved.clear();
    } catch (IOException e) {
      // The index is still right; only the next rebuild will embed these passages again.
      log.warn("cannot save {} vectors to the cache {}: {}", unsaved.size(), file, e.getMessage());
      unsaved.clear();
    }
  }

  public void close() {
    flush();
  }

  private static Key key(String text) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Sha256.of(text));
    return new Key(b.getLong(), b.getLong());
  }

  @Override
  public String toString() {
    return "EmbeddingCache[" + file + ", " + vectors.size() + " vectors]";
  }
}
