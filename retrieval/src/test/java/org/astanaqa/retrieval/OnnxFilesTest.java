package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's libraries are unpacked once, whole, and reused. */
class OnnxFilesTest {
  @TempDir Path data;

  @Test
  void theLibrariesAreUnpackedOnceWithTheJarsBytesAndADamagedOneIsReplaced() throws Exception {
    assumeTrue(
        System.getProperty("os.name").toLowerCase().startsWith("linux")
            && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")),
        "the libraries are kept only on Linux x64 here");
    Optional<Path> first = OnnxFiles.unpack(data);
    assertTrue(first.isPresent(), "unpacked on Linux x64, where the jar has the libraries");
    Path dir = first.get();
    Path lib = dir.resolve(System.mapLibraryName("onnxruntime"));
    Path jni = dir.resolve(System.mapLibraryName("onnxruntime4j_jni"));
    assertArrayEquals(jar("libonnxruntime.so"), Files.readAllBytes(lib));
    assertArrayEquals(jar("libonnxruntime4j_jni.so"), Files.readAllBytes(jni));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file left behind");
    }

    FileTime written = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(lib, written);
    assertEquals(first, OnnxFiles.unpack(data), "the same folder the next time");
    assertEquals(written, Files.getLastModifiedTime(lib), "and not written again");

    Files.write(jni, new byte[] {1, 2, 3}); // a half-written file from a crash, say
    OnnxFiles.unpack(data);
    assertArrayEquals(jar("libonnxruntime4j_jni.so"), Files.readAllBytes(jni), "replaced");
  }

  @Test
  void aFolderThatCannotBeWrittenLeavesOnnxRuntimeToItsOwnWay() throws Exception {
    Path notAFolder = Files.writeString(data.resolve("file"), "x");
    assertEquals(Optional.empty(), OnnxFiles.unpack(notAFolder.resolve("below")));
  }

  @Test
  void theModelIsUnpackedOnceAndGivesTheSameVectorsAsFromTheJar() throws Exception {
    DenseModel model = TestModels.MODEL;
    Optional<Path> file = OnnxFiles.model(model.weights(), data);
    assertTrue(file.isPresent(), "the model is in a jar on the test class path");
    assertArrayEquals(Embedder.bytes(model.weights()), Files.readAllBytes(file.get()));
    FileTime written = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(file.get(), written);
    assertEquals(file, OnnxFiles.model(model.weights(), data));
    assertEquals(written, Files.getLastModifiedTime(file.get()), "not written again");

    String question = "Who were the Astana guarantors?";
    try (Embedder fromFile = Embedder.load(model, data);
        Embedder fromJar = Embedder.load(model, null)) {
      assertArrayEquals(
          fromJar.embedQuestion(question),
          fromFile.embedQuestion(question),
          "the unpacked model computes the same vector, bit for bit");
    }
  }

  private static byte[] jar(String name) throws Exception {
    try (InputStream in =
        OnnxFiles.class
            .getClassLoader()
            .getResourceAsStream("ai/onnxruntime/native/linux-x64/" + name)) {
      return in.readAllBytes();
    }
  }
}
