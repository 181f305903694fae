package org.astanaqa.retrieval.search;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a question leans on the one before it ("and Iran?", "when was that?", "who signed it?")
 * or stands on its own, by signals anyone can check: words that point back (pronouns, "that",
 * "there", "then"), an opening "and"/"what about", and how few words the corpus knows it names. A
 * Russian question is judged on its English translation, where "он", "это" and "а" become "he",
 * "that" and "and".
 */
public final class FollowUps {
  /** Words that point back to something said before. */
  private static final Set<String> POINTING =
      Set.of(
          "it", "its", "that", "this", "those", "these", "he", "him", "his", "she", "her", "they",
          "them", "their", "there", "then", "same", "such");

  /** Openings that continue the question before ("and Iran?", "what about Turkey?"). */
  private static final List<String> CONTINUING =
      List.of("and ", "also ", "what about ", "how about ", "but ", "or ");

  /** A question that names more corpus words than this stands on its own, pointing words or not. */
  private static final int MAX_KNOWN_TERMS = 2;

  private FollowUps() {}

  /**
   * Whether {@code question} (English, or a translation) leans on the question before it.
   *
   * @param knownTerms how many distinct words of the question the corpus has (question words and
   *     stop words not counted)
   */
  public static boolean leansOn(String question, int knownTerms) {
    String q = question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").strip();
    if (knownTerms == 0) {
      return true; // "when was that?", "why?": nothing of its own to search
    }
    if (knownTerms > MAX_KNOWN_TERMS) {
      return false;
    }
    boolean pointing = false;
    for (String w : q.split("\\s+")) {
      pointing |= POINTING.contains(w);
    }
    String padded = q + " ";
    boolean continuing = CONTINUING.stream().anyMatch(padded::startsWith);
    return pointing || continuing || knownTerms == 1 && q.split("\\s+").length <= 3;
  }
}
