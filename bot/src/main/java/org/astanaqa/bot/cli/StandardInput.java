package org.astanaqa.bot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
    return reader(in, null);
  }

  /**
   * As {@link #reader(InputStream)}, and the first line that holds bytes its encoding cannot read
   * (a question saved in Windows-1251 or Latin-1), which is read with each such sequence as U+FFFD,
   * is one warning on {@code err}: a Russian question in Windows-1251 was read as "��� ���" and
   * answered "Please write a question", with nothing to say why.
   */
  static BufferedReader reader(InputStream in, java.io.PrintWriter err) throws IOException {
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
    Replacing decoded = new Replacing(b, charset);
    boolean utf8 = charset == StandardCharsets.UTF_8;
    String encoding = utf8 ? "UTF-8" : charset.name() + " (as its byte-order mark says)";
    // a file in UTF-16 by its mark is not in Windows-1251: iconv from that would garble it
    String convert = utf8 ? " (iconv -f windows-1251 -t utf-8)" : "";
    return new Lines(
        decoded,
        line -> {
          if (err != null) {
            err.println(
                "astana-qa: warning: line "
                    + line
                    + " of standard input is not "
                    + encoding
                    + " text: its unreadable bytes, and those of any later line, are read as"
                    + " \uFFFD (U+FFFD), so those questions are not asked as written; save the"
                    + " questions as UTF-8"
                    + convert);
            err.flush();
          }
        });
  }

  /**
   * Characters of {@code in} in {@code charset}, each sequence the charset cannot read replaced by
   * U+FFFD, as an {@code InputStreamReader} does, but with the place of the first one known: {@link
   * #firstReplaced}, counted in characters read.
   */
  private static final class Replacing extends java.io.Reader {
    private final InputStream in;
    private final java.nio.charset.CharsetDecoder decoder;
    private final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8192).flip();
    private boolean eof;
    private boolean flushed;
    private long produced;

    /** The offset, in characters, of the first U+FFFD put for an unreadable sequence; -1: none. */
    long firstReplaced = -1;

    Replacing(InputStream in, Charset charset) {
      this.in = in;
      this.decoder =
          charset
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      java.nio.CharBuffer out = java.nio.CharBuffer.wrap(cbuf, off, len);
      while (!flushed) {
        java.nio.charset.CoderResult r = decoder.decode(bytes, out, eof);
        if (r.isError()) {
          if (!out.hasRemaining()) {
            break; // replaced at the next read
          }
          bytes.position(bytes.position() + r.length());
          if (firstReplaced < 0) {
            firstReplaced = produced + out.position() - off;
          }
          out.put('\uFFFD');
          continue;
        }
        if (eof && r.isUnderflow()) {
          flushed = decoder.flush(out).isUnderflow();
        }
        if (out.position() > off) {
          break;
        }
        if (!eof) {
          bytes.compact();
          int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
          if (n < 0) {
            eof = true;
          } else {
            bytes.position(bytes.position() + n);
          }
          bytes.flip();
        }
      }
      int n = out.position() - off;
      produced += n;
      return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * Lines as {@link BufferedReader#readLine()} ends them (at {@code \n}, {@code \r} or {@code
   * \r\n}), none longer than {@link #MAX_LINE}: 400 MB without a line break (a binary file, {@code
   * /dev/zero}) ran the heap out in {@code readLine}, and the message spoke of corpus files.
   */
  private static final class Lines extends BufferedReader {
    private final Replacing decoded;
    private final java.util.function.IntConsumer damaged;
    private int number;

    /** Characters read so far, line breaks included. */
    private long read;

    private boolean warned;

    Lines(Replacing decoded, java.util.function.IntConsumer damaged) {
      super(decoded);
      this.decoded = decoded;
      this.damaged = damaged;
    }

    @Override
    public String readLine() throws IOException {
      String line = line();
      if (line != null && !warned && decoded.firstReplaced >= 0 && decoded.firstReplaced < read) {
        warned = true;
        damaged.accept(number);
      }
      return line;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        read++;
      }
      return c;
    }

    private String line() throws IOException {
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
          int next = read();
          if (next != '\n') {
            reset();
            read -= next < 0 ? 0 : 1;
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
