package org.astanaqa.retrieval;

import java.util.Locale;

/**
 * How fast the files of one format had their text extracted in a build.
 *
 * @param format the file extension, such as {@code pdf} or {@code html}
 * @param files files read
 * @param bytes their size
 * @param nanos time spent extracting their text (reading the bytes from disk not included)
 */
public record Extraction(String format, int files, long bytes, long nanos) {
  public double filesPerSecond() {
    return nanos == 0 ? 0 : files / (nanos / 1e9);
  }

  public double megabytesPerSecond() {
    return nanos == 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s: %d files, %.1f MB in %.2f s (%.1f files/s, %.2f MB/s)",
        format,
        files,
        bytes / 1e6,
        nanos / 1e9,
        filesPerSecond(),
        megabytesPerSecond());
  }
}
