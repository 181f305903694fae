package org.astanaqa.retrieval.corpus;

/** A corpus file whose text cannot be had; the message says why, for the index summary. */
final class UnusableFileException extends Exception {
  private static final long serialVersionUID = 1L;

  UnusableFileException(String reason) {
    super(reason);
  }
}
