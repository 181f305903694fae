package org.astanaqa.bot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.astanaqa.retrieval.Settings;

/**
 * The whole configuration. Every key has a default, so no file is required; a file only names
 * what it changes.
 *
 * @param corpus folder of .txt/.md documents; empty means the seed corpus bundled in the jar
 * @param dataDir runtime data (index, Telegram offset); relative to the working directory
 * @param index index folder; empty means a folder under {@code dataDir} named after the corpus
 * @param answers quotes per answer
 * @param retrieval ranking tunables
 * @param telegram the Telegram bot's settings
 */
public record AppConfig(
    String corpus, String dataDir, String index, Integer answers, Retrieval retrieval, Telegram telegram) {

  public AppConfig {
    corpus = corpus == null ? "" : corpus.strip();
    dataDir = dataDir == null || dataDir.isBlank() ? "data" : dataDir.strip();
    index = index == null ? "" : index.strip();
    answers = answers == null ? Settings.defaults().topN() : answers;
    retrieval = retrieval == null ? new Retrieval(null, null, null, null, null) : retrieval;
    telegram = telegram == null ? Telegram.defaults() : telegram;
    positive("answers", answers, 20);
  }

  /** Every default. */
  public static AppConfig defaults() {
    return new AppConfig(null, null, null, null, null, null);
  }

  /** The retrieval settings this configuration asks for. */
  public Settings settings() {
    Settings d = Settings.defaults();
    try {
      return new Settings(
          answers,
          retrieval.k1() == null ? d.k1() : retrieval.k1(),
          retrieval.b() == null ? d.b() : retrieval.b(),
          retrieval.minCoverage() == null ? d.minCoverage() : retrieval.minCoverage(),
          retrieval.candidates() == null ? Math.max(d.candidates(), answers) : retrieval.candidates(),
          retrieval.maxQueryTerms() == null ? d.maxQueryTerms() : retrieval.maxQueryTerms());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("retrieval: " + e.getMessage());
    }
  }

  /**
   * Ranking tunables; null keeps the measured default.
   *
   * @param k1 BM25 term-frequency saturation, in (0, 5]
   * @param b BM25 length normalization, in [0, 1]
   * @param minCoverage share of the question the best passage must cover to count as an answer
   * @param candidates passages re-ranked per question
   * @param maxQueryTerms words of a question searched at most
   */
  public record Retrieval(
      Double k1, Double b, @JsonProperty("minCoverage") Double minCoverage, Integer candidates,
      Integer maxQueryTerms) {}

  /**
   * Telegram settings. The token itself is never here: only the name of the environment variable
   * that holds it.
   *
   * @param tokenEnv the environment variable holding the bot token
   * @param apiUrl the Bot API base URL; the environment variable TELEGRAM_API_URL overrides it
   */
  public record Telegram(String tokenEnv, String apiUrl) {
    public Telegram {
      tokenEnv = tokenEnv == null || tokenEnv.isBlank() ? "TELEGRAM_BOT_TOKEN" : tokenEnv.strip();
      apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://api.telegram.org" : apiUrl.strip();
      if (!tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("telegram.tokenEnv must be an environment variable name");
      }
      if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
        throw new IllegalArgumentException("telegram.apiUrl must start with http:// or https://");
      }
    }

    static Telegram defaults() {
      return new Telegram(null, null);
    }
  }

  private static void positive(String key, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(key + " must be between 1 and " + max + ", was " + value);
    }
  }
}
