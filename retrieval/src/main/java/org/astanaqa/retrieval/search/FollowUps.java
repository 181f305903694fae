package org.astanaqa.retrieval.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.astanaqa.retrieval.text.Analyzers;
import org.astanaqa.retrieval.text.Countries;
import org.astanaqa.retrieval.text.Ordinals;
import org.astanaqa.retrieval.text.Speakers;

/**
 * Follow-ups: whether a question leans on the one before it ("and Iran?", "when was that?", "who
 * signed it?") or stands on its own, and the one question the two make together.
 *
 * <p>Whether it leans is judged by signals anyone can check: words that point back (pronouns,
 * "that", "there", "then"), an opening "and"/"what about", and how few words the corpus knows it
 * names. A question that leans is rewritten as one question ({@link #resolve}), which is then
 * answered as any other. A Russian question is judged and rewritten in its English translation,
 * where "он", "это" and "а" become "he", "that" and "and".
 */
public final class FollowUps {
  /** Words that point back to something said before (also read by {@link QuestionText}). */
  static final Set<String> POINTING =
      Set.of(
          "it", "its", "that", "this", "those", "these", "he", "him", "his", "she", "her", "they",
          "them", "their", "there", "then", "same", "such", "ones", "other", "else");

  /** Openings that continue the question before ("and Iran?", "what about Turkey?"). */
  private static final List<String> CONTINUING =
      List.of("and ", "also ", "what about ", "how about ", "but ", "or ");

  /**
   * A question that names more corpus words than this no longer leans for a pointing word or an
   * opening "and" alone: it may point back ({@link #MAX_KNOWN_TERMS_MAY_POINT}) or stands.
   */
  private static final int MAX_KNOWN_TERMS = 2;

  /** A question that points back at a person it does not name leans with up to this many. */
  private static final int MAX_KNOWN_TERMS_POINTING = 4;

  /**
   * A question that points back at something outside itself ("what does Kazakhstan want the parties
   * to do with it?") or continues ("and what did Kazakhstan think of the results?") may lean with
   * up to this many ({@link Leaning#MAY_POINT_BACK}); more, and it says all it asks.
   */
  private static final int MAX_KNOWN_TERMS_MAY_POINT = 5;

  /** Such a pronoun is among the question's first this many words ("does he hold...?"). */
  private static final int PERSON_WITHIN = 3;

  /**
   * Openings of a fragment that continues the question before ("including elections?", "in light of
   * what work?", "for what?", "the presidents of which countries?"): a preposition, or "the" of a
   * noun phrase, where a question of its own starts with a question word or a verb.
   */
  private static final Set<String> FRAGMENT_OPENINGS =
      Set.of(
          "the",
          "including",
          "in",
          "on",
          "for",
          "with",
          "from",
          "after",
          "before",
          "during",
          "besides",
          "between",
          "by",
          "against",
          "to",
          "at",
          "about",
          "under",
          "among",
          "without");

  /** Question words that a noun may follow ("which meeting", "how many zones"). */
  private static final Set<String> ASKING_FOR_A_NOUN = Set.of("what", "which", "whose", "how");

  /** Auxiliary verbs, which end a noun phrase after a question word ("which meeting was ..."). */
  public static final Set<String> AUXILIARIES =
      Set.of(
          "is", "are", "was", "were", "am", "be", "been", "being", "do", "does", "did", "has",
          "have", "had", "will", "would", "can", "could", "should", "shall", "may", "might",
          "must");

  private static final Set<String> TO_BE = Set.of("is", "are", "was", "were");

  /** Prepositions, which end a noun phrase ("of" does not: "the round of talks"). */
  private static final Set<String> PREPOSITIONS =
      Set.of(
          "by", "on", "in", "at", "for", "with", "from", "since", "until", "to", "about", "into",
          "under", "after", "before", "during", "between", "against", "through", "near", "around",
          "over", "within");

  /** Pronouns that stand for a person: the one a "who" question asks for. */
  private static final Set<String> PERSONAL =
      Set.of("he", "him", "his", "she", "her", "they", "them", "their");

  /** Words that point back at a thing named before when they open a question's noun. */
  private static final Set<String> DEMONSTRATIVE = Set.of("that", "this", "these", "those");

  private static final Set<String> SINGULAR_PERSON = Set.of("he", "him", "his", "she", "her");

  private static final Set<String> PLURAL_PERSON = Set.of("they", "them", "their");

  private static final Set<String> SINGULAR_AUXILIARIES = Set.of("is", "was", "has", "does");

  /**
   * Whether a "who" question's verb is singular: "heads", "is", "was", "has" (not "brokered",
   * "were", "walked out"), so that a later "they" is one person.
   */
  private static boolean singularVerb(List<String> content) {
    if (content.isEmpty()) {
      return false;
    }
    String v = lower(content.get(0));
    return SINGULAR_AUXILIARIES.contains(v)
        || v.length() > 3 && v.endsWith("s") && !v.endsWith("ss") && !v.endsWith("us");
  }

  private static final Set<String> POSSESSIVE = Set.of("its", "his", "her", "their");

  /** Words no swap or rewrite carries over from the follow-up ("the" of "and the observers?"). */
  private static final Set<String> KEPT_FROM_EARLIER =
      Set.of("the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "about");

  /** What kind of thing a name is, so that "and Iran?" swaps a country for a country. */
  private enum Kind {
    COUNTRY,
    NATIONALITY,
    NAME,
    /** "first", "seventh", "next": which one of a series ("and the next one?") */
    ORDINAL
  }

  /**
   * Words that say which one of a series besides the ordinals ("When was the first meeting?" ->
   * "and the next one?").
   */
  private static final Set<String> SERIES =
      Set.of("next", "previous", "last", "latest", "following", "earlier", "later");

  /** A name among a question's words, from {@code start} to {@code end}, and its kind. */
  private record Name(int start, int end, Kind kind, boolean possessive) {
    Name(int start, int end, Kind kind) {
      this(start, end, kind, false);
    }
  }

  /** The last word of a capitalised run that names a group or a body, never "he" or "she". */
  private static final Set<String> GROUP_WORDS =
      Set.of(
          "states",
          "nations",
          "council",
          "government",
          "ministry",
          "republic",
          "union",
          "organisation",
          "organization",
          "party",
          "group",
          "committee",
          "forces",
          "army",
          "front",
          "summit",
          "process",
          "talks");

  /** Titles before a person's name ("Mr. Umarov"). */
  private static final Set<String> TITLES = Set.of("mr", "ms", "mrs", "dr");

  private FollowUps() {}

  /**
   * Whether a question that continues the one before ({@link Leaning#CONTINUES}) asks nothing of
   * its own: after its opening ("and", "what about") no question word and no auxiliary, as in "and
   * Iran?" or "what about the Turkish side?", unlike "and when was the first meeting?". Such a
   * question means the earlier one asked of something else, and is no question alone.
   */
  public static boolean asksNothingOfItsOwn(String question) {
    String q = question.replaceAll("[^\\p{L}\\p{N}' ]", " ").strip();
    if (q.isEmpty()) {
      return false;
    }
    List<String> words = Arrays.asList(q.split("\\s+"));
    List<String> own = words.subList(openingLength(words), words.size());
    return !own.isEmpty()
        && own.stream()
            .map(FollowUps::lower)
            .noneMatch(w -> Analyzers.INTERROGATIVES.contains(w) || AUXILIARIES.contains(w));
  }

  /**
   * Whether {@code question} (English, or a translation) leans on the question before it.
   *
   * @param knownTerms how many distinct words of the question the corpus has (question words and
   *     stop words not counted)
   */
  public static boolean leansOn(String question, int knownTerms) {
    Leaning l = leaning(question, knownTerms);
    return l == Leaning.LEANS || l == Leaning.CONTINUES;
  }

  /** How a question stands to the one before it. */
  public enum Leaning {
    /** It points back ("who signed it?", "and the Turkish one?", "for what?"): rewrite it. */
    LEANS,
    /**
     * It only continues, with an opening "and" or "what about" and no word that points back ("and
     * Iran?", "and when was the first meeting?"): it may be a part of the earlier question or a
     * question of its own, so it is rewritten as one that leans is and asked alone as well.
     */
    CONTINUES,
    /**
     * A short question with few words of its own that names no one ("where did the airstrikes
     * hit?", "Iran too?"): asked alone first, and with the earlier one as context only when alone
     * it finds no answer. One that asks about someone or something it names ("Where is Idlib?",
     * "Where was John Ging born?") stands.
     */
    MAY_LEAN,
    /**
     * A question with three to five words of its own that still points back at something outside it
     * ("what does Kazakhstan want the parties to do with it?", "which group's fighters are
     * concentrated there?"; see {@code pointsOutside}) or continues ("and what did Kazakhstan think
     * of the results?"): asked alone and with the earlier one as context, and answered with the
     * context only when that reading is answered, more surely than the question alone when alone it
     * is, from a passage that holds as many of the question's own words.
     */
    MAY_POINT_BACK,
    /** It says all it asks. */
    STANDS
  }

  /**
   * The end of a sentence inside a message, before a next one that asks ("? What", ". Did"), not
   * the dot of "Mr. Umarov".
   */
  private static final java.util.regex.Pattern SENTENCE_BREAK =
      java.util.regex.Pattern.compile(
          "(?<=[\\p{L}\\p{N}])[?!.;]+\\s+(?=(?:"
              + String.join("|", Analyzers.INTERROGATIVES)
              + "|"
              + String.join("|", AUXILIARIES)
              + ")\\b)",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /** A word longer than this is searched by no one ("xxxx..."): it counts as unknown here. */
  private static final int LONGEST = 40;

  /** A short question has at most this many words to be asked with context when alone it fails. */
  private static final int MAY_LEAN_WORDS = 6;

  /**
   * How {@code question} (English, or a translation) stands to the question before it.
   *
   * @param knownTerms how many distinct words of the question the corpus has (question words and
   *     stop words not counted)
   */
  public static Leaning leaning(String question, int knownTerms) {
    return leaning(question, knownTerms, 0);
  }

  /**
   * As {@link #leaning(String, int)}, knowing how many of its words the corpus never uses: a
   * question made only of such words ("xxxx", "who is Lavrov?") is about something the documents do
   * not know, and leans only when it points back or continues ("and Lavrov?"); leaning on the
   * earlier question would otherwise answer it with that question's words alone.
   */
  public static Leaning leaning(String question, int knownTerms, int unknownTerms) {
    // "Who is Lavrentyev? What is his other post?": a second sentence is a second question, read
    // as one after "and" ({@link #inSecondQuestion})
    question = SENTENCE_BREAK.matcher(unshouted(question)).replaceAll(" and ");
    // "Which countries ...?" names what it asks about, though "countries" is not searched
    knownTerms += QuestionType.asksWhichCountries(question) ? 1 : 0;
    String q = question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").strip();
    if (q.isEmpty()) {
      return Leaning.STANDS; // "?!", stray punctuation or NULs: no words to lean with
    }
    String[] words = q.split("\\s+");
    // A word too long to be searched ("xxxx...") is its own all the same, if none the corpus knows.
    boolean overlong = Arrays.stream(words).anyMatch(w -> w.length() > LONGEST);
    if (knownTerms == 0 && unknownTerms == 0 && !overlong) {
      return Leaning.LEANS; // "when was that?", "why?": nothing of its own to search
    }
    // the same words as written, to tell a name ("Damascus") from a plural ("countries")
    String[] written = question.replaceAll("[^\\p{L}\\p{N}' ]", " ").strip().split("\\s+");
    boolean pointing = false;
    boolean pointingOut = false; // at something the question cannot mean itself
    boolean names = namesSomeone(question);
    boolean person = false;
    boolean thing = false;
    String padded = q + " ";
    boolean continuing = CONTINUING.stream().anyMatch(padded::startsWith);
    // "What other post does Lavrentyev hold?": another office than the one known, not another
    // one of those said before
    boolean anotherOffice = QuestionType.asksForAnotherOffice(question);
    for (int i = 0; i < words.length; i++) {
      boolean back =
          pointsBack(words, written, i)
              && !(anotherOffice && (words[i].equals("other") || words[i].equals("else")));
      pointing |= back;
      pointingOut |= back && pointsOutside(words, written, i, names);
      // among its first words, before the question can have named whom it means ("Did Russia
      // and Turkey say they would...?" names them first), or anywhere after an opening "and"
      // ("and what other post does he hold?")
      person |= (i < PERSON_WITHIN || continuing) && PERSONAL.contains(words[i]);
      // "is that group banned in Russia?", "was this deal signed?": a thing pointed back at, or
      // anywhere after an opening "and" ("and what were those talks guided by?")
      thing |=
          (i < PERSON_WITHIN || continuing)
              && DEMONSTRATIVE.contains(words[i])
              && i + 1 < words.length;
    }
    // "and when was the first meeting?"; not "and the Turkish one?", whose "one" is the one named
    // before
    Leaning leans =
        continuing && !pointing && !Arrays.asList(words).contains("one")
            ? Leaning.CONTINUES
            : Leaning.LEANS;
    if (knownTerms > MAX_KNOWN_TERMS) {
      // "does he hold any other post?", "and if they let things unravel?": a person pointed back
      // at, whom the question does not name, leans however many words it knows
      // "is that group banned in Russia?": a thing pointed back at, whatever else it names
      if ((thing || person && !names) && knownTerms <= MAX_KNOWN_TERMS_POINTING) {
        return leans;
      }
      // "what does Kazakhstan want the parties to do with it?": its own words may say enough
      return (pointingOut || continuing) && knownTerms <= MAX_KNOWN_TERMS_MAY_POINT
          ? Leaning.MAY_POINT_BACK
          : Leaning.STANDS;
    }
    // "the presidents of which countries?" asks for something; "the sochi memorandum?" may be a
    // question of its own, asked alone first
    boolean fragment =
        words.length <= 5
            && FRAGMENT_OPENINGS.contains(words[0])
            && (!words[0].equals("the")
                || Arrays.stream(words).anyMatch(Analyzers.INTERROGATIVES::contains))
            && !names;
    if (pointing || continuing || fragment) {
      return leans;
    }
    if (knownTerms == 0) {
      return Leaning.STANDS; // only words the corpus never uses
    }
    // "Where was John Ging born?" names whom it asks about: with the earlier question's words as
    // well it would only find that question's passages again. A country in a fragment ("Iran
    // too?", "What of Iran?") may still stand for the earlier question's.
    boolean asksAboutANamedOne =
        Analyzers.INTERROGATIVES.contains(words[0]) && namesOneAsTyped(question, written);
    return words.length <= MAY_LEAN_WORDS && !asksAboutANamedOne
        ? Leaning.MAY_LEAN
        : Leaning.STANDS;
  }

  /**
   * Whether the word at {@code i} points back at something said before ("it", "there", "he").
   * "Which countries said they would ...?": "they" means the countries, not someone before.
   */
  private static boolean pointsBack(String[] words, String[] written, int i) {
    return POINTING.contains(words[i])
        && !(PLURAL.contains(words[i]) && pluralBefore(words, written, i))
        && !existentialThere(words, i)
        && !inSecondQuestion(words, i);
  }

  /**
   * Whether word {@code i} is in the second of two questions asked as one ("What is the Astana
   * process and who started it?", "Was the ceasefire respected and who guaranteed it?"): after
   * "and" and a question word that follow a first question, one that opens with a question word or
   * an auxiliary and has a word of its own, where "it", "he" or "there" is what it named. "I see,
   * and when was it signed?" and "tell me more and who signed it?" ask no first question: they
   * point back.
   */
  private static boolean inSecondQuestion(String[] words, int i) {
    if (words.length == 0
        || !Analyzers.INTERROGATIVES.contains(words[0]) && !AUXILIARIES.contains(words[0])) {
      return false;
    }
    boolean own = false;
    for (int j = 1; j + 1 < i; j++) {
      if (own && words[j].equals("and") && Analyzers.INTERROGATIVES.contains(words[j + 1])) {
        return true;
      }
      own |= words[j].length() > 2 && !functionWord(words[j]) && !POINTING.contains(words[j]);
    }
    return false;
  }

  /**
   * Whether a question names a person, place or thing other than a country or a nationality ("John
   * Ging", "Idlib"), when its capitals say anything: not in a question typed in capitals or title
   * case ("WHERE DID THE AIRSTRIKES HIT?"), and "I" is no one's name.
   */
  private static boolean namesOneAsTyped(String question, String[] written) {
    boolean everyWordCapitalised = written.length > 2;
    for (int i = 1; i < written.length && everyWordCapitalised; i++) {
      everyWordCapitalised =
          !written[i].isEmpty() && Character.isUpperCase(written[i].codePointAt(0));
    }
    if (everyWordCapitalised) {
      return false;
    }
    return names(words(cut(question.replaceAll("\\bI\\b", "i"))), false).stream()
        .anyMatch(n -> n.kind() == Kind.NAME);
  }

  /**
   * Whether a word that points back ({@link #pointsBack}) points at something the question does not
   * say itself, so that a question naming several words of its own may still lean on the one before
   * ({@link Leaning#MAY_POINT_BACK}): "it" anywhere ("what does Kazakhstan want the parties to do
   * with it?", "what did Kazakhstan hope it would achieve?"; in "What did the delegation say it
   * expects?" the question's own, which asking it both ways keeps: the context reading does not
   * win); "he", "they", "their"... among the first words of a question that names no one, not "Did
   * Russia and Turkey withdraw their forces?" nor "Why did the opposition say they would leave?";
   * "that", "this", "these", "those" at the end or before a word of their own ("after that
   * meeting"), not "said that the ceasefire...", "demand that Russia...", "these days"; never
   * "its", "same" or "such".
   */
  private static boolean pointsOutside(String[] words, String[] written, int i, boolean names) {
    String w = words[i];
    boolean last = i == words.length - 1;
    if (PERSONAL.contains(w)) {
      return i < PERSON_WITHIN && !names;
    }
    if (DEMONSTRATIVE.contains(w)) {
      if (last) {
        return true;
      }
      String next = words[i + 1];
      boolean typedAsName =
          i + 1 < written.length && Character.isUpperCase(written[i + 1].codePointAt(0));
      return !typedAsName
          && !TIMES.contains(next)
          && !AUXILIARIES.contains(next)
          && !PREPOSITIONS.contains(next)
          && !functionWord(next);
    }
    return !w.equals("its") && !w.equals("same") && !w.equals("such");
  }

  /** A stop word or a question word ("the", "a", "did"): no word of a noun phrase's own. */
  private static boolean functionWord(String w) {
    List<Analyzers.Token> t = Analyzers.tokens(w);
    return t.isEmpty() || Analyzers.isQuestionWord(t.get(0).term());
  }

  /** Words after "this" or "these" that say when, not what was said before ("these days"). */
  private static final Set<String> TIMES =
      Set.of("days", "day", "year", "years", "week", "weeks", "month", "months", "morning", "time");

  /**
   * "How many zones are there?", "Is there a ceasefire?": a "there" after "is"/"are" that says
   * something exists, not a place said before ("who was there?", where the question word is the
   * subject).
   */
  private static boolean existentialThere(String[] words, int i) {
    if (!words[i].equals("there") || i == 0) {
      return false;
    }
    if (i + 1 < words.length
        && AUXILIARIES.contains(words[i - 1])
        && (words[i + 1].equals("been") || words[i + 1].equals("be"))) {
      return true; // "how many rounds have there been?", "will there be a summit?"
    }
    if (!TO_BE.contains(words[i - 1])) {
      return false;
    }
    return i == 1 || !SUBJECT_QUESTION_WORDS.contains(words[i - 2]);
  }

  /**
   * Question words that can be the subject of "is there" ("who was there?", "what is there?"),
   * where "there" is a place; after "when/where/why/how was there ..." it says something exists.
   */
  private static final Set<String> SUBJECT_QUESTION_WORDS = Set.of("who", "what", "which");

  /**
   * The subject pronoun that a plural noun earlier in the same question is what it means ("Which
   * countries said they would ...?"); "them" and "their" mostly point back ("who facilitates
   * them?", "have the sites for them been agreed?").
   */
  private static final Set<String> PLURAL = Set.of("they");

  /**
   * Whether a plural noun ("countries", "states") comes before word {@code i}: not a name written
   * with a capital after the first word ({@code written} holds the words as typed).
   */
  private static boolean pluralBefore(String[] words, String[] written, int i) {
    for (int k = 0; k < i; k++) {
      String w = words[k];
      if (w.length() < 4
          || !w.endsWith("s")
          || w.endsWith("ss")
          || w.endsWith("us") // "Damascus"
          || w.endsWith("is")
          || w.contains("'") // "Lavrov's deputy"
          || POINTING.contains(w)
          || k > 0 && k < written.length && Character.isUpperCase(written[k].codePointAt(0))) {
        continue;
      }
      if (!functionWord(w)) {
        return true; // not a stop word or a question word ("does", "was")
      }
    }
    return false;
  }

  /**
   * Whether a question names someone itself: a capitalised word after its first, a country or a
   * nationality ("Russia and Turkey", "Iranian").
   */
  private static boolean namesSomeone(String question) {
    // "the next day" names no one: an ordinal is a name only to swap ("and the next one?")
    return names(words(cut(question)), false).stream().anyMatch(n -> n.kind() != Kind.ORDINAL);
  }

  /**
   * The one question that {@code followUp} asks given {@code earlier}, the question it leans on
   * (both English, or translations):
   *
   * <ul>
   *   <li>a name or a thing alone ("and Iran?", "what about the observers?", "and about
   *       refugees?"): the earlier question with it in place of the earlier one of the same kind (a
   *       country for a country, "about" for "about"), or added when there is none;
   *   <li>a question word with nothing of its own ("when was that?", "why?", "by whom?"): that
   *       question word with the earlier question's words ("When was the ceasefire regime
   *       brokered?" -> "By whom was the ceasefire regime brokered?");
   *   <li>a question of its own that points back ("who signed it?", "what did he say about
   *       Idlib?"): with "it", "he"... replaced by what the earlier question was about ("Who signed
   *       the Sochi memorandum?", "What did the one who headed the Russian delegation say about
   *       Idlib?").
   * </ul>
   */
  public static String resolve(String earlier, String followUp) {
    return resolve(earlier, followUp, null);
  }

  /**
   * As {@link #resolve(String, String)}, knowing whom the earlier question's answer named: {@code
   * person} ("Alexander Lavrentyev" for "Who headed the Russian delegation?"), or null. A follow-up
   * that points back at one person ("what did he say about Idlib?", "what is his title?") then asks
   * about that person by name ("What did Alexander Lavrentyev say about Idlib?"), which the
   * documents say, where "the one who headed the Russian delegation" is a description they may not
   * repeat.
   */
  public static String resolve(String earlier, String followUp, String person) {
    List<String> e = words(cut(unshouted(earlier)));
    List<String> f = words(cut(unshouted(followUp)));
    int open = openingLength(f);
    List<String> own = f.subList(open, f.size());
    if (e.isEmpty()) {
      return sentence(f);
    }
    if (own.isEmpty()) {
      return sentence(e);
    }
    int repeated = repeatedOpening(own, e);
    if (repeated >= 2 && repeated + 1 < own.size() && isOnes(own.get(own.size() - 1))) {
      // "and who headed the Turkish one?": the earlier question's own opening, then "the X one"
      return sentence(swap(e, own.subList(repeated, own.size())));
    }
    int the = own.size() - 3;
    if (repeated >= 1
        && the >= 1
        && the <= 2
        && lower(own.get(the)).equals("the")
        && isOnes(own.get(own.size() - 1))) {
      // "who led the Turkish one?" after "Who headed the Russian delegation ...?": the same
      // question word, a verb of its own, then "the X one", which is the earlier question's thing.
      // The follow-up's verb takes the earlier one's place ("who chaired the next one?" after
      // "Who attended the first meeting?" asks who chaired it), unless either is an auxiliary
      // ("who heads the Turkish one?" after "Who is the head of the Russian delegation?").
      List<String> asked = e;
      if (the == 2
          && e.size() > 2
          && !AUXILIARIES.contains(lower(e.get(1)))
          && !AUXILIARIES.contains(lower(own.get(1)))) {
        asked = new ArrayList<>(e);
        asked.set(1, own.get(1));
      }
      return sentence(swap(asked, own.subList(the, own.size())));
    }
    List<String> named = person == null ? List.of() : words(person);
    if (!named.isEmpty() && pointsAtOnePerson(own)) {
      return sentence(byName(own, named));
    }
    List<String> spoken = bySpeaker(own, e);
    if (spoken != null) {
      return sentence(spoken);
    }
    int asked = questionPhraseEnd(own);
    if (asked > 0) {
      List<String> tail = own.subList(asked, own.size());
      boolean aux = tail.stream().anyMatch(w -> AUXILIARIES.contains(lower(w)));
      // "which meeting was that?", "on what issue?" ask again; "which resolution guides them?",
      // whose noun phrase took in a verb, does not, nor does "how old is he?", whose question
      // phrase asks about the person the earlier question named or asked for, not about its event
      // ("when did he?" still asks again)
      boolean aboutThePerson =
          asked > questionWordEnd(own)
              && tail.stream().anyMatch(w -> SINGULAR_PERSON.contains(lower(w)));
      if (tail.stream().allMatch(w -> AUXILIARIES.contains(lower(w)) || isPointing(w))
          && !aboutThePerson
          && (tail.isEmpty() || aux || asked == questionWordEnd(own))) {
        return sentence(askAgain(own.subList(0, asked), tail, e));
      }
      return sentence(pointBack(own, e, true));
    }
    if (own.stream().anyMatch(FollowUps::isPointing) && !AUXILIARIES.contains(lower(own.get(0)))) {
      // "and Iranian ones?": a name that stands for the earlier question's thing of its kind
      return sentence(swap(e, own));
    }
    if (own.stream().anyMatch(FollowUps::isPointing)) {
      return sentence(pointBack(own, e, false)); // "is it outlawed in Russia?"
    }
    return sentence(swap(e, own));
  }

  /**
   * Words after "her" that show it is no possessive ("did they meet her yesterday?", "when did they
   * see her first?"): adverbs of time, place and degree.
   */
  private static final Set<String> NOT_OWNED =
      Set.of(
          "yesterday",
          "today",
          "tomorrow",
          "tonight",
          "then",
          "now",
          "again",
          "there",
          "here",
          "too",
          "also",
          "first",
          "last",
          "once",
          "twice",
          "recently",
          "later",
          "earlier",
          "ever",
          "before",
          "after",
          "already",
          "yet",
          "still",
          "often",
          "directly",
          "personally");

  /** Whether a follow-up points back at one person: he, him, his, she or her. */
  /**
   * A question typed in capitals ("AND WHAT OTHER POST DOES HE HOLD?") as lower case, its first
   * letter a capital: its capitals mark no names, and read as names they made the rewrite "Where is
   * WAS THE SOCHI MEMORANDUM SIGNED going?"; any other question as it is.
   */
  static String unshouted(String question) {
    if (!QuestionQuery.shouted(question)) {
      return question;
    }
    String lower = question.toLowerCase(Locale.ROOT);
    int first = 0;
    while (first < lower.length() && !Character.isLetter(lower.charAt(first))) {
      first++;
    }
    return first == lower.length()
        ? lower
        : lower.substring(0, first)
            + Character.toUpperCase(lower.charAt(first))
            + lower.substring(first + 1);
  }

  public static boolean pointsAtOnePerson(String followUp) {
    return pointsAtOnePerson(words(cut(followUp)));
  }

  private static boolean pointsAtOnePerson(List<String> words) {
    return words.stream().anyMatch(w -> SINGULAR_PERSON.contains(lower(w)));
  }

  /**
   * The follow-up with its first he/him/his/she/her replaced by the person's name: "what is his
   * title?" -> "what is John Ging's title".
   */
  private static List<String> byName(List<String> own, List<String> person) {
    List<String> out = new ArrayList<>();
    boolean replaced = false;
    for (int i = 0; i < own.size(); i++) {
      String w = lower(own.get(i));
      if (replaced || !SINGULAR_PERSON.contains(w)) {
        out.add(own.get(i));
        continue;
      }
      replaced = true;
      String next = i + 1 < own.size() ? lower(own.get(i + 1)) : "";
      boolean possessive =
          w.equals("his")
              || w.equals("her")
                  && !next.isEmpty()
                  && !PREPOSITIONS.contains(next)
                  && !AUXILIARIES.contains(next)
                  && !KEPT_FROM_EARLIER.contains(next)
                  && !NOT_OWNED.contains(next);
      out.addAll(person.subList(0, person.size() - 1));
      out.add(person.get(person.size() - 1) + (possessive ? "'s" : ""));
    }
    return out;
  }

  /**
   * "when was that?" after "When was the Sochi memorandum signed?": the follow-up's question word
   * with the earlier question's words (and its auxiliary, which agrees with its verb).
   */
  private static List<String> askAgain(List<String> asked, List<String> tail, List<String> e) {
    Parsed p = Parsed.of(e);
    List<String> out = new ArrayList<>(asked);
    String ownAux =
        tail.stream().filter(w -> AUXILIARIES.contains(lower(w))).findFirst().orElse(null);
    if (p.aux != null) {
      out.add(p.aux);
      out.addAll(p.content);
      return out;
    }
    List<String> c = p.content;
    boolean subjectWho = p.asks("who") && !c.isEmpty() && lower(c.get(0)).endsWith("ed");
    if (subjectWho && (ownAux == null || TO_BE.contains(lower(ownAux)))) {
      // "Who brokered the ceasefire regime in Syria?" + "when?" ->
      // "when was the ceasefire regime brokered in Syria?"
      int end = 1;
      while (end < c.size() && !PREPOSITIONS.contains(lower(c.get(end)))) {
        end++;
      }
      if (end > 1) {
        List<String> object = c.subList(1, end);
        String last = lower(object.get(object.size() - 1));
        out.add(last.endsWith("s") && !last.endsWith("ss") ? "were" : "was");
        out.addAll(object);
        out.add(c.get(0));
        out.addAll(c.subList(end, c.size()));
        return out;
      }
    }
    if (ownAux != null) {
      out.add(ownAux);
    }
    out.addAll(c);
    return out;
  }

  /**
   * A follow-up with words of its own: each word that points back becomes what the earlier question
   * was about; with none, the earlier question's subject is added ("what was discussed about the
   * round of Astana talks that was held in October?").
   */
  private static List<String> pointBack(List<String> own, List<String> e, boolean question) {
    Parsed p = Parsed.of(e);
    Set<String> said = new HashSet<>();
    for (String w : own) {
      if (!KEPT_FROM_EARLIER.contains(lower(w))) {
        said.add(lower(w));
      }
    }
    List<String> out = new ArrayList<>();
    boolean replaced = false;
    for (int i = 0; i < own.size(); i++) {
      String w = lower(own.get(i));
      if (replaced || !isPointing(own.get(i)) || w.equals("other") || w.equals("else")) {
        out.add(own.get(i));
        continue;
      }
      replaced = true;
      int noun = demonstratedNoun(own, i);
      if (noun > i) {
        // "when was that memorandum signed?", "what did that man say?": the earlier question's
        // own noun phrase for the noun, or the person it asked about; any other noun keeps the
        // earlier question's words before it, which a search still uses
        List<String> phrase = p.phraseEndingIn(lower(own.get(noun)));
        if (phrase.isEmpty() && PERSON_NOUNS.contains(lower(own.get(noun)))) {
          phrase = p.referent("he", said);
        }
        if (!phrase.isEmpty()) {
          out.addAll(phrase);
          i = noun;
          continue;
        }
      }
      List<String> ref = p.referent(w, said);
      if (POSSESSIVE.contains(w) && i + 1 < own.size()) {
        // "what are its objectives?" -> "what are the objectives of what was approved ...?"
        out.add("the");
        out.add(own.get(++i));
        out.add("of");
        out.addAll(ref);
      } else if (w.equals("there")) {
        // "what was agreed there?" after "... at the February 2017 meeting in Astana?": the place
        // the earlier question names; with none, what it was about
        List<String> place = p.placePhrase();
        if (place.isEmpty()) {
          out.add("at");
          out.addAll(ref);
        } else {
          out.addAll(place);
        }
      } else if (isOnes(w) && !ref.isEmpty() && lower(ref.get(0)).equals("the")) {
        out.addAll(ref.subList(1, ref.size())); // "which ones" -> "which de-escalation zones"
      } else {
        out.addAll(ref);
      }
    }
    if (!replaced && question) {
      out.add("about");
      out.addAll(p.referent("", said));
    }
    return out;
  }

  /** Nouns for a person after "that" ("that man", "this official"). */
  private static final Set<String> PERSON_NOUNS =
      Set.of(
          "man",
          "woman",
          "person",
          "official",
          "diplomat",
          "envoy",
          "guy",
          "gentleman",
          "lady",
          "minister",
          "negotiator",
          "representative",
          "speaker");

  /**
   * Where the noun of "that memorandum", "those strikes" or "that same statement" stands in {@code
   * own} when a demonstrative opens it at {@code i}, else -1.
   */
  private static int demonstratedNoun(List<String> own, int i) {
    if (!DEMONSTRATIVE.contains(lower(own.get(i)))) {
      return -1;
    }
    int k = i + 1;
    if (k < own.size() && lower(own.get(k)).matches("same|very")) {
      k++;
    }
    if (k >= own.size()) {
      return -1;
    }
    String n = lower(own.get(k));
    return functionWord(n)
            || AUXILIARIES.contains(n)
            || PREPOSITIONS.contains(n)
            || TIMES.contains(n)
            || isPointing(n)
            || capitalised(own.get(k))
        ? -1
        : k;
  }

  /**
   * "and Iran?" after "When did Turkey join the talks?": the earlier question with the new name in
   * place of the one of the same kind, its words after "about" for an "about" follow-up, or the new
   * name added when it has nothing to take the place of.
   */
  private static List<String> swap(List<String> e, List<String> own) {
    List<String> x = new ArrayList<>(own);
    boolean ones = isOnes(x.get(x.size() - 1));
    if (ones && x.size() > 1) {
      x = new ArrayList<>(x.subList(0, x.size() - 1)); // "Iranian ones": the modifier swaps
    }
    boolean about = lower(x.get(0)).equals("about");
    if (about && x.size() > 1) {
      x = new ArrayList<>(x.subList(1, x.size()));
    }
    int at = x.size() > 1 && TIME_PREPOSITIONS.contains(lower(x.get(0))) ? 1 : 0;
    if (!about && !ones && timeRunEnd(x, at) == x.size() && dates(x.subList(at, x.size()))) {
      // "and in May 2017?": another time for the same question, not a name for "Astana"
      return withTime(e, x.subList(at, x.size()), at == 1 ? x.get(0) : "in");
    }
    int lastAbout = -1;
    for (int i = 0; i < e.size(); i++) {
      if (lower(e.get(i)).equals("about")) {
        lastAbout = i;
      }
    }
    List<Name> spans = names(e, false);
    List<Name> named = names(x, true);
    Name mine = named.isEmpty() ? null : named.get(0);
    if (!about && mine != null) {
      // "Russia's delegation" is the Russian one: a country's possessive is of a nationality's kind
      List<Name> same =
          spans.stream()
              .filter(
                  s ->
                      s.kind == mine.kind
                          || s.possessive && mine.kind == Kind.NATIONALITY
                          || mine.possessive && s.kind == Kind.NATIONALITY)
              .toList();
      if (same.size() == 1 || same.size() > 1 && mine.kind != Kind.NAME) {
        Name s = same.get(0);
        int start = s.start;
        int end = s.end;
        // "the Sochi memorandum" for "the Tehran summit": the whole phrase, when shaped alike
        int before = mine.start;
        int after = x.size() - mine.end;
        if (start - before >= 0
            && end + after <= e.size()
            && sameShape(e.subList(start - before, start), x.subList(0, before))
            && plainWords(e.subList(end, end + after))) {
          start -= before;
          end += after;
          return splice(e, start, end, owned(x, mine.end - 1, s.possessive && ownable(mine)));
        }
        List<String> name = x.subList(mine.start, mine.end);
        return splice(e, start, end, owned(name, name.size() - 1, s.possessive && ownable(mine)));
      }
      List<String> nationalities =
          same.isEmpty() && ownable(mine) && named.size() == 1
              ? nationalityFor(e, spans, x, mine)
              : null;
      if (nationalities != null) {
        return nationalities;
      }
    }
    if (lastAbout >= 0 && (about || mine == null)) {
      // "and about refugees?", "and the exchange of bodies?" after "... say about X?"
      List<String> out = new ArrayList<>(e.subList(0, lastAbout + 1));
      out.addAll(x);
      return out;
    }
    List<String> out = new ArrayList<>(e);
    out.add(about ? "about" : "and");
    out.addAll(ones ? own : x);
    return out;
  }

  /**
   * "and Iran?" after "Who heads the Russian delegation?": the earlier question with the country's
   * adjective in place of its one nationality ("the Iranian delegation"), not "... delegation and
   * Iran?", which asks about the Russian one again. Null when it has none, several, or a plural
   * ("the Russians"), or when no adjective of the country is known. The caller asks it only for a
   * follow-up that names one country: "and Iran and Turkey?" asks about two delegations.
   */
  private static List<String> nationalityFor(
      List<String> e, List<Name> spans, List<String> x, Name mine) {
    List<Name> nationalities = spans.stream().filter(s -> s.kind == Kind.NATIONALITY).toList();
    if (nationalities.size() != 1) {
      return null;
    }
    Name n = nationalities.get(0);
    String adjective = Countries.adjectiveOf(String.join(" ", x.subList(mine.start, mine.end)));
    if (adjective == null || lower(e.get(n.start)).endsWith("s")) {
      return null;
    }
    String word = Character.toUpperCase(adjective.charAt(0)) + adjective.substring(1);
    return splice(e, n.start, n.end, List.of(word));
  }

  /**
   * Whether {@code name} is a country not yet possessive, which takes an earlier "Russia's" place
   * as "Iran's": of its kind, not by its last word alone, which for "Saudi Arabia" is no country.
   */
  private static boolean ownable(Name name) {
    return name.kind == Kind.COUNTRY && !name.possessive;
  }

  /**
   * {@code words} with word {@code at}, the last of a country's name, made possessive when {@code
   * possessive}: "and Iran?" after "What was Russia's position?" asks for Iran's.
   */
  private static List<String> owned(List<String> words, int at, boolean possessive) {
    if (!possessive) {
      return words;
    }
    List<String> out = new ArrayList<>(words);
    out.set(at, out.get(at) + "'s");
    return out;
  }

  private static List<String> splice(List<String> e, int start, int end, List<String> with) {
    List<String> out = new ArrayList<>(e.subList(0, start));
    out.addAll(with);
    out.addAll(e.subList(end, e.size()));
    return out;
  }

  /** Whether the words before a name are alike ("the" and "the"). */
  private static boolean sameShape(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!lower(a.get(i)).equals(lower(b.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /** Whether these are ordinary words of a noun phrase: no auxiliary, preposition or name. */
  private static boolean plainWords(List<String> words) {
    return words.stream()
        .allMatch(
            w ->
                !AUXILIARIES.contains(lower(w))
                    && !PREPOSITIONS.contains(lower(w))
                    && !Analyzers.INTERROGATIVES.contains(lower(w))
                    && !capitalised(w));
  }

  /**
   * The names of a question (capitalised words, and countries in lower case too), each with its
   * kind.
   *
   * @param first whether the first word's capital letter says it is a name (not in a question,
   *     which starts with one whatever its first word)
   */
  private static List<Name> names(List<String> words, boolean first) {
    List<Name> out = new ArrayList<>();
    int i = 0;
    while (i < words.size()) {
      String w = words.get(i);
      int two = i + 1 < words.size() ? i + 2 : -1;
      if (two > 0 && Countries.contains(w + " " + words.get(i + 1))) {
        out.add(new Name(i, two, Kind.COUNTRY));
        i = two;
      } else if (two > 0
          && isOwner(words.get(i + 1))
          && Countries.contains(w + " " + unowned(words.get(i + 1)))) {
        out.add(new Name(i, two, Kind.COUNTRY, true)); // "Saudi Arabia's"
        i = two;
      } else if (Countries.contains(w)) {
        out.add(new Name(i, i + 1, Kind.COUNTRY));
        i++;
      } else if (isOwner(w) && Countries.contains(unowned(w))) {
        out.add(new Name(i, i + 1, Kind.COUNTRY, true)); // "Russia's"
        i++;
      } else if (isNationality(w)) {
        out.add(new Name(i, i + 1, Kind.NATIONALITY));
        i++;
      } else if (Ordinals.number(w) != null || SERIES.contains(lower(w))) {
        out.add(new Name(i, i + 1, Kind.ORDINAL));
        i++;
      } else if ((i > 0 || first) && capitalised(w) || startsName(words, i)) {
        int end = i + 1;
        while (end < words.size() && (capitalised(words.get(end)) || startsName(words, end))) {
          end++;
        }
        out.add(new Name(i, end, Kind.NAME));
        i = end;
      } else {
        i++;
      }
    }
    return out;
  }

  /** Verbs of saying and holding a view, whose "it" is the one who says: a country, not a thing. */
  private static final Set<String> SAYING =
      Set.of(
          ("say said says mention mentioned call called calls ask asked want wanted think thought"
                  + " hope hoped urge urged propose proposed welcome welcomed support supported"
                  + " believe believed stress stressed demand demanded expect expected consider"
                  + " considered describe described note noted warn warned insist insisted suggest"
                  + " suggested praise praised condemn condemned reject rejected offer offered"
                  + " promise promised see view")
              .split(" "));

  /**
   * A follow-up whose "it" says or thinks something ("what did it say about refugees?", "which
   * elections did it mention?", "who does it call on?") with "it" read as the one country the
   * earlier question names ("What confidence-building measures did Kazakhstan call for?"); null
   * when it has no such "it", or the earlier question names no country or several. Read as what the
   * earlier question was about, "it" became the measures, which say nothing. Tune follow-ups 0.7418
   * -> 0.7437 (hybrid), 0.7399 -> 0.7418 (BM25); standalone second turns and out-of-scope
   * follow-ups unchanged.
   */
  private static List<String> bySpeaker(List<String> own, List<String> e) {
    int at = -1;
    for (int i = 0; i + 1 < own.size(); i++) {
      // not "what is it called?", whose "it" is the thing named, not one who calls
      if (lower(own.get(i)).equals("it")
          && SAYING.contains(lower(own.get(i + 1)))
          && !(i > 0 && TO_BE.contains(lower(own.get(i - 1))))) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      return null;
    }
    Set<String> countries = new java.util.LinkedHashSet<>();
    List<String> country = null;
    for (Name n : names(e, false)) {
      if (n.kind() == Kind.COUNTRY) {
        List<String> words = new ArrayList<>(e.subList(n.start(), n.end()));
        int last = words.size() - 1;
        words.set(last, unowned(words.get(last)));
        countries.add(lower(String.join(" ", words)));
        country = words;
      }
    }
    if (countries.size() != 1) {
      return null;
    }
    List<String> out = new ArrayList<>(own.subList(0, at));
    out.addAll(country);
    out.addAll(own.subList(at + 1, own.size()));
    return out;
  }

  /** A possessive's ending, "'s" or "\u2019s" ("Russia's"). */
  private static final java.util.regex.Pattern OWNER =
      java.util.regex.Pattern.compile("['\u2019]s$");

  /** Whether {@code w} ends as a possessive does ("Russia's", "Russia\u2019s"). */
  private static boolean isOwner(String w) {
    return OWNER.matcher(w).find();
  }

  /** {@code w} without a possessive's ending: "Russia" for "Russia's". */
  private static String unowned(String w) {
    return OWNER.matcher(w).replaceFirst("");
  }

  /** "de" of "de Mistura": a particle followed by a capitalised word. */
  private static boolean startsName(List<String> words, int i) {
    return i > 0
        && Speakers.NAME_PARTICLES.contains(words.get(i))
        && i + 1 < words.size()
        && capitalised(words.get(i + 1));
  }

  /**
   * "Iranian", "Turkish": a capitalised word with a nationality's ending, or a country's adjective
   * in any case ("and the turkish one?").
   */
  private static boolean isNationality(String w) {
    String l = lower(w);
    return l.length() > 4
            && capitalised(w)
            && (l.endsWith("ian") || l.endsWith("ish") || l.endsWith("ese") || l.endsWith("ean"))
        || Countries.isNationality(w);
  }

  /** How many words a follow-up starts with that the earlier question starts with too. */
  private static int repeatedOpening(List<String> own, List<String> e) {
    int n = 0;
    while (n < own.size() && n < e.size() && lower(own.get(n)).equals(lower(e.get(n)))) {
      n++;
    }
    return n;
  }

  /** The follow-up's opening ("and", "what about") in words, or 0. */
  private static int openingLength(List<String> f) {
    String s = lower(String.join(" ", f)) + " ";
    for (String o : List.of("and what about ", "and how about ")) {
      if (s.startsWith(o)) {
        return 3;
      }
    }
    for (String o : CONTINUING) {
      if (s.startsWith(o)) {
        return o.strip().split(" ").length;
      }
    }
    return s.startsWith("so ") ? 1 : 0;
  }

  /**
   * Where a follow-up's question phrase ends: "by whom", "on what issue", "which meeting", "how
   * many"; 0 when it does not start with a question word.
   */
  private static int questionPhraseEnd(List<String> w) {
    int i = 0;
    if (w.size() > 1 && PREPOSITIONS.contains(lower(w.get(0)))) {
      i = 1; // "by whom?", "on what issue?"
    }
    if (i >= w.size() || !Analyzers.INTERROGATIVES.contains(lower(w.get(i)))) {
      return 0;
    }
    String q = lower(w.get(i++));
    if (!ASKING_FOR_A_NOUN.contains(q)) {
      return i;
    }
    while (i < w.size()
        && !AUXILIARIES.contains(lower(w.get(i)))
        && !(isPointing(w.get(i)) && !isOnes(w.get(i)) && !lower(w.get(i)).equals("other"))) {
      if (q.equals("how") && i > 1 && !lower(w.get(i - 1)).matches("many|much")) {
        break; // "how did": no noun
      }
      i++;
    }
    return i;
  }

  /** Where a follow-up's question word ends ("by whom", "how many"), without a noun after it. */
  private static int questionWordEnd(List<String> w) {
    int i = PREPOSITIONS.contains(lower(w.get(0))) ? 2 : 1;
    return i < w.size() && lower(w.get(i - 1)).equals("how") && lower(w.get(i)).matches("many|much")
        ? i + 1
        : i;
  }

  /** The earlier question in parts: "When" "was" "the Sochi memorandum signed". */
  private record Parsed(List<String> lead, String aux, List<String> content) {
    static Parsed of(List<String> e) {
      int i = 0;
      if (e.size() > 1
          && PREPOSITIONS.contains(lower(e.get(0)))
          && Analyzers.INTERROGATIVES.contains(lower(e.get(1)))) {
        i = 1;
      }
      if (i < e.size() && Analyzers.INTERROGATIVES.contains(lower(e.get(i)))) {
        i++;
        // "how many", and "how old", "how long": the earlier question's question phrase, not a
        // word of what it was about ("when did he?" after "How old is the head ...?")
        if (lower(e.get(i - 1)).equals("how")
            && i < e.size()
            && lower(e.get(i)).matches("many|much|old|long|far|often")) {
          i++;
        }
      } else {
        i = 0;
      }
      String aux = null;
      int start = i;
      if (i < e.size() && auxiliaryAt(e, i) && !isHowMany(e, i)) {
        aux = e.get(i);
        start = i + 1;
      }
      return new Parsed(List.copyOf(e.subList(0, i)), aux, List.copyOf(e.subList(start, e.size())));
    }

    private static boolean isHowMany(List<String> e, int i) {
      return i >= 2 && lower(e.get(i - 1)).matches("many|much");
    }

    boolean asks(String questionWord) {
      return lead.stream().anyMatch(w -> lower(w).equals(questionWord));
    }

    /**
     * The earlier question's noun phrase that ends in {@code noun} (or its singular or plural):
     * "the Sochi memorandum" out of "What did Kazakhstan say about the Sochi memorandum?", from its
     * article or, with none, from the first word after a preposition; empty when the question has
     * no such noun, or the word stands after its auxiliary as a verb ("did de Mistura plan").
     */
    List<String> phraseEndingIn(String noun) {
      List<String> all = new ArrayList<>(lead);
      if (aux != null) {
        all.add(aux);
      }
      all.addAll(content);
      for (int k = all.size() - 1; k >= lead.size(); k--) {
        String w = lower(all.get(k));
        if (!(w.equals(noun) || w.equals(noun + "s") || (w + "s").equals(noun))) {
          continue;
        }
        int start = k;
        while (start > lead.size()) {
          String before = lower(all.get(start - 1));
          if (before.matches("the|a|an")) {
            return new ArrayList<>(all.subList(start - 1, k + 1));
          }
          if (PREPOSITIONS.contains(before) || before.equals("of")) {
            return new ArrayList<>(all.subList(start, k + 1));
          }
          if (AUXILIARIES.contains(before) || k - start >= 4) {
            // "When did de Mistura plan to ...": after "did", "plan" is a verb, not the plan
            return List.of();
          }
          start--;
        }
      }
      return List.of();
    }

    /**
     * The earlier question's first place phrase, when it asks what someone did ("What did the
     * guarantors approve at the February 2017 meeting in Astana?", "What does Russia want to
     * coordinate in the seventh round of Astana talks?"): from its "at", "in" or "during" to the
     * end of what it asks about; empty when it has none, or only a time ("in May 2017").
     */
    List<String> placePhrase() {
      if (aux == null || TO_BE.contains(lower(aux))) {
        // "Which round was held at the end of October?": what it asks about is the place
        return List.of();
      }
      if (withoutClosingVerb().size() < content.size()) {
        // "When did the February 2017 meeting in Astana take place?": the meeting is the place
        return List.of();
      }
      for (int j = 0; j + 1 < content.size(); j++) {
        if (lower(content.get(j)).matches("at|in|during") && !onlyTimeAt(content, j + 1)) {
          return new ArrayList<>(content.subList(j, content.size()));
        }
      }
      return List.of();
    }

    /**
     * Where the thing a "who" question's verb acts on starts in its {@code content} ("attended |
     * the February 2017 meeting", "walked out of | the talks", "hosted | talks in Astana"): the
     * first word after the verb and the particles and prepositions after it; 0 when that is a
     * pronoun ("signed it") or there is none.
     */
    private static int objectStart(List<String> content) {
      int k = 1;
      while (k < content.size()
          && (PREPOSITIONS.contains(lower(content.get(k)))
              || VERB_PARTICLES.contains(lower(content.get(k))))) {
        k++;
      }
      return k < content.size() && !OBJECT_PRONOUNS.contains(lower(content.get(k))) ? k : 0;
    }

    /**
     * Words between a verb and what it acts on besides the {@link #PREPOSITIONS}: "walked out of",
     * "signed up to".
     */
    private static final Set<String> VERB_PARTICLES =
        Set.of("out", "up", "off", "of", "down", "away", "back");

    /** Pronouns a verb may act on, which stand for nothing a follow-up can point back at. */
    private static final Set<String> OBJECT_PRONOUNS =
        Set.of("it", "them", "him", "her", "us", "me", "you");

    /** A "Who is the Special Envoy?" question: its content is what "he" or "it" stands for. */
    boolean copular() {
      return aux != null
          && TO_BE.contains(lower(aux))
          && (asks("who") || asks("what"))
          && !content.isEmpty()
          && !lower(content.get(0)).endsWith("ed")
          && !lower(content.get(0)).equals("being");
    }

    /**
     * What a word that points back stands for.
     *
     * @param pronoun the word, in lower case ("it", "he", "them"; "" for none)
     * @param said words the follow-up says itself, not repeated
     */
    List<String> referent(String pronoun, Set<String> said) {
      boolean person = PERSONAL.contains(pronoun);
      if (copular()) {
        // "What is the joint operational group supposed to do?": the group, not what it should do
        for (int k = 1; k + 1 < content.size(); k++) {
          String w = lower(content.get(k));
          if ((w.endsWith("ed") || w.equals("going") || w.equals("able"))
              && lower(content.get(k + 1)).equals("to")) {
            return content.subList(0, k);
          }
        }
        // "What is the Sochi memorandum about?": the memorandum, without the closing "about"
        int end = content.size();
        if (end > 1 && PREPOSITIONS.contains(lower(content.get(end - 1)))) {
          end--;
        }
        return content.subList(0, end);
      }
      boolean who = asks("who") && aux == null;
      List<String> out = new ArrayList<>();
      if (who) {
        // "Who headed the Russian delegation?" + "he" -> "the one who headed the Russian
        // delegation"
        if (person) {
          // "they", "them": "How many of the ones who brokered the ceasefire?", not "of the one";
          // after "Who heads ...?" a "they" is one person ("the one who heads")
          boolean many = PLURAL_PERSON.contains(pronoun) && !singularVerb(content);
          out.addAll(List.of("the", many ? "ones" : "one", "who"));
        } else {
          // "Who attended the February 2017 meeting in Astana?" + "what was agreed there?": the
          // meeting, not "attended the February 2017 meeting" ("What was agreed at attended the
          // February 2017 meeting in Astana?")
          int thing = objectStart(content);
          if (thing > 0) {
            return new ArrayList<>(content.subList(thing, content.size()));
          }
        }
        out.addAll(content);
        return out;
      }
      if (SINGULAR_PERSON.contains(pronoun)) {
        // "he" after "What did de Mistura say about the airstrikes?": the first name it gives
        List<String> all = new ArrayList<>(lead);
        all.add(aux == null ? "" : aux);
        all.addAll(content);
        for (Name s : names(all, false)) {
          List<String> run = all.subList(s.start, s.end);
          if (s.kind == Kind.NAME
              && s.start >= lead.size()
              && !GROUP_WORDS.contains(lower(run.get(run.size() - 1)))) {
            // "Kazakhstan's Mr. Umarov": the person from the title on; "the guarantor States" or
            // "the Security Council" is no "he" ("Army General Valery Gerasimov" is)
            for (int k = 0; k < run.size(); k++) {
              if (TITLES.contains(lower(run.get(k)))) {
                return new ArrayList<>(run.subList(k, run.size()));
              }
            }
            if (s.start > 0 && lower(all.get(s.start - 1)).equals("the")) {
              out.add("the");
            }
            out.addAll(run);
            return out;
          }
        }
      }
      if ((asks("what") || asks("which"))
          && aux != null
          && TO_BE.contains(lower(aux))
          && lead.size() == 1) {
        // "What was approved at the meeting?" + "its" -> "what was approved at the meeting"
        out.add(lower(lead.get(0)));
        out.add(aux);
        out.addAll(content);
        return out;
      }
      if ((asks("what") || asks("which") || asks("how")) && aux == null) {
        // "Which terrorist group is concentrated around Idlib?" + "it" ->
        // "the terrorist group that is concentrated around Idlib"
        for (int k = 1; k < content.size(); k++) {
          if (auxiliaryAt(content, k)) {
            if (pronoun.equals("it") && lower(content.get(k)).matches("were|are|have")) {
              // "Which countries were observers at the meeting?" + "where was it held?": "it" is
              // no plural; the meeting, the place the question names after "at", "in", "during"
              for (int j = k + 1; j + 1 < content.size(); j++) {
                if (lower(content.get(j)).matches("at|in|during")) {
                  return new ArrayList<>(content.subList(j + 1, content.size()));
                }
              }
            }
            out.add("the");
            out.addAll(content.subList(0, k));
            out.add("that");
            out.addAll(content.subList(k, content.size()));
            return out;
          }
        }
      }
      int about = content.stream().map(FollowUps::lower).toList().indexOf("about");
      if (!person && pronoun.matches("it|this|that") && about >= 0 && about + 1 < content.size()) {
        // "What did Lavrentyev say about a document on detainees?" + "it": the document
        return content.subList(about + 1, content.size());
      }
      List<String> subject = withoutClosingVerb();
      for (String w : subject) {
        if (!said.contains(lower(w))) {
          out.add(w);
        }
      }
      return out.isEmpty() ? subject : out;
    }

    /**
     * The content without the verb that closes it, which is no part of what the question is about:
     * "When did the May 2017 round of the Astana talks begin?" is about "the May 2017 round of the
     * Astana talks", and "When was the Sochi memorandum signed?" about "the Sochi memorandum" ("who
     * was leading it?" is not "who was leading the May 2017 round ... begin?").
     */
    private List<String> withoutClosingVerb() {
      if (aux == null || content.size() < 3) {
        return content;
      }
      String a = lower(aux);
      boolean doSupport = a.matches("do|does|did");
      String last = lower(content.get(content.size() - 1));
      String before = lower(content.get(content.size() - 2));
      // "take place", "break down": a verb of two words, which both go
      boolean twoWords =
          doSupport
              && (last.equals("place") && before.equals("take")
                  || last.equals("down") && before.equals("break"));
      boolean closes =
          doSupport
              ? twoWords || CLOSING_VERBS.contains(last)
              : TO_BE.contains(a)
                  && (last.endsWith("ed") || PARTICIPLES.contains(last))
                  // "the envoy Mohammed", "Ahmed": a name, not a participle
                  && !capitalised(content.get(content.size() - 1))
                  && !PREPOSITIONS.contains(before)
                  && !before.equals("the");
      if (!closes) {
        return content;
      }
      int end = content.size() - (twoWords ? 2 : 1);
      return end < 2 ? content : content.subList(0, end);
    }
  }

  /** The prepositions that open a time: "in May 2017", "on 3 May", "by the end of 2018". */
  private static final Set<String> TIME_PREPOSITIONS =
      Set.of(
          "in", "on", "at", "during", "by", "since", "until", "before", "after", "between", "from");

  /**
   * {@code e} asked of {@code time} instead of its own: "What was agreed in Astana in February
   * 2017?" and "in May 2017" ask what was agreed in Astana in May 2017; a question with no time
   * gets it at its end ("What was agreed in Astana in May 2017?"), and one whose thing is named by
   * its time gets the new time there ("the May 2017 meeting"). A new time without a year keeps the
   * year of the one it replaces ({@link #withYearOf}); a date that names a thing ("resolution 2254
   * of December 2015") is not replaced ({@link #namesAThing}).
   */
  private static List<String> withTime(List<String> e, List<String> time, String preposition) {
    for (int i = 0; i < e.size(); i++) {
      int end = timeRunEnd(e, i);
      if (end == i || !dates(e.subList(i, end))) {
        continue;
      }
      if (auxiliaryAt(e, i) && !(i > 0 && TIME_PREPOSITIONS.contains(lower(e.get(i - 1))))) {
        continue; // "Who may attend the talks?": the verb, no time to replace ("in may" is one)
      }
      if (namesAThing(e, i)) {
        i = end - 1; // "resolution 2254 of December 2015": the date a thing is named by stays
        continue;
      }
      boolean names = end < e.size() && !PREPOSITIONS.contains(lower(e.get(end)));
      List<String> asked = withYearOf(time, e.subList(i, end));
      // "in May 2017", and "as of May 2017", whose run starts at "of"
      boolean asOf = lower(e.get(i)).equals("of") && i > 0 && lower(e.get(i - 1)).equals("as");
      if (!names && i > 0 && (asOf || TIME_PREPOSITIONS.contains(lower(e.get(i - 1))))) {
        List<String> with = new ArrayList<>();
        with.add(preposition);
        with.addAll(asked);
        return splice(e, i - 1, end, with);
      }
      int from = i;
      while (names && TIME_FRAME.contains(lower(e.get(from)))) {
        from++; // "at the February 2017 meeting": "the" stays the meeting's
      }
      return splice(e, from, end, asked);
    }
    List<String> out = new ArrayList<>(e);
    out.add(preposition);
    out.addAll(time);
    return out;
  }

  /**
   * Whether the time that starts at {@code i} is part of a thing's name, not a time the question
   * asks of: the date right after "of" ("resolution 2254 of December 2015", "the memorandum of 17
   * September"; not "as of May 2017", nor "the end of October", nor "of the February 2017 meeting",
   * whose time is replaced as a named thing's), or the number of a text ("resolution 2042",
   * "Article 5": {@link org.astanaqa.retrieval.text.Facts#hasNumberedText}).
   */
  private static boolean namesAThing(List<String> e, int i) {
    int of = lower(e.get(i)).equals("of") ? i : i - 1;
    if (of >= 0 && lower(e.get(of)).equals("of") && of + 1 < e.size()) {
      String first = lower(e.get(of + 1));
      String before = of > 0 ? lower(e.get(of - 1)) : "";
      if ((QuestionQuery.MONTH_NAMES.contains(first) || isNumber(first))
          && !before.equals("as")
          && !TIME_FRAME.contains(before)) {
        return true;
      }
    }
    return i > 0
        && org.astanaqa.retrieval.text.Facts.hasNumberedText(e.get(i - 1) + " " + e.get(i));
  }

  /**
   * {@code time} with the year of the time it takes the place of when it names none itself: "and in
   * May?" after "What happened in Eastern Ghouta in 2017?" asks of May 2017. Only a time of one
   * year lends it: of a range over years ("between 2016 and 2018") nobody can tell which is meant.
   */
  private static List<String> withYearOf(List<String> time, List<String> earlier) {
    if (time.stream().anyMatch(w -> QuestionQuery.YEAR.matcher(w).matches())) {
      return time;
    }
    List<String> years =
        earlier.stream().filter(w -> QuestionQuery.YEAR.matcher(w).matches()).distinct().toList();
    if (years.size() != 1) {
      return time;
    }
    List<String> out = new ArrayList<>(time);
    out.add(years.get(0));
    return out;
  }

  /** The words that join the two ends of a time range: "between March and May 2017". */
  private static final Set<String> RANGE_JOINS = Set.of("and", "to", "through", "till", "until");

  /**
   * Where the time that starts at {@code i} ends, a range's second end included ("March and May
   * 2017"): {@code i} when none starts there.
   */
  private static int timeRunEnd(List<String> words, int i) {
    if (i >= words.size() || !timeAt(words, i)) {
      return i;
    }
    int end = i;
    while (end < words.size() && timeWord(words, end)) {
      end++;
      if (end + 1 < words.size()
          && RANGE_JOINS.contains(lower(words.get(end)))
          && rangeEndAt(words, end + 1)) {
        end++;
      }
    }
    return end;
  }

  /**
   * Whether the other end of a range starts at {@code i}: a time with a month or a year ("and May
   * 2017", "to 4 May"), not a count ("and 2 days later", "to 5 towns").
   */
  private static boolean rangeEndAt(List<String> words, int i) {
    int end = plainTimeEnd(words, i);
    return end > i && dates(words.subList(i, end));
  }

  /**
   * Where the time that starts at {@code i} ends, without a range's second end: {@code i} when none
   * starts there.
   */
  private static int plainTimeEnd(List<String> words, int i) {
    if (!timeAt(words, i)) {
      return i;
    }
    int end = i;
    while (end < words.size() && timeWord(words, end)) {
      end++;
    }
    return end;
  }

  /** Whether these time words name a month or a year, not only a number ("resolution 2254"). */
  private static boolean dates(List<String> words) {
    return words.stream()
        .map(FollowUps::lower)
        .anyMatch(
            w -> QuestionQuery.MONTH_NAMES.contains(w) || QuestionQuery.YEAR.matcher(w).matches());
  }

  /**
   * Words of a time phrase besides months and numbers: "the end of", "early", "mid-", "the summer
   * of".
   */
  private static final Set<String> TIME_FRAME =
      Set.of(
          "the",
          "end",
          "start",
          "beginning",
          "middle",
          "of",
          "early",
          "late",
          "mid",
          "summer",
          "spring",
          "autumn",
          "winter",
          "half",
          "quarter",
          "week");

  /** Whether a time starts at {@code i}: a month, a number, or "the end of ..." before one. */
  private static boolean timeAt(List<String> words, int i) {
    int k = i;
    while (k < words.size() && TIME_FRAME.contains(lower(words.get(k)))) {
      k++;
    }
    return k < words.size()
        && (QuestionQuery.MONTH_NAMES.contains(lower(words.get(k))) || isNumber(words.get(k)));
  }

  /**
   * Whether only a time starts at {@code i} ("May 2017", "the end of October"), not a thing named
   * by its time ("the February 2017 meeting").
   */
  private static boolean onlyTimeAt(List<String> words, int i) {
    int end = plainTimeEnd(words, i);
    return end > i && (end == words.size() || PREPOSITIONS.contains(lower(words.get(end))));
  }

  /** Whether the word at {@code i} belongs to a time phrase. */
  private static boolean timeWord(List<String> words, int i) {
    String w = lower(words.get(i));
    return QuestionQuery.MONTH_NAMES.contains(w)
        || isNumber(w)
        || TIME_FRAME.contains(w) && timeAt(words, i);
  }

  /**
   * Whether {@code w} is a day of the month ("3", "16th") or a year ("2017"): the numbers a time is
   * written with. "resolution 2254 of December 2015" has a number before its time, not in it (a
   * resolution's number that looks like a year, "resolution 2042", is told apart by {@link
   * #namesAThing}).
   */
  private static boolean isNumber(String w) {
    return w.matches("(?:[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?")
        || QuestionQuery.YEAR.matcher(w).matches();
  }

  /**
   * Whether the word at {@code i} is an auxiliary: "May" of "3 May 2017" or "in May" is the month,
   * which in a question's middle is written with its capital, or stands beside a number.
   */
  static boolean auxiliaryAt(List<String> words, int i) {
    String w = words.get(i);
    if (!AUXILIARIES.contains(lower(w))) {
      return false;
    }
    if (!lower(w).equals("may")) {
      return true;
    }
    boolean numberNext =
        i > 0 && isNumber(words.get(i - 1)) || i + 1 < words.size() && isNumber(words.get(i + 1));
    return !(numberNext || i > 0 && w.equals("May"));
  }

  /** Verbs that end a "When did X begin?" question with nothing after them. */
  private static final Set<String> CLOSING_VERBS =
      Set.of(
          "begin",
          "start",
          "end",
          "finish",
          "happen",
          "occur",
          "fail",
          "collapse",
          "close",
          "open",
          "conclude",
          "resume",
          "convene",
          "meet",
          "last",
          "arrive",
          "leave",
          "launch",
          "expire",
          "break");

  /** Past participles that end a "When was X held?" question, besides those in -ed. */
  private static final Set<String> PARTICIPLES =
      Set.of(
          "held", "made", "set", "begun", "built", "done", "given", "known", "seen", "taken",
          "written", "brought", "sent", "met", "won", "lost", "struck", "drawn", "chosen", "hit",
          "shot", "put", "laid", "found", "run", "led", "thrown");

  private static boolean isPointing(String w) {
    return POINTING.contains(lower(w));
  }

  private static boolean isOnes(String w) {
    return lower(w).equals("ones") || lower(w).equals("one");
  }

  private static boolean capitalised(String w) {
    return !w.isEmpty() && Character.isUpperCase(w.codePointAt(0));
  }

  private static String lower(String w) {
    return w.toLowerCase(Locale.ROOT);
  }

  /** The part of a question that is searched: a 100 KB message is rewritten no slower. */
  private static String cut(String question) {
    return question.length() > QuestionQuery.MAX_QUESTION_CHARS
        ? question.substring(0, QuestionQuery.MAX_QUESTION_CHARS)
        : question;
  }

  /** A question's words, without the punctuation around them ("Syria's" and "al-Nusra" kept). */
  private static List<String> words(String question) {
    List<String> out = new ArrayList<>();
    for (String w : question.strip().split("\\s+")) {
      String t = w.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** Words as a question: the first capitalised, a question mark at the end. */
  private static String sentence(List<String> words) {
    String s = String.join(" ", words);
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1) + "?";
  }
}
