package org.astanaqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model loaded on a thread of its own behaves as one loaded at once, failures included. */
class EmbedderTest {
  private static final String QUESTION = "Who were the Astana guarantors?";

  @Test
  void aModelLoadedInTheBackgroundEmbedsExactlyAsOneLoadedAtOnce(@TempDir Path dir) {
    try (Embedder background = Embedder.loadInBackground(TestModels.MODEL, dir)) {
      assertEquals(TestModels.MODEL, background.model(), "known before the model has loaded");
      float[] expected = TestModels.embedder().embedQuestion(QUESTION);
      assertArrayEquals(expected, background.embedQuestion(QUESTION));
      assertTrue(Files.exists(dir), "its vector cache folder is there");
    }
  }

  @Test
  void theWeightsAreReadByteForByteAsTheJarHoldsThem() throws Exception {
    String weights = TestModels.MODEL.weights();
    try (var in = Embedder.class.getClassLoader().getResourceAsStream(weights)) {
      assertArrayEquals(in.readAllBytes(), Embedder.bytes(weights));
    }
  }

  @Test
  void aModelThatCannotLoadFailsAtItsFirstUseWithTheErrorALoadAtOnceGives(@TempDir Path dir)
      throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file"), "not a folder");
    Path cache = notAFolder.resolve("embeddings");
    CorpusException atOnce =
        assertThrows(CorpusException.class, () -> Embedder.load(TestModels.MODEL, cache));
    Embedder background = Embedder.loadInBackground(TestModels.MODEL, cache); // fails later
    CorpusException awaited = assertThrows(CorpusException.class, background::awaitLoaded);
    assertEquals(atOnce.getMessage(), awaited.getMessage());
    CorpusException asked =
        assertThrows(CorpusException.class, () -> background.embedQuestion(QUESTION));
    assertEquals(atOnce.getMessage(), asked.getMessage());
    assertTrue(atOnce.getMessage().contains("vector cache"), atOnce.getMessage());
    background.close(); // a model that never loaded holds nothing to close
  }
}
