package org.astanaqa.retrieval.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, for content keys and folder names: the one place that asks the JDK for it. */
public final class Sha256 {
  private Sha256() {}

  /** A new digest to feed in parts. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The digest of a string's UTF-8 bytes. */
  public static byte[] of(String s) {
    return digest().digest(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The first {@code bytes} bytes of {@link #of(String)} in lower-case hex. */
  public static String hex(String s, int bytes) {
    return HexFormat.of().formatHex(of(s), 0, bytes);
  }
}
