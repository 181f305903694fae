package org.astanaqa.bot.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.astanaqa.bot.logging.ChatTag;
import org.astanaqa.bot.telegram.receive.UpdateJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 👍 and 👎 pressed under answers, kept so that real misses can become regression questions.
 *
 * <p>An {@link AppendOnlyFile} of JSON lines, one press a line, each written and forced to the
 * device before the press is acknowledged to the user, so a {@code kill -9} or a restart keeps it
 * (as {@link UpdateJournal} keeps updates). A second press by the same user in the same chat on the
 * same answer is a new line; reading keeps the last one. A torn last line (a crash mid-write) is
 * skipped when read. Chats are named only by their {@link ChatTag} (an HMAC with the install's
 * secret), users only by a hash of their chat's tag and their own ({@link Feedback#voterOf}); no
 * name or user id is ever written.
 *
 * <p>A press the disk refuses (a full disk, a read-only data folder) is kept in memory and waits:
 * it is written, with the others waiting in the order they were pressed, in the same forced append
 * as the next press the disk takes, before that press; closing the store (the bot stopping) tries
 * once more. A user's press on an answer they pressed under already replaces their earlier press in
 * the wait (it moves to the end), so each slot waits once; at most {@link #MAX_WAITING} wait, the
 * oldest dropped beyond that (lost, and the ERROR says how many). Only a press still waiting when
 * the bot stops, or at a {@code kill -9}, or dropped, is lost; the ERROR at close says how many. A
 * press after the close (a worker still answering while the bot stops) is not written: the file
 * stays closed. The user of a press not written at the time is told it was not saved, though it may
 * be written later. A failed append may have left some of its lines on disk; they are written
 * again, and reading keeps one of each (the last press of a chat on an answer).
 *
 * <p>The admin's /feedback ({@link #counts}, {@link #latestDown}) counts what the users pressed:
 * the presses on disk and those waiting, and says how many are waiting ({@link #pending}), as the
 * {@code feedback} command, which reads the file, does not see those until they are written.
 */
public final class FeedbackStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedbackStore.class);
  private static final ObjectMapper JSON =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

  /** The store's file name in the data folder. */
  public static final String FILE = "telegram-feedback";

  /**
   * One press.
   *
   * @param answer the answer and quote pressed under ({@code key:index}; keys are never reused)
   * @param chat the chat's hash
   * @param vote {@code up} or {@code down}
   * @param at when, as an ISO-8601 instant
   * @param question the question answered: a follow-up's as the bot rewrote it ("Who signed the
   *     Sochi memorandum?" for "who signed it?"), which the answer quoted for and which asks the
   *     same on its own; any other question as asked
   * @param doc the quoted document's id
   * @param quote the quote shown
   * @param passage the whole passage the quote came from
   * @param confidence the answer's confidence
   * @param voter who pressed: a hash of the chat's tag and the user's ({@link #voterOf}), never a
   *     user id; null in a line written before voters were kept, whose press was the chat's
   * @param asked a follow-up's words as its user wrote them ("who signed it?"), when {@code
   *     question} is its rewrite; null otherwise, and in lines written before, whose question was
   *     always as asked
   */
  public record Feedback(
      String answer,
      String chat,
      String vote,
      String at,
      String question,
      String doc,
      String quote,
      String passage,
      double confidence,
      String voter,
      String asked) {
    public Feedback {
      if (!"up".equals(vote) && !"down".equals(vote)) {
        throw new IllegalArgumentException("vote must be up or down: " + vote);
      }
    }

    /** A press on an answer to a question answered as asked (no follow-up's rewrite). */
    public Feedback(
        String answer,
        String chat,
        String vote,
        String at,
        String question,
        String doc,
        String quote,
        String passage,
        double confidence,
        String voter) {
      this(answer, chat, vote, at, question, doc, quote, passage, confidence, voter, null);
    }

    /** A press of no known voter: the chat's, as before voters were kept. */
    public Feedback(
        String answer,
        String chat,
        String vote,
        String at,
        String question,
        String doc,
        String quote,
        String passage,
        double confidence) {
      this(answer, chat, vote, at, question, doc, quote, passage, confidence, null);
    }

    /**
     * Names who pressed without naming them: 12 hex digits of a SHA-256 of the chat's tag and the
     * user's (each an HMAC under the installation's secret, {@code ChatTag}), so that it is the
     * same for a member's every press in a chat, cannot be reversed by hashing candidate ids, and
     * does not match the user's own private chat's tag in the logs.
     */
    static String voterOf(String chatTag, String userTag) {
      return org.astanaqa.retrieval.util.Sha256.hex(chatTag + " " + userTag, 6);
    }

    public boolean down() {
      return vote.equals("down");
    }

    /**
     * The same voter pressing under the same answer replaces their earlier press. In a group each
     * member votes: the slot was the chat's, and every member's press replaced the one before.
     */
    String slot() {
      return answer + " " + chat + (voter == null ? "" : " " + voter);
    }
  }

  /** The most presses that wait for the disk; beyond it the oldest are dropped. */
  static final int MAX_WAITING = 1000;

  private final Path file;
  private final Map<String, Feedback> latest;
  private final AppendOnlyFile out;

  /**
   * Presses the disk refused, the latest per slot ({@link Feedback#slot}), in the order pressed, to
   * be written before the next one.
   */
  private final LinkedHashMap<String, Feedback> waiting = new LinkedHashMap<>();

  /** Presses dropped from the wait since the disk last took a write ({@link #MAX_WAITING}). */
  private int dropped;

  private boolean closed;

  private FeedbackStore(Path file, Map<String, Feedback> latest) {
    this.file = file;
    this.latest = latest;
    this.out = new AppendOnlyFile(file);
  }

  /** Opens the store at {@code file}, reading the presses kept so far. */
  static FeedbackStore open(Path file) {
    return new FeedbackStore(file, replay(file));
  }

  /** Every press kept in {@code file}, the last per chat and answer, oldest first. */
  public static List<Feedback> read(Path file) {
    return new ArrayList<>(replay(file).values());
  }

  private static Map<String, Feedback> replay(Path file) {
    Map<String, Feedback> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    int bad = 0;
    try {
      for (String line : UpdateJournal.linesOf(file)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          Feedback f = JSON.readValue(line, Feedback.class);
          putLast(out, f); // the order is the order of the latest presses
        } catch (JsonProcessingException | IllegalArgumentException e) {
          bad++;
        }
      }
    } catch (IOException e) {
      log.error("cannot read the feedback file {}: {}", file, e.toString());
    }
    if (bad > 0) {
      log.warn(
          "feedback file {}: {} unreadable line(s) skipped (a write cut short by a crash)",
          file,
          bad);
    }
    return out;
  }

  /**
   * Keeps a press, forced to the device before this returns, together with the presses the disk
   * refused so far (written first, in the order pressed). A write that fails is logged at ERROR and
   * the press kept in memory, waiting for the next write or the close (the user is told it was not
   * saved, to press again). After {@link #close} nothing is written: the press is refused and
   * logged. This never throws.
   *
   * @return whether the press is on disk
   */
  synchronized boolean record(Feedback f) {
    if (closed) {
      // The bot stops without waiting for the workers answering presses: this one came after the
      // close, which counted what is lost. Not written, so the file is not opened again.
      log.warn(
          "a feedback press came after the feedback file {} was closed (the bot stopping): not saved; the user"
              + " was told so",
          file);
      return false;
    }
    putLast(latest, f);
    int before = waiting.size();
    putLast(waiting, f); // pressed over: the earlier press need not be written at all
    try {
      writeWaiting();
      if (before > 0) {
        log.info(
            "the feedback file {} is writable again: {} press(es) the disk refused are written",
            file,
            before);
      }
      dropped = 0;
      return true;
    } catch (IOException | RuntimeException e) {
      dropOldest();
      log.error(
          "cannot write the feedback file {} ({}): this press waits in memory ({} press(es) in"
              + " all{}), written with the next press the disk takes or when the bot stops, lost if"
              + " the disk still refuses it then; the user was told it was not saved; free space or"
              + " fix the permissions of the data folder",
          file,
          e.toString(),
          waiting.size(),
          dropped == 0
              ? ""
              : "; "
                  + dropped
                  + " older press(es) dropped and lost, at most "
                  + MAX_WAITING
                  + " wait");
      return false;
    }
  }

  /**
   * Drops the oldest presses waiting beyond {@link #MAX_WAITING}. They are lost, so /feedback no
   * longer counts them either (an earlier press of the same slot on disk is then not counted until
   * the restart reads it).
   */
  private void dropOldest() {
    var oldest = waiting.values().iterator();
    while (waiting.size() > MAX_WAITING) {
      Feedback gone = oldest.next();
      oldest.remove();
      latest.remove(gone.slot(), gone);
      dropped++;
    }
  }

  /** Puts {@code f} as its slot's press, last in the map's order (a press again moves it). */
  private static void putLast(Map<String, Feedback> presses, Feedback f) {
    if (f.voter() != null) {
      // a line written before voters were kept is the chat's press, which a member's replaced
      // then: kept beside it, a private chat's one user counted twice
      presses.remove(f.answer() + " " + f.chat());
    }
    presses.remove(f.slot());
    presses.put(f.slot(), f);
  }

  /** Appends the presses waiting, in one forced write; they stop waiting once it returns. */
  private void writeWaiting() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (Feedback w : waiting.values()) {
      lines.append(JSON.writeValueAsString(w)).append('\n');
    }
    out.append(lines.toString());
    waiting.clear();
  }

  /**
   * How many of the presses {@link #counts} counts are not on disk yet (the {@code feedback}
   * command does not count them): the slots waiting, each with its latest press.
   */
  synchronized int pending() {
    return waiting.size();
  }

  /** The latest {@code max} 👎, newest first. */
  synchronized List<Feedback> latestDown(int max) {
    List<Feedback> down = new ArrayList<>();
    for (Feedback f : latest.values()) {
      if (f.down()) {
        down.add(0, f);
      }
    }
    return down.subList(0, Math.min(max, down.size()));
  }

  /** Presses kept: {@code [up, down]}. */
  synchronized int[] counts() {
    int up = 0;
    int down = 0;
    for (Feedback f : latest.values()) {
      if (f.down()) {
        down++;
      } else {
        up++;
      }
    }
    return new int[] {up, down};
  }

  /**
   * Writes the presses the disk refused, if it takes them now, and closes the file for good. Those
   * it still refuses are lost, and the ERROR says how many (as {@link #pending} counts them, and
   * those dropped before).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!waiting.isEmpty()) {
      int n = pending();
      try {
        writeWaiting();
        log.info("the feedback file {} is writable again: {} press(es) written", file, n);
      } catch (IOException | RuntimeException e) {
        log.error(
            "cannot write the feedback file {} ({}): {} press(es) the disk refused are lost{}; free"
                + " space or fix the permissions of the data folder",
            file,
            e.toString(),
            n,
            dropped == 0 ? "" : ", and " + dropped + " older one(s) dropped before");
        waiting.clear();
      }
    }
    out.close();
  }
}
