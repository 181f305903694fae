package org.astanaqa.bot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.astanaqa.bot.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments under the C (ASCII) locale: plain {@code java -jar} read a Russian question as "���
 * �������" and answered it "not found" with exit status 0.
 */
class ArgumentsTest {
  private static final String QUESTION = "Кто гаранты астанинского процесса?";

  @TempDir Path tmp;

  private static byte[] cmdline(String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String p : parts) {
      out.writeBytes(p.getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
    return out.toByteArray();
  }

  @Test
  void anArgumentGarbledByAnAsciiLocaleIsReadAgainAsUtf8() {
    String garbled =
        new String(QUESTION.getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII);
    String[] args = {"--mode", "bm25", "ask", garbled};
    byte[] raw = cmdline("java", "-jar", "astana-qa.jar", "--mode", "bm25", "ask", QUESTION);
    assertArrayEquals(
        new String[] {"--mode", "bm25", "ask", QUESTION},
        Arguments.recovered(args, raw, StandardCharsets.US_ASCII));
  }

  @Test
  void bytesThatAreNotTheArgumentsOwnAreNotTaken() {
    // a command line that does not end with these arguments: nothing is replaced
    String garbled =
        new String(QUESTION.getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII);
    String[] args = {"ask", garbled};
    byte[] raw = cmdline("java", "-jar", "astana-qa.jar", "ask", "Кто такой Лаврентьев?");
    assertArrayEquals(args, Arguments.recovered(args, raw, StandardCharsets.US_ASCII));
    byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1); // not UTF-8
    String[] cafe = {"ask", new String(latin1, StandardCharsets.US_ASCII)};
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(cmdline("java", "ask"));
    b.writeBytes(latin1);
    b.write(0);
    assertArrayEquals(cafe, Arguments.recovered(cafe, b.toByteArray(), StandardCharsets.US_ASCII));
  }

  private static boolean linuxWithCLocale() {
    return Files.isDirectory(Path.of("/proc/self")) && Files.isExecutable(Path.of("/bin/sh"));
  }

  @Test
  void aRussianQuestionGivenAsAnArgumentUnderTheCLocaleIsAnswered() throws Exception {
    Assumptions.assumeTrue(linuxWithCLocale(), "Linux, a POSIX shell");
    ByteArrayOutputStream args = new ByteArrayOutputStream();
    args.writeBytes(
        ("--mode bm25 --index '" + tmp.resolve("index") + "' ask --json '")
            .getBytes(StandardCharsets.UTF_8));
    args.writeBytes(QUESTION.getBytes(StandardCharsets.UTF_8));
    args.write('\'');
    ChildJvm.Result r =
        ChildJvm.runFromShell(tmp, Map.of("LC_ALL", "C", "LANG", "C"), args.toByteArray());
    assertEquals(0, r.exit(), r.err());
    var o = new ObjectMapper().readTree(r.out());
    assertEquals(QUESTION, o.get("question").asText());
    assertEquals("ru", o.get("language").asText());
    assertTrue(o.get("answered").asBoolean(), r.out());
  }

  @Test
  void anArgumentThatCannotBeReadSaysWhatToDoInsteadOfAnsweringGarbage() throws Exception {
    Assumptions.assumeTrue(linuxWithCLocale(), "Linux, a POSIX shell");
    ByteArrayOutputStream args = new ByteArrayOutputStream();
    args.writeBytes(
        ("--mode bm25 --index '" + tmp.resolve("index") + "' ask --json 'caf")
            .getBytes(StandardCharsets.UTF_8));
    args.write(0xe9); // latin-1 é: no UTF-8 to recover
    args.write('\'');
    ChildJvm.Result r =
        ChildJvm.runFromShell(tmp, Map.of("LC_ALL", "C", "LANG", "C"), args.toByteArray());
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("LC_ALL=C.UTF-8"), r.err());
    assertTrue(r.err().contains("bin/astana-qa"), r.err());
  }

  /**
   * From a probe: under LC_ALL=C "Итоги.txt" and "Отчет.txt" both read as "����������.txt", and
   * index skipped the second as "same document id" without a word of the locale.
   */
  @Test
  void fileNamesTheCLocaleCannotReadSayWhatToDo() throws Exception {
    Assumptions.assumeTrue(linuxWithCLocale(), "Linux, a POSIX shell");
    Assumptions.assumeTrue(
        "UTF-8".equals(System.getProperty("sun.jnu.encoding")), "names written as UTF-8");
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    Files.writeString(corpus.resolve("Итоги.txt"), "The ceasefire in Idlib held for a week.\n");
    Files.writeString(corpus.resolve("Отчет.txt"), "The guarantors met again in Sochi.\n");
    String args =
        "--mode bm25 --corpus '" + corpus + "' --index '" + tmp.resolve("index") + "' index";
    ChildJvm.Result r =
        ChildJvm.runFromShell(
            tmp, Map.of("LC_ALL", "C", "LANG", "C"), args.getBytes(StandardCharsets.UTF_8));
    assertEquals(0, r.exit(), r.err());
    String skipped =
        r.out().lines().filter(l -> l.contains("same document id")).findFirst().orElse("");
    assertTrue(skipped.contains("LC_ALL=C.UTF-8"), r.out());
  }

  /**
   * From a probe: under LC_ALL=C a folder named in Russian was refused with "cannot convert
   * 'Документы' to interface java.nio.file.Path (java.nio.file.InvalidPathException: ...)".
   */
  @Test
  void aPathTheCLocaleCannotNameSaysWhatToDo() throws Exception {
    Assumptions.assumeTrue(linuxWithCLocale(), "Linux, a POSIX shell");
    ByteArrayOutputStream args = new ByteArrayOutputStream();
    args.writeBytes("--mode bm25 --corpus 'Документы' sources".getBytes(StandardCharsets.UTF_8));
    ChildJvm.Result r =
        ChildJvm.runFromShell(tmp, Map.of("LC_ALL", "C", "LANG", "C"), args.toByteArray());
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("--corpus 'Документы'"), r.err());
    assertTrue(r.err().contains("LC_ALL=C.UTF-8"), r.err());
    assertTrue(!r.err().contains("java.nio"), r.err());
  }
}
