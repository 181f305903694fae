package org.astanaqa.retrieval;

import java.util.Objects;

/**
 * A few consecutive sentences of one document, as indexed and quoted.
 *
 * <p>{@code text} is the document's text with hard line wraps joined and white space folded; {@code
 * start} and {@code end} locate it in the original file's characters.
 *
 * @param source the document the passage belongs to
 * @param ordinal the passage's position in its document, from 0
 * @param text the passage text
 * @param start offset of the first character in the document text
 * @param end offset after the last character in the document text
 * @param speaker the person the passage quotes without naming ("he said", "said the diplomat"),
 *     named earlier in its document ({@link org.astanaqa.retrieval.text.Speakers}); "" for none
 * @param titled the people the passage means by a title alone ("the Special Envoy"), given that
 *     title with their name earlier in its document ({@link
 *     org.astanaqa.retrieval.text.TitledNames}), one a line; "" for none
 */
public record Passage(
    Source source, int ordinal, String text, int start, int end, String speaker, String titled) {
  public Passage {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(titled, "titled");
    if (ordinal < 0 || start < 0 || end < start) {
      throw new IllegalArgumentException(
          "bad passage position: ordinal=" + ordinal + " start=" + start + " end=" + end);
    }
  }

  /** A passage that means nobody by a title alone. */
  public Passage(Source source, int ordinal, String text, int start, int end, String speaker) {
    this(source, ordinal, text, start, end, speaker, "");
  }

  /** A passage that quotes nobody it does not name. */
  public Passage(Source source, int ordinal, String text, int start, int end) {
    this(source, ordinal, text, start, end, "");
  }

  /**
   * What the passage is read with, as if written before it: its document's title, the country a
   * title that is a file name names by its ISO code ("ARM_73_2018.txt", a UN General Debate speech:
   * Armenia), the speaker it leans on, and the people it means by their title. A speech says "my
   * country", never its own name, so "What did Armenia say about Nagorno Karabakh?" found Armenia's
   * passage without the word "Armenia" and was "not found".
   */
  public String context() {
    String title = source.title() == null ? "" : source.title();
    for (String country : org.astanaqa.retrieval.text.Countries.ofFileName(title)) {
      title = title + "\n" + country;
    }
    String people = speaker.isEmpty() ? title : title + "\n" + speaker;
    return titled.isEmpty() ? people : people + "\n" + titled;
  }
}
