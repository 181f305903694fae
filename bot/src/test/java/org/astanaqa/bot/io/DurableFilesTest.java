package org.astanaqa.bot.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
