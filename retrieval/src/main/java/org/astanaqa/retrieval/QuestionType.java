package org.astanaqa.retrieval;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What kind of answer a question expects, read from its question word, and whether a sentence
 * contains something of that kind (a name for "who", a date for "when", a number for "how many",
 * a title such as "Special Envoy" for "what is X's role").
 * This lets "Who were the guarantors?" prefer the sentence that names them over one that only
 * repeats the question's words.
 */
enum QuestionType {
  WHO,
  WHEN,
  WHERE,
  COUNT,
  ROLE,
  OTHER;

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
  private static final Set<String> WHEN_WORDS = Set.of("when", "date", "year", "month", "day");
  private static final Set<String> ROLE_WORDS = Set.of("role", "job", "position", "title", "post", "function");

  /** Nouns that name a person's office or function: what a "what is X's role" question wants. */
  private static final Pattern ROLE_NOUN =
      Pattern.compile(
          "\\b(envoys?|ministers?|president|director|secretary|ambassador|representatives?|chair(man"
              + "|woman|person)?|head|spokes(man|woman|person)|mediator|commander|governor|leader|delegate"
              + "|advis[eo]r|coordinator|rapporteur|negotiator|deputy|chief|diplomat|officer|king|queen"
              + "|emir|prince|chancellor|premier|mayor|general|observer)\\b",
          Pattern.CASE_INSENSITIVE);

  static QuestionType of(String question) {
    List<String> words =
        List.of(question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").trim().split("\\s+"));
    boolean startsWhat = !words.isEmpty() && (words.get(0).equals("what") || words.get(0).equals("which"));
    if (startsWhat && words.stream().anyMatch(ROLE_WORDS::contains)) {
      return ROLE;
    }
    int limit = Math.min(words.size(), 4);
    for (int i = 0; i < limit; i++) {
      String w = words.get(i);
      if (w.equals("who") || w.equals("whom") || w.equals("whose")) {
        return WHO;
      }
      if (WHEN_WORDS.contains(w) || (w.equals("what") || w.equals("which")) && i + 1 < words.size()
          && WHEN_WORDS.contains(words.get(i + 1))) {
        return WHEN;
      }
      if (w.equals("where")) {
        return WHERE;
      }
      if (w.equals("how") && i + 1 < words.size()
          && (words.get(i + 1).equals("many") || words.get(i + 1).equals("much"))) {
        return COUNT;
      }
    }
    return OTHER;
  }

  /**
   * Whether {@code sentence} holds an answer of this type that is not just a word of the question.
   *
   * @param tokens the sentence's analyzed tokens, offsets relative to {@code sentence}
   * @param questionTerms the analyzed terms of the question
   */
  boolean isAnsweredBy(String sentence, List<Analyzers.Token> tokens, Set<String> questionTerms) {
    switch (this) {
      case WHEN:
        return DATE.matcher(sentence).find();
      case COUNT:
        return NUMBER.matcher(sentence).find();
      case ROLE:
        java.util.regex.Matcher m = ROLE_NOUN.matcher(sentence);
        while (m.find()) {
          String noun = m.group(1).toLowerCase(Locale.ROOT);
          if (Analyzers.tokens(noun).stream().noneMatch(t -> questionTerms.contains(t.term()))) {
            return true;
          }
        }
        return false;
      case WHO:
      case WHERE:
        for (int i = 1; i < tokens.size(); i++) { // the first word is capitalized anyway
          Analyzers.Token t = tokens.get(i);
          if (Character.isUpperCase(sentence.charAt(t.start()))
              && !questionTerms.contains(t.term())
              && !Analyzers.isQuestionWord(t.term())) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }
}
