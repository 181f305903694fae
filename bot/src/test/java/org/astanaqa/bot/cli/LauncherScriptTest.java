package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/astana-qa}, run with a stand-in {@code java} that prints the locale it was started
 * under and its arguments: what the launcher hands the JVM, without the jar being built.
 */
class LauncherScriptTest {
  private static final Path SCRIPT = Path.of("..", "bin", "astana-qa");

  @TempDir Path dir;

  /**
   * Under the C locale the JVM reads its arguments as ASCII ("Кто такой Лаврентьев?" arrived as
   * "??????"), so the launcher starts it under the system's C.UTF-8 when there is one.
   */
  @Test
  void theCLocaleIsStartedAsItsUtf8Twin() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell");
    String utf8 = cUtf8();
    assumeTrue(utf8 != null, "the system has a C.UTF-8 locale");
    List<String> out = run("C", "ask", "Кто такой Лаврентьев?");
    assertEquals(utf8, out.get(0), "the locale java was started under");
    assertTrue(out.get(1).endsWith("-jar " + jar() + " ask Кто такой Лаврентьев?"), out.get(1));
  }

  /** A locale that is UTF-8 already is left as it is. */
  @Test
  void aUtf8LocaleIsLeftAsItIs() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell");
    String utf8 = cUtf8();
    assumeTrue(utf8 != null, "the system has a C.UTF-8 locale");
    assertEquals(utf8, run(utf8, "sources").get(0));
  }

  /** The launcher's tree in {@code dir}: the script, an empty jar and a JDK whose java echoes. */
  private List<String> run(String locale, String... args) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(SCRIPT, bin.resolve("astana-qa"));
    Files.createDirectories(dir.resolve("bot/target"));
    Files.writeString(jar(), "");
    Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
    Path java = jdk.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho \"$LC_ALL\"\necho \"$*\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", bin.resolve("astana-qa").toString());
    pb.command().addAll(List.of(args));
    pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    pb.environment().put("LC_ALL", locale);
    pb.environment().remove("JAVA_OPTS");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ended");
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text.lines().toList();
  }

  private Path jar() {
    return dir.resolve("bot/target/astana-qa.jar");
  }

  /** The system's name for C.UTF-8 ("C.utf8" on Debian), or null when it has none. */
  private static String cUtf8() throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
    } catch (IOException e) {
      return null; // no locale command
    }
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return text.lines()
        .filter(l -> l.toLowerCase(Locale.ROOT).matches("c\\.utf-?8"))
        .findFirst()
        .orElse(null);
  }
}
