package org.astanaqa.retrieval.answer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.text.Countries;
import org.astanaqa.retrieval.text.Ordinals;

/**
 * Whether a quote speaks of another country's or another round's thing than the one the question
 * asks about: "Who headed the Syrian government delegation?" and a sentence about "the head of the
 * Russian delegation" share every word of the question, but the delegation is Russia's; "When did
 * the eighth round take place?" is not answered by "the seventh round of negotiations". A reader
 * sees at once that the quote does not answer; word coverage does not.
 *
 * <p>The question's modifiers, country words (a name, its adjective or its capital: "Syria",
 * "Syrian", "Damascus") and ordinals ("eighth", "8th"), are paired with the noun they qualify
 * ("Syrian government delegation", "delegation of the Syrian government", "Moscow's team", "eighth
 * round"). The quote conflicts when it has that noun qualified by another modifier of the same kind
 * ("the Russian delegation", "the seventh round") and nowhere by the question's.
 */
public final class RivalModifiers {
  private RivalModifiers() {}

  /**
   * What a word says of the noun after it, with its kind: "country:syria" for "Syrian", "ordinal:8"
   * for "eighth" or "8th"; null for any other word.
   */
  private static String modifier(String w) {
    String country = Countries.countryOf(w);
    if (country != null) {
      return "country:" + country;
    }
    Integer n = Ordinals.ordinal(w);
    return n != null ? "ordinal:" + n : null;
  }

  /** Words between a modifier and the noun it qualifies: "Syrian government delegation". */
  private static final Set<String> BETWEEN =
      Set.of("s", "government", "governments", "armed", "military", "state", "official", "own");

  /** What a Russian genitive "правительства (Сирии)" becomes in a word-by-word English. */
  private static final Set<String> GOVERNMENT = Set.of("government", "governments");

  /** Words that are no thing a modifier qualifies. */
  private static final Set<String> NO_NOUN =
      Set.of(
          "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from",
          "is", "are", "was", "were", "be", "been", "did", "do", "does", "has", "have", "had",
          "who", "what", "which", "when", "where", "why", "how", "that", "this", "it", "its",
          "their", "his", "her", "as", "said", "says", "say", "s", "about", "between", "into",
          "over", "after", "before", "during", "under", "will", "would", "can", "could", "should",
          "not");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  /** A modifier paired with the noun it qualifies, and the modifier as written (lower case). */
  private record Pair(String modifier, String noun, String written) {}

  /** Whether {@code quote} speaks of the noun the question qualifies by another modifier only. */
  public static boolean conflict(String question, String quote) {
    return !rivalled(question, quote).isEmpty();
  }

  /**
   * The question's modifiers (lower case, as written: "syrian", "eighth") whose noun {@code quote}
   * qualifies by another of their kind only; empty when there is none.
   */
  public static Set<String> rivalled(String question, String quote) {
    return rivalled(pairs(words(question)), quote);
  }

  /**
   * {@link #rivalled(String, String)} for a Russian question's word-by-word English ("who headed
   * delegation syrian government astana"): its words keep the Russian order, where a noun's
   * genitive follows it ("делегацию сирийского правительства", "делегацию правительства Сирии"),
   * and prepositions are dropped, so only what that order says for certain is paired.
   */
  public static Set<String> rivalledTranslated(String translation, String quote) {
    return rivalled(translatedPairs(words(translation)), quote);
  }

  /** Offices a country's modifier says whose they are ("the president of Syria"). */
  private static final Set<String> OFFICES =
      Set.of(
          "president",
          "presidents",
          "minister",
          "ministers",
          "king",
          "leader",
          "leaders",
          "chief",
          "ambassador",
          "ambassadors",
          "premier",
          "chancellor",
          "emir");

  /**
   * Whether the question asks for a country's office holder ("Who was the president of Syria?",
   * "the Syrian president") and the quote does not say that country's office: "President Nursultan
   * Nazarbayev ... the Syrian crisis" names a president, not Syria's.
   */
  public static boolean officeOfAnotherOrNone(String question, String quote, boolean translated) {
    List<String> w = words(question);
    List<String> said = null;
    for (Pair a : translated ? translatedOffices(w) : pairs(w)) {
      if (!a.modifier.startsWith("country:") || !OFFICES.contains(a.noun)) {
        continue;
      }
      said = said != null ? said : words(quote);
      if (!officeNear(said, a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * How near a country must be to an office for a quote to say it is that country's: "President
   * Bashar al-Assad of Syria", "the President of the Syrian Arab Republic, Bashar al-Assad"; not
   * "President Nursultan Nazarbayev to a search of ways to settle Syrian crisis".
   */
  private static final int OFFICE_WINDOW = 6;

  /** Whether the quote's words have the pair's office with its country within a few words. */
  private static boolean officeNear(List<String> said, Pair asked) {
    for (int i = 0; i < said.size(); i++) {
      if (!sameNoun(said.get(i), asked.noun)) {
        continue;
      }
      // "Russian president's special envoy for Syria": the office says whose it is
      String own = ownCountry(said, i);
      if (own != null) {
        if (own.equals(asked.modifier)) {
          return true;
        }
        continue;
      }
      int from = Math.max(0, i - OFFICE_WINDOW);
      int to = Math.min(said.size(), i + OFFICE_WINDOW + 1);
      for (int k = from; k < to; k++) {
        if (asked.modifier.equals(modifier(said.get(k)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The "country:" modifier a word is ("Syria", "Syrian", "Damascus"), else null. */
  private static String country(String w) {
    String m = modifier(w);
    return m != null && m.startsWith("country:") ? m : null;
  }

  /**
   * The country an office at {@code i} is said to be of, right beside it: "Russian president",
   * "president of Kazakhstan", "president of the Syrian Arab Republic"; null when none is.
   */
  private static String ownCountry(List<String> w, int i) {
    int before = i > 0 && w.get(i - 1).equals("the") ? i - 2 : i - 1;
    String own = before >= 0 ? country(w.get(before)) : null;
    int after = i + 1;
    if (own == null && after < w.size() && w.get(after).equals("of")) {
      after++;
      if (after < w.size() && w.get(after).equals("the")) {
        after++;
      }
      own = after < w.size() ? country(w.get(after)) : null;
    }
    return own;
  }

  /** Words before an office that make it part of another title: "envoy president syria". */
  private static final Set<String> TITLE_BEFORE =
      Set.of("envoy", "representative", "spokesman", "spokeswoman", "adviser", "aide", "deputy");

  /**
   * A word-by-word translation's offices with their country: "syrian president" (an adjective
   * before), "president presidents syria" (a genitive after, the office's other forms between).
   */
  private static List<Pair> translatedOffices(List<String> w) {
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      if (!OFFICES.contains(w.get(i))) {
        continue;
      }
      String adjective =
          i > 0 && Countries.isNationality(w.get(i - 1)) ? country(w.get(i - 1)) : null;
      if (adjective != null) {
        out.add(new Pair(adjective, w.get(i), w.get(i - 1)));
        continue;
      }
      if (i > 0 && TITLE_BEFORE.contains(w.get(i - 1))) {
        continue; // "спецпосланник президента по Сирии": the president's envoy for Syria
      }
      int k = i + 1;
      while (k < w.size() && OFFICES.contains(w.get(k)) && sameNoun(w.get(k), w.get(i))) {
        k++;
      }
      String country = k < w.size() ? country(w.get(k)) : null;
      if (country != null && !Countries.isNationality(w.get(k))) {
        out.add(new Pair(country, w.get(i), w.get(k)));
      }
    }
    return out;
  }

  private static Set<String> rivalled(List<Pair> asked, String quote) {
    if (asked.isEmpty()) {
      return Set.of();
    }
    List<Pair> said = pairs(words(quote));
    Set<String> out = new HashSet<>();
    for (Pair a : asked) {
      boolean same = false;
      boolean other = false;
      for (Pair s : said) {
        if (sameNoun(a.noun, s.noun)) {
          same |= s.modifier.equals(a.modifier);
          other |= !s.modifier.equals(a.modifier) && kind(s.modifier).equals(kind(a.modifier));
        }
      }
      if (other && !same) {
        out.add(a.written);
      }
    }
    return out;
  }

  private static String kind(String modifier) {
    return modifier.substring(0, modifier.indexOf(':'));
  }

  private static boolean sameNoun(String a, String b) {
    return stem(a).equals(stem(b));
  }

  private static String stem(String w) {
    return w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")
        ? w.substring(0, w.length() - 1)
        : w;
  }

  /** Each modifier with the noun it qualifies, before it or after it behind "of (the)". */
  private static List<Pair> pairs(List<String> w) {
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      String modifier = modifier(w.get(i));
      if (modifier == null) {
        continue;
      }
      // "the delegation of the Syrian government": the noun before "of (the)"; "head of the
      // Russian delegation" pairs "delegation" with "Russian" below, never "head"
      int k = i - 1;
      if (k >= 0 && w.get(k).equals("the")) {
        k--;
      }
      String ofNoun = k >= 1 && w.get(k).equals("of") && noun(w.get(k - 1)) ? w.get(k - 1) : null;
      boolean possessive = i + 1 < w.size() && w.get(i + 1).equals("s"); // "of Russia's delegation"
      if (ofNoun != null && !possessive && !Countries.isNationality(w.get(i))) {
        // "President of Kazakhstan Nursultan Nazarbayev": a country's name after "of" says whose
        // the office is, and qualifies no name that follows it
        out.add(new Pair(modifier, ofNoun, w.get(i)));
        continue;
      }
      int j = listEnd(w, i, modifier);
      while (j < w.size() && BETWEEN.contains(w.get(j))) {
        j++;
      }
      if (j < w.size() && noun(w.get(j))) {
        out.add(new Pair(modifier, w.get(j), w.get(i)));
        continue;
      }
      if (ofNoun != null) {
        out.add(new Pair(modifier, ofNoun, w.get(i)));
      }
    }
    return out;
  }

  /**
   * The index after a list of modifiers of one kind that starts at {@code i}: "Iranian, Turkish and
   * Russian observers" are all observers, so each of the three qualifies the noun after the last
   * ("Turkish" had qualified nothing, and the question's "Turkish observers" read as rivalled by
   * the quote's "Russian observers"). Without a list, {@code i + 1}.
   */
  private static int listEnd(List<String> w, int i, String modifier) {
    String kind = kind(modifier);
    int j = i + 1;
    while (true) {
      if (j < w.size() && kind.equals(kindOf(w.get(j)))) {
        j++;
      } else if (j + 1 < w.size()
          && (w.get(j).equals("and") || w.get(j).equals("or"))
          && kind.equals(kindOf(w.get(j + 1)))) {
        j += 2;
      } else {
        return j;
      }
    }
  }

  /** The kind of a word's modifier ("country", "ordinal"), or null when it is none. */
  private static String kindOf(String w) {
    String m = modifier(w);
    return m == null ? null : kind(m);
  }

  /**
   * The pairs of a Russian question's word-by-word English: an adjective right before a noun
   * ("russian delegation", from "российскую делегацию"); a government's country, with the noun
   * before it ("delegation syrian government", "delegation government syria"): the genitive
   * qualifies the noun it follows. A country's name elsewhere is left alone: "special envoy
   * president syria" and "russian forces military syria" dropped the "по" ("for") and "в" ("into")
   * that said Syria is neither the president's nor the forces' country.
   */
  private static List<Pair> translatedPairs(List<String> w) {
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      String modifier = modifier(w.get(i));
      if (modifier == null || !modifier.startsWith("country:")) {
        continue;
      }
      boolean adjective = Countries.isNationality(w.get(i));
      if (adjective && i + 1 < w.size() && noun(w.get(i + 1)) && !BETWEEN.contains(w.get(i + 1))) {
        out.add(new Pair(modifier, w.get(i + 1), w.get(i)));
        continue;
      }
      int head;
      if (adjective && i + 1 < w.size() && GOVERNMENT.contains(w.get(i + 1))) {
        head = i - 1; // "delegation syrian government"
      } else if (!adjective && i >= 1 && GOVERNMENT.contains(w.get(i - 1))) {
        head = i - 2; // "delegation government syria"
      } else {
        continue;
      }
      // a word's other forms follow it ("delegation delegations"): the first is the noun
      while (head >= 1
          && noun(w.get(head))
          && noun(w.get(head - 1))
          && w.get(head - 1).regionMatches(0, w.get(head), 0, 3)) {
        head--;
      }
      if (head >= 0 && noun(w.get(head)) && !BETWEEN.contains(w.get(head))) {
        out.add(new Pair(modifier, w.get(head), w.get(i)));
      }
    }
    return out;
  }

  private static boolean noun(String w) {
    return w.length() > 2 && !NO_NOUN.contains(w) && modifier(w) == null && !isNumber(w);
  }

  private static boolean isNumber(String w) {
    return w.chars().allMatch(Character::isDigit);
  }

  /** Lower-case words; "US" in capitals is the country, "us" is no word of one. */
  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String w = m.group();
      out.add(
          w.equals("US") ? "usa" : w.equalsIgnoreCase("us") ? "we" : w.toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
