package org.astanaqa.retrieval.corpus;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents a user put in the program's own folders (the data and index folders, when they lie
 * inside the corpus), remembered between listings: a corpus watch lists the corpus every second,
 * and walking the data folder each time (its index, log, journal and caches) cost CPU for nothing.
 * A folder is walked again only when one of the folders the last walk read changed (a file or
 * folder added, removed or renamed in it changes its modification time), so a document dropped
 * there is still named at the next look.
 *
 * <p>Safe for use by several threads.
 */
public final class OwnFolders {
  /** How deep the program's own folders are looked into. */
  static final int DEPTH = 3;

  /** One walk: the documents found, and the modification time of each folder it read. */
  private record Walk(List<Path> documents, Map<Path, FileTime> folders) {}

  private final Map<Path, Walk> walks = new HashMap<>();
  private int walked;

  /** How many times a folder was walked: for tests. */
  public synchronized int walks() {
    return walked;
  }

  /**
   * The files of a supported type in {@code dir}, one of the program's own folders, which it never
   * writes (its index, log, journal and caches have other names): documents a user put there.
   */
  synchronized List<Path> documentsIn(Path dir) {
    Walk last = walks.get(dir);
    if (last != null && unchanged(last)) {
      return last.documents();
    }
    Walk now = walk(dir);
    walked++;
    if (now == null) {
      walks.remove(dir);
      return List.of(); // unreadable: nothing of it would be read as documents either way
    }
    walks.put(dir, now);
    return now.documents();
  }

  /** Walks {@code dir} afresh, remembering nothing: what a one-off listing does. */
  static List<Path> walkOnce(Path dir) {
    Walk w = walk(dir);
    return w == null ? List.of() : w.documents();
  }

  private static boolean unchanged(Walk w) {
    for (Map.Entry<Path, FileTime> f : w.folders().entrySet()) {
      try {
        if (!Files.getLastModifiedTime(f.getKey()).equals(f.getValue())) {
          return false;
        }
      } catch (IOException | SecurityException e) {
        return false;
      }
    }
    return true;
  }

  private static Walk walk(Path dir) {
    List<Path> documents = new ArrayList<>();
    Map<Path, FileTime> folders = new HashMap<>();
    try {
      Files.walkFileTree(
          dir,
          EnumSet.noneOf(java.nio.file.FileVisitOption.class),
          DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              folders.put(d, attrs.lastModifiedTime()); // a folder whose entries are read
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              if (Formats.supported(f.getFileName().toString())
                  && (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(f))) {
                documents.add(f);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | SecurityException e) {
      return null;
    }
    documents.sort(null);
    return new Walk(List.copyOf(documents), folders);
  }
}
