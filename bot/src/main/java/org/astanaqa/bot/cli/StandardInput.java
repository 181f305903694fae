package org.astanaqa.bot.cli;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

  /** A reader of {@code in}, its byte-order mark, if any, read and left out. */
  static BufferedReader reader(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in);
    b.mark(3);
    byte[] head = b.readNBytes(3);
    Charset charset = StandardCharsets.UTF_8;
    int mark = 0;
    if (head.length == 3
        && (head[0] & 0xff) == 0xef
        && (head[1] & 0xff) == 0xbb
        && (head[2] & 0xff) == 0xbf) {
      mark = 3;
    } else if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
      charset = StandardCharsets.UTF_16LE;
      mark = 2;
    } else if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
      charset = StandardCharsets.UTF_16BE;
      mark = 2;
    }
    b.reset();
    b.skipNBytes(mark);
    return new BufferedReader(new InputStreamReader(b, charset));
  }
}
