package org.astanaqa.bot.reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.astanaqa.retrieval.Languages;

/**
 * The bot's own words in one language: greeting, help, "not found", buttons, confidence wording,
 * command menu and description, read from {@code texts.properties} (English) and {@code
 * texts_<language>.properties} (UTF-8) beside this class. A key a language lacks is said in
 * English. Quotes are never here: they stay the documents' own words. Immutable and thread-safe.
 */
public final class Texts {
  /** The languages the bot answers in; other languages get {@code otherLanguage} alone. */
  public static final java.util.List<String> SPOKEN = java.util.List.of("en", "ru");

  private static final Properties ENGLISH = load("texts.properties", true);
  private static final Map<String, Texts> CACHE = new ConcurrentHashMap<>();

  private final String language;
  private final Properties own;

  private Texts(String language, Properties own) {
    this.language = language;
    this.own = own;
  }

  /** English, the default. */
  public static Texts english() {
    return of("en");
  }

  /**
   * The texts of {@code language} (an ISO 639-1 code, or a Telegram {@code language_code} such as
   * "ru" or "pt-br"); English where there are none.
   */
  public static Texts of(String language) {
    String code =
        language == null || language.isBlank()
            ? "en"
            : language.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
    return CACHE.computeIfAbsent(
        code,
        c -> new Texts(c, c.equals("en") ? ENGLISH : load("texts_" + c + ".properties", false)));
  }

  /**
   * The words for one reader and one question: Russian for a Russian question or a reader whose app
   * is in Russian ({@code readerLanguage}, such as Telegram's {@code language_code}; may be null),
   * English otherwise. {@code question} may be null (a command without words, a button).
   */
  public static Texts forReader(String readerLanguage, String question) {
    String language = question == null ? null : Languages.detect(question);
    boolean russianReader =
        readerLanguage != null && of(readerLanguage).language().equals(Languages.RUSSIAN);
    return Languages.RUSSIAN.equals(language) || russianReader ? of(Languages.RUSSIAN) : english();
  }

  /**
   * The words that say which languages the bot reads ({@code otherLanguage}): in the reader's
   * language where there is a text for it, else in the question's, else in English.
   */
  public static Texts forOtherLanguage(String readerLanguage, String questionLanguage) {
    return readerLanguage != null && of(readerLanguage).has("otherLanguage")
        ? of(readerLanguage)
        : of(questionLanguage).has("otherLanguage") ? of(questionLanguage) : english();
  }

  /**
   * Whether the bot speaks {@code language} throughout (not only to say which languages it reads).
   */
  public static boolean speaks(String language) {
    return language != null && SPOKEN.contains(of(language).language);
  }

  /** The language these texts are in ("en" when a language has no texts of its own). */
  public String language() {
    return own.isEmpty() ? "en" : language;
  }

  /** Whether this language has its own text for {@code key} (not the English fallback). */
  public boolean has(String key) {
    return own.containsKey(key);
  }

  /** The text of {@code key} with {@code {0}}, {@code {1}}... replaced by {@code args}. */
  public String get(String key, Object... args) {
    String text = own.getProperty(key, ENGLISH.getProperty(key));
    if (text == null) {
      throw new IllegalArgumentException("no text \"" + key + "\" in texts.properties");
    }
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  /** "Likely answer" from {@code likely} on, "This may be related" below it, in this language. */
  public String confidenceWords(double confidence, double likely) {
    return get(confidence >= likely ? "likely" : "related");
  }

  /** "1 document", "5 documents"; in Russian "1 документ", "3 документа", "5 документов". */
  public String documents(int n) {
    String form;
    if (language().equals("ru")) {
      int mod10 = n % 10;
      int mod100 = n % 100;
      form =
          mod10 == 1 && mod100 != 11
              ? "one"
              : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? "few" : "many";
    } else {
      form = n == 1 ? "one" : "other";
    }
    return get("documents." + form, n);
  }

  private static Properties load(String name, boolean required) {
    Properties p = new Properties();
    try (InputStream in = Texts.class.getResourceAsStream(name)) {
      if (in == null) {
        if (required) {
          throw new IllegalStateException(name + " is missing from the jar");
        }
        return p;
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  @Override
  public String toString() {
    return "Texts[" + language() + "]";
  }
}
