package org.astanaqa.retrieval.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.astanaqa.retrieval.index.Fields;
import org.astanaqa.retrieval.text.Analyzers;

/**
 * Words that mean the same in questions about the corpus ("Ankara" and "Turkey"), by analyzed term:
 * the built-in groups of {@code aliases.txt}, the phrases of {@code paraphrases.txt} (written from
 * the documents: "Kazakh leader" for "Nazarbayev", "took part" for "attended") and any group a
 * maintainer adds. A question term finds its aliases too, so a paraphrase that names the capital
 * finds the passage that names the state.
 *
 * <p>A member of several words is a phrase that a question may use for the group's first member:
 * "Sochi, Black Sea resort" searches "the Black Sea resort deal" as "the Sochi deal" ({@link
 * #rewrite}), when the corpus has the first member's words. Only the group's single words are
 * aliases of one another.
 */
public final class Aliases {
  private static final List<List<String>> BUILT_IN = read("aliases.txt");

  /** The phrases English questions use for the documents' words: not for translations. */
  private static final List<List<String>> PARAPHRASES = read("paraphrases.txt");

  private final Map<String, Set<String>> byTerm;

  /** Each phrase, longest first, with the words it is searched as. */
  private final List<Phrase> phrases;

  /**
   * A phrase, what it is searched as, that one's terms, and whether it is read only in a question
   * as typed in English ({@code paraphrases.txt}), not in a translation.
   */
  private record Phrase(
      Pattern pattern, String as, List<String> terms, List<String> own, boolean typedOnly) {}

  private Aliases(Map<String, Set<String>> byTerm, List<Phrase> phrases) {
    this.byTerm = byTerm;
    this.phrases = phrases;
  }

  /** The built-in groups plus {@code extra}. */
  public static Aliases of(List<List<String>> extra) {
    List<List<String>> all = new ArrayList<>(BUILT_IN);
    all.addAll(extra);
    List<Phrase> phrases = new ArrayList<>();
    addPhrases(all, false, phrases);
    addPhrases(PARAPHRASES, true, phrases);
    all.addAll(PARAPHRASES);
    phrases.sort(Comparator.comparingInt((Phrase p) -> -p.pattern().pattern().length()));
    return new Aliases(new HashMap<>(), List.copyOf(phrases)).with(all);
  }

  /**
   * These groups and {@code more} (a question's own: a Russian word and its translation); a member
   * of several words in {@code more} is no phrase to rewrite, and the phrases of these groups stay.
   */
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
        // "in keeping with" is a phrase, though its one searched word is "keep": as an alias of
        // "line" it would read "keep watch over the truce" as "line watch"
        if (t.size() == 1 && !severalWords(word)) {
          terms.add(t.get(0).term());
        }
      }
      for (String term : terms) {
        Set<String> others = map.computeIfAbsent(term, k -> new LinkedHashSet<>());
        terms.stream().filter(o -> !o.equals(term)).forEach(others::add);
      }
    }
    return new Aliases(map, phrases);
  }

  private static void addPhrases(List<List<String>> groups, boolean typedOnly, List<Phrase> out) {
    for (List<String> group : groups) {
      for (String member : group.subList(1, group.size())) {
        if (severalWords(member)
            && !Analyzers.tokens(member).isEmpty()
            && !Analyzers.tokens(group.get(0)).isEmpty()) {
          out.add(phrase(member, group.get(0), typedOnly));
        }
      }
    }
  }

  /**
   * Whether a member is written as several words ("in keeping with", "in-depth"), which makes it a
   * phrase to rewrite, never a single-word alias, however few of its words are searched.
   */
  static boolean severalWords(String member) {
    return member.strip().split("[\\s-]+").length > 1;
  }

  private static Phrase phrase(String words, String as, boolean typedOnly) {
    return new Phrase(pattern(words), as, terms(as), terms(words), typedOnly);
  }

  /** A phrase's pattern: its words in any case, with spaces or hyphens between them. */
  static Pattern pattern(String words) {
    StringBuilder regex = new StringBuilder("(?<![\\p{L}\\d])");
    String[] parts = words.strip().split("[\\s-]+");
    for (int i = 0; i < parts.length; i++) {
      regex.append(i == 0 ? "" : "[\\s-]+").append(Pattern.quote(parts[i]));
    }
    regex.append("(?![\\p{L}\\d])");
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static List<String> terms(String words) {
    return Analyzers.tokens(words).stream().map(Analyzers.Token::term).toList();
  }

  /**
   * {@code question} with each phrase of the groups written as the group's first member ("In which
   * Black Sea resort ..." as "In which Sochi ..."), where the corpus has all of that member's
   * words; the question itself when it holds none. Without {@code asTyped} (a Russian question's
   * translation, whose English words the glossary chose) the phrases of {@code paraphrases.txt},
   * which say how English questions are worded, are not read.
   */
  public String rewrite(String question, IndexReader reader, boolean asTyped) throws IOException {
    String out = question;
    for (Phrase p : phrases) {
      if (p.typedOnly() && !asTyped) {
        continue;
      }
      Matcher m = p.pattern().matcher(out);
      // A corpus that says the phrase itself ("took part", in SciFact's abstracts) is searched
      // with it: read as another word, the question would lose the words its passages use.
      if (m.find()
          && known(p.terms(), reader)
          && !(p.typedOnly() && said(p.own(), reader))
          && !asksWhatItIs(out, m)) {
        out = m.replaceAll(Matcher.quoteReplacement(p.as()));
      }
    }
    return out;
  }

  /**
   * Whether the question asks only which one the phrase is ("What is the capital of Syria?", "which
   * city is the capital of Kazakhstan then?"): written as its first member, it would ask "What is
   * Damascus?", which any passage naming the city answers.
   */
  private static boolean asksWhatItIs(String question, Matcher phrase) {
    return WHAT_IS.matcher(question.substring(0, phrase.start())).matches()
        && AFTER_WHAT_IS.matcher(question.substring(phrase.end())).matches();
  }

  /** The opening of a question that asks what something is: "What is the", "which city was". */
  private static final Pattern WHAT_IS =
      Pattern.compile(
          "\\W*(?:so\\s+|and\\s+)?(?:what|which(?:\\s+\\p{L}+)?)(?:\\s+is|\\s+was|['’]s)"
              + "(?:\\s+the)?\\s*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** What may follow the phrase in such a question: "?", "then?", "now?". */
  private static final Pattern AFTER_WHAT_IS =
      Pattern.compile(
          "\\s*(?:then|now|today|again)?\\W*", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Whether a passage of the index holds these terms as a phrase. */
  private static boolean said(List<String> terms, IndexReader reader) throws IOException {
    if (terms.size() < 2) {
      return false;
    }
    PhraseQuery.Builder q = new PhraseQuery.Builder();
    for (String t : terms) {
      q.add(new Term(Fields.TEXT, t));
    }
    return new IndexSearcher(reader).count(q.build()) > 0;
  }

  private static boolean known(List<String> terms, IndexReader reader) throws IOException {
    for (String t : terms) {
      if (reader.docFreq(new Term(Fields.TEXT, t)) == 0) {
        return false;
      }
    }
    return !terms.isEmpty();
  }

  /** The other terms of {@code term}'s groups, in file order; empty when it has none. */
  public Set<String> of(String term) {
    return java.util.Collections.unmodifiableSet(byTerm.getOrDefault(term, Set.of()));
  }

  /**
   * Parses alias lines: one group a line, words (or phrases) separated by commas; blank lines and
   * lines starting with {@code #} are skipped.
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
