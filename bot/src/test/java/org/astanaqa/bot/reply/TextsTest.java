package org.astanaqa.bot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TextsTest {
  @Test
  void russianHasEveryTextEnglishHas() throws Exception {
    Properties en = new Properties();
    en.load(
        new InputStreamReader(
            Texts.class.getResourceAsStream("texts.properties"), StandardCharsets.UTF_8));
    Texts ru = Texts.of("ru");
    for (String key : en.stringPropertyNames()) {
      if (!key.startsWith("documents.")) {
        assertTrue(ru.has(key), "texts_ru.properties lacks " + key);
      }
    }
    assertEquals("Вероятный ответ", ru.confidenceWords(0.9, 0.75));
    assertEquals("This may be related", Texts.english().confidenceWords(0.5, 0.75));
  }

  @Test
  void countsAreWordedByEachLanguagesRule() {
    assertEquals("1 document", Texts.english().documents(1));
    assertEquals("5 documents", Texts.english().documents(5));
    Texts ru = Texts.of("ru");
    assertEquals("1 документ", ru.documents(1));
    assertEquals("3 документа", ru.documents(3));
    assertEquals("5 документов", ru.documents(5));
    assertEquals("11 документов", ru.documents(11));
    assertEquals("21 документ", ru.documents(21));
    assertEquals("22 документа", ru.documents(22));
  }

  @Test
  void aLanguageWithoutTextsFallsBackToEnglishKeyByKey() {
    assertEquals("en", Texts.of("ja").language());
    assertEquals("ru", Texts.of("ru-RU").language());
    Texts de = Texts.of("de");
    assertTrue(de.has("otherLanguage"));
    assertFalse(de.has("greeting"));
    assertTrue(de.get("greeting").startsWith("Hello!"));
    assertFalse(Texts.speaks("de"));
    assertTrue(Texts.speaks("ru") && Texts.speaks("en"));
    assertTrue(Texts.english().get("rateLimited", 3).contains("Please wait 3 s and ask again"));
  }

  @Test
  void telegramLimitsHoldForTheMenuAndDescriptions() {
    for (String lang : Texts.SPOKEN) {
      Texts t = Texts.of(lang);
      assertTrue(t.get("bot.description").length() <= 512);
      assertTrue(t.get("bot.shortDescription").length() <= 120);
      for (String c : new String[] {"start", "help", "sources", "ask"}) {
        assertTrue(t.get("command." + c).length() <= 256);
      }
    }
  }

  @Test
  void aReaderIsAnsweredInRussianForARussianQuestionOrARussianApp() {
    assertEquals("ru", Texts.forReader(null, "Кто гаранты Астанинского процесса?").language());
    assertEquals("ru", Texts.forReader("ru", "Who were the Astana guarantors?").language());
    assertEquals("ru", Texts.forReader("ru-RU", null).language());
    assertEquals("en", Texts.forReader("de", "Who were the Astana guarantors?").language());
    assertEquals("en", Texts.forReader(null, null).language());
  }

  @Test
  void otherLanguagesAreToldSoInTheReadersLanguageElseTheQuestionsElseEnglish() {
    assertEquals("de", Texts.forOtherLanguage("de", "fr").language());
    assertEquals("fr", Texts.forOtherLanguage(null, "fr").language());
    assertEquals("fr", Texts.forOtherLanguage("pt", "fr").language());
    assertEquals("en", Texts.forOtherLanguage("pt", "it").language());
  }
}
