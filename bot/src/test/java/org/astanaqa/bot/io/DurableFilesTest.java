package org.astanaqa.bot.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {
  @TempDir Path dir;

  /**
   * A file replaced durably: the new bytes in place, no temporary file left, and on a system that
   * can (not Windows) its folder forced after the rename, without which a power cut may lose it.
   */
  @Test
  void aReplacedFileHoldsTheNewBytesAndItsFolderIsForced() throws Exception {
    Path file = Files.writeString(dir.resolve("state"), "old", StandardCharsets.UTF_8);
    Path tmp = dir.resolve("state.tmp");
    byte[] bytes = "new".getBytes(StandardCharsets.UTF_8);
    DurableFiles.writeForced(tmp, bytes, StandardOpenOption.CREATE);
    DurableFiles.moveOver(tmp, file);
    assertArrayEquals(bytes, Files.readAllBytes(file));
    assertFalse(Files.exists(tmp));
    assertFalse(
        DurableFiles.forceDirectory(dir.resolve("missing")), "a folder that is not is skipped");
    assumeFalse(System.getProperty("os.name").startsWith("Windows"), "no folder fsync there");
    assertTrue(DurableFiles.forceDirectory(dir), "the folder is forced");
  }

  /**
   * A file created new is never one that was there: a file that appeared after a caller looked (a
   * maintainer's filled-in export) keeps its bytes, a link to nothing is not written through, and
   * the new file, when made, holds all the bytes.
   */
  @Test
  void aNewFileNeverReplacesOrWritesThroughWhatIsThere() throws Exception {
    Path made = dir.resolve("made.jsonl");
    byte[] bytes = "new".getBytes(StandardCharsets.UTF_8);
    DurableFiles.createNew(made, bytes);
    assertArrayEquals(bytes, Files.readAllBytes(made));

    Path filledIn = Files.writeString(dir.resolve("filled.jsonl"), "a maintainer's");
    assertThrows(
        java.nio.file.FileAlreadyExistsException.class,
        () -> DurableFiles.createNew(filledIn, bytes));
    assertEquals("a maintainer's", Files.readString(filledIn));

    assumeFalse(System.getProperty("os.name").startsWith("Windows"), "links need rights there");
    Path target = dir.resolve("elsewhere");
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), target);
    assertThrows(
        java.nio.file.FileAlreadyExistsException.class, () -> DurableFiles.createNew(link, bytes));
    assertFalse(Files.exists(target));
  }
}
