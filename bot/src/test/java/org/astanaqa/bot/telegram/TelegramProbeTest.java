package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.OkHttpClient;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd updates, through the real TelegramBots client against the {@link FakeBotApi}, which refuses
 * what Telegram refuses: whatever a user sends, the bot answers with calls Telegram takes, and
 * never throws out of the handler. The corpus is hostile: a title with HTML in it, emoji where
 * texts are shortened.
 */
class TelegramProbeTest {
  private static final String TOKEN = "123:abc";
  private static final String EMOJI = "\uD83D\uDE00";

  /** An example question with an emoji just where a 60-character button label is cut. */
  private static final String EMOJI_EXAMPLE =
      "Q" + "x".repeat(57) + EMOJI + EMOJI + " about the Astana talks?";

  @TempDir static Path corpus;
  private static QuestionAnswerer qa;

  @TempDir Path data;
  private FakeBotApi api;
  private OkHttpClient http;
  private UpdateHandler handler;
  private long updateId;

  @BeforeAll
  static void openIndex() throws Exception {
    Files.writeString(
        corpus.resolve("a.txt"),
        "Delegations of many countries arrived in the capital of Kazakhstan a day earlier. "
            + "The Astana talks on Syria "
            + EMOJI.repeat(40)
            + " resumed on 4 May 2017 <b> & co. They met at a hotel on the left bank.\n\n"
            + "The guarantors Russia, Turkey and Iran met in Astana \u202Ewith RTL\u202C.\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        corpus.resolve("metadata.json"),
        "{\"documents\":{\"a\":{\"title\":\"<script>&amp; \\\"Talks\\\"</script>\","
            + "\"publisher\":\"A & B <C>\",\"date\":\"2017\","
            + "\"url\":\"https://x.org/?a=1&b=<2>\"}}}",
        StandardCharsets.UTF_8);
    qa = QuestionAnswerer.inMemory(corpus, Settings.defaults());
  }

  @AfterAll
  static void closeIndex() throws Exception {
    qa.close();
  }

  @BeforeEach
  void wire() throws Exception {
    api = new FakeBotApi(TOKEN);
    http = FakeWiredHandler.http(api); // the bot's own: no resend by OkHttp, pages keep status
    handler =
        FakeWiredHandler.over(
            api, http, qa, List.of(EMOJI_EXAMPLE, "When did the Astana talks resume?"), data);
  }

  @AfterEach
  void close() {
    FakeWiredHandler.close(api, http);
  }

  private void handle(ObjectNode update) throws Exception {
    FakeWiredHandler.handle(handler, api, update);
  }

  private void assertNothingRefused() {
    assertEquals(List.of(), api.refused().stream().map(c -> c.method() + " " + c.body()).toList());
  }

  private List<JsonNode> bodies(String method) {
    return api.calls(method).stream().map(FakeBotApi.Call::body).toList();
  }

  @Test
  void answersFromAHostileDocumentAreTelegramHtml() throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 1, "When did the Astana talks resume?"));
    assertNothingRefused();
    String text = bodies("sendMessage").get(0).path("text").asText();
    assertTrue(text.contains("&lt;b&gt; &amp; co."), text);
    assertTrue(text.contains("&lt;script&gt;&amp;amp; &quot;Talks&quot;"), text);
  }

  @Test
  void aButtonLabelOrInlineTitleCutAtAnEmojiKeepsTheEmojiWhole() throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 1, "/start"));
    handle(FakeBotApi.inline(++updateId, 42, ""));
    handle(FakeBotApi.inline(++updateId, 42, "Astana talks resume"));
    assertNothingRefused();
    String label =
        bodies("sendMessage")
            .get(0)
            .path("reply_markup")
            .path("inline_keyboard")
            .get(0)
            .get(0)
            .path("text")
            .asText();
    assertTrue(label.endsWith(EMOJI + "\u2026") || label.endsWith("x\u2026"), label);
    assertEquals(2, api.calls("answerInlineQuery").size());
  }

  /**
   * An inline query holds at most 256 characters (InlineQuery, "query"), as Telegram counts them,
   * in UTF-16 units: English words, Russian ones and emoji (two units each) filling all 256 are
   * answered, every answer taken (at most 50 results, ids of 1-64 bytes, each message within 4,096
   * characters after parsing) and showing the whole query. The fake made queries of any length, and
   * no test asked the bot one of Telegram's longest.
   */
  @Test
  void anInlineQueryOfTelegramsFull256CharactersIsAnsweredAndShownWhole() throws Exception {
    String english = fill("When did the Astana talks resume and who attended the session? ");
    String russian = fill("Когда возобновились переговоры в Астане и кто на них приехал? ");
    String emoji = fill("Astana talks resume " + EMOJI.repeat(20) + " ");
    String markup = fill("<b>&amp; talks resume?</b> ");
    List<String> queries = List.of(english, russian, emoji, markup);
    for (String q : queries) {
      assertEquals(256, q.length(), q);
      handle(FakeBotApi.inline(++updateId, 42, q));
    }
    assertNothingRefused();
    List<JsonNode> answers = bodies("answerInlineQuery");
    assertEquals(4, answers.size());
    for (int i = 0; i < 4; i++) {
      JsonNode results = answers.get(i).path("results");
      assertTrue(results.size() >= 1 && results.size() <= 50, results.toString());
      String shown =
          org.astanaqa.bot.render.TelegramHtmlRules.text(
              results.get(0).path("input_message_content").path("message_text").asText());
      assertTrue(shown.startsWith(queries.get(i).strip()), "the whole query: " + shown);
      assertTrue(shown.length() <= 4096, "one message: " + shown.length());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> FakeBotApi.inline(++updateId, 42, english + "?"),
        "Telegram sends none longer");
  }

  /** {@code words} repeated to exactly 256 UTF-16 units, never half an emoji at the end. */
  private static String fill(String words) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 256) {
      sb.append(words);
    }
    sb.setLength(256);
    if (Character.isHighSurrogate(sb.charAt(255))) {
      sb.setCharAt(255, '!');
    }
    return sb.toString();
  }

  @Test
  void oddMessagesGetATakenReplyOrNone() throws Exception {
    ObjectNode photo = FakeBotApi.privateText(++updateId, 42, 1, "x");
    ((ObjectNode) photo.get("message")).remove("text");
    ((ObjectNode) photo.get("message"))
        .putArray("photo") // Telegram's sizes of the photo, never none
        .addObject()
        .put("file_id", "p")
        .put("file_unique_id", "pu")
        .put("width", 90)
        .put("height", 90);
    handle(photo); // a photo without a caption: a hint
    ObjectNode caption = FakeBotApi.privateText(++updateId, 42, 2, "x");
    ((ObjectNode) caption.get("message")).remove("text");
    ((ObjectNode) caption.get("message")).put("caption", "When did the Astana talks resume?");
    handle(caption); // a caption is a question
    handle(FakeBotApi.privateText(++updateId, 42, 3, "Astana ".repeat(585))); // 4095 characters
    handle(FakeBotApi.privateText(++updateId, 42, 4, EMOJI.repeat(2048)));
    handle(FakeBotApi.privateText(++updateId, 42, 5, "\u200B\u200E"));
    handle(FakeBotApi.privateText(++updateId, 42, 6, "/start@OtherBot"));
    handle(FakeBotApi.privateText(++updateId, 42, 7, "/ask@AstanaQaBot when did talks resume"));
    handle(FakeBotApi.privateText(++updateId, 42, 8, "/ask"));
    handle(FakeBotApi.privateText(++updateId, 42, 9, "/"));
    handle(FakeBotApi.privateText(++updateId, 42, 10, "/sources extra args"));
    handle(FakeBotApi.groupText(++updateId, -100, 43, 11, "/ask@AstanaQaBot"));
    handle(FakeBotApi.groupText(++updateId, -100, 43, 12, "/ask when did talks resume?"));
    assertNothingRefused();
    // Every private message but the other bot's command got one reply; a bare /ask@AstanaQaBot too.
    assertEquals(11, api.calls("sendMessage").size());
  }

  /**
   * What a user does in the bot's chat that is no message to it (pins a message, sets the chat's
   * background or auto-delete timer, allows it to write) comes as a service message with no text.
   * Before, each got the hint for stickers and voice notes ("I only answer text questions"), as if
   * the user had sent one; a sticker still does.
   */
  @Test
  void serviceMessagesInAPrivateChatGetNoHint() throws Exception {
    int id = 20;
    for (String kind :
        List.of(
            "pinned_message",
            "chat_background_set",
            "message_auto_delete_timer_changed",
            "write_access_allowed")) {
      handle(FakeBotApi.service(++updateId, 42, ++id, kind));
      assertEquals(List.of(), api.calls("sendMessage"), "nothing said for " + kind);
    }
    ObjectNode sticker = FakeBotApi.sticker(++updateId, 42, ++id);
    handle(sticker);
    assertEquals(1, api.calls("sendMessage").size(), "a sticker gets the hint");
    assertNothingRefused();
  }

  /**
   * An album is one message per photo, the album's caption on the first only (Message,
   * "media_group_id"). Before, a question asked as the caption of three screenshots got its answer
   * and then, for each of the two other photos, "I only answer text questions", and an album of ten
   * photos with no caption got ten hints, ten seconds of the chat's sending and ten of the user's
   * questions a minute.
   */
  @Test
  void anAlbumIsAnsweredOnceWithoutAHintForEachOfItsOtherPhotos() throws Exception {
    handle(FakeBotApi.albumPhoto(++updateId, 42, 1, "g1", "When did the Astana talks resume?"));
    handle(FakeBotApi.albumPhoto(++updateId, 42, 2, "g1", null));
    handle(FakeBotApi.albumPhoto(++updateId, 42, 3, "g1", null));
    List<JsonNode> sent = bodies("sendMessage");
    assertEquals(1, sent.size(), "the caption's answer, and nothing for the album's other photos");
    assertTrue(sent.get(0).path("text").asText().contains("4 May 2017"), sent.toString());
    assertEquals(1, sent.get(0).path("reply_parameters").path("message_id").asInt());

    for (int i = 0; i < 10; i++) {
      handle(FakeBotApi.albumPhoto(++updateId, 42, 10 + i, "g2", null));
    }
    assertEquals(2, api.calls("sendMessage").size(), "one hint for an album with no caption");
    // A photo of its own afterwards is a new message: it gets its hint.
    ObjectNode photo = FakeBotApi.albumPhoto(++updateId, 42, 30, "g3", null);
    ((ObjectNode) photo.get("message")).remove("media_group_id");
    handle(photo);
    assertEquals(3, api.calls("sendMessage").size());
    assertNothingRefused();
  }

  /**
   * A live location a user shares moves every few seconds, and each move comes as an edited_message
   * with an edit_date and no text. The hint is for the message sent; a move asks nothing. Before,
   * the first move after a restart (or after 10,000 other messages, when the bot no longer
   * remembered the location's message) got "I only answer text questions" again, out of nothing the
   * user did, and used one of their questions a minute.
   */
  @Test
  void aLiveLocationGetsOneHintAndItsMovesNoneAlsoAfterARestart() throws Exception {
    ObjectNode shared = FakeBotApi.liveLocation(++updateId, 42, 40);
    handle(shared);
    assertEquals(1, api.calls("sendMessage").size(), "the location sent gets the hint");
    ObjectNode moved = shared;
    for (int i = 0; i < 3; i++) {
      moved = FakeBotApi.locationMoved(moved, ++updateId, 51.13 + i / 100.0);
      handle(moved);
    }
    assertEquals(1, api.calls("sendMessage").size(), "a move is no message to the bot");

    handler =
        FakeWiredHandler.over(
            api, http, qa, List.of(EMOJI_EXAMPLE, "When did the Astana talks resume?"), data);
    handle(FakeBotApi.locationMoved(moved, ++updateId, 51.2));
    assertEquals(1, api.calls("sendMessage").size(), "nor after a restart");
    assertNothingRefused();
  }

  @Test
  void anEditedMessageNeverAnsweredIsAnsweredAnew() throws Exception {
    ObjectNode u = FakeBotApi.privateText(0, 42, 1, "When did the Astana talks resume?");
    handle(FakeBotApi.edited(u, ++updateId, "When did the Astana talks resume?"));
    assertNothingRefused();
    assertEquals(1, api.calls("sendMessage").size());
  }

  @Test
  void staleOrGarbledButtonsAreAnsweredWithAToastAndNothingElse() throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 1, "/sources"));
    for (String data :
        List.of(
            "",
            ":",
            ":::",
            "m:nokey:0",
            "f:nokey:1",
            "v:nokey:0:u",
            "v:x:0:x",
            "s:999",
            "s:-1",
            "s:x",
            "q:99",
            "q:-1",
            "m:" + "9".repeat(40) + ":99999999999",
            "\u0000")) {
      handle(FakeBotApi.callback(++updateId, 42, 1000, data));
    }
    assertNothingRefused();
    assertEquals(14, api.calls("answerCallbackQuery").size());
  }

  @Test
  void aSecondTapOnFullPassageEditsNothing() throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 1, "When did the Astana talks resume?"));
    JsonNode sent = api.calls("sendMessage").get(0).body();
    String full = "";
    for (JsonNode row : sent.path("reply_markup").path("inline_keyboard")) {
      for (JsonNode b : row) {
        full =
            b.path("callback_data").asText().startsWith("f:")
                ? b.path("callback_data").asText()
                : full;
      }
    }
    assertTrue(full.startsWith("f:"), sent.toString());
    int id = api.calls("sendMessage").size() + 999; // the fake numbers messages from 1000
    handle(FakeBotApi.callback(++updateId, 42, id, full));
    handle(FakeBotApi.callback(++updateId, 42, id, full));
    assertNothingRefused();
    assertEquals(1, api.calls("editMessageText").size());
  }

  @Test
  void aForumTopicClosedMeanwhileCostsOneRefusedReplyAndNoCrash() throws Exception {
    api.openTopic(-1001, 5, false); // closed after the question was asked
    ObjectNode u = FakeBotApi.groupText(++updateId, -1001, 43, 1, "/ask talks resume?");
    FakeBotApi.inForumTopic(u, 5, 43);
    handle(u);
    assertEquals(List.of(), api.calls("sendMessage"));
    assertEquals(1, api.calls("sendMessage:refused").size(), "sent once, not retried");
  }
}
