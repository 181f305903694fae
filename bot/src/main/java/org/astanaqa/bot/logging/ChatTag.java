package org.astanaqa.bot.logging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.bot.io.DurableFiles;

/**
 * Names a chat in the logs without naming it: an HMAC-SHA256 of the chat id under a secret of this
 * installation. Logs can follow one conversation, and stay the same across restarts, but the id
 * cannot be found again by hashing candidate ids (chat ids are small integers, so an unkeyed hash
 * of one is reversed in seconds) without the secret, which never leaves the data folder.
 */
public final class ChatTag {
  /** The secret's file in the data folder: 32 random bytes, readable by the owner only. */
  static final String SECRET_FILE = "chat-tag.key";

  private static final int SECRET_BYTES = 32;

  /** Hex digits of the HMAC kept: 48 bits, so two chats of one bot practically never share one. */
  private static final int TAG_BYTES = 6;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final SecretKeySpec key;

  private ChatTag(byte[] secret) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * The tagger of the installation whose data folder is {@code dataDir}: its secret is read from
   * {@link #SECRET_FILE}, or created there once, at random, with owner-only permissions.
   *
   * @throws ConfigException when the secret can be neither read nor created
   */
  public static ChatTag of(Path dataDir) {
    Path file = dataDir.resolve(SECRET_FILE);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] secret = Files.readAllBytes(file);
      if (secret.length != SECRET_BYTES) {
        throw new ConfigException(
            "the file "
                + file
                + " is not a chat-tag secret ("
                + secret.length
                + " bytes, not "
                + SECRET_BYTES
                + "); delete it, and a new one is made"
                + " (logs then tag chats differently)");
      }
      return new ChatTag(secret);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read or create the chat-tag secret "
              + file
              + " ("
              + e.getMessage()
              + "); make the data folder writable, or set dataDir to one that is",
          e);
    }
  }

  /** Writes a new secret beside the file, then moves it in: never a half-written secret. */
  private static void create(Path file) throws IOException {
    byte[] secret = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(tmp); // Windows: the folder's own access rules apply
    }
    // on the disk before it is moved in: after a power cut the name may otherwise hold no bytes
    DurableFiles.writeForced(tmp, secret);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      if (!Files.exists(file)) {
        Files.move(tmp, file);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The chat's tag: 12 hex digits, the same for the same chat as long as the secret is kept. */
  public String tag(long chatId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256"); // cheap to make; a Mac is not thread-safe
      mac.init(key);
      byte[] d = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(chatId).array());
      return HexFormat.of().formatHex(d, 0, TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
