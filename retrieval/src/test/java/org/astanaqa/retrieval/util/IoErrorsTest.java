package org.astanaqa.retrieval.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
  @Test
  void aPermissionErrorSaysPermissionDeniedNotOnlyThePathAgain() {
    // From a probe: "cannot write ro/x.jsonl: ro/x.jsonl" (AccessDeniedException's message is
    // its path), and "cannot be read: /corpus/a.txt" for a file without read permission.
    Path file = Path.of("ro/x.jsonl");
    assertEquals(
        "permission denied", IoErrors.reason(new AccessDeniedException("ro/x.jsonl"), file));
    assertEquals(
        "ro/index/write.lock: permission denied",
        IoErrors.reason(new AccessDeniedException("ro/index/write.lock"), Path.of("ro/index")));
    assertEquals(
        "ro: no such file or folder", IoErrors.reason(new NoSuchFileException("ro"), null));
  }

  @Test
  void theOperatingSystemsOwnReasonAndOtherMessagesAreKept() {
    assertEquals(
        "Is a directory",
        IoErrors.reason(
            new FileSystemException("a.txt", null, "Is a directory"), Path.of("a.txt")));
    assertEquals(
        "Input/output error", IoErrors.reason(new IOException("Input/output error"), null));
    assertEquals("IOException", IoErrors.reason(new IOException(), null));
  }
}
