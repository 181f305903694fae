package org.astanaqa.retrieval.util;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why a file operation failed, in words. The JDK's {@link AccessDeniedException} and its kin often
 * carry only the path as their message, so "cannot write x: " + getMessage() said "cannot write x:
 * x" and never "permission denied".
 */
public final class IoErrors {
  private IoErrors() {}

  /**
   * The reason {@code e} gives, with the file it names when that is not {@code about} (the file the
   * caller's message already names; may be null).
   */
  public static String reason(Exception e, Path about) {
    if (e instanceof FileSystemException f) {
      String why = f.getReason() != null ? f.getReason() : kind(f);
      String file = f.getFile();
      if (file == null
          || about != null
              && (file.equals(about.toString())
                  || file.equals(about.toAbsolutePath().toString()))) {
        return why;
      }
      return file + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + why;
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** Whether {@code e} (or a cause of it) says the disk or the user's quota is full. */
  public static boolean diskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null
          && (m.contains("No space left on device")
              || m.contains("Disk quota exceeded")
              || m.contains("not enough space on the disk"))) {
        return true;
      }
    }
    return false;
  }

  private static String kind(FileSystemException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file is in the way";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "a folder that is not empty";
    }
    return "cannot be accessed";
  }
}
