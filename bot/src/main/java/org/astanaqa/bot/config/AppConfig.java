package org.astanaqa.bot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.astanaqa.retrieval.DenseModel;
import org.astanaqa.retrieval.Mode;
import org.astanaqa.retrieval.Settings;

/**
 * The whole configuration. Every key has a default, so no file is required; a file only names what
 * it changes.
 *
 * @param corpus folder of documents (.txt, .md, .html, .pdf, .docx, .odt); empty means the seed
 *     corpus bundled in the jar
 * @param dataDir runtime data (index, Telegram offset); relative to the working directory
 * @param index index folder; empty means a folder under {@code dataDir} named after the corpus
 * @param answers quotes per answer
 * @param retrieval ranking tunables
 * @param telegram the Telegram bot's settings
 */
public record AppConfig(
    String corpus,
    String dataDir,
    String index,
    Integer answers,
    Retrieval retrieval,
    Telegram telegram) {

  public AppConfig {
    corpus = corpus == null ? "" : home(corpus.strip());
    dataDir = dataDir == null || dataDir.isBlank() ? "data" : home(dataDir.strip());
    index = index == null ? "" : home(index.strip());
    answers = answers == null ? Settings.defaults().topN() : answers;
    retrieval =
        retrieval == null
            ? new Retrieval(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null)
            : retrieval;
    telegram = telegram == null ? Telegram.defaults() : telegram;
    positive("answers", answers, 20);
  }

  /**
   * {@code path} with a leading {@code ~} (alone or before a slash) as the user's home folder, as a
   * shell reads it: {@code dataDir: ~/astana} in a file made a folder named "~" in the working
   * folder (one {@code rm -rf ~} away from deleting the home folder), and {@code corpus: ~/docs}
   * was said not to exist.
   */
  static String home(String path) {
    if (path.equals("~")
        || path.startsWith("~/")
        || path.startsWith("~" + java.io.File.separator)) {
      return System.getProperty("user.home") + path.substring(1);
    }
    return path;
  }

  /** The mode that measured best (README, "Hybrid retrieval"). */
  public static final Mode DEFAULT_MODE = Mode.HYBRID;

  /** The model that measured best of the two bundled. */
  public static final DenseModel DEFAULT_MODEL = DenseModel.ALL_MINILM_L6_V2_Q;

  /** Every default. */
  public static AppConfig defaults() {
    return new AppConfig(null, null, null, null, null, null);
  }

  /** The retrieval settings this configuration asks for. */
  public Settings settings() {
    try {
      return new Settings(
          answers,
          retrieval.k1(),
          retrieval.b(),
          retrieval.minCoverage(),
          retrieval.candidates(),
          retrieval.maxQueryTerms(),
          retrieval.denseWeight(),
          retrieval.minConfidence(),
          aliasGroups(),
          retrieval.directAnswers(),
          glossaryLines());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("retrieval: " + e.getMessage());
    }
  }

  /**
   * The groups of the {@code retrieval.aliases} file: one group a line, words separated by commas,
   * {@code #} for comments.
   */
  private java.util.List<java.util.List<String>> aliasGroups() {
    if (retrieval.aliases().isEmpty()) {
      return java.util.List.of();
    }
    java.nio.file.Path file = java.nio.file.Path.of(retrieval.aliases());
    java.util.List<String> lines =
        lines(
            "retrieval.aliases",
            file,
            "give a UTF-8 file with one group of words a line, separated by commas");
    java.util.List<java.util.List<String>> groups = new java.util.ArrayList<>();
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      java.util.List<String> words =
          java.util.Arrays.stream(l.split(","))
              .map(String::strip)
              .filter(w -> !w.isEmpty())
              .toList();
      if (words.size() > 1) {
        groups.add(words);
      }
    }
    return groups;
  }

  /** The lines of the {@code retrieval.glossary} file ("russian words = english words"). */
  private java.util.List<String> glossaryLines() {
    if (retrieval.glossary().isEmpty()) {
      return java.util.List.of();
    }
    java.nio.file.Path file = java.nio.file.Path.of(retrieval.glossary());
    return lines(
        "retrieval.glossary",
        file,
        "give a UTF-8 file with one entry a line: \"russian words = english words\"");
  }

  /** The most an aliases or glossary file may hold, as a configuration file. */
  private static final int MAX_LIST_BYTES = ConfigLoader.MAX_BYTES;

  /**
   * The lines of the UTF-8 file {@code key} names, or why not in words: "cannot read /x (/x)" named
   * the file twice and never why, a Latin-1 file said "(Input length = 1)", and {@code /dev/zero}
   * was read until the heap ran out.
   */
  private static java.util.List<String> lines(String key, java.nio.file.Path file, String give) {
    String why;
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_LIST_BYTES + 1);
      if (bytes.length > MAX_LIST_BYTES) {
        why = "it holds more than " + MAX_LIST_BYTES / 1024 + " KB";
      } else {
        String text =
            java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
        return text.lines().toList();
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      why = "it is not UTF-8 text";
    } catch (java.io.IOException e) {
      why =
          java.nio.file.Files.isDirectory(file)
              ? "it is a folder"
              : org.astanaqa.retrieval.util.IoErrors.reason(e, file);
    }
    throw new ConfigException(key + ": cannot read " + file + " (" + why + "); " + give);
  }

  /** The retrieval mode this configuration asks for. */
  public Mode mode() {
    try {
      return Mode.named(retrieval.mode());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("retrieval.mode: " + e.getMessage());
    }
  }

  /** The embedding model of the hybrid mode. */
  public DenseModel model() {
    try {
      return DenseModel.named(retrieval.model());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("retrieval.model: " + e.getMessage());
    }
  }

  /** This configuration in another retrieval mode. */
  public AppConfig withMode(Mode mode) {
    Retrieval r = retrieval;
    return new AppConfig(
        corpus,
        dataDir,
        index,
        answers,
        new Retrieval(
            mode.toString(),
            r.model(),
            r.k1(),
            r.b(),
            r.minCoverage(),
            r.candidates(),
            r.maxQueryTerms(),
            // minSimilarity has no effect; not copied, so its warning is logged once, not per copy.
            r.denseWeight(),
            null,
            r.minConfidence(),
            r.aliases(),
            r.directAnswers(),
            r.glossary(),
            r.watch()),
        telegram);
  }

  /**
   * Retrieval mode and ranking tunables; null keeps the measured default.
   *
   * @param mode {@code hybrid} (words and meaning) or {@code bm25} (words only: no model loaded)
   * @param model the sentence-embedding model of the hybrid mode
   * @param k1 BM25 term-frequency saturation, in (0, 5]
   * @param b BM25 length normalization, in [0, 1]
   * @param minCoverage share of the question a further quote (after the first) must cover, over
   *     0.75
   * @param candidates passages re-ranked per question
   * @param maxQueryTerms words of a question searched at most
   * @param denseWeight hybrid mode: share of the ranking given to meaning, in [0, 1]
   * @param minSimilarity no longer used: whether a question is answered is {@code minConfidence}'s
   *     to say; still accepted so that older configuration files load
   * @param minConfidence the confidence from which a question counts as answered; unset, the
   *     threshold fitted with the mode's confidence weights
   * @param aliases a file of extra alias groups (words that mean the same here); empty for none
   * @param directAnswers lead answers with the fact asked for (off by default: README, "Direct
   *     answers")
   * @param glossary a file of extra Russian-English glossary entries; empty for none
   * @param watch the console and the Telegram bot follow the corpus folder: files added, changed or
   *     removed are indexed while they run (on by default; {@code ask}, {@code eval} and {@code
   *     index} read the folder once whatever this says)
   */
  public record Retrieval(
      String mode,
      String model,
      Double k1,
      Double b,
      @JsonProperty("minCoverage") Double minCoverage,
      Integer candidates,
      Integer maxQueryTerms,
      Double denseWeight,
      Double minSimilarity,
      Double minConfidence,
      String aliases,
      Boolean directAnswers,
      String glossary,
      Boolean watch) {
    public Retrieval {
      Settings d = Settings.defaults();
      mode = mode == null || mode.isBlank() ? DEFAULT_MODE.toString() : mode.strip();
      model = model == null || model.isBlank() ? DEFAULT_MODEL.id() : model.strip();
      denseWeight = denseWeight == null ? d.denseWeight() : denseWeight;
      k1 = k1 == null ? d.k1() : k1;
      b = b == null ? d.b() : b;
      minCoverage = minCoverage == null ? d.minCoverage() : minCoverage;
      candidates = candidates == null ? d.candidates() : candidates;
      maxQueryTerms = maxQueryTerms == null ? d.maxQueryTerms() : maxQueryTerms;
      aliases = aliases == null ? "" : aliases.strip();
      glossary = glossary == null ? "" : glossary.strip();
      directAnswers = directAnswers != null && directAnswers;
      watch = watch == null || watch;
      if (minSimilarity != null) {
        org.slf4j.LoggerFactory.getLogger(AppConfig.class)
            .warn(
                "retrieval.minSimilarity no longer has an effect; retrieval.minConfidence decides"
                    + " whether a question is answered");
      }
    }
  }

  /**
   * Telegram settings. The token itself is never here: only the name of the environment variable
   * that holds it. The sending limits default to Telegram's published ones.
   *
   * @param tokenEnv the environment variable holding the bot token
   * @param apiUrl the Bot API base URL; the environment variable TELEGRAM_API_URL overrides it
   * @param perChatPerSecond messages sent to one chat per second at most
   * @param perGroupPerMinute messages sent to one group per minute at most
   * @param globalPerSecond messages sent in all per second at most
   * @param questionsPerUserPerMinute messages one user may have replied to per minute (questions,
   *     and also stickers, "thanks", commands and example-button presses) before a polite "please
   *     wait", told once a wait
   * @param buttonMinutes how long the buttons "More" and "Full passage" of an answer keep working,
   *     also across restarts (👍 and 👎 are kept longer: {@code ButtonStore.VOTE_DAYS})
   * @param buttonAnswers answers whose buttons are remembered at most (least recently used
   *     forgotten first), in memory and in {@code <dataDir>/telegram-buttons}
   * @param workers threads answering updates (each chat is still answered in order)
   * @param examples example questions offered as buttons by /start (two or three read best)
   * @param requestTimeoutSeconds how long a call to the Bot API (other than the long poll) may take
   *     before it is retried
   * @param adminIds user ids allowed to use /stats and /reindex (none by default)
   * @param allowedChats when not empty, the only chats (and inline users) the bot answers
   * @param pollSeconds how long Telegram may hold a getUpdates call that finds nothing; also how
   *     soon update ids that Telegram restarted lower (after a week without updates) are noticed
   * @param followUpMinutes how long after a question a short question in the same chat that leans
   *     on it is taken as its follow-up (a reply to the bot's answer always may be)
   */
  public record Telegram(
      String tokenEnv,
      String apiUrl,
      Double perChatPerSecond,
      Integer perGroupPerMinute,
      Double globalPerSecond,
      Integer questionsPerUserPerMinute,
      Integer buttonMinutes,
      Integer buttonAnswers,
      Integer workers,
      java.util.List<String> examples,
      Integer requestTimeoutSeconds,
      java.util.List<Long> adminIds,
      java.util.List<Long> allowedChats,
      Integer pollSeconds,
      Integer followUpMinutes) {
    public Telegram {
      tokenEnv = tokenEnv == null || tokenEnv.isBlank() ? "TELEGRAM_BOT_TOKEN" : tokenEnv.strip();
      apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://api.telegram.org" : apiUrl.strip();
      perChatPerSecond = perChatPerSecond == null ? 1.0 : perChatPerSecond;
      perGroupPerMinute = perGroupPerMinute == null ? 20 : perGroupPerMinute;
      globalPerSecond = globalPerSecond == null ? 30.0 : globalPerSecond;
      questionsPerUserPerMinute =
          questionsPerUserPerMinute == null ? 20 : questionsPerUserPerMinute;
      buttonMinutes = buttonMinutes == null ? 60 : buttonMinutes;
      buttonAnswers = buttonAnswers == null ? 10_000 : buttonAnswers;
      workers = workers == null ? 4 : workers;
      requestTimeoutSeconds = requestTimeoutSeconds == null ? 30 : requestTimeoutSeconds;
      adminIds = ids("telegram.adminIds", adminIds);
      allowedChats = ids("telegram.allowedChats", allowedChats);
      positive("telegram.requestTimeoutSeconds", requestTimeoutSeconds, 600);
      pollSeconds = pollSeconds == null ? 50 : pollSeconds;
      positive("telegram.pollSeconds", pollSeconds, 50);
      followUpMinutes = followUpMinutes == null ? 5 : followUpMinutes;
      positive("telegram.followUpMinutes", followUpMinutes, 1440);
      examples =
          examples == null || examples.isEmpty()
              ? java.util.List.of(
                  "Who were the Astana guarantors?",
                  "When was the Sochi memorandum signed?",
                  "Which de-escalation zones are functioning?")
              : examples;
      if (examples.stream().anyMatch(e -> e == null || e.isBlank()) || examples.size() > 8) {
        throw new IllegalArgumentException("telegram.examples must be 1 to 8 non-empty questions");
      }
      examples = java.util.List.copyOf(examples);
      if (!tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            "telegram.tokenEnv must be an environment variable name");
      }
      if (!apiUrl.startsWith("http://") && !apiUrl.startsWith("https://")) {
        throw new IllegalArgumentException("telegram.apiUrl must start with http:// or https://");
      }
      positive("telegram.perChatPerSecond", perChatPerSecond);
      positive("telegram.perGroupPerMinute", perGroupPerMinute);
      positive("telegram.globalPerSecond", globalPerSecond);
      positive("telegram.questionsPerUserPerMinute", questionsPerUserPerMinute);
      positive("telegram.buttonMinutes", buttonMinutes);
      positive("telegram.buttonAnswers", buttonAnswers);
      positive("telegram.workers", workers, 64);
    }

    /** A list of ids, empty when not given; an empty item ("- ~", "[1, ]") is named. */
    private static java.util.List<Long> ids(String key, java.util.List<Long> ids) {
      if (ids == null) {
        return java.util.List.of();
      }
      if (ids.contains(null)) {
        throw new IllegalArgumentException(key + " holds an empty item; give numeric ids only");
      }
      return java.util.List.copyOf(ids);
    }

    static Telegram defaults() {
      return new Telegram(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  private static void positive(String key, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(key + " must be greater than 0, was " + value);
    }
  }

  private static void positive(String key, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(key + " must be between 1 and " + max + ", was " + value);
    }
  }
}
