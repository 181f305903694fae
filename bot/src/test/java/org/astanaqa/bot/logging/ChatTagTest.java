package org.astanaqa.bot.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.astanaqa.bot.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTagTest {
  @TempDir Path tmp;

  @Test
  void theSameChatHasTheSameTagAfterARestart() throws Exception {
    String first = ChatTag.of(tmp).tag(123_456_789L);
    String again = ChatTag.of(tmp).tag(123_456_789L); // a new process reads the same secret
    assertEquals(first, again);
    assertTrue(first.matches("[0-9a-f]{12}"), first);
    assertNotEquals(first, ChatTag.of(tmp).tag(123_456_790L));
  }

  @Test
  void theSecretIsRandomPerInstallAndReadableByItsOwnerOnly() throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    assertNotEquals(ChatTag.of(a).tag(42), ChatTag.of(b).tag(42));
    Path secret = a.resolve(ChatTag.SECRET_FILE);
    assertEquals(32, Files.size(secret));
    if (Files.getFileStore(secret).supportsFileAttributeView("posix")) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    }
  }

  @Test
  void theChatIdCannotBeFoundByHashingCandidateIdsWithoutTheSecret() throws Exception {
    long chatId = 31_337L;
    String tag = ChatTag.of(tmp).tag(chatId);
    // What someone reading the log can try: hash every small id as the bot used to ("astana-qa:"
    // + id, SHA-256, 40 bits) or as plain decimal, and look for the tag.
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (long id = 0; id < 100_000; id++) {
      for (String input : new String[] {"astana-qa:" + id, Long.toString(id)}) {
        String hex = HexFormat.of().formatHex(sha.digest(input.getBytes(StandardCharsets.UTF_8)));
        assertTrue(
            !hex.startsWith(tag) && !tag.startsWith(hex.substring(0, 10)),
            "the tag of " + chatId + " is found by hashing " + input);
      }
    }
  }

  @Test
  void aDamagedSecretIsRefusedWithWhatToDo() throws Exception {
    Files.writeString(tmp.resolve(ChatTag.SECRET_FILE), "short");
    ConfigException e = assertThrows(ConfigException.class, () -> ChatTag.of(tmp));
    assertTrue(e.getMessage().contains("delete it"), e.getMessage());
  }
}
