package org.astanaqa.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.astanaqa.bot.config.ConfigException;
import org.astanaqa.bot.io.DurableFiles;
import org.astanaqa.bot.render.ConsoleRenderer;
import org.astanaqa.bot.telegram.FeedbackStore;
import org.astanaqa.retrieval.util.IoErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What Telegram users said of the answers: a summary, or the 👎 exported as a questions file in the
 * evaluation format for a maintainer to complete, so that real misses become regression questions.
 */
@Command(
    name = "feedback",
    mixinStandardHelpOptions = true,
    description =
        "Summarise the Telegram users' thumbs up and down, or export the thumbs down as a"
            + " questions file (eval format, \"expect\" left empty for a maintainer to fill in).")
final class FeedbackCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The 👎 listed by the summary at most. */
  private static final int LISTED = 20;

  @ParentCommand AstanaQa root;
  @Spec CommandSpec spec;

  @Option(
      names = "--export",
      paramLabel = "FILE",
      description =
          "Write each question that got a thumbs down (once, however many) to FILE as JSON"
              + " lines.")
  Path export;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path data = Path.of(root.config().dataDir());
    if (Files.exists(data) && !Files.isDirectory(data)) {
      // "0 thumbs up, 0 thumbs down in /etc/passwd/telegram-feedback" said no one had said a word
      throw new ConfigException(
          "the data folder "
              + data
              + " is a file, not a folder, so it holds no feedback; set dataDir in the"
              + " configuration to the bot's data folder");
    }
    Path file = data.resolve(FeedbackStore.FILE);
    if (Files.exists(file) && !(Files.isRegularFile(file) && Files.isReadable(file))) {
      // Counting nothing would say "0 thumbs down" of feedback that is there.
      throw new ConfigException(
          "cannot read the feedback file "
              + file
              + ": it is "
              + (Files.isDirectory(file) ? "a folder" : "not readable")
              + "; check dataDir in the configuration and the file's permissions");
    }
    List<FeedbackStore.Feedback> all = FeedbackStore.read(file);
    List<FeedbackStore.Feedback> down = all.stream().filter(FeedbackStore.Feedback::down).toList();
    if (export == null) {
      out.printf(
          Locale.ROOT,
          "%d thumbs up, %d thumbs down in %s%n",
          all.size() - down.size(),
          down.size(),
          file);
      for (int i = down.size() - 1; i >= Math.max(0, down.size() - LISTED); i--) {
        FeedbackStore.Feedback f = down.get(i);
        // a Telegram user's words, one line each and shown, not run: a question of two lines
        // split its press over two, and an escape sequence in it ("\u001b[2J") cleared the
        // maintainer's terminal
        out.printf(
            Locale.ROOT,
            "%s  %s  (quoted %s, confidence %.2f)%n",
            shown(f.at()),
            shown(f.question()),
            shown(f.doc()),
            f.confidence());
      }
      return ExitCodes.OK;
    }
    if (down.isEmpty()) {
      out.printf("No thumbs down in %s yet; %s not written.%n", file, export);
      return ExitCodes.OK;
    }
    if (export.toString().isBlank()) {
      throw new ConfigException("--export is empty; give the name of a new file to write");
    }
    if (Files.isDirectory(export)) {
      throw new ConfigException(
          export + " is a folder; give the name of a new file (in it, or elsewhere) to write");
    }
    if (Files.exists(export, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw exists();
    }
    // One line per question, however many chats pressed 👎 under it; the latest press tells of it.
    // A press without a question (a line written by hand, or a blank one) is no question to ask
    // again: it stopped the export with a NullPointerException, and a blank one was written as an
    // empty "q", which eval refuses.
    Map<String, List<FeedbackStore.Feedback>> byQuestion = new LinkedHashMap<>();
    int withoutQuestion = 0;
    for (FeedbackStore.Feedback f : down) {
      if (f.question() == null || f.question().isBlank()) {
        withoutQuestion++;
        continue;
      }
      byQuestion.computeIfAbsent(f.question().strip(), k -> new ArrayList<>()).add(f);
    }
    String leftOut =
        withoutQuestion == 0
            ? ""
            : String.format(Locale.ROOT, "; %d without a question left out", withoutQuestion);
    if (byQuestion.isEmpty()) {
      out.printf(
          "No thumbs down with a question in %s (%d without one); %s not written.%n",
          file, withoutQuestion, export);
      return ExitCodes.OK;
    }
    StringBuilder sb = new StringBuilder();
    for (List<FeedbackStore.Feedback> presses : byQuestion.values()) {
      FeedbackStore.Feedback last = presses.get(presses.size() - 1);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("q", last.question());
      line.put("expect", List.of()); // the words a right quote holds, or "none": true: for a person
      line.put("docs", List.of()); // never the quoted document: users said it was wrong
      line.put("kind", "feedback");
      Map<String, Object> said = new LinkedHashMap<>();
      said.put("thumbsDown", presses.size());
      if (last.asked() != null) {
        said.put("asked", last.asked()); // a follow-up's own words; "q" is its rewrite
      }
      said.put("at", last.at());
      said.put("quotedDoc", last.doc());
      said.put("quote", last.quote());
      said.put("passage", last.passage());
      said.put("confidence", last.confidence());
      line.put("feedback", said);
      sb.append(JSON.writeValueAsString(line)).append('\n');
    }
    try {
      if (export.toAbsolutePath().getParent() != null) {
        Files.createDirectories(export.toAbsolutePath().getParent());
      }
      // one exclusive create: a file made since the check above is never replaced
      DurableFiles.createNew(export, sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      if (!e.getFile().equals(export.toString())) {
        throw new ConfigException(
            "cannot write " + export + ": " + IoErrors.reason(e, export) + "; give another file",
            e);
      }
      throw exists();
    } catch (IOException e) {
      throw new ConfigException(
          "cannot write " + export + ": " + IoErrors.reason(e, export) + "; give another file", e);
    }
    out.printf(
        Locale.ROOT,
        "Wrote %d question%s (from %d thumbs down%s) to %s. Fill in each \"expect\" (the"
            + " words a right quote holds) or set \"none\": true, then run: eval %s%n",
        byQuestion.size(),
        byQuestion.size() == 1 ? "" : "s",
        down.size(),
        leftOut,
        export,
        export);
    return ExitCodes.OK;
  }

  private ConfigException exists() {
    return new ConfigException(
        export + " already exists (a maintainer may have filled it in); give a new file name");
  }

  /**
   * A field of a press on one line ({@link ConsoleRenderer#oneLine}), or "?" when its line of the
   * file has none (a line written by hand): shown on one line, such a press stopped the command
   * with a NullPointerException.
   */
  private static String shown(String field) {
    return field == null ? "?" : ConsoleRenderer.oneLine(field);
  }
}
