package org.astanaqa.bot.telegram.receive;

import java.util.concurrent.Callable;

/**
 * Work the bot knows to take long and to keep running through a stop's interrupt: an admin's
 * /reindex reads the whole corpus again and computes passage vectors, minutes of CPU on a large
 * corpus in code that never looks at the thread's interrupt (the document parsers, the embedding
 * model). A stop finds it still running when the journal closes, and that is no hang: the update's
 * start is taken back, as for an answer the stop interrupted ({@link UpdateJournal#close}), and the
 * restart answers it again. Counted as a hang, as any answer still running at the close is, two
 * stops during a reindex gave the /reindex up after the restart, its admin told to try again. A
 * process that dies during it (a {@code kill -9}, an OutOfMemoryError) still counts against it, as
 * that start was forced to the journal before the work began.
 *
 * <p>Outside an update's answering (a test calling the handler directly) it only runs the work.
 */
public final class LongWork {
  private LongWork() {}

  /** Runs {@code work} for the update answered on this thread, as long work ({@link LongWork}). */
  public static <T> T run(Callable<T> work) throws Exception {
    SentParts current = SentParts.current();
    UpdateJournal journal = current.journal();
    UpdateJournal.Entry entry = current.entry();
    if (journal == null) {
      return work.call();
    }
    journal.longWork(entry, true);
    try {
      return work.call();
    } finally {
      journal.longWork(entry, false);
    }
  }
}
