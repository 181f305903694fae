package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StandardInputTest {

  /**
   * A program that drives the console through a pipe writes one short question ("?", or an empty
   * line) and waits for its answer before it writes the next. The byte-order mark check read three
   * bytes before the first line could be read, so a first line shorter than that was never
   * answered: both sides waited for good.
   */
  @Test
  void aFirstLineShorterThanAByteOrderMarkIsReadWithoutWaitingForMoreInput() throws Exception {
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(writer);
    writer.write("?\n".getBytes(StandardCharsets.UTF_8));
    writer.flush(); // and the writer waits for the answer: no more bytes, no end of input
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return StandardInput.reader(in).readLine();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    try {
      // the two bytes are there: a correct reader returns at once; a wrong one never does
      assertEquals("?", line.get(30, TimeUnit.SECONDS));
    } finally {
      writer.close();
    }
  }

  @Test
  void aByteOrderMarkIsLeftOutAndNoCharacterOfAnUnmarkedFirstLineIsLost() throws Exception {
    assertEquals(
        "Who?", first(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'W', 'h', 'o', '?'}));
    assertEquals("Who?", first("\uFEFFWho?".getBytes(StandardCharsets.UTF_16LE)));
    assertEquals("Who?", first("\uFEFFWho?".getBytes(StandardCharsets.UTF_16BE)));
    assertEquals("Who?", first("Who?".getBytes(StandardCharsets.UTF_8)));
    assertEquals("Wh", first("Wh".getBytes(StandardCharsets.UTF_8)));
    assertEquals("W", first("W".getBytes(StandardCharsets.UTF_8)));
    assertEquals("\u00efx", first("\u00efx".getBytes(StandardCharsets.UTF_8))); // starts with 0xC3
    assertEquals("\u20ac1", first("\u20ac1".getBytes(StandardCharsets.UTF_8))); // 0xE2...
    assertEquals("\uFFFD", first(new byte[] {(byte) 0xef}));
    assertEquals(null, first(new byte[0]));
  }

  private static String first(byte[] bytes) throws Exception {
    BufferedReader r = StandardInput.reader(new ByteArrayInputStream(bytes));
    return r.readLine();
  }

  @Test
  void aLineLongerThanAnyQuestionIsRefusedByItsNumberNotReadUntilTheHeapRunsOut() throws Exception {
    // From a probe: "ask < big" with 400 MB and no line break ran out of memory in readLine, and
    // the message said to split the largest corpus files, which had nothing to do with it.
    String longest = "a".repeat(StandardInput.MAX_LINE);
    BufferedReader r =
        StandardInput.reader(
            new ByteArrayInputStream(
                ("Who?\r\n" + longest + "\n" + longest + "b\nnever read\n")
                    .getBytes(StandardCharsets.UTF_8)));
    assertEquals("Who?", r.readLine());
    assertEquals(longest, r.readLine());
    org.astanaqa.bot.config.ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.astanaqa.bot.config.ConfigException.class, r::readLine);
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().startsWith("line 3 of standard input is longer than 1048576 characters"),
        e.getMessage());
  }

  @Test
  void linesEndAsReadLineEndsThem() throws Exception {
    BufferedReader r =
        StandardInput.reader(
            new ByteArrayInputStream("a\r\nb\rc\n\nd".getBytes(StandardCharsets.UTF_8)));
    assertEquals("a", r.readLine());
    assertEquals("b", r.readLine());
    assertEquals("c", r.readLine());
    assertEquals("", r.readLine());
    assertEquals("d", r.readLine());
    assertEquals(null, r.readLine());
    assertEquals(null, r.readLine());
  }
}
