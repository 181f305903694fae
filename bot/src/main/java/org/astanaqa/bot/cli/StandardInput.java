package org.astanaqa.bot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Questions read from standard input, one a line: UTF-8, or the encoding a byte-order mark names. A
 * file saved with a mark (Notepad, PowerShell's {@code Out-File}) made the first question of {@code
 * ask --json} start with U+FEFF, which scripts then failed to match with their own text, and a
 * UTF-16 file was read as UTF-8, every question answered "not found" with its bytes echoed.
 */
final class StandardInput {
  private StandardInput() {}

  /** The longest line read as a question, in characters. */
  static final int MAX_LINE = 1 << 20;

  /**
   * A reader of {@code in}, its byte-order mark, if any, read and left out. Only a byte that may
   * begin a mark is followed by a read of the next: a program that writes a first line shorter than
   * a mark ("?", an empty line) and waits for its answer is answered, where reading three bytes
   * first held both sides for good. The bytes a mark begins with (0xEF, 0xFE, 0xFF) never end a
   * UTF-8 text's character, so the byte after them comes with them.
   */
  static BufferedReader reader(InputStream in) throws IOException {
    PushbackInputStream b = new PushbackInputStream(in, 3);
    Charset charset = StandardCharsets.UTF_8;
    int first;
    try {
      first = b.read();
    } catch (IOException e) {
      if (isFolder(STANDARD_INPUT)) {
        // was "unexpected error (IOException) ... Please report it", exit status 1
        throw new org.astanaqa.bot.config.ConfigException(
            "standard input is a folder, not text; give the questions in a file"
                + " (java -jar astana-qa.jar ask < questions.txt) or through a pipe");
      }
      throw e;
    }
    if (first == 0xef) {
      int second = b.read();
      int third = second == 0xbb ? b.read() : -1;
      if (third != 0xbf) {
        unread(b, third);
        unread(b, second);
        b.unread(first);
      }
    } else if (first == 0xff || first == 0xfe) {
      int second = b.read();
      if (first == 0xff && second == 0xfe) {
        charset = StandardCharsets.UTF_16LE;
      } else if (first == 0xfe && second == 0xff) {
        charset = StandardCharsets.UTF_16BE;
      } else {
        unread(b, second);
        b.unread(first);
      }
    } else if (first >= 0) {
      b.unread(first);
    }
    return new Lines(new InputStreamReader(b, charset));
  }

  /**
   * Lines as {@link BufferedReader#readLine()} ends them (at {@code \n}, {@code \r} or {@code
   * \r\n}), none longer than {@link #MAX_LINE}: 400 MB without a line break (a binary file, {@code
   * /dev/zero}) ran the heap out in {@code readLine}, and the message spoke of corpus files.
   */
  private static final class Lines extends BufferedReader {
    private int number;

    Lines(java.io.Reader in) {
      super(in);
    }

    @Override
    public String readLine() throws IOException {
      StringBuilder line = new StringBuilder();
      int c = read();
      if (c < 0) {
        return null;
      }
      number++;
      for (; c >= 0; c = read()) {
        if (c == '\n') {
          break;
        }
        if (c == '\r') {
          mark(1);
          if (read() != '\n') {
            reset();
          }
          break;
        }
        if (line.length() == MAX_LINE) {
          throw new org.astanaqa.bot.config.ConfigException(
              "line "
                  + number
                  + " of standard input is longer than "
                  + MAX_LINE
                  + " characters, which no question is (is it a binary file?); give one question"
                  + " a line");
        }
        line.append((char) c);
      }
      return line.toString();
    }
  }

  /** Where Linux shows this process's standard input. */
  private static final java.nio.file.Path STANDARD_INPUT = java.nio.file.Path.of("/proc/self/fd/0");

  private static boolean isFolder(java.nio.file.Path p) {
    try {
      return java.nio.file.Files.isDirectory(p);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void unread(PushbackInputStream in, int b) throws IOException {
    if (b >= 0) {
      in.unread(b);
    }
  }
}
