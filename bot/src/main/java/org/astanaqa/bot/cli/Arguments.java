package org.astanaqa.bot.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line's arguments as they were typed. Under the C (ASCII) locale the JVM decodes its
 * arguments as ASCII, and {@code java -jar astana-qa.jar ask "Кто гаранты?"} received each byte of
 * a Russian letter as U+FFFD: the question was searched as "��� �������?" and answered "not found",
 * with exit status 0, so nothing told the user that the question never arrived. Linux keeps the
 * arguments' bytes in {@code /proc/self/cmdline}; when those are UTF-8 and read in the locale's
 * character set give the argument Java holds, that argument is taken as UTF-8 instead.
 */
public final class Arguments {
  private static final Path CMDLINE = Path.of("/proc/self/cmdline");

  private Arguments() {}

  /**
   * {@code args} with each argument the JVM garbled (its bytes are UTF-8, but the locale's
   * character set is not) read again as UTF-8; the others, and all on a system with no {@code
   * /proc}, as they are.
   */
  public static String[] recovered(String[] args) {
    Charset platform = platformCharset();
    if (platform == null || platform.equals(StandardCharsets.UTF_8)) {
      return args;
    }
    byte[] cmdline;
    try {
      cmdline = Files.readAllBytes(CMDLINE);
    } catch (IOException | RuntimeException e) {
      return args;
    }
    return recovered(args, cmdline, platform);
  }

  /** {@link #recovered(String[])} from the NUL-separated bytes of the process's command line. */
  static String[] recovered(String[] args, byte[] cmdline, Charset platform) {
    List<byte[]> all = split(cmdline);
    if (all.size() < args.length) {
      return args;
    }
    List<byte[]> own = all.subList(all.size() - args.length, all.size());
    String[] out = Arrays.copyOf(args, args.length);
    for (int i = 0; i < args.length; i++) {
      byte[] raw = own.get(i);
      if (isAscii(raw) || !new String(raw, platform).equals(args[i])) {
        continue; // nothing to recover, or not the bytes this argument came from
      }
      String utf8 = strictUtf8(raw);
      if (utf8 != null) {
        out[i] = utf8;
      }
    }
    return out;
  }

  /**
   * The first argument the JVM could not read in the locale's character set (it holds U+FFFD), or
   * null: what {@link #recovered} could not recover, on a system without {@code /proc}.
   */
  public static String unreadable(String[] args) {
    Charset platform = platformCharset();
    if (platform == null || platform.equals(StandardCharsets.UTF_8)) {
      return null;
    }
    for (String a : args) {
      if (a.indexOf('\uFFFD') >= 0) {
        return a;
      }
    }
    return null;
  }

  /** The one line that says why an argument arrived as "???" and what to do instead. */
  public static String unreadableMessage(String arg) {
    return "the argument \""
        + arg
        + "\" arrived garbled: the locale's character set is "
        + System.getProperty("sun.jnu.encoding")
        + " (LC_ALL or LANG is C or POSIX), which cannot carry its letters; run"
        + " LC_ALL=C.UTF-8 java -jar astana-qa.jar ..., or bin/astana-qa, which does so itself, or"
        + " give the question on standard input (echo QUESTION | java -jar astana-qa.jar ask)";
  }

  /** The character set the JVM read its arguments and file names in, or null when unknown. */
  static Charset platformCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? null : Charset.forName(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static List<byte[]> split(byte[] cmdline) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        out.add(Arrays.copyOfRange(cmdline, start, i));
        start = i + 1;
      }
    }
    if (start < cmdline.length) {
      out.add(Arrays.copyOfRange(cmdline, start, cmdline.length));
    }
    return out;
  }

  private static boolean isAscii(byte[] raw) {
    for (byte b : raw) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static String strictUtf8(byte[] raw) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
