package org.astanaqa.retrieval.text;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom a passage means by a title alone: a statement thanks "Special Envoy Staffan de Mistura" in
 * its first paragraph and later wishes "the Special Envoy a fruitful visit to Damascus"; news names
 * "the head of the Russian delegation at talks in Astana, Alexander Lavrentyev" once, then writes
 * "The head of the Russian delegation at Astana talks said ...". Asked "de mistura damascus visit",
 * the passage that answers shares neither word of the name; read with the person its title means,
 * as with its speaker ({@link Speakers}), it does.
 *
 * <p>Read a document's passages in order, {@link #next} learns each title the text gives a name
 * ("Special Envoy Staffan de Mistura", "President Nursultan Nazarbayev", "the UN Special Envoy for
 * Syria, Staffan de Mistura,", "the head of the Russian delegation ..., Alexander Lavrentyev,") and
 * gives a passage the person whose title it uses after "the" without saying his last name. A title
 * the document gives two people means neither. A heuristic, not a parser: it adds nothing to a
 * passage that uses no title the document tied to a name.
 */
public final class TitledNames {
  /** An office written with a capital: "Envoy" of "Special Envoy", "Secretary-General". */
  private static final String OFFICE =
      "(?:Envoy|President|Minister|Secretary-General|Secretary|Ambassador|Chairman|Chairwoman"
          + "|Chairperson|Director|Commissioner|Representative|Coordinator|Chancellor|Spokesman"
          + "|Spokeswoman|Spokesperson|Mediator|Emir|King|Queen|Prince|Senator|Governor|Mayor"
          + "|Adviser|Advisor|Rapporteur|Premier)";

  /** A capitalised word before the office that is part of the title: "Special", "Foreign". */
  private static final String MODIFIER = "(?:\\p{Lu}[\\p{L}\\-]*\\s+)";

  /** A capitalised word of a name ("O'Brien" whole), its possessive left out. */
  private static final String WORD = "\\p{Lu}(?:['’]\\p{Lu})?\\p{Ll}[\\p{Ll}\\-]*";

  /**
   * A person's name: a few capitalised words, with the particles of "Staffan de Mistura"; a
   * courtesy title before it is left out ("President Mr. X" is X).
   */
  private static final String NAME =
      "(?:(?:Mr|Ms|Mrs|Dr)\\.?\\s+)?((?:"
          + Speakers.PARTICLE
          + "\\s+)?"
          + WORD
          + "(?:\\s+(?:"
          + Speakers.PARTICLE
          + "[\\s\\-]+)?"
          + WORD
          + "){0,3})(?!\\p{L})";

  /**
   * A title and the name it is given: "Special Envoy Staffan de Mistura" (group 1 the title, 2 the
   * name), or as an apposition, "the UN Special Envoy for Syria, Staffan de Mistura," (3 and 4).
   */
  private static final Pattern GIVEN =
      Pattern.compile(
          "\\b("
              + MODIFIER
              + "{0,3}"
              + OFFICE
              + ")\\s+"
              + NAME
              + "|\\bthe\\s+("
              + MODIFIER
              + "{0,3}"
              + OFFICE
              + ")(?:\\s+(?:for|of|to|in)\\s+(?:the\\s+)?\\p{Lu}[\\p{L}\\-]*(?:\\s+\\p{Lu}[\\p{L}\\-]*)?)?"
              + ",\\s+"
              + NAME);

  /**
   * A delegation's head named in apposition: "the head of the Russian delegation at talks in
   * Astana, Alexander Lavrentyev," (group 1 the title, 2 the name).
   */
  private static final Pattern HEAD =
      Pattern.compile(
          "\\b((?:[Hh]ead|[Cc]hief|[Ll]eader)\\s+of\\s+the\\s+(?:[\\p{L}\\-]+\\s+){1,3}?delegation)"
              + "[^,.;:!?\"“”]{0,40},\\s+"
              + NAME);

  /** Words before a title that say its holder held it once: "former", "the late". */
  private static final Pattern FORMER =
      Pattern.compile("\\b(?:former|late|then|ex-|past)\\s*$", Pattern.CASE_INSENSITIVE);

  /** A title that says its holder held it once: "Former Secretary-General". */
  private static final Pattern FORMER_TITLE =
      Pattern.compile("^(?:former|late|ex-|past)\\b", Pattern.CASE_INSENSITIVE);

  /** A capitalised word, to tell a headline in title case ("Envoy Meets Lavrov In Moscow"). */
  private static final Pattern CAPITALISED = Pattern.compile("\\b\\p{Lu}");

  private static final Pattern WORDS = Pattern.compile("\\b\\p{L}");

  /** A title known to mean two people; it means neither. */
  private static final String AMBIGUOUS = "";

  /** Title -> the name the document gave it; capitalised titles as written, heads in lower case. */
  private final Map<String, String> names = new LinkedHashMap<>();

  /** Each title's {@link #usedAlone} pattern, compiled once a document. */
  private final Map<String, Pattern> uses = new java.util.HashMap<>();

  /**
   * The people {@code passage}, the next of its document, means by a title alone, one a line; ""
   * when it uses none the document tied to a name, or names them itself.
   */
  public String next(String passage) {
    learn(passage);
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : names.entrySet()) {
      String name = e.getValue();
      if (name.equals(AMBIGUOUS)
          || passage.contains(surname(name))
          || out.indexOf(name) >= 0
          || !passage.contains(lastWord(e.getKey()))
          || !usedAlone(passage, e.getKey())) {
        continue;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(name);
    }
    return out.toString();
  }

  /**
   * Learns the titles {@code passage} gives names; a capitalised title with each shorter one its
   * last words make ("Special Envoy" and "Envoy" of "UN Special Envoy").
   */
  private void learn(String passage) {
    long all = WORDS.matcher(passage).results().count();
    if (all > 0 && CAPITALISED.matcher(passage).results().count() * 10 >= all * 6) {
      // a headline in title case: "UN Special Envoy Staffan de Mistura Meets Lavrov In Moscow"
      // would name "Staffan de Mistura Meets Lavrov"
      return;
    }
    Matcher m = GIVEN.matcher(passage);
    while (m.find()) {
      String title = m.group(1) != null ? m.group(1) : m.group(3);
      if (FORMER.matcher(passage.substring(Math.max(0, m.start() - 12), m.start())).find()
          || FORMER_TITLE.matcher(title).find()) {
        continue; // "former Secretary-General Kofi Annan" holds the title no longer
      }
      String name = m.group(2) != null ? m.group(2) : m.group(4);
      String[] words = title.trim().split("\\s+");
      for (int i = 0; i < words.length; i++) {
        remember(String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length)), name);
      }
    }
    Matcher h = HEAD.matcher(passage);
    while (h.find()) {
      remember(h.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " "), h.group(2));
    }
  }

  /** Ties the title to the name; a title tied to another name before means neither. */
  private void remember(String title, String name) {
    if (!Speakers.person(name)) {
      return;
    }
    String before = names.get(title);
    if (before == null || sameMan(before, name)) {
      // the longer name stays: "Staffan de Mistura" after "de Mistura"
      names.put(title, before != null && before.length() > name.length() ? before : name);
    } else {
      names.put(title, AMBIGUOUS);
    }
  }

  private static boolean sameMan(String a, String b) {
    return !a.isEmpty() && surname(a).equals(surname(b));
  }

  /**
   * Whether {@code passage} uses {@code title} after "the" (with up to three capitalised words
   * between: "the United Nations Special Envoy") and with no name after it.
   */
  private boolean usedAlone(String passage, String title) {
    Matcher m = uses.computeIfAbsent(title, TitledNames::use).matcher(passage);
    while (m.find()) {
      // "The Syrian President said" after "President Putin": another country's president
      String between = m.group(1) == null ? "" : m.group(1);
      boolean country = false;
      for (String w : between.trim().split("\\s+")) {
        country |= !w.isEmpty() && Countries.countryOf(w) != null;
      }
      if (!country) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where a passage uses {@code title} after "the" with no name after it; group 1 the capitalised
   * words between them ("United Nations" of "the United Nations Special Envoy").
   */
  private static Pattern use(String title) {
    boolean head = Character.isLowerCase(title.charAt(0));
    String quoted = Pattern.quote(title).replace(" ", "\\E\\s+\\Q");
    return Pattern.compile(
        head
            // "The head of the Russian delegation at Astana talks said"
            ? "(?i:\\bthe\\s+()" + quoted + ")(?![\\p{L}\\-])"
            : "\\b[Tt]he\\s+("
                + MODIFIER
                + "{0,3})"
                + quoted
                + "(?!\\s+"
                + WORD
                + ")(?![\\p{L}\\-])"
                // "the Prime Minister of Pakistan" is another prime minister; "the Special Envoy
                // for his visit" is the one named
                + "(?!\\s+(?:of|for)\\s+(?:the\\s+)?\\p{Lu})");
  }

  private static String lastWord(String title) {
    return title.substring(title.lastIndexOf(' ') + 1);
  }

  private static String surname(String name) {
    return name.substring(name.lastIndexOf(' ') + 1);
  }
}
