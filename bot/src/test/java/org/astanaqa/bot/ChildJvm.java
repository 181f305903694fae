package org.astanaqa.bot;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.astanaqa.bot.logging.LogConfig;

/**
 * Runs {@link Main} in a JVM of its own, as {@code java -jar astana-qa.jar} does: the jar's logging
 * ({@link LogConfig}, not the tests' {@code logback-test.xml}), its own standard output and error,
 * its own heap.
 */
public final class ChildJvm {
  /** What one run printed and how it ended. */
  public record Result(int exit, String out, String err) {}

  private ChildJvm() {}

  /** The class path of the main code and its dependencies, without the test classes. */
  static String mainClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.endsWith("test-classes") && !e.endsWith("test-classes" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * Runs {@code Main args} in {@code dir} with its standard input closed ({@code <&-} in a shell),
   * as a script or a service manager may start it, and waits for it (20 s at most; exit value -1
   * when it did not end).
   */
  public static Result runWithStdinClosed(Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" <&-"));
    cmd.addAll(javaMain(List.of(), args));
    return execute(dir, cmd, Map.of(), 20, false);
  }

  /**
   * Runs {@code Main args} in {@code dir} with extra JVM options and environment variables, and
   * waits for it (two minutes at most).
   */
  public static Result run(
      Path dir, List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return execute(dir, javaMain(jvmOptions, args), env, 120, true);
  }

  /**
   * Runs {@code Main} from a shell script whose command line ends with {@code shellArgs}, bytes as
   * they are (a Java parent would encode arguments in its own locale's character set first), with
   * extra environment variables, and waits for it (two minutes at most).
   */
  public static Result runFromShell(Path dir, Map<String, String> env, byte[] shellArgs)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile(dir, "run", ".sh");
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    text.writeBytes(
        ("exec \"$CHILD_JAVA\" -cp \"$CHILD_CP\" " + Main.class.getName() + " ")
            .getBytes(StandardCharsets.US_ASCII));
    text.writeBytes(shellArgs);
    text.write('\n');
    Files.write(script, text.toByteArray());
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("CHILD_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    all.put("CHILD_CP", mainClassPath());
    try {
      return execute(dir, List.of("/bin/sh", script.toString()), all, 120, true);
    } finally {
      Files.delete(script);
    }
  }

  /**
   * Starts {@code Main args} in {@code dir}, its standard output and error into {@code out} and
   * {@code err}, its standard input closed, and returns at once: for a test that signals it.
   */
  public static Process start(Path dir, Path out, Path err, String... args) throws IOException {
    return start(dir, out, err, Map.of(), args);
  }

  /** {@link #start(Path, Path, Path, String...)} with extra environment variables. */
  public static Process start(Path dir, Path out, Path err, Map<String, String> env, String... args)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(javaMain(List.of(), args))
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("TELEGRAM_BOT_TOKEN");
    pb.environment().remove("TELEGRAM_API_URL");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  /** The command that runs {@code Main args} in a JVM like this one's. */
  private static List<String> javaMain(List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(mainClassPath());
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Runs {@code cmd} in {@code dir} without the Telegram environment, its standard input closed at
   * once, and waits up to {@code seconds}: a JVM still running then is killed and, unless {@code
   * failOnTimeout}, reported with exit value -1.
   */
  private static Result execute(
      Path dir, List<String> cmd, Map<String, String> env, int seconds, boolean failOnTimeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("TELEGRAM_BOT_TOKEN");
    pb.environment().remove("TELEGRAM_API_URL");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor();
      if (failOnTimeout) {
        throw new AssertionError("the child JVM did not end in " + seconds + " s: " + cmd);
      }
    }
    Result r =
        new Result(
            ended ? p.exitValue() : -1,
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }
}
