package org.astanaqa.bot.telegram;

import java.nio.file.Path;
import org.astanaqa.retrieval.util.IoErrors;
import org.slf4j.Logger;

/**
 * A store file's write failures, logged once until a write succeeds again: a full or read-only data
 * folder fails every write, and one warning says what the bot does meanwhile. Not thread-safe; its
 * store calls it under its own lock.
 */
final class WriteFailures {
  private final Logger log;
  private final Path path;
  private final String meanwhile;
  private boolean failing;

  /**
   * @param meanwhile what the bot does while the file cannot be written ("the buttons of answers
   *     sent now work until the bot stops")
   */
  WriteFailures(Logger log, Path path, String meanwhile) {
    this.log = log;
    this.path = path;
    this.meanwhile = meanwhile;
  }

  /** Whether the last write failed. */
  boolean failing() {
    return failing;
  }

  /** A write succeeded: logged once after failures. */
  void writable() {
    if (failing) {
      failing = false;
      log.info("{} is writable again", path);
    }
  }

  /** A write failed: logged the first time only. */
  void failed(Exception e) {
    if (!failing) {
      log.warn(
          "cannot write {} ({}): {}; free space or fix the permissions of the data folder",
          path,
          IoErrors.reason(e, path),
          meanwhile);
    }
    failing = true;
  }
}
