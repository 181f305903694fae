package org.astanaqa.retrieval;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells which language a question is written in, by its script and letters: a Cyrillic question is
 * Russian unless it has a letter Russian does not use (Kazakh, Ukrainian, Belarusian, Serbian,
 * Macedonian); a Latin one is English unless its letters or its little words are another
 * language's; other scripts are named by their script. Chosen over Apache OpenNLP's language
 * detector by measurement on short questions (README, "Russian questions"): the model named a
 * quarter of the Russian questions Bulgarian or Macedonian and one English question in seven Latin
 * or Maori, cost 12 MB of jar and 2 s of start-up. Thread-safe.
 */
public final class Languages {
  /** English, the corpus's language. */
  public static final String ENGLISH = "en";

  /** Russian, translated into an English query. */
  public static final String RUSSIAN = "ru";

  /** Letters that Russian does not use, and the language each points to. */
  private static final Map<Character, String> CYRILLIC_LETTERS =
      Map.ofEntries(
          Map.entry('ә', "kk"),
          Map.entry('ғ', "kk"),
          Map.entry('қ', "kk"),
          Map.entry('ң', "kk"),
          Map.entry('ө', "kk"),
          Map.entry('ұ', "kk"),
          Map.entry('ү', "kk"),
          Map.entry('һ', "kk"),
          Map.entry('ї', "uk"),
          Map.entry('є', "uk"),
          Map.entry('ґ', "uk"),
          Map.entry('і', "uk"),
          Map.entry('ў', "be"),
          Map.entry('ђ', "sr"),
          Map.entry('ћ', "sr"),
          Map.entry('џ', "sr"),
          Map.entry('љ', "sr"),
          Map.entry('њ', "sr"),
          Map.entry('ј', "sr"),
          Map.entry('ѓ', "mk"),
          Map.entry('ќ', "mk"),
          Map.entry('ѕ', "mk"));

  /**
   * Latin letters that English does not use, and the languages each points to (any one of them, as
   * the little words decide: "ü" is German or Turkish).
   */
  private static final Map<Character, String> LATIN_LETTERS =
      Map.ofEntries(
          Map.entry('ä', "de"),
          Map.entry('ö', "de tr"),
          Map.entry('ü', "de tr"),
          Map.entry('ß', "de"),
          Map.entry('é', "fr"),
          Map.entry('è', "fr"),
          Map.entry('ê', "fr"),
          Map.entry('à', "fr"),
          Map.entry('ç', "fr tr pt"),
          Map.entry('ù', "fr"),
          Map.entry('ñ', "es"),
          Map.entry('¿', "es"),
          Map.entry('¡', "es"),
          Map.entry('á', "es"),
          Map.entry('í', "es"),
          Map.entry('ó', "es"),
          Map.entry('ú', "es"),
          Map.entry('ş', "tr"),
          Map.entry('ğ', "tr"),
          Map.entry('ı', "tr"),
          Map.entry('ã', "pt"),
          Map.entry('õ', "pt"),
          Map.entry('ą', "pl"),
          Map.entry('ę', "pl"),
          Map.entry('ł', "pl"),
          Map.entry('ż', "pl"),
          Map.entry('ś', "pl"));

  /** Little words that only another Latin-script language uses, two of which make it that one. */
  private static final Map<String, Set<String>> FUNCTION_WORDS =
      // sorted: Map.of iterates in an order that changes from one run to the next, and a tie of
      // counts must go the same way in every run
      new java.util.TreeMap<>(
          Map.of(
              "de",
                  Set.of(
                      "der", "die", "das", "und", "ist", "wer", "wann", "wo", "wie", "nicht", "mit",
                      "ein", "eine", "den", "dem", "von", "hat", "wurde", "welche", "warum"),
              "fr",
                  Set.of(
                      "le",
                      "la",
                      "les",
                      "et",
                      "est",
                      "qui",
                      "quand",
                      "où",
                      "ou",
                      "comment",
                      "pourquoi",
                      "des",
                      "du",
                      "une",
                      "un",
                      "dans",
                      "pour",
                      "sur",
                      "que",
                      "quel",
                      "quels"),
              "es",
                  Set.of(
                      "el", "los", "las", "y", "es", "quién", "quien", "cuándo", "cuando", "dónde",
                      "donde", "por", "qué", "que", "una", "del", "con", "fue", "cómo"),
              "it",
                  Set.of(
                      "il", "gli", "e", "è", "chi", "quando", "dove", "perché", "come", "della",
                      "dei", "con", "sono", "una", "che", "nel"),
              "tr",
                  Set.of(
                      "ve",
                      "bir",
                      "bu",
                      "ne",
                      "kim",
                      "nerede",
                      "zaman",
                      "nedir",
                      "mi",
                      "mı",
                      "için",
                      "ile",
                      "hangi",
                      "neden",
                      "kimdir",
                      "kimler",
                      "kimlerdir",
                      "neler",
                      "nelerdir",
                      "nasıl",
                      "niçin",
                      "kaç")));

  /** English little words: one of them keeps a Latin text English. */
  private static final Set<String> ENGLISH_WORDS =
      Set.of(
          "the", "a", "an", "and", "of", "in", "on", "to", "is", "are", "was", "were", "who",
          "what", "when", "where", "which", "why", "how", "did", "does", "do", "with", "for", "by",
          "at", "it", "that", "this", "whom", "whose", "many", "much");

  private Languages() {}

  /**
   * The ISO 639-1 code of the language {@code text} is most likely written in: {@code "en"} when
   * nothing says otherwise (a name, a number, an empty line), {@code "ru"} for Russian.
   */
  public static String detect(String text) {
    int latin = 0;
    int cyrillic = 0;
    String other = null;
    int otherCount = 0;
    String cyrillicHint = null;
    Set<String> latinHints = new java.util.HashSet<>();
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); ) {
      int c = lower.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isLetter(c)) {
        continue;
      }
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      if (script == Character.UnicodeScript.CYRILLIC) {
        cyrillic++;
        String hint = CYRILLIC_LETTERS.get((char) c);
        if (hint != null && (cyrillicHint == null || hint.equals("kk"))) {
          cyrillicHint = hint;
        }
      } else if (script == Character.UnicodeScript.LATIN) {
        latin++;
        String hint = LATIN_LETTERS.get((char) c);
        if (hint != null) {
          latinHints.addAll(java.util.Arrays.asList(hint.split(" ")));
        }
      } else {
        otherCount++;
        other = scriptLanguage(script, other);
      }
    }
    boolean cyrillicFrame = cyrillic > 0 && latin > cyrillic && cyrillicFrame(text);
    if (cyrillic >= latin && cyrillic >= otherCount && cyrillic > 0 || cyrillicFrame) {
      return cyrillicHint == null
          ? russianOrUkrainian(lower)
          : cyrillicHint.equals("uk") ? kazakhOrUkrainian(lower) : cyrillicHint;
    }
    if (otherCount > latin && other != null) {
      return other;
    }
    return latin == 0 ? ENGLISH : latinLanguage(lower, latinHints);
  }

  /** Question words a Russian question opens with. */
  private static final Set<String> RUSSIAN_OPENINGS =
      Set.of(
          "кто",
          "что",
          "когда",
          "где",
          "куда",
          "откуда",
          "почему",
          "зачем",
          "как",
          "какой",
          "какая",
          "какое",
          "какие",
          "каков",
          "какова",
          "сколько",
          "чей",
          "чья",
          "чьё",
          "чье",
          "чьи",
          "кого",
          "кому",
          "кем",
          "чем",
          "чего",
          "расскажи",
          "расскажите",
          "объясни");

  /**
   * Whether a text that has more Latin letters than Cyrillic ones is still written in a Cyrillic
   * language: its own words, those that are no names (the first word, and words in lower case), are
   * mostly Cyrillic. "Кто такой Lavrentyev?" and "Когда подписан Sochi memorandum?" ask in Russian
   * about names spelt as the documents spell them.
   */
  private static boolean cyrillicFrame(String text) {
    int cyrillic = 0;
    int latin = 0;
    boolean first = true;
    for (String w : text.split("[^\\p{L}]+")) {
      if (w.isEmpty()) {
        continue;
      }
      if (first && RUSSIAN_OPENINGS.contains(w.toLowerCase(Locale.ROOT))) {
        // "что такое de-escalation zones?": a question opened with a Russian question word asks
        // in Russian, whatever it then types in the documents' own words
        return true;
      }
      boolean name = !first && Character.isUpperCase(w.codePointAt(0));
      first = false;
      if (name) {
        continue;
      }
      Character.UnicodeScript script = Character.UnicodeScript.of(w.codePointAt(0));
      cyrillic += script == Character.UnicodeScript.CYRILLIC ? 1 : 0;
      latin += script == Character.UnicodeScript.LATIN ? 1 : 0;
    }
    return cyrillic > latin;
  }

  /**
   * Ukrainian and Kazakh both write "і"; a text whose only telling letter it is ("Кепілдер
   * кімдер?") is Kazakh when it has more of Kazakh's little words than of Ukrainian's.
   */
  private static String kazakhOrUkrainian(String lower) {
    if (lower.matches("(?s).*[їєґ].*")) {
      return "uk";
    }
    int kazakh = 0;
    int ukrainian = 0;
    for (String w : lower.split("[^\\p{L}]+")) {
      kazakh += KAZAKH_WORDS.contains(w) || w.startsWith("кім") ? 1 : 0;
      ukrainian += UKRAINIAN_WORDS.contains(w) ? 1 : 0;
    }
    return kazakh > ukrainian ? "kk" : "uk";
  }

  /**
   * A Cyrillic text with no letter of its own language: Russian, unless it has a word Russian does
   * not have and Ukrainian does ("Хто гаранти?") and none of the letters Russian has and Ukrainian
   * does not (ы, э, ъ, ё).
   */
  private static String russianOrUkrainian(String lower) {
    if (lower.matches("(?s).*[ыэъё].*")) {
      return RUSSIAN;
    }
    for (String w : lower.split("[^\\p{L}]+")) {
      if (UKRAINIAN_ONLY_WORDS.contains(w)) {
        return "uk";
      }
    }
    return RUSSIAN;
  }

  /** Kazakh little and question words (кім, "who", is matched by its stem: кімдер, кімнің). */
  private static final Set<String> KAZAKH_WORDS =
      Set.of(
          "не", "неше", "нешінші", "қашан", "қайда", "қандай", "қалай", "неге", "және", "бұл",
          "осы", "ма", "ме", "ба", "бе", "па", "пе", "туралы", "болды", "деген");

  private static final Set<String> UKRAINIAN_WORDS =
      Set.of(
          "хто", "що", "коли", "де", "які", "який", "яка", "яке", "чому", "як", "і", "й", "та",
          "про", "це", "був", "була", "були", "чи", "скільки");

  /** Ukrainian words that are no Russian words. */
  private static final Set<String> UKRAINIAN_ONLY_WORDS =
      Set.of("хто", "що", "чому", "які", "який", "яка", "яке", "навіщо", "скільки");

  /** A Latin-script text: English unless its letters or at least two little words say otherwise. */
  private static String latinLanguage(String lower, Set<String> letterHints) {
    String best = null;
    int bestCount = 0;
    String[] words = lower.split("[^\\p{L}]+");
    for (Map.Entry<String, Set<String>> e : FUNCTION_WORDS.entrySet()) {
      int n = 0;
      for (String w : words) {
        if (e.getValue().contains(w)) {
          n++;
        }
      }
      // a tie goes to the language a letter points to ("con una zona más": Spanish, not Italian)
      if (n > bestCount
          || n == bestCount
              && n > 0
              && letterHints.contains(e.getKey())
              && !letterHints.contains(best)) {
        best = e.getKey();
        bestCount = n;
      }
    }
    int english = 0;
    for (String w : words) {
      if (ENGLISH_WORDS.contains(w)) {
        english++;
      }
    }
    if (bestCount >= 2 && bestCount > english) {
      return best;
    }
    // A letter English never writes and a little word of the same language, with no English
    // one ("Genève talks" alone is still English: a name a question may use).
    return best != null && letterHints.contains(best) && english == 0 ? best : ENGLISH;
  }

  private static String scriptLanguage(Character.UnicodeScript script, String previous) {
    return switch (script) {
      case ARABIC -> "ar";
      case HEBREW -> "he";
      case GREEK -> "el";
      case HAN -> previous != null && previous.equals("ja") ? "ja" : "zh";
      case HIRAGANA, KATAKANA -> "ja";
      case HANGUL -> "ko";
      case DEVANAGARI -> "hi";
      case ARMENIAN -> "hy";
      case GEORGIAN -> "ka";
      case THAI -> "th";
      default -> previous != null ? previous : "und";
    };
  }
}
