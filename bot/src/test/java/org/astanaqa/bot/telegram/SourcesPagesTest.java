package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.render.TelegramHtmlRules;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /sources against the {@link FakeBotApi}, over a corpus whose documents have long titles (a UN
 * letter's "Letter dated ... from the Permanent Representatives of ... addressed to the President
 * of the Security Council", with its publisher): a page of 15 is then longer than a message
 * (sendMessage, "text": 1-4096 characters after entities parsing).
 */
class SourcesPagesTest {
  @TempDir static Path corpus;
  private static QuestionAnswerer qa;

  @TempDir Path data;
  private FakeBotApi api;
  private OkHttpClient http;
  private UpdateHandler handler;

  @BeforeAll
  static void openIndex() throws Exception {
    StringBuilder meta = new StringBuilder("{\"documents\": {");
    for (int i = 1; i <= 20; i++) {
      String id = String.format("doc%02d", i);
      Files.writeString(
          corpus.resolve(id + ".txt"),
          "The Astana talks resumed on 4 May 2017 in round " + i + ".\n");
      meta.append(i > 1 ? "," : "")
          .append('"')
          .append(id)
          .append("\": {\"title\": \"Marker")
          .append(String.format("%02d", i))
          .append(" Letter dated 31 January 2017 from the Permanent Representatives of the Russian")
          .append(" Federation and Turkey to the United Nations addressed to the President of the")
          .append(" Security Council, with the joint statement of the guarantors of the ceasefire")
          .append(" regime in the Syrian Arab Republic annexed\", \"publisher\": \"United Nations")
          .append(
              " Security Council, Department of Political and Peacebuilding Affairs\", \"date\":")
          .append(" \"2017-02\", \"url\": \"https://undocs.org/S/2017/")
          .append(i)
          .append("\"}");
    }
    Files.writeString(corpus.resolve("metadata.json"), meta.append("}}").toString());
    qa = QuestionAnswerer.inMemory(corpus, Settings.defaults());
  }

  @AfterAll
  static void closeIndex() throws Exception {
    qa.close();
  }

  @BeforeEach
  void wire() throws Exception {
    api = new FakeBotApi("123:abc");
    http = FakeWiredHandler.http(api);
    handler =
        FakeWiredHandler.over(api, http, qa, List.of("When did the Astana talks resume?"), data);
  }

  @AfterEach
  void close() {
    FakeWiredHandler.close(api, http);
  }

  /**
   * Each page lists all of its 15 documents within one message, their long titles shortened, and
   * the next page the rest: no document is left out of the list. Before, a page longer than a
   * message was cut to what fitted, and the documents after the cut were listed on no page at all.
   */
  @Test
  void aPageOfDocumentsWithLongTitlesListsEachOfThemWithinOneMessage() throws Exception {
    FakeWiredHandler.handle(handler, api, FakeBotApi.privateText(1, 42, 7, "/sources"));
    JsonNode first = api.calls("sendMessage").get(0).body();
    int firstId = api.sentMessageId(0);
    FakeWiredHandler.handle(
        handler, api, FakeBotApi.callback(2, 42, firstId, FakeWiredHandler.button(first, "s:1")));
    assertEquals(List.of(), api.refused().stream().map(FakeBotApi.Call::method).toList());
    String page1 = TelegramHtmlRules.text(first.path("text").asText());
    String page2 =
        TelegramHtmlRules.text(api.calls("editMessageText").get(0).body().path("text").asText());
    assertTrue(page1.length() <= 4096, "one message: " + page1.length());
    for (int i = 1; i <= 20; i++) {
      String marker = String.format("Marker%02d", i);
      assertTrue(
          page1.contains(marker) != page2.contains(marker),
          marker + " on exactly one page:\n" + page1 + "\n---\n" + page2);
    }
  }
}
