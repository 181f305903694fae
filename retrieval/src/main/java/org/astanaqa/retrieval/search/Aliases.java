package org.astanaqa.retrieval.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.astanaqa.retrieval.text.Analyzers;

/**
 * Words that mean the same in questions about the corpus ("Ankara" and "Turkey"), by analyzed term:
 * the built-in groups of {@code aliases.txt} and any a maintainer adds. A question term finds its
 * aliases too, so a paraphrase that names the capital finds the passage that names the state.
 */
public final class Aliases {
  private static final List<List<String>> BUILT_IN = read("aliases.txt");

  private final Map<String, Set<String>> byTerm;

  private Aliases(Map<String, Set<String>> byTerm) {
    this.byTerm = byTerm;
  }

  /** The built-in groups plus {@code extra}. */
  public static Aliases of(List<List<String>> extra) {
    List<List<String>> all = new ArrayList<>(BUILT_IN);
    all.addAll(extra);
    return new Aliases(new HashMap<>()).with(all);
  }

  /** These groups and {@code more} (a question's own: a Russian word and its translation). */
  public Aliases with(List<List<String>> more) {
    if (more.isEmpty() && !byTerm.isEmpty()) {
      return this;
    }
    Map<String, Set<String>> map = new HashMap<>();
    byTerm.forEach((k, v) -> map.put(k, new LinkedHashSet<>(v)));
    for (List<String> group : more) {
      Set<String> terms = new LinkedHashSet<>();
      for (String word : group) {
        List<Analyzers.Token> t = Analyzers.tokens(word);
        if (t.size() == 1) {
          terms.add(t.get(0).term());
        }
      }
      for (String term : terms) {
        Set<String> others = map.computeIfAbsent(term, k -> new LinkedHashSet<>());
        terms.stream().filter(o -> !o.equals(term)).forEach(others::add);
      }
    }
    return new Aliases(map);
  }

  /** The other terms of {@code term}'s groups, in file order; empty when it has none. */
  public Set<String> of(String term) {
    return java.util.Collections.unmodifiableSet(byTerm.getOrDefault(term, Set.of()));
  }

  /**
   * Parses alias lines: one group a line, words separated by commas; blank lines and lines starting
   * with {@code #} are skipped.
   */
  static List<List<String>> parse(BufferedReader lines) throws IOException {
    List<List<String>> groups = new ArrayList<>();
    for (String line; (line = lines.readLine()) != null; ) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> words = new ArrayList<>();
      for (String w : line.split(",")) {
        if (!w.isBlank()) {
          words.add(w.strip());
        }
      }
      if (words.size() > 1) {
        groups.add(List.copyOf(words));
      }
    }
    return groups;
  }

  private static List<List<String>> read(String resource) {
    try (InputStream in = Aliases.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
