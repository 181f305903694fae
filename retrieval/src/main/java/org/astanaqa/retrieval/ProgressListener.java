package org.astanaqa.retrieval;

/** Told how far an index build has got, so a front end can draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total) -> {};

  /**
   * Called once before the first document is indexed, so a front end can say what it is doing
   * before the first, often slowest, document is done.
   *
   * @param total documents to index
   */
  default void started(int total) {}

  /**
   * Called after each document is indexed.
   *
   * @param done documents indexed so far
   * @param total documents to index
   */
  void progress(int done, int total);
}
