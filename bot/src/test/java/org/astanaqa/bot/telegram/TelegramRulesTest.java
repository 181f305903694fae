package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
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
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Telegram's rules as the Bot API documents them, through the real TelegramBots client against the
 * {@link FakeBotApi}: a message's 4096 characters are UTF-16 code units of the text after entity
 * parsing (sendMessage, "text"), so a quote full of {@code &} and {@code <} is far longer as sent
 * than as counted; a message deleted meanwhile can be neither replied to (without
 * allow_sending_without_reply) nor edited.
 */
class TelegramRulesTest {
  private static final String TOKEN = "123:abc";

  @TempDir static Path corpus;
  private static QuestionAnswerer qa;

  @TempDir Path data;
  private FakeBotApi api;
  private OkHttpClient http;
  private UpdateHandler handler;
  private long updateId;

  @BeforeAll
  static void openIndex() throws Exception {
    // One sentence each, so the whole sentence is the quote: about 2,400 characters as Telegram
    // counts them but 11,000 as sent; and about 4,700 counted (more than a message) but 23,000
    // sent.
    Files.writeString(
        corpus.resolve("a.txt"),
        "The Astana talks resumed on 4 May 2017 with "
            + ("<" + "&".repeat(20) + "> ").repeat(100)
            + "delegates.\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        corpus.resolve("b.txt"),
        "The Geneva conference opened on 26 April 1954 with "
            + ("&".repeat(45) + " ").repeat(100)
            + "ministers.\n",
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
        FakeWiredHandler.over(api, http, qa, List.of("When did the Astana talks resume?"), data);
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

  private static boolean hasVoteButtons(JsonNode message) {
    return message.path("reply_markup").toString().contains("\"v:");
  }

  /**
   * Before, the bot measured the HTML as sent: this answer (11,000 characters sent) went out in
   * three parts and without its buttons, so More, 👍 and 👎 were lost.
   */
  @Test
  void anAnswerLongOnlyAsSentIsOneMessageWithItsButtons() throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 7, "When did the Astana talks resume?"));
    assertNothingRefused();
    List<JsonNode> sent = api.calls("sendMessage").stream().map(FakeBotApi.Call::body).toList();
    assertEquals(1, sent.size(), "messages sent");
    String text = sent.get(0).path("text").asText();
    assertTrue(text.length() > 4096, "long as sent: " + text.length());
    assertTrue(TelegramHtmlRules.length(text) <= 4096, "within the limit as Telegram counts");
    assertTrue(TelegramHtmlRules.text(text).contains("<" + "&".repeat(20) + ">"));
    assertEquals(7, sent.get(0).path("reply_parameters").path("message_id").asInt());
    assertTrue(hasVoteButtons(sent.get(0)), "the answer keeps its buttons");
  }

  /**
   * An answer longer than a message as Telegram counts it: two parts (not the six its length as
   * sent would make), the first a reply to the question, the buttons under the last, and 👎 on it
   * noted.
   */
  @Test
  void anAnswerLongerThanAMessageIsTwoPartsWithTheButtonsUnderTheLast() throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 8, "When did the Geneva conference open?"));
    assertNothingRefused();
    List<JsonNode> sent = api.calls("sendMessage").stream().map(FakeBotApi.Call::body).toList();
    assertEquals(2, sent.size(), "messages sent");
    assertEquals(8, sent.get(0).path("reply_parameters").path("message_id").asInt());
    assertFalse(hasVoteButtons(sent.get(0)));
    assertTrue(hasVoteButtons(sent.get(1)), "the buttons under the last part");
    String shown =
        TelegramHtmlRules.text(sent.get(0).path("text").asText())
            + TelegramHtmlRules.text(sent.get(1).path("text").asText());
    assertEquals(4500, shown.chars().filter(c -> c == '&').count(), "no character lost");
    String down = "";
    for (JsonNode row : sent.get(1).path("reply_markup").path("inline_keyboard")) {
      for (JsonNode b : row) {
        if (b.path("callback_data").asText().endsWith(":d")) {
          down = b.path("callback_data").asText();
        }
      }
    }
    ObjectNode press = FakeBotApi.callback(++updateId, 42, 1001, down);
    handle(press);
    assertNothingRefused();
    assertEquals(1, api.calls("answerCallbackQuery").size());
  }

  /**
   * A question whose answer went out in two parts, edited (as a user edits a question) into one
   * whose answer is one message, and back: the reply is edited in place within Telegram's rules.
   * Before, a split reply was not remembered, and each edit got a whole new reply under the old
   * one, which stayed as it was. Now the first part is edited into the short answer with the
   * buttons and the second part, no longer needed, deleted; edited back, the first part is edited
   * into the long answer's first part, and only the second is sent anew, with the buttons; the same
   * answer again edits only what changed (a part that would show what it shows is not sent, as
   * Telegram refuses it: "message is not modified"). Nothing is refused throughout.
   */
  @Test
  void anEditedQuestionEditsEachPartOfItsSplitReplyDeletesThoseNotNeededAndSendsOnlyTheRest()
      throws Exception {
    ObjectNode question =
        FakeBotApi.privateText(++updateId, 42, 8, "When did the Geneva conference open?");
    handle(question);
    List<JsonNode> sent = api.calls("sendMessage").stream().map(FakeBotApi.Call::body).toList();
    assertEquals(2, sent.size(), "the long answer in two parts");
    int first = api.sentMessageId(0);
    int second = api.sentMessageId(1);

    ObjectNode shorter =
        FakeBotApi.edited(question, ++updateId, "When did the Astana talks resume?");
    handle(shorter);
    assertNothingRefused();
    assertEquals(2, api.calls("sendMessage").size(), "no new reply");
    List<JsonNode> edits =
        api.calls("editMessageText").stream().map(FakeBotApi.Call::body).toList();
    assertEquals(1, edits.size());
    assertEquals(first, edits.get(0).path("message_id").asInt(), "the first part, edited");
    assertTrue(
        TelegramHtmlRules.text(edits.get(0).path("text").asText())
            .contains("Astana talks resumed"));
    assertTrue(hasVoteButtons(edits.get(0)), "with the buttons");
    List<JsonNode> deletes =
        api.calls("deleteMessage").stream().map(FakeBotApi.Call::body).toList();
    assertEquals(1, deletes.size());
    assertEquals(second, deletes.get(0).path("message_id").asInt(), "the second part, deleted");

    ObjectNode longer =
        FakeBotApi.edited(shorter, ++updateId, "When did the Geneva conference open?");
    handle(longer);
    assertNothingRefused();
    assertEquals(2, api.calls("editMessageText").size());
    JsonNode back = api.calls("editMessageText").get(1).body();
    assertEquals(first, back.path("message_id").asInt());
    assertTrue(
        TelegramHtmlRules.text(back.path("text").asText()).contains("Geneva conference opened"));
    assertFalse(back.has("reply_markup"), "no buttons under the first part: " + back);
    assertEquals(3, api.calls("sendMessage").size(), "the second part only, sent anew");
    JsonNode rest = api.calls("sendMessage").get(2).body();
    assertTrue(hasVoteButtons(rest), "the buttons under the last part");
    assertEquals(
        TelegramHtmlRules.text(sent.get(1).path("text").asText()),
        TelegramHtmlRules.text(rest.path("text").asText()));
    int third = api.sentMessageId(2);

    handle(FakeBotApi.edited(longer, ++updateId, "When did the Geneva conference open??"));
    assertNothingRefused();
    assertEquals(3, api.calls("sendMessage").size(), "no new message");
    List<JsonNode> last =
        api.calls("editMessageText").stream().skip(2).map(FakeBotApi.Call::body).toList();
    assertEquals(
        List.of(third),
        last.stream().map(b -> b.path("message_id").asInt()).toList(),
        "only the part with the buttons (new ones) edited");
    assertEquals(1, api.calls("deleteMessage").size());
  }

  /**
   * deleteMessage: "A message can only be deleted if it was sent less than 48 hours ago". An edit,
   * two days on, of a question whose answer was split in two, to one with a shorter answer: the
   * second part cannot be deleted any more, and before it went on showing the end of the old answer
   * under the new one, as if one reply. A bot may edit its own messages at any time (the 48 hours
   * of editMessageText are business messages'), so it is edited to say that the answer is above.
   */
  @Test
  void anEditedQuestionWhoseSplitReplyIsTooOldToDeleteAPartOfShowsNoneOfTheOldAnswer()
      throws Exception {
    ObjectNode question =
        FakeBotApi.privateText(++updateId, 42, 8, "When did the Geneva conference open?");
    handle(question);
    assertEquals(2, api.calls("sendMessage").size(), "the long answer in two parts");
    int first = api.sentMessageId(0);
    int second = api.sentMessageId(1);
    assertTrue(api.shownText(42, second).contains("ministers"), api.shownText(42, second));

    api.hoursPass(49);
    handle(FakeBotApi.edited(question, ++updateId, "When did the Astana talks resume?"));
    assertEquals(2, api.calls("sendMessage").size(), "no new reply");
    assertEquals(1, api.calls("deleteMessage:refused").size(), "too old to delete");
    assertTrue(api.shownText(42, first).contains("Astana talks resumed"), "the new answer");
    String left = api.shownText(42, second);
    assertFalse(left.contains("Geneva") || left.contains("ministers"), left);
    assertTrue(left.contains("above"), left);
  }

  /**
   * A 429 on deleteMessage is that method's (a flood wait: "attempts to invoke the given method
   * with the given input parameters", error 420 FLOOD), and the fake keeps it so: the chat's
   * deletions are refused for the hour, its edits taken. An edit of a question whose split reply
   * has a part no longer needed, whose deletion meets an hour-long 429: that part is edited to say
   * the answer is above, as when it is too old to delete. Before, the deletion's 429 held every
   * call to the chat for the hour, so that edit was given up too, and the part went on showing the
   * end of the old answer under the new one.
   */
  @Test
  void anEditedQuestionWhosePartsDeletionMeetsAnHourLong429ShowsNoneOfTheOldAnswer()
      throws Exception {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    api.useClock(now::get); // the fake judges the 429's hour by the time the bot waited
    handler =
        FakeWiredHandler.over(
            api,
            http,
            qa,
            List.of("When did the Astana talks resume?"),
            Access.open(),
            1000,
            new ManualTimers().executor,
            FeedbackStore.open(data.resolve("flood-" + FeedbackStore.FILE)),
            data,
            now);
    ObjectNode question =
        FakeBotApi.privateText(++updateId, 42, 8, "When did the Geneva conference open?");
    handle(question);
    assertEquals(2, api.calls("sendMessage").size(), "the long answer in two parts");
    int first = api.sentMessageId(0);
    int second = api.sentMessageId(1);

    api.failNext("deleteMessage", FakeBotApi.Failure.tooManyRequestsOfTheMethod(3600));
    handle(FakeBotApi.edited(question, ++updateId, "When did the Astana talks resume?"));
    assertEquals(1, api.calls("deleteMessage:refused").size(), "the deletion's 429");
    assertEquals(2, api.calls("sendMessage").size(), "no new reply");
    assertTrue(api.shownText(42, first).contains("Astana talks resumed"), "the new answer");
    String left = api.shownText(42, second);
    assertFalse(left.contains("Geneva") || left.contains("ministers"), left);
    assertTrue(left.contains("above"), left);
    assertEquals(List.of(), api.tooSoon(), "no call before its retry_after ran out");
  }

  /**
   * In a private chat the user may delete any message, one part of a split reply too; an edit of it
   * is then refused ("message to edit not found"). The reply's other parts are still there: the
   * refused part and those after it are sent anew, the rest edited as usual. Before, the whole
   * reply was sent again as a new one: the part left (edited, or not needing an edit) showed the
   * start of the answer twice, and a part after a deleted first one went on showing the end of the
   * old answer, with its old buttons, under the new one.
   */
  @Test
  void anEditedQuestionWhoseSplitReplyLostOnePartShowsEachPartOfTheNewAnswerOnce()
      throws Exception {
    ObjectNode question =
        FakeBotApi.privateText(++updateId, 42, 8, "When did the Geneva conference open?");
    handle(question);
    assertEquals(2, api.calls("sendMessage").size(), "the long answer in two parts");
    int first = api.sentMessageId(0);
    int second = api.sentMessageId(1);
    String firstText = api.shownText(42, first);

    // The user deletes the second part (with the buttons), then edits the question a little: the
    // answer is the same, so only the second part needs an edit (its buttons are new).
    api.deleteMessage(42, second);
    ObjectNode again =
        FakeBotApi.edited(question, ++updateId, "When did the Geneva conference open??");
    handle(again);
    List<JsonNode> sent = api.calls("sendMessage").stream().map(FakeBotApi.Call::body).toList();
    assertEquals(3, sent.size(), "only the lost part sent anew: " + sent.size());
    assertTrue(hasVoteButtons(sent.get(2)), "the buttons under it");
    assertEquals(firstText, api.shownText(42, first), "the first part, as it was");

    // Then the first part: an edit to a short answer edits nothing left of the old reply, and the
    // old second part (sent anew above) does not stay under the new answer.
    int third = api.sentMessageId(2);
    api.deleteMessage(42, first);
    handle(FakeBotApi.edited(again, ++updateId, "When did the Astana talks resume?"));
    assertEquals(4, api.calls("sendMessage").size(), "answered anew");
    assertTrue(
        TelegramHtmlRules.text(api.calls("sendMessage").get(3).body().path("text").asText())
            .contains("Astana talks resumed"));
    String left = api.shownText(42, third);
    assertTrue(left == null || !left.contains("ministers"), "the old answer's end: " + left);
  }

  /**
   * Telegram may find a part too long that the bot counted within 4096 characters (sendMessage,
   * "text": "1-4096 characters after entities parsing"; the bot's count and Telegram's can differ),
   * and answers 400 "message is too long"; the bot then sends that part in pieces, so the reply is
   * more messages than parts. Before, such a reply was not remembered at all (only a reply of one
   * message a part was), and an edit of its question got a whole new reply under the old one, whose
   * messages went on showing the old answer. Now each of its messages is remembered: the edit edits
   * the first into the new answer and deletes the others, and no new reply is sent.
   */
  @Test
  void anEditedQuestionWhoseReplyTelegramSplitFurtherEditsOrDeletesEveryMessageOfIt()
      throws Exception {
    ObjectNode question =
        FakeBotApi.privateText(++updateId, 42, 8, "When did the Geneva conference open?");
    api.failNext(
        "sendMessage",
        new FakeBotApi.Failure(
            400,
            "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is too"
                + " long\"}"));
    handle(question);
    int messages = api.calls("sendMessage").size();
    assertTrue(messages > 2, "the first part went out in pieces: " + messages);
    List<Integer> ids = new java.util.ArrayList<>();
    for (int i = 0; i < messages; i++) {
      ids.add(api.sentMessageId(i));
    }

    handle(FakeBotApi.edited(question, ++updateId, "When did the Astana talks resume?"));
    assertEquals(messages, api.calls("sendMessage").size(), "no new reply under the old one");
    String first = api.shownText(42, ids.get(0));
    assertTrue(first != null && first.contains("Astana talks resumed"), "the new answer: " + first);
    for (int i = 1; i < ids.size(); i++) {
      String left = api.shownText(42, ids.get(i));
      assertTrue(
          left == null || !left.contains("Geneva") && !left.contains("ministers"),
          "message " + (i + 1) + " of the old reply still shows the old answer: " + left);
    }
  }

  /**
   * The Bot API has no idempotency key: an edit whose answer is lost, and whose one resend's answer
   * is lost too, may or may not have been made, and the bot gives the rewrite of the reply up (a
   * new reply could show the answer twice). Here Telegram made it: the first part shows the new
   * answer, the second the old one's end. Before, the bot kept remembering the reply as it was
   * before the edit, so the next edit of the question, back to the old question, skipped the first
   * part as already showing its text ("message is not modified" avoided), and the chat was left
   * with the other answer's first part above this one's second. What a reply shows after a rewrite
   * given up is not known, so every message of it is rewritten by the next edit.
   */
  @Test
  void anEditAfterARewriteWhoseOutcomeIsUnknownRewritesEveryPartAgain() throws Exception {
    ObjectNode question =
        FakeBotApi.privateText(++updateId, 42, 8, "When did the Geneva conference open?");
    handle(question);
    assertEquals(2, api.calls("sendMessage").size(), "the long answer in two parts");
    int first = api.sentMessageId(0);
    int second = api.sentMessageId(1);

    api.failNext("editMessageText", FakeBotApi.Failure.lostAfterActing());
    api.failNext("editMessageText", FakeBotApi.Failure.lostAfterActing());
    ObjectNode shorter =
        FakeBotApi.edited(question, ++updateId, "When did the Astana talks resume?");
    handle(shorter);
    assertTrue(api.shownText(42, first).contains("Astana talks resumed"), "made, unknown to it");

    handle(FakeBotApi.edited(shorter, ++updateId, "When did the Geneva conference open?"));
    String top = api.shownText(42, first);
    assertTrue(top.contains("Geneva conference opened"), "the first part shows: " + top);
    assertFalse(top.contains("Astana"), top);
    // The given-up rewrite stopped at the first part, so the second still holds the old answer's
    // end, which is this answer's again: it must still be there (deleted, the reply would have
    // lost its second half, as no new message is sent).
    String rest = api.shownText(42, second);
    assertTrue(rest != null && rest.contains("ministers"), "the second part shows: " + rest);
    assertEquals(2, api.calls("sendMessage").size(), "no new reply");
  }

  /**
   * The user deleted the question before the answer came: Telegram refuses a reply to it unless
   * allow_sending_without_reply is set; the answer still arrives.
   */
  @Test
  void aQuestionDeletedBeforeItsAnswerStillGetsTheAnswer() throws Exception {
    ObjectNode question =
        api.pressed(FakeBotApi.privateText(++updateId, 42, 9, "When did the Astana talks resume?"));
    api.deleteMessage(42, 9);
    handler.handle(FakeBotApi.JSON.treeToValue(question, Update.class));
    assertNothingRefused();
    assertEquals(1, api.calls("sendMessage").size());
  }

  /**
   * An edited question whose reply the user deleted: the edit is refused ("message to edit not
   * found") and the question answered anew, not left without an answer.
   */
  @Test
  void anEditedQuestionWhoseReplyWasDeletedIsAnsweredAnew() throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 10, "When did the Astana talks resume?"));
    api.deleteMessage(42, 1000); // the reply: the first message the fake numbers
    ObjectNode edited =
        FakeBotApi.privateText(
            ++updateId, 42, 10, "When did the Astana talks with delegates resume?");
    edited.set("edited_message", edited.remove("message"));
    ((ObjectNode) edited.get("edited_message")).put("edit_date", FakeBotApi.sentNow());
    handle(edited);
    assertEquals(1, api.calls("editMessageText:refused").size(), "the edit Telegram refused");
    List<JsonNode> sent = api.calls("sendMessage").stream().map(FakeBotApi.Call::body).toList();
    assertEquals(2, sent.size(), "answered anew");
    assertTrue(sent.get(1).path("text").asText().contains("<b>delegates</b>"), "the new answer");
    assertEquals(10, sent.get(1).path("reply_parameters").path("message_id").asInt());
  }

  /**
   * The edit of an edited question's reply, tried through five and a half minutes of 502s, is then
   * refused (the user deleted the reply meanwhile: "message to edit not found"), and the question
   * is answered anew as a new reply. That new reply is the same reply to the same edit, and has the
   * rest of its 10 minutes through an outage back, not 10 of its own: it held the chat and a worker
   * 15 and a half minutes (README: a reply is tried through an outage for up to 10 minutes).
   */
  @Test
  void anEditedQuestionAnsweredAnewAfterItsEditWasRefusedHasTheRestOfTheReplysOutagePatience()
      throws Exception {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    org.astanaqa.bot.telegram.send.Sender sender =
        FakeWiredHandler.sender(
            api, http, new UpdateHandlerTest.FakeClock(now), 500_000_000L, SenderTest.highest());
    handler =
        FakeWiredHandler.over(
            qa,
            List.of("When did the Astana talks resume?"),
            Access.open(),
            1000,
            new ManualTimers().executor,
            FeedbackStore.open(data.resolve(FeedbackStore.FILE)),
            data,
            now,
            sender,
            http);
    handle(FakeBotApi.privateText(++updateId, 42, 10, "When did the Astana talks resume?"));
    api.deleteMessage(42, 1000); // the reply: the first message the fake numbers
    for (int i = 0; i < 16; i++) {
      api.failNext("editMessageText", FakeBotApi.Failure.badGateway());
    }
    for (int i = 0; i < 200; i++) {
      api.failNext("sendMessage", FakeBotApi.Failure.badGateway()); // the outage is back
    }
    ObjectNode edited =
        FakeBotApi.privateText(
            ++updateId, 42, 10, "When did the Astana talks with delegates resume?");
    edited.set("edited_message", edited.remove("message"));
    ((ObjectNode) edited.get("edited_message")).put("edit_date", FakeBotApi.sentNow());
    long before = now.get();
    handle(edited);
    long took = now.get() - before;
    assertEquals(17, api.arrivals("editmessagetext"), "16 502s, then refused as deleted");
    assertTrue(api.arrivals("sendmessage") > 1, "answered anew, through the outage");
    assertTrue(
        took
            < org.astanaqa.bot.telegram.send.Sender.OUTAGE_PATIENCE_NANOS
                + org.astanaqa.bot.telegram.send.Sender.MAX_BACKOFF_NANOS,
        "one patience for the edit and the new reply: " + took / 1_000_000_000L + " s");
  }

  /**
   * A button press answered late (a backlog after a restart): Telegram refuses the answer ("query
   * is too old and response timeout expired"), so the toast is lost; the press itself still counts,
   * and the bot goes on.
   */
  @Test
  void aPressAnsweredTooLateStillCountsThoughTelegramRefusesTheToast() throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 11, "When did the Astana talks resume?"));
    String down = "";
    for (JsonNode row :
        api.calls("sendMessage").get(0).body().path("reply_markup").path("inline_keyboard")) {
      for (JsonNode b : row) {
        if (b.path("callback_data").asText().endsWith(":d")) {
          down = b.path("callback_data").asText();
        }
      }
    }
    ObjectNode press = api.pressed(FakeBotApi.callback(++updateId, 42, 1000, down));
    api.hoursPass(0.01); // 36 s: the bot was busy, or down
    handler.handle(FakeBotApi.JSON.treeToValue(press, Update.class));
    assertEquals(1, api.calls("answerCallbackQuery:refused").size(), "the toast Telegram refused");
    assertEquals(
        1,
        Files.readAllLines(data.resolve(FeedbackStore.FILE)).stream()
            .filter(l -> l.contains("\"down\""))
            .count(),
        "the 👎 is stored");
    handle(FakeBotApi.privateText(++updateId, 42, 12, "When did the Astana talks resume?"));
    assertEquals(2, api.calls("sendMessage").size(), "the bot goes on");
  }

  /**
   * An example question asked by its button under /start, whose answer is longer than a message as
   * Telegram counts it (sendMessage, "text": 1-4096 characters after entities parsing): sent in
   * parts the bot cut itself, at paragraphs or sentences, each within the limit, the buttons under
   * the last. Before, it went out as one message, which Telegram refused ("message is too long"),
   * and only then was it halved: a refused call each time, in a group one of its 20 a minute.
   */
  @Test
  void anExampleAskedByItsButtonWhoseAnswerIsLongerThanAMessageIsSentInPartsNeverRefused()
      throws Exception {
    handler =
        FakeWiredHandler.over(api, http, qa, List.of("When did the Geneva conference open?"), data);
    handle(FakeBotApi.privateText(++updateId, 42, 7, "/start"));
    JsonNode greeting = api.calls("sendMessage").get(0).body();
    int greetingId = api.sentMessageId(0);
    handle(
        FakeBotApi.callback(++updateId, 42, greetingId, FakeWiredHandler.button(greeting, "q:0")));
    assertNothingRefused();
    List<JsonNode> sent =
        api.calls("sendMessage").stream().skip(1).map(FakeBotApi.Call::body).toList();
    assertEquals(2, sent.size(), "the answer in two parts, not its question alone first");
    assertTrue(TelegramHtmlRules.text(sent.get(0).path("text").asText()).contains("26 April 1954"));
    for (JsonNode part : sent) {
      assertTrue(TelegramHtmlRules.length(part.path("text").asText()) <= 4096);
    }
    for (JsonNode part : sent.subList(0, sent.size() - 1)) {
      assertFalse(hasVoteButtons(part));
    }
    assertTrue(hasVoteButtons(sent.get(sent.size() - 1)), "the buttons under the last part");
  }

  /**
   * "More" whose next quote is longer than a message as Telegram counts it: sent in parts the bot
   * cut itself, the first a reply to the pressed message, the buttons under the last. Before, it
   * went out as one message that Telegram refused ("message is too long") before it was halved.
   */
  @Test
  void moreWhoseQuoteIsLongerThanAMessageIsSentInPartsNeverRefused() throws Exception {
    handle(
        FakeBotApi.privateText(
            ++updateId,
            42,
            7,
            "When did the Astana talks resume with delegates and the Geneva"
                + " conference open with ministers?"));
    JsonNode answer = api.calls("sendMessage").get(0).body();
    int answerId = api.sentMessageId(0);
    assertTrue(
        TelegramHtmlRules.text(answer.path("text").asText()).contains("Astana"), "" + answer);
    handle(FakeBotApi.callback(++updateId, 42, answerId, FakeWiredHandler.button(answer, "m:")));
    assertNothingRefused();
    List<JsonNode> sent =
        api.calls("sendMessage").stream().skip(1).map(FakeBotApi.Call::body).toList();
    assertEquals(2, sent.size(), "the next quote in two parts");
    assertTrue(TelegramHtmlRules.text(sent.get(0).path("text").asText()).contains("Geneva"));
    assertEquals(answerId, sent.get(0).path("reply_parameters").path("message_id").asInt());
    assertFalse(hasVoteButtons(sent.get(0)));
    assertTrue(hasVoteButtons(sent.get(1)), "the buttons under the last part");
  }

  /**
   * An inline answer whose quote is longer than a message (InputTextMessageContent, "message_text":
   * 1-4096 characters after entities parsing): the message a user shares holds the question, as
   * much of the quote as fits, cut with "…", and its source line. Before, the result's message was
   * the first of the parts the reply would be split into, cut at its last paragraph break within
   * the limit, which was the one after the question: the user shared the question alone, in bold,
   * with no quote and no source.
   */
  @Test
  void anInlineAnswerWhoseQuoteIsLongerThanAMessageSharesAsMuchOfTheQuoteAsFitsAndItsSource()
      throws Exception {
    ObjectNode asked = FakeBotApi.inline(++updateId, 42, "When did the Geneva conference open?");
    handle(asked);
    assertNothingRefused();
    JsonNode results = api.calls("answerInlineQuery").get(0).body().path("results");
    assertTrue(results.size() >= 1, "" + results);
    String html = results.get(0).path("input_message_content").path("message_text").asText();
    String shown = TelegramHtmlRules.text(html);
    assertTrue(shown.length() <= 4096, "within the limit: " + shown.length());
    assertTrue(shown.startsWith("When did the Geneva conference open?"), shown);
    assertTrue(shown.contains("Geneva conference opened on 26 April 1954"), "the quote: " + shown);
    assertTrue(shown.contains("\u2026"), "cut with an ellipsis");
    assertTrue(shown.strip().endsWith("b.txt"), "its source line last");
    assertTrue(shown.length() > 4000, "as much of the quote as fits: " + shown.length());
  }
}
