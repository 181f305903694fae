package org.astanaqa.retrieval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.astanaqa.retrieval.answer.Confidence;

/**
 * Fitted weights over standardized signals.
 *
 * @param name what the weights are for ({@code bm25} or a model id)
 * @param signals the signals' names, as {@link QuestionAnswerer#signalNames()}
 * @param mean each signal's mean on the fitting data
 * @param scale each signal's standard deviation on it
 * @param weights the logistic weights of the standardized signals
 * @param bias the intercept
 * @param threshold the probability from which a question counts as answered
 * @param likely the probability from which an answer is worded as likely, not only related
 * @param data what the weights were fitted on, for a person to read
 */
public record ConfidenceModel(
    String name,
    List<String> signals,
    double[] mean,
    double[] scale,
    double[] weights,
    double bias,
    double threshold,
    double likely,
    String data) {
  public ConfidenceModel {
    if (!signals.equals(Confidence.SIGNALS)) {
      throw new IllegalArgumentException(
          "confidence weights for "
              + name
              + " are for signals "
              + signals
              + ", not "
              + Confidence.SIGNALS
              + "; refit them with eval --fit-confidence");
    }
    if (mean.length != Confidence.SIGNALS.size()
        || scale.length != Confidence.SIGNALS.size()
        || weights.length != Confidence.SIGNALS.size()) {
      throw new IllegalArgumentException("confidence weights for " + name + " are incomplete");
    }
  }

  /** The probability that the quote these signals describe answers its question. */
  public double probability(double[] x) {
    double z = bias;
    for (int i = 0; i < x.length; i++) {
      z += weights[i] * (x[i] - mean[i]) / scale[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** The model's weights read from the jar: {@code confidence-<name>.json}. */
  public static ConfidenceModel load(String name) {
    String resource = "confidence-" + name + ".json";
    try (InputStream in = ConfidenceModel.class.getResourceAsStream(resource)) {
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
   * Reads the weights as {@code eval --fit-confidence} writes them (the record's fields, every one
   * required, no others). Read token by token: data binding would load some 500 classes, about a
   * quarter of a second of every start of the command line.
   */
  public static ConfidenceModel read(InputStream in) throws IOException {
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
      return new ConfidenceModel(
          name, signals, mean, scale, weights, bias, threshold, likely, data);
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
