package org.astanaqa.retrieval.answer;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.text.Countries;

/**
 * Whether a quote tells of another country than the one the question asks did something: "When did
 * Mongolia sign the Treaty on the Prohibition of Nuclear Weapons?" and "Kazakhstan signed the
 * Treaty ... on 2 March" share every word but the country; "How many refugees does Lebanon host?"
 * and Turkey's speech, "We are currently hosting 4 million refugees". On 40 UN General Debate
 * speeches both were likely answers (0.78, 0.56). A reader sees at once that the quote is another
 * country's.
 *
 * <p>The question has a country as the subject of its auxiliary ("does Lebanon host", "did the
 * United States sign"); neither the passage, its document's title or publisher, nor the country its
 * file name names by an ISO code ({@link Countries#ofFileName}) names that country; and the quote
 * names another country, or its document is another country's by its file name.
 */
public final class RivalCountries {
  private RivalCountries() {}

  /** The words after an auxiliary that opens a question: its subject and what follows. */
  private static final Pattern SUBJECT =
      Pattern.compile(
          "\\b(?:does|did|do|has|have|had|is|was|will|would|can|could)\\s+(?:the\\s+)?"
              + "(\\p{L}+(?:\\s+\\p{L}+){0,2})",
          Pattern.CASE_INSENSITIVE);

  /**
   * The question's words that name the country it asks did something, when {@code passage} and its
   * document do not name it and {@code quote} tells of another; empty otherwise.
   */
  public static Set<String> rivalled(String question, Passage passage, String quote) {
    Matcher m = SUBJECT.matcher(question);
    if (!m.find()) {
      return Set.of();
    }
    String[] words = m.group(1).split("\\s+");
    String country = null;
    String named = null;
    for (int n = words.length; n >= 1 && country == null; n--) {
      String candidate = String.join(" ", java.util.Arrays.copyOf(words, n));
      // a country's name, in capitals as a name is: "does Turkey host", not "does turkey taste"
      if (Character.isUpperCase(candidate.charAt(0)) && Countries.contains(candidate)) {
        country = Countries.countryOf(candidate);
        named = candidate.toLowerCase(Locale.ROOT);
      }
    }
    if (country == null) {
      return Set.of();
    }
    String title = Objects.toString(passage.source().title(), "");
    String source = title + " " + Objects.toString(passage.source().publisher(), "");
    java.util.List<String> byCode = Countries.ofFileName(passage.source().title());
    if (names(passage.text(), country) || names(source, country) || byCode.contains(country)) {
      return Set.of();
    }
    Set<String> others = new java.util.HashSet<>(Countries.in(quote));
    others.addAll(byCode);
    others.remove(country);
    return others.isEmpty() ? Set.of() : Set.of(named);
  }

  /** Whether {@code text} names {@code country}, or has a word that stands for it ("Iranian"). */
  private static boolean names(String text, String country) {
    if (Countries.in(text).contains(country)) {
      return true;
    }
    // names of two words or more, "United States", "Saudi Arabia"
    return country.indexOf(' ') > 0
        && (" " + String.join(" ", text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) + " ")
            .contains(" " + country + " ");
  }
}
