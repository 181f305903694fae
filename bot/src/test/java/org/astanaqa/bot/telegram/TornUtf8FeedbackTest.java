package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review 7: "a line torn by a crash mid-write: skipped with a warning" held only for a line torn
 * between ASCII characters. A press under a Russian question is written as UTF-8; a line torn
 * inside a Cyrillic letter made {@code Files.readAllLines} throw for the whole file, so the bot's
 * /feedback and the feedback command saw none of the presses kept before it.
 */
class TornUtf8FeedbackTest {
  @TempDir Path dir;

  private static FeedbackStore.Feedback press(String answer, String question) {
    return new FeedbackStore.Feedback(
        answer, "c1", "down", "2026-12-02T02:00:00Z", question, "001_x", "q", "p", 0.5);
  }

  @Test
  void aLineTornInsideACyrillicLetterIsSkippedAndTheEarlierPressesKept() throws Exception {
    Path file = dir.resolve(FeedbackStore.FILE);
    FeedbackStore store = FeedbackStore.open(file);
    store.record(press("k1:0", "Когда подписан меморандум?"));
    store.record(press("k2:0", "Кто подписал?"));
    store.close();
    byte[] line =
        "{\"answer\":\"k3:0\",\"chat\":\"c1\",\"vote\":\"down\",\"question\":\"Где?\"}\n"
            .getBytes(StandardCharsets.UTF_8);
    int cut = new String(line, StandardCharsets.ISO_8859_1).indexOf('\u00d0') + 1;
    Files.write(file, Arrays.copyOf(line, cut), StandardOpenOption.APPEND);
    List<FeedbackStore.Feedback> all = FeedbackStore.read(file);
    assertEquals(
        List.of("Когда подписан меморандум?", "Кто подписал?"),
        all.stream().map(FeedbackStore.Feedback::question).toList(),
        "the presses before the torn line");
  }
}
