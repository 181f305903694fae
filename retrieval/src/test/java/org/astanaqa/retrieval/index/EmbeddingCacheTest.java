package org.astanaqa.retrieval.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
  @TempDir Path dir;

  @Test
  void vectorsSurviveAReopenAndAreFoundByTextOnly() {
    Path file = dir.resolve("m.vectors");
    EmbeddingCache c = EmbeddingCache.open(file);
    c.put("the guarantors met", new float[] {0.25f, -1f, 3f});
    c.put("a second passage", new float[] {1f, 2f, 3f});
    c.flush();
    c.put("added after the flush", new float[] {9f, 9f, 9f});
    c.close();

    EmbeddingCache again = EmbeddingCache.open(file);
    assertArrayEquals(new float[] {0.25f, -1f, 3f}, again.get("the guarantors met"));
    assertArrayEquals(new float[] {9f, 9f, 9f}, again.get("added after the flush"));
    assertNull(again.get("the guarantors met."), "another text is another key");
    assertEquals(2, again.hits());
  }

  @Test
  void aTornLastRecordIsOverwrittenAndTheRestKept() throws Exception {
    Path file = dir.resolve("m.vectors");
    EmbeddingCache c = EmbeddingCache.open(file);
    c.put("kept", new float[] {1f, 2f});
    c.close();
    long whole = Files.size(file);
    Files.write(
        file,
        new byte[] {1, 2, 3, 4, 5},
        java.nio.file.StandardOpenOption.APPEND); // a crash mid-append

    EmbeddingCache again = EmbeddingCache.open(file);
    assertArrayEquals(new float[] {1f, 2f}, again.get("kept"));
    again.put("next", new float[] {3f, 4f});
    again.close();
    assertEquals(
        whole + 16 + 8, Files.size(file), "the torn bytes were overwritten by the next record");
    EmbeddingCache third = EmbeddingCache.open(file);
    assertArrayEquals(new float[] {3f, 4f}, third.get("next"));
    assertArrayEquals(new float[] {1f, 2f}, third.get("kept"));
  }

  @Test
  void aFileThatIsNotACacheIsSetAsideNotOverwritten() throws Exception {
    Path file = dir.resolve("m.vectors");
    Files.writeString(file, "someone else's data, long enough to read a header from");
    EmbeddingCache c = EmbeddingCache.open(file);
    assertNull(c.get("anything"));
    Path aside = dir.resolve("m.vectors.unreadable");
    assertTrue(Files.exists(aside));
    assertEquals("someone else's data, long enough to read a header from", Files.readString(aside));
    c.put("new", new float[] {1f});
    c.close();
    assertArrayEquals(new float[] {1f}, EmbeddingCache.open(file).get("new"));
  }

  @Test
  void vectorsOfAnotherLengthAreNotMixedIntoTheFile() throws Exception {
    Path file = dir.resolve("m.vectors");
    EmbeddingCache c = EmbeddingCache.open(file);
    c.put("a", new float[] {1f, 2f});
    c.close();
    long size = Files.size(file);
    EmbeddingCache other = EmbeddingCache.open(file);
    other.put("b", new float[] {1f, 2f, 3f});
    other.close(); // logged and dropped: the file stays readable
    assertEquals(size, Files.size(file));
    assertArrayEquals(new float[] {1f, 2f}, EmbeddingCache.open(file).get("a"));
  }

  @Test
  void twoCachesOnOneFileBothKeepTheirVectors() {
    Path file = dir.resolve("m.vectors");
    EmbeddingCache first = EmbeddingCache.open(file); // opened before the file exists
    EmbeddingCache second = EmbeddingCache.open(file);
    second.put("from the second", new float[] {2f, 2f});
    second.close();
    first.put("from the first", new float[] {1f, 1f});
    first.close();
    EmbeddingCache again = EmbeddingCache.open(file);
    assertArrayEquals(new float[] {1f, 1f}, again.get("from the first"));
    assertArrayEquals(new float[] {2f, 2f}, again.get("from the second"));
  }
}
