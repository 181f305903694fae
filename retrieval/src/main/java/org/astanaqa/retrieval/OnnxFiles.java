package org.astanaqa.retrieval;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX Runtime's native libraries and the embedding model's weights, unpacked once into the data
 * folder instead of at every start. The model's 23 MB (MiniLM) are inflated from the jar each time
 * a process loads it, a fifth of a second or more, where ONNX Runtime reads an unpacked file in a
 * fraction of that.
 *
 * <p>Left to itself, ONNX Runtime inflates its 16.5 MB library from the jar into a new temporary
 * folder each time a process loads a model; pointed at a folder that holds the libraries already
 * ({@code onnxruntime.native.path}) it loads them from there (Linux only here). Files are named by
 * their checksums in the jar, so another version gets files of its own, and each is written under a
 * temporary name and moved into place, so that two processes starting at once never load a
 * half-written file. Anything unexpected leaves things as they were without these files.
 */
final class OnnxFiles {
  private static final Logger log = LoggerFactory.getLogger(OnnxFiles.class);

  /** The property ONNX Runtime's Java binding reads for a folder holding its libraries. */
  static final String PROPERTY = "onnxruntime.native.path";

  private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

  private OnnxFiles() {}

  /**
   * Points ONNX Runtime at the libraries unpacked under {@code folder}, unpacking them first when
   * they are not there; does nothing when the property is set already (by the user, or by an
   * earlier call) or when this platform's libraries are not in the jar as expected.
   */
  static synchronized void useFrom(Path folder) {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    unpack(folder).ifPresent(dir -> System.setProperty(PROPERTY, dir.toString()));
  }

  /**
   * Unpacks this platform's libraries into a folder below {@code folder} named by their checksums,
   * unless they are there already with the jar's sizes.
   *
   * @return that folder, or empty when the libraries are not found in the jar or cannot be written
   */
  static Optional<Path> unpack(Path folder) {
    String platform = platform();
    if (platform == null) {
      return Optional.empty();
    }
    try {
      StringBuilder key = new StringBuilder();
      long[] sizes = new long[LIBRARIES.size()];
      long[] crcs = new long[LIBRARIES.size()];
      URL[] urls = new URL[LIBRARIES.size()];
      for (int i = 0; i < LIBRARIES.size(); i++) {
        String name =
            "ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(LIBRARIES.get(i));
        urls[i] = OnnxFiles.class.getClassLoader().getResource(name);
        if (urls[i] == null) {
          return Optional.empty();
        }
        URLConnection c = urls[i].openConnection();
        if (!(c instanceof JarURLConnection jar) || jar.getJarEntry() == null) {
          return Optional.empty(); // not from a jar (an IDE's classes folder): ONNX Runtime's way
        }
        sizes[i] = jar.getJarEntry().getSize();
        crcs[i] = jar.getJarEntry().getCrc();
        key.append(Long.toHexString(crcs[i]));
      }
      Path dir = folder.resolve("onnxruntime-" + platform + "-" + key);
      Files.createDirectories(dir);
      for (int i = 0; i < LIBRARIES.size(); i++) {
        Path lib = dir.resolve(System.mapLibraryName(LIBRARIES.get(i)));
        if (!Files.isRegularFile(lib) || Files.size(lib) != sizes[i]) {
          write(urls[i], lib, crcs[i]);
        }
      }
      return Optional.of(dir);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot keep ONNX Runtime's libraries in {}: {}", folder, e.toString());
      return Optional.empty();
    }
  }

  /**
   * The model file {@code resource} of the jar, unpacked under {@code folder} (named by its
   * checksum, so another model version gets a file of its own) unless it is there already with the
   * jar's size.
   *
   * @return the file, or empty when the resource is not in a jar or the file cannot be written
   */
  static Optional<Path> model(String resource, Path folder) {
    try {
      URL url = OnnxFiles.class.getClassLoader().getResource(resource);
      if (url == null || !(url.openConnection() instanceof JarURLConnection jar)) {
        return Optional.empty();
      }
      if (jar.getJarEntry() == null) {
        return Optional.empty();
      }
      long size = jar.getJarEntry().getSize();
      long crc = jar.getJarEntry().getCrc();
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      int dot = name.lastIndexOf('.');
      Path file =
          folder.resolve(
              (dot > 0 ? name.substring(0, dot) : name)
                  + "-"
                  + Long.toHexString(crc)
                  + (dot > 0 ? name.substring(dot) : ""));
      Files.createDirectories(folder);
      if (!Files.isRegularFile(file) || Files.size(file) != size) {
        write(url, file, crc);
      }
      return Optional.of(file);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot keep the model {} in {}: {}", resource, folder, e.toString());
      return Optional.empty();
    }
  }

  private static void write(URL url, Path lib, long crc) throws IOException {
    Path tmp = Files.createTempFile(lib.getParent(), lib.getFileName().toString(), ".part");
    try {
      try (CheckedInputStream in = new CheckedInputStream(url.openStream(), new CRC32())) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        if (in.getChecksum().getValue() != crc) {
          throw new IOException(
              lib.getFileName() + " read from the jar does not match its checksum");
        }
      }
      try {
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * ONNX Runtime's name for this platform's folder in its jar, on Linux only (where its two
   * libraries are all it loads); null elsewhere, which keeps ONNX Runtime's own way.
   */
  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.startsWith("linux")) {
      return null;
    }
    if (arch.equals("amd64") || arch.equals("x86_64")) {
      return "linux-x64";
    }
    return arch.equals("aarch64") ? "linux-aarch64" : null;
  }
}
