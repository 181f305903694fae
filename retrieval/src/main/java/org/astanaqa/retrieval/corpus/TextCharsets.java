package org.astanaqa.retrieval.corpus;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a text file's bytes: UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32 with a
 * mark, and the single-byte encodings this corpus meets, Windows-1251 or KOI8-R (Russian) and
 * Latin-1 (Western European, read as its superset Windows-1252).
 *
 * <p>A small heuristic rather than a general detector (ICU4J is 14 MB): Russian in Windows-1251 is
 * mostly letters at 0xC0-0xFF in runs of three or more, Latin-1 text is ASCII with an accented
 * letter here and there. Bytes that neither reading explains (control characters, code points
 * neither encoding defines) make the file undecidable, and it is skipped.
 */
final class TextCharsets {
  static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  static final Charset KOI8_R = Charset.forName("KOI8-R");

  /** Share of high letters in long runs above which a file is read as Cyrillic. */
  private static final double CYRILLIC_RUNS = 0.6;

  private TextCharsets() {}

  static FileText decode(byte[] bytes) throws UnusableFileException {
    if (bytes.length >= 3
        && bytes[0] == (byte) 0xEF
        && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF) {
      // One copy of the text: the BOM is left out as the bytes are decoded, not cut off after.
      if (!isUtf8(bytes, 3)) {
        // the mark says UTF-8: a few bad bytes are damage, replaced and named, as in UTF-16
        return marked(bytes, 3, StandardCharsets.UTF_8, "UTF-8");
      }
      return FileText.of(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
    }
    // UTF-32's little-endian mark begins as UTF-16's does (FF FE 00 00): read as UTF-16, each
    // letter was followed by a NUL and no word could be found, under "read as UTF-16"
    boolean utf32le = startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00);
    if (utf32le || startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
      return marked(bytes, 4, Charset.forName(utf32le ? "UTF-32LE" : "UTF-32BE"), "UTF-32");
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return marked(bytes, 2, StandardCharsets.UTF_16LE, "UTF-16");
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return marked(bytes, 2, StandardCharsets.UTF_16BE, "UTF-16");
    }
    for (byte b : bytes) {
      if (b == 0) {
        FileText unmarked = utf16WithoutMark(bytes);
        if (unmarked != null) {
          return unmarked;
        }
        throw new UnusableFileException("binary file (contains NUL bytes)");
      }
    }
    if (isUtf8(bytes, 0)) {
      return FileText.of(new String(bytes, StandardCharsets.UTF_8));
    }
    if (looksLikeDamagedUtf8(bytes)) {
      throw new UnusableFileException(
          "not valid UTF-8: as many broken byte sequences as whole ones, so a damaged or mixed"
              + " file rather than another encoding; re-save it as UTF-8");
    }
    Charset guess = cyrillicShare(bytes) >= CYRILLIC_RUNS ? WINDOWS_1251 : WINDOWS_1252;
    if (guess == WINDOWS_1251 && isKoi8r(bytes)) {
      guess = KOI8_R;
    }
    String text = strictly(bytes, guess);
    if (text == null || hasControls(text)) {
      throw new UnusableFileException(
          "not UTF-8, Windows-1251 or Latin-1; convert it (for example: iconv -f ENCODING -t"
              + " UTF-8)");
    }
    return new FileText(
        text,
        null,
        null,
        null,
        null,
        guess == WINDOWS_1251
            ? "windows-1251"
            : guess == KOI8_R
                ? "KOI8-R"
                : usesWindows1252Only(bytes) ? "windows-1252" : "ISO-8859-1");
  }

  /**
   * Whether {@code bytes} hold a byte of 0x80-0x9F, which Windows-1252 reads as a character (curly
   * quotes, the dash, the euro sign) and ISO-8859-1 as an invisible control: a file saved so is
   * named as read, Windows-1252, where the warning said ISO-8859-1, and {@code iconv -f ISO-8859-1}
   * on that word turned its quotes into controls.
   */
  private static boolean usesWindows1252Only(byte[] bytes) {
    for (byte b : bytes) {
      if ((b & 0xFF) >= 0x80 && (b & 0xFF) <= 0x9F) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code bytes} begin with {@code mark}, each byte given as 0-255. */
  static boolean startsWith(byte[] bytes, int... mark) {
    if (bytes.length < mark.length) {
      return false;
    }
    for (int i = 0; i < mark.length; i++) {
      if ((bytes[i] & 0xFF) != mark[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The most damaged sequences a file with a byte-order mark may hold, per character of its text,
   * and still be read (with each replaced by U+FFFD): one bad byte in a long file, an unpaired
   * surrogate or a last byte cut off, is damage; many are a file the mark does not describe.
   */
  private static final double DAMAGE_SHARE = 0.001;

  /** As many damaged sequences as a short file may hold all the same. */
  private static final int MIN_DAMAGE = 4;

  /**
   * The text after a byte-order mark of {@code markBytes} in {@code charset}. The mark says what
   * the encoding is, so a few sequences it cannot read (an unpaired UTF-16 surrogate, an odd last
   * byte) are damage: each is replaced by U+FFFD and the file is read, with a warning naming how
   * many and where the first is. A file with more (or with NULs in the text: a binary file that
   * happens to begin so) is one the mark does not describe: skipped, not indexed as noise.
   *
   * @param name the encoding's name in messages ("UTF-16")
   */
  private static FileText marked(byte[] bytes, int markBytes, Charset charset, String name)
      throws UnusableFileException {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, markBytes, bytes.length - markBytes);
    CharBuffer out =
        CharBuffer.allocate(
            (int)
                    Math.min(
                        Integer.MAX_VALUE - 16,
                        (bytes.length - markBytes) * (double) decoder.averageCharsPerByte())
                + 16);
    int damaged = 0;
    int firstByte = -1;
    int firstLine = 0;
    boolean ended = false;
    int unit = name.equals("UTF-16") ? 2 : name.equals("UTF-32") ? 4 : Integer.MAX_VALUE;
    while (true) {
      CoderResult r = ended ? decoder.flush(out) : decoder.decode(in, out, true);
      if (r.isError()) {
        if (damaged++ == 0) {
          firstByte = in.position();
          firstLine = 1 + count(out, '\n');
        }
        if (!out.hasRemaining()) {
          // a decoder reports damage before it looks for room: the buffer may be full
          out = larger(out);
        }
        out.put('\ufffd');
        // one code unit at most: Java's UTF-16 decoder reports an unpaired surrogate together
        // with the character after it, which is whole and is read again
        in.position(in.position() + Math.min(r.length(), unit));
        continue;
      }
      if (r.isUnderflow()) {
        if (ended) {
          break;
        }
        ended = true;
        continue;
      }
      // overflow: a larger buffer, as CharsetDecoder.decode(ByteBuffer) does
      out = larger(out);
    }
    out.flip();
    String text = out.toString();
    if (text.indexOf('\0') >= 0 || damaged > Math.max(MIN_DAMAGE, DAMAGE_SHARE * text.length())) {
      throw new UnusableFileException(
          "starts with a "
              + name
              + " byte-order mark but is not "
              + name
              + " text; re-save it as UTF-8");
    }
    if (damaged == 0) {
      return new FileText(text, null, null, null, null, "UTF-8".equals(name) ? null : name);
    }
    return new FileText(
        text,
        null,
        null,
        null,
        null,
        name
            + ", with "
            + (damaged == 1 ? "1 damaged sequence" : damaged + " damaged sequences")
            + " replaced by \ufffd (U+FFFD), the first at line "
            + firstLine
            + " (byte "
            + firstByte
            + "); check the file there");
  }

  /** {@code out}'s text in a buffer twice as large, ready for more. */
  private static CharBuffer larger(CharBuffer out) {
    CharBuffer larger = CharBuffer.allocate(out.capacity() * 2 + 16);
    out.flip();
    larger.put(out);
    return larger;
  }

  private static int count(CharBuffer written, char c) {
    int n = 0;
    for (int i = 0; i < written.position(); i++) {
      if (written.get(i) == c) {
        n++;
      }
    }
    return n;
  }

  /**
   * The share of letter bytes at 0xC0-0xFF (and 0xA8/0xB8, Ё/ё) that stand in runs of three or
   * more: words of Russian, where an accented Latin letter sits alone between ASCII letters.
   */
  static double cyrillicShare(byte[] bytes) {
    int high = 0;
    int inRuns = 0;
    int run = 0;
    for (int i = 0; i <= bytes.length; i++) {
      int b = i < bytes.length ? bytes[i] & 0xFF : 0;
      if (b >= 0xC0 || b == 0xA8 || b == 0xB8) {
        run++;
        high++;
      } else {
        if (run >= 3) {
          inRuns += run;
        }
        run = 0;
      }
    }
    return high == 0 ? 0 : (double) inRuns / high;
  }

  /**
   * Whether Russian bytes are KOI8-R rather than Windows-1251: the two put the Cyrillic letters at
   * the same bytes (0xC0-0xFF) with their cases swapped, so a text read in the wrong one has a
   * capital after a small letter inside nearly every word ("дЕМЕЗБГЙЙ ПВУХДЙМЙ" for "Делегации
   * обсудили"), and read in its own, almost none. KOI8-R is chosen when it has a third as many such
   * capitals, or fewer. A text with none either way (small letters alone, or capitals alone) is
   * read in the one in which more of its letters are Russian's most frequent ({@link
   * #commonLetters}). A KOI8-R file was read as Windows-1251, every word of it garbled.
   */
  static boolean isKoi8r(byte[] bytes) {
    int asWindows = 0; // a small letter then a capital, read as Windows-1251
    int asKoi8 = 0; // the same, read as KOI8-R
    for (int i = 1; i < bytes.length; i++) {
      int a = bytes[i - 1] & 0xFF;
      int b = bytes[i] & 0xFF;
      if (a >= 0xC0 && b >= 0xC0) {
        boolean upperFirst = a < 0xE0;
        boolean upperSecond = b < 0xE0;
        if (!upperFirst && upperSecond) {
          asWindows++; // Windows-1251's small letters are 0xE0-0xFF
        } else if (upperFirst && !upperSecond) {
          asKoi8++; // KOI8-R's small letters are 0xC0-0xDF
        }
      }
    }
    if (asWindows >= 2 || asKoi8 >= 2) {
      return asWindows >= 2 && asKoi8 * 3 <= asWindows;
    }
    return commonLetters(bytes, KOI8_R) > 1.2 * commonLetters(bytes, WINDOWS_1251);
  }

  /** Russian's ten most frequent letters, about 60% of the letters of a text. */
  private static final String COMMON_RUSSIAN = "оеаинтсрвл";

  /**
   * How many of the Cyrillic bytes (0xC0-0xFF) of {@code bytes}, read in {@code charset}, are one
   * of Russian's ten most frequent letters, of either case. Where neither reading has a capital
   * inside a word (a text in small letters alone, or in capitals alone), the right one reads as
   * Russian: a text in KOI8-R's small letters alone read as Windows-1251 is capitals, each letter
   * another ("оеаин" as "ПЕБЙО"), and was taken for Windows-1251.
   */
  private static int commonLetters(byte[] bytes, Charset charset) {
    byte[] high = new byte[64];
    for (int i = 0; i < 64; i++) {
      high[i] = (byte) (0xC0 + i);
    }
    String table = new String(high, charset); // the 64 letters at 0xC0-0xFF, in order
    int n = 0;
    for (byte b : bytes) {
      int v = b & 0xFF;
      if (v >= 0xC0 && COMMON_RUSSIAN.indexOf(Character.toLowerCase(table.charAt(v - 0xC0))) >= 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * True when the bytes hold at least as many whole UTF-8 sequences as broken ones: a UTF-8 file
   * with damage, which read as Latin-1 would turn each "é" into "Ã©". Windows-1251 and Latin-1 text
   * has almost no byte pairs that happen to be a UTF-8 sequence.
   */
  static boolean looksLikeDamagedUtf8(byte[] bytes) {
    int whole = 0;
    int broken = 0;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        continue;
      }
      int len =
          b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      boolean ok = len > 0 && i + len <= bytes.length;
      for (int k = 1; ok && k < len; k++) {
        ok = (bytes[i + k] & 0xC0) == 0x80;
      }
      if (ok) {
        whole++;
        i += len - 1;
      } else {
        broken++;
      }
    }
    return whole > 0 && whole >= broken;
  }

  private static final int UNMARKED_MIN_CHARS = 8;

  /**
   * Text written as UTF-16 without a byte-order mark, or null: an even number of bytes whose NULs
   * all stand on one side of their pair, on that side for at least a third of the pairs (the ASCII
   * letters, spaces and line breaks), or for a twentieth with nine in ten of that side's bytes NUL
   * or one other value (one script's letters, as Russian's 04), and that decodes strictly to text
   * of at least 8 characters, with a space or a line break, without control characters. It was
   * skipped as a binary file.
   */
  private static FileText utf16WithoutMark(byte[] bytes) {
    if (bytes.length % 2 != 0) {
      return null;
    }
    int[] nuls = new int[2];
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        nuls[i % 2]++;
      }
    }
    int side = nuls[0] == 0 ? 1 : nuls[1] == 0 ? 0 : -1;
    if (side < 0) {
      return null;
    }
    // Text in one script besides ASCII (Cyrillic 04xx, Greek 03xx) has a NUL beside its spaces,
    // digits and punctuation only, a fifth of Russian prose's pairs: its other high bytes are then
    // all that script's one value, which a binary file's are not.
    int pairs = bytes.length / 2;
    int[] high = new int[256];
    for (int i = side; i < bytes.length; i += 2) {
      high[bytes[i] & 0xFF]++;
    }
    int script = 0;
    for (int v = 1; v < 256; v++) {
      script = Math.max(script, high[v]);
    }
    boolean oneScript = nuls[side] * 20 >= pairs && (nuls[side] + script) * 10 >= pairs * 9;
    if (nuls[side] * 3 < pairs && !oneScript) {
      return null;
    }
    // NULs on the odd bytes: the low byte first (little-endian), as Windows writes UTF-16
    Charset charset = side == 1 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
    String text = strictly(bytes, charset);
    if (text == null
        || hasControls(text)
        || text.length() < UNMARKED_MIN_CHARS
        || text.chars().noneMatch(c -> c == ' ' || c == '\n')) {
      return null; // too short, or no words apart: four bytes of a binary file may pass the rest
    }
    return new FileText(text, null, null, null, null, charset.name() + " (no byte-order mark)");
  }

  private static String strictly(byte[] bytes, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean hasControls(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c >= 0x80 && c < 0xA0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the bytes from {@code offset} are UTF-8, checked through a small buffer: decoding the
   * whole file at once would hold a second copy of it only to throw it away.
   */
  private static boolean isUtf8(byte[] bytes, int offset) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        return false;
      }
      out.clear();
      if (r.isUnderflow()) {
        return !decoder.flush(out).isError();
      }
    }
  }
}
