package org.astanaqa.retrieval.answer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.astanaqa.retrieval.DirectAnswer;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;
import org.astanaqa.retrieval.corpus.EnglishWords;
import org.astanaqa.retrieval.search.FollowUps;
import org.astanaqa.retrieval.search.QuestionText;
import org.astanaqa.retrieval.search.QuestionType;
import org.astanaqa.retrieval.text.Analyzers;
import org.astanaqa.retrieval.text.Countries;
import org.astanaqa.retrieval.text.Facts;
import org.astanaqa.retrieval.text.Speakers;

/**
 * Finds the fact a question asks for in its answer's quotes: the question says what kind of fact it
 * wants ("when" a date, "how many" a number, "who" a name, "where" a place), the quotes' dates,
 * numbers and capitalized spans are the candidates, and the one closest to the question's words in
 * the most likely quote, agreed on by the other quotes, wins. No model: patterns over the text, so
 * every candidate is a verbatim span of a quote.
 */
public final class AnswerExtractor {
  /** Quotes searched for candidates, best first (agreement is counted over the same ones). */
  private static final int QUOTES = 3;

  /** Question words this many words from a candidate count as around it. */
  private static final int WINDOW = 10;

  /** Later quotes are less likely to hold the answer than their confidence alone says. */
  private static final double[] RANK_WEIGHT = {1, 0.8, 0.7};

  /**
   * How much a rival answer (another candidate, not a part or a whole of the best one) takes off
   * the best one's score: {@code 1 - MARGIN * (rival / best)^2}, so that a tie halves it.
   */
  private static final double MARGIN = 0.5;

  /** A number that is not followed by what a "how many" question counts keeps this share. */
  private static final double UNIT_MISS = 0.6;

  /** The year alone out of a fuller date, for a question that asks "when" rather than the year. */
  private static final double YEAR_PART = 0.8;

  /** A century for a question that does not ask for one, or another date for one that does. */
  private static final double CENTURY_MISS = 0.6;

  /** A passive verb's doer that the question's verb comes before ({@link #agentFit}). */
  private static final double AGENT = 1.4;

  /** Each other quote that has the candidate raises its score by this share (half for a part). */
  private static final double AGREE = 0.15;

  /**
   * A direct answer is given from this score on, tuned for precision on the tune parts only (the
   * own held-out set's odd groups, SQuAD's first half of articles; BM25 mode): the lowest threshold
   * (in steps of 0.005) at which fewer than 1 in 20 own tune questions get a wrong direct answer
   * and SQuAD's answers given reach exact match 0.55 and F1 0.66, a margin over the target's 0.65
   * for the half not tuned on. Derived again on 2026-12-05 after direct answers weighed words by
   * IDF: 0.255 gives 0.0515 wrong, 0.26 gives 0.0487 wrong with SQuAD tune coverage 0.271, EM
   * 0.611, F1 0.664 (0.265 had been 0.268, 0.613, 0.667 and 0.0474).
   */
  public static final double MIN_CONFIDENCE = 0.26;

  private static final String MONTH =
      "(?:January|February|March|April|May|June|July|August|September|October|November|December"
          + "|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)";
  private static final String YEAR = "(?:1[0-9]\\d\\d|20\\d\\d)";
  private static final String DAY = "(?:[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?";
  private static final String RANGE = "\\s*(?:-|\u2013|and|to)\\s*";

  /** The date forms the corpus writes, longest first; a prefix such as "late" is kept. */
  private static final Pattern DATE =
      Pattern.compile(
          "\\b(?:(?:early|mid|late|the (?:end|beginning|start|middle) of)[ -])?(?:"
              + DAY
              + "(?:"
              + RANGE
              + DAY
              + ")?\\s+"
              + MONTH
              + "(?:,?\\s+"
              + YEAR
              + ")?"
              + "|"
              + MONTH
              + "\\s+"
              + DAY
              + "(?:"
              + RANGE
              + DAY
              + ")?(?:,\\s+"
              + YEAR
              + ")?"
              + "|"
              + MONTH
              + "\\s+"
              + YEAR
              + "|"
              + YEAR
              + "s?(?:"
              + RANGE
              + YEAR
              + ")?"
              + "|\\d{1,2}(?:st|nd|rd|th) century"
              + "|"
              + MONTH
              + "|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\\b");

  private static final String SPELLED =
      "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
          + "|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
          + "|eighty|ninety|hundred|a dozen|dozens|hundreds|thousands|millions)";
  private static final String ORDINAL =
      "(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
          + "|\\d+(?:st|nd|rd|th))";

  /** Numbers in digits (with a unit or scale), spelled out, or ordinal. */
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?:[$\u00a3\u20ac]\\s?)?\\b\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?\u00bd?(?:\\s?(?:%|percent|per cent)"
              + "|\\s(?:million|billion|trillion|thousand|hundred)|(?:m|bn)\\b)?"
              + "|\\b"
              + SPELLED
              + "(?:[ -]"
              + SPELLED
              + ")*(?:-(?:thirds?|quarters?|fifths?)|\\s(?:million|billion|thousand))?\\b"
              + "|\\b"
              + ORDINAL
              + "\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * A capitalized word, a title before a name ("Mr. Umarov") or an initial inside one ("Kurt H.
   * Debus", "C. J. Anderson"; not a letter that ends a sentence, as in "World War I. The").
   */
  private static final String CAP =
      "(?:Mr\\.|Ms\\.|Mrs\\.|Dr\\.|St\\.|[A-Z]\\.(?=\\s+[A-Z])(?!\\s+(?:The|A|An|In|On|At|It|He"
          + "|She|They|We|This|That|These|Those|His|Her|Their|But|And|As|By|For|From|After|When|While"
          + "|If|However)\\b)|[A-Z][\\p{L}\\d'\u2019-]*)";

  /** A unit of length, area, weight or speed right after a number ("15 kilometres", "8 ft"). */
  private static final Pattern MEASURE_AFTER =
      Pattern.compile(
          "[ -](?:(?:square |cubic )?(?:kilomet(?:er|re)s?|km|miles?|met(?:er|re)s?|m|feet|foot|ft"
              + "|inch(?:es)?|yards?|centimet(?:er|re)s?|cm|millimet(?:er|re)s?|mm|acres?"
              + "|hectares?)|tons?|tonnes?|kilograms?|kg|grams?|pounds|lbs?|ounces?|oz"
              + "|mph|km/h|knots?|light[ -]years?)\\b");

  /** A question for a measure: "how far", "how tall". */
  private static final Pattern MEASURE_ASKED =
      Pattern.compile("\\bhow (" + String.join("|", QuestionType.MEASURES) + ")\\b");

  /** A unit of time right after a number ("nine months", "30-second"). */
  private static final Pattern TIME_AFTER =
      Pattern.compile(
          "[ -](?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)\\b");

  /**
   * Capitalized words, joined by the lower-case words names contain ("Government of Syria", "Jabhat
   * al-Nusra").
   */
  private static final Pattern NAME =
      Pattern.compile(
          "\\b"
              + CAP
              + "(?:\\s+(?:(?:of|de|del|da|di|la|le|du|des|der|den|van|von|al|al-|bin|ibn|the|for|and"
              + "|on|&)\\s+)*"
              + "(?:(?:al|el)-)?" // "Jabhat al-Nusra", "Bashar al-Assad"
              + CAP
              + ")*");

  /**
   * A capitalized title in quotation marks (61 characters at most), for what something is called.
   */
  private static final Pattern QUOTED_TITLE =
      Pattern.compile("[\"\u201c](\\p{Lu}[^\"\u201c\u201d]{0,60}?)[,.]?[\"\u201d]");

  /** A capitalized name, a comma and one more name that is not the start of a list. */
  private static final Pattern PLACE_IN_REGION =
      Pattern.compile(
          "\\b\\p{Lu}\\p{L}+(?:\\s+\\p{Lu}\\p{L}+)*,\\s+\\p{Lu}\\p{L}++(?:\\s+\\p{Lu}\\p{L}++)*+"
              + "(?!\\s*,|\\s+and\\b|\\s+or\\b|\\s+\\p{Lu})");

  /**
   * Places given as a list of phrases with "in" ("in the southwest of Syria, in Eastern Ghouta and
   * in the area of Homs city"), kept whole: the one country in it is no answer to "where are the
   * zones".
   */
  private static final Pattern PLACES_IN =
      Pattern.compile(
          "\\bin\\s+"
              + places()
              + "(?:,\\s+in\\s+"
              + places()
              + ")*,?\\s+and\\s+in\\s+"
              + places());

  /** One place of {@link #PLACES_IN}: "the area of Homs city", "Eastern Ghouta". */
  private static String places() {
    return "(?:the\\s+(?:\\p{Ll}+\\s+){1,2}of\\s+(?:the\\s+)?)?"
        + CAP
        + "(?:\\s+"
        + CAP
        + ")*(?:\\s+(?:city|province|region|area|district|town|governorate))?";
  }

  /** A word that opens a sentence as a participle or an adverb ("Recalling", "Reportedly"). */
  private static final Pattern OPENER = Pattern.compile("\\p{Lu}\\p{Ll}{3,}(?:ing|ly)");

  /** The end of what comes before a sentence's first word (nothing, or the last one's end). */
  private static final Pattern SENTENCE_START = Pattern.compile("(?:^|[.!?:;\"\u201c]\\s*)\\s*$");

  /**
   * What follows a participle that opens a sentence and rarely a name: its object or clause
   * ("Recalling that", "Welcoming the"). An adverb is known by its comma ("Reportedly,").
   */
  private static final Pattern LOWER_NEXT =
      Pattern.compile(
          "\\s+(?:that|the|a|an|to|with|on|in|its|their|his|her|this|these|our|all|both"
              + "|further|also)\\b");

  /**
   * Names in a list, kept whole ("Russia, Turkey and Iran"; "Jordan, United Nations and the USA",
   * where a later name may take "the").
   */
  private static final Pattern LIST =
      Pattern.compile(
          CAP
              + "(?:\\s+"
              + CAP
              + ")*(?:,\\s+(?:the\\s+)?"
              + CAP
              + "(?:\\s+"
              + CAP
              + ")*)*,?\\s+and\\s+(?:the\\s+)?"
              + CAP
              + "(?:\\s+"
              + CAP
              + ")*");

  /** Capitalized words that are not names: sentence openers, months, days. */
  private static final Set<String> NOT_NAMES =
      Set.of(
          "The",
          "A",
          "An",
          "In",
          "On",
          "At",
          "By",
          "For",
          "From",
          "To",
          "This",
          "That",
          "These",
          "Those",
          "It",
          "Its",
          "We",
          "Our",
          "He",
          "She",
          "They",
          "Their",
          "His",
          "Her",
          "I",
          "As",
          "However",
          "But",
          "And",
          "Also",
          "After",
          "Before",
          "During",
          "Since",
          "While",
          "When",
          "With",
          "Although",
          "Despite",
          "Under",
          "Moreover",
          "Furthermore",
          "Finally",
          "Today",
          "Monday",
          "Tuesday",
          "Wednesday",
          "Thursday",
          "Friday",
          "Saturday",
          "Sunday",
          "January",
          "February",
          "March",
          "April",
          "May",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December",
          "There",
          "Many",
          "Some",
          "Other",
          "Most",
          "All",
          "Each",
          "Both",
          "Of",
          "One",
          "Two",
          "First",
          "Second",
          "Only",
          "Such",
          "Several",
          "Here",
          "Thus",
          "Yet",
          "So",
          "Now",
          "Then",
          "Later",
          "Earlier",
          "According",
          "Last",
          "Next",
          "Like",
          "If",
          "Because",
          "Unlike",
          "Following",
          "Between",
          "Among",
          "Upon",
          "What",
          "Which",
          "Who",
          "Where",
          "Why",
          "How",
          "Not",
          "No",
          "Yes",
          "Even",
          "Still",
          "Instead");

  /** Words of a name that mark a group rather than a person. */
  private static final Pattern GROUP =
      Pattern.compile(
          "\\b(Nations|Council|Government|Republic|Ministry|Organi[sz]ation|States|Union|Party"
              + "|Committee|Agency|Office|Federation|Kingdom|Company|University|Bank|Association"
              + "|Group|Army|Forces|Court|Assembly|Commission|Institute|League|Corporation)\\b");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\d]+");
  private static final Pattern NON_SPACE = Pattern.compile("\\S+");
  private static final Pattern YEAR_ONLY = Pattern.compile("\\b" + YEAR + "\\b");

  private static final Set<String> PLACE_NOUNS =
      Set.of(
          "city",
          "cities",
          "country",
          "countries",
          "capital",
          "town",
          "state",
          "region",
          "province",
          "continent",
          "place",
          "location",
          "county",
          "island",
          "area",
          "river");

  /**
   * Plurals of {@link #PLACE_NOUNS} after "which"/"what" ("which provinces"); not as a keyword
   * question's last word ("fourth zone provinces"), which asks for a description as often.
   */
  private static final Set<String> PLACES_NOUNS =
      Set.of("towns", "states", "regions", "provinces", "places", "locations", "areas");

  private static final Set<String> ORG_NOUNS =
      Set.of(
          "organisation",
          "organization",
          "company",
          "team",
          "party",
          "group",
          "body",
          "agency",
          "university",
          "institution",
          "government",
          "band",
          "newspaper",
          "network",
          "organisations",
          "organizations",
          "companies",
          "parties",
          "groups",
          "bodies",
          "agencies",
          "institutions",
          "faction",
          "factions",
          "movement",
          "movements",
          "outfit",
          "outfits",
          "militia",
          "militias",
          "alliance",
          "alliances",
          "coalition",
          "coalitions",
          "association",
          "associations",
          "union",
          "unions",
          "club",
          "clubs",
          "firm",
          "firms",
          "corporation",
          "corporations");

  /**
   * Nouns after "what"/"which" that ask for a person, besides the offices of {@link #PERSON_ROLE}
   * ("which head of state", "what quarterback").
   */
  private static final Set<String> PERSON_NOUNS =
      Set.of(
          "person",
          "man",
          "woman",
          "emperor",
          "scientist",
          "player",
          "author",
          "mediator",
          "general",
          "prince",
          "pope",
          "bishop",
          "senator",
          "judge",
          "founder",
          "inventor",
          "composer",
          "architect",
          "artist",
          "writer",
          "poet",
          "coach",
          "quarterback",
          "philosopher",
          "physicist",
          "engineer");

  private static final Set<String> DATE_NOUNS =
      Set.of("year", "years", "date", "dates", "day", "days", "month", "century", "decade", "time");
  private static final Set<String> NUMBER_NOUNS =
      Set.of("percentage", "percent", "number", "amount", "size", "population", "round");

  private AnswerExtractor() {}

  /**
   * The kind of fact a question asks for, or empty for questions whose answer is not a short fact
   * (why, how, what about).
   */
  static Optional<DirectAnswer.Type> typeOf(String question) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(question.toLowerCase(Locale.ROOT));
    while (m.find()) {
      words.add(m.group());
    }
    for (int i = 0; i < Math.min(words.size(), 6); i++) {
      String w = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : "";
      String after = i + 2 < words.size() ? words.get(i + 2) : "";
      switch (w) {
        case "when":
          return Optional.of(DirectAnswer.Type.DATE);
        case "where":
          // "where and when": the date, with the place beside it (withPlace), as for "when and
          // where"
          return next.equals("and") && after.equals("when")
              ? Optional.of(DirectAnswer.Type.DATE)
              : Optional.of(DirectAnswer.Type.PLACE);
        case "who", "whom", "whose":
          // "Who is Alexander Lavrentyev?" asks what a named one is or does: no short fact
          return asksWhoSomeoneIs(words, i)
              ? Optional.empty()
              : Optional.of(DirectAnswer.Type.PERSON);
        case "how":
          // not "how much had the situation changed?", which asks how far (QuestionType)
          if (next.equals("many")
              || next.equals("much") && !QuestionType.asksHowFar(words, i + 2)
              || next.equals("old")
              || next.equals("long")
              || QuestionType.MEASURES.contains(next)) {
            return Optional.of(DirectAnswer.Type.NUMBER);
          }
          return Optional.empty();
        case "what", "which":
          // "what year", "which countries", "in what city", "what is the population"; an office
          // three words on when the first two are modifiers ("which Turkish defence minister"),
          // not a verb ("what did the defence minister sign?" asks for a thing)
          String third =
              i + 3 < words.size() && modifies(next) && modifies(after) ? words.get(i + 3) : "";
          if (PERSON_ROLE.matcher(third).matches()
              && !DATE_NOUNS.contains(next)
              && !NUMBER_NOUNS.contains(next)) {
            return Optional.of(DirectAnswer.Type.PERSON);
          }
          if (!numberedNoun(words, i).isEmpty()) {
            return Optional.of(DirectAnswer.Type.NAME); // "which resolution": "resolution 2254"
          }
          for (String noun : List.of(next, after)) {
            Optional<DirectAnswer.Type> asked = typeOfNoun(noun);
            if (asked.isPresent()) {
              return asked;
            }
          }
          Optional<DirectAnswer.Type> role = nameOfRole(question); // "... of the minister"
          if (role.isPresent()) {
            return role;
          }
          return NAME_ASKED.matcher(question).find()
              ? Optional.of(DirectAnswer.Type.NAME)
              : Optional.empty();
        case "why":
          return Optional.empty();
        case "name":
          // "Name the man leading Moscow's team ...", "name the (Russian) city where ...": the
          // noun after the article, or the one after its modifier, says what is asked for.
          if (ARTICLES.contains(next)) {
            String noun = i + 3 < words.size() && modifies(after) ? words.get(i + 3) : "";
            Optional<DirectAnswer.Type> asked = typeOfNoun(after).or(() -> typeOfNoun(noun));
            if (asked.isPresent()) {
              return asked;
            }
          }
          break;
        default:
          break;
      }
    }
    // Keywords with no question word: "sochi memorandum date", "summit city".
    Optional<DirectAnswer.Type> named = nameOfRole(question); // "name of the defence minister"
    if (named.isPresent()) {
      return named;
    }
    String last = words.isEmpty() ? "" : words.get(words.size() - 1);
    if (DATE_NOUNS.contains(last)) {
      return Optional.of(DirectAnswer.Type.DATE);
    }
    if (PLACE_NOUNS.contains(last)) {
      return Optional.of(DirectAnswer.Type.PLACE);
    }
    if (!words.isEmpty() && NUMBER_NOUNS.contains(words.get(0))) {
      return Optional.of(DirectAnswer.Type.NUMBER);
    }
    if (!words.isEmpty() && DATE_NOUNS.contains(words.get(0))) {
      return Optional.of(DirectAnswer.Type.DATE); // "date of the Sochi memorandum?"
    }
    return Optional.empty();
  }

  private static final Set<String> ARTICLES = Set.of("the", "a", "an");

  /** The kind of fact a noun after "which", "what" or "name the" asks for, if any. */
  private static Optional<DirectAnswer.Type> typeOfNoun(String noun) {
    if (DATE_NOUNS.contains(noun)) {
      return Optional.of(DirectAnswer.Type.DATE);
    }
    if (NUMBER_NOUNS.contains(noun)) {
      return Optional.of(DirectAnswer.Type.NUMBER);
    }
    if (PLACE_NOUNS.contains(noun) || PLACES_NOUNS.contains(noun)) {
      return Optional.of(DirectAnswer.Type.PLACE);
    }
    if (ORG_NOUNS.contains(noun)) {
      return Optional.of(DirectAnswer.Type.ORGANISATION);
    }
    if (PERSON_NOUNS.contains(noun) || PERSON_ROLE.matcher(noun).matches()) {
      return Optional.of(DirectAnswer.Type.PERSON);
    }
    return Optional.empty();
  }

  /**
   * A person when the question asks for "the name of" an office's holder, else empty: only after
   * "what"/"which" or with no question word, so that "When was the name of the envoy announced?"
   * asks for a date.
   */
  private static Optional<DirectAnswer.Type> nameOfRole(String question) {
    return NAME_OF_ROLE.matcher(question).find() || PERSONAL_NAME.matcher(question).find()
        ? Optional.of(DirectAnswer.Type.PERSON)
        : Optional.empty();
  }

  /**
   * Whether a word after "which" may modify an office ("Turkish", "defence"): not a verb, an
   * article or a preposition ("what led the minister", "what about the envoy", "what documents the
   * minister signed" ask for no person).
   */
  private static boolean modifies(String w) {
    return !w.isEmpty()
        && !FollowUps.AUXILIARIES.contains(w)
        && !w.endsWith("ed")
        && !NOT_MODIFIERS.contains(w);
  }

  /** Articles and prepositions, which no office's modifier is. */
  private static final Set<String> NOT_MODIFIERS =
      Set.of("the", "a", "an", "this", "that", "these", "those", "about", "else", "of", "in");

  private record Scored(Candidate c, double score) {}

  /** A span of a quote that could be the answer. */
  record Candidate(int quote, int start, int end, String text, DirectAnswer.Type type) {}

  /**
   * The direct answer to {@code question} from {@code quotes}, best first, or empty when the
   * question asks for no short fact or no candidate scores {@link #MIN_CONFIDENCE}.
   */
  public static Optional<DirectAnswer> find(
      String question, List<Quote> quotes, ToDoubleFunction<String> weight) {
    return best(question, quotes, weight).filter(d -> d.confidence() >= MIN_CONFIDENCE);
  }

  /**
   * The best-scoring candidate, whatever its score (for tuning the threshold), each question word a
   * quote holds weighing {@code weight} of it (lower case, as the quote writes it) in how closely a
   * candidate sits among them: a rare word ("functioning") says more about which number is asked
   * for than one every passage holds ("Syria").
   */
  public static Optional<DirectAnswer> best(
      String typed, List<Quote> quotes, ToDoubleFunction<String> weight) {
    // What the question asks, as it was searched: "hi, can you tell me how many ..." asks "how
    // many", and the greeting's words are no words of the question.
    String question = QuestionText.withoutNoise(typed);
    Optional<DirectAnswer.Type> type = typeOf(question);
    if (type.isEmpty() || quotes.isEmpty()) {
      return Optional.empty();
    }
    Set<String> focus = focus(question);
    String thing = type.get() == DirectAnswer.Type.NAME ? namedThing(question) : "";
    // "which resolution": the noun its number follows
    String named =
        type.get() == DirectAnswer.Type.NAME && thing.isEmpty()
            ? stem(numberedNoun(question))
            : thing;
    Set<String> questionWords = words(question);
    questionWords.removeAll(focus);
    // "Sun Life Stadium" for "the name of the stadium": the word the name ends in is asked for.
    questionWords.removeIf(w -> stem(w).equals(named));
    boolean plural = isPlural(question);
    boolean yearAsked = question.toLowerCase(Locale.ROOT).matches(".*\\b(what|which) year\\b.*");
    Set<String> units = units(question);
    String form = numberForm(question);
    boolean centuryAsked = question.toLowerCase(Locale.ROOT).matches(".*\\bcentury\\b.*");
    // "Which terrorist group ...?" asks for a group, which a country ("Russia") is not
    boolean groupAsked = GROUP_ASKED.matcher(question).find();
    // "Who is the president of Russia?" asks for one office holder, which a country ("Syria", of
    // "special envoy for Syria") never is
    boolean onePerson = asksForOnePerson(question);
    int n = Math.min(QUOTES, quotes.size());
    List<Candidate> all = new ArrayList<>();
    // "Between whom is Moscow ready to mediate?": both sides, whatever their case ("the Syrian
    // government and Turkey"), as one answer
    boolean betweenAsked = names(type.get()) && BETWEEN_ASKED.matcher(question).find();
    for (int i = 0; i < n; i++) {
      all.addAll(candidates(i, quotes.get(i).text(), type.get(), plural, form.equals("measure")));
      if (betweenAsked) {
        for (MatchResult m : BETWEEN_SIDES.matcher(quotes.get(i).text()).results().toList()) {
          all.add(new Candidate(i, m.start(1), m.end(1), m.group(1), type.get()));
        }
      }
      if (type.get() == DirectAnswer.Type.DATE) {
        // "kicked off today" in a report of 3 May 2017: the day its document's date gives
        for (MatchResult m : Facts.relativeDays(quotes.get(i).text())) {
          if (Facts.dayOfWriting(m.group(), quotes.get(i).source().date()).isPresent()) {
            all.add(new Candidate(i, m.start(), m.end(), m.group(), type.get()));
          }
        }
      }
    }
    // "the Syrians themselves": the people with the word that stresses them, as the text says it
    for (int i = 0; i < all.size(); i++) {
      Candidate c = all.get(i);
      if (!names(c.type()) || !c.text().endsWith("s") || !Countries.isNationality(c.text())) {
        continue;
      }
      String text = quotes.get(c.quote()).text();
      Matcher themselves = THEMSELVES.matcher(text).region(c.end(), text.length());
      if (themselves.lookingAt()) {
        all.set(
            i,
            new Candidate(
                c.quote(),
                c.start(),
                themselves.end(),
                text.substring(c.start(), themselves.end()),
                c.type()));
      }
    }
    Candidate best = null;
    double bestScore = 0;
    List<Scored> scored = new ArrayList<>();
    Map<Candidate, String> keys = new IdentityHashMap<>();
    for (Candidate c : all) {
      // "today" agrees with, or rivals, the date it stands for, not the word
      String said =
          c.type() == DirectAnswer.Type.DATE && DirectAnswer.namesDayOfWriting(c.text())
              ? Facts.dayOfWriting(c.text(), quotes.get(c.quote()).source().date()).orElse(c.text())
              : c.text();
      // "resolution 2254 (2015)" and "resolution 2254" are one resolution; its year is no part of
      // what two quotes agree on, or "2249 (2015)" would half-agree with "2254 (2015)"
      if (NUMBERED_NAME.matcher(said).matches()) {
        said = said.replaceFirst("\\s*\\(\\s*\\d{4}\\s*\\)$", "");
      }
      keys.put(c, normalize(said));
    }
    Set<String> placeNames =
        type.get() == DirectAnswer.Type.PLACE ? placesNamingTheThing(question) : Set.of();
    Set<String> askedWords = new HashSet<>(lowerWords(question));
    // asked where a place itself is ("Where is Idlib?"), or which country it is in
    boolean placeItselfAsked = WHERE_IS.matcher(question).find();
    boolean countryOfAPlaceAsked = placeItselfAsked || COUNTRY_OF_A_PLACE.matcher(question).find();
    Set<String> countriesNamed = Countries.in(question);
    for (Candidate c : all) {
      double overlap =
          placeNames.contains(c.text().toLowerCase(Locale.ROOT))
              ? 0
              : overlap(office(c), questionWords);
      if (overlap >= 1
          || surnameAsked(c, askedWords)
          || countryAskedFrom(c, countriesNamed, countryOfAPlaceAsked)) {
        continue;
      }
      // A question may give the month or the year as context ("in February 2017"); a date or
      // number is only disqualified when the question already says all of it.
      if (!names(c.type())) {
        overlap = 0;
      }
      Quote q = quotes.get(c.quote());
      double closeness = closeness(q, c, weight);
      double agree = agreement(c, all, keys);
      double score =
          q.confidence()
              * RANK_WEIGHT[c.quote()]
              * (1 - overlap)
              * (0.4 + 0.6 * closeness)
              * (1 + AGREE * agree)
              * typeFit(c, q.text(), plural, yearAsked, centuryAsked)
              * unitFit(c, q.text(), units, form)
              * agentFit(c, q.text(), questionWords)
              * settlementFit(c, focus)
              * (groupAsked && Countries.contains(c.text()) ? THING_MISS : 1)
              * (onePerson && Countries.contains(c.text()) ? 0 : 1)
              * namedFit(c, named, q.text())
              * (insideList(c, all) ? 0.7 : 1)
              * (speakerAskedAbout(c, q.text(), question) ? SPEAKER_MISS : 1)
              * (speakersCountryAskedAbout(c, q.text(), askedWords) ? SPEAKER_MISS : 1)
              * (qualifiesAskedPlace(c, all, q.text(), questionWords, placeItselfAsked)
                  ? THING_MISS
                  : 1);
      scored.add(new Scored(c, score));
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    // A rival that is another answer altogether (not the same words, not a part of the best one
    // nor the whole it is part of) makes the best one less certain.
    double rival = 0;
    String bestKey = keys.get(best);
    for (Scored o : scored) {
      String k = keys.get(o.c());
      if (!k.isEmpty() && !bestKey.contains(k) && !k.contains(bestKey) && o.score() > rival) {
        rival = o.score();
      }
    }
    bestScore *= 1 - MARGIN * Math.pow(rival / bestScore, 2);
    String display = best.text();
    Source source = quotes.get(best.quote()).source();
    if (best.type() == DirectAnswer.Type.DATE
        && !hasYear(best.text())
        && isDayAndMonth(best.text())
        && source.date() != null
        && source.date().matches("\\d{4}.*")) {
      display = best.text() + " " + nearestYear(best.text(), source.date());
    }
    if (best.type() == DirectAnswer.Type.DATE && DirectAnswer.namesDayOfWriting(best.text())) {
      display = Facts.dayOfWriting(best.text(), source.date()).orElse(display);
    }
    if (best.type() == DirectAnswer.Type.DATE && WHEN_AND_WHERE.matcher(question).find()) {
      Optional<DirectAnswer> both =
          withPlace(best, display, quotes.get(best.quote()).text(), questionWords, bestScore);
      if (both.isPresent()) {
        return both;
      }
    }
    return Optional.of(
        new DirectAnswer(
            display,
            best.text(),
            best.type(),
            Math.min(1, bestScore),
            best.quote(),
            best.start(),
            best.end()));
  }

  /** A question for a time and a place at once: "When and where was the memorandum signed?". */
  private static final Pattern WHEN_AND_WHERE =
      Pattern.compile(
          "\\b(?:when\\W+and\\W+where|where\\W+and\\W+when)\\b", Pattern.CASE_INSENSITIVE);

  /** What joins a date and the place right after it: "17 September in Sochi", "..., in Sochi". */
  private static final Pattern DATE_THEN_PLACE = Pattern.compile(",?\\s+(?:in|at)\\s+");

  /** What joins a place and the date right after it: "in Sochi on 17 September". */
  private static final Pattern PLACE_THEN_DATE = Pattern.compile(",?\\s+(?:on|in)\\s+");

  /**
   * The date {@code date} with the place its sentence gives it beside it, as one answer ("17
   * September in Sochi"), for a question that asks when and where; empty when no place the question
   * does not name itself stands right before or after the date.
   */
  private static Optional<DirectAnswer> withPlace(
      Candidate date, String display, String text, Set<String> questionWords, double score) {
    Candidate after = null;
    Candidate before = null;
    for (Candidate p : candidates(date.quote(), text, DirectAnswer.Type.PLACE, false, false)) {
      if (overlap(p.text(), questionWords) > 0 || !placeAlone(p, text)) {
        continue;
      }
      if (p.start() >= date.end()
          && DATE_THEN_PLACE.matcher(text.substring(date.end(), p.start())).matches()
          && (after == null || p.end() > after.end())) {
        after = p; // the longest: "Astana, Kazakhstan", not "Astana"
      }
      if (p.end() <= date.start()
          && PLACE_THEN_DATE.matcher(text.substring(p.end(), date.start())).matches()
          && IN_OR_AT_BEFORE.matcher(text.substring(0, p.start())).find()
          && (before == null || p.start() < before.start())) {
        before = p;
      }
    }
    if (after == null && before == null) {
      return Optional.empty();
    }
    Candidate first = after != null ? date : before;
    Candidate last = after != null ? after : date;
    String between = text.substring(first.end(), last.start());
    String shown =
        after != null ? display + between + after.text() : before.text() + between + display;
    return Optional.of(
        new DirectAnswer(
            shown,
            text.substring(first.start(), last.end()),
            DirectAnswer.Type.DATE,
            Math.min(1, score),
            date.quote(),
            first.start(),
            last.end()));
  }

  /** "in" or "at" right before a place: "opened in Astana on 3 May". */
  private static final Pattern IN_OR_AT_BEFORE = Pattern.compile("\\b(?:in|at)\\s+$");

  /**
   * Whether a name stands alone as a place: not someone titled ("Mr. De Mistura"), not an owner
   * ("at Russia's initiative") and not a thing known by its number ("in Resolution 2443").
   */
  private static boolean placeAlone(Candidate p, String text) {
    String rest = text.substring(p.end());
    return !TITLED.matcher(p.text()).lookingAt()
        && !rest.startsWith("'s")
        && !rest.startsWith("\u2019s")
        && !rest.matches("(?s)\\s+\\d.*");
  }

  /**
   * Every span of {@code text} of the wanted type; with {@code measures}, a number also with its
   * unit of length, area, weight or speed.
   */
  static List<Candidate> candidates(
      int quote, String text, DirectAnswer.Type type, boolean plural, boolean measures) {
    List<Candidate> out = new ArrayList<>();
    switch (type) {
      case DATE -> {
        Matcher m = DATE.matcher(text);
        while (m.find()) {
          out.add(new Candidate(quote, m.start(), m.end(), m.group(), type));
          // The year alone, for "what year" ("March 2009" answers it with "2009").
          Matcher y = YEAR_ONLY.matcher(m.group());
          if (y.find() && y.end() - y.start() < m.end() - m.start()) {
            out.add(
                new Candidate(quote, m.start() + y.start(), m.start() + y.end(), y.group(), type));
          }
        }
      }
      case NUMBER -> {
        List<int[]> dates = new ArrayList<>();
        Matcher d = DATE.matcher(text);
        while (d.find()) {
          dates.add(new int[] {d.start(), d.end()});
        }
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
          int s = m.start();
          int e = m.end();
          if (dates.stream().anyMatch(r -> s < r[1] && e > r[0])) {
            continue;
          }
          out.add(new Candidate(quote, s, e, m.group(), type));
          // "nine months", "a 30-second": the number with the unit of time it counts.
          Matcher u = TIME_AFTER.matcher(text).region(e, text.length());
          if (u.lookingAt()) {
            out.add(new Candidate(quote, s, u.end(), text.substring(s, u.end()), type));
          }
          // "15 kilometres" for "how far"; "how many yards" gets the number alone
          Matcher me = MEASURE_AFTER.matcher(text).region(e, text.length());
          if (measures && me.lookingAt()) {
            out.add(new Candidate(quote, s, me.end(), text.substring(s, me.end()), type));
          }
        }
      }
      default -> {
        Matcher l = LIST.matcher(text);
        while (l.find()) {
          addName(out, quote, text, l.start(), l.end(), type);
        }
        Matcher m = NAME.matcher(text);
        while (m.find()) {
          addName(out, quote, text, m.start(), m.end(), type);
        }
        if (type == DirectAnswer.Type.NAME) {
          // A title in quotation marks ("Hymn for the Weekend"), without the marks.
          Matcher t = QUOTED_TITLE.matcher(text);
          while (t.find()) {
            out.add(new Candidate(quote, t.start(1), t.end(1), t.group(1), type));
          }
          // A thing known by its number ("resolution 2254").
          Matcher n = NUMBERED_NAME.matcher(text);
          while (n.find()) {
            out.add(new Candidate(quote, n.start(), n.end(), n.group(), type));
          }
        }
        if (type == DirectAnswer.Type.PLACE) {
          // A place with the region it is in ("Santa Clara, California", "Graz, Austria").
          Matcher r = PLACE_IN_REGION.matcher(text);
          while (r.find()) {
            addName(out, quote, text, r.start(), r.end(), type);
          }
          Matcher in = PLACES_IN.matcher(text);
          while (in.find()) {
            out.add(new Candidate(quote, in.start(), in.end(), in.group(), type));
          }
        }
      }
    }
    return out;
  }

  /** Adds a name with its leading non-name words ("The", "However") and trailing dots removed. */
  private static void addName(
      List<Candidate> out, int quote, String text, int start, int end, DirectAnswer.Type type) {
    Matcher w = NON_SPACE.matcher(text.substring(start, end));
    while (w.find()) {
      String word = w.group().replaceAll("[,.]$", "");
      if (!NOT_NAMES.contains(word) && !(word.equals("and") || word.equals("of"))) {
        break;
      }
      start += w.end();
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
    }
    if (text.startsWith("'s", end - 2) || text.startsWith("\u2019s", end - 2)) {
      end -= 2;
    }
    while (end > start
        && ",.".indexOf(text.charAt(end - 1)) >= 0
        && !(text.substring(start, end).matches(".*\\b(Mr|Ms|Mrs|Dr|St)\\.$"))) {
      end--;
    }
    if (end <= start || !Character.isUpperCase(text.charAt(start))) {
      return;
    }
    String name = text.substring(start, end);
    if (name.matches("(Mr|Ms|Mrs|Dr|St)\\.?") || NOT_NAMES.contains(name)) {
      return;
    }
    if (name.matches("(?i)" + SPELLED + "|" + ORDINAL)) {
      return; // "Four de-escalation zones ...": a number that opens a sentence names nothing
    }
    if (OPENER.matcher(name).matches()
        && SENTENCE_START.matcher(text.substring(0, start)).find()
        && (name.endsWith("ly") && text.startsWith(",", end)
            || LOWER_NEXT.matcher(text).region(end, text.length()).lookingAt())) {
      return; // "Recalling that ...", "Reportedly, ...": a sentence's first word, not a name
    }
    // "Miami's Sun Life Stadium": the name after the owner's is a candidate of its own.
    Matcher owner = OWNER.matcher(name);
    if (owner.find()) {
      addName(out, quote, text, start + owner.end(), end, type);
    }
    DirectAnswer.Type t =
        type == DirectAnswer.Type.PERSON && GROUP.matcher(name).find()
            ? DirectAnswer.Type.ORGANISATION
            : type;
    out.add(new Candidate(quote, start, end, name, t));
  }

  /** The owner's 's and the space after it, before a name of its own ("Miami's Sun Life"). */
  private static final Pattern OWNER = Pattern.compile("['\u2019]s\\s+(?=\\p{Lu})");

  /** Words that end the counted noun after "how many" ("how many yards did ..."). */
  private static final Set<String> UNIT_STOP =
      Set.of(
          "did", "do", "does", "were", "was", "are", "is", "have", "has", "had", "can", "could",
          "will", "would", "should", "may", "might", "of", "in", "on", "at", "for", "to", "from",
          "by", "with", "per", "the", "a", "an", "there", "that", "than");

  /**
   * What a duration is counted in: "how long" asks for a number of these (as {@link #stem} leaves
   * them: "centuries" becomes "centurie").
   */
  private static final Set<String> TIME_UNITS =
      Set.of(
          "second",
          "minute",
          "hour",
          "day",
          "week",
          "month",
          "year",
          "decade",
          "century",
          "centurie");

  /** Words after or before a number that say it is an age ("39 years old", "aged 86"). */
  private static final Set<String> AGE_WORDS = Set.of("year", "old", "age", "aged", "month");

  /** Words of a "how much" question that ask for a sum of money. */
  private static final Pattern MONEY_ASKED =
      Pattern.compile(
          "\\b(money|cost|costs|pay|paid|spend|spent|earn|earned|raise|raised|worth|price|sell"
              + "|sold|fund|funding|budget|charge|charged)\\b");

  /** A sum of money: a currency sign, or a currency named after the number. */
  private static final Pattern MONEY =
      Pattern.compile("^[$\u00a3\u20ac].*|.*\\b(dollars|pounds|euros)$", Pattern.CASE_INSENSITIVE);

  /**
   * What a "how" question's number must be next to: the nouns a "how many" or "how much" question
   * counts ("how many career sacks did ..." -> career, sack), the units of time for "how long", the
   * words of an age for "how old"; lower case without a plural "s", empty for other questions.
   */
  static Set<String> units(String question) {
    List<String> w = lowerWords(question);
    Set<String> out = new HashSet<>();
    for (int i = 0; i + 1 < w.size(); i++) {
      if (!w.get(i).equals("how")) {
        continue;
      }
      switch (w.get(i + 1)) {
        case "many", "much" -> {
          for (int j = i + 2; j < w.size() && j < i + 5 && !UNIT_STOP.contains(w.get(j)); j++) {
            out.add(stem(w.get(j)));
          }
        }
        case "long" -> out.addAll(TIME_UNITS);
        case "old" -> out.addAll(AGE_WORDS);
        default -> {
          continue;
        }
      }
      break;
    }
    return out;
  }

  /**
   * How a number must be written for the question: "percent" (%), "money" ($), "duration" (with its
   * unit of time), "measure" (with its unit of length, area, weight or speed: "how far", "how
   * tall") or "" (any).
   */
  static String numberForm(String question) {
    String q = question.toLowerCase(Locale.ROOT);
    if (q.matches(".*\\bpercent(age)?\\b.*")) {
      return "percent";
    }
    if (q.matches(".*\\bhow much\\b.*") && MONEY_ASKED.matcher(q).find()) {
      return "money";
    }
    if (q.matches(".*\\bhow long\\b.*")) {
      return "duration";
    }
    if (MEASURE_ASKED.matcher(q).find()) {
      return "measure";
    }
    return "";
  }

  /**
   * The kind of thing a "what" or "which" question names ("what river" -> river, "which county" ->
   * county): a candidate called so ("the Vistula River", "Orange County") does not repeat the
   * question for having that word.
   */
  static Set<String> focus(String question) {
    List<String> w = lowerWords(question);
    for (int i = 0; i + 1 < w.size() && i < 6; i++) {
      if (w.get(i).equals("what") || w.get(i).equals("which")) {
        String next = w.get(i + 1);
        if (UNIT_STOP.contains(next) || FOCUS_SKIP.contains(next)) {
          return Set.of();
        }
        return Set.of(stem(next));
      }
    }
    return Set.of();
  }

  /** A question's words in lower case, in order. */
  private static List<String> lowerWords(String question) {
    return WORD.matcher(question.toLowerCase(Locale.ROOT))
        .results()
        .map(MatchResult::group)
        .toList();
  }

  private static final Set<String> FOCUS_SKIP =
      Set.of("kind", "type", "sort", "other", "two", "three", "one", "famous", "new");

  private static String stem(String w) {
    return w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
  }

  /**
   * For a question that counts something ("how many yards"), whether the number is followed within
   * three words by what is counted ("3,837 passing yards"), or holds it ("nine months"); for "how
   * old", also an age written before it ("aged 86"); and whether a percentage or a sum of money is
   * written as one. A number of something else is less likely the answer.
   */
  private static double unitFit(Candidate c, String text, Set<String> units, String form) {
    if (c.type() != DirectAnswer.Type.NUMBER) {
      return 1;
    }
    double fit = 1;
    if (form.equals("percent") && !c.text().matches("(?i).*(%|percent|per cent)$")) {
      fit *= UNIT_MISS;
    } else if (form.equals("money") && !MONEY.matcher(c.text()).matches()) {
      fit *= UNIT_MISS;
    } else if (form.equals("duration") && !TIME_AFTER.matcher(c.text()).find()) {
      fit *= UNIT_MISS;
    } else if (form.equals("measure") && !MEASURE_AFTER.matcher(c.text()).find()) {
      fit *= UNIT_MISS;
    }
    if (units.isEmpty()) {
      return fit;
    }
    Matcher m = WORD.matcher(text.substring(c.start()).toLowerCase(Locale.ROOT));
    int words = WORD.matcher(c.text()).results().mapToInt(r -> 1).sum();
    for (int i = 0; i < words + 3 && m.find(); i++) {
      if (units.contains(stem(m.group()))) {
        return fit;
      }
    }
    if (units.contains("aged")) {
      Matcher b = WORD.matcher(text.substring(Math.max(0, c.start() - 12), c.start()));
      while (b.find()) {
        if (units.contains(b.group().toLowerCase(Locale.ROOT))) {
          return fit;
        }
      }
    }
    return fit * UNIT_MISS;
  }

  /**
   * How well a candidate fits beyond its form: a place after "in"/"at", a person with a title or
   * two names, a list for a plural question.
   */
  private static double typeFit(
      Candidate c, String text, boolean plural, boolean yearAsked, boolean centuryAsked) {
    String before = text.substring(Math.max(0, c.start() - 6), c.start()).toLowerCase(Locale.ROOT);
    boolean list = c.text().contains(" and ");
    double fit = 1;
    switch (c.type()) {
      case PLACE ->
          // "Mr. De Mistura" is someone, never where: "Where was the Special Envoy going?" had
          // been answered with the name that "the intention of" puts before "to hold meetings"
          fit =
              TITLED.matcher(c.text()).lookingAt()
                  ? 0
                  : before.matches(".*\\b(in|at|to|from|near|of)\\s+$")
                          || c.text().startsWith("in ")
                      ? 1
                      : 0.6;
      case PERSON -> {
        boolean titled = TITLED.matcher(c.text()).lookingAt();
        fit = titled ? 1 : c.text().contains(" ") ? 0.9 : 0.7;
        if (THING.matcher(c.text()).find()) {
          fit *= THING_MISS; // "Super Bowl", "Tate Gallery": no one who does anything
        }
        // "signed in Sochi by ...": after "in", "at" or "near", a name is where, not who
        if (!titled
            && before.matches(".*\\b(in|at|near)\\s+$")
            && !text.startsWith("'s", c.end())
            && !text.startsWith("\u2019s", c.end())) {
          fit *= PLACE_NOT_PERSON;
        }
      }
      case ORGANISATION -> fit = 0.7;
      // Nothing tells the name something is called by from any other capitalized words: of the
      // kinds, it is the least often exactly right on the SQuAD tune half.
      case NAME -> fit = NAME_FIT;
      case DATE -> {
        fit = c.text().matches("\\D+") ? 0.7 : yearAsked && !c.text().matches(YEAR) ? 0.6 : 1;
        // The year alone out of a fuller date answers "what year", not "when".
        if (!yearAsked && c.text().matches(YEAR) && partOfLongerDate(c, text)) {
          fit *= YEAR_PART;
        }
        if (centuryAsked != c.text().contains("century")) {
          fit *= CENTURY_MISS;
        }
      }
      // "one" is as often a pronoun ("one of the") as a count; ordinals answer "which round".
      case NUMBER ->
          fit =
              c.text().equalsIgnoreCase("one") ? 0.4 : c.text().matches("(?i)" + ORDINAL) ? 0.5 : 1;
      default -> fit = 1;
    }
    // A lone nationality ("Syrian", "Turkish") describes something else; it names no one. A
    // people does: "the Syrians themselves" (one candidate, not matched here), "the Syrians, who".
    if (!list
        && names(c.type())
        && c.text().matches("\\p{Lu}\\p{L}+(ian|ians|ese|ish|ic)")
        && !(c.text().endsWith("s")
            && PEOPLE_AFTER.matcher(text).region(c.end(), text.length()).lookingAt())) {
      fit *= 0.3;
    }
    if (list && !plural) {
      fit *= 0.7;
    } else if (list) {
      fit = 1;
    } else if (plural) {
      fit *= 0.8;
    }
    return fit;
  }

  /** Words that ask who spoke for a country ("Kazakhstan's envoy", "spoke for Kazakhstan"). */
  private static final Pattern ASKS_SPEAKER =
      Pattern.compile(
          "spok\\w*|speak\\w*|said|says|say|represent\\w*|delegat\\w*|ambassador|diplomat\\w*"
              + "|envoy|statement|behalf|sen[dt]|floor|address\\w*");

  /** The score of a speaker the question already names by country, see {@link #SPEAKER_MISS}. */
  private static final double SPEAKER_MISS = 0.3;

  /**
   * Whether {@code c} is the name opening a statement ("Mr. Umarov (Kazakhstan): We thank ... Mr.
   * Ging") whose country the question names as the one acting ("Who is the official Kazakhstan
   * thanked?"): the speaker is then what the question starts from, not what it asks for. A question
   * that asks who spoke for the country ("Kazakhstan's envoy", "who spoke for Kazakhstan") keeps
   * him.
   */
  static boolean speakerAskedAbout(Candidate c, String text, String question) {
    if (c.type() != DirectAnswer.Type.PERSON) {
      return false;
    }
    // the statement's opening as Speakers reads it: "Mr. Umarov (Kazakhstan):"
    String country =
        Speakers.opener(text)
            .filter(o -> o.nameEnd() == c.end())
            .map(o -> Countries.countryOf(o.country()))
            .orElse(null);
    if (country == null) {
      return false;
    }
    List<String> words = lowerWords(question);
    boolean named = false;
    for (int i = 0; i < words.size(); i++) {
      if (!country.equals(Countries.countryOf(words.get(i)))) {
        continue;
      }
      named = true;
      if (i > 0 && words.get(i - 1).equals("for")) {
        return false; // "who addressed the Council for Kazakhstan?": whoever spoke for it
      }
      // three words on: "Kazakhstan's permanent representative" is kazakhstan, s, permanent, ...
      for (int j = Math.max(0, i - 2); j <= Math.min(words.size() - 1, i + 3); j++) {
        if (ASKS_SPEAKER.matcher(words.get(j)).matches()) {
          return false;
        }
      }
    }
    return named;
  }

  /**
   * Whether {@code c} is the country in a statement's opening ("Mr. Umarov (Kazakhstan): We join
   * others in thanking ...") and the question names that speaker ("Who did Mr. Umarov thank?"): his
   * country stands for him, the one the question starts from. A question that asks whom he spoke
   * for ("Which country did Umarov represent?") keeps it.
   */
  static boolean speakersCountryAskedAbout(Candidate c, String text, Set<String> askedWords) {
    if (!names(c.type())) {
      return false;
    }
    Optional<Speakers.Opener> opener = Speakers.opener(text);
    if (opener.isEmpty()
        || !c.text().equals(opener.get().country())
        || c.start() < opener.get().nameEnd()
        || text.lastIndexOf(':', c.start()) >= 0) {
      return false;
    }
    String surname =
        Speakers.surname(text.substring(0, opener.get().nameEnd()).strip())
            .toLowerCase(Locale.ROOT);
    return askedWords.contains(surname)
        && askedWords.stream().noneMatch(w -> ASKS_WHOSE_SPEAKER.matcher(w).matches());
  }

  /** Words that ask whom a speaker spoke for: "Which country does Umarov represent?" */
  private static final Pattern ASKS_WHOSE_SPEAKER = Pattern.compile("represent\\w*|behalf");

  /**
   * Whether {@code c} is a country alone that the question already stands for by its capital or
   * another of its words ("Moscow", "the Kremlin", "Turkish"): "Between whom is Moscow ready to
   * mediate?" asks for others than Russia. The same word in both is {@link #overlap}'s to find.
   *
   * @param countriesNamed the countries the question names or stands for ({@link Countries#in})
   * @param countryOfAPlaceAsked the question asks where a place is or which country it is in
   *     ("Where is Damascus?", "In which country is Damascus?"): a place answers it all the same
   */
  static boolean countryAskedFrom(
      Candidate c, Set<String> countriesNamed, boolean countryOfAPlaceAsked) {
    if (!names(c.type()) || c.type() == DirectAnswer.Type.PLACE && countryOfAPlaceAsked) {
      return false;
    }
    String country = Countries.countryOf(c.text());
    return country != null && Countries.contains(c.text()) && countriesNamed.contains(country);
  }

  /**
   * Whether a country {@code c} only says where a place the question names lies ("the de-escalation
   * zone in Idlib in Syria" for "Where was the memorandum on the Idlib zone signed?"): that is
   * where the question's own subject is, not where what it asks about happened. "Where is Idlib?"
   * asks just that, and keeps it.
   */
  static boolean qualifiesAskedPlace(
      Candidate c,
      List<Candidate> all,
      String text,
      Set<String> questionWords,
      boolean placeItselfAsked) {
    // a country that locates the place before it ("Idlib in Syria"), not a city where something
    // named before it met ("the auspices of the UN in Geneva")
    if (c.type() != DirectAnswer.Type.PLACE || !Countries.contains(c.text()) || placeItselfAsked) {
      return false;
    }
    Matcher before = QUALIFIED.matcher(text.substring(0, c.start()));
    if (!before.find()
        || !sharesStem(stem(before.group(1).toLowerCase(Locale.ROOT)), questionWords)) {
      return false;
    }
    // the word before is itself a place of the same quote: "Idlib", not "September in Sochi" nor
    // "negotiations in Geneva"
    for (Candidate o : all) {
      if (o.quote() == c.quote()
          && o.type() == DirectAnswer.Type.PLACE
          && o.end() == before.end(1)) {
        return true;
      }
    }
    return false;
  }

  /** A question that asks between whom: "Between whom ...?", "... between which countries?" */
  private static final Pattern BETWEEN_ASKED =
      Pattern.compile("(?i)\\bbetween\\s+(?:whom|who|which\\s+\\p{L}+|what\\s+\\p{L}+)\\b");

  /**
   * The two sides "between" joins in a text, each of up to four words besides a "the", ending where
   * a preposition, a verb after them or punctuation does: "a mediator between the Syrian government
   * and Turkey on the situation", "Between the government and the opposition, ...".
   */
  private static final Pattern BETWEEN_SIDES =
      Pattern.compile(
          "(?i:\\bbetween)\\s+((?:the\\s+)?[\\p{L}'-]+(?:\\s+[\\p{L}'-]+){0,3}?\\s+and\\s+"
              + "(?:the\\s+)?[\\p{L}'-]+(?:\\s+[\\p{L}'-]+){0,3}?)"
              + "(?=\\s+(?:on|in|over|at|about|to|for|with|from|under|since|was|were|is|are|has"
              + "|have|had|will|would|remains?|that|which|who)\\b|\\s*[,.;:!?)\"”]|\\s*$)");

  /** A word and "in" or a comma just before a candidate: "Idlib in ", "Idlib, ". */
  private static final Pattern QUALIFIED = Pattern.compile("(\\p{L}+)(?:\\s+in|,)\\s+$");

  /**
   * A place's name as a question writes it: a word, and a second one only if capitalized ("Eastern
   * Ghouta", not "Idlib discussed").
   */
  private static final String PLACE_NAME = "(?:the\\s+)?[\\p{L}-]+(?:\\s+(?-i:\\p{Lu})[\\p{L}-]*)?";

  /** A question that asks which country a place is in: "In which country is Damascus?" */
  private static final Pattern COUNTRY_OF_A_PLACE =
      Pattern.compile(
          "(?i)\\b(?:which|what)\\s+country\\s+(?:is|are|was|were|lies|lie)\\s+"
              + PLACE_NAME
              + "(?:\\s+(?:in|located\\s+in|situated\\s+in))?\\W*$");

  /** A question that asks where a place itself is: "Where is Idlib?", "where's Sochi located". */
  private static final Pattern WHERE_IS =
      Pattern.compile(
          "(?i)^\\W*where\\s*(?:is|are|was|were|'s|’s)\\s+"
              + PLACE_NAME
              + "(?:\\s+(?:located|situated|based))?\\W*$");

  /** A title and a name: "Mr. Umarov", "Dr. Smith". */
  private static final Pattern TITLED = Pattern.compile("(Mr|Ms|Mrs|Dr)\\. ");

  /** A "who" candidate just after "in", "at" or "near" (a place more often than anyone). */
  private static final double PLACE_NOT_PERSON = 0.5;

  /** "by" (and an article) just before a candidate: it may be the doer of a passive verb. */
  private static final Pattern BY_BEFORE = Pattern.compile("\\bby\\s+(?:the\\s+)?$");

  /** Whether a candidate of type {@code t} names someone or somewhere: not a date, not a number. */
  private static boolean names(DirectAnswer.Type t) {
    return t != DirectAnswer.Type.DATE && t != DirectAnswer.Type.NUMBER;
  }

  /** The word that stresses a people: "the Syrians themselves". */
  private static final Pattern THEMSELVES = Pattern.compile("\\s+themselves\\b");

  /** What follows a people, not an adjective: "the Syrians, who ...". */
  private static final Pattern PEOPLE_AFTER = Pattern.compile(",?\\s+who\\b");

  /**
   * "who" or "that" just after a candidate ("themselves" between), and the words of its clause that
   * may hold the question's verb: "the Syrians themselves who should begin to shape".
   */
  private static final Pattern WHO_AFTER =
      Pattern.compile(
          "(?:\\s+themselves|\\s+itself)?,?\\s+(?:who|that)\\s+((?:[\\w'-]+\\s*){1,5})");

  /** The question's verb may stand this many words before the "by" of its doer. */
  private static final int AGENT_WINDOW = 6;

  /**
   * A person or group written after "by" in the sentence that has one of the question's words just
   * before ("the memorandum signed on 17 September in Sochi by the Defence Ministers", "were
   * invited by the Government") is who did what the question asks about: {@link #AGENT} times the
   * score.
   */
  private static double agentFit(Candidate c, String text, Set<String> questionWords) {
    if (c.type() != DirectAnswer.Type.PERSON && c.type() != DirectAnswer.Type.ORGANISATION) {
      return 1;
    }
    int[] sentence = sentenceAround(text, c.start(), c.end());
    // "it is the Syrians themselves who should begin to shape the future political system": the
    // one a relative clause with the question's verb is about did it
    Matcher who = WHO_AFTER.matcher(text.substring(c.end(), sentence[1]));
    if (who.lookingAt()) {
      for (String w : lowerWords(who.group(1))) {
        // a word of the question's own, not "the" or "is", which any clause holds
        if (w.length() > 3
            && !Analyzers.FUNCTION_WORDS.contains(w)
            && sharesStem(stem(w), questionWords)) {
          return AGENT;
        }
      }
    }
    String before = text.substring(sentence[0], c.start());
    Matcher by = BY_BEFORE.matcher(before);
    if (!by.find()) {
      return 1;
    }
    List<String> words = lowerWords(before.substring(0, by.start()));
    for (int i = Math.max(0, words.size() - AGENT_WINDOW); i < words.size(); i++) {
      if (sharesStem(stem(words.get(i)), questionWords)) {
        return AGENT;
      }
    }
    return 1;
  }

  /** A question that asks for a group or a movement: "which terrorist group", "what party". */
  private static final Pattern GROUP_ASKED =
      Pattern.compile(
          "\\b(?:which|what)\\s+(?:\\w+\\s+){0,2}(?:groups?|organi[sz]ations?|movements?|part(?:y|ies)"
              + "|factions?|militias?|outfits?)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * What a question asks for when it asks for a settlement or a country ("what city"), as {@link
   * #stem} leaves them ("cities" becomes "citie").
   */
  private static final Set<String> SETTLEMENTS =
      Set.of("city", "citie", "town", "country", "countrie", "capital", "village", "nation");

  /**
   * The last word of an institution's name ("San Jose State", "Stanford University"); with {@link
   * #THING}, what a city or a country is not.
   */
  private static final Pattern INSTITUTION =
      Pattern.compile(
          "\\b(?:Club|Hotel|University|College|School|State|Company|Corporation|Theatre|Theater"
              + "|Hospital|Institute)$");

  /**
   * For "what city" or "which country", a thing or an institution ("SAP Center") keeps {@link
   * #THING_MISS} of its score: it is in the city asked for, not the city.
   */
  private static double settlementFit(Candidate c, Set<String> focus) {
    if (c.type() != DirectAnswer.Type.PLACE) {
      return 1;
    }
    // "Which provinces does the fourth de-escalation zone cover?": a country ("Syria") holds the
    // province asked for and is not it (not so for a city: Singapore and Monaco are both)
    if (focus.stream().anyMatch(PARTS_OF_A_COUNTRY::contains) && onlyCountries(c.text())) {
      return THING_MISS;
    }
    if (focus.stream().noneMatch(SETTLEMENTS::contains)) {
      return 1;
    }
    if (THING.matcher(c.text()).find() || INSTITUTION.matcher(c.text()).find()) {
      return THING_MISS;
    }
    // "Which country hosted the Astana talks?": a city ("Geneva", "Astana") is in a country, not
    // the country asked for
    return focus.stream().anyMatch(COUNTRY_ASKED::contains) && !countries(c.text())
        ? THING_MISS
        : 1;
  }

  /**
   * What a question asks for when it asks for a part of a country that no country is, as {@link
   * #stem} leaves it.
   */
  private static final Set<String> PARTS_OF_A_COUNTRY = Set.of("province", "region", "district");

  /** Whether {@code text} names countries and nothing else ("Syria", "Russia and Turkey"). */
  private static boolean onlyCountries(String text) {
    return listed(text).stream().allMatch(Countries::contains);
  }

  /** What a question asks for when it asks for a country, as {@link #stem} leaves it. */
  private static final Set<String> COUNTRY_ASKED = Set.of("country", "countrie", "nation");

  /**
   * Whether {@code text} names a country, or a list with one ("Russia, Turkey and Iran", "Jordan,
   * United Nations and the USA").
   */
  private static boolean countries(String text) {
    if (FORMAL_COUNTRY.matcher(text).find()) {
      return true; // "the Syrian Arab Republic", "the Russian Federation", "Bosnia and Herzegovina"
    }
    return listed(text).stream().anyMatch(Countries::contains);
  }

  /** The names of a list, each without a leading "the": "Russia, Turkey, and the USA". */
  private static List<String> listed(String text) {
    return java.util.Arrays.stream(text.split("\\s*,\\s*(?:and\\s+)?|\\s+and\\s+"))
        .map(part -> part.replaceFirst("^(?i)the\\s+", ""))
        .toList();
  }

  /** A country's formal name, as UN documents write it: "the Syrian Arab Republic". */
  private static final Pattern FORMAL_COUNTRY =
      Pattern.compile("\\b(?:Republic|Federation|Kingdom|Emirates|Sultanate|Principality)\\b");

  /**
   * What a question asking for a name calls the thing named, as {@link #stem} leaves it: "stadium"
   * in "what is the name of the stadium in Miami", "base" in "what was the naval base called"; ""
   * when it cannot tell.
   */
  static String namedThing(String question) {
    Matcher m = NAMED_THING.matcher(question);
    if (!m.find()) {
      return "";
    }
    String thing = m.group(1) != null ? m.group(1) : m.group(2);
    List<String> words = lowerWords(thing.replaceAll("(?i)\\s+(?:of|in|for|at|on)\\s.*$", ""));
    return words.isEmpty() ? "" : stem(words.get(words.size() - 1));
  }

  /**
   * The words naming the thing a name is asked for: after "name of" up to a relative word or a
   * preposition, or between the verb and "called" / "known as".
   */
  private static final Pattern NAMED_THING =
      Pattern.compile(
          "\\bname\\s+(?:of|for)\\s+(?:(?:the|a|an|this|that|its|their)\\s+)?"
              + "((?:[\\p{L}\\d'\u2019-]+\\s+){0,3}?[\\p{L}\\d-]+)"
              + "(?=\\s+(?:that|which|who|whom|where|when|in|of|at|on|to|for|by|with|from|used|given"
              + "|the|is|was|are|were|did|does|do|has|had)\\b|\\s*[?,.]|\\s*$)"
              + "|\\b(?:is|was|are|were)\\s+(?:(?:the|a|an|this|that|its|their)\\s+)?"
              + "((?:[\\p{L}\\d'\u2019-]+\\s+){0,5}?)(?:now\\s+|later\\s+|also\\s+)?"
              + "(?:called|named|known\\s+as)\\b",
          Pattern.CASE_INSENSITIVE);

  /** The type fit of every name asked for: chosen on the SQuAD tune half (1, 0.8 ... 0.4 tried). */
  private static final double NAME_FIT = 0.5;

  /** A name ending in what the question calls the thing ("Levi's Stadium" for "the stadium"). */
  private static final double NAMED_FIT = 1.5;

  private static double namedFit(Candidate c, String named, String text) {
    if (named.isEmpty()) {
      return 1;
    }
    if (named.equals(NUMBERED)
        && text.substring(c.end()).matches("(?s)\\s+\\d.*")
        && !NUMBERED_NAME.matcher(c.text()).matches()) {
      return 1; // "Security Council Resolution" of "... Resolution 2254": cut before its number
    }
    List<String> words = lowerWords(c.text());
    return !words.isEmpty()
            && (stem(words.get(words.size() - 1)).equals(named)
                || NUMBERED_NAME.matcher(c.text()).matches() && stem(words.get(0)).equals(named))
        ? NAMED_FIT
        : 1;
  }

  /**
   * The noun of a thing known by its number, which a "which" question asks for as the noun and its
   * number ("Which resolution ...?": "resolution 2254"). Not "article" or "section", which in news
   * and reports are as often unnumbered ("which article mentions ...?").
   */
  private static final String NUMBERED = "resolution";

  private static final Set<String> NUMBERED_NOUNS = Set.of(NUMBERED, NUMBERED + "s");

  /**
   * That noun and its number in a text ("resolution 2254", "Resolution 2401"), with the year in
   * brackets the text cites it with ("resolution 2254 (2015)"): the year is part of its name.
   */
  private static final Pattern NUMBERED_NAME =
      Pattern.compile(
          "(?i)\\b" + NUMBERED + "\\s+\\d+[A-Z]?\\b(?:\\s*\\(\\s*(?:19|20)\\d{2}\\s*\\))?");

  /**
   * The noun of {@link #NUMBERED_NOUNS} that "what" or "which" at {@code i} asks for, after at most
   * three words that qualify it ("which UN Security Council resolution"), or "".
   */
  private static String numberedNoun(List<String> words, int i) {
    for (int k = i + 1; k < Math.min(words.size(), i + 5); k++) {
      String w = words.get(k);
      if (NUMBERED_NOUNS.contains(w)) {
        return w;
      }
      if (!modifies(w)) {
        break;
      }
    }
    return "";
  }

  /** As {@link #numberedNoun(List, int)}, for the first "what" or "which" of a question. */
  private static String numberedNoun(String question) {
    List<String> words = lowerWords(question);
    for (int i = 0; i < Math.min(words.size(), 6); i++) {
      if (words.get(i).equals("what") || words.get(i).equals("which")) {
        return numberedNoun(words, i);
      }
    }
    return "";
  }

  /** The last word of a name of a thing or a place, which no "who" question asks for. */
  private static final Pattern THING =
      Pattern.compile(
          "\\b(?:Bowl|Cup|Trophy|Awards?|Prize|Medal|Stadium|Arena|Field|Center|Centre|Gallery"
              + "|Museum|Cathedral|Church|Castle|Palace|Hall|Street|Road|Avenue|Bridge|Park|River"
              + "|Lake|Mountains?|Island|Bay|Area|Airport|Station|Hotel|Building|Tower|Square"
              + "|Act|Treaty|Code|Law|Theory|Commandments|Gymnasium|Language|English|Latin|Day"
              + "|Year|War|Battle)$");

  /** A "who" candidate named as a thing keeps this share ({@link #THING}). */
  private static final double THING_MISS = 0.5;

  /** A day or a month written just before a year ("17 September 2018", "May 2017"). */
  private static final Pattern DAY_OR_MONTH_BEFORE =
      Pattern.compile("(?s).*(" + MONTH + "|\\d),?\\s+$");

  /** Whether a year candidate is the year of a day or month written just before it. */
  private static boolean partOfLongerDate(Candidate c, String text) {
    String before = text.substring(Math.max(0, c.start() - 16), c.start());
    return DAY_OR_MONTH_BEFORE.matcher(before).matches();
  }

  /**
   * How many of the other quotes say the same: 1 for each that has the candidate itself, half for
   * one that has a candidate sharing its last word ("Kubiak" and "Gary Kubiak").
   */
  private static double agreement(Candidate c, List<Candidate> all, Map<Candidate, String> keys) {
    String key = keys.get(c);
    String last = key.substring(key.lastIndexOf(' ') + 1);
    boolean partial = !last.isEmpty() && names(c.type()) && !c.text().contains(",");
    double[] per = new double[QUOTES];
    for (Candidate o : all) {
      if (o.quote() == c.quote()) {
        continue;
      }
      String k = keys.get(o);
      double v = 0;
      if (k.equals(key)) {
        v = 1;
      } else if (partial && !o.text().contains(",") && (" " + k + " ").contains(" " + last + " ")) {
        v = 0.5;
      }
      per[o.quote()] = Math.max(per[o.quote()], v);
    }
    double sum = 0;
    for (double v : per) {
      sum += v;
    }
    return sum;
  }

  /** Whether a single name is one item of a list found in the same quote. */
  private static boolean insideList(Candidate c, List<Candidate> all) {
    for (Candidate o : all) {
      if (o.quote() == c.quote()
          && o.start() <= c.start()
          && o.end() >= c.end()
          && o.end() - o.start() > c.end() - c.start()
          && o.text().contains(",")) {
        return true;
      }
    }
    return false;
  }

  /**
   * How closely a candidate sits among the question's words in its quote, in [0, 1]: half for the
   * best of its sentence's question words, each scoring 1 when adjacent, falling with the words in
   * between, times its {@code weight} over the heaviest word's (with equal weights: the nearest
   * one); half for the weighted share of the quote's distinct question words that sit within {@link
   * #WINDOW} words of it.
   */
  private static double closeness(Quote q, Candidate c, ToDoubleFunction<String> weight) {
    if (q.matched().isEmpty()) {
      return 0;
    }
    Map<String, Integer> distance = new java.util.HashMap<>();
    Set<String> all = new HashSet<>();
    int[] sentence = sentenceAround(q.text(), c.start(), c.end());
    for (Span s : q.matched()) {
      String word = q.text().substring(s.start(), s.end()).toLowerCase(Locale.ROOT);
      all.add(word);
      if (s.end() <= sentence[0] || s.start() >= sentence[1]) {
        continue;
      }
      int d;
      if (s.end() <= c.start()) {
        d = wordsBetween(q.text(), s.end(), c.start());
      } else if (s.start() >= c.end()) {
        d = wordsBetween(q.text(), c.end(), s.start());
      } else {
        continue;
      }
      distance.merge(word, d, Math::min);
    }
    double nearWeight = 0;
    double allWeight = 0;
    double maxWeight = 0;
    for (String w : all) {
      double x = weight.applyAsDouble(w);
      allWeight += x;
      nearWeight += distance.getOrDefault(w, Integer.MAX_VALUE) <= WINDOW ? x : 0;
      maxWeight = Math.max(maxWeight, x);
    }
    double first = 0;
    for (Map.Entry<String, Integer> e : distance.entrySet()) {
      double x = maxWeight > 0 ? weight.applyAsDouble(e.getKey()) / maxWeight : 1;
      first = Math.max(first, x / (1 + e.getValue() / 4.0));
    }
    return 0.5 * first + (allWeight > 0 ? 0.5 * nearWeight / allWeight : 0);
  }

  /** Where a sentence ends: a full stop, question or exclamation mark, or semicolon and a space. */
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<!\\b(?:Mr|Ms|Mrs|Dr|St|Jr|No|vs))[.!?;]\\s+");

  /** The {@code [start, end)} of the sentence of {@code text} holding {@code [from, to)}. */
  private static int[] sentenceAround(String text, int from, int to) {
    int start = 0;
    int end = text.length();
    Matcher m = SENTENCE_END.matcher(text);
    while (m.find()) {
      if (m.end() <= from) {
        start = m.end();
      } else if (m.start() >= to) {
        end = m.start();
        break;
      }
    }
    return new int[] {start, end};
  }

  private static int wordsBetween(String text, int from, int to) {
    int n = 0;
    Matcher m = WORD.matcher(text.substring(from, to));
    while (m.find()) {
      n++;
    }
    return n;
  }

  /**
   * The places a "where" question names only as part of the thing it asks about, "the Sochi
   * memorandum", "the Tehran summit" ({@link #PLACE_BEFORE_THING}), in lower case: "Where was the
   * Sochi memorandum signed?" is answered "Sochi" (the quote says "in Sochi"), which the question's
   * own word had ruled out ("Syria" was given instead).
   */
  private static Set<String> placesNamingTheThing(String question) {
    Set<String> out = new HashSet<>();
    Matcher m = PLACE_BEFORE_THING.matcher(question);
    while (m.find()) {
      out.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /**
   * "Where was the Sochi memorandum signed?": the word between the subject's "the" and its noun,
   * right after "where" and its verb, in a question of where something was signed or held, in any
   * case; not "... the memorandum on the Idlib de-escalation zone", whose Idlib is where the zone
   * is, nor "Where were the Aleppo fighters taken?", which asks where to, not where from.
   */
  private static final Pattern PLACE_BEFORE_THING =
      Pattern.compile(
          "\\bwhere (?:was|were|is|are|did|does|do|will|has|have|had) the (\\p{L}+) \\p{L}+"
              + "(?: \\p{L}+)?? (?:be |been )?(?:signed|held|hosted|adopted|agreed|concluded"
              + "|reached|convened|take place|took place|taking place)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * What a candidate names for {@link #overlap}: of an office held for countries the question names
   * ("Defence Ministers of Russia and Turkey" for "Who from Russia and Turkey signed it?") the
   * office alone, which is what the question asks for; otherwise the whole candidate.
   */
  private static String office(Candidate c) {
    if (c.type() != DirectAnswer.Type.PERSON && c.type() != DirectAnswer.Type.ORGANISATION) {
      return c.text();
    }
    int of = c.text().indexOf(" of ");
    if (of <= 0) {
      return c.text();
    }
    String head = c.text().substring(0, of);
    return Arrays.stream(head.split("\\s+")).allMatch(NOT_PERSON::contains) ? head : c.text();
  }

  /** The share of a candidate's words that the question already says. */
  private static double overlap(String candidate, Set<String> questionWords) {
    Set<String> w = words(candidate);
    w.removeAll(Set.of("mr", "ms", "mrs", "dr", "the", "of", "and"));
    if (w.isEmpty()) {
      return 0;
    }
    int in = 0;
    for (String s : w) {
      if (sharesStem(s, questionWords)) {
        in++;
      }
    }
    return (double) in / w.size();
  }

  /**
   * Whether a person candidate ends in a name the question already gives, among {@code askedWords},
   * its words in lower case ("Who commended Nazarbayev's contribution?" and "President Nursultan
   * Nazarbayev"): whom the question names is not whom it asks for. Not a list, nor a name that ends
   * in a country ("Defence Ministers of Russia and Turkey" for "Who signed the deal between Russia
   * and Turkey?").
   */
  private static boolean surnameAsked(Candidate c, Set<String> askedWords) {
    if (c.type() != DirectAnswer.Type.PERSON
        || c.text().contains(",")
        || c.text().contains(" and ")) {
      return false;
    }
    String[] parts = c.text().split("\\s+");
    String last = parts[parts.length - 1];
    // in any case: a Russian question's English, or one typed in lower case, names him too
    return parts.length >= 2
        && last.length() >= 3
        && Character.isUpperCase(last.charAt(0))
        && !Countries.contains(last)
        && askedWords.contains(last.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether {@code word} is one of {@code questionWords} or starts one of them, or one starts it,
   * in four letters or more: "Syrian" and "Syrians" say what "Syria" says.
   */
  private static boolean sharesStem(String word, Set<String> questionWords) {
    for (String q : questionWords) {
      if (word.equals(q)
          || Math.min(word.length(), q.length()) >= 4
              && (word.startsWith(q) || q.startsWith(word))) {
        return true;
      }
    }
    return false;
  }

  /** The lower-case words of a text, with a plural "s" dropped so that "States" meets "state". */
  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      out.add(w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
    }
    return out;
  }

  /** Words that make a capitalized run a title or an office rather than a person's name. */
  private static final Set<String> NOT_PERSON =
      Set.of(
          "Special",
          "Envoy",
          "Envoys",
          "Minister",
          "Ministers",
          "Defence",
          "Defense",
          "Foreign",
          "President",
          "Presidents",
          "Secretary",
          "Secretary-General",
          "General",
          "Deputy",
          "Head",
          "Chief",
          "Ambassador",
          "Representative",
          "High",
          "Commissioner",
          "Prime",
          "Under",
          "Assistant",
          "Vice",
          "Permanent",
          "Mission",
          "Affairs",
          "Process",
          "Summit",
          "Arab",
          "Islamic",
          "State",
          "News",
          "Meeting",
          "Conference",
          "Talks",
          "Round",
          "Declaration");

  /** Nationality adjectives ("Syrian", "Turkish", "Japanese"), which are not names. */
  private static final Pattern DEMONYM = Pattern.compile("\\p{Lu}\\p{L}{2,}(?:ian|ish|ese|ean)");

  /** Verbs of saying that follow a person's surname in news text ("Lavrentyev added"). */
  private static final Pattern SAID_AFTER =
      Pattern.compile("^[,\u201d\"]?\\s+(said|says|added|told|stressed|noted|stated|explained)\\b");

  /** "Who is Lavrentyev?" asks what a named person is, not for a name ("who is the envoy?"). */
  private static final Pattern WHO_IS_NAMED =
      Pattern.compile(
          "\\bwho\\s+(?:is|was)\\s+(?!(?:the|a|an|this|that|his|her|their|its|our|your|in|on|at"
              + "|currently|now|responsible|behind)\\b|\\p{L}+['\u2019]s\\s)\\p{L}",
          Pattern.CASE_INSENSITIVE);

  /** Words after "who is" that make it ask for a person ("who is the envoy", "who is head of"). */
  private static final Set<String> NOT_JUST_A_NAME =
      Set.of(
          "the",
          "a",
          "an",
          "this",
          "that",
          "these",
          "those",
          "of",
          "for",
          "in",
          "at",
          "from",
          "on",
          "to",
          "by",
          "with",
          "behind",
          "responsible",
          "now",
          "currently",
          "there");

  /**
   * Whether "who" at {@code i} opens "who is/was/are/were" and a name alone ("who is alexander
   * lavrentiev?", "Who was de Mistura?"), which asks what the one named is, not for a name.
   */
  static boolean asksWhoSomeoneIs(List<String> words, int i) {
    if (!words.get(i).equals("who")
        || i + 1 >= words.size()
        || !Set.of("is", "was", "are", "were").contains(words.get(i + 1))) {
      return false;
    }
    List<String> rest = words.subList(i + 2, words.size());
    return !rest.isEmpty()
        && rest.size() <= 4
        && rest.stream()
            .noneMatch(w -> NOT_JUST_A_NAME.contains(w) || PERSON_ROLE.matcher(w).matches());
  }

  /** An office held by one person: what "who is the ..." asks a name for. */
  private static final Pattern PERSON_ROLE =
      Pattern.compile(
          "\\b(president|prime minister|minister|leader|head|chief|director|secretary|envoy"
              + "|ambassador|official|diplomat|spokes(?:man|woman|person)|commander|king|queen"
              + "|chair(?:man|woman|person)?|mayor|governor|representative|negotiator)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * "The name of the (Russian defence) minister": a question asking for a person by office. The
   * words before the office are its modifiers, so none is an article, a relative word or a
   * preposition ("the name of the town the president visited", "of the village where a man was
   * killed" ask for a place), and an office followed by 's is no holder asked for ("the name of the
   * prime minister's party").
   */
  private static final Pattern NAME_OF_ROLE =
      Pattern.compile(
          "\\bname\\s+of\\s+(?:the|a|an|this|that)\\s+"
              + "(?:(?!(?:the|a|an|this|that|these|those|where|which|who|whom|whose|when|in|of|at"
              + "|on|to|for|by|with|from)\\b)[\\p{L}'-]+\\s+){0,3}?"
              + "(?:president|prime minister|minister|leader|head|chief|director|secretary|envoy"
              + "|ambassador|official|diplomat|spokes(?:man|woman|person)|commander|king|queen"
              + "|chair(?:man|woman|person)?|mayor|governor|representative|negotiator|person"
              + "|man|woman)\\b(?!['\u2019]s\\b)",
          Pattern.CASE_INSENSITIVE);

  /**
   * A question after "what" or "which" that asks what something is called, not who holds an office
   * ({@link #NAME_OF_ROLE}): "what was the name of the hotel", "what is the format called", "what
   * was the meeting known as".
   */
  private static final Pattern NAME_ASKED =
      Pattern.compile(
          "\\b(?:is|was|are|were)\\s+(?:the|its|their)\\s+(?:\\w+\\s+)?name\\s+(?:of|for)\\b"
              + "|\\b(?:called|named|known\\s+as)\\s*\\??\\s*$",
          Pattern.CASE_INSENSITIVE);

  /**
   * "Mr. X's first name", "the full name of Mr. X", "the last name of the player": a question
   * asking for a person's name, not "the full name of the SDF".
   */
  private static final Pattern PERSONAL_NAME =
      Pattern.compile(
          "['\u2019]s\\s+(?:first|full|last|given|family)\\s+name\\b"
              + "|\\b(?:first|full|last|given|family)\\s+name\\s+of\\s+(?:mr|ms|mrs|dr)\\b"
              + "|\\b(?:first|last|family)\\s+name\\s+of\\s+(?:the|a|an)\\b",
          Pattern.CASE_INSENSITIVE);

  /** A title before a capitalized name: "Mr. Umarov". */
  private static final Pattern TITLED_NAME =
      Pattern.compile("\\b(?:Mr|Ms|Mrs|Dr)\\.\\s+(?:" + Speakers.PARTICLE + "\\s+)?\\p{Lu}");

  /**
   * What may stand between the words of one name: a space, or a particle ("Staffan de Mistura").
   */
  private static final Pattern NAME_JOINER =
      Pattern.compile("\\s+(?:" + Speakers.PARTICLE + "\\s+)?");

  private static final Pattern CAP_WORD = Pattern.compile("\\b\\p{Lu}[\\p{L}'\u2019-]*\\p{L}");

  /**
   * "Who led the delegation", "who chaired the meeting": a verb whose doer is a person who leads or
   * stands for others. Not "brokered", "hosted" or "signed", which countries do.
   */
  private static final Pattern WHO_LEADS =
      Pattern.compile(
          "\\bwho\\s+(?:(?:has|had|will|would|did|does|is|was|are|were)\\s+)?(?:(?:led|leads?|leading|headed"
              + "|heads?|chair(?:ed|s)?|presided|presides|runs?|ran|founded|commanded|commands?)\\b"
              // "Who led the Astana talks?": countries lead talks, a process, an effort. The words
              // before it are its modifiers, not a preposition: "who led the delegation to peace
              // talks" asks for a person, and what one represents is a party, never the talks
              // ("who represented Syria in peace talks").
              + "(?!\\s+(?:the\\s+|this\\s+|that\\s+|these\\s+)?"
              + "(?:(?!(?:in|at|to|of|for|on|by|with|from|over|during|into|between|among|and"
              + "|the|a|an)\\b)[\\p{L}'\u2019-]+\\s+){0,2}?"
              + "(?:talks|negotiations|process|efforts?|initiatives?|coalition|operations?"
              + "|campaigns?|offensives?|mediation|peace|rounds?)\\b)"
              + "|represented\\b|represents?\\b)",
          Pattern.CASE_INSENSITIVE);

  /**
   * Whether a question asks for the name of one office holder ("who is the president of Iran",
   * "which official", "name of the minister", "who led the delegation"), as against a group ("who
   * were the guarantors"), a doer that may be a country ("who signed the memorandum") or a named
   * person's role.
   */
  static boolean asksForOnePerson(String question) {
    return typeOf(question).filter(t -> t == DirectAnswer.Type.PERSON).isPresent()
        && !isPlural(question)
        && !WHO_IS_NAMED.matcher(question).find()
        && (PERSON_ROLE.matcher(question).find()
            || WHO_LEADS.matcher(question).find()
            || PERSONAL_NAME.matcher(question).find());
  }

  /** Offices held by people, in the plural: "the defence ministers", "the heads of delegation". */
  private static final Pattern PEOPLE_ROLE =
      Pattern.compile(
          "\\b(presidents|prime ministers|ministers|leaders|heads|chiefs|directors|secretaries"
              + "|envoys|ambassadors|officials|diplomats|spokes(?:men|women|persons|people)"
              + "|commanders|mayors|governors|representatives|negotiators)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * Whether a question asks for the names of people: one office holder ({@link #asksForOnePerson})
   * or several ("Who were the defence ministers who signed it?", "the names of the heads of
   * delegation"), as against a group of countries ("who were the guarantors"). Read it of the
   * question without whose account it cites ({@link
   * org.astanaqa.retrieval.search.QuestionQuery#asked}): "Who invited them, according to
   * Kazakhstan's envoy?" asks for whoever invited them, not for the envoy.
   */
  static boolean asksForPeople(String question) {
    return asksForOnePerson(question)
        || typeOf(question).filter(t -> t == DirectAnswer.Type.PERSON).isPresent()
            && isPlural(question)
            && PEOPLE_ROLE.matcher(question).find();
  }

  /**
   * Whether a direct answer's text looks like a person's name ("Alexander Lavrentyev", "Mr. John
   * Ging"): capitalised words that are not a title, a known group word or a place. A heuristic:
   * some groups pass ("White Helmets"), and a name with a lower-case particle may not ("Bashar
   * al-Assad").
   */
  public static boolean isPersonName(String text) {
    return namesPerson(text, Set.of());
  }

  /**
   * Whether a text names a person who is not one of the question's words: a title with a name ("Mr.
   * Umarov"), two or more capitalized words that are not a title, a group or a place ("Staffan de
   * Mistura", "Alexander Lavrentyev"), or a surname before a verb of saying ("Lavrentyev added"). A
   * heuristic for a confidence signal, not a named-entity recognizer.
   */
  static boolean namesPerson(String text, Set<String> questionWords) {
    Matcher titled = TITLED_NAME.matcher(text);
    while (titled.find()) {
      // "Mr. Tumysh" names nobody new to "What is Mr. Tumysh's first name?"
      Matcher name = CAP_WORD.matcher(text).region(titled.end() - 1, text.length());
      if (!name.lookingAt() || !questionWords.contains(name.group().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    Matcher m = CAP_WORD.matcher(text);
    int runWords = 0;
    int lastEnd = -1;
    while (m.find()) {
      String word = m.group();
      boolean person =
          !NOT_PERSON.contains(word)
              && !NOT_NAMES.contains(word)
              && !GROUP.matcher(word).find()
              && !DEMONYM.matcher(word).matches()
              && !word.equals(word.toUpperCase(Locale.ROOT))
              && !questionWords.contains(word.toLowerCase(Locale.ROOT));
      if (!person) {
        runWords = 0;
        continue;
      }
      boolean joined =
          runWords > 0 && NAME_JOINER.matcher(text).region(lastEnd, m.start()).matches();
      runWords = joined ? runWords + 1 : 1;
      lastEnd = m.end();
      if (runWords >= 2 || SAID_AFTER.matcher(text).region(m.end(), text.length()).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A question for the rest of a name it gives ("What is Mr. Umarov's first name?", "the full name
   * of Mr. Tumysh"): group 1 or 2 is the name given, its last word the surname.
   */
  private static final Pattern REST_OF_NAME =
      Pattern.compile(
          "([\\p{L}'\u2019\\-]+)['\u2019]s?\\s+(?:first|full|given|christian)\\s+names?\\b"
              + "|\\b(?:first|full|given|christian)\\s+names?\\s+of\\s+(?:the\\s+)?"
              + "(?:(?:mr|ms|mrs|dr)\\.?\\s+)?([\\p{L}'\u2019\\-]+)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * Whether {@code question} asks for the first or full name of someone it names by surname, and
   * {@code quote} does not give one: no capitalised word other than a title stands before that
   * surname. "Mr. Umarov (Kazakhstan): We join others in thanking Special Envoy Staffan de Mistura"
   * names people, but not Umarov's first name.
   */
  static boolean lacksRestOfName(String question, String quote) {
    String surname = nameAskedAbout(REST_OF_NAME, question);
    if (surname == null) {
      return false; // none asked for, or "his first name", "the full name of the memorandum"
    }
    Matcher at =
        Pattern.compile(
                "(\\p{Lu}[\\p{L}'\u2019\\-]*)\\s+(?:(?i:"
                    + Speakers.PARTICLE
                    + ")[\\s\\-]+)?(?i:"
                    + Pattern.quote(surname)
                    + ")\\b",
                Pattern.UNICODE_CASE)
            .matcher(quote);
    while (at.find()) {
      String before = at.group(1);
      if (!NOT_PERSON.contains(before)
          && !NOT_NAMES.contains(before)
          && !before.matches("(?:Mr|Ms|Mrs|Dr|President|Ambassador)")) {
        return false;
      }
    }
    return true;
  }

  /**
   * The surname {@code pattern} finds in {@code question} (its first group that matched), or null
   * when it finds none or one that cannot be a surname ({@link #surnameAskedAbout}).
   */
  private static String nameAskedAbout(Pattern pattern, String question) {
    Matcher q = pattern.matcher(question);
    if (!q.find()) {
      return null;
    }
    String surname = null;
    for (int g = 1; g <= q.groupCount() && surname == null; g++) {
      surname = q.group(g);
    }
    return surname != null && surnameAskedAbout(surname) ? surname : null;
  }

  /**
   * Whether a word a question asks about as someone's surname can be one: not a function word ("his
   * first name") nor a common English word ("the full name of the memorandum").
   */
  private static boolean surnameAskedAbout(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return !Analyzers.FUNCTION_WORDS.contains(lower) && !EnglishWords.contains(lower);
  }

  /**
   * A question for the country a person it names comes from: "What is John Ging's nationality?",
   * "what nationality is john ging", "Which country is John Ging from?". Group 1, 2 or 3 is the
   * name, its last word the surname.
   */
  private static final Pattern NATIONALITY_OF =
      Pattern.compile(
          "([\\p{L}'\u2019\\-]+)['\u2019]s?\\s+(?:nationality|citizenship|home\\s+country)\\b"
              + "|\\b(?:nationality|citizenship)\\s+(?:is|was|of)\\s+(?:(?:mr|ms|mrs|dr)\\.?\\s+)?"
              + "(?:[\\p{L}\\-]+\\s+){0,3}?([\\p{L}'\u2019\\-]+)\\s*[?!.]*$"
              + "|\\b(?:which|what)\\s+country\\s+(?:(?:is|was)\\s+(?:(?:mr|ms|mrs|dr)\\.?\\s+)?"
              + "(?:[\\p{L}\\-]+\\s+){0,3}?([\\p{L}'\u2019\\-]+)\\s+from"
              + "|(?:does|did)\\s+(?:(?:mr|ms|mrs|dr)\\.?\\s+)?(?:[\\p{L}\\-]+\\s+){0,3}?"
              + "([\\p{L}'\u2019\\-]+)\\s+come\\s+from)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * Whether {@code question} asks which country someone it names comes from and {@code quote}
   * places no country next to that name: "Mr. Umarov (Kazakhstan)" says where Umarov is from, but a
   * quote that names John Ging among others says nothing of his.
   */
  static boolean lacksNationality(String question, String quote) {
    String surname = nameAskedAbout(NATIONALITY_OF, question);
    if (surname == null) {
      return false; // none asked for, or "his nationality", "which country is the delegation from"
    }
    Matcher at =
        Pattern.compile("\\b" + Pattern.quote(surname) + "\\b", Pattern.CASE_INSENSITIVE)
            .matcher(quote);
    while (at.find()) {
      String[] before =
          quote.substring(Math.max(0, at.start() - 40), at.start()).split("[^\\p{L}]+");
      String[] after =
          quote.substring(at.end(), Math.min(quote.length(), at.end() + 30)).split("[^\\p{L}]+");
      for (int i = Math.max(0, before.length - 4); i < before.length; i++) {
        if (namesCountry(before[i])) {
          return false;
        }
      }
      for (int i = 0; i < Math.min(after.length, 4); i++) {
        if (namesCountry(after[i])) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The office or deed by which a question asks for one person ("the leader of", "who chaired"), as
   * analyzed terms; empty when it asks for no one so ({@link #asksForOnePerson}).
   */
  static Set<String> rolesAskedFor(String question) {
    if (!asksForOnePerson(question)) {
      return Set.of();
    }
    Set<String> roles = new java.util.HashSet<>();
    for (Pattern p : new Pattern[] {PERSON_ROLE, WHO_LEADS}) {
      Matcher m = p.matcher(question);
      while (m.find()) {
        String[] words = m.group().split("\\s+");
        Analyzers.tokens(words[words.length - 1]).forEach(t -> roles.add(t.term()));
      }
    }
    return roles;
  }

  /**
   * A capitalised word that names a country or its people ("Kazakhstan", "Irish"); not the "us" of
   * "briefed us", which Countries reads as the United States.
   */
  private static boolean namesCountry(String word) {
    return !word.isEmpty()
        && Character.isUpperCase(word.codePointAt(0))
        && Countries.countryOf(word) != null;
  }

  /** Whether a question asks for several ("who were", "which countries"). */
  private static boolean isPlural(String question) {
    String q = question.toLowerCase(Locale.ROOT);
    return q.matches(".*\\b(who|which|what|where) (were|are)\\b.*")
        || q.matches(
            ".*\\b(which|what) (\\w+ )?(countries|states|parties|members|cities|nations"
                + "|organi[sz]ations|guarantors|names|provinces|regions|places|areas|towns|groups"
                + "|factions|bodies|agencies|companies|institutions)\\b.*");
  }

  private static boolean hasYear(String date) {
    return date.matches(".*\\b" + YEAR + "s?\\b.*") || date.contains("century");
  }

  /**
   * The year of {@code dayAndMonth} ("28 December", "January 23-24") that puts it nearest the
   * document's date {@code documentDate} (YYYY, YYYY-MM or YYYY-MM-DD): a report of 5 January 2019
   * that says a round "was held on 28 December" speaks of 2018, where the document's year made it
   * "28 December 2019", after the report; one of 28 December 2018 on a meeting "on 10 January"
   * speaks of 2019. With the year alone (or a day that cannot be read), the document's year.
   */
  static int nearestYear(String dayAndMonth, String documentDate) {
    int year = Integer.parseInt(documentDate.substring(0, 4));
    Matcher md = MONTH_NAME.matcher(dayAndMonth);
    Matcher dd = DAY_NUMBER.matcher(dayAndMonth);
    if (documentDate.length() < 7 || !md.find() || !dd.find()) {
      return year;
    }
    int month = MONTH_NAMES.indexOf(md.group().substring(0, 3).toLowerCase(Locale.ROOT)) / 3 + 1;
    int day = Integer.parseInt(dd.group());
    java.time.LocalDate at;
    try {
      at =
          java.time.LocalDate.of(
              year,
              Integer.parseInt(documentDate.substring(5, 7)),
              documentDate.length() >= 10 ? Integer.parseInt(documentDate.substring(8, 10)) : 15);
    } catch (RuntimeException e) {
      return year;
    }
    int best = year;
    long bestDays = Long.MAX_VALUE;
    for (int y : new int[] {year, year - 1, year + 1}) {
      try {
        long days =
            Math.abs(
                java.time.temporal.ChronoUnit.DAYS.between(
                    at, java.time.LocalDate.of(y, month, day)));
        if (days < bestDays) {
          bestDays = days;
          best = y;
        }
      } catch (java.time.DateTimeException e) {
        // 29 February of a year that has none
      }
    }
    return best;
  }

  private static final Pattern MONTH_NAME =
      Pattern.compile(
          "\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DAY_NUMBER = Pattern.compile("\\b(?:[1-9]|[12]\\d|3[01])(?!\\d)");
  private static final String MONTH_NAMES = "janfebmaraprmayjunjulaugsepoctnovdec";

  private static boolean isDayAndMonth(String date) {
    return date.matches(".*\\d.*") && date.matches(".*" + MONTH + ".*");
  }

  /** SQuAD's answer normalization: lower case, no punctuation, no articles, single spaces. */
  public static String normalize(String s) {
    String t = s.toLowerCase(Locale.ROOT).replaceAll("\\p{Punct}", "");
    t = t.replaceAll("\\b(a|an|the)\\b", " ");
    return t.replaceAll("\\s+", " ").strip();
  }
}
