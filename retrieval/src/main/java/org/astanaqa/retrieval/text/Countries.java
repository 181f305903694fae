package org.astanaqa.retrieval.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * English names of the world's countries, from the JDK's ISO 3166 list, with the short forms people
 * write.
 */
public final class Countries {
  private static final Set<String> NAMES = names();

  /** The adjectives among {@link #STANDS_FOR}'s words. */
  private static final Set<String> ADJECTIVES = new HashSet<>();

  /** Each country's adjective, the first of its row ("iran": "iranian"). */
  private static final Map<String, String> ADJECTIVE_OF = new HashMap<>();

  /**
   * Words that stand for a country without naming it, by the country they stand for: adjectives and
   * their plurals ("Syrian", "Syrians") and capitals ("Damascus", "the Kremlin"), for the countries
   * of the Syrian conflict, its region and the Security Council. Astana is left out: the Astana
   * talks are no Kazakh thing.
   */
  private static final Map<String, String> STANDS_FOR = standsFor();

  /** Short forms that name the same country as another name. */
  private static final Map<String, String> SAME =
      Map.of(
          "us", "united states",
          "usa", "united states",
          "america", "united states",
          "uk", "united kingdom",
          "britain", "united kingdom",
          "türkiye", "turkey");

  /**
   * ISO 3166 alpha-3 codes ("KAZ", "RUS", "TUR") by the country they name, as {@link #countryOf}
   * gives it: the code a file is named by ("KAZ_73_2018.txt", a UN General Debate speech).
   */
  private static final Map<String, String> CODES = codes();

  private Countries() {}

  /**
   * The country a three-letter ISO 3166 code in capitals names ("KAZ" is "kazakhstan"), in lower
   * case, or null: "Kaz", "kaz" and a longer word name none.
   */
  public static String countryOfCode(String code) {
    if (code.length() != 3 || !code.equals(code.toUpperCase(Locale.ROOT))) {
      return null;
    }
    return CODES.get(code);
  }

  /**
   * The countries a document's title that is a file name (no spaces) names by their ISO 3166 codes
   * in capitals ("ARM_73_2018.txt": "armenia"), in lower case: none for a title or a publisher in
   * words ("WHAT CAN THE DEBATE ACHIEVE" is no file name, and "CAN" in it no Canada).
   */
  public static List<String> ofFileName(String title) {
    if (title == null
        || title.isBlank()
        || title.strip().chars().anyMatch(Character::isWhitespace)) {
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    for (String w : title.split("[^\\p{L}]+")) {
      String country = countryOfCode(w);
      if (country != null && !out.contains(country)) {
        out.add(country);
      }
    }
    return out;
  }

  /** Whether {@code name} (any case) is a country's English name ("Russia", "Saudi Arabia"). */
  public static boolean contains(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * The country a word names or stands for ("Syrian", "Damascus" and "Syria" are "syria"), in lower
   * case, or null.
   */
  public static String countryOf(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    String by = STANDS_FOR.get(w);
    if (by != null) {
      return by;
    }
    return NAMES.contains(w) ? SAME.getOrDefault(w, w) : null;
  }

  /**
   * The countries a text names or stands for, word by word ("Russia", "Turkish", "Tehran"), in
   * lower case ({@link #countryOf}). "US" names the United States only in capitals: "us" and "Us"
   * are the pronoun ("he told us", "Let us").
   */
  public static Set<String> in(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.split("[^\\p{L}]+")) {
      boolean pronoun = w.equalsIgnoreCase("us") && !w.equals("US");
      String country = w.isEmpty() || pronoun ? null : countryOf(w);
      if (country != null) {
        out.add(country);
      }
    }
    return out;
  }

  /**
   * Whether {@code quote} names at least {@code asked} countries besides those {@code question}
   * names: "Russia, Turkey and Iran" answer "Which countries are the guarantors?", and "Syrians" no
   * question about Syria's partners.
   */
  public static boolean namesOthers(String quote, String question, int asked) {
    Set<String> named = in(quote);
    named.removeAll(in(question));
    return named.size() >= asked;
  }

  /** Whether {@code word} (any case) is a country's adjective: "Iranian", "turkish", "Kazakh". */
  public static boolean isNationality(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return STANDS_FOR.containsKey(w) && ADJECTIVES.contains(w);
  }

  /**
   * The short forms people write for the country {@code name} names ("united states": "us", "usa",
   * "america"), in lower case; none for a country without one.
   */
  public static List<String> shortNames(String name) {
    String w = name.toLowerCase(Locale.ROOT);
    return SAME.entrySet().stream()
        .filter(e -> e.getValue().equals(w))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /**
   * The adjective of the country {@code name} names ("Iran", "iran": "iranian"), in lower case, or
   * null for a country none is known of.
   */
  public static String adjectiveOf(String name) {
    String w = name.toLowerCase(Locale.ROOT);
    return ADJECTIVE_OF.get(SAME.getOrDefault(w, w));
  }

  private static Map<String, String> standsFor() {
    // country: adjectives (singular and plural) | capitals
    String[] rows = {
      "syria: syrian syrians | damascus",
      "russia: russian russians | moscow kremlin",
      "turkey: turkish turks | ankara",
      "iran: iranian iranians | tehran",
      "kazakhstan: kazakh kazakhs kazak kazaks kazakhstani |",
      "united states: american americans | washington",
      "jordan: jordanian jordanians | amman",
      "israel: israeli israelis |",
      "iraq: iraqi iraqis | baghdad",
      "lebanon: lebanese | beirut",
      "saudi arabia: saudi saudis | riyadh",
      "qatar: qatari qataris | doha",
      "egypt: egyptian egyptians | cairo",
      "france: french | paris",
      "united kingdom: british | london",
      "china: chinese | beijing",
      "germany: german germans | berlin",
      "ukraine: ukrainian ukrainians | kyiv kiev",
    };
    Map<String, String> out = new HashMap<>();
    for (String row : rows) {
      String country = row.substring(0, row.indexOf(':'));
      String[] parts = row.substring(row.indexOf(':') + 1).split("\\|", -1);
      for (String a : parts[0].strip().split("\\s+")) {
        out.put(a, country);
        ADJECTIVES.add(a);
        ADJECTIVE_OF.putIfAbsent(country, a);
      }
      for (String c : parts[1].strip().split("\\s+")) {
        if (!c.isEmpty()) {
          out.put(c, country);
        }
      }
    }
    return Map.copyOf(out);
  }

  private static Map<String, String> codes() {
    Map<String, String> out = new HashMap<>();
    for (String code : Locale.getISOCountries()) {
      Locale country = new Locale("", code);
      String name = countryOf(country.getDisplayCountry(Locale.ENGLISH));
      if (name != null) {
        out.put(country.getISO3Country(), name);
      }
    }
    return Map.copyOf(out);
  }

  private static Set<String> names() {
    Set<String> out = new HashSet<>();
    for (String code : Locale.getISOCountries()) {
      out.add(new Locale("", code).getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT));
    }
    // Short forms people write, and names a newer JDK spells otherwise ("Türkiye").
    out.addAll(List.of("turkey", "usa", "us", "uk", "america", "russia", "iran", "syria"));
    return Set.copyOf(out);
  }
}
