package org.astanaqa.retrieval.text;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * English names of the world's countries, from the JDK's ISO 3166 list, with the short forms people
 * write.
 */
public final class Countries {
  private static final Set<String> NAMES = names();

  private Countries() {}

  /** Whether {@code name} (any case) is a country's English name ("Russia", "Saudi Arabia"). */
  public static boolean contains(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
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
