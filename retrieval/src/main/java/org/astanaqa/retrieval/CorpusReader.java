package org.astanaqa.retrieval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a folder tree of {@code .txt} and {@code .md} files as UTF-8 documents.
 *
 * <p>A file that cannot be used (not UTF-8, binary, too large, unreadable, a duplicate id) is
 * skipped and reported by name; it never stops the others from being read.
 */
final class CorpusReader {
  /** Files above this size are skipped: one such file would dominate the index and the heap. */
  static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  /** The result of reading a corpus. */
  record Result(List<CorpusDocument> documents, List<SkippedFile> skipped, List<String> warnings) {}

  /** A file found by the listing, before it is read. */
  record Entry(Path path, String relative, String id, long size, long modified) {}

  /** What the listing found: documents, metadata files, and folders it could not enter. */
  record Listing(List<Entry> entries, List<Path> metadata, List<SkippedFile> problems) {}

  private CorpusReader() {}

  /**
   * Lists the corpus files, sorted by relative path so that ids and ordering are stable. Links to
   * folders are followed (a corpus assembled from links is common); a loop or an unreadable folder
   * is reported in {@link Listing#problems()} and passed over.
   */
  static Listing list(Path root) {
    if (!Files.isDirectory(root)) {
      throw new CorpusException(
          "corpus folder " + root + " does not exist or is not a folder;"
              + " point --corpus (or \"corpus\" in the configuration) at a folder of .txt/.md files");
    }
    List<Entry> entries = new ArrayList<>();
    List<Path> metadata = new ArrayList<>();
    List<SkippedFile> problems = new ArrayList<>();
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return dir.equals(root) || !isHidden(root.relativize(dir))
                  ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
              Path rel = root.relativize(p);
              if (!attrs.isRegularFile() || isHidden(rel)) {
                return FileVisitResult.CONTINUE;
              }
              if (rel.getFileName().toString().equals(Metadata.FILE_NAME)) {
                metadata.add(p);
              } else if (isText(rel)) {
                String relative = slashes(rel);
                String id = relative.substring(0, relative.lastIndexOf('.'));
                entries.add(new Entry(p, relative, id, attrs.size(), attrs.lastModifiedTime().toMillis()));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) {
              String why = e instanceof FileSystemLoopException ? "a link that loops back; not followed"
                  : "cannot be read: " + e.getMessage();
              problems.add(new SkippedFile(slashes(root.relativize(p)), why));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new CorpusException("cannot list corpus folder " + root + ": " + e.getMessage(), e);
    }
    entries.sort(Comparator.comparing(Entry::relative));
    metadata.sort(Comparator.comparing(Path::toString));
    return new Listing(entries, metadata, problems);
  }

  private static String slashes(Path rel) {
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }

  /**
   * A digest of what the index depends on: file names, sizes and modification times, and the
   * metadata file's bytes. Cheap: no document is read.
   */
  static String fingerprint(Listing listing, int schemaVersion) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(("schema " + schemaVersion + "\n").getBytes(StandardCharsets.UTF_8));
      for (Entry e : listing.entries()) {
        md.update((e.relative() + "\t" + e.size() + "\t" + e.modified() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      for (Path meta : listing.metadata()) {
        md.update((meta + "\n").getBytes(StandardCharsets.UTF_8));
        md.update(Files.readAllBytes(meta));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    } catch (IOException e) {
      throw new CorpusException("cannot read a " + Metadata.FILE_NAME + ": " + e.getMessage(), e);
    }
  }

  /** Reads every listed file; unusable files go to {@link Result#skipped()}. */
  static Result read(Path root, Listing listing) {
    Map<String, Metadata> metadataByFolder = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Path meta : listing.metadata()) {
      String folder = folderOf(slashes(root.relativize(meta)));
      Metadata m = Metadata.read(meta.getParent(), folder.isEmpty() ? "" : folder + "/");
      metadataByFolder.put(folder, m);
      warnings.addAll(m.warnings());
    }
    List<CorpusDocument> docs = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>(listing.problems());
    Map<String, String> seenIds = new HashMap<>();
    for (Entry e : listing.entries()) {
      String clash = seenIds.putIfAbsent(e.id(), e.relative());
      if (clash != null) {
        skipped.add(new SkippedFile(e.relative(), "same document id \"" + e.id() + "\" as " + clash));
        continue;
      }
      if (e.size() > MAX_FILE_BYTES) {
        skipped.add(
            new SkippedFile(
                e.relative(),
                "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB; split it into smaller files"));
        continue;
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(e.path());
      } catch (IOException | SecurityException ex) {
        skipped.add(new SkippedFile(e.relative(), "cannot be read: " + ex.getMessage()));
        continue;
      }
      String problem = problemWith(bytes);
      if (problem != null) {
        skipped.add(new SkippedFile(e.relative(), problem));
        continue;
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      String folder = folderOf(e.id());
      Metadata m = metadataByFolder.getOrDefault(folder, Metadata.empty());
      String localId = folder.isEmpty() ? e.id() : e.id().substring(folder.length() + 1);
      docs.add(new CorpusDocument(m.sourceFor(e.id(), localId, text), text));
    }
    Set<String> present = seenIds.keySet();
    for (Map.Entry<String, Metadata> fm : metadataByFolder.entrySet()) {
      String prefix = fm.getKey().isEmpty() ? "" : fm.getKey() + "/";
      for (String id : fm.getValue().ids()) {
        if (!present.contains(prefix + id)) {
          warnings.add(prefix + Metadata.FILE_NAME + " names \"" + id + "\", but no such .txt or .md file exists");
        }
      }
    }
    return new Result(docs, skipped, warnings);
  }

  /** The folder part of a slash-separated relative path, or "" at the root. */
  private static String folderOf(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  /** Why these bytes are not a usable UTF-8 text, or null when they are. */
  private static String problemWith(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return "binary file (contains NUL bytes)";
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return null;
    } catch (CharacterCodingException ex) {
      return "not valid UTF-8; convert it (for example: iconv -f WINDOWS-1252 -t UTF-8)";
    }
  }

  private static boolean isHidden(Path rel) {
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isText(Path rel) {
    String name = rel.getFileName().toString().toLowerCase(Locale.ROOT);
    return (name.endsWith(".txt") || name.endsWith(".md")) && name.lastIndexOf('.') > 0;
  }
}
