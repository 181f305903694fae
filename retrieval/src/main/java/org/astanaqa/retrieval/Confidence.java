package org.astanaqa.retrieval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How likely a quote is to answer its question: a logistic model over signals the ranking already
 * has. The weights are fitted on the tune parts of the question sets by {@code eval
 * --fit-confidence} and shipped as {@code confidence-<mode>.json}; the not-found decision is a
 * threshold on this probability.
 */
final class Confidence {
  /** The signals, in the order of {@link #signals}; the fitted files name them in this order. */
  static final List<String> SIGNALS =
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
          "typeMissing", // a when/who/how-many question and a quote with no date/name/number
          "typeFound", // such a question and a quote that has one
          "terms", // log(1 + distinct words searched): short questions cover easily
          "missingMaxIdf", // the rarest question word the passage lacks, over the rarest possible
          "missing", // question words the passage lacks, in its own text
          "negation", // the question negates ("not", "never") and the quote does not
          "quoteCoverage", // IDF-weighted share of the question the quoted sentences hold
          "quoteMissingMaxIdf", // the rarest question word the quote lacks, over the rarest
          "personMissing"); // the question asks for one person and the quote names nobody new

  /** Negation, which the analyzer drops as stop words. */
  private static final java.util.regex.Pattern NEGATION =
      java.util.regex.Pattern.compile(
          "\\b(not|never|no|none|nobody|nothing|neither|nor|without)\\b|n't\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * Fitted weights over standardized signals.
   *
   * @param name what the weights are for ({@code bm25} or a model id)
   * @param signals the signals' names, as {@link #SIGNALS}
   * @param mean each signal's mean on the fitting data
   * @param scale each signal's standard deviation on it
   * @param weights the logistic weights of the standardized signals
   * @param bias the intercept
   * @param threshold the probability from which a question counts as answered
   * @param likely the probability from which an answer is worded as likely, not only related
   * @param data what the weights were fitted on, for a person to read
   */
  record Model(
      String name,
      List<String> signals,
      double[] mean,
      double[] scale,
      double[] weights,
      double bias,
      double threshold,
      double likely,
      String data) {
    Model {
      if (!signals.equals(SIGNALS)) {
        throw new IllegalArgumentException(
            "confidence weights for "
                + name
                + " are for signals "
                + signals
                + ", not "
                + SIGNALS
                + "; refit them with eval --fit-confidence");
      }
      if (mean.length != SIGNALS.size()
          || scale.length != SIGNALS.size()
          || weights.length != SIGNALS.size()) {
        throw new IllegalArgumentException("confidence weights for " + name + " are incomplete");
      }
    }

    /** The probability that the quote these signals describe answers its question. */
    double probability(double[] x) {
      double z = bias;
      for (int i = 0; i < x.length; i++) {
        z += weights[i] * (x[i] - mean[i]) / scale[i];
      }
      return 1 / (1 + Math.exp(-z));
    }

    /** The model's weights read from the jar: {@code confidence-<name>.json}. */
    static Model load(String name) {
      String resource = "confidence-" + name + ".json";
      try (InputStream in = Confidence.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "no confidence weights for " + name + " (" + resource + ") in the jar");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }

    /**
     * Reads the weights as {@code eval --fit-confidence} writes them (the record's fields, every
     * one required, no others). Read token by token: data binding would load some 500 classes,
     * about a quarter of a second of every start of the command line.
     */
    static Model read(InputStream in) throws IOException {
      try (JsonParser p = new JsonFactory().createParser(in)) {
        expect(p, p.nextToken(), JsonToken.START_OBJECT);
        String name = null;
        List<String> signals = null;
        double[] mean = null;
        double[] scale = null;
        double[] weights = null;
        Double bias = null;
        Double threshold = null;
        Double likely = null;
        String data = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          expect(p, t, JsonToken.FIELD_NAME);
          String field = p.currentName();
          JsonToken value = p.nextToken();
          switch (field) {
            case "name" -> name = text(p, value);
            case "signals" -> signals = texts(p, value);
            case "mean" -> mean = numbers(p, value);
            case "scale" -> scale = numbers(p, value);
            case "weights" -> weights = numbers(p, value);
            case "bias" -> bias = number(p, value);
            case "threshold" -> threshold = number(p, value);
            case "likely" -> likely = number(p, value);
            case "data" -> data = text(p, value);
            default -> throw new IOException("unknown field '" + field + "' in confidence weights");
          }
        }
        if (name == null
            || signals == null
            || mean == null
            || scale == null
            || weights == null
            || bias == null
            || threshold == null
            || likely == null
            || data == null) {
          throw new IOException(
              "confidence weights lack a field of "
                  + List.of(
                      "name",
                      "signals",
                      "mean",
                      "scale",
                      "weights",
                      "bias",
                      "threshold",
                      "likely",
                      "data"));
        }
        return new Model(name, signals, mean, scale, weights, bias, threshold, likely, data);
      }
    }

    private static void expect(JsonParser p, JsonToken t, JsonToken wanted) throws IOException {
      if (t != wanted) {
        throw new IOException(
            "expected " + wanted + " but found " + t + " at " + p.currentLocation());
      }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
      expect(p, t, JsonToken.VALUE_STRING);
      return p.getText();
    }

    private static double number(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
        expect(p, t, JsonToken.VALUE_NUMBER_FLOAT);
      }
      return p.getDoubleValue();
    }

    private static List<String> texts(JsonParser p, JsonToken t) throws IOException {
      expect(p, t, JsonToken.START_ARRAY);
      List<String> out = new ArrayList<>();
      for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
        out.add(text(p, e));
      }
      return List.copyOf(out);
    }

    private static double[] numbers(JsonParser p, JsonToken t) throws IOException {
      expect(p, t, JsonToken.START_ARRAY);
      List<Double> out = new ArrayList<>();
      for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
        out.add(number(p, e));
      }
      double[] a = new double[out.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = out.get(i);
      }
      return a;
    }
  }

  private Confidence() {}

  /**
   * The signals of candidate {@code i} of {@code ranked} (best first) for question {@code q}.
   *
   * @param maxCosine the best cosine in the pool (0 in the BM25 mode)
   */
  static double[] signals(QuestionQuery q, List<Ranker.Candidate> ranked, int i, double maxCosine) {
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
      } else {
        knownIdf += t.idf();
        if (t.corrected()) {
          corrected += w;
        }
      }
    }
    boolean typed = q.type != QuestionType.OTHER;
    double next = i + 1 < ranked.size() ? ranked.get(i + 1).score() : 0;
    boolean[] present = q.present(c.tokens(), 0, c.tokens().size());
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
    String quote = c.passage().text().substring(c.quote().start(), c.quote().end());
    int from = 0;
    while (from < c.tokens().size() && c.tokens().get(from).start() < c.quote().start()) {
      from++;
    }
    int to = from;
    while (to < c.tokens().size() && c.tokens().get(to).end() <= c.quote().end()) {
      to++;
    }
    boolean[] inQuote = q.present(c.tokens(), from, to);
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
    boolean negation = NEGATION.matcher(q.question).find() && !NEGATION.matcher(quote).find();
    boolean personMissing =
        q.asksForOnePerson && !AnswerExtractor.namesPerson(quote, q.questionWords());
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
      typed && !c.quote().answersType() ? 1 : 0,
      typed && c.quote().answersType() ? 1 : 0,
      Math.log1p(seen.size()),
      maxIdf > 0 ? missingMaxIdf / maxIdf : 0,
      missing,
      negation ? 1 : 0,
      total > 0 ? quoteCovered / total : 0,
      maxIdf > 0 ? quoteMissingMaxIdf / maxIdf : 0,
      personMissing ? 1 : 0
    };
  }
}
