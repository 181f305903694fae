package org.astanaqa.retrieval;

/**
 * A half-open character range {@code [start, end)} in a quote's text.
 *
 * @param start first character
 * @param end one past the last character
 */
public record Span(int start, int end) {
  public Span {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }
}
