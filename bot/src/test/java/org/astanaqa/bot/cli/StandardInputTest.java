package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void theFirstLineNotInTheEncodingIsNamedOnceWhereverTheDecoderReadAhead() throws Exception {
    StringBuilder in = new StringBuilder();
    for (int i = 1; i <= 3000; i++) {
      in.append("question ").append(i).append(i % 2 == 0 ? "\r\n" : "\r");
    }
    byte[] good = in.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(good, good.length + 8);
    System.arraycopy(
        new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n', 'b', (byte) 0xff, '\n'},
        0,
        bytes,
        good.length,
        8);
    java.io.StringWriter err = new java.io.StringWriter();
    BufferedReader r =
        StandardInput.reader(new ByteArrayInputStream(bytes), new java.io.PrintWriter(err));
    for (int i = 1; i <= 3000; i++) {
      assertEquals("question " + i, r.readLine());
      assertEquals("", err.toString(), "no warning before line 3001, at line " + i);
    }
    assertEquals("caf\uFFFD", r.readLine());
    assertEquals("b\uFFFD", r.readLine());
    assertEquals(null, r.readLine());
    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("line 3001 of standard input is not UTF-8"), err.toString());
  }

  @Test
  void aBrokenUtf16LineIsNamedWithoutAWindows1251Conversion() throws Exception {
    // a byte-order mark, then a low surrogate (DC00) with no high one before "?": UTF-16LE
    byte[] bytes = {(byte) 0xff, (byte) 0xfe, 'W', 0, '\n', 0, 0, (byte) 0xdc, '?', 0};
    java.io.StringWriter err = new java.io.StringWriter();
    BufferedReader r =
        StandardInput.reader(new ByteArrayInputStream(bytes), new java.io.PrintWriter(err));
    assertEquals("W", r.readLine());
    assertEquals("\uFFFD?", r.readLine());
    String warning = err.toString();
    assertTrue(warning.contains("line 2 of standard input is not UTF-16LE"), warning);
    assertTrue(warning.contains("save the questions as UTF-8"), warning);
    // iconv from Windows-1251 would garble a UTF-16 file
    assertTrue(!warning.contains("windows-1251"), warning);
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
