package org.astanaqa.bot.telegram;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.astanaqa.bot.logging.ChatTag;
import org.astanaqa.retrieval.util.IoErrors;
import org.astanaqa.retrieval.util.LruMap;
import org.astanaqa.retrieval.util.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions of edited questions the bot has acted on, kept across restarts, so that an
 * edited_message carrying the text already answered is no new edit. Telegram sends one when a
 * message gets its first reaction, its text unchanged (tdlib/telegram-bot-api#388), and it carries
 * the edit_date of the message's last real edit: a question edited, then reacted to after a
 * restart, was answered a second time, the text it had been read with being remembered in memory
 * only.
 *
 * <p>A version is a message's edit_date (Telegram's time of its last edit, in seconds) and a short
 * hash of its text, so that two edits within one second are still two. One line a version in {@code
 * <dataDir>/}{@value #FILE}, an {@link AppendOnlyFile}: {@code chatTag messageId editDate
 * textHash}. The chat is named by its {@link ChatTag} (an HMAC under the installation's secret),
 * the text by 32 bits of its SHA-256; no chat id, text or name is written. The last {@value #KEPT}
 * messages are kept; once the file holds twice that many lines it is rewritten with those. A torn
 * line (a crash mid-write) is skipped when read. When the file cannot be written the versions are
 * kept in memory, as before, and the failure is logged once until a write succeeds again.
 */
final class QuestionEdits implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuestionEdits.class);

  /** The file's name in the data folder. */
  static final String FILE = "telegram-edits";

  /** Messages whose last version is kept. */
  static final int KEPT = UpdateHandler.REMEMBERED_REPLIES;

  private static final Pattern LINE =
      Pattern.compile("[0-9a-f]{12} \\d{1,10} \\d{1,10} [0-9a-f]{8}");

  private final AppendOnlyFile out;
  private final LongFunction<String> chatTags;

  /** "chatTag messageId" to "editDate textHash", least recently used first. */
  private final Map<String, String> versions = new LruMap<>(KEPT);

  /** Lines in the file. */
  private int lines;

  private final WriteFailures failures;

  private QuestionEdits(AppendOnlyFile out, LongFunction<String> chatTags) {
    this.out = out;
    this.failures =
        new WriteFailures(
            log,
            out.path(),
            "the edited questions answered are kept in memory only, and a"
                + " reaction to one after a restart may be answered again");
    this.chatTags = chatTags;
  }

  /**
   * Opens the versions kept in {@code dataDir}'s {@value #FILE}. An unreadable file is logged and
   * the bot starts from memory; this never throws.
   */
  static QuestionEdits open(Path dataDir, ChatTag chatTags) {
    QuestionEdits edits =
        new QuestionEdits(new AppendOnlyFile(dataDir.resolve(FILE)), chatTags::tag);
    edits.replay();
    return edits;
  }

  private void replay() {
    int bad = 0;
    try {
      List<String> all = out.lines();
      for (String line : all) {
        if (line.isBlank()) {
          continue;
        }
        if (!LINE.matcher(line).matches()) {
          bad++;
          continue;
        }
        String[] p = line.split(" ");
        versions.put(p[0] + " " + p[1], p[2] + " " + p[3]);
      }
      lines = all.size();
    } catch (IOException | RuntimeException e) {
      log.warn(
          "cannot read {} ({}); an edited question's reaction after this restart may be answered"
              + " again",
          out.path(),
          IoErrors.reason(e, out.path()));
    }
    if (bad > 0) {
      log.warn("{}: {} unreadable line(s) skipped (a write cut short by a crash)", out.path(), bad);
    }
    if (lines > 2 * KEPT) {
      compact();
    }
  }

  /**
   * Whether the message's text is the one the bot last acted on, in this run or an earlier one: an
   * edited_message with it asks nothing new, whatever its edit date. A reaction carries the last
   * edit's date, but an edit of the formatting alone (a word made bold) a later one, and matched by
   * date and text together such an edit after a restart was answered again, as a new reply under
   * the one that answers those words already; within a run the text read last decides, as here.
   */
  synchronized boolean actedOn(long chatId, int messageId, String text) {
    String kept = versions.get(key(chatId, messageId));
    return kept != null && kept.substring(kept.indexOf(' ') + 1).equals(textHash(text));
  }

  /**
   * Keeps this version of the message as acted on: written, and forced to the device, before this
   * returns. Never throws: a failed write is logged and the version kept in memory.
   */
  synchronized void acted(long chatId, int messageId, int editDate, String text) {
    String key = key(chatId, messageId);
    String version = version(editDate, text);
    if (version.equals(versions.put(key, version))) {
      return;
    }
    try {
      if (lines + 1 > 2 * KEPT) {
        compact();
        if (failures.failing()) {
          return; // logged
        }
      } else {
        out.append(key + " " + version + "\n");
        lines++;
      }
      failures.writable();
    } catch (IOException | RuntimeException e) {
      failures.failed(e);
    }
  }

  /** Rewrites the file with the versions kept, oldest first (this one included). */
  private void compact() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> v : versions.entrySet()) {
      sb.append(v.getKey()).append(' ').append(v.getValue()).append('\n');
    }
    try {
      out.replace(sb.toString());
      lines = versions.size();
      failures.writable();
    } catch (IOException | RuntimeException e) {
      failures.failed(e);
    }
  }

  private String key(long chatId, int messageId) {
    return chatTags.apply(chatId) + " " + messageId;
  }

  private static String version(int editDate, String text) {
    return Integer.toUnsignedString(editDate) + " " + textHash(text);
  }

  private static String textHash(String text) {
    return Sha256.hex(text == null ? "" : text, 4);
  }

  @Override
  public synchronized void close() {
    out.close();
  }
}
