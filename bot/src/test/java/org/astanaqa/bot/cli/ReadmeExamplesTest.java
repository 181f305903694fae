package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples are what the jar prints, so they cannot drift: the console example and the
 * {@code ask --json} line are run in the default mode and compared, field by field and line by
 * line. In the README, "..." stands for text left out; everything else must match. When a change
 * moves a figure, the failure prints the line to put in the README.
 */
class ReadmeExamplesTest {
  private static final Path README = Path.of("..", "README.md");

  @TempDir Path tmp;

  private String run(String stdin, String... args) {
    CliTest.Run r =
        CliTest.runIn(tmp.resolve("index"), stdin.getBytes(StandardCharsets.UTF_8), args);
    assertEquals(0, r.exit(), r.err());
    return r.out();
  }

  /** The lines of the README's fenced block whose first line starts with {@code start}. */
  private static List<String> block(String start) throws Exception {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start) && lines.get(i - 1).startsWith("```")) {
        int end = i;
        while (!lines.get(end).startsWith("```")) {
          end++;
        }
        return lines.subList(i, end);
      }
    }
    throw new AssertionError("README.md has no example starting with " + start);
  }

  @Test
  void theConsoleExampleIsWhatTheConsolePrints() throws Exception {
    List<String> example = block("? Who were the Astana guarantors?");
    String question = example.get(0).substring(2);
    List<String> printed = run(question + "\n", "console").lines().toList();
    for (int i = 1; i < example.size(); i++) {
      String want = example.get(i);
      if (want.equals("...")) {
        break; // the rest of the reply is left out
      }
      String got = printed.get(i - 1);
      String prefix = want.endsWith(" ...\u201d") ? want.substring(0, want.length() - 5) : want;
      assertTrue(
          want.endsWith(" ...\u201d") ? got.startsWith(prefix) : got.equals(want),
          "README console example, line "
              + (i + 1)
              + ":\n  README:  "
              + want
              + "\n  printed: "
              + got);
    }
  }

  @Test
  void theAskJsonExampleIsWhatAskPrints() throws Exception {
    JsonNode example = new ObjectMapper().readTree(String.join("\n", block("{\"question\":")));
    // The example shows direct answers on, as the README says.
    Path config =
        Files.writeString(tmp.resolve("direct.yaml"), "retrieval:\n  directAnswers: true\n");
    String line =
        run("", "--config", config.toString(), "ask", "--json", example.get("question").asText())
            .strip();
    JsonNode printed = new ObjectMapper().readTree(line);
    compare("", example, printed, line);
  }

  /**
   * Every field of the example is in the output with the same value ("..." matches any text, and a
   * decimal number matches within 0.01).
   */
  private static void compare(String path, JsonNode want, JsonNode got, String line) {
    String where =
        "README ask --json example, "
            + (path.isEmpty() ? "the line" : path)
            + ": README has "
            + want
            + ", ask printed "
            + got
            + "\nThe line ask printed:\n"
            + line;
    assertTrue(got != null, where);
    if (want.isTextual()) {
      String w = want.asText();
      assertTrue(
          w.equals("...")
              || w.endsWith(" ...") && got.asText().startsWith(w.substring(0, w.length() - 4))
              || w.equals(got.asText()),
          where);
    } else if (want.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        compare(path + "." + f.getKey(), f.getValue(), got.get(f.getKey()), line);
      }
    } else if (want.isArray()) {
      assertEquals(want.size(), got.size(), where);
      for (int i = 0; i < want.size(); i++) {
        compare(path + "[" + i + "]", want.get(i), got.get(i), line);
      }
    } else if (want.isFloatingPointNumber()) {
      // Scores come from float arithmetic whose last digits vary with how passages were batched
      // for the embedding model; the example shows the value, not its third decimal.
      assertTrue(got.isNumber(), where);
      assertEquals(want.asDouble(), got.asDouble(), 0.01, where);
    } else {
      assertEquals(want, got, where);
    }
  }
}
