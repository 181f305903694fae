package org.astanaqa.retrieval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

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

  private CorpusReader() {}

  /** Lists the corpus files, sorted by relative path, so that ids and ordering are stable. */
  static List<Entry> list(Path root) {
    if (!Files.isDirectory(root)) {
      throw new CorpusException(
          "corpus folder " + root + " does not exist or is not a folder;"
              + " point --corpus (or \"corpus\" in the configuration) at a folder of .txt/.md files");
    }
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        Path rel = root.relativize(p);
        if (!Files.isRegularFile(p) || isHidden(rel) || !isText(rel)) {
          continue;
        }
        String relative = rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
        String id = relative.substring(0, relative.lastIndexOf('.'));
        entries.add(
            new Entry(p, relative, id, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CorpusException("cannot list corpus folder " + root + ": " + e.getMessage(), e);
    }
    return entries;
  }

  /**
   * A digest of what the index depends on: file names, sizes and modification times, and the
   * metadata file's bytes. Cheap: no document is read.
   */
  static String fingerprint(Path root, List<Entry> entries, int schemaVersion) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(("schema " + schemaVersion + "\n").getBytes(StandardCharsets.UTF_8));
      for (Entry e : entries) {
        md.update((e.relative() + "\t" + e.size() + "\t" + e.modified() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      Path meta = root.resolve(Metadata.FILE_NAME);
      if (Files.isRegularFile(meta)) {
        md.update(Files.readAllBytes(meta));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    } catch (IOException e) {
      throw new CorpusException("cannot read " + Metadata.FILE_NAME + " in " + root, e);
    }
  }

  /** Reads every listed file; unusable files go to {@link Result#skipped()}. */
  static Result read(Path root, List<Entry> entries) {
    Metadata metadata = Metadata.read(root);
    List<CorpusDocument> docs = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    List<String> warnings = new ArrayList<>(metadata.warnings());
    Map<String, String> seenIds = new HashMap<>();
    for (Entry e : entries) {
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
      docs.add(new CorpusDocument(metadata.sourceFor(e.id(), text), text));
    }
    Set<String> present = seenIds.keySet();
    for (String id : metadata.ids()) {
      if (!present.contains(id)) {
        warnings.add(Metadata.FILE_NAME + " names \"" + id + "\", but no such .txt or .md file exists");
      }
    }
    return new Result(docs, skipped, warnings);
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
