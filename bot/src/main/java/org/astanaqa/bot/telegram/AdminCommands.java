package org.astanaqa.bot.telegram;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.astanaqa.bot.logging.Secrets;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.telegram.receive.LongWork;
import org.astanaqa.retrieval.IndexReport;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admins' commands, each answered with one message of HTML: /stats (questions, latency, the
 * index), /feedback (the latest 👎) and /reindex. Whether the sender is an admin is checked by the
 * caller ({@link Access}).
 */
final class AdminCommands {
  private static final Logger log = LoggerFactory.getLogger(AdminCommands.class);

  /** 👎 shown by /feedback at most: one message. */
  static final int FEEDBACK_SHOWN = 20;

  /** Rebuilds the index and switches to it; returns a one-line summary. */
  @FunctionalInterface
  interface Reindexer {
    String reindex() throws Exception;
  }

  private final Supplier<QuestionAnswerer> answerer;
  private final BotStats stats;
  private final FeedbackStore feedback;
  private final Reindexer reindexer;

  AdminCommands(
      Supplier<QuestionAnswerer> answerer,
      BotStats stats,
      FeedbackStore feedback,
      Reindexer reindexer) {
    this.answerer = answerer;
    this.stats = stats;
    this.feedback = feedback;
    this.reindexer = reindexer;
  }

  /** /stats: questions, not found and latency since start, and the index's size. */
  String stats() {
    return TelegramHtml.escape(stats.summary() + " " + indexLine());
  }

  /** /reindex: the summary of the rebuild, or why it failed (the old index stays in use). */
  String reindex() {
    return TelegramHtml.escape(rebuild());
  }

  /** The index's size and how far its passage vectors are, for /stats. */
  private String indexLine() {
    IndexReport r = answerer.get().report();
    String vectors =
        r.model() == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; passage vectors %d of %d (%.0f%%)",
                r.passagesWithVectors(),
                r.passages(),
                100.0 * r.passagesWithVectors() / Math.max(1, r.passages()));
    return String.format(
        Locale.ROOT, "Index: %d documents, %d passages%s.", r.documents(), r.passages(), vectors);
  }

  private String rebuild() {
    try {
      // Minutes of CPU on a large corpus, deaf to a stop's interrupt: no hang (LongWork).
      String summary = LongWork.run(reindexer::reindex);
      log.info("reindexed on an admin's request: {}", summary);
      return summary;
    } catch (Exception e) {
      if (stoppedBy(e)) {
        // The bot is stopping: the journal runs this /reindex again after the restart.
        Thread.currentThread().interrupt();
        log.info("reindex stopped by the bot's stop; it runs again after the restart");
        return "Reindexing stopped: the bot is stopping, and will reindex when it is back; the old"
            + " index is still in use.";
      }
      log.error("reindex failed", e);
      return "Reindexing failed ("
          + Secrets.mask(String.valueOf(e.getMessage()))
          + "); the old index is still in use.";
    }
  }

  /**
   * Whether a stop's interrupt ended the work: the thread is interrupted, or the failure is an
   * interrupt however wrapped (Lucene's ThreadInterruptedException holds it as its cause; a channel
   * closed by it).
   */
  private static boolean stoppedBy(Throwable e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof java.nio.channels.ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }

  /**
   * /feedback: the latest 👎 with their questions, in one message. It counts the presses on disk
   * and those the disk refused so far, saying how many of them are not on disk yet.
   */
  String feedback() {
    int[] counts = feedback.counts();
    List<FeedbackStore.Feedback> down = feedback.latestDown(FEEDBACK_SHOWN);
    int pending = feedback.pending();
    String waiting =
        pending == 0 ? "" : String.format(Locale.ROOT, UxTexts.FEEDBACK_WAITING, pending);
    if (down.isEmpty()) {
      return String.format(Locale.ROOT, UxTexts.FEEDBACK_NONE, counts[0]) + waiting;
    }
    StringBuilder sb =
        new StringBuilder(
            String.format(Locale.ROOT, UxTexts.FEEDBACK_HEADING, down.size(), counts[0], counts[1])
                + waiting);
    for (FeedbackStore.Feedback f : down) {
      String line =
          "\n"
              + String.format(
                  Locale.ROOT,
                  UxTexts.FEEDBACK_LINE,
                  TelegramHtml.escape(Wording.shorten(f.question(), 200)),
                  TelegramHtml.escape(f.doc()),
                  f.confidence(),
                  TelegramHtml.escape(f.at().substring(0, Math.min(16, f.at().length()))));
      if (sb.length() + line.length() > TelegramHtml.MAX_MESSAGE) {
        break; // capped to one message; the export command has them all
      }
      sb.append(line);
    }
    return sb.toString();
  }
}
