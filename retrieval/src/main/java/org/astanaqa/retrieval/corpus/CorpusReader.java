package org.astanaqa.retrieval.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.astanaqa.retrieval.CorpusDocument;
import org.astanaqa.retrieval.CorpusException;
import org.astanaqa.retrieval.Extraction;
import org.astanaqa.retrieval.SkippedFile;
import org.astanaqa.retrieval.util.IoErrors;
import org.astanaqa.retrieval.util.Sha256;

/**
 * Reads a folder tree of documents: plain text and Markdown (UTF-8, Windows-1251, KOI8-R or
 * Latin-1), HTML, PDF, Word .docx and OpenDocument .odt ({@link Formats}).
 *
 * <p>A file that cannot be used (an unsupported type, undecidable encoding, binary, too large,
 * unreadable, without text, a duplicate id) is skipped and reported by name; it never stops the
 * others from being read.
 */
public final class CorpusReader {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CorpusReader.class);

  /**
   * Why a file whose reader failed unexpectedly is skipped, in words: "cannot be read:
   * java.lang.StackOverflowError" named a Java class and said nothing of what to do.
   */
  static String readerFailed(Throwable ex) {
    if (ex instanceof StackOverflowError) {
      return "cannot be read: a line of it is too long or nested too deeply for the reader (the"
          + " detail is in the log); break that line into shorter ones, or leave the file out";
    }
    String message = ex.getMessage();
    return "cannot be read: the reader failed on it ("
        + ex.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + oneLine(message))
        + "; the detail is in the log); leave the file out, or save it again in another format";
  }

  /** Files above this size are skipped: one such file would dominate the index and the heap. */
  static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  /**
   * Heap kept aside, beyond a file's two copies (its bytes while they are decoded, then its text)
   * and the index writer's buffer: measured, a 60 MB file indexes with a 160 MB heap and fails with
   * 128 MB.
   */
  private static final long HEAP_RESERVE = 24L * 1024 * 1024;

  /** The index writer's buffer for this heap: 1/8 of it, between 16 and 64 MB. */
  public static double writerBufferMb(long maxHeap) {
    return Math.max(16, Math.min(64, maxHeap / 8 / (1024 * 1024)));
  }

  /**
   * The largest file this heap can index: its bytes and its text in memory at once, and the rest.
   */
  static long heapLimitBytes(long maxHeap) {
    long bufferBytes = (long) (writerBufferMb(maxHeap) * 1024 * 1024);
    return Math.max(0, (maxHeap - bufferBytes - HEAP_RESERVE) / 2);
  }

  /**
   * The result of reading a corpus.
   *
   * @param fileWarnings the warnings about one file each (its path and the warning), also in {@code
   *     warnings}; the rest of {@code warnings} is about metadata files
   */
  public record Result(
      List<CorpusDocument> documents,
      List<SkippedFile> skipped,
      List<String> warnings,
      List<SkippedFile> fileWarnings,
      List<Extraction> extraction) {
    public Result(
        List<CorpusDocument> documents, List<SkippedFile> skipped, List<String> warnings) {
      this(documents, skipped, warnings, List.of(), List.of());
    }
  }

  /**
   * A file found by the listing, before it is read.
   *
   * @param modified its modification time, in milliseconds
   * @param changed its status-change time (Unix {@code ctime}) in nanoseconds, 0 where the file
   *     system has none: a copy that keeps the modification time ({@code cp -p}, {@code rsync -t},
   *     an editor that restores it) and the size still changes it, and no program can set it back
   */
  public record Entry(
      Path path, String relative, String id, long size, long modified, long changed) {}

  /**
   * What the listing found: documents, metadata files, and folders it could not enter; and the
   * hidden files and folders it left out ({@code hidden}: their corpus-relative paths, a folder's
   * with a "/" after, the program's own folders not among them), so that a folder of only those is
   * not said to hold no files, where {@code ls -a} shows some.
   */
  public record Listing(
      List<Entry> entries, List<Path> metadata, List<SkippedFile> problems, List<String> hidden) {
    public Listing(List<Entry> entries, List<Path> metadata, List<SkippedFile> problems) {
      this(entries, metadata, problems, List.of());
    }
  }

  private CorpusReader() {}

  /**
   * Lists the corpus files, sorted by relative path so that ids and ordering are stable. Links to
   * folders are followed (a corpus assembled from links is common); a loop or an unreadable folder
   * is reported in {@link Listing#problems()} and passed over.
   */
  public static Listing list(Path root) {
    return list(root, List.of());
  }

  /**
   * As {@link #list(Path)}, leaving out, unlisted, the folders of {@code leftOut} that lie inside
   * the corpus: the program's own data and index folders, which {@code --corpus .} run from the
   * folder that holds them puts there. Their files are no documents, and each commit of the index
   * renames them, which would change the corpus's fingerprint and so rebuild the index at every
   * {@code ask} and update it forever in a running bot.
   */
  public static Listing list(Path root, java.util.Collection<Path> leftOut) {
    return list(root, leftOut, null);
  }

  /**
   * As {@link #list(Path, java.util.Collection)}, the documents a user put in the folders of {@code
   * leftOut} taken from {@code seen} while those folders are unchanged (a corpus watch lists the
   * corpus every second); walked afresh when {@code seen} is null.
   */
  public static Listing list(Path root, java.util.Collection<Path> leftOut, OwnFolders seen) {
    if (Files.isRegularFile(root)) {
      // was "does not exist or is not a folder" of a file that plainly exists
      throw new CorpusException(
          "corpus "
              + root
              + " is a file, not a folder; point --corpus (or \"corpus\" in the configuration) at"
              + " the folder that holds it"
              + (root.toAbsolutePath().getParent() == null
                  ? ""
                  : " (" + root.toAbsolutePath().getParent() + ")")
              + ": every document in it is indexed");
    }
    if (!Files.isDirectory(root)) {
      throw new CorpusException(
          "corpus folder "
              + root
              + " does not exist or is not a folder;"
              + " point --corpus (or \"corpus\" in the configuration) at a folder of documents ("
              + Formats.SUPPORTED
              + ")");
    }
    List<Entry> entries = new ArrayList<>();
    List<Path> metadata = new ArrayList<>();
    List<SkippedFile> problems = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    Set<Path> own = realPaths(leftOut);
    // the file each entry is (device and inode where the file system has them): one file reached
    // by two names, a link to a document of the corpus, is one document
    Map<Object, List<String>> names = new HashMap<>();
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
              }
              if (isHidden(root.relativize(dir))) {
                if (own.isEmpty() || !own.contains(realPath(dir))) {
                  hidden.add(slashes(root.relativize(dir)) + "/");
                }
                return FileVisitResult.SKIP_SUBTREE;
              }
              String page = savedPage(dir);
              if (page != null) {
                problems.add(
                    new SkippedFile(
                        slashes(root.relativize(dir)) + "/",
                        "what a browser saved with the page "
                            + page
                            + " (its frames, scripts and images): no documents, left out"));
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (!own.isEmpty() && own.contains(realPath(dir))) {
                // the program writes no documents there: any there are the user's, named
                (seen == null ? OwnFolders.walkOnce(dir) : seen.documentsIn(dir))
                    .forEach(
                        p ->
                            problems.add(
                                new SkippedFile(
                                    slashes(root.relativize(p)),
                                    "in the program's own folder "
                                        + slashes(root.relativize(dir))
                                        + " (its index or data: log, journal), which is not read"
                                        + " as documents; move the file out of it, or give the"
                                        + " program another folder (dataDir, --index)")));
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
              Path rel = root.relativize(p);
              if (isHidden(rel)) {
                hidden.add(slashes(rel));
                return FileVisitResult.CONTINUE;
              }
              if (isOwnerFile(rel.getFileName().toString())) {
                return FileVisitResult.CONTINUE;
              }
              if (!attrs.isRegularFile()) {
                // Nothing is silent: a link to nothing, a pipe or a device is named, not dropped.
                problems.add(
                    new SkippedFile(
                        slashes(rel),
                        attrs.isSymbolicLink()
                            ? "a link to a file that does not exist"
                            : "not a regular file (a pipe, socket or device)"));
                return FileVisitResult.CONTINUE;
              }
              if (rel.getFileName().toString().equals(Metadata.FILE_NAME)) {
                metadata.add(p);
              } else if (Formats.supported(rel.getFileName().toString())) {
                String relative = slashes(rel);
                String id = baseId(relative);
                if (attrs.fileKey() != null) {
                  names.computeIfAbsent(attrs.fileKey(), k -> new ArrayList<>()).add(relative);
                }
                entries.add(
                    new Entry(
                        p,
                        relative,
                        id,
                        attrs.size(),
                        attrs.lastModifiedTime().toMillis(),
                        statusChanged(p)));
              } else {
                String ext = Formats.extension(rel.getFileName().toString());
                problems.add(
                    new SkippedFile(
                        slashes(rel),
                        "unsupported type"
                            + (ext.isEmpty() ? " (no extension)" : " ." + ext)
                            + "; supported: "
                            + Formats.SUPPORTED));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) {
              String why =
                  e instanceof FileSystemLoopException
                      ? "a link that loops back; not followed"
                      : unread(e, p);
              problems.add(new SkippedFile(slashes(root.relativize(p)), why));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new CorpusException("cannot list corpus folder " + root + ": " + e.getMessage(), e);
    }
    List<Entry> once = oneNamePerFile(root, entries, names, problems);
    once.sort(Comparator.comparing(Entry::relative));
    problems.sort(Comparator.comparing(SkippedFile::path));
    metadata.sort(Comparator.comparing(Path::toString));
    hidden.sort(Comparator.naturalOrder());
    return new Listing(ownIds(once), metadata, problems, hidden);
  }

  /**
   * The entries, each file that shares its id (its path without extension) with another of its
   * folder ({@code report.pdf} and {@code report.docx}) given its file name with the extension as
   * id ({@code report.pdf}), so that each keeps a document, and its metadata, of its own: the first
   * took the id and the other was skipped, and when the first was damaged neither was indexed.
   */
  private static List<Entry> ownIds(List<Entry> entries) {
    return ownIds(entries, Map.of());
  }

  /**
   * As {@link #ownIds(List)}, except that of the files sharing an id, the one that had that id
   * before ({@code held}: the id by relative path, as the index stores it) keeps it, and only the
   * others take their file names: {@code report.pdf} put beside an indexed {@code report.docx}
   * changed the id of {@code report.docx} to "report.docx", and every reference to "report" (an
   * expected document of a questions file, a stored 👎) found nothing.
   */
  private static List<Entry> ownIds(List<Entry> entries, Map<String, String> held) {
    // Again while a file name given as id is another's id ("notes.md" beside "notes.txt" is the
    // id of "notes.md.txt"): each round gives some files their names, which no two share
    while (true) {
      Map<String, Integer> uses = new HashMap<>();
      Map<String, Integer> holders = new HashMap<>();
      java.util.Set<String> named = new java.util.HashSet<>();
      for (Entry e : entries) {
        uses.merge(e.id(), 1, Integer::sum);
        if (e.id().equals(held.get(e.relative()))) {
          holders.merge(e.id(), 1, Integer::sum);
        }
        if (e.id().equals(e.relative())) {
          named.add(e.id()); // a file whose name is the id: the id is its, whoever held it
        }
      }
      if (uses.size() == entries.size()) {
        return entries;
      }
      List<Entry> out = new ArrayList<>(entries.size());
      boolean renamed = false;
      for (Entry e : entries) {
        boolean keeps =
            e.id().equals(held.get(e.relative()))
                && holders.get(e.id()) == 1
                && !named.contains(e.id());
        if (uses.get(e.id()) > 1 && !e.id().equals(e.relative()) && !keeps) {
          out.add(
              new Entry(e.path(), e.relative(), e.relative(), e.size(), e.modified(), e.changed()));
          renamed = true;
        } else {
          out.add(e);
        }
      }
      if (!renamed) {
        return out; // cannot happen: no two files have the same name
      }
      entries = out;
    }
  }

  /**
   * The listing with its ids given again so that a file keeps the id it had ({@code held}: the id
   * by corpus-relative path, from the index) when a file of the same name with another extension
   * joins it ({@link #ownIds(List, Map)}).
   */
  public static Listing keepingIds(Listing listing, Map<String, String> held) {
    if (held.isEmpty()) {
      return listing;
    }
    List<Entry> base = new ArrayList<>(listing.entries().size());
    for (Entry e : listing.entries()) {
      String r = e.relative();
      base.add(new Entry(e.path(), r, baseId(r), e.size(), e.modified(), e.changed()));
    }
    return new Listing(
        ownIds(base, held), listing.metadata(), listing.problems(), listing.hidden());
  }

  /** A document's id before any two files share it: its relative path without the extension. */
  private static String baseId(String relative) {
    return relative.substring(0, relative.lastIndexOf('.'));
  }

  /** The relative path a {@link #stamp} begins with. */
  public static String relativeOfStamp(String stamp) {
    int end = stamp.indexOf('\u001f');
    return end < 0 ? null : stamp.substring(0, end);
  }

  /**
   * The entries with each file reached by several names ({@code names}: by file key) listed once,
   * under the name that is no link (its path within the corpus, links resolved), or else its first;
   * the other names go to {@code problems}. A link to a document of the corpus (or a link to a
   * folder of it) indexed that document twice, so that its passages filled an answer's quotes twice
   * over and pushed the other documents' out.
   */
  private static List<Entry> oneNamePerFile(
      Path root, List<Entry> entries, Map<Object, List<String>> names, List<SkippedFile> problems) {
    Set<String> others = new java.util.HashSet<>();
    for (List<String> same : names.values()) {
      if (same.size() < 2) {
        continue;
      }
      List<String> sorted = new ArrayList<>(same);
      sorted.sort(Comparator.naturalOrder());
      String kept = sorted.get(0);
      for (String name : sorted) {
        if (isOwnPath(root, name)) {
          kept = name;
          break;
        }
      }
      for (String name : sorted) {
        if (!name.equals(kept)) {
          others.add(name);
          problems.add(
              new SkippedFile(
                  name,
                  "the same file as "
                      + oneLine(kept)
                      + " (a link to it, or a second name), which is indexed once, as "
                      + oneLine(kept)));
        }
      }
    }
    if (others.isEmpty()) {
      return entries;
    }
    List<Entry> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (!others.contains(e.relative())) {
        out.add(e);
      }
    }
    return out;
  }

  /** Whether the corpus file {@code relative} is reached without a link: its real path is it. */
  private static boolean isOwnPath(Path root, String relative) {
    try {
      Path real = root.toRealPath();
      return root.resolve(relative).toRealPath().equals(real.resolve(relative).normalize());
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** The real paths of the folders that exist among {@code folders}. */
  private static Set<Path> realPaths(java.util.Collection<Path> folders) {
    Set<Path> out = new java.util.HashSet<>();
    for (Path f : folders) {
      Path real = realPath(f);
      if (real != null) {
        out.add(real);
      }
    }
    return out;
  }

  /** A folder's real path (links resolved), or null when it cannot be resolved. */
  private static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /**
   * A file's relative path as a line of a message or of the index's commit data, which hold one
   * warning or skipped file a line: its line breaks and tabs shown as their Unicode pictures. A
   * file named "list\n.txt" made two warnings, "list" and ".txt: no passage to quote".
   */
  public static String oneLine(String relative) {
    if (relative.indexOf('\n') < 0 && relative.indexOf('\r') < 0 && relative.indexOf('\t') < 0) {
      return relative;
    }
    return relative.replace('\n', '\u240a').replace('\r', '\u240d').replace('\t', '\u2409');
  }

  /**
   * Why a listed file was not indexed, of a file that was there when the folder was listed and is
   * gone when read. Not "cannot be read": nothing is wrong with the disk or the permissions.
   */
  static final String GONE =
      "deleted while the corpus was being indexed, so it is not in the index";

  /**
   * Why {@code p} could not be read: {@link #GONE} for a file deleted since it was listed, "cannot
   * be read" and the reason otherwise.
   */
  private static String unread(Exception e, Path p) {
    if (e instanceof java.nio.file.NoSuchFileException && Files.notExists(p)) {
      return GONE;
    }
    return "cannot be read: " + IoErrors.reason(e, p);
  }

  /** A file's status-change time in nanoseconds ({@link Entry#changed}), 0 when unknown. */
  static long statusChanged(Path p) {
    try {
      return ((java.nio.file.attribute.FileTime) Files.getAttribute(p, "unix:ctime"))
          .to(java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return 0; // not a Unix file system: size and modification time alone
    }
  }

  private static String slashes(Path rel) {
    return rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
  }

  /**
   * A digest of what the index depends on: file names, sizes, modification and status-change times,
   * and the metadata file's bytes. Cheap: no document is read.
   */
  public static String fingerprint(Listing listing, int schemaVersion) {
    return fingerprint(listing, schemaVersion, Set.of());
  }

  /**
   * As {@link #fingerprint(Listing, int)}, the files of {@code unsettled} (relative paths: files
   * still being written, left for a later update) marked as such rather than by their stamps, so
   * that no listing of the folder ever has this fingerprint: an index that records it is brought up
   * to date again once they hold still, or once they are gone.
   */
  public static String fingerprint(Listing listing, int schemaVersion, Set<String> unsettled) {
    MessageDigest md = Sha256.digest();
    md.update(("schema " + schemaVersion + "\n").getBytes(StandardCharsets.UTF_8));
    for (Entry e : listing.entries()) {
      md.update(
          (unsettled.contains(e.relative())
                  ? e.relative() + "\tstill being written\n"
                  : e.relative()
                      + "\t"
                      + e.size()
                      + "\t"
                      + e.modified()
                      + "\t"
                      + e.changed()
                      + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    for (SkippedFile s : listing.problems()) { // a new file of an unsupported type is reported
      md.update((s.path() + "\t" + s.reason() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    for (Path meta : listing.metadata()) {
      md.update((meta + "\n").getBytes(StandardCharsets.UTF_8));
      md.update(metadataBytes(meta));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * A metadata file's bytes, or for one that cannot be read a marker, so that the file being made
   * readable changes the fingerprint. An unreadable metadata file is a warning ({@link
   * Metadata#read}), as a malformed one is: it never stops the documents from being indexed.
   */
  private static byte[] metadataBytes(Path meta) {
    try {
      return Files.readAllBytes(meta);
    } catch (IOException | SecurityException e) {
      return ("\u0000unreadable " + e).getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Why a file whose id another file has already is skipped. Under the C locale the JVM reads each
   * byte of a name's non-ASCII letters as U+FFFD, so "Итоги.txt" and "Отчет.txt" both read as
   * "����������.txt" and the second was skipped as a duplicate of the first, with no word of why.
   */
  static String clashReason(String id, String clash, String nameCharset) {
    String reason = "same document id \"" + id + "\" as " + clash;
    boolean utf8 = nameCharset == null || nameCharset.replace("-", "").equalsIgnoreCase("UTF8");
    if (!utf8 && id.indexOf('\uFFFD') >= 0) {
      reason +=
          ": their names' letters cannot be read in this locale's character set ("
              + nameCharset
              + "), so both read as \uFFFD; run under a UTF-8 locale (LC_ALL=C.UTF-8; bin/astana-qa"
              + " does so itself)";
    }
    return reason;
  }

  /** Reads every listed file; unusable files go to {@link Result#skipped()}. */
  public static Result read(Path root, Listing listing) {
    return read(root, listing, Runtime.getRuntime().maxMemory());
  }

  /** As {@link #read(Path, Listing)} on a JVM whose heap is at most {@code maxHeap} bytes. */
  public static Result read(Path root, Listing listing, long maxHeap) {
    return read(root, listing, maxHeap, e -> true);
  }

  /**
   * Reads the listed files that {@code selected} accepts; the others count for document ids and
   * metadata warnings but are not read (a live update reads only the files that changed). The
   * listing's problems and duplicate ids are always in {@link Result#skipped()}.
   */
  public static Result read(
      Path root, Listing listing, long maxHeap, java.util.function.Predicate<Entry> selected) {
    long heapLimit = heapLimitBytes(maxHeap);
    Map<String, Metadata> metadataByFolder = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Path meta : listing.metadata()) {
      String folder = folderOf(slashes(root.relativize(meta)));
      Metadata m = Metadata.read(meta.getParent(), folder.isEmpty() ? "" : folder + "/");
      metadataByFolder.put(folder, m);
      warnings.addAll(m.warnings());
    }
    List<CorpusDocument> docs = new ArrayList<>();
    List<SkippedFile> fileWarnings = new ArrayList<>();
    Map<String, long[]> speeds = new java.util.TreeMap<>();
    List<SkippedFile> skipped = new ArrayList<>(listing.problems());
    Map<String, String> seenIds = new HashMap<>();
    for (Entry e : listing.entries()) {
      String clash = seenIds.putIfAbsent(e.id(), e.relative());
      if (clash != null) {
        skipped.add(
            new SkippedFile(
                e.relative(), clashReason(e.id(), clash, System.getProperty("sun.jnu.encoding"))));
        continue;
      }
      if (!selected.test(e)) {
        continue;
      }
      if (e.size() > MAX_FILE_BYTES) {
        skipped.add(
            new SkippedFile(
                e.relative(),
                "larger than "
                    + MAX_FILE_BYTES / (1024 * 1024)
                    + " MB; split it into smaller files"));
        continue;
      }
      if (e.size() > heapLimit) {
        skipped.add(
            new SkippedFile(
                e.relative(),
                "larger than "
                    + mb(heapLimit)
                    + " MB, the most this "
                    + mb(maxHeap)
                    + " MB Java heap can index; give Java more memory (for example java -Xmx"
                    + Math.max(
                        1, (2 * e.size() + maxHeap - 2 * heapLimit) / (1024 * 1024 * 1024) + 1)
                    + "g -jar ...) or split it into smaller files"));
        continue;
      }
      byte[] bytes;
      long limit = Math.min(MAX_FILE_BYTES, heapLimit);
      try {
        bytes = readAtMost(e.path(), limit);
      } catch (IOException | SecurityException ex) {
        skipped.add(new SkippedFile(e.relative(), unread(ex, e.path())));
        continue;
      }
      if (bytes == null) {
        skipped.add(
            new SkippedFile(
                e.relative(),
                "grew to more than "
                    + mb(limit)
                    + " MB while the corpus was being indexed, the most "
                    + (limit == MAX_FILE_BYTES ? "a file may be" : "this Java heap can index")
                    + "; split it into smaller files"));
        continue;
      }
      FileText file;
      long t0 = System.nanoTime();
      String format = Formats.extension(e.relative()).toLowerCase(java.util.Locale.ROOT);
      long[] speed = speeds.computeIfAbsent(format, f -> new long[3]);
      speed[0]++;
      speed[1] += bytes.length;
      try {
        file = Formats.extract(e.relative(), bytes);
        speed[2] += System.nanoTime() - t0;
      } catch (UnusableFileException ex) {
        speed[2] += System.nanoTime() - t0;
        skipped.add(new SkippedFile(e.relative(), ex.getMessage()));
        continue;
      } catch (StackOverflowError | RuntimeException ex) {
        speed[2] += System.nanoTime() - t0;
        // A parser's own bug on a strange file must not stop the rest of the corpus. The detail,
        // with its stack trace, goes to the log; the summary says it in words.
        LOG.info("the reader of {} failed", oneLine(e.relative()), ex);
        skipped.add(new SkippedFile(e.relative(), readerFailed(ex)));
        continue;
      }
      bytes = null; // the text is all that is kept
      if (file.encoding() != null) {
        String w =
            oneLine(e.relative())
                + (file.encoding().startsWith("UTF-8") ? ": read as " : ": not UTF-8; read as ")
                + file.encoding();
        warnings.add(w);
        fileWarnings.add(new SkippedFile(e.relative(), w));
      }
      if (file.note() != null) {
        String w = oneLine(e.relative()) + ": " + file.note();
        warnings.add(w);
        fileWarnings.add(new SkippedFile(e.relative(), w));
      }
      String folder = folderOf(e.id());
      Metadata m = metadataByFolder.getOrDefault(folder, Metadata.empty());
      String localId = folder.isEmpty() ? e.id() : e.id().substring(folder.length() + 1);
      docs.add(
          new CorpusDocument(
              m.sourceFor(e.id(), localId, e.path().getFileName().toString(), file), file.text()));
    }
    Set<String> present = new java.util.HashSet<>();
    seenIds.keySet().forEach(id -> present.add(Metadata.key(id)));
    for (Map.Entry<String, Metadata> fm : metadataByFolder.entrySet()) {
      String prefix = fm.getKey().isEmpty() ? "" : fm.getKey() + "/";
      for (String id : fm.getValue().ids()) {
        String full = Metadata.key(prefix + id);
        int slash = id.lastIndexOf('/');
        if (slash >= 0) {
          // its folder's documents only: an entry for a file in a subfolder was never applied,
          // and passed the check below because that file exists
          String folder = prefix + id.substring(0, slash);
          warnings.add(
              prefix
                  + Metadata.FILE_NAME
                  + " names \""
                  + id
                  + "\", a file in a subfolder; a "
                  + Metadata.FILE_NAME
                  + " describes the files of its own folder only: give it in "
                  + folder
                  + "/"
                  + Metadata.FILE_NAME
                  + " as \""
                  + id.substring(slash + 1)
                  + "\"");
        } else if (!present.contains(full) && shared(listing, full).size() > 1) {
          List<String> names = shared(listing, full);
          warnings.add(
              prefix
                  + Metadata.FILE_NAME
                  + " names \""
                  + id
                  + "\", which is "
                  + names.size()
                  + " files ("
                  + String.join(", ", names)
                  + "), so it applies to neither: give each an entry of its own under its file"
                  + " name (\""
                  + names.get(0).substring(prefix.length())
                  + "\": {...})");
        } else if (!present.contains(full) && byFileName(listing, full) != null) {
          // "report.txt" for report.txt: the file is there, under the key "report"
          warnings.add(
              prefix
                  + Metadata.FILE_NAME
                  + " names \""
                  + id
                  + "\", a file name with its extension, so it applies to no document: a"
                  + " document's key is its file name without the extension; give it as \""
                  + byFileName(listing, full).id().substring(prefix.length())
                  + "\"");
        } else if (!present.contains(full)) {
          warnings.add(
              prefix
                  + Metadata.FILE_NAME
                  + " names \""
                  + id
                  + "\", but no such document file exists");
        }
      }
    }
    List<Extraction> extraction = new ArrayList<>();
    speeds.forEach((f, v) -> extraction.add(new Extraction(f, (int) v[0], v[1], v[2])));
    return new Result(docs, skipped, warnings, fileWarnings, extraction);
  }

  /** The listed file whose corpus-relative path is {@code relative}, or null. */
  private static Entry byFileName(Listing listing, String relative) {
    for (Entry e : listing.entries()) {
      if (Metadata.key(e.relative()).equals(relative)) {
        return e;
      }
    }
    return null;
  }

  /**
   * The files (their corpus-relative paths) that share the id {@code id} and so were given their
   * file names as ids instead ({@link #ownIds}).
   */
  private static List<String> shared(Listing listing, String id) {
    List<String> names = new ArrayList<>();
    for (Entry e : listing.entries()) {
      String relative = Metadata.key(e.relative());
      if (e.id().equals(e.relative())
          && relative.lastIndexOf('.') == id.length()
          && relative.startsWith(id)) {
        names.add(oneLine(e.relative()));
      }
    }
    return names;
  }

  /**
   * Per corpus-relative folder, a digest of its metadata file's bytes: a document's entry in the
   * index records its folder's, so that editing a metadata file re-indexes that folder's documents.
   */
  public static Map<String, String> metadataDigests(Path root, Listing listing) {
    Map<String, String> out = new HashMap<>();
    for (Path meta : listing.metadata()) {
      byte[] d = Sha256.digest().digest(metadataBytes(meta));
      out.put(folderOf(slashes(root.relativize(meta))), HexFormat.of().formatHex(d, 0, 8));
    }
    return out;
  }

  /**
   * What a listed file looked like when it was read: its path, size, modification and status-change
   * times and its folder's metadata; a file whose stamp is unchanged is not read again.
   */
  public static String stamp(Entry e, Map<String, String> metadataDigests) {
    // The unit separator: no file name holds it, and the stamp sits in a tab-separated line.
    return e.relative()
        + "\u001f"
        + e.size()
        + "\u001f"
        + e.modified()
        + "\u001f"
        + e.changed()
        + "\u001f"
        + metadataDigests.getOrDefault(folderOf(e.id()), "");
  }

  /**
   * The file's bytes, or null when it holds more than {@code limit} when opened: the listing's size
   * is checked before, but a file replaced meanwhile by a larger one was read whole, however large.
   * One buffer of the file's size, as {@link Files#readAllBytes} allocates; bytes written after it
   * was opened are left for the next read (the file's changed stamp brings it).
   */
  static byte[] readAtMost(Path file, long limit) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      long size = Files.size(file);
      if (size > limit) {
        return null;
      }
      byte[] bytes = new byte[(int) size];
      int n = in.readNBytes(bytes, 0, bytes.length);
      int next = in.read(); // a file of /proc says 0 bytes; a file written meanwhile says fewer
      if (next < 0) {
        return n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n);
      }
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(n + 8192);
      all.write(bytes, 0, n);
      all.write(next);
      byte[] chunk = new byte[8192];
      for (int r; (r = in.read(chunk)) > 0; ) {
        if (all.size() + r > limit) {
          return null;
        }
        all.write(chunk, 0, r);
      }
      return all.toByteArray();
    }
  }

  private static long mb(long bytes) {
    return bytes / (1024 * 1024);
  }

  /** The folder part of a slash-separated relative path, or "" at the root. */
  private static String folderOf(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  /**
   * The name of the page {@code dir} was saved with, when it is the folder a browser writes beside
   * a page saved whole ("Web page, complete": {@code Talks_files} beside {@code Talks.html}), else
   * null. Its frames (advertisements, widgets) are pages that were documents of their own, quoted
   * as answers, and its scripts, styles and images were each named as a file of an unsupported
   * type.
   */
  private static String savedPage(Path dir) {
    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
    if (!name.endsWith("_files") || name.length() == "_files".length()) {
      return null;
    }
    String stem = name.substring(0, name.length() - "_files".length());
    for (String ext : new String[] {".html", ".htm"}) {
      if (Files.isRegularFile(dir.resolveSibling(stem + ext))) {
        return stem + ext;
      }
    }
    return null;
  }

  private static boolean isHidden(Path rel) {
    for (Path part : rel) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code name} is the owner file Word, Excel or PowerPoint writes beside a document while
   * it is open ({@code ~$report.docx}, 162 bytes: who has it open), which Windows hides as an
   * editor's {@code .swp} is hidden elsewhere. In a shared or synced folder it was a skipped
   * ".docx" that "is not a Word .docx file", as if the document a maintainer was editing were
   * damaged.
   */
  static boolean isOwnerFile(String name) {
    return name.startsWith("~$");
  }
}
