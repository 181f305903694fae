package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.logging.ChatTag;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feedback buttons and the Telegram details users notice, through the real TelegramBots client
 * against the {@link FakeBotApi} (which refuses what Telegram refuses: an edit that changes
 * nothing, an unknown or closed forum topic, a late or repeated callback answer). Updates are
 * handed to the handler directly, and time is {@link ManualTimers}', so nothing here sleeps.
 */
class TelegramDetailsTest {
  private static final String TOKEN = "123:abc";
  private static final long ADMIN = 42;
  private static final long FORUM = -1001;
  private static QuestionAnswerer seeds;

  @TempDir Path data;
  private FakeBotApi api;
  private OkHttpClient http;
  private ManualTimers timers;
  private FeedbackStore feedback;
  private UpdateHandler handler;
  private long updateId;

  @BeforeAll
  static void openIndex() {
    seeds = QuestionAnswerer.inMemory(Path.of("..", "seeds"), Settings.defaults());
  }

  @AfterAll
  static void closeIndex() throws Exception {
    seeds.close();
  }

  @BeforeEach
  void wire() throws Exception {
    api = new FakeBotApi(TOKEN);
    http = FakeWiredHandler.http(api); // the bot's own: no resend by OkHttp, pages keep status
    timers = new ManualTimers();
    feedback = FeedbackStore.open(data.resolve(FeedbackStore.FILE));
    handler = handlerOver(seeds);
  }

  private UpdateHandler handlerOver(QuestionAnswerer qa) {
    return handlerOver(
        qa, List.of("Who were the Astana guarantors?", "When was the Sochi memorandum signed?"));
  }

  /** A handler with {@code examples} as the example questions (telegram.examples). */
  private UpdateHandler handlerOver(QuestionAnswerer qa, List<String> examples) {
    return FakeWiredHandler.over(
        api,
        http,
        qa,
        examples,
        new Access(Set.of(ADMIN), Set.of()),
        100,
        timers.executor,
        feedback,
        data);
  }

  @AfterEach
  void close() {
    FakeWiredHandler.close(api, http);
  }

  private void handle(ObjectNode update) throws Exception {
    FakeWiredHandler.handle(handler, api, update);
  }

  private long nextId() {
    return ++updateId;
  }

  private List<JsonNode> bodies(String method) {
    return api.calls(method).stream().map(FakeBotApi.Call::body).toList();
  }

  private JsonNode lastSent() {
    List<JsonNode> sent = bodies("sendMessage");
    return sent.get(sent.size() - 1);
  }

  /** The callback data of the button labelled {@code label} under a sent message, or null. */
  private static String button(JsonNode message, String label) {
    for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
      for (JsonNode b : row) {
        if (b.path("text").asText().equals(label)) {
          return b.path("callback_data").asText();
        }
      }
    }
    return null;
  }

  private ObjectNode press(long chat, int messageId, String data) {
    return FakeBotApi.callback(nextId(), chat, messageId, data);
  }

  /**
   * A bot restarted (a deploy) between an answer and a press on its buttons. Before, the answers
   * behind the buttons were kept in memory only: the 👍 said "expired" and was not kept, and "More"
   * and "Full passage" said so too. Now the answer is read back from the data folder: the 👍 is
   * kept with the question, the document and the passage, and said so; "More" sends the next quote
   * and "Full passage" shows the passage. The key pressed (or forged) in another chat still finds
   * nothing there, and keeps nothing.
   */
  @Test
  void aThumbAndMorePressedOnAnAnswerSentBeforeARestartWorkAsBefore() throws Exception {
    String question = "When was the ceasefire regime brokered?";
    handle(FakeBotApi.privateText(nextId(), 7, 10, question));
    JsonNode answer = lastSent();
    String up = button(answer, UxTexts.VOTE_UP);
    String more = button(answer, "More");
    String full = button(answer, "Full passage");
    assertNotNull(more, answer.toString());
    assertNotNull(full, answer.toString());

    feedback.close();
    feedback = FeedbackStore.open(data.resolve(FeedbackStore.FILE));
    handler = handlerOver(seeds); // the restart

    handle(press(8, 1000, up)); // the key, forged in another chat
    handle(press(7, 1000, up));
    List<String> toasts =
        bodies("answerCallbackQuery").stream().map(a -> a.path("text").asText()).toList();
    assertEquals(
        List.of(
            "This answer is too old to rate now, so your vote was not saved.", "Thanks — noted"),
        toasts);
    List<FeedbackStore.Feedback> kept = FeedbackStore.read(data.resolve(FeedbackStore.FILE));
    assertEquals(1, kept.size(), kept.toString());
    FeedbackStore.Feedback f = kept.get(0);
    org.astanaqa.retrieval.Quote q = seeds.ask(question).quotes().get(0);
    assertEquals("up", f.vote());
    assertEquals(question, f.question());
    assertEquals(q.source().id(), f.doc());
    assertEquals(q.text(), f.quote());
    assertEquals(q.passage().text(), f.passage());
    assertTrue(f.chat().matches("[0-9a-f]{12}"), "a hash, never the chat's id: " + f.chat());

    handle(press(7, 1000, more));
    assertEquals(2, bodies("sendMessage").size(), "More sends the next quote");
    assertEquals(
        up.replace(":0:", ":1:"),
        button(lastSent(), UxTexts.VOTE_UP),
        "quote 2 of the same answer, its buttons under it: " + lastSent());
    handle(press(7, 1000, full));
    assertEquals(1, bodies("editMessageText").size(), "Full passage shows the passage");
    assertEquals(List.of(), api.refused());
  }

  @Test
  void thumbsAreKeptOnDiskBeforeTheToastAndTheSameChatsLastPressWins() throws Exception {
    handle(FakeBotApi.privateText(nextId(), 7, 10, "When was the Sochi memorandum signed?"));
    JsonNode answer = lastSent();
    int answerId = 1000; // the fake numbers messages from 1000
    String up = button(answer, UxTexts.VOTE_UP);
    String down = button(answer, UxTexts.VOTE_DOWN);
    assertTrue(up.getBytes(StandardCharsets.UTF_8).length <= 64, up);

    handle(press(7, answerId, up));
    handle(press(7, answerId, down)); // changed its mind: the 👎 replaces the 👍
    handle(FakeBotApi.privateText(nextId(), 8, 11, "When was the Sochi memorandum signed?"));
    handle(press(8, 1001, button(lastSent(), UxTexts.VOTE_UP)));

    List<JsonNode> acks = bodies("answerCallbackQuery");
    assertEquals(3, acks.size());
    acks.forEach(
        a ->
            assertEquals(
                org.astanaqa.bot.reply.Texts.english().get("vote.noted"), a.path("text").asText()));
    assertTrue(api.calls("answerCallbackQuery:refused").isEmpty(), "each answered once, in time");

    // As after a kill -9: the store is not closed, a new one reads the file.
    List<FeedbackStore.Feedback> kept =
        FeedbackStore.open(data.resolve(FeedbackStore.FILE)).latestDown(10);
    assertEquals(1, kept.size(), "one chat's two presses on one answer are one vote");
    FeedbackStore.Feedback f = kept.get(0);
    assertEquals("When was the Sochi memorandum signed?", f.question());
    assertTrue(f.quote().contains("17 September") && f.passage().contains(f.quote()), f.toString());
    assertTrue(f.doc().startsWith("001"), f.doc());
    assertEquals(
        ChatTag.of(data).tag(7), f.chat(), "the install's chat tag, the same after a restart");
    String file = Files.readString(data.resolve(FeedbackStore.FILE));
    assertFalse(
        file.contains("\"chat\":\"7\"") || file.contains("Ann"), "no raw chat id or name: " + file);
    assertEquals(3, file.lines().count(), "append-only: every press is a line");
    assertEquals(2, FeedbackStore.read(data.resolve(FeedbackStore.FILE)).size());

    handle(FakeBotApi.privateText(nextId(), ADMIN, 12, "/feedback"));
    String summary = lastSent().path("text").asText();
    assertTrue(
        summary.contains("When was the Sochi memorandum signed?")
            && summary.contains("1 \ud83d\udc4d"),
        summary);
    handle(FakeBotApi.privateText(nextId(), 9, 13, "/feedback"));
    assertTrue(lastSent().path("text").asText().contains("don't know that command"), "admins only");
  }

  /**
   * A 👎 under a follow-up's answer keeps the question the bot answered, "Who signed the Sochi
   * memorandum?", with the follow-up's own words beside it: kept as typed, "who signed it?" was
   * what /feedback listed and what the export made a regression question of, a question that asks
   * nothing alone and that no "expect" could make the answer's.
   */
  @Test
  void aThumbDownUnderAFollowUpsAnswerKeepsTheQuestionItWasAnsweredAs() throws Exception {
    handle(FakeBotApi.privateText(nextId(), ADMIN, 10, "When was the Sochi memorandum signed?"));
    handle(FakeBotApi.privateText(nextId(), ADMIN, 11, "who signed it?"));
    JsonNode answer = lastSent();
    assertTrue(answer.path("text").asText().startsWith("Answering:"), answer.toString());
    handle(press(ADMIN, 1001, button(answer, UxTexts.VOTE_DOWN)));

    List<FeedbackStore.Feedback> kept = FeedbackStore.read(data.resolve(FeedbackStore.FILE));
    assertEquals(1, kept.size(), kept.toString());
    assertEquals("Who signed the Sochi memorandum?", kept.get(0).question());
    assertEquals("who signed it?", kept.get(0).asked());

    handle(FakeBotApi.privateText(nextId(), ADMIN, 12, "/feedback"));
    String summary = lastSent().path("text").asText();
    assertTrue(summary.contains("Who signed the Sochi memorandum?"), summary);
  }

  /**
   * In a group every member may press 👍 or 👎 under an answer, each told "Thanks — noted"; a press
   * was kept as the chat's, so each member's replaced the one before: two 👎 and a 👍 from three
   * members were one 👍, and the export counted none of the 👎. Each member's last press is now one
   * vote, named by a hash of the chat's tag and the member's, never a user id.
   */
  @Test
  void inAGroupEachMembersPressCountsAndOnlyTheirOwnPressAgainReplacesIt() throws Exception {
    long group = -1002;
    handle(
        FakeBotApi.groupText(nextId(), group, 5, 10, "/ask When was the Sochi memorandum signed?"));
    JsonNode answer = lastSent();
    String up = button(answer, UxTexts.VOTE_UP);
    String down = button(answer, UxTexts.VOTE_DOWN);
    for (Object[] p : new Object[][] {{5L, down}, {6L, down}, {7L, up}, {8L, up}, {8L, down}}) {
      handle(FakeBotApi.callback(nextId(), group, (Long) p[0], 1000, (String) p[1]));
    }
    bodies("answerCallbackQuery")
        .forEach(
            a ->
                assertEquals(
                    org.astanaqa.bot.reply.Texts.english().get("vote.noted"),
                    a.path("text").asText()));
    assertEquals(
        List.of(1, 3),
        java.util.Arrays.stream(feedback.counts()).boxed().toList(),
        "members 5, 6 and 8 (who changed their mind) 👎, member 7 👍");
    // As after a kill -9: read again from the file.
    List<FeedbackStore.Feedback> kept = FeedbackStore.read(data.resolve(FeedbackStore.FILE));
    assertEquals(4, kept.size(), "one vote per member");
    assertEquals(3, kept.stream().filter(FeedbackStore.Feedback::down).count());
    String file = Files.readString(data.resolve(FeedbackStore.FILE));
    for (String id : List.of("5", "6", "7", "8", "1002")) {
      assertFalse(file.contains(":\"" + id + "\"") || file.contains(":" + id + ","), file);
    }
  }

  /**
   * With group privacy mode on (BotFather's default), Telegram gives a bot a group's command that
   * names no bot only "if the bot was the last bot to send a message to the group"
   * (features#privacy-mode). /help told group members to "Use /ask question": in a group with
   * another bot that had spoken since, the question so typed reached neither bot, and the member
   * got no answer at all. /help now shows /ask@AstanaQaBot, which Telegram always gives the bot.
   */
  @Test
  void theAskCommandAsHelpShowsItReachesTheBotInAGroupWhereAnotherBotSpokeLast() throws Exception {
    long group = -1003;
    handle(FakeBotApi.groupText(nextId(), group, 5, 10, "/help@AstanaQaBot"));
    String help = lastSent().path("text").asText();
    java.util.regex.Matcher ask = java.util.regex.Pattern.compile("/ask(@\\w+)?").matcher(help);
    assertTrue(ask.find(), help);
    api.anotherBotSpokeIn(group);
    ObjectNode asked =
        FakeBotApi.groupText(
            nextId(), group, 6, 11, ask.group() + " When was the Sochi memorandum signed?");
    api.push(asked);
    assertEquals(0, api.notCreated(), "Telegram gives the bot " + ask.group() + " as /help has it");
    handle(asked);
    assertEquals(11, lastSent().path("reply_parameters").path("message_id").asInt());
    assertTrue(lastSent().path("text").asText().contains("Sochi"), lastSent().toString());
  }

  /**
   * A press that could not be written (a full disk, a read-only data folder; here a file stands
   * where the store's folder should be) was answered "Thanks — noted" all the same, while the press
   * was kept in memory only and lost at the next restart. The toast now says it was not saved, in
   * the reader's language, and a press once the disk works again is noted and kept. Review 17: with
   * it the presses the disk refused are written too, in order, and /feedback counts them meanwhile
   * saying they are not on disk yet.
   */
  @Test
  void aPressThatCouldNotBeWrittenIsNotToldNotedAndAPressOnceTheDiskWorksIsKept() throws Exception {
    Path blocked = Files.writeString(data.resolve("blocked"), "not a folder");
    Path file = blocked.resolve(FeedbackStore.FILE);
    feedback = FeedbackStore.open(file);
    handler = handlerOver(seeds);
    org.astanaqa.bot.reply.Texts en = org.astanaqa.bot.reply.Texts.english();
    org.astanaqa.bot.reply.Texts ru = org.astanaqa.bot.reply.Texts.of("ru");

    handle(FakeBotApi.privateText(nextId(), 7, 10, "When was the Sochi memorandum signed?"));
    String down = button(lastSent(), UxTexts.VOTE_DOWN);
    handle(press(7, 1000, down));
    handle(
        FakeBotApi.inLanguage(
            FakeBotApi.privateText(nextId(), 8, 11, "Когда был подписан меморандум в Сочи?"),
            "ru"));
    handle(press(8, 1001, button(lastSent(), UxTexts.VOTE_UP)));

    List<String> toasts =
        bodies("answerCallbackQuery").stream().map(b -> b.path("text").asText("")).toList();
    assertEquals(
        List.of(
            "Could not save your feedback just now; please try again later.",
            "Сейчас не удалось сохранить ваш отзыв; пожалуйста, попробуйте ещё раз позже."),
        toasts,
        "not noted: nothing reached the disk");
    assertEquals(List.of(en.get("vote.failed"), ru.get("vote.failed")), toasts);
    assertFalse(Files.isDirectory(blocked), "nothing was written");
    // The admin's /feedback counts the presses waiting for the disk, and says they are not on it
    // (the feedback command, which reads the file, does not count them yet).
    handle(FakeBotApi.privateText(nextId(), ADMIN, 12, "/feedback"));
    String waiting = lastSent().path("text").asText();
    assertTrue(waiting.contains("1 \ud83d\udc4d and 1 \ud83d\udc4e kept"), waiting);
    assertTrue(waiting.contains("2 of these are not on disk yet"), waiting);

    Files.delete(blocked); // the disk works again
    handle(press(7, 1000, down)); // chat 7 presses again, as it was told to
    assertEquals(en.get("vote.noted"), lastToast());
    // Review 17: the presses the disk refused were lost at the next restart although the disk
    // worked again. They are written first, in the order pressed, with the press it took; chat 7's
    // refused press, pressed over by this one, is not written at all (review 18).
    assertEquals(2, Files.readAllLines(file).size(), "a line per press still waiting");
    // As after a restart: what reached the disk, chat 7's two presses on one answer one vote.
    List<FeedbackStore.Feedback> kept = FeedbackStore.read(file);
    assertEquals(2, kept.size(), kept.toString());
    assertEquals("Когда был подписан меморандум в Сочи?", kept.get(0).question());
    assertEquals(ChatTag.of(data).tag(8), kept.get(0).chat());
    assertFalse(kept.get(0).down());
    assertEquals("When was the Sochi memorandum signed?", kept.get(1).question());
    assertEquals(ChatTag.of(data).tag(7), kept.get(1).chat());
    assertTrue(kept.get(1).down());
    handle(FakeBotApi.privateText(nextId(), ADMIN, 12, "/feedback"));
    String written = lastSent().path("text").asText();
    assertTrue(written.contains("1 \ud83d\udc4d and 1 \ud83d\udc4e kept"), written);
    assertFalse(written.contains("not on disk"), written);
  }

  private String lastToast() {
    List<JsonNode> acks = bodies("answerCallbackQuery");
    return acks.get(acks.size() - 1).path("text").asText("");
  }

  /**
   * Prev and Next of /sources edit the message in place, as "Full passage" does, so a page turn
   * counts against the question limit as a "Full passage" press does. Pressed again and again they
   * were an edit each, unlimited: paced as the chat's messages (Bot FAQ: one a second in a chat, 20
   * a minute in a group), a user paging back and forth in a group took the group's minute from
   * everyone's answers. Over the limit a press gets the "please wait" toast and no edit; a press
   * that leads to the page shown already edits nothing and costs nothing.
   */
  @Test
  void sourcesPageTurnsCountAgainstTheQuestionLimit() throws Exception {
    QuestionAnswerer many = withSixtySources();
    handler =
        FakeWiredHandler.over(
            api, http, many, List.of("Who?"), Access.open(), 3, timers.executor, feedback, data);
    handle(FakeBotApi.privateText(nextId(), 7, 10, "/sources")); // 1 of 3 this minute
    assertEquals("s:1", button(lastSent(), "Next \u203a"));
    handle(press(7, 1000, "s:0")); // the page shown: nothing to edit, nothing counted
    for (String page : List.of("s:1", "s:0", "s:1", "s:1")) {
      handle(press(7, 1000, page)); // Next, Prev, then Next twice over the limit
    }
    assertEquals(
        List.of("page 2 of 4", "page 1 of 4"),
        bodies("editMessageText").stream()
            .map(b -> b.path("text").asText().replaceAll("(?s).*(page \\d of \\d).*", "$1"))
            .toList(),
        "two page turns, then the limit");
    List<String> toasts =
        bodies("answerCallbackQuery").stream().map(b -> b.path("text").asText("")).toList();
    assertEquals(5, toasts.size(), "every press answered: " + toasts);
    assertEquals(List.of("", "", ""), toasts.subList(0, 3));
    assertTrue(
        toasts.get(3).contains("Please wait") && toasts.get(4).contains("Please wait"),
        toasts.toString());
    assertEquals(1, api.calls("sendMessage").size(), "no page sent as a new message either");
    assertEquals(List.of(), api.refused().stream().map(c -> c.method() + " " + c.body()).toList());
  }

  /**
   * A follow-up's answer starts with the question it was answered as ("Answering: Who signed the
   * Sochi memorandum?"), as the README promises of the Telegram reply. "Full passage" replaced the
   * whole message, that line included, and "More" sent the next quote without it: the passage of
   * "who signed it?" then said nothing of what "it" was. Both keep the line, the edit and the
   * message that comes instead when Telegram will not edit the answer alike. (Asked here with "what
   * did Kazakhstan say about it?", whose answer offers both: since the follow-up's own words weigh
   * more than the earlier question's, "who signed it?" is answered from the one passage that says
   * who signed, with no "More".)
   */
  @Test
  void moreAndFullPassageOfAFollowUpsAnswerKeepTheQuestionItWasAnsweredAs() throws Exception {
    handle(FakeBotApi.privateText(nextId(), 7, 10, "When was the Sochi memorandum signed?"));
    handle(FakeBotApi.privateText(nextId(), 7, 11, "what did Kazakhstan say about it?"));
    JsonNode answer = lastSent();
    String line = "Answering: <i>What did Kazakhstan say about the Sochi memorandum?</i>\n\n";
    assertTrue(answer.path("text").asText().startsWith(line), answer.path("text").asText());
    int answerId = 1001;
    String full = button(answer, "Full passage");
    String more = button(answer, "More");
    assertNotNull(full, answer.toString());
    assertNotNull(more, answer.toString());

    handle(press(7, answerId, more));
    String next = lastSent().path("text").asText();
    assertTrue(next.startsWith(line), "More: " + next);
    handle(press(7, answerId, full));
    String passage = bodies("editMessageText").get(0).path("text").asText();
    assertTrue(passage.startsWith(line), "Full passage: " + passage);
    assertTrue(passage.contains("Defence Ministers"), passage);

    api.uneditable(7, 1002); // the "More" message: its passage comes as a new message
    handle(press(7, 1002, button(lastSent(), "Full passage")));
    String instead = lastSent().path("text").asText();
    assertEquals(4, api.calls("sendMessage").size(), "the passage as a new message");
    assertTrue(instead.startsWith(line), "Full passage sent anew: " + instead);
    assertEquals(3, bodies("answerCallbackQuery").size());
  }

  /**
   * A quick double tap on "More": Telegram delivers both callback queries, each with the message as
   * it was before either was answered, and each sent the same next quote, so the chat showed it
   * twice. The second press gets a toast saying it is shown already, and nothing in the chat. A
   * press whose quote could not be delivered is no such press: pressed again, it is sent.
   */
  @Test
  void aQuickDoubleTapOnMoreShowsTheNextQuoteOnce() throws Exception {
    handle(
        FakeBotApi.privateText(
            nextId(), 7, 10, "What did Kazakhstan say about the Sochi memorandum?"));
    String more = button(lastSent(), "More");
    assertNotNull(more, lastSent().toString());
    ObjectNode first = press(7, 1000, more);
    ObjectNode second = press(7, 1000, more);
    handle(first);
    handle(second);
    assertEquals(2, api.calls("sendMessage").size(), "the answer and its next quote, once");
    List<JsonNode> acks = bodies("answerCallbackQuery");
    assertEquals(2, acks.size(), "both presses answered");
    assertTrue(
        acks.get(1).path("text").asText().startsWith("Already shown"), acks.get(1).toString());

    handle(FakeBotApi.privateText(nextId(), 7, 11, "When was the ceasefire regime brokered?"));
    int answerId = 1000 + bodies("sendMessage").size() - 1;
    String again = button(lastSent(), "More");
    assertNotNull(again, lastSent().toString());
    api.failNext(
        "sendMessage",
        new FakeBotApi.Failure(
            400,
            "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: not enough rights"
                + " to send text messages to the chat\"}"));
    handle(press(7, answerId, again));
    assertEquals(3, api.calls("sendMessage").size(), "refused: not shown");
    handle(press(7, answerId, again));
    assertEquals(4, api.calls("sendMessage").size(), "pressed again, shown");
  }

  /**
   * "More" pressed again after a restart (a deploy, a {@code kill -9}): the chat shows its next
   * quote already, in the reply to the pressed message, yet the restart forgot that (the marks were
   * in memory) and sent the same quote again. The store keeps it with the answer, as it keeps the
   * answer: the press gets "Already shown" and nothing in the chat, as before the restart.
   */
  @Test
  void moreShownBeforeARestartIsNotSentAgainWhenPressedAfterIt() throws Exception {
    handle(
        FakeBotApi.privateText(
            nextId(), 7, 10, "What did Kazakhstan say about the Sochi memorandum?"));
    String more = button(lastSent(), "More");
    assertNotNull(more, lastSent().toString());
    handle(press(7, 1000, more));
    assertEquals(2, api.calls("sendMessage").size(), "the answer and its next quote");

    handler = handlerOver(seeds); // the restart, on the same data folder
    handle(press(7, 1000, more));
    assertEquals(2, api.calls("sendMessage").size(), "the next quote once, not again");
    List<JsonNode> acks = bodies("answerCallbackQuery");
    assertEquals(2, acks.size(), "both presses answered");
    assertTrue(
        acks.get(1).path("text").asText().startsWith("Already shown"), acks.get(1).toString());
  }

  /**
   * "Full passage" and a /sources page pressed under messages Telegram will not edit come as new
   * messages below them, and the pressed messages keep their buttons. The marks that make a press
   * again say "in the message below" were in memory only, so after a restart (a deploy) each press
   * sent its passage or page once more under the same message. They are kept in telegram-buttons
   * now, as "More"'s are.
   */
  @Test
  void fullPassageAndASourcesPageSentBelowBeforeARestartAreNotSentAgainWhenPressedAfterIt()
      throws Exception {
    handle(
        FakeBotApi.privateText(
            nextId(), 7, 10, "What did Kazakhstan say about the Sochi memorandum?"));
    String full = button(lastSent(), "Full passage");
    assertNotNull(full, lastSent().toString());
    api.uneditable(7, 1000); // the answer
    handle(press(7, 1000, full)); // the passage: message 1001
    QuestionAnswerer many = withSixtySources(); // /sources on more than one page
    handler = handlerOver(many);
    handle(FakeBotApi.privateText(nextId(), 7, 11, "/sources"));
    String next = button(lastSent(), "Next \u203a");
    assertNotNull(next, lastSent().toString());
    api.uneditable(7, 1002); // the list of sources
    handle(press(7, 1002, next));
    assertEquals(4, api.calls("sendMessage").size(), "the passage and the page, each below");

    handler = handlerOver(seeds); // the restart, on the same data folder
    handle(press(7, 1000, full));
    handler = handlerOver(many); // and again
    handle(press(7, 1002, next));
    assertEquals(
        4,
        api.calls("sendMessage").size(),
        "each once, not again: "
            + bodies("sendMessage").stream().skip(4).map(JsonNode::toString).toList());
    List<JsonNode> acks = bodies("answerCallbackQuery");
    assertEquals(4, acks.size(), "every press answered");
    for (JsonNode ack : acks.subList(2, 4)) {
      assertTrue(ack.path("text").asText().contains("message below"), ack.toString());
    }
  }

  /**
   * A quick double tap on an example question under /start: Telegram delivers both callback queries
   * (AsyncTelegram2#69: two taps within a second or two, the action twice), and each asked the
   * question, so the chat got the same answer twice and the user's question limit counted two. As
   * for "More", the second press gets a toast and nothing in the chat; a press whose answer could
   * not be delivered is no such press, and pressed again it asks.
   */
  @Test
  void aQuickDoubleTapOnAnExampleQuestionAsksItOnce() throws Exception {
    handle(FakeBotApi.privateText(nextId(), 7, 10, "/start"));
    String sochi = button(lastSent(), "When was the Sochi memorandum signed?");
    assertNotNull(sochi, lastSent().toString());
    ObjectNode first = press(7, 1000, sochi);
    ObjectNode second = press(7, 1000, sochi);
    handle(first);
    handle(second);
    assertEquals(2, bodies("sendMessage").size(), "the greeting and the example's answer, once");
    assertTrue(
        lastSent().path("text").asText().contains("Sochi memorandum"), lastSent().toString());
    List<JsonNode> acks = bodies("answerCallbackQuery");
    assertEquals(2, acks.size(), "both presses answered");
    assertTrue(
        acks.get(1).path("text").asText().startsWith("Already asked"), acks.get(1).toString());

    String guarantors = button(bodies("sendMessage").get(0), "Who were the Astana guarantors?");
    api.failNext(
        "sendMessage",
        new FakeBotApi.Failure(
            400,
            "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: not enough rights"
                + " to send text messages to the chat\"}"));
    handle(press(7, 1000, guarantors));
    assertEquals(2, bodies("sendMessage").size(), "refused: not answered");
    handle(press(7, 1000, guarantors));
    assertEquals(3, bodies("sendMessage").size(), "pressed again, answered");
    assertTrue(lastSent().path("text").asText().contains("guarantors"), lastSent().toString());
  }

  /**
   * A Russian question asked from an app in another language is answered in Russian, its buttons
   * and their toasts too (README, "In Russian"). But once its buttons had expired (after a restart,
   * or telegram.buttonMinutes later) a press said "This answer has expired" in English, as did one
   * of a button the bot no longer knows: the toast followed the app's language alone. The pressed
   * message says which language its answer is in, as its buttons are the bot's own words in it; an
   * English answer's stale button still says so in English.
   */
  @Test
  void aStaleButtonUnderARussianAnswerSaysSoInRussianWhateverTheAppsLanguage() throws Exception {
    org.astanaqa.bot.reply.Texts ru = org.astanaqa.bot.reply.Texts.of("ru");
    handle(FakeBotApi.privateText(nextId(), 7, 10, "Кто подписал меморандум в Сочи?"));
    String more = button(lastSent(), ru.get("button.more"));
    assertNotNull(more, lastSent().toString());
    handle(FakeBotApi.privateText(nextId(), 8, 11, "Who signed the Sochi memorandum?"));
    String english = button(lastSent(), "More");
    assertNotNull(english, lastSent().toString());

    // A restart after the answers the buttons named are gone (past telegram.buttonMinutes, or
    // sent by a version that kept them in memory only): a restart alone keeps them now.
    Files.delete(data.resolve(ButtonStore.FILE));
    handler = handlerOver(seeds);
    handle(press(7, 1000, more));
    handle(press(7, 1000, "x:1:2")); // a button of a layout the bot no longer makes
    handle(press(8, 1001, english));
    List<String> toasts =
        bodies("answerCallbackQuery").stream().map(a -> a.path("text").asText()).toList();
    assertEquals(
        List.of(
            ru.get("button.expired"),
            ru.get("button.gone"),
            "This answer has expired." + " Please ask your question again."),
        toasts);
    assertEquals(List.of(), api.refused());
  }

  /**
   * An example button pressed after the maintainer changed the examples (telegram.examples) and
   * restarted the bot names a question the bot no longer offers: its number past the end of the new
   * list got an empty toast, and a number still in range asked whatever question has it now. Such a
   * button now says it expired, as other stale buttons do, and asks nothing; with the list as it
   * was, the same button still asks its question after the restart.
   */
  @Test
  void anExampleButtonFromBeforeTheExamplesChangedSaysItExpired() throws Exception {
    handle(FakeBotApi.privateText(nextId(), 7, 10, "/start"));
    String sochi = button(lastSent(), "When was the Sochi memorandum signed?");
    assertNotNull(sochi, lastSent().toString());
    assertTrue(sochi.getBytes(StandardCharsets.UTF_8).length <= 64, sochi);
    int greeting = 1000;

    handler = handlerOver(seeds, List.of("Who were the Astana guarantors?"));
    handle(press(7, greeting, sochi));
    handler =
        handlerOver(
            seeds, List.of("Who were the Astana guarantors?", "When did the Astana talks resume?"));
    handle(press(7, greeting, sochi));
    assertEquals(1, bodies("sendMessage").size(), "no question asked: only the greeting");
    List<JsonNode> acks = bodies("answerCallbackQuery");
    assertEquals(2, acks.size());
    for (JsonNode ack : acks) {
      assertTrue(ack.path("text").asText().contains("expired"), ack.toString());
    }

    handler = handlerOver(seeds); // the examples as they were when the button was sent
    handle(press(7, greeting, sochi));
    assertEquals(2, bodies("sendMessage").size());
    assertTrue(
        lastSent().path("text").asText().contains("Sochi memorandum"), lastSent().toString());
    assertEquals(List.of(), api.refused());
  }

  /**
   * A reply to one of the bot's answers is a follow-up of the question it answered (README,
   * Telegram). Telegram's reply_to_message names the message replied to, and an answer is more than
   * its first message: the "More" message under it (the next quote of the same answer) is where a
   * user who pressed More replies. Only the first message was remembered, so a reply to the "More"
   * message leaned on the chat's last question instead: a question asked since, on something else,
   * or none.
   */
  @Test
  void aReplyToTheMoreMessageOfAnAnswerIsAFollowUpOfItsQuestion() throws Exception {
    handle(
        FakeBotApi.privateText(
            nextId(), 7, 10, "What did Kazakhstan say about the Sochi memorandum?"));
    JsonNode answer = lastSent();
    String more = button(answer, "More");
    assertNotNull(more, answer.toString());
    handle(press(7, 1000, more));
    int moreId = 1000 + bodies("sendMessage").size() - 1;
    String moreText = lastSent().path("text").asText();
    // Another question since, on something else: the chat's last question is now that one.
    handle(FakeBotApi.privateText(nextId(), 7, 12, "Who were the Astana guarantors?"));

    handle(
        FakeBotApi.replyingToBot(
            FakeBotApi.privateText(nextId(), 7, 13, "who signed it?"), moreId, moreText));
    String followUp = lastSent().path("text").asText();
    String line = followUp.substring(0, Math.max(0, followUp.indexOf("\n\n")));
    // Before: "Answering: Who signed the Astana guarantors?", the question asked since.
    assertTrue(
        line.startsWith("Answering: <i>") && line.contains("Sochi memorandum"),
        "a reply to the More message follows on from its question: " + followUp);
  }

  /**
   * An example question asked by its button under /start is the chat's last question, as a typed
   * one is: a user who tapped "When was the Sochi memorandum signed?" and then typed "who signed
   * it?" got that asked alone, as the example's answer was never the conversation's; only a reply
   * to the answer followed on from it.
   */
  @Test
  void aQuestionTypedAfterAnExampleAskedByItsButtonIsItsFollowUp() throws Exception {
    handle(FakeBotApi.privateText(nextId(), 7, 10, "/start"));
    String sochi = button(lastSent(), "When was the Sochi memorandum signed?");
    assertNotNull(sochi, lastSent().toString());
    handle(press(7, 1000, sochi));
    assertTrue(lastSent().path("text").asText().contains("17 September"), lastSent().toString());

    handle(FakeBotApi.privateText(nextId(), 7, 12, "who signed it?"));
    String followUp = lastSent().path("text").asText();
    assertTrue(
        followUp.startsWith("Answering: <i>Who signed the Sochi memorandum?</i>\n\n"),
        "typed after the example's answer, a follow-up of it: " + followUp);
  }

  /**
   * An edited question is answered in its place in the conversation: with the question before it as
   * context, not with the chat's last question, which may have been asked after it. "who signed
   * it?", after a question on the Sochi memorandum and then edited once the user had asked about
   * the guarantors, was answered as "Who signed the Astana guarantors?"; and the chat's next
   * follow-up leaned on the edited question rather than on the last one asked.
   */
  @Test
  void anEditedQuestionLeansOnTheQuestionBeforeItNotOnOneAskedSince() throws Exception {
    handle(FakeBotApi.privateText(nextId(), 7, 10, "When was the Sochi memorandum signed?"));
    ObjectNode signed = FakeBotApi.privateText(nextId(), 7, 11, "who signed it?");
    handle(signed);
    assertTrue(
        lastSent().path("text").asText().startsWith("Answering: <i>Who signed the Sochi"),
        lastSent().toString());
    handle(FakeBotApi.privateText(nextId(), 7, 12, "Who were the Astana guarantors?"));

    handle(FakeBotApi.edited(signed, nextId(), "and who signed it?"));
    List<JsonNode> edits = bodies("editMessageText");
    assertEquals(1, edits.size(), bodies("sendMessage").toString());
    String edit = edits.get(0).path("text").asText();
    assertTrue(
        edit.startsWith("Answering: <i>Who signed the Sochi memorandum?</i>\n\n"),
        "the edited question follows on from the question before it: " + edit);

    handle(FakeBotApi.privateText(nextId(), 7, 13, "and Jordan?"));
    String next = lastSent().path("text").asText();
    assertTrue(
        next.startsWith("Answering: <i>Who were the Astana guarantors and Jordan?</i>"),
        "the chat's next follow-up still leans on its last question: " + next);
  }

  /**
   * A group's conversation is the group's, not each member's (README, "In a group the conversation
   * is the group's"): a member's short question leans on the question another member asked just
   * before, and one that names what it asks about is asked alone.
   */
  @Test
  void inAGroupAMembersFollowUpLeansOnTheLastQuestionWhoeverAskedIt() throws Exception {
    long group = -300;
    handle(
        FakeBotApi.groupText(nextId(), group, 5, 10, "/ask When was the Sochi memorandum signed?"));
    handle(FakeBotApi.groupText(nextId(), group, 6, 11, "/ask who signed it?"));
    String followUp = lastSent().path("text").asText();
    assertTrue(
        followUp.startsWith("Answering: <i>Who signed the Sochi memorandum?</i>\n\n"),
        "another member's follow-up leans on the group's last question: " + followUp);
    handle(FakeBotApi.groupText(nextId(), group, 7, 12, "/ask Who were the Astana guarantors?"));
    String alone = lastSent().path("text").asText();
    assertFalse(alone.startsWith("Answering:"), "a question that names its subject: " + alone);
  }

  /**
   * A group that becomes a supergroup (an admin made its history visible, say) is the same
   * conversation to its members: Telegram moves it to a chat with a new id and tells the bot with a
   * service message in each (migrate_to_chat_id, migrate_from_chat_id), or refuses a message to the
   * old id with 400 and migrate_to_chat_id. The chat's last question was kept under the group's id,
   * so "/ask who signed it?" in the supergroup a minute after the group's question on the Sochi
   * memorandum was asked alone.
   */
  @Test
  void aFollowUpInTheSupergroupAGroupBecameLeansOnTheGroupsLastQuestion() throws Exception {
    long group = -100;
    long supergroup = -1001234567890L;
    handle(
        FakeBotApi.groupText(nextId(), group, 5, 10, "/ask When was the Sochi memorandum signed?"));
    assertEquals(group, lastSent().path("chat_id").asLong());
    api.migrate(group, supergroup);
    ObjectNode gone = FakeBotApi.groupText(nextId(), group, 5, 11, "x");
    ((ObjectNode) gone.get("message")).remove("text");
    ((ObjectNode) gone.get("message").get("chat")).put("type", "group");
    ((ObjectNode) gone.get("message")).put("migrate_to_chat_id", supergroup);
    handle(gone);
    ObjectNode first = FakeBotApi.groupText(nextId(), supergroup, 5, 1, "x");
    ((ObjectNode) first.get("message")).remove("text");
    ((ObjectNode) first.get("message")).put("migrate_from_chat_id", group);
    handle(first);
    handle(FakeBotApi.groupText(nextId(), supergroup, 5, 2, "/ask who signed it?"));
    String followUp = lastSent().path("text").asText();
    assertTrue(
        followUp.startsWith("Answering: <i>Who signed the Sochi memorandum?</i>\n\n"),
        "in the supergroup, a follow-up of the group's question: " + followUp);

    // Learnt from the refusal of the answer, which follows the group to the supergroup.
    long other = -200;
    long otherSuper = -1009876543210L;
    api.migrate(other, otherSuper);
    handle(
        FakeBotApi.groupText(nextId(), other, 6, 10, "/ask When was the Sochi memorandum signed?"));
    assertEquals(otherSuper, lastSent().path("chat_id").asLong());
    handle(FakeBotApi.groupText(nextId(), otherSuper, 6, 3, "/ask who signed it?"));
    String there = lastSent().path("text").asText();
    assertTrue(
        there.startsWith("Answering: <i>Who signed the Sochi memorandum?</i>\n\n"),
        "after an answer that followed its group, a follow-up there: " + there);
  }

  /**
   * A reply to an answer the bot no longer remembers (sent before a restart, the conversation kept
   * in memory only) is asked as it stands, as the README says: it was taken for no reply at all,
   * and leaned on the chat's last question, asked since and about something else, so "who signed
   * it?" under the answer on the Sochi memorandum became "Who signed the Astana guarantors?".
   */
  @Test
  void aReplyToAnAnswerFromBeforeARestartDoesNotLeanOnAQuestionAskedSince() throws Exception {
    handle(FakeBotApi.privateText(nextId(), 7, 12, "Who were the Astana guarantors?"));
    ObjectNode reply =
        FakeBotApi.replyingToBot(
            FakeBotApi.privateText(nextId(), 7, 13, "who signed it?"),
            555,
            "Kazakhstan therefore welcomes the memorandum signed on 17 September in Sochi ...");
    // the answer replied to was sent 20 minutes before, by the bot before its restart
    ((ObjectNode) reply.get("message").get("reply_to_message"))
        .put("date", FakeBotApi.sentNow() - 20 * 60);
    handle(reply);
    String text = lastSent().path("text").asText();
    assertFalse(
        text.startsWith("Answering:"),
        "a reply to an answer not remembered is asked as it stands: " + text);

    // A reply to a message of the bot's just sent that answers nothing (the "You are welcome")
    // still follows on from the chat's last question.
    handle(FakeBotApi.privateText(nextId(), 7, 14, "When was the Sochi memorandum signed?"));
    handle(FakeBotApi.privateText(nextId(), 7, 15, "thanks!"));
    int welcome = 1000 + bodies("sendMessage").size() - 1;
    handle(
        FakeBotApi.replyingToBot(
            FakeBotApi.privateText(nextId(), 7, 16, "who signed it?"),
            welcome,
            lastSent().path("text").asText()));
    assertTrue(
        lastSent()
            .path("text")
            .asText()
            .startsWith("Answering: <i>Who signed the Sochi memorandum?</i>"),
        lastSent().toString());
  }

  /**
   * "Within telegram.followUpMinutes of the chat's last question" is the user's time, as Telegram
   * dates the messages, not when the bot got to them: after the bot was down (or behind a busy
   * group's backlog) two questions sent half an hour apart were answered a moment apart, and the
   * second was taken for a follow-up of the first. Two sent a minute apart while it was down are
   * still one conversation.
   */
  @Test
  void questionsSentHalfAnHourApartWhileTheBotWasDownAreNoFollowUpsOfEachOther() throws Exception {
    handle(
        FakeBotApi.sentAgo(
            FakeBotApi.privateText(nextId(), 7, 10, "When was the Sochi memorandum signed?"),
            40 * 60));
    handle(FakeBotApi.sentAgo(FakeBotApi.privateText(nextId(), 7, 11, "who signed it?"), 10 * 60));
    String late = lastSent().path("text").asText();
    assertFalse(
        late.contains("Answering:"), "sent 30 minutes after the last question: alone: " + late);

    handle(
        FakeBotApi.sentAgo(
            FakeBotApi.privateText(nextId(), 8, 10, "When was the Sochi memorandum signed?"),
            40 * 60));
    handle(FakeBotApi.sentAgo(FakeBotApi.privateText(nextId(), 8, 11, "who signed it?"), 39 * 60));
    String close = lastSent().path("text").asText();
    assertTrue(
        close.contains("Answering: <i>Who signed the Sochi memorandum?</i>"),
        "sent a minute after it: a follow-up, however late answered: " + close);
  }

  /**
   * Each forum topic is a conversation of its own (Message, "message_thread_id: Unique identifier
   * of a message thread or forum topic to which the message belongs"): Telegram's apps show a topic
   * apart from the others, and its members see nothing of them. The chat's last question was one
   * for the whole forum, so "who signed it?" in one topic, a minute after a question on the Sochi
   * memorandum in another, was answered as "Answering: Who signed the Sochi memorandum?", about a
   * question its asker never saw. In the topic of that question it is still its follow-up.
   */
  @Test
  void aFollowUpInOneForumTopicDoesNotLeanOnAQuestionAskedInAnother() throws Exception {
    api.openTopic(FORUM, 5, true);
    api.openTopic(FORUM, 7, true);
    handle(topicText(nextId(), 5, 30, "When was the Sochi memorandum signed?"));
    handle(topicText(nextId(), 7, 31, "who signed it?"));
    JsonNode elsewhere = lastSent();
    assertEquals(7, elsewhere.path("message_thread_id").asInt());
    assertFalse(
        elsewhere.path("text").asText().startsWith("Answering:"),
        "another topic's question is no context: " + elsewhere.path("text").asText());

    handle(topicText(nextId(), 5, 32, "who signed it?"));
    JsonNode here = lastSent();
    assertEquals(5, here.path("message_thread_id").asInt());
    assertTrue(
        here.path("text")
            .asText()
            .startsWith("Answering: <i>Who signed the Sochi memorandum?</i>\n\n"),
        "in its own topic, a follow-up: " + here.path("text").asText());
  }

  /**
   * A question that waited at Telegram while the bot was down (Telegram keeps it up to 24 hours,
   * dated when its user sent it) was answered hours later as if just asked. Its answer now says
   * when it was asked, in the user's language; an answer on time says nothing of the kind.
   */
  @Test
  void aQuestionThatWaitedWhileTheBotWasDownIsToldWhenItWasAsked() throws Exception {
    handle(
        FakeBotApi.sentAgo(
            FakeBotApi.privateText(nextId(), 7, 10, "When was the Sochi memorandum signed?"),
            3 * 3600 + 120));
    String late = lastSent().path("text").asText();
    assertTrue(
        late.startsWith(
            "<i>You asked this 3 h ago; I could not answer then. Sorry for the wait.</i>\n\n"),
        late);
    assertTrue(late.contains("17 September"), "and then the answer: " + late);

    handle(
        FakeBotApi.sentAgo(
            FakeBotApi.inLanguage(
                FakeBotApi.privateText(nextId(), 8, 11, "Кто подписал меморандум в Сочи?"), "ru"),
            25 * 60 + 5));
    String ru = lastSent().path("text").asText();
    assertTrue(ru.startsWith("<i>Вы спросили об этом 25 мин назад;"), ru);

    handle(FakeBotApi.privateText(nextId(), 9, 12, "When was the Sochi memorandum signed?"));
    String onTime = lastSent().path("text").asText();
    assertFalse(onTime.contains("You asked"), onTime);
    assertTrue(onTime.contains("17 September"), onTime);
    assertEquals(List.of(), api.refused().stream().map(c -> c.method() + " " + c.body()).toList());
  }

  /**
   * Rewires the handler to a fake whose answers a front dates on a Telegram clock {@code seconds}
   * behind the host's (or not at all), and makes the calls the bot makes at start, whose answers'
   * Date headers are what the bot then knows of Telegram's clock.
   */
  private void onAHostAhead(long seconds, boolean dateHeaders) throws Exception {
    FakeWiredHandler.close(api, http);
    api = FakeBotApi.withDateFront(TOKEN);
    api.hostClockAhead(seconds);
    api.sendDateHeaders(dateHeaders);
    http = FakeWiredHandler.http(api);
    handler = handlerOver(seeds);
    FakeWiredHandler.startUp(api, http);
  }

  private static final String SOCHI = "When was the Sochi memorandum signed?";

  /** The clock's warnings: "WARN TelegramClock: ..." lines. */
  private static List<String> clockWarnings(LogCapture logs) {
    return logs.atLeast(ch.qos.logback.classic.Level.WARN).stream()
        .filter(l -> l.contains("TelegramClock"))
        .toList();
  }

  /**
   * A host whose clock is 3 hours ahead of Telegram's (a VM restored from a snapshot, no NTP):
   * timed on the host's clock, a question Telegram dated 5 s before had waited 3 hours, and its
   * answer said "You asked this 3 h ago". The wait is timed on Telegram's clock, as the Date header
   * of its answers tells it; the host's clock is named in one WARN, not one per answer.
   */
  @Test
  void onAHostWhoseClockIsThreeHoursAheadAFreshQuestionIsNotToldItWaited() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      onAHostAhead(3 * 3600, true);
      handle(api.sentAgoOnTelegramsClock(FakeBotApi.privateText(nextId(), 7, 10, SOCHI), 5));
      String fresh = lastSent().path("text").asText();
      assertFalse(fresh.contains("You asked"), fresh);
      assertTrue(fresh.contains("17 September"), "and then the answer: " + fresh);
      handle(api.sentAgoOnTelegramsClock(FakeBotApi.privateText(nextId(), 8, 11, SOCHI), 60));
      String again = lastSent().path("text").asText();
      assertFalse(again.contains("You asked"), again);
      List<String> warnings = clockWarnings(logs);
      assertEquals(1, warnings.size(), "one WARN, not one per answer: " + warnings);
      assertTrue(
          warnings
              .get(0)
              .matches("WARN TelegramClock: this machine's clock is 10(799|800) s ahead.*"),
          warnings.get(0));
      assertFalse(warnings.get(0).contains(TOKEN) || warnings.get(0).contains("Sochi"));
    }
  }

  /**
   * On the same host, a question that did wait 3 hours at Telegram is told 3 hours (Telegram's
   * clock), not 6 (the host's less Telegram's date).
   */
  @Test
  void onAHostWhoseClockIsThreeHoursAheadAQuestionThatWaitedThreeHoursIsToldThreeHours()
      throws Exception {
    onAHostAhead(3 * 3600, true);
    handle(
        api.sentAgoOnTelegramsClock(
            FakeBotApi.privateText(nextId(), 7, 10, SOCHI), 3 * 3600 + 120));
    String late = lastSent().path("text").asText();
    assertTrue(
        late.startsWith(
            "<i>You asked this 3 h ago; I could not answer then. Sorry for the wait.</i>\n\n"),
        late);
    // Half a minute past 25: the Date header counts whole seconds, so the offset it tells may be a
    // second off, and a question sent exactly 25 min before was at times told 24.
    handle(
        api.sentAgoOnTelegramsClock(FakeBotApi.privateText(nextId(), 8, 11, SOCHI), 25 * 60 + 30));
    String minutes = lastSent().path("text").asText();
    assertTrue(minutes.startsWith("<i>You asked this 25 min ago;"), minutes);
  }

  /**
   * With no Date header at all (a proxy that drops it), nothing tells the bot what Telegram's clock
   * says: the host's times the wait, as before, even when it is 3 hours ahead, and nothing is
   * logged about it.
   */
  @Test
  void withoutADateHeaderTheHostsClockTimesTheWaitAsBefore() throws Exception {
    try (LogCapture logs = new LogCapture()) {
      onAHostAhead(3 * 3600, false);
      handle(api.sentAgoOnTelegramsClock(FakeBotApi.privateText(nextId(), 7, 10, SOCHI), 5));
      String text = lastSent().path("text").asText();
      assertTrue(text.startsWith("<i>You asked this 3 h ago;"), text);
      assertTrue(FakeWiredHandler.clockOf(http).offsetMillis().isEmpty());
      assertEquals(List.of(), clockWarnings(logs));
    }
  }

  @Test
  void typingIsRenewedWithinFiveSecondsUntilTheReplyAndNeverAfterIt() throws Exception {
    handler = handlerOver(SlowAnswerer.of(seeds, () -> timers.advance(13_000)));
    api.openTopic(FORUM, 5, true);
    handle(topicText(nextId(), 5, 20, "When was the Sochi memorandum signed?"));
    timers.advance(30_000);
    List<FakeBotApi.Call> typing = api.calls("sendChatAction");
    assertEquals(4, typing.size(), "at 0.3, 4.3, 8.3 and 12.3 s of a 13 s answer");
    long replied = api.calls("sendMessage").get(0).nanos();
    typing.forEach(
        t -> {
          assertTrue(t.nanos() < replied, "never after the reply");
          assertEquals("typing", t.body().path("action").asText());
          assertEquals(5, t.body().path("message_thread_id").asInt(), "in the question's topic");
        });
    assertTrue(Typing.EVERY_MILLIS < FakeBotApi.CHAT_ACTION_MILLIS);
    assertTrue(api.calls("sendChatAction:refused").isEmpty());
  }

  /**
   * Telegram clears "typing..." when a message of the bot's arrives (sendChatAction: "The status is
   * set for 5 seconds or less (when a message arrives from your bot, Telegram clients clear its
   * typing status)"), and an edit is no message arriving. An edited question whose reply is edited
   * in place showed "typing..." while it was answered, and the last one, at 8.3 s of a 9 s answer,
   * went on showing for 4 s after the edit, announcing a message that never came. Now an edit that
   * edits the reply shows none (as it shows none while it waits for its chat's turn); a new reply,
   * which clears it, still does.
   */
  @Test
  void anEditedQuestionWhoseReplyIsEditedInPlaceLeavesNoTypingShowingAfterIt() throws Exception {
    api.useClock(() -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timers.now()));
    handler = handlerOver(SlowAnswerer.of(seeds, () -> timers.advance(9_000)));
    ObjectNode asked = FakeBotApi.privateText(nextId(), 7, 10, "Who were the Astana guarantors?");
    handle(asked);
    assertEquals(3, api.calls("sendChatAction").size(), "typing at 0.3, 4.3 and 8.3 s");
    assertFalse(api.showsTyping(7), "the reply cleared it");
    timers.advance(60_000);

    handle(FakeBotApi.edited(asked, nextId(), "When was the Sochi memorandum signed?"));
    assertEquals(1, api.calls("editMessageText").size(), "the reply edited in place");
    assertEquals(1, api.calls("sendMessage").size(), "no new message");
    assertFalse(api.showsTyping(7), "\"typing...\" still shown after the edit, no message coming");
    assertEquals(3, api.calls("sendChatAction").size(), "none for the edit");
  }

  /**
   * Telegram numbers a supergroup's messages on its own, so the bot's answers in two supergroups
   * can both be message 1000 (the fake numbered all chats in one sequence, and no test saw it):
   * "More" under each shows its own next quote (the first is no double tap of the second), an edit
   * of one group's question edits that group's answer only, and each group's 👎 is noted.
   */
  @Test
  void answersWithTheSameMessageIdInTwoSupergroupsKeepTheirOwnButtonsAndEdits() throws Exception {
    long a = -1001000000001L;
    long b = -1001000000002L;
    String question = "/ask@AstanaQaBot When was the ceasefire regime brokered?"; // three quotes
    handle(FakeBotApi.groupText(nextId(), a, 5, 5, question));
    ObjectNode inB = FakeBotApi.groupText(nextId(), b, 6, 5, question);
    handle(inB);
    List<JsonNode> answers = bodies("sendMessage");
    assertEquals(List.of(1000, 1000), List.of(api.sentMessageId(0), api.sentMessageId(1)));
    String shownInA = api.shownText(a, 1000);

    handle(
        FakeBotApi.callback(nextId(), a, 5, 1000, FakeWiredHandler.button(answers.get(0), "m:")));
    handle(
        FakeBotApi.callback(nextId(), b, 6, 1000, FakeWiredHandler.button(answers.get(1), "m:")));
    assertEquals(4, api.calls("sendMessage").size(), "each group's More shown: " + api.refused());
    assertEquals(b, lastSent().path("chat_id").asLong());

    handle(FakeBotApi.edited(inB, nextId(), "/ask@AstanaQaBot Who were the Astana guarantors?"));
    List<FakeBotApi.Call> edits = api.calls("editMessageText");
    assertEquals(1, edits.size(), api.refused().toString());
    assertEquals(b, edits.get(0).body().path("chat_id").asLong(), "the edited question's group");
    assertEquals(shownInA, api.shownText(a, 1000), "the other group's answer untouched");

    handle(FakeBotApi.callback(nextId(), a, 5, 1000, FakeWiredHandler.thumbsDown(answers.get(0))));
    String down = FakeWiredHandler.thumbsDown(edits.get(0).body());
    handle(FakeBotApi.callback(nextId(), b, 6, 1000, down));
    List<JsonNode> acks = bodies("answerCallbackQuery");
    String noted = org.astanaqa.bot.reply.Texts.english().get("vote.noted");
    assertEquals(noted, acks.get(acks.size() - 2).path("text").asText());
    assertEquals(noted, acks.get(acks.size() - 1).path("text").asText());
    assertEquals(List.of(), api.refused());
  }

  /**
   * A question from a group that has become a supergroup (sent before the upgrade, delivered
   * after): Telegram refuses "typing..." to the old id as it refuses messages, with {@code
   * migrate_to_chat_id}. The first refusal teaches the bot where the group is now; "typing..." and
   * the reply go there, not to the old id every 4 s.
   */
  @Test
  void typingInAGroupThatBecameASupergroupGoesWhereTheGroupIsNow() throws Exception {
    handler = handlerOver(SlowAnswerer.of(seeds, () -> timers.advance(13_000)));
    long group = -100;
    long supergroup = -1009876543210L;
    api.migrate(group, supergroup);
    handle(
        FakeBotApi.groupText(nextId(), group, 5, 20, "/ask When was the Sochi memorandum signed?"));
    timers.advance(30_000);
    assertEquals(1, api.calls("sendChatAction:refused").size(), "the old id refused once");
    List<FakeBotApi.Call> typing = api.calls("sendChatAction");
    assertEquals(3, typing.size(), "at 4.3, 8.3 and 12.3 s, in the supergroup");
    typing.forEach(t -> assertEquals(supergroup, t.body().path("chat_id").asLong()));
    assertEquals(supergroup, api.calls("sendMessage").get(0).body().path("chat_id").asLong());
    assertTrue(api.calls("sendMessage:refused").isEmpty(), "the reply went there at once");
  }

  private static ObjectNode topicText(long updateId, int thread, int messageId, String text) {
    // A command for the bot: a mere mention never reaches a bot in privacy mode, BotFather's
    // default.
    return topicText(updateId, thread, messageId, "/ask@AstanaQaBot " + text, 6);
  }

  /** A message typed in topic {@code thread}, which user (or bot, 777) {@code creator} made. */
  private static ObjectNode topicText(
      long updateId, int thread, int messageId, String text, long creator) {
    return FakeBotApi.inForumTopic(
        FakeBotApi.groupText(updateId, FORUM, 5, messageId, text), thread, creator);
  }

  /**
   * Telegram gives every message of a forum topic as a reply to the topic's creation message. In a
   * topic the bot made, that read as a reply to the bot: group chatter there was answered as a
   * question for it, and "who signed it?" leaned on an answer the bot had "forgotten" (the topic's
   * creation, a week old) instead of the topic's last question.
   */
  @Test
  void aTopicsImplicitReplyToItsCreationIsNoReplyToTheBot() throws Exception {
    api.openTopic(FORUM, 9, true);
    int before = api.calls("sendMessage").size();
    handle(topicText(nextId(), 9, 40, "lunch at noon, anyone?", 777));
    assertEquals(
        before, api.calls("sendMessage").size(), "chatter in the topic is not for the bot");

    handle(
        topicText(nextId(), 9, 41, "/ask@AstanaQaBot When was the Sochi memorandum signed?", 777));
    handle(topicText(nextId(), 9, 42, "/ask@AstanaQaBot who signed it?", 777));
    JsonNode here = lastSent();
    assertEquals(9, here.path("message_thread_id").asInt());
    assertTrue(
        here.path("text")
            .asText()
            .startsWith("Answering: <i>Who signed the Sochi memorandum?</i>\n\n"),
        "the topic's last question is the context: " + here.path("text").asText());
  }

  @Test
  void answersMoreAndErrorsInAForumTopicStayInItAndMoreRepliesToItsMessage() throws Exception {
    api.openTopic(FORUM, 5, true);
    handle(topicText(nextId(), 5, 30, "When was the ceasefire regime brokered?")); // three quotes
    JsonNode answer = lastSent();
    assertEquals(5, answer.path("message_thread_id").asInt());
    handle(pressInTopic(5, 1000, button(answer, "More")));
    JsonNode more = lastSent();
    assertEquals(5, more.path("message_thread_id").asInt());
    assertEquals(
        1000, more.path("reply_parameters").path("message_id").asInt(), "a reply to the answer");
    handle(topicText(nextId(), 5, 31, "   ")); // an empty question gets its hint in the topic too
    assertEquals(5, lastSent().path("message_thread_id").asInt());
    handle(topicText(nextId(), 5, 32, "What is the capital of France?"));
    assertTrue(lastSent().path("text").asText().contains("could not find"));
    assertEquals(5, lastSent().path("message_thread_id").asInt());
    assertTrue(api.calls("sendMessage:refused").isEmpty(), "Telegram accepted every topic");

    // A reply thread in a group that is not a forum has a thread id too; Telegram refuses it back.
    ObjectNode replyThread =
        FakeBotApi.groupText(nextId(), -2002, 5, 40, "/ask who were the guarantors?");
    ((ObjectNode) replyThread.get("message")).put("message_thread_id", 39);
    handle(replyThread);
    assertFalse(lastSent().has("message_thread_id"));
    assertTrue(api.calls("sendMessage:refused").isEmpty());
  }

  /**
   * Probe: questions of odd text (HTML's own characters, an unclosed tag, entities, a link, emoji
   * with joiners, right-to-left marks, a word longer than a message) are answered without one
   * refusal from Telegram's HTML parser (the fake keeps its rules) and without the plain-text
   * fallback: the question's words are bolded in the quote, never pasted into the HTML raw.
   */
  @Test
  void questionsOfOddTextGetRepliesTelegramParses() throws Exception {
    List<String> odd =
        List.of(
            "<b>When</b> was the Sochi memorandum signed? & <i",
            "When was the memorandum signed &amp; &lt;by whom&gt;?",
            "Sochi 👨‍👩‍👧‍👦 memorandum \u200f\u202e signed when? 🇰🇿",
            "ceasefire regime " + "x".repeat(5000),
            "</a><a href=\"javascript:alert(1)\">guarantors</a>",
            "What is the capital of France? <tg-spoiler>");
    int message = 100;
    for (String q : odd) {
      handle(FakeBotApi.privateText(nextId(), 7, ++message, q));
    }
    assertEquals(List.of(), api.refused(), "every reply parsed");
    assertTrue(api.calls("sendMessage").size() >= odd.size(), "each answered");
    for (JsonNode sent : bodies("sendMessage")) {
      assertTrue(
          sent.path("parse_mode").asText().equalsIgnoreCase("html"),
          "no plain-text fallback: " + sent);
    }
  }

  /**
   * Probe: a question asked in a forum topic and edited there (Telegram's edited_message keeps its
   * message_thread_id and is_topic_message) edits the answer in place; once that answer is deleted
   * ("message to edit not found"), the next edit is answered anew, as a reply in the same topic,
   * never in the forum's general topic.
   */
  @Test
  void anEditedQuestionInAForumTopicIsAnsweredInThatTopicAlsoWhenItsAnswerWasDeleted()
      throws Exception {
    api.openTopic(FORUM, 5, true);
    ObjectNode asked = topicText(nextId(), 5, 30, "When was the ceasefire regime brokered?");
    handle(asked);
    JsonNode answer = lastSent();
    assertEquals(5, answer.path("message_thread_id").asInt());
    handle(FakeBotApi.edited(asked, nextId(), "/ask@AstanaQaBot Who were the guarantors?"));
    assertEquals(1, api.calls("editMessageText").size(), "the answer edited in place");
    assertEquals(1, api.calls("sendMessage").size());
    api.deleteMessage(FORUM, 1000);
    handle(
        FakeBotApi.edited(
            asked, nextId(), "/ask@AstanaQaBot When was the Sochi memorandum signed?"));
    assertEquals(2, api.calls("sendMessage").size(), "answered anew: " + api.refused());
    JsonNode anew = lastSent();
    assertEquals(5, anew.path("message_thread_id").asInt(), "in the question's topic");
    assertEquals(30, anew.path("reply_parameters").path("message_id").asInt());
    assertTrue(api.calls("sendMessage:refused").isEmpty());
  }

  /**
   * "Full passage" under an answer in a forum topic that Telegram will not edit ("message can't be
   * edited"): the passage comes as a new reply to the answer, in the same topic.
   */
  @Test
  void aFullPassageThatCannotBeEditedInComesAsANewReplyInTheSameTopic() throws Exception {
    api.openTopic(FORUM, 5, true);
    handle(topicText(nextId(), 5, 30, "When was the ceasefire regime brokered?"));
    JsonNode answer = lastSent();
    String full = button(answer, "Full passage");
    assertNotNull(full, answer.toString());
    api.uneditable(FORUM, 1000);
    handle(pressInTopic(5, 1000, full));
    assertEquals(1, api.calls("editMessageText:refused").size());
    JsonNode shown = lastSent();
    assertEquals(2, api.calls("sendMessage").size(), "the passage as a new message");
    assertEquals(5, shown.path("message_thread_id").asInt(), "in the answer's topic");
    assertEquals(1000, shown.path("reply_parameters").path("message_id").asInt());
    assertEquals(1, api.calls("answerCallbackQuery").size());
  }

  /**
   * The answer in a forum topic was deleted after its buttons were pressed: the callback query
   * carries an InaccessibleMessage, which names no topic. "Full passage" and "More" still land in
   * the answer's topic, remembered with its buttons, not in the forum's general topic.
   */
  @Test
  void pressesOnAnAnswerDeletedInAForumTopicAreAnsweredInThatTopic() throws Exception {
    api.openTopic(FORUM, 5, true);
    handle(topicText(nextId(), 5, 30, "When was the ceasefire regime brokered?"));
    JsonNode answer = lastSent();
    api.deleteMessage(FORUM, 1000);
    ObjectNode full = pressInTopic(5, 1000, button(answer, "Full passage"));
    handle(full);
    assertEquals(0, full.path("callback_query").path("message").path("date").asInt());
    assertEquals(5, lastSent().path("message_thread_id").asInt(), "the passage, in the topic");
    handle(pressInTopic(5, 1000, button(answer, "More")));
    assertEquals(5, lastSent().path("message_thread_id").asInt(), "the next quote, in the topic");
    assertEquals(3, api.calls("sendMessage").size());
    assertEquals(List.of(), api.refused().stream().map(c -> c.method() + " " + c.body()).toList());
  }

  /**
   * An example question or a /sources page pressed on a message Telegram reports inaccessible
   * (InaccessibleMessage: its chat, its id and date 0, no topic) in a forum topic: the answer and
   * the page still come in that topic, as the README promises ("everything the bot says stays in
   * that topic"). Before, these buttons named no topic and had no stored answer to remember one
   * with, so both went to the forum's General topic.
   */
  @Test
  void examplesAndSourcesPagesPressedOnAnInaccessibleMessageInAForumTopicStayInIt()
      throws Exception {
    api.openTopic(FORUM, 5, true);
    handle(topicCommand(nextId(), 5, 30, "/start"));
    JsonNode greeting = lastSent();
    assertEquals(5, greeting.path("message_thread_id").asInt());
    String example = button(greeting, "Who were the Astana guarantors?");
    assertNotNull(example, greeting.toString());
    api.deleteMessage(FORUM, 1000);
    ObjectNode press = pressInTopic(5, 1000, example);
    handle(press);
    assertEquals(0, press.path("callback_query").path("message").path("date").asInt());
    assertFalse(press.path("callback_query").path("message").has("message_thread_id"));
    JsonNode answer = lastSent();
    assertTrue(answer.path("text").asText().contains("Astana guarantors"), answer.toString());
    assertEquals(5, answer.path("message_thread_id").asInt(), "the example's answer, in the topic");

    QuestionAnswerer many = withSixtySources();
    handler = handlerOver(many);
    handle(topicCommand(nextId(), 5, 31, "/sources"));
    int list = 1000 + bodies("sendMessage").size() - 1;
    String next = button(lastSent(), "Next \u203a");
    assertNotNull(next, lastSent().toString());
    api.deleteMessage(FORUM, list);
    handle(pressInTopic(5, list, next));
    JsonNode page = lastSent();
    assertTrue(page.path("text").asText().contains("page 2 of 4"), page.toString());
    assertEquals(5, page.path("message_thread_id").asInt(), "the page, in the topic");
    assertEquals(
        List.of(),
        api.refused().stream()
            .filter(c -> !c.method().startsWith("editMessageText"))
            .map(c -> c.method() + " " + c.body())
            .toList());
    assertEquals(2, api.calls("answerCallbackQuery").size(), "both presses answered");
  }

  /** A command sent in forum topic {@code thread} of the forum. */
  private static ObjectNode topicCommand(long updateId, int thread, int messageId, String text) {
    return FakeBotApi.inForumTopic(
        FakeBotApi.groupText(updateId, FORUM, 5, messageId, text), thread, 6);
  }

  @Test
  void aMessageTelegramFindsTooLongIsSplitWithEveryPartInTheTopic() throws Exception {
    api.openTopic(FORUM, 5, true);
    Sender sender = FakeWiredHandler.sender(api, http, new AtomicLong());
    String text = "word ".repeat(1000).strip(); // 4,999 characters: Telegram refuses it whole
    sender.send(
        org.telegram.telegrambots.meta.api.methods.send.SendMessage.builder()
            .chatId(FORUM)
            .text(text)
            .messageThreadId(5)
            .build(),
        true,
        text);
    List<JsonNode> parts = bodies("sendMessage");
    assertTrue(parts.size() >= 2, parts.size() + " parts");
    parts.forEach(
        p -> assertEquals(5, p.path("message_thread_id").asInt(), "every part in the topic"));
    assertEquals(1, api.calls("sendMessage:refused").size(), "only the whole one was refused");

    api.openTopic(
        FORUM, 6, false); // closed by an admin meanwhile: Telegram refuses, the sender gives up
    assertTrue(
        sender
            .send(
                org.telegram.telegrambots.meta.api.methods.send.SendMessage.builder()
                    .chatId(FORUM)
                    .text("x")
                    .messageThreadId(6)
                    .build(),
                true,
                "x")
            .isEmpty());
  }

  private ObjectNode pressInTopic(int thread, int messageId, String data) {
    ObjectNode u = FakeBotApi.callback(nextId(), FORUM, 5, messageId, data);
    ObjectNode m = (ObjectNode) u.get("callback_query").get("message");
    m.put("message_thread_id", thread).put("is_topic_message", true);
    m.putObject("chat")
        .put("id", FORUM)
        .put("type", "supergroup")
        .put("title", "Forum")
        .put("is_forum", true);
    return u;
  }

  @Test
  void fullPassageIsOfferedOnlyWhenThePassageHoldsMoreThanTheQuote(@TempDir Path corpus)
      throws Exception {
    Files.writeString(
        corpus.resolve("a.txt"),
        "The ceasefire in Idlib was agreed by the guarantors in Sochi.\n",
        StandardCharsets.UTF_8);
    try (QuestionAnswerer one = QuestionAnswerer.inMemory(corpus, Settings.defaults())) {
      handler = handlerOver(one);
      handle(FakeBotApi.privateText(nextId(), 7, 10, "Where was the ceasefire in Idlib agreed?"));
      JsonNode answer = lastSent();
      assertTrue(answer.path("text").asText().contains("Sochi"), answer.toString());
      assertEquals(null, button(answer, "Full passage"), "the quote is the whole passage");
      assertTrue(button(answer, UxTexts.VOTE_DOWN) != null);
    }
    handler = handlerOver(seeds);
    handle(FakeBotApi.privateText(nextId(), 7, 11, "When was the Sochi memorandum signed?"));
    JsonNode answer = lastSent();
    int id = 1001;
    String full = button(answer, "Full passage");
    handle(press(7, id, full));
    JsonNode edit = bodies("editMessageText").get(0);
    assertTrue(
        edit.path("text").asText().length() > answer.path("text").asText().length() - 40,
        edit.toString());
    assertEquals(null, button(edit, "Full passage"), "shown already");
    assertTrue(button(edit, UxTexts.VOTE_UP) != null, "the thumbs stay");
    assertTrue(api.calls("editMessageText:refused").isEmpty());
  }

  @Test
  void anEditedQuestionEditsTheEarlierReplyAndAnUnknownOneIsAnsweredAnew() throws Exception {
    handle(FakeBotApi.privateText(nextId(), 7, 10, "Who were the Astana guarantors?"));
    assertEquals(1, api.calls("sendMessage").size());
    handle(
        edited(FakeBotApi.privateText(nextId(), 7, 10, "When was the Sochi memorandum signed?")));
    assertEquals(1, api.calls("sendMessage").size(), "no new message");
    JsonNode edit = bodies("editMessageText").get(0);
    assertEquals(1000, edit.path("message_id").asInt());
    assertTrue(edit.path("text").asText().contains("17 September"), edit.toString());
    assertTrue(button(edit, UxTexts.VOTE_DOWN) != null, "the new answer's buttons");

    // Not found, edited to another not-found question: the same reply, so no edit Telegram would
    // refuse.
    handle(FakeBotApi.privateText(nextId(), 7, 11, "What is the capital of France?"));
    handle(edited(FakeBotApi.privateText(nextId(), 7, 11, "What is the capital of Peru?")));
    assertEquals(1, api.calls("editMessageText").size());
    assertTrue(api.calls("editMessageText:refused").isEmpty());

    handle(edited(FakeBotApi.privateText(nextId(), 7, 3, "When was the Sochi memorandum signed?")));
    assertEquals(
        3, api.calls("sendMessage").size(), "a question from before we remember: answered anew");
    assertEquals(3, lastSent().path("reply_parameters").path("message_id").asInt());
    handle(edited(FakeBotApi.privateText(nextId(), 7, 4, "/help")));
    assertEquals(3, api.calls("sendMessage").size(), "an edited command is not answered again");
  }

  /**
   * An edit Telegram cannot parse (400 "can't parse entities") is made again as plain text, as a
   * new reply is: the earlier reply shows the new answer, and no second reply appears.
   */
  @Test
  void anEditTelegramCannotParseIsMadeAsPlainText() throws Exception {
    handle(FakeBotApi.privateText(nextId(), 7, 10, "Who were the Astana guarantors?"));
    api.failNext("editMessageText", FakeBotApi.Failure.cantParseEntities());
    handle(
        edited(FakeBotApi.privateText(nextId(), 7, 10, "When was the Sochi memorandum signed?")));
    assertEquals(1, api.calls("sendMessage").size(), "no second reply");
    List<JsonNode> edits = bodies("editMessageText");
    assertEquals(1, edits.size(), "made once, as plain text: " + edits);
    assertFalse(edits.get(0).has("parse_mode"), edits.get(0).toString());
    assertTrue(edits.get(0).path("text").asText().contains("17 September"));
    assertFalse(edits.get(0).path("text").asText().contains("<b>"), "no tags shown as text");
    assertTrue(button(edits.get(0), UxTexts.VOTE_DOWN) != null, "its buttons kept");
    // Too many entities, which Telegram says in capitals: the same.
    api.failNext("editMessageText", FakeBotApi.Failure.entitiesTooLong());
    handle(edited(FakeBotApi.privateText(nextId(), 7, 10, "Who were the Astana guarantors?")));
    assertEquals(1, api.calls("sendMessage").size(), "still no second reply");
    assertEquals(2, bodies("editMessageText").size());
    assertFalse(bodies("editMessageText").get(1).has("parse_mode"));
  }

  /**
   * An inline answer whose formatting Telegram refuses (400 "can't parse entities", or
   * ENTITIES_TOO_LONG): before, the whole answerInlineQuery was lost and the user saw no results;
   * now the same results are answered again as plain text, as a reply or an edit is.
   */
  @Test
  void anInlineAnswerTelegramCannotParseIsAnsweredAsPlainText() throws Exception {
    for (FakeBotApi.Failure refusal :
        List.of(FakeBotApi.Failure.cantParseEntities(), FakeBotApi.Failure.entitiesTooLong())) {
      api.failNext("answerInlineQuery", refusal);
      int before = bodies("answerInlineQuery").size();
      handle(FakeBotApi.inline(nextId(), 7, "When was the Sochi memorandum signed?"));
      List<JsonNode> answers = bodies("answerInlineQuery");
      assertEquals(before + 1, answers.size(), "answered: " + api.refused());
      JsonNode results = answers.get(answers.size() - 1).path("results");
      assertTrue(results.size() > 0, results.toString());
      JsonNode content = results.get(0).path("input_message_content");
      assertFalse(content.has("parse_mode"), content.toString());
      String text = content.path("message_text").asText();
      assertTrue(text.contains("17 September"), text);
      assertFalse(text.contains("<b>"), "no tags shown as text: " + text);
    }
  }

  private static ObjectNode edited(ObjectNode update) {
    update.set("edited_message", update.remove("message"));
    ((ObjectNode) update.get("edited_message")).put("edit_date", FakeBotApi.sentNow());
    return update;
  }

  @Test
  void anEmptyInlineQueryOffersTheExampleQuestionsWithTheirAnswers() throws Exception {
    handle(FakeBotApi.inline(nextId(), 7, ""));
    JsonNode results = bodies("answerInlineQuery").get(0).path("results");
    List<String> titles = new ArrayList<>();
    results.forEach(r -> titles.add(r.path("title").asText()));
    assertEquals(
        List.of("Who were the Astana guarantors?", "When was the Sochi memorandum signed?"),
        titles);
    String shared = results.get(1).path("input_message_content").path("message_text").asText();
    assertTrue(shared.contains("17 September") && shared.contains("\u2014 <i>"), shared);
  }

  @Test
  void anInlineAnswerSharedIntoAChatIsNoQuestion() throws Exception {
    // A user tries "@AstanaQaBot question" in the bot's own chat and picks the answer: Telegram
    // sends the bot that message (via_bot), which once got a second answer, to the answer's text.
    ObjectNode asked = FakeBotApi.inline(nextId(), 7, "When was the Sochi memorandum signed?");
    handle(asked);
    handle(api.chosenInlineResult(nextId(), 7, 30, asked, "0"));
    // ... and in a group, as a reply to one of the bot's answers there (privacy mode passes both).
    handle(
        FakeBotApi.replyingToBot(
            api.chosenInlineResult(nextId(), -100500, 31, asked, "0"), 29, "an earlier answer"));
    assertEquals(List.of(), api.calls("sendMessage"));
    assertEquals(List.of(), api.refused());
  }

  /**
   * A channel's post that Telegram forwarded by itself into the channel's discussion group
   * (Message, "is_automatic_forward") is the channel's own post, put there for members to comment
   * on: nobody asked the bot anything. One that mentioned the bot, or read as an /ask, was answered
   * in the group as if a member had asked, and so was its edit when the channel edited the post. A
   * member's question under it, mentioning the bot, is still answered.
   */
  @Test
  void aChannelPostForwardedIntoItsDiscussionGroupIsNotAnswered() throws Exception {
    long group = -1002;
    long channel = -1003;
    // A post that only mentions the bot reaches it with privacy mode off (or the bot an admin of
    // the group); in privacy mode, BotFather's default, only the /ask post below comes.
    api.privacyMode(false);
    ObjectNode post =
        FakeBotApi.automaticForward(
            nextId(), group, channel, 40, "When was the Sochi memorandum signed? @AstanaQaBot");
    handle(post);
    // The same length, so that the mention Telegram marked stays where it was.
    handle(FakeBotApi.edited(post, nextId(), "When was the Sochi memorandum SIGNED? @AstanaQaBot"));
    api.privacyMode(true);
    handle(
        FakeBotApi.automaticForward(
            nextId(), group, channel, 41, "/ask When was the Sochi memorandum signed?"));
    assertEquals(List.of(), api.calls("sendMessage"), "the channel's posts: no answer");
    assertEquals(List.of(), api.calls("sendChatAction"), "nor typing");

    handle(
        FakeBotApi.groupText(
            nextId(), group, 9, 42, "/ask@AstanaQaBot When was the Sochi memorandum signed?"));
    assertEquals(1, api.calls("sendMessage").size(), "a member's question is answered");
    assertEquals(List.of(), api.refused());
  }

  /** An answerer whose index lists 60 documents: /sources shows them on several pages. */
  private static QuestionAnswerer withSixtySources() {
    List<org.astanaqa.retrieval.Source> docs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      docs.add(
          new org.astanaqa.retrieval.Source(
              "doc" + i, "Document " + i, "Publisher", "2017-10-30", "https://example.org/" + i));
    }
    QuestionAnswerer many = org.mockito.Mockito.mock(QuestionAnswerer.class);
    org.mockito.Mockito.when(many.sources()).thenReturn(docs);
    return many;
  }
}
