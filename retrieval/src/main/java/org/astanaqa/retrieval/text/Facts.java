package org.astanaqa.retrieval.text;

import java.util.regex.Pattern;

/**
 * Whether a sentence holds a date, a count or a measure: what a "when", "how many" or "how wide"
 * question needs from its quote. Cheap pattern tests, cached per sentence by the passage cache.
 */
public final class Facts {
  private static final Pattern DATE =
      Pattern.compile(
          "\\b((19|20)\\d{2}|January|February|March|April|May|June|July|August|September|October"
              + "|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.|Monday|Tuesday"
              + "|Wednesday|Thursday|Friday|Saturday|Sunday)\\b");
  private static final Pattern NUMBER =
      Pattern.compile(
          "\\b(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred"
              + "|hundreds|thousand|thousands|million|millions|dozens?)\\b",
          Pattern.CASE_INSENSITIVE);

  /** The month names, as {@link #DATE} has them: a number beside one is a day of the month. */
  private static final String MONTH =
      "(?:January|February|March|April|May|June|July|August|September|October|November|December"
          + "|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)";

  /**
   * A number that names a text, not a count: "resolution 2254", "resolutions 2254 and 2401",
   * "Article 5", "S/RES/2254".
   */
  private static final String NUMBERED_TEXT =
      "\\b(?:resolutions?|articles?|paragraphs?|sections?|chapters?)\\s+\\d[\\d,./-]*"
          + "(?:\\s*(?:,|and)\\s*\\d[\\d,./-]*)*\\b|\\bS/RES/\\d+";

  private static final Pattern NUMBERED_TEXT_PATTERN =
      Pattern.compile(NUMBERED_TEXT, Pattern.CASE_INSENSITIVE);

  /**
   * A question for a text's number: "which resolution", "resolution number", "the number of the
   * resolution" (and a Russian question's English words, "resolution ... number").
   */
  private static final Pattern ASKS_TEXT_NUMBER =
      Pattern.compile(
          "\\b(?:which|what)\\s+(?:\\p{L}+\\s+){0,3}?(?:resolution|article|paragraph|section|chapter)"
              + "\\b|\\b(?:resolution|article|paragraph|section|chapter)\\b.*\\bnumber\\b"
              + "|\\bnumber\\s+of\\s+(?:the\\s+|that\\s+|this\\s+)?(?:\\p{L}+\\s+){0,3}?"
              + "(?:resolution|article|paragraph|section|chapter)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Whether {@code question} asks for the number of a text ({@link #NUMBERED_TEXT}). */
  public static boolean asksForATextsNumber(String question) {
    return ASKS_TEXT_NUMBER.matcher(question).find();
  }

  /** Whether {@code sentence} numbers a text: "resolution 2254", "Article 5". */
  public static boolean hasNumberedText(String sentence) {
    return NUMBERED_TEXT_PATTERN.matcher(sentence).find();
  }

  /**
   * The numbers that count nothing: a year (not one after "around", "some", "more than"), a day
   * beside its month ("17 September", "February 15-16"), "one" as in "one side or the other", "one
   * of them", "one another", and the number of a text ("resolution 2254", "Article 5"). A month is
   * capitalised and a word of its own: "up to 30 may have died" and "12 Mayors met" count people.
   */
  private static final Pattern NOT_A_COUNT =
      Pattern.compile(
          // "around 2000 fighters" counts them
          "\\b(?:(?<!(?:around|about|some|nearly|almost|than|approximately|roughly)\\s)(?:19|20)\\d{2}\\b"
              + "|\\d{1,2}(?:\\s*[-\u2013]\\s*\\d{1,2})?(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?-i:"
              + MONTH
              + ")(?!\\p{L})"
              + "|(?-i:"
              + MONTH
              + ")\\s+\\d{1,2}(?:\\s*[-\u2013]\\s*\\d{1,2})?(?:st|nd|rd|th)?\\b"
              + "|one\\s+(?:of|side|another|other|way)\\b"
              + "|"
              + NUMBERED_TEXT
              + ")",
          Pattern.CASE_INSENSITIVE);

  /**
   * A measure: a number and its unit ("20 km", "two days", "1.5 million", "40 per cent"), what "how
   * wide", "how long" or "how far" asks for. Figures may touch their unit ("20km"), a number word
   * may not: "am" and "aft" are no "a m" or "a ft". A number is read from its first figure on
   * ("1,000", not "000"), so that a long run of figures costs no more than its length; "a second"
   * is an ordinal ("a second round").
   */
  private static final Pattern MEASURE =
      Pattern.compile(
          "(?:(?:\\b(?<!\\d[,.])\\d[\\d,.]*+(?:\\s*[-\u2013]\\s*\\d[\\d,.]*+)?[\\s-]*+"
              + "|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
              + "|fifteen|twenty|thirty|forty|fifty|hundred|several|few|a(?![\\s-]+second\\b))"
              + "(?:\\s*[-\u2013]\\s*\\d[\\d,.]*+[\\s-]*+|[\\s-]+))"
              + "(?:km|kilomet(?:re|er)s?|miles?|mi|met(?:re|er)s?|m|cm|mm|ft|feet|foot|inch(?:es)?"
              + "|square|sq|hectares?|acres?|per\\s?cent|percent|days?|weeks?|months?|years?|hours?"
              + "|minutes?|seconds?|decades?|centur(?:y|ies)|tons?|tonnes?|kg|kilograms?|pounds?"
              + "|lbs?|degrees?|storeys?|stories|floors?|million|billion|thousand|hundred)\\b"
              + "|\\d\\s*%)",
          Pattern.CASE_INSENSITIVE);

  private Facts() {}

  /** Whether {@code sentence} names a year, a month or a weekday. */
  public static boolean hasDate(String sentence) {
    return DATE.matcher(sentence).find();
  }

  /** A resolution's number and its year in brackets: "2254 (2015)". */
  private static final String CITED_NUMBER = "\\d{1,5}\\s*\\(\\s*(?:19|20)\\d{2}\\s*\\)";

  /**
   * Resolutions cited with their years, "resolution 2254 (2015)", "resolutions 2254 (2015) and 2401
   * (2018)", "S/RES/2254 (2015)": each year dates its resolution, not what the sentence tells.
   */
  private static final Pattern CITED_RESOLUTION =
      Pattern.compile(
          "(?:\\bresolutions?\\s+|\\bS/RES/)"
              + CITED_NUMBER
              + "(?:\\s*(?:,\\s*and|,|and)\\s*"
              + CITED_NUMBER
              + ")*",
          Pattern.CASE_INSENSITIVE);

  /**
   * {@code sentence} without the resolutions it cites with their years ({@link #CITED_RESOLUTION}).
   */
  public static String withoutCitedResolutions(String sentence) {
    return CITED_RESOLUTION.matcher(sentence).replaceAll(" ");
  }

  /**
   * Whether {@code sentence} names a year, a month or a weekday besides the years of the
   * resolutions it cites: "... invited by the Government ... in accordance with resolution 2254
   * (2015)" dates no invitation.
   */
  public static boolean hasDateBesidesCitedResolutions(String sentence) {
    return hasDate(withoutCitedResolutions(sentence));
  }

  /** A day named by its distance from the day of writing: "kicked off today", "said yesterday". */
  private static final Pattern RELATIVE_DAY =
      Pattern.compile("\\b(?:today|yesterday|tonight|tomorrow)\\b", Pattern.CASE_INSENSITIVE);

  /** A capitalised word and a space right before "Today": a name ("Russia Today", "USA Today"). */
  private static final Pattern NAME_BEFORE = Pattern.compile("\\p{Lu}\\p{L}*\\s$");

  /**
   * Whether {@code sentence} dates what it tells by the day its document was written, which the
   * document's date ({@code documentDate}) gives ({@link #dayOfWriting}): "the current round ...
   * kicked off today" in a report of 3 May 2017 holds a date for "when did the round start?",
   * though a weaker one than a sentence that names the day (the day of writing may be the day of
   * publication, not of the event).
   */
  public static boolean datedByItsDocument(String sentence, String documentDate) {
    return relativeDays(sentence).stream()
        .anyMatch(m -> dayOfWriting(m.group(), documentDate).isPresent());
  }

  /** Whether {@code text} opens with a day named by its distance from the day of writing. */
  public static boolean opensWithDayOfWriting(String text) {
    return RELATIVE_DAY.matcher(text).lookingAt();
  }

  /**
   * Where {@code text} names a day by its distance from the day of writing ("today"), except in a
   * name ("Russia Today reported").
   */
  public static java.util.List<java.util.regex.MatchResult> relativeDays(String text) {
    return RELATIVE_DAY
        .matcher(text)
        .results()
        .filter(
            m ->
                !m.group().equals("Today")
                    || !NAME_BEFORE
                        .matcher(text.substring(Math.max(0, m.start() - 40), m.start()))
                        .find())
        .toList();
  }

  /**
   * The day {@code word} ("today", "yesterday", "tonight", "tomorrow") means in a document dated
   * {@code documentDate}, as the corpus writes dates: "3 May 2017" for "today" in a report of
   * 2017-05-03, "2 May 2017" for "yesterday"; "September 2018" for "today" or "tonight" in a
   * statement dated only 2018-09 (a day before or after such a date cannot be told). Empty when the
   * date does not say (none, a year alone, not a date).
   */
  public static java.util.Optional<String> dayOfWriting(String word, String documentDate) {
    if (documentDate == null || !documentDate.matches("\\d{4}-\\d{2}(-\\d{2})?")) {
      return java.util.Optional.empty();
    }
    String w = word.toLowerCase(java.util.Locale.ROOT);
    int shift = w.equals("yesterday") ? -1 : w.equals("tomorrow") ? 1 : 0;
    try {
      if (documentDate.length() == 7) {
        return shift != 0
            ? java.util.Optional.empty()
            : java.util.Optional.of(
                java.time.YearMonth.parse(documentDate)
                    .format(
                        java.time.format.DateTimeFormatter.ofPattern(
                            "MMMM yyyy", java.util.Locale.ENGLISH)));
      }
      return java.util.Optional.of(
          java.time.LocalDate.parse(documentDate)
              .plusDays(shift)
              .format(
                  java.time.format.DateTimeFormatter.ofPattern(
                      "d MMMM yyyy", java.util.Locale.ENGLISH)));
    } catch (java.time.DateTimeException e) {
      return java.util.Optional.empty(); // "2018-13": no date
    }
  }

  /**
   * Whether {@code sentence} holds a number that counts something: not only a year, a day of the
   * month or the "one" of "one side or the other". "How many civilians were killed?" is not
   * answered by "signed on 17 September 2018".
   */
  public static boolean hasCount(String sentence) {
    return NUMBER.matcher(NOT_A_COUNT.matcher(sentence).replaceAll(" ")).find();
  }

  /** Whether {@code sentence} holds a measure: a number and its unit ("15-20 km", "two days"). */
  public static boolean hasMeasure(String sentence) {
    return MEASURE.matcher(sentence).find();
  }
}
