package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.render.TelegramHtmlRules;
import org.astanaqa.bot.telegram.receive.LongPoller;
import org.astanaqa.bot.telegram.receive.UpdateDispatcher;
import org.astanaqa.bot.telegram.receive.UpdateJournal;
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
 * Telegram's unkind rules against the bot, through the real TelegramBots client and the {@link
 * FakeBotApi}: a pressed message that Telegram will not edit (deleted, inaccessible, "message can't
 * be edited"), answers lost after Telegram carried the call out (an edit, a callback answer, a
 * poll), a 429 on getUpdates longer than a minute, and the 100 formatting entities a message keeps.
 */
class TelegramUnkindRulesTest {
  private static final String TOKEN = FakeWiredHandler.TOKEN;
  private static final String QUESTION = "When did the Astana talks resume?";

  @TempDir static Path corpus;
  private static QuestionAnswerer qa;

  @TempDir Path data;
  private FakeBotApi api;
  private OkHttpClient http;
  private UpdateHandler handler;
  private long updateId;

  @BeforeAll
  static void openIndex() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), FakeWiredHandler.TALKS, StandardCharsets.UTF_8);
    // One sentence that names Geneva 121 times: its quote has 99 words in bold.
    Files.writeString(
        corpus.resolve("b.txt"),
        "The Geneva conference of 1954 was attended by "
            + "Geneva ministers, ".repeat(120)
            + "and their advisers. The talks ended in July.\n",
        StandardCharsets.UTF_8);
    // A line with no sentence end: a 60,000-character blob between two short phrases.
    Files.writeString(
        corpus.resolve("c.txt"),
        "The caravan crossed the steppe carrying " + "q".repeat(60_000) + " to Almaty.\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        corpus.resolve("metadata.json"),
        "{\"documents\":{\"b\":{\"title\":\"Geneva 1954\",\"publisher\":\"Archive\","
            + "\"url\":\"https://example.org/geneva\"}}}",
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
    handler = FakeWiredHandler.over(api, http, qa, List.of(QUESTION), data);
  }

  @AfterEach
  void close() {
    FakeWiredHandler.close(api, http);
  }

  private void handle(ObjectNode update) throws Exception {
    FakeWiredHandler.handle(handler, api, update);
  }

  private List<JsonNode> bodies(String method) {
    return api.calls(method).stream().map(FakeBotApi.Call::body).toList();
  }

  /** Asks the question in chat 42 (message 10); the answer is the fake's message 1000. */
  private JsonNode ask() throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 10, QUESTION));
    assertEquals(1, api.calls("sendMessage").size());
    return api.calls("sendMessage").get(0).body();
  }

  /**
   * A handler whose fake Bot API and bot share one clock, returned for the test to move, so that
   * the fake judges the bot's waits by the time it waited.
   */
  private java.util.concurrent.atomic.AtomicLong onSharedClock() throws Exception {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    api.useClock(now::get);
    handler =
        FakeWiredHandler.over(
            api,
            http,
            qa,
            List.of(QUESTION),
            Access.open(),
            1000,
            new ManualTimers().executor,
            FeedbackStore.open(data.resolve("flood-" + FeedbackStore.FILE)),
            data,
            now);
    return now;
  }

  /**
   * Telegram may answer any method 429, not only messages: here a button's answer, the edit that
   * shows the full passage, "typing..." and a deletion each get one, on a clock the fake shares
   * with the bot, so that the fake judges the bot's waits by the time it waited. The bot asks no
   * method again before its retry_after ran out (the fake notes any call that does), the press is
   * answered, the passage shown, the reply after the refused "typing..." delivered once, the
   * message deleted, and nothing is logged as an error.
   */
  @Test
  void every429ToAnyMethodIsWaitedOutAndNoCallComesBeforeItsRetryAfter() throws Exception {
    java.util.concurrent.atomic.AtomicLong now = onSharedClock();
    try (LogCapture logs = new LogCapture()) {
      JsonNode answer = ask();
      api.failNext("answerCallbackQuery", FakeBotApi.Failure.tooManyRequests(2));
      api.failNext("editMessageText", FakeBotApi.Failure.tooManyRequests(3));
      handle(FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "f:")));
      assertEquals(1, api.calls("answerCallbackQuery").size(), "the press answered");
      assertEquals(1, api.calls("editMessageText").size(), "the passage shown");
      String shown =
          TelegramHtmlRules.text(api.calls("editMessageText").get(0).body().path("text").asText());
      assertTrue(shown.contains("Observers from Jordan"), shown);

      org.astanaqa.bot.telegram.send.Sender sender = FakeWiredHandler.sender(api, http, now);
      api.failNext("sendChatAction", FakeBotApi.Failure.tooManyRequests(4));
      sender.execute(
          org.telegram.telegrambots.meta.api.methods.send.SendChatAction.builder()
              .chatId(42L)
              .action("typing")
              .build());
      sender.execute(
          org.telegram.telegrambots.meta.api.methods.send.SendMessage.builder()
              .chatId(42L)
              .text("after typing")
              .build());
      assertEquals(
          1,
          api.calls("sendMessage").stream()
              .filter(c -> c.body().path("text").asText().equals("after typing"))
              .count(),
          "the reply after a refused chat action, once");
      api.failNext("deleteMessage", FakeBotApi.Failure.tooManyRequests(2));
      assertTrue(
          sender
              .attempt(
                  org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage
                      .builder()
                      .chatId(42L)
                      .messageId(1000)
                      .build())
              .done(),
          "deleted after the wait");
      assertEquals(List.of(), api.tooSoon(), "no call before its retry_after ran out");
      assertEquals(List.of(), logs.atLeast(Level.ERROR));
    }
  }

  /**
   * The other methods the bot calls, each told a 429 as the test above tells its four: a reply
   * (sendMessage), an inline query's answer and the command menu (setMyCommands) are each asked
   * again only once its retry_after ran out, on a clock the fake shares with the bot, and each is
   * carried out. (The bot calls no editMessageReplyMarkup: its buttons change with their text.)
   */
  @Test
  void aRetryAfterOnAReplyAnInlineAnswerAndTheCommandMenuIsWaitedOut() throws Exception {
    java.util.concurrent.atomic.AtomicLong now = onSharedClock();
    try (LogCapture logs = new LogCapture()) {
      api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(3));
      ask(); // the reply, once, after its wait
      assertEquals(1, api.calls("sendMessage:refused").size(), "the 429");
      api.failNext("answerInlineQuery", FakeBotApi.Failure.tooManyRequests(2));
      handle(FakeBotApi.inline(++updateId, 42, "Sochi memorandum"));
      assertEquals(1, api.calls("answerInlineQuery").size(), "the inline answer, after its wait");
      api.failNext("setMyCommands", FakeBotApi.Failure.tooManyRequests(4));
      assertTrue(
          FakeWiredHandler.sender(api, http, now)
              .execute(
                  org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands.builder()
                      .command(
                          new org.telegram.telegrambots.meta.api.objects.commands.BotCommand(
                              "help", "How to ask"))
                      .build())
              .isPresent(),
          "the menu set after its wait");
      assertEquals(1, api.calls("setMyCommands").size());
      assertEquals(List.of(), api.tooSoon(), "no call before its retry_after ran out");
      assertEquals(List.of(), logs.atLeast(Level.ERROR));
    }
  }

  /**
   * "Full passage" under an answer Telegram will not edit (400 "message can't be edited"): before,
   * the user saw nothing (the spinner stopped, the passage never came). Now the passage comes as a
   * new reply to the answer, with its buttons, and the press is answered once.
   */
  @Test
  void aFullPassageTelegramWillNotEditIntoItsMessageComesAsANewReply() throws Exception {
    JsonNode answer = ask();
    api.uneditable(42, 1000);
    handle(FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "f:")));
    assertEquals(1, api.calls("editMessageText:refused").size(), "the edit Telegram refused");
    List<JsonNode> sent = bodies("sendMessage");
    assertEquals(2, sent.size(), "the passage as a new message");
    String shown = TelegramHtmlRules.text(sent.get(1).path("text").asText());
    assertTrue(shown.contains("Observers from Jordan"), "the whole passage: " + shown);
    assertEquals(1000, sent.get(1).path("reply_parameters").path("message_id").asInt());
    assertTrue(sent.get(1).path("reply_markup").toString().contains("\"v:"), "with its buttons");
    assertEquals(1, api.calls("answerCallbackQuery").size(), "the press answered");
    assertEquals(List.of(), api.calls("answerCallbackQuery:refused"));
  }

  /**
   * A double tap (or a second press later) on "Full passage" under an answer Telegram will not
   * edit: each press found the answer still showing the quote, as no edit ever changed it, and each
   * sent the whole passage as a new reply, so the chat showed it twice. Now the second press shows
   * nothing new and tries no edit Telegram would refuse again; its toast says the passage is below.
   */
  @Test
  void aDoubleTapOnFullPassageTelegramWillNotEditSendsThePassageOnce() throws Exception {
    JsonNode answer = ask();
    api.uneditable(42, 1000);
    String full = FakeWiredHandler.button(answer, "f:");
    handle(FakeBotApi.callback(++updateId, 42, 1000, full));
    handle(FakeBotApi.callback(++updateId, 42, 1000, full));
    assertEquals(2, bodies("sendMessage").size(), "the answer and the passage, once");
    assertEquals(1, api.calls("editMessageText:refused").size(), "one edit tried, refused");
    assertEquals(2, api.calls("answerCallbackQuery").size(), "both presses answered");
    assertTrue(
        bodies("answerCallbackQuery").get(1).path("text").asText().contains("below"),
        bodies("answerCallbackQuery").get(1).toString());
  }

  /**
   * The bot removed from a group while a question there waits for its answer: Telegram refuses
   * every call to the group with 403 "bot was kicked from the supergroup chat". The reply is tried
   * once, never again nor waited out, nothing is logged above INFO, and the group's next question
   * costs one refused call too.
   */
  @Test
  void aGroupThatRemovedTheBotCostsOneRefusedCallAQuestionAndNoRetry() throws Exception {
    api.kickedFrom(-100);
    try (LogCapture logs = new LogCapture()) {
      long t0 = System.nanoTime();
      handle(FakeBotApi.groupText(++updateId, -100, 5, 10, "/ask " + QUESTION));
      handle(FakeBotApi.groupText(++updateId, -100, 6, 11, "/ask@AstanaQaBot " + QUESTION));
      assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "no wait");
      assertEquals(2, api.calls("sendMessage:refused").size(), "one try each");
      assertEquals(List.of(), api.calls("sendMessage"));
      assertEquals(List.of(), logs.atLeast(Level.WARN));
    }
  }

  /**
   * A quote of 60,000 characters (a line with no sentence end) was one answer in 15 messages, at
   * one a second in the chat. Now the answer shows it cut, in a few messages, with "Full passage",
   * which sends at most 16,000 characters below it, in a few more; Telegram refuses nothing.
   */
  @Test
  void aSixtyThousandCharacterQuoteIsAFewMessagesNotFifteen() throws Exception {
    handle(
        FakeBotApi.privateText(
            ++updateId, 42, 10, "What did the caravan carry across the steppe?"));
    List<JsonNode> answer = bodies("sendMessage");
    assertTrue(answer.size() <= 4, answer.size() + " messages");
    JsonNode last = answer.get(answer.size() - 1);
    assertTrue(TelegramHtmlRules.text(answer.get(0).path("text").asText()).contains("caravan"));
    handle(
        FakeBotApi.callback(
            ++updateId,
            42,
            api.sentMessageId(answer.size() - 1),
            FakeWiredHandler.button(last, "f:")));
    int full = bodies("sendMessage").size() - answer.size();
    assertTrue(full >= 1 && full <= 5, full + " messages for the full passage");
    assertEquals(List.of(), api.refused().stream().map(c -> c.method() + " " + c.body()).toList());
  }

  /**
   * The answer was deleted after its button was pressed: Telegram's callback query then carries an
   * InaccessibleMessage (its chat, its id, date 0). "Full passage" is sent as a new message (no
   * edit is tried, Telegram would refuse it), "More" still sends the next quote, 👎 is still
   * stored; every press is answered, and Telegram refuses nothing.
   */
  @Test
  void pressesOnAnAnswerDeletedMeanwhileStillShowWhatWasAsked() throws Exception {
    JsonNode answer = ask();
    api.deleteMessage(42, 1000);
    handle(FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "f:")));
    handle(FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "m:")));
    handle(FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.thumbsDown(answer)));
    assertEquals(List.of(), api.refused().stream().map(c -> c.method() + " " + c.body()).toList());
    assertEquals(List.of(), api.calls("editMessageText"), "no edit of a message that is gone");
    List<JsonNode> sent = bodies("sendMessage");
    assertEquals(3, sent.size(), "the answer, the full passage, the next quote");
    assertTrue(
        TelegramHtmlRules.text(sent.get(1).path("text").asText()).contains("Observers from Jordan"),
        sent.get(1).toString());
    assertTrue(
        sent.get(1).path("reply_parameters").path("allow_sending_without_reply").asBoolean());
    assertTrue(
        TelegramHtmlRules.text(sent.get(2).path("text").asText()).contains("Astana format"),
        "More: the next quote " + sent.get(2));
    assertEquals(3, api.calls("answerCallbackQuery").size(), "every press answered");
    assertTrue(
        Files.readString(data.resolve(FeedbackStore.FILE)).contains("\"down\""), "👎 stored");
  }

  /**
   * The answer was deleted after the press reached Telegram (the callback query still carries the
   * whole message) and before the bot edited it: the edit is refused ("message to edit not found")
   * and the passage comes as a new message, sent without the reply to the message that is gone.
   */
  @Test
  void anAnswerDeletedBetweenThePressAndTheEditGetsThePassageAsANewMessage() throws Exception {
    JsonNode answer = ask();
    ObjectNode press =
        api.pressed(
            FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "f:")));
    api.deleteMessage(42, 1000);
    handler.handle(FakeBotApi.JSON.treeToValue(press, Update.class));
    assertEquals(1, api.calls("editMessageText:refused").size(), "message to edit not found");
    List<JsonNode> sent = bodies("sendMessage");
    assertEquals(2, sent.size());
    assertTrue(
        TelegramHtmlRules.text(sent.get(1).path("text").asText())
            .contains("Observers from Jordan"));
    assertEquals(List.of(), api.calls("sendMessage:refused"), "allow_sending_without_reply");
    assertEquals(1, api.calls("answerCallbackQuery").size());
  }

  /**
   * An edited question whose reply's edit Telegram carried out but whose answer was lost: the one
   * resend finds "message is not modified", which means the first edit was made. Before, the bot
   * took it as a failed edit and answered anew: the user got a second reply.
   */
  @Test
  void anEditWhoseAnswerWasLostIsNotFollowedByASecondReply() throws Exception {
    ask();
    api.failNext("editMessageText", FakeBotApi.Failure.lostAfterActing());
    ObjectNode edited =
        FakeBotApi.privateText(++updateId, 42, 10, "When did the Astana talks resume in 2017?");
    edited.set("edited_message", edited.remove("message"));
    ((ObjectNode) edited.get("edited_message")).put("edit_date", FakeBotApi.sentNow());
    handle(edited);
    assertEquals(1, api.calls("editMessageText").size(), "the edit, carried out");
    assertEquals(
        1, api.calls("editMessageText:refused").size(), "the resend: message is not modified");
    assertEquals(1, api.calls("sendMessage").size(), "no second reply");
  }

  /**
   * Telegram sends an edited_message when nothing was edited, for instance when a question gets its
   * first reaction (tdlib/telegram-bot-api#388: "There is no way to always avoid edited_message
   * updates without actual changes for bots"). Before, the bot took it for an edited question: it
   * asked again and edited its reply to the same words, and after a restart (the replies it
   * remembers are in memory) it answered the question a second time. Now an edited_message without
   * an edit_date (one its author never edited), or with the text the bot last read in it, is no
   * edit; a real edit still edits the reply.
   */
  @Test
  void aReactionToAQuestionIsNoEditAndGetsNoSecondAnswer() throws Exception {
    ObjectNode question = FakeBotApi.privateText(++updateId, 42, 10, QUESTION);
    handle(question);
    assertEquals(1, api.calls("sendMessage").size());
    handle(FakeBotApi.reactedTo(question, ++updateId));
    assertEquals(1, api.calls("sendMessage").size(), "no second answer");
    assertEquals(List.of(), api.calls("editMessageText"), "nor its reply edited to the same");
    ObjectNode edit =
        FakeBotApi.edited(question, ++updateId, "When did the Astana talks resume in 2017?");
    handle(edit);
    assertEquals(1, api.calls("editMessageText").size(), "a real edit edits the reply");
    handle(FakeBotApi.reactedTo(edit, ++updateId)); // its edit_date is the real edit's
    assertEquals(1, api.calls("editMessageText").size(), "the same text read again is no edit");
    ObjectNode other = FakeBotApi.privateText(++updateId, 42, 20, "/help");
    handle(other);
    handler = FakeWiredHandler.over(api, http, qa, List.of(QUESTION), data); // a restart
    handle(FakeBotApi.reactedTo(question, ++updateId));
    handle(FakeBotApi.reactedTo(other, ++updateId));
    assertEquals(2, api.calls("sendMessage").size(), "nothing answered again after the restart");
    assertEquals(1, api.calls("editMessageText").size());
    assertEquals(List.of(), api.refused());
  }

  /**
   * The reaction to an edited question comes after a restart: its edited_message carries the edit
   * date of the real edit, which the bot acted on before the restart, and the same text. Before,
   * the bot remembered the text it last read in memory only, took the reaction for a new edit and
   * answered the question a second time, as a new reply under the edited one. Now the edits it
   * acted on are kept in {@code <dataDir>/telegram-edits}: that version of the question is no edit,
   * also after the restart; an edit made after the restart (a later edit date, new words) is
   * answered.
   */
  @Test
  void aReactionToAnEditedQuestionAfterARestartGetsNoSecondAnswer() throws Exception {
    ObjectNode question = FakeBotApi.privateText(++updateId, 42, 10, QUESTION);
    handle(question);
    ObjectNode edit =
        FakeBotApi.edited(question, ++updateId, "When did the Astana talks resume in 2017?");
    handle(edit);
    assertEquals(1, api.calls("sendMessage").size());
    assertEquals(1, api.calls("editMessageText").size(), "the real edit edits the reply");
    handler = FakeWiredHandler.over(api, http, qa, List.of(QUESTION), data); // a restart
    handle(FakeBotApi.reactedTo(edit, ++updateId)); // the real edit's edit_date, the same text
    assertEquals(1, api.calls("sendMessage").size(), "no second answer after the restart");
    assertEquals(1, api.calls("editMessageText").size(), "nor an edit");
    ObjectNode again = FakeBotApi.edited(edit, ++updateId, "Who took part in the Astana talks?");
    assertTrue(
        again.path("edited_message").path("edit_date").asInt()
            > edit.path("edited_message").path("edit_date").asInt());
    handle(again);
    List<JsonNode> sent = bodies("sendMessage");
    assertEquals(2, sent.size(), "an edit made after the restart is answered (a new reply)");
    assertEquals(10, sent.get(1).path("reply_parameters").path("message_id").asInt());
    handle(FakeBotApi.reactedTo(again, ++updateId));
    assertEquals(2, api.calls("sendMessage").size(), "its reaction is no edit either");
    assertEquals(1, api.calls("editMessageText").size());
    assertEquals(List.of(), api.refused());
  }

  /**
   * After a restart, the user edits an edited question again, changing only its formatting (a word
   * made bold): Telegram sends an edited_message with a later edit_date and the same text. Within a
   * run such an edit is no new question (the text read last is remembered), but the versions kept
   * across a restart were matched by edit date and text together, so it was answered a second time,
   * as a new reply under the one that already answers those words. A version is now matched by its
   * text, as within a run.
   */
  @Test
  void aFormattingOnlyEditOfAnEditedQuestionAfterARestartGetsNoSecondAnswer() throws Exception {
    ObjectNode question = FakeBotApi.privateText(++updateId, 42, 10, QUESTION);
    handle(question);
    ObjectNode edit =
        FakeBotApi.edited(question, ++updateId, "When did the Astana talks resume in 2017?");
    handle(edit);
    assertEquals(1, api.calls("sendMessage").size());
    assertEquals(1, api.calls("editMessageText").size());
    handler = FakeWiredHandler.over(api, http, qa, List.of(QUESTION), data); // a restart
    ObjectNode bolded =
        FakeBotApi.edited(edit, ++updateId, "When did the Astana talks resume in 2017?");
    ((ObjectNode) bolded.get("edited_message"))
        .putArray("entities")
        .addObject()
        .put("type", "bold")
        .put("offset", 0)
        .put("length", 4);
    assertTrue(
        bolded.path("edited_message").path("edit_date").asInt()
            > edit.path("edited_message").path("edit_date").asInt());
    handle(bolded);
    assertEquals(1, api.calls("sendMessage").size(), "no second answer to the same words");
    assertEquals(1, api.calls("editMessageText").size(), "nor an edit");
    handle(FakeBotApi.edited(bolded, ++updateId, "Who took part in the Astana talks?"));
    assertEquals(2, api.calls("sendMessage").size(), "new words are answered (a new reply)");
    assertEquals(List.of(), api.refused());
  }

  /**
   * A group became a supergroup while its question waited (sendMessage: 400 with {@code
   * migrate_to_chat_id}): the answer goes to the supergroup, and there its buttons are pressed and
   * it is replied to. Before, the buttons said "expired" (the answer was kept for the old group's
   * id) and a reply to it was no follow-up; the README promises both in the chat the answer was
   * sent to.
   */
  @Test
  void anAnswerThatFollowedItsGroupToASupergroupKeepsItsButtonsAndFollowUpsThere()
      throws Exception {
    long group = -100;
    long supergroup = -1001234567890L;
    api.migrate(group, supergroup);
    handle(FakeBotApi.groupText(++updateId, group, 5, 10, "/ask " + QUESTION));
    JsonNode answer = api.calls("sendMessage").get(0).body();
    assertEquals(supergroup, answer.path("chat_id").asLong(), "answered in the supergroup");
    handle(
        FakeBotApi.callback(
            ++updateId, supergroup, 5, 1000, FakeWiredHandler.button(answer, "m:")));
    List<JsonNode> toasts = bodies("answerCallbackQuery");
    assertEquals(1, toasts.size());
    assertEquals("", toasts.get(0).path("text").asText(""), "not 'expired': " + toasts);
    List<JsonNode> sent = bodies("sendMessage");
    assertEquals(2, sent.size(), "More: the next quote");
    assertEquals(supergroup, sent.get(1).path("chat_id").asLong());
    ObjectNode reply =
        FakeBotApi.groupText(++updateId, supergroup, 5, 11, "Who proposed this format?");
    FakeBotApi.replyingToBot(reply, 1000, answer.path("text").asText());
    handle(reply);
    String followUp = bodies("sendMessage").get(2).path("text").asText();
    assertTrue(followUp.startsWith("Answering: <i>"), "a follow-up of the answer: " + followUp);
  }

  /**
   * A question asked in a group (its message 10) whose answer follows the group to the supergroup
   * it became: a message id names a message of its own chat (ReplyParameters, "message_id:
   * Identifier of the message that will be replied to in the current chat"), and the supergroup's
   * ids start anew, so the group's id 10 there is someone else's message 10. The answer went out as
   * a reply to it, quoting the wrong message; where the supergroup had no message 10 yet, only
   * allow_sending_without_reply kept it from "message to be replied not found". An answer that
   * moves chats replies to nothing; the question's own group is read-only now.
   */
  @Test
  void anAnswerThatFollowedItsGroupToASupergroupRepliesToNoMessageOfTheSupergroup()
      throws Exception {
    long group = -100;
    long supergroup = -1001234567890L;
    api.pressed(FakeBotApi.groupText(++updateId, supergroup, 6, 10, "unrelated chatter"));
    api.migrate(group, supergroup);
    handle(FakeBotApi.groupText(++updateId, group, 5, 10, "/ask " + QUESTION));
    List<FakeBotApi.Call> sent = api.calls("sendMessage");
    assertEquals(1, sent.size(), "answered: " + api.refused());
    JsonNode answer = sent.get(0).body();
    assertEquals(supergroup, answer.path("chat_id").asLong(), "answered in the supergroup");
    assertEquals(
        null,
        api.repliesTo(supergroup, 1000),
        "a reply to the supergroup's own message 10: " + answer.path("reply_parameters"));
    assertTrue(answer.path("reply_parameters").isMissingNode(), answer.toString());
  }

  /**
   * An /ask whose question runs over several lines (Shift+Enter, or a pasted question), edited to
   * another question of several lines: its answer is edited. The test for "/ask" did not match
   * across a line break, so the edit was taken for an edited command other than /ask and ignored,
   * the old answer left under the new question.
   */
  @Test
  void anEditedAskOfSeveralLinesEditsItsAnswer() throws Exception {
    ObjectNode asked =
        FakeBotApi.groupText(++updateId, -1001, 5, 10, "/ask When did the Astana talks\nresume?");
    handle(asked);
    assertEquals(1, api.calls("sendMessage").size(), "answered");
    handle(FakeBotApi.edited(asked, ++updateId, "/ask Who proposed\nthe Astana format?"));
    assertEquals(1, api.calls("sendMessage").size(), "no second answer");
    List<JsonNode> edits = bodies("editMessageText");
    assertEquals(1, edits.size(), "the answer edited");
    assertTrue(
        TelegramHtmlRules.text(edits.get(0).path("text").asText()).contains("proposed by Russia"),
        edits.toString());
  }

  /**
   * A reply Telegram carried out whose answer was lost: the bot cannot know it arrived (the Bot API
   * has no idempotency key), so it sends it once more and the chat sees it twice; that is said at
   * WARN, so an operator can tell a duplicate a user reports from a bug. Never a third copy.
   */
  @Test
  void aReplyWhoseAnswerWasLostIsSentOnceMoreAndTheLogSaysItMayBeSeenTwice() throws Exception {
    api.failNext("sendMessage", FakeBotApi.Failure.lostAfterActing());
    api.failNext("sendMessage", FakeBotApi.Failure.lostAfterActing());
    try (LogCapture logs = new LogCapture()) {
      handle(FakeBotApi.privateText(++updateId, 42, 10, QUESTION));
      assertEquals(2, api.calls("sendMessage").size(), "carried out twice, never a third time");
      assertEquals(
          1,
          logs.atLeast(Level.WARN).stream().filter(l -> l.contains("may see it twice")).count(),
          logs.atLeast(Level.WARN).toString());
    }
  }

  /**
   * The first part of a reply in three parts was carried out twice and its answer lost both times
   * (a network that drops answers, or nginx's 504 twice: the Bot API behind it was slow, not idle).
   * The bot sends it no third time; but the part may well have arrived, and the parts after it were
   * dropped with it as if it had not: the chat saw the answer cut off after its first part, without
   * its buttons, for good (its update done). They are sent, in order, the buttons under the last;
   * the log says which part the chat may see twice, or, were both tries lost, miss.
   */
  @Test
  void aPartOfASplitReplyWhoseAnswerIsLostTwiceIsFollowedByTheRestOfTheReply() throws Exception {
    handle(
        FakeBotApi.privateText(
            ++updateId, 42, 10, "What did the caravan carry across the steppe?"));
    List<String> whole = bodies("sendMessage").stream().map(b -> b.path("text").asText()).toList();
    assertTrue(whole.size() >= 3, whole.size() + " parts");
    api.failNext("sendMessage", FakeBotApi.Failure.lostAfterActing());
    api.failNext("sendMessage", FakeBotApi.Failure.gatewayTimeoutAfterActing());
    try (LogCapture logs = new LogCapture()) {
      handle(
          FakeBotApi.privateText(
              ++updateId, 42, 11, "What did the caravan carry across the steppe?"));
      List<JsonNode> sent =
          bodies("sendMessage").subList(whole.size(), bodies("sendMessage").size());
      List<String> texts = sent.stream().map(b -> b.path("text").asText()).toList();
      List<String> expected = new java.util.ArrayList<>(whole);
      expected.add(0, whole.get(0)); // the first part twice: carried out at both tries
      assertEquals(expected, texts, "every part, in order, the first twice, none a third time");
      assertTrue(sent.get(sent.size() - 1).has("reply_markup"), "the buttons under the last");
      assertEquals(
          1,
          logs.atLeast(Level.WARN).stream()
              .filter(l -> l.contains("part 1 of " + whole.size()) && l.contains("may have"))
              .count(),
          logs.atLeast(Level.WARN).toString());
    }
  }

  /**
   * A callback answer Telegram carried out whose answer was lost: the resend is refused ("query is
   * too old ... or query ID is invalid"), which after a lost answer means the first one arrived:
   * not logged as a toast that failed.
   */
  @Test
  void aCallbackAnswerWhoseAnswerWasLostIsNotReportedAsLost() throws Exception {
    JsonNode answer = ask();
    api.failNext("answerCallbackQuery", FakeBotApi.Failure.lostAfterActing());
    try (LogCapture logs = new LogCapture()) {
      handle(FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "v:")));
      assertEquals(1, api.calls("answerCallbackQuery").size(), "the toast, shown once");
      assertEquals(1, api.calls("answerCallbackQuery:refused").size(), "the resend");
      assertEquals(List.of(), logs.atLeast(Level.WARN));
    }
  }

  /**
   * A button's or an inline query's answer whose answer is lost twice: the first try was carried
   * out (the toast and the results were shown), the retry reached Telegram too and its answer was
   * lost as well. Whether either took is not known, as when the retry is refused "query is too
   * old"; before, the second loss was logged at WARN as "not delivered" while the first was an INFO
   * "outcome unknown". Now both are the same INFO, and nothing is sent a third time.
   */
  @Test
  void aQueryAnswerWhoseAnswerIsLostTwiceIsLoggedAsUnknownNotAsUndelivered() throws Exception {
    JsonNode answer = ask();
    for (String method : List.of("answerCallbackQuery", "answerInlineQuery")) {
      api.failNext(method, FakeBotApi.Failure.lostAfterActing());
      api.failNext(method, FakeBotApi.Failure.lostAfterActing());
    }
    try (LogCapture logs = new LogCapture()) {
      handle(FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "v:")));
      handle(FakeBotApi.inline(++updateId, 42, QUESTION));
      assertEquals(1, api.calls("answerCallbackQuery").size(), "the toast, shown by the first try");
      assertEquals(1, api.calls("answerCallbackQuery:refused").size(), "the retry, and no third");
      assertEquals(1, api.calls("answerInlineQuery").size(), "the results, given by the first try");
      assertEquals(1, api.calls("answerInlineQuery:refused").size(), "the retry, and no third");
      assertEquals(List.of(), logs.atLeast(Level.WARN));
      List<String> unknown =
          logs.atLeast(Level.INFO).stream().filter(l -> l.contains("outcome unknown")).toList();
      assertEquals(2, unknown.size(), logs.atLeast(Level.INFO).toString());
    }
  }

  /**
   * Review 18: a button's or an inline query's answer that got a 502 at every try was logged at
   * INFO as "outcome unknown", so an outage of Telegram's for presses left no WARN. A 5xx is an
   * answer (the front end's): had the Bot API carried the call out, one of the tries would most
   * likely have said so, so it is a WARN "not delivered"; only a try whose answer was lost makes
   * the outcome unknown (the test above).
   */
  @Test
  void aQueryAnswerThatGotA5xxAtEveryTryIsAWarnNotAnOutcomeUnknown() throws Exception {
    JsonNode answer = ask();
    for (String method : List.of("answerCallbackQuery", "answerInlineQuery")) {
      for (int i = 0; i < org.astanaqa.bot.telegram.send.Sender.MAX_ATTEMPTS; i++) {
        api.failNext(method, FakeBotApi.Failure.badGateway());
      }
    }
    try (LogCapture logs = new LogCapture()) {
      handle(FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "v:")));
      handle(FakeBotApi.inline(++updateId, 42, QUESTION));
      assertEquals(0, api.calls("answerCallbackQuery").size(), "no toast shown");
      assertEquals(0, api.calls("answerInlineQuery").size(), "no results given");
      List<String> warnings = logs.atLeast(Level.WARN);
      assertEquals(2, warnings.size(), warnings.toString());
      assertTrue(
          warnings.get(0).contains("answercallbackquery not delivered: error 502"),
          warnings.get(0));
      assertTrue(
          warnings.get(1).contains("answerInlineQuery not delivered: error 502"), warnings.get(1));
      assertEquals(
          List.of(),
          logs.atLeast(Level.INFO).stream().filter(l -> l.contains("outcome unknown")).toList());
    }
  }

  /**
   * A 504 on a button's or an inline query's answer (nginx gave up waiting for the Bot API, which
   * had answered the query): the retry is refused "query is too old", which Telegram says of a
   * query answered already as of one expired, so the first try's outcome stays unknown. Before,
   * that was logged at WARN as "not delivered", though the toast and the results had been shown;
   * now at INFO as an outcome not known. A first try Telegram refuses as too old is still a WARN:
   * nothing was shown.
   */
  @Test
  void aQueryAnswerRetriedAfterA504AndRefusedAsTooOldIsLoggedAsUnknownNotAsUndelivered()
      throws Exception {
    JsonNode answer = ask();
    api.failNext("answerCallbackQuery", FakeBotApi.Failure.gatewayTimeoutAfterActing());
    api.failNext("answerInlineQuery", FakeBotApi.Failure.gatewayTimeoutAfterActing());
    try (LogCapture logs = new LogCapture()) {
      handle(FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "v:")));
      handle(FakeBotApi.inline(++updateId, 42, QUESTION));
      assertEquals(1, api.calls("answerCallbackQuery").size(), "the toast, shown by the first try");
      assertEquals(1, api.calls("answerCallbackQuery:refused").size(), "the retry");
      assertEquals(1, api.calls("answerInlineQuery").size(), "the results, given by the first try");
      assertEquals(1, api.calls("answerInlineQuery:refused").size(), "the retry");
      assertEquals(List.of(), logs.atLeast(Level.WARN));
      List<String> unknown =
          logs.atLeast(Level.INFO).stream().filter(l -> l.contains("outcome unknown")).toList();
      assertEquals(2, unknown.size(), logs.atLeast(Level.INFO).toString());
      assertTrue(unknown.get(0).startsWith("INFO Sender: answercallbackquery"), unknown.get(0));
      assertTrue(unknown.get(1).startsWith("INFO Sender: answerInlineQuery"), unknown.get(1));
    }
    try (LogCapture logs = new LogCapture()) {
      ObjectNode late =
          api.pressed(
              FakeBotApi.callback(++updateId, 42, 1000, FakeWiredHandler.button(answer, "v:")));
      api.hoursPass(0.01); // 36 s: answered too late, at the first try
      handler.handle(FakeBotApi.JSON.treeToValue(late, Update.class));
      List<String> warnings = logs.atLeast(Level.WARN);
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("not delivered: error 400"), warnings.get(0));
    }
  }

  /**
   * A quote with 99 words of the question in bold, so 102 entities with its confidence line and
   * source line: Telegram keeps a message's first 100 formatting entities and shows the rest as
   * plain text, which would have cost the source line its italics and link. The bot unbolds the
   * last words instead; the text is the same.
   */
  @Test
  void anAnswerWithMoreThanAHundredBoldWordsKeepsItsSourceLinkWithinTelegramsLimit()
      throws Exception {
    handle(FakeBotApi.privateText(++updateId, 42, 11, "What did the Geneva ministers attend?"));
    JsonNode answer = api.calls("sendMessage").get(0).body();
    String html = answer.path("text").asText();
    assertTrue(html.contains("<a href=\"https://example.org/geneva\">"), html);
    assertTrue(TelegramHtmlRules.text(html).contains("Geneva ministers, ".repeat(90)), html);
    assertEquals(FakeBotApi.MAX_ENTITIES, FakeBotApi.entities(html), html);
    assertTrue(
        html.endsWith("<a href=\"https://example.org/geneva\"><i>Geneva 1954</i></a>, Archive"),
        "the source line keeps its link and italics: " + html);
    assertEquals(List.of(), api.entitiesDropped());
  }

  /** Without the limit the quote above would carry more than 100 entities: the test would fail. */
  @Test
  void theEntityLimitUnboldsTheLastWordsAndKeepsTheTextTheFirstBoldAndTheSourceLine() {
    String html =
        "<b>Direct</b>\n<i>Likely answer:</i>\n\u00ab"
            + "<b>word</b> &amp; ".repeat(150)
            + "\u00bb\n\n\u2014 <a href=\"https://x.org/?a=1&amp;b=2\"><i>Title</i></a>";
    assertTrue(FakeBotApi.entities(html) > FakeBotApi.MAX_ENTITIES);
    String limited = Messages.withinEntityLimit(html);
    assertEquals(FakeBotApi.MAX_ENTITIES, FakeBotApi.entities(limited));
    assertEquals(TelegramHtml.toPlain(html), TelegramHtml.toPlain(limited), "the same text");
    assertTrue(limited.startsWith("<b>Direct</b>\n<i>Likely answer:</i>\n\u00ab<b>word</b>"));
    assertTrue(limited.endsWith("<a href=\"https://x.org/?a=1&amp;b=2\"><i>Title</i></a>"));
    assertEquals(null, TelegramHtmlRules.problem(limited));
    assertEquals(html.substring(0, 40), Messages.withinEntityLimit(html.substring(0, 40)));
  }

  /**
   * 429 on getUpdates with retry_after 150 s: waited in full, and the update answered then. Before,
   * the wait was cut to 60 s and the early poll earned another 429. A poll whose answer was lost
   * after Telegram gave out the update is no confirmation: the next poll gets it again, and it is
   * answered once.
   */
  @Test
  void aRetryAfterOnGetUpdatesIsWaitedInFullAndALostPollLosesNothing() throws Exception {
    List<Long> waits = new CopyOnWriteArrayList<>();
    LongPoller.Sleeper sleeper = FakeWiredHandler.sleeperOnClock(api, waits);
    List<String> handled = new CopyOnWriteArrayList<>();
    api.failNext("getUpdates", FakeBotApi.Failure.tooManyRequests(150));
    api.failNext("getUpdates", FakeBotApi.Failure.lostAfterActing());
    api.push(FakeBotApi.privateText(1, 42, 10, QUESTION));
    ExecutorService workers = Executors.newSingleThreadExecutor();
    try (UpdateJournal journal = UpdateJournal.open(data.resolve("journal"));
        LongPoller poller =
            new LongPoller(
                http,
                api.url() + "/bot" + TOKEN + "/getUpdates",
                1,
                new ObjectMapper()
                    .configure(
                        com.fasterxml.jackson.databind.DeserializationFeature
                            .FAIL_ON_UNKNOWN_PROPERTIES,
                        false),
                journal,
                new UpdateDispatcher(u -> handled.add(u.getMessage().getText()), journal, workers),
                why -> {},
                sleeper)) {
      poller.start();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (handled.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      Thread.sleep(300); // time for a second copy, were there one
      assertEquals(List.of(QUESTION), handled, "answered once");
    } finally {
      workers.shutdownNow();
    }
    assertEquals(List.of(150_000L, 500L), waits, "retry_after in full, then a fresh backoff");
    assertEquals(List.of(), api.calls("getUpdates:refused"), "no poll before retry_after ran out");
  }

  /** A stop during a long retry_after wait (an hour here) ends it at once, quietly. */
  @Test
  void aStopEndsALongRetryAfterWaitAtOnce() throws Exception {
    api.failNext("getUpdates", FakeBotApi.Failure.tooManyRequests(3600));
    ExecutorService workers = Executors.newSingleThreadExecutor();
    try (UpdateJournal journal = UpdateJournal.open(data.resolve("journal"))) {
      LongPoller poller =
          new LongPoller(
              http,
              api.url() + "/bot" + TOKEN + "/getUpdates",
              1,
              new ObjectMapper(),
              journal,
              new UpdateDispatcher(u -> {}, journal, workers),
              why -> {});
      poller.start();
      api.await("getUpdates", c -> true, 1, 10_000);
      // into the wait, and past the 500 ms an ordinary backoff would have waited
      Thread.sleep(1_200);
      // every request that reached the fake, refused or not: the 429 itself and nothing after it
      assertEquals(1, api.arrivals("getUpdates"), "no poll in the hour");
      long t0 = System.nanoTime();
      try (LogCapture logs = new LogCapture()) {
        poller.close();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 2000, "stopped in " + ms + " ms");
        assertEquals(List.of(), logs.atLeast(Level.WARN));
      }
      assertEquals(1, api.arrivals("getUpdates"), "no poll after the stop either");
    } finally {
      workers.shutdownNow();
    }
  }
}
