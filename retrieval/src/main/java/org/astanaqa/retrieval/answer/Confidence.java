package org.astanaqa.retrieval.answer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.astanaqa.retrieval.search.QuestionQuery;
import org.astanaqa.retrieval.search.QuestionType;
import org.astanaqa.retrieval.search.Ranker;
import org.astanaqa.retrieval.text.Analyzers;
import org.astanaqa.retrieval.text.Speakers;

/**
 * How likely a quote is to answer its question: a logistic model over signals the ranking already
 * has. The weights are fitted on the tune parts of the question sets by {@code eval
 * --fit-confidence} and shipped as {@code confidence-<mode>.json}; the not-found decision is a
 * threshold on this probability.
 */
public final class Confidence {
  /** The signals, in the order of {@link #signals}; the fitted files name them in this order. */
  public static final List<String> SIGNALS =
      List.of(
          "coverage", // IDF-weighted share of the question the passage holds, title as context
          "ownCoverage", // the same, the passage's own words only
          "quote", // how well the best 1-2 sentences answer (coverage, proximity, answer type)
          "unknown", // IDF-weighted share of the question the whole corpus never says
          "corrected", // share of the question that was a typo correction
          "bm25PerTerm", // BM25 score over the IDF the question's known words could earn
          "bm25Best", // BM25 score over the pool's best: 1 when BM25 ranks it first too
          "cosine", // cosine similarity to the question (0 in the BM25 mode)
          "cosineGap", // cosine less the pool's best cosine (0 when the vector search agrees)
          "margin", // re-ranking score less the next passage's
          "typeMissing", // a when/who/how-many/which-countries/which-round question, a quote
          // with no such answer
          "typeFound", // such a question and a quote that has one
          "terms", // log(1 + distinct words searched): short questions cover easily
          "missingMaxIdf", // the rarest question word the passage lacks, over the rarest possible
          "missing", // question words the passage lacks, in its own text
          "negation", // the question negates ("not", "never") and the quote does not
          "quoteCoverage", // IDF-weighted share of the question the quoted sentences hold
          "quoteMissingMaxIdf", // the rarest question word the quote lacks, over the rarest
          "personMissing", // the question asks for people by office and the quote names nobody new
          "unknownName"); // the question names something the corpus never mentions ("Lavrov")

  /** Negation, which the analyzer drops as stop words. */
  private static final java.util.regex.Pattern NEGATION =
      java.util.regex.Pattern.compile(
          "\\b(not|never|no|none|nobody|nothing|neither|nor|without)\\b|n't\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  private Confidence() {}

  /**
   * How much of a word the corpus never says, but a synonym of which it does ({@link
   * org.astanaqa.retrieval.search.Synonyms}), counts as unknown: a paraphrase may mean the same, or
   * ask about something else. Chosen on the tune halves (0, 0.5 and 1 tried).
   */
  static final double SYNONYM_UNKNOWN = 0.5;

  /**
   * The score of the first candidate after {@code i} that is not a near-duplicate of it ({@link
   * Ranker#nearDuplicates}), 0 when there is none: a lede and its repetition in the body tie, and
   * the margin between them says nothing of how surely either answers.
   */
  static double nextDistinct(List<Ranker.Candidate> ranked, int i) {
    Set<String> own = ranked.get(i).termSet();
    for (int j = i + 1; j < ranked.size(); j++) {
      if (!Ranker.nearDuplicates(own, ranked.get(j).termSet())) {
        return ranked.get(j).score();
      }
    }
    return 0;
  }

  /**
   * The signals of candidate {@code i} of {@code ranked} (best first) for question {@code q}.
   *
   * @param maxCosine the best cosine in the pool (0 in the BM25 mode)
   */
  public static double[] signals(
      QuestionQuery q, List<Ranker.Candidate> ranked, int i, double maxCosine) {
    Ranker.Candidate c = ranked.get(i);
    double total = q.totalWeight;
    double unknown = 0;
    double corrected = 0;
    double knownIdf = 0;
    Set<String> seen = new HashSet<>();
    for (QuestionQuery.QTerm t : q.terms) {
      if (!seen.add(t.term())) {
        continue;
      }
      double w = q.weight[q.indexOf(t.term())];
      if (!t.known()) {
        unknown += w;
      } else if (t.synonym()) {
        unknown += SYNONYM_UNKNOWN * w;
        knownIdf += t.idf();
      } else {
        knownIdf += t.idf();
        if (t.corrected()) {
          corrected += w;
        }
      }
    }
    // "Which three countries are the guarantors?" asks for countries as "who" asks for a person,
    // and "Which round was held in October?" for an ordinal, "the seventh round"
    java.util.function.Predicate<String> kind =
        q.type == QuestionType.OTHER ? q.kindAnswered() : null;
    boolean typed = q.type != QuestionType.OTHER || kind != null;
    double next = nextDistinct(ranked, i);
    boolean[] present = q.present(c.tokens(), 0, c.tokens().size());
    String quote = c.quoteText();
    // "He expressed confidence" for "Is Lavrentyev ...?"
    q.markSpeaker(present, c.passage());
    q.markDateline(present, c.passage().source()); // "in October" and a report dated so
    // "the head of the Russian delegation" answers no question about the Syrian one: its "Syrian"
    // ("the Syrian government and Turkey") is not the question's. A Russian question's word-by-word
    // English ("delegation syrian government") keeps the Russian order, and is read as such.
    Set<String> rivalled =
        new HashSet<>(
            q.translated
                ? RivalModifiers.rivalledTranslated(q.question, quote)
                : RivalModifiers.rivalled(q.question, quote));
    // "What was decided at the Tehran summit?" and "We hope that the Tehran summit will promote a
    // decision": a hope is no answer to what happened, and its "decision" is not the question's
    rivalled.addAll(HopedOutcomes.hopedOnly(q.question, quote));
    // "in December 2015" and a quote on what happened "in late December 2016"
    rivalled.addAll(RivalYears.rivalled(q.question, quote, c.passage().source().date()));
    // "in October 2017" and a quote on the meeting "On February 15-16, 2017"
    rivalled.addAll(RivalMonths.rivalled(q.question, quote, c.passage().source().date()));
    // "What did John Ging tell the Council?" and a passage in which Kazakhstan's envoy thanks him;
    // "Что Джон Гинг сказал ...?" the same, by its English
    rivalled.addAll(OtherSpeakers.notSpeaking(q.question, q.translated, c.passage()));
    // "What did Iran's foreign minister say about the memorandum?" and Kazakhstan's statement
    rivalled.addAll(OtherSpeakers.countryNotSpeaking(q.question, q.translated, c.passage()));
    if (!q.translated) {
      // "When did Mongolia sign the treaty?" and "Kazakhstan signed the Treaty ... on 2 March"
      rivalled.addAll(RivalCountries.rivalled(q.question, c.passage(), quote));
    }
    absent(q, present, rivalled);
    double maxIdf = 0;
    double missingMaxIdf = 0;
    int missing = 0;
    for (QuestionQuery.QTerm t : q.terms) {
      maxIdf = Math.max(maxIdf, t.idf());
      if (!present[q.indexOf(t.term())]) {
        missingMaxIdf = Math.max(missingMaxIdf, t.idf());
      }
    }
    for (boolean p : present) {
      missing += p ? 0 : 1;
    }
    int from = 0;
    while (from < c.tokens().size() && c.tokens().get(from).start() < c.quote().start()) {
      from++;
    }
    int to = from;
    while (to < c.tokens().size() && c.tokens().get(to).end() <= c.quote().end()) {
      to++;
    }
    boolean[] inQuote = q.present(c.tokens(), from, to);
    q.markSpeaker(inQuote, c.passage());
    q.markDateline(inQuote, c.passage().source());
    absent(q, inQuote, rivalled);
    if (q.holdsAddedTerm(present)) {
      for (int k = 0; k < inQuote.length; k++) {
        inQuote[k] |= present[k] && q.isContext(k); // a follow-up's earlier words, as quoted
      }
    }
    double quoteCovered = 0;
    double quoteMissingMaxIdf = 0;
    for (int k = 0; k < inQuote.length; k++) {
      if (inQuote[k]) {
        quoteCovered += q.weight[k];
      }
    }
    for (QuestionQuery.QTerm t : q.terms) {
      if (!inQuote[q.indexOf(t.term())]) {
        quoteMissingMaxIdf = Math.max(quoteMissingMaxIdf, t.idf());
      }
    }
    // A follow-up's quote says what it adds; the earlier question's "not" may be in the passage.
    String negatable = q.holdsAddedTerm(present) ? c.passage().text() : quote;
    boolean negation = NEGATION.matcher(q.question).find() && !NEGATION.matcher(negatable).find();
    boolean rival = !rivalled.isEmpty();
    // "... said the diplomat, who is also Russian president's special envoy for Syria": the quote
    // means the man its passage leans on, named a paragraph before (Passage.speaker), when it says
    // who he is and all the question says of him ("he went on" says nothing of Iran's delegation,
    // "he said the leader of al-Nusra had been killed" names no leader)
    boolean leansOnNamed =
        !c.passage().speaker().isEmpty() && Speakers.identifies(quote) && allTrue(inQuote);
    // a person the quote names holds another country's office than the one asked about
    boolean personMissing =
        AnswerExtractor.asksForPeople(q.asked)
                && (rival
                    || !AnswerExtractor.namesPerson(quote, q.questionWords()) && !leansOnNamed)
            || AnswerExtractor.lacksRestOfName(q.asked, quote)
            || AnswerExtractor.lacksNationality(q.asked, quote)
            || lacksRole(q, quote)
            // "Who was the president of Syria?" and a quote on "President Nursultan Nazarbayev"
            || AnswerExtractor.asksForPeople(q.asked)
                && RivalModifiers.officeOfAnotherOrNone(q.asked, quote, q.translated);
    boolean answersType =
        kind != null
            ? kind.test(quote)
            : c.quote().answersType() || leansOnNamed && q.type == QuestionType.WHO;
    // "When did Russian forces arrive in Syria?" and a quote whose one year is that of the
    // resolution it cites, "resolution 2254 (2015)", unless the question asks about a resolution
    answersType &=
        q.type != QuestionType.WHEN
            || RivalYears.citesResolution(q.question)
            || org.astanaqa.retrieval.text.Facts.hasDateBesidesCitedResolutions(quote);
    // "kicked off today" in a report of 3 May 2017 names no date, yet its document's date gives
    // one: the answer type is neither missing nor found, so that the quote is not "not found" for
    // lack of a date, but weaker evidence than a date the sentence names itself
    boolean dayOfWriting =
        !answersType
            && q.type == QuestionType.WHEN
            && org.astanaqa.retrieval.text.Facts.datedByItsDocument(
                quote, c.passage().source().date());
    return new double[] {
      c.coverage(),
      c.ownCoverage(),
      c.quote().score(),
      total > 0 ? unknown / total : 1,
      total > 0 ? corrected / total : 0,
      knownIdf > 0 ? c.rawBm25() / knownIdf : 0,
      c.bm25(),
      c.similarity(),
      c.similarity() - maxCosine,
      c.score() - next,
      rival || typed && (!answersType && !dayOfWriting || personMissing) ? 1 : 0,
      !rival && typed && answersType && !personMissing ? 1 : 0,
      Math.log1p(seen.size()),
      maxIdf > 0 ? missingMaxIdf / maxIdf : 0,
      missing,
      negation ? 1 : 0,
      total > 0 ? quoteCovered / total : 0,
      maxIdf > 0 ? quoteMissingMaxIdf / maxIdf : 0,
      personMissing ? 1 : 0,
      q.unknownName ? 1 : 0
    };
  }

  /**
   * Offices and deeds that say the same of a person, as analyzed: who leads a delegation is its
   * head ("Who leads the Russian delegation?": "the head of the Russian delegation"), who leads a
   * country its president, who chairs a meeting presides over it, who founded a group established
   * it.
   */
  private static final List<Set<String>> ROLE_KINS =
      List.of(
          Set.of("lead", "led", "leader", "head", "chief", "presid"),
          Set.of("chair", "chairman", "chairwoman", "chairperson", "presid"),
          Set.of("found", "founder", "cofound", "establish"));

  /**
   * Whether {@code q} asks for a person as the one who leads, chairs or founded something ("Who is
   * the leader of Jabhat al-Nusra?", "Who chaired the meeting?") and {@code quote} never says so,
   * nor in other words of {@link #ROLE_KINS} or an alias ("head" for "leader"): a quote that names
   * Lavrentyev as speaking of al-Nusra names no leader of it.
   */
  private static boolean lacksRole(QuestionQuery q, String quote) {
    Set<String> roles = new HashSet<>(AnswerExtractor.rolesAskedFor(q.asked));
    // Only who leads, chairs or founded: an envoy, an official or a diplomat is described by other
    // titles ("Director of Operations and Advocacy, John Ging"), and so was found unanswered.
    roles.removeIf(r -> ROLE_KINS.stream().noneMatch(k -> k.contains(r)));
    if (roles.isEmpty()) {
      return false;
    }
    Set<String> said = new HashSet<>();
    Analyzers.tokens(quote).forEach(t -> said.add(t.term()));
    for (String role : roles) {
      if (said.contains(role)
          || ROLE_KINS.stream()
              .anyMatch(k -> k.contains(role) && k.stream().anyMatch(said::contains))) {
        return false;
      }
      for (QuestionQuery.QTerm t : q.terms) {
        if (t.term().equals(role) && t.aliases().stream().anyMatch(said::contains)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean allTrue(boolean[] values) {
    for (boolean v : values) {
      if (!v) {
        return false;
      }
    }
    return values.length > 0;
  }

  /** Marks the question's terms that {@code words} are, as analyzed, as not present. */
  private static void absent(QuestionQuery q, boolean[] present, Set<String> words) {
    if (words.isEmpty()) {
      return;
    }
    Set<String> terms = new HashSet<>();
    for (String w : words) {
      Analyzers.tokens(w).forEach(t -> terms.add(t.term()));
    }
    for (QuestionQuery.QTerm t : q.terms) {
      if (terms.contains(t.typed()) || terms.contains(t.term())) {
        present[q.indexOf(t.term())] = false;
      }
    }
  }
}
