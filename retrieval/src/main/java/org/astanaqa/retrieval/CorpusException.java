package org.astanaqa.retrieval;

/**
 * The corpus or the index cannot be used at all (missing folder, locked index). The message is
 * written for the person running the program: it says what is wrong and what to do.
 */
public class CorpusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorpusException(String message) {
    super(message);
  }

  public CorpusException(String message, Throwable cause) {
    super(message, cause);
  }
}
