package org.astanaqa.retrieval.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.BytesRef;
import org.astanaqa.retrieval.index.Fields;
import org.astanaqa.retrieval.text.Analyzers;

/**
 * Where a Russian question becomes an English one that the rest of the engine searches as it
 * searches any (a Russian word the corpus itself uses is kept beside its translation, so Russian
 * documents are found in their own words): each word, or phrase, is looked up in the {@link
 * Glossary}; a word it lacks (a name, mostly) is {@link Transliteration transliterated} and kept in
 * the spelling the corpus itself uses ("Мистуры" -> "mistura"); a word neither finds stays unknown,
 * so the confidence counts it as a question word the corpus never uses. Numbers and Latin words are
 * kept as they are. The quotes stay the documents' own English.
 */
public final class RussianQuery {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*");

  /** A name's stem matches corpus words that start with it and are at most this much longer. */
  private static final int MAX_ENDING = 3;

  /** Names shorter than this are not matched by prefix or by similarity. */
  private static final int MIN_FUZZY_CHARS = 5;

  /**
   * The English a Russian question becomes.
   *
   * @param english the English words, in the question's order
   * @param unknown the words of {@code english} that stand for Russian words nothing translated;
   *     they are never typo-corrected into a corpus word
   */
  public record Translation(String english, Set<String> unknown, List<List<String>> sameAs) {
    public Translation(String english, Set<String> unknown) {
      this(english, unknown, List.of());
    }
  }

  /**
   * A question announced as one ("вопрос:", "ещё вопрос:", "#вопрос", "3 вопроса будет, первый:",
   * "вопрос 2:"): chat, not its words. Not "вопрос 14.09.2017" (an issue, and a date), as a list
   * number is none before a digit ({@link #LEADING_MARKERS}).
   */
  private static final Pattern ANNOUNCED =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:(?:ещё|еще|последний|один|другой)\\s+)?вопрос(?:ик)?\\s*:"
              + "|(?<![\\p{L}\\p{N}])(?:\\d+|два|две|три|четыре|пять|пара|несколько)\\s+вопрос(?:а|ов)"
              + "(?:\\s+(?:будет|есть|у\\s+меня))?\\s*[,.:;!]+\\s*(?:(?:первый|во-первых|сначала)\\s*[,.:;]+)?"
              + "|#вопрос(?!\\p{L})"
              + "|(?<![\\p{L}\\p{N}])вопрос\\s*(?:№\\s*)?\\d+\\s*[:.)](?!\\d)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * A mention, a command or a list number that opens a message ("@astana_bot", "/ask", "1)"), as
   * the English question's are trimmed: else their letters were searched ("astana bot").
   */
  private static final Pattern LEADING_MARKERS =
      Pattern.compile("^\\s*(?:(?:@\\w+|/[a-z]+(?:@\\w+)?|\\(?\\d{1,2}[).:](?!\\d))[\\s,.!:;-]*)+");

  /**
   * What the question is for, in brackets at its end: "(для доклада)", "(для курсовой)". Not
   * glossary entries, which match anywhere: "для статьи 8 конституции" asks about an article.
   */
  private static final Pattern PURPOSE_IN_BRACKETS =
      Pattern.compile(
          "\\s*\\(\\s*для\\s[^()]{1,40}\\)[\\s?!.]*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private final Glossary glossary;
  private final DirectSpellChecker names = new DirectSpellChecker();

  public RussianQuery(Glossary glossary) {
    this.glossary = glossary;
    names.setMaxEdits(2);
    names.setAccuracy(0.7f);
    names.setMinQueryLength(MIN_FUZZY_CHARS);
  }

  public Glossary glossary() {
    return glossary;
  }

  /** Punctuation between two words that ends a clause: kept in the translation as a comma. */
  private static final Pattern CLAUSE_BREAK = Pattern.compile("[,;:\u2014\u2013]|\\s-\\s");

  /** Translates a Russian question into English search words over the index {@code reader}. */
  public Translation translate(String question, IndexReader reader) throws IOException {
    List<String> words = new ArrayList<>();
    // "<b>срочно</b>": the tag's letters are no words of the question; nor is "вопрос:" ("a
    // question:") before it
    String text = QuestionText.withoutMarkup(question);
    text = PURPOSE_IN_BRACKETS.matcher(text).replaceFirst("");
    text = LEADING_MARKERS.matcher(text).replaceFirst("");
    text = QuestionText.withoutRepeatedHashtags(ANNOUNCED.matcher(text).replaceAll(" "));
    Matcher m = WORD.matcher(text);
    List<Integer> starts = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    while (m.find()) {
      words.add(m.group());
      starts.add(m.start());
      ends.add(m.end());
    }
    // "Кто, по словам казахстанского дипломата, позвал...": the commas stay, so that whose account
    // the question cites ends where it ends (QuestionText.withoutCitedAccountTranslated)
    boolean[] commaAfter = new boolean[words.size()];
    for (int k = 0; k < words.size(); k++) {
      int next = k + 1 < words.size() ? starts.get(k + 1) : text.length();
      commaAfter[k] = CLAUSE_BREAK.matcher(text.substring(ends.get(k), next)).find();
    }
    List<String> out = new ArrayList<>();
    Set<String> unknown = new LinkedHashSet<>();
    List<List<String>> sameAs = new ArrayList<>();
    for (int i = 0; i < words.size(); ) {
      if (i > 0 && commaAfter[i - 1] && !out.isEmpty() && !out.get(out.size() - 1).endsWith(",")) {
        out.set(out.size() - 1, out.get(out.size() - 1) + ",");
      }
      Glossary.Match g = glossary.match(words, i);
      Translation parts = null;
      if (g == null && words.get(i).indexOf('-') > 0 && hasCyrillic(words.get(i))) {
        // "стран-гарантов", "ан-Нусра": the parts one by one; a compound whose parts do not all
        // translate ("Дейр-эз-Зор", "генерал-лейтенант") as a prefix entry reads it whole
        parts = translate(words.get(i).replace('-', ' '), reader);
        if (!parts.unknown().isEmpty()) {
          g = glossary.match(words, i, true);
        }
      }
      if (g != null) {
        if (!g.english().isEmpty()) {
          boolean name = isCapitalised(words.get(i)) && !opensASentence(text, starts.get(i));
          String english = asIndexed(g.english(), reader);
          out.add(name ? namesKept(english, reader) : english);
          List<String> kept = new ArrayList<>();
          for (int k = i; k < i + g.words(); k++) {
            keepIfIndexed(words.get(k), reader, kept);
          }
          sameAs(g.english(), kept, out, sameAs);
          List<String> either = choices(g.english(), reader);
          if (either.size() > 1) {
            sameAs.add(either);
          }
        }
        i += g.words();
        continue;
      }
      String w = words.get(i++);
      if (keepIfIndexed(w, reader, out)) {
        continue;
      }
      if (parts != null) {
        out.add(parts.english());
        unknown.addAll(parts.unknown());
        sameAs.addAll(parts.sameAs());
        continue;
      }
      if (!hasCyrillic(w)) {
        out.add(w);
        continue;
      }
      String name = corpusSpelling(w, reader);
      String typo = name == null ? glossary.matchTypo(w) : null;
      if (name != null) {
        out.add(name);
      } else if (typo != null) {
        if (!typo.isEmpty()) {
          out.add(typo); // "переговорв": a typo of a word the glossary has
        }
      } else {
        List<String> v = Transliteration.variants(w);
        String kept = v.isEmpty() ? w : v.get(0);
        // A capital letter stays: it tells the confidence that the question names someone.
        out.add(Character.isUpperCase(w.codePointAt(0)) ? capitalised(kept) : kept);
        unknown.add(kept);
      }
    }
    return new Translation(String.join(" ", out).strip(), Set.copyOf(unknown), List.copyOf(sameAs));
  }

  /**
   * A Russian document's own words and their translation are one word of the question (aliases),
   * not two, so a passage saying either covers it: each kept Russian word of four letters or more
   * (not "на" of "на земле") becomes an alias of each one-word English term of the translation. A
   * translation with no such term ("de-escalation" analyzes to two) keeps the Russian words as
   * words of the question.
   */
  private static void sameAs(
      String english, List<String> kept, List<String> out, List<List<String>> sameAs) {
    if (kept.isEmpty()) {
      return; // an English corpus: nothing Russian is indexed
    }
    List<String> terms = new ArrayList<>();
    for (String e : english.split(" ")) {
      if (Analyzers.tokens(e).size() == 1) {
        terms.add(e);
      }
    }
    for (String k : kept) {
      if (k.length() < 4) {
        continue;
      }
      if (terms.isEmpty()) {
        out.add(k);
      }
      for (String e : terms) {
        sameAs.add(List.of(e, k));
      }
    }
  }

  /**
   * The English words of one glossary entry when they are choices for one Russian word ("переговоры
   * = negotiations talks"): a passage that says either says the word, as it would with one of
   * {@link Aliases}. Words the corpus says side by side ("security council", "united nations un")
   * are a phrase, each needed: no choices. Empty when there is no choice. Worked out once per entry
   * and index ({@link #choices}), not for every question that uses the entry.
   */
  static List<String> alternatives(String english, IndexReader reader) throws IOException {
    if (english.indexOf(' ') > 0 && org.astanaqa.retrieval.text.Countries.contains(english)) {
      return List.of(); // "united states" is one name: "united" alone is the United Nations
    }
    List<String> terms = new ArrayList<>();
    for (String w : english.split(" ")) {
      String t = analyzed(w);
      if (t == null) {
        return List.of(); // a word of a phrase that is no word to search ("walked out")
      }
      terms.add(t);
    }
    List<String> distinct = terms.stream().distinct().toList();
    if (distinct.size() < 2) {
      return List.of();
    }
    IndexSearcher searcher = new IndexSearcher(reader);
    for (int i = 0; i + 1 < terms.size(); i++) {
      if (!terms.get(i).equals(terms.get(i + 1))
          && searcher.count(new PhraseQuery(1, Fields.TEXT, terms.get(i), terms.get(i + 1))) > 0) {
        return List.of();
      }
    }
    return distinct;
  }

  /** {@link #alternatives} of the entries met so far, for the index they were worked out on. */
  private final Map<String, List<String>> choices = new ConcurrentHashMap<>();

  /** The index {@link #choices} holds the entries' choices for (its reader's cache key). */
  private volatile Object choicesFor;

  /** {@link #alternatives}, remembered until the index changes. */
  private List<String> choices(String english, IndexReader reader) throws IOException {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    Object key = helper == null ? reader : helper.getKey();
    if (key != choicesFor) {
      choices.clear();
      choicesFor = key;
    }
    List<String> known = choices.get(english);
    if (known == null) {
      known = alternatives(english, reader);
      choices.put(english, known);
    }
    return known;
  }

  /**
   * A translation's words as a name inside the question: "Эрдоган" in "Что сказал Эрдоган о ...?"
   * is "Erdogan", as an English question writes it, so that a name the documents never use is known
   * for one ({@link QuestionQuery#unknownName}), as a transliterated one always was; the glossary
   * writes its English in lower case. Only the words the index lacks take the capital: a word it
   * has ("Сочи", sochi) is searched as any other.
   */
  /**
   * A country's name of several words ("united states", for "США") as the corpus writes it: a short
   * form it indexes ("usa", as the seeds write it), else the name, searched as both its words
   * ({@link #alternatives}: "united" alone is the United Nations). Any other English as it is.
   */
  private static String asIndexed(String english, IndexReader reader) throws IOException {
    if (english.indexOf(' ') < 0 || !org.astanaqa.retrieval.text.Countries.contains(english)) {
      return english;
    }
    for (String s : org.astanaqa.retrieval.text.Countries.shortNames(english)) {
      if (s.length() > 2 && indexed(s, reader) != null) {
        return s; // not "us", which the analyzer reads as the pronoun
      }
    }
    return english;
  }

  private static String namesKept(String english, IndexReader reader) throws IOException {
    List<String> out = new ArrayList<>();
    for (String e : english.split(" ")) {
      out.add(indexed(e, reader) == null && analyzed(e) != null ? capitalised(e) : e);
    }
    return String.join(" ", out);
  }

  /**
   * Whether the word at {@code start} opens the question, a sentence or a quotation, where a
   * capital says nothing of a name: "Спасибо! Подростки ...", "Кто сказал: «Разрухи ...»?" (from a
   * review).
   */
  private static boolean opensASentence(String text, int start) {
    for (int k = start - 1; k >= 0; k--) {
      char c = text.charAt(k);
      if (!Character.isWhitespace(c)) {
        return ".!?\u2026:;\"\u00ab\u201c\u201e(".indexOf(c) >= 0;
      }
    }
    return true;
  }

  private static boolean isCapitalised(String word) {
    return !word.isEmpty() && Character.isUpperCase(word.codePointAt(0));
  }

  private static String capitalised(String w) {
    return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + w.substring(1);
  }

  /**
   * Keeps a Russian word that the corpus itself uses (a corpus with Russian documents): the
   * question then finds them in their own words as well as the English ones.
   */
  private static boolean keepIfIndexed(String word, IndexReader reader, List<String> out)
      throws IOException {
    if (!hasCyrillic(word)) {
      return false;
    }
    String term = analyzed(word);
    if (term != null && reader.docFreq(new Term(Fields.TEXT, term)) > 0) {
      out.add(word);
      return true;
    }
    return false;
  }

  /**
   * The corpus's word for a Russian word nothing translates: a transliteration the index has
   * ("Лаврентьев" -> "lavrentyev"), a corpus word that starts with the transliterated stem and adds
   * a short ending ("Мистуры" -> "мистур" -> "mistura"), or one at most two edits from the usual
   * transliteration with the same consonants ("Назарбаев" -> "nazarbaev" -> "nazarbayev"). Null
   * when none is.
   */
  private String corpusSpelling(String word, IndexReader reader) throws IOException {
    for (String v : Transliteration.variants(word)) {
      String term = indexed(v, reader);
      if (term != null) {
        return term;
      }
    }
    Terms terms = MultiTerms.getTerms(reader, Fields.TEXT);
    String stem = Glossary.stem(word);
    if (terms != null && stem.length() >= MIN_FUZZY_CHARS - 1) {
      for (String v : Transliteration.variants(stem)) {
        String term = indexed(v, reader); // "Александра": "александр", "alexander": "alexand"
        if (term != null) {
          return term;
        }
        String found = withPrefix(terms, v);
        if (found != null) {
          return found;
        }
      }
    }
    List<String> usual = Transliteration.variants(word);
    if (!usual.isEmpty() && usual.get(0).length() >= MIN_FUZZY_CHARS) {
      String v = usual.get(0);
      SuggestWord[] s =
          names.suggestSimilar(new Term(Fields.TEXT, v), 1, reader, SuggestMode.SUGGEST_ALWAYS);
      if (s.length > 0 && consonants(s[0].string).equals(consonants(v))) {
        return s[0].string;
      }
    }
    return null;
  }

  /**
   * A Latin word's consonants in order, without the letters transliterations disagree on (vowels,
   * y, j, h): "nazarbaev" and "nazarbayev" share "nzrbv", so one is another spelling of the other;
   * "gorod" ("город", a city) and "good" do not ("grd", "gd"), so a Russian word is not taken for
   * an unrelated English word two edits away.
   */
  static String consonants(String latin) {
    return latin.replaceAll("[aeiouyjh]", "");
  }

  /** The most frequent corpus term that starts with {@code prefix} and adds a short ending. */
  private static String withPrefix(Terms terms, String prefix) throws IOException {
    TermsEnum te = terms.iterator();
    if (te.seekCeil(new BytesRef(prefix)) == TermsEnum.SeekStatus.END) {
      return null;
    }
    String best = null;
    int bestDf = 0;
    for (BytesRef t = te.term(); t != null; t = te.next()) {
      String s = t.utf8ToString();
      if (!s.startsWith(prefix)) {
        break;
      }
      if (s.length() <= prefix.length() + MAX_ENDING && te.docFreq() > bestDf) {
        best = s;
        bestDf = te.docFreq();
      }
    }
    return best;
  }

  /** A Latin word's analysed term when the index has it, else null. */
  private static String indexed(String latin, IndexReader reader) throws IOException {
    String term = analyzed(latin);
    return term != null && reader.docFreq(new Term(Fields.TEXT, term)) > 0 ? term : null;
  }

  private static String analyzed(String latin) {
    List<Analyzers.Token> t = Analyzers.tokens(latin);
    return t.size() == 1 ? t.get(0).term() : null;
  }

  static boolean hasCyrillic(String s) {
    return s.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
  }
}
