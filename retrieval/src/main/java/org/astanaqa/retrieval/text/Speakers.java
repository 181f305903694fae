package org.astanaqa.retrieval.text;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who speaks in a passage that does not name them: news names a speaker once ("the head of the
 * Russian delegation, Alexander Lavrentyev, said on Monday") and then writes "he said" or "said the
 * diplomat, who is also Russian president's special envoy for Syria". A question about Lavrentyev's
 * other post shares no word with that passage; read with its speaker, as with its document's title,
 * it does.
 *
 * <p>Read a document's passages in order, {@link #next} gives each passage the speaker it leans on:
 * the last person named as saying something ("X said", "said X", "according to X"), when the
 * passage refers to someone as "he", "she" or "the diplomat" and names no speaker itself; otherwise
 * none. A heuristic, not a parser: it is right for the way news and statements attribute speech,
 * and adds nothing to a passage that does not lean on anyone.
 */
public final class Speakers {
  /** The lower-case particles inside a name: "Staffan de Mistura", "Abu Bakr al-Baghdadi". */
  public static final Set<String> NAME_PARTICLES =
      Set.of(
          "de", "da", "di", "du", "del", "der", "van", "von", "al", "el", "bin", "ibn", "le", "la");

  /** A particle inside a name ({@link #NAME_PARTICLES}), as a regex alternation. */
  public static final String PARTICLE = "(?:" + String.join("|", NAME_PARTICLES) + ")";

  /**
   * A capitalised word of a name, "O'Brien" whole: without the second capital after the apostrophe
   * it was read as "O'" ("said Patrick O'Brien") or as "Brien" ("O'Brien said").
   */
  private static final String WORD = "\\p{Lu}(?:['’]\\p{Lu})?[\\p{Ll}'’\\-]+";

  /** A person's name, with its courtesy title left out ("Mr. de Mistura" is "de Mistura"). */
  private static final String NAME =
      "(?:(?:Mr|Ms|Mrs|Dr)\\.?\\s+)?((?:"
          + PARTICLE
          + "\\s+)?"
          + WORD
          + "(?:\\s+(?:"
          + PARTICLE
          + "[\\s\\-]+)?"
          + WORD
          // a name has a few words; each repetition is a frame of the regex engine's stack, and a
          // passage of 1,500 capitalised words in a row overflowed it
          + "){0,5})";

  /** Verbs that attribute speech, as a regex alternation. */
  public static final String SAYS =
      "(?:said|says|told|added|noted|stressed|stated|explained|emphasi[sz]ed|underlined|went on"
          + "|continued|remarked|recalled|announced|declared|warned|urged|pointed out)";

  private static final Pattern NAMED =
      Pattern.compile(
          NAME
              + ",?\\s+"
              + SAYS
              + "\\b"
              + "|\\b"
              + SAYS
              + "\\s+"
              + NAME
              + "|\\b[Aa]ccording to "
              + NAME);

  /** A reference to someone named before. */
  private static final Pattern LEANS =
      Pattern.compile(
          "\\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\\b"
              + "|\\bthe (?:diplomat|envoy|official|spokes(?:man|woman|person)|mediator"
              + "|negotiator)\\b");

  private String last = "";

  /**
   * The speaker {@code passage}, the next of its document, leans on; "" when it names its own or
   * refers to nobody.
   */
  public String next(String passage) {
    String named = null;
    Matcher m = NAMED.matcher(passage);
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (person(name)) {
        named = name;
      }
    }
    if (named != null) {
      // "Lavrentyev said" after "Alexander Lavrentyev, said": the same man, by his full name
      last = last.endsWith(" " + named) ? last : named;
      return "";
    }
    if (last.isEmpty() || passage.contains(surname(last)) || !LEANS.matcher(passage).find()) {
      return ""; // "would help Mr. de Mistura with his role" names whom "his" means
    }
    return last;
  }

  /** A reference to someone named before, said to be someone: "the diplomat, who is also". */
  private static final Pattern IDENTIFIED =
      Pattern.compile(
          "(?:\\b(?:[Hh]e|[Ss]he)|\\bthe (?:diplomat|envoy|official|spokes(?:man|woman|person)"
              + "|mediator|negotiator)),?\\s+(?:who\\s+)?(?:is|was|has been|had been)"
              + "(?:\\s+also)?\\b");

  /**
   * Whether {@code text} says who someone named before it is ("the diplomat, who is also Russian
   * president's special envoy", "he is the head of"): in a passage that leans on a speaker ({@link
   * #next}), it says so of that speaker. "He said the leader had been killed" says it of no one.
   */
  public static boolean identifies(String text) {
    return IDENTIFIED.matcher(text).find();
  }

  /**
   * The people {@code text} names as saying something ("Alexander Lavrentyev, said", "told
   * reporters ... according to de Mistura"), and the speaker of a statement that opens with its
   * name ("Mr. Umarov (Kazakhstan): We join others ..."), as written.
   */
  public static java.util.List<String> named(String text) {
    java.util.List<String> out = new java.util.ArrayList<>();
    Matcher opener = OPENER.matcher(text);
    if (opener.lookingAt()) {
      out.add(opener.group(1));
    }
    Matcher m = NAMED.matcher(text);
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (person(name)) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * A statement's opening, its speaker's name, country and language: "Mr. Umarov (Kazakhstan):",
   * "Mr. Nebenzia (Russian Federation) (spoke in Russian):".
   */
  private static final Pattern OPENER =
      Pattern.compile("\\s*" + NAME + "(?:\\s*\\(([^)]{1,60})\\))?(?:\\s*\\([^)]{1,60}\\))?\\s*:");

  /**
   * Where the speaker's name ends in a statement's opening and the first bracket after it, which
   * holds the country: "Mr. Umarov (Kazakhstan):" is {@code (nameEnd 10, "Kazakhstan")}.
   */
  public record Opener(int nameEnd, String country) {}

  /** The opening of the statement {@code text} starts with, if it starts with one. */
  public static java.util.Optional<Opener> opener(String text) {
    Matcher m = OPENER.matcher(text);
    return m.lookingAt() && m.group(2) != null
        ? java.util.Optional.of(new Opener(m.end(1), m.group(2).trim()))
        : java.util.Optional.empty();
  }

  /** The last word of a speaker's name: "Umarov" of "Mr. Umarov". */
  public static String surname(String name) {
    return name.substring(name.lastIndexOf(' ') + 1);
  }

  /** Not a pronoun, a country or its capital ("He said", "Russia said", "Moscow said"). */
  static boolean person(String name) {
    String first = name.split("\\s+")[0].toLowerCase(Locale.ROOT);
    // the function words hold the pronouns: "He said", "We said"
    return !Analyzers.FUNCTION_WORDS.contains(first)
        && Countries.countryOf(name) == null
        && Countries.countryOf(first) == null;
  }
}
