package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.bot.Conversations;
import org.astanaqa.bot.logging.ChatTag;
import org.astanaqa.bot.telegram.http.TelegramClock;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.bot.telegram.send.Throttle;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The update handling, with a Mockito-mocked {@link TelegramClient} recording what is sent. */
class UpdateHandlerTest {
  private static QuestionAnswerer seeds;
  private static ScheduledExecutorService timers;

  private final List<BotApiMethod<?>> sent = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger reindexed =
      new java.util.concurrent.atomic.AtomicInteger();
  private Access access = Access.open();
  @TempDir Path data;
  private TelegramClient client;
  private UpdateHandler handler;
  @TempDir Path tags;

  @BeforeAll
  static void openIndex() {
    // Direct answers on, so that their Telegram form is tested too (they are off by default).
    seeds =
        QuestionAnswerer.inMemory(
            Path.of("..", "seeds"), Settings.defaults().withDirectAnswers(true));
    timers = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void close() throws Exception {
    seeds.close();
    timers.shutdownNow();
  }

  @BeforeEach
  void wire() throws Exception {
    client = mock(TelegramClient.class);
    when(client.execute(any(BotApiMethod.class))).thenAnswer(inv -> record(inv.getArgument(0)));
    // Button and inline answers go out asynchronously: waited for only while the query lives.
    when(client.executeAsync(any(BotApiMethod.class)))
        .thenAnswer(
            inv ->
                java.util.concurrent.CompletableFuture.completedFuture(record(inv.getArgument(0))));
    handler = handlerOver(seeds, 20);
  }

  private UpdateHandler handlerOver(QuestionAnswerer qa, int questionsPerMinute) {
    Throttle.Clock clock = new FakeClock(now);
    Sender sender = new Sender(client, new Throttle(1000, 1000, 1000, clock), clock, 1_000_000);
    return new UpdateHandler(
        () -> qa,
        sender,
        new ButtonStore(100, 60_000_000_000L, now::get),
        new UserRateLimit(questionsPerMinute, now::get),
        new UserRateLimit(questionsPerMinute * 6, now::get),
        timers,
        List.of("Who were the Astana guarantors?", "When was the Sochi memorandum signed?"),
        777,
        "AstanaQaBot",
        access,
        () -> {
          reindexed.incrementAndGet();
          return "Reindexed 5 documents.";
        },
        FeedbackStore.open(data.resolve(FeedbackStore.FILE)),
        QuestionEdits.open(data, ChatTag.of(tags)),
        ChatTag.of(tags),
        new Conversations(TimeUnit.MINUTES.toNanos(5), System::nanoTime),
        new TelegramClock());
  }

  /**
   * Has the client record when each chat action ({@code typingAt}) and each other call ({@code
   * replyAt}) went out, on the manual timers' clock.
   */
  private void recordTimes(ManualTimers clock, List<Long> typingAt, List<Long> replyAt)
      throws Exception {
    when(client.execute(any(BotApiMethod.class)))
        .thenAnswer(
            inv -> {
              BotApiMethod<?> m = inv.getArgument(0);
              sent.add(m);
              (m instanceof org.telegram.telegrambots.meta.api.methods.send.SendChatAction
                      ? typingAt
                      : replyAt)
                  .add(clock.now());
              return m instanceof SendMessage ? sentMessage() : (Serializable) Boolean.TRUE;
            });
  }

  /** A handler over {@code qa} sending through {@code sender}, its timers the manual ones. */
  private UpdateHandler onTimers(QuestionAnswerer qa, Sender sender, ManualTimers clock) {
    return onTimers(qa, sender, clock, 20);
  }

  /** As the other, a user's question limit {@code questionsPerMinute}. */
  private UpdateHandler onTimers(
      QuestionAnswerer qa, Sender sender, ManualTimers clock, int questionsPerMinute) {
    return new UpdateHandler(
            () -> qa,
            sender,
            new ButtonStore(10, Long.MAX_VALUE, now::get),
            new UserRateLimit(questionsPerMinute, now::get),
            new UserRateLimit(6 * questionsPerMinute, now::get),
            clock.executor,
            List.of("Who were the Astana guarantors?"),
            777,
            "AstanaQaBot",
            Access.open(),
            () -> "",
            FeedbackStore.open(data.resolve(FeedbackStore.FILE)),
            QuestionEdits.open(data, ChatTag.of(tags)),
            ChatTag.of(tags),
            new Conversations(TimeUnit.MINUTES.toNanos(5), System::nanoTime),
            new TelegramClock())
        .typingSentOn(Runnable::run); // "typing..." sent as the manual timers tick it
  }

  /** Records {@code m} as sent and returns what Telegram would. */
  private Serializable record(BotApiMethod<?> m) {
    sent.add(m);
    return m instanceof SendMessage || m instanceof EditMessageText
        ? sentMessage()
        : (Serializable) Boolean.TRUE;
  }

  private static Message sentMessage() {
    Message m = new Message();
    m.setMessageId(1000);
    return m;
  }

  private void handle(ObjectNode json) throws Exception {
    handle(handler, json);
  }

  private static void handle(UpdateHandler h, ObjectNode json) throws Exception {
    h.handle(FakeBotApi.JSON.treeToValue(json, Update.class));
  }

  private <T> List<T> sent(Class<T> type) {
    return sent.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private SendMessage onlyMessage() {
    List<SendMessage> messages = sent(SendMessage.class);
    assertEquals(1, messages.size(), "messages sent: " + messages);
    return messages.get(0);
  }

  @Test
  void startGreetsWithExampleQuestionsAsButtons() throws Exception {
    handle(FakeBotApi.privateText(1, 42, 7, "/start"));
    SendMessage m = onlyMessage();
    assertTrue(m.getText().startsWith("Hello!"));
    InlineKeyboardMarkup kb = (InlineKeyboardMarkup) m.getReplyMarkup();
    assertEquals("Who were the Astana guarantors?", kb.getKeyboard().get(0).get(0).getText());
    assertEquals(
        "q:1." + Keyboards.exampleHash("When was the Sochi memorandum signed?"),
        kb.getKeyboard().get(1).get(0).getCallbackData());
  }

  @Test
  void anExampleButtonAsksItsQuestion() throws Exception {
    handle(FakeBotApi.callback(1, 42, 5, "q:1"));
    assertEquals(1, sent(AnswerCallbackQuery.class).size());
    assertTrue(onlyMessage().getText().contains("17 September"));
  }

  /**
   * The dispatcher's word on how long Telegram still takes a press's answer reaches the sender: a
   * press with none of its lifetime left gets no answer sent (Telegram would refuse it), and its
   * question is answered all the same. Before this test only the Sender and the dispatcher were
   * tested on their own: UpdateHandler.answerWithin could have been a no-op.
   */
  @Test
  void aPressWithNoLifetimeLeftGetsNoAnswerButItsQuestionIsAnswered() throws Exception {
    Update u = FakeBotApi.JSON.treeToValue(FakeBotApi.callback(1, 42, 5, "q:1"), Update.class);
    handler.answerWithin(u, 0);
    handler.handle(u);
    assertEquals(List.of(), sent(AnswerCallbackQuery.class), "too old for Telegram: not sent");
    assertTrue(onlyMessage().getText().contains("17 September"));
  }

  /** Presses the button {@code data} under message {@code message}, one update id at a time. */
  private static void press(UpdateHandler h, int first, int last, int message, String data)
      throws Exception {
    for (int i = first; i <= last; i++) {
      h.handle(
          FakeBotApi.JSON.treeToValue(FakeBotApi.callback(i, 42, message, data), Update.class));
    }
  }

  /** Each of {@code presses} got its answer, the last the "please wait" toast. */
  private void assertEveryPressAnsweredTheLastToldToWait(int presses) {
    List<AnswerCallbackQuery> acks = sent(AnswerCallbackQuery.class);
    assertEquals(presses, acks.size(), "every press answered");
    String last = acks.get(presses - 1).getText();
    assertTrue(last != null && last.contains("Please wait"), String.valueOf(last));
  }

  /**
   * An example button asks its question as a typed one does, so it counts against the same limit:
   * pressed again and again, each press got a full answer, one a second in the chat (Bot FAQ, "My
   * bot is hitting limits"). Over the limit the press is answered with the "please wait" toast, and
   * nothing is sent in the chat.
   */
  @Test
  void exampleButtonPressesCountAgainstTheQuestionLimit() throws Exception {
    UpdateHandler strict = handlerOver(seeds, 2);
    // Each under a /start of its own: a second press of one button within seconds is the same tap
    // again, and asks nothing (TelegramDetailsTest.aQuickDoubleTapOnAnExampleQuestionAsksItOnce).
    for (int i = 1; i <= 5; i++) {
      press(strict, i, i, 1000 + i, "q:1");
    }
    assertEquals(2, sent(SendMessage.class).size(), "two answers, then the limit");
    assertEveryPressAnsweredTheLastToldToWait(5);
  }

  /**
   * "More" sends a new message in the chat and "Full passage" edits the answer (or sends), so a
   * press counts against the question limit as an example button's does: pressed again and again,
   * each press was a message in the chat, one a second, unlimited. Over the limit the press is
   * answered with the "please wait" toast and nothing is sent or edited. A 👍 or 👎 sends nothing
   * in the chat (a toast) and stays unlimited.
   */
  @Test
  void moreAndFullPassagePressesCountAgainstTheQuestionLimit() throws Exception {
    UpdateHandler strict = handlerOver(seeds, 4);
    handle(strict, FakeBotApi.privateText(1, 42, 7, "When was the ceasefire regime brokered?"));
    InlineKeyboardMarkup kb = (InlineKeyboardMarkup) onlyMessage().getReplyMarkup();
    String more = kb.getKeyboard().get(0).get(0).getCallbackData();
    String full = kb.getKeyboard().get(0).get(1).getCallbackData();
    String up =
        kb.getKeyboard().stream()
            .flatMap(List::stream)
            .map(b -> b.getCallbackData())
            .filter(d -> d != null && d.startsWith("v:") && d.endsWith(":u"))
            .findFirst()
            .orElseThrow();
    sent.clear();
    // Each under a message of its own: a second press on one message shows nothing new, and
    // costs nothing (TelegramDetailsTest.aQuickDoubleTapOnMoreShowsTheNextQuoteOnce).
    for (int i = 2; i <= 6; i++) {
      handle(strict, FakeBotApi.callback(i, 42, 1000 + i, more));
    }
    assertEquals(3, sent(SendMessage.class).size(), "the question and two 'More's, then the limit");
    press(strict, 7, 11, 1000, full);
    assertEquals(3, sent(SendMessage.class).size(), "no message over the limit");
    assertTrue(sent(EditMessageText.class).isEmpty(), "no edit over the limit");
    List<AnswerCallbackQuery> acks = sent(AnswerCallbackQuery.class);
    assertEquals(10, acks.size(), "every press answered");
    for (AnswerCallbackQuery ack : acks.subList(3, 10)) {
      assertTrue(
          ack.getText() != null && ack.getText().contains("Please wait"),
          String.valueOf(ack.getText()));
    }
    sent.clear();
    press(strict, 12, 16, 1000, up);
    assertTrue(sent(SendMessage.class).isEmpty() && sent(EditMessageText.class).isEmpty());
    assertEquals(
        List.of("Thanks \u2014 noted"),
        sent(AnswerCallbackQuery.class).stream().map(a -> a.getText()).distinct().toList(),
        "a vote is noted also over the limit");
  }

  /**
   * A user who asks in Russian from an app in another language (no "ru" language_code) gets the
   * answer, its buttons and their toasts in Russian, as README promises for a Russian question; but
   * "More" pressed over the question limit said "Please wait" in English, the question's language
   * forgotten for that toast alone.
   */
  @Test
  void morePressedOverTheLimitUnderARussianAnswerSaysWaitInRussian() throws Exception {
    UpdateHandler strict = handlerOver(seeds, 2);
    handle(strict, FakeBotApi.privateText(1, 42, 7, "Кто подписал меморандум в Сочи?"));
    InlineKeyboardMarkup kb = (InlineKeyboardMarkup) onlyMessage().getReplyMarkup();
    String more = kb.getKeyboard().get(0).get(0).getCallbackData();
    assertTrue(more.startsWith("m:"), more);
    sent.clear();
    for (int i = 2; i <= 3; i++) {
      handle(strict, FakeBotApi.callback(i, 42, 1000 + i, more));
    }
    List<AnswerCallbackQuery> acks = sent(AnswerCallbackQuery.class);
    assertEquals(2, acks.size(), "both presses answered");
    String toast = String.valueOf(acks.get(1).getText());
    assertTrue(toast.startsWith("Вы спрашиваете быстрее"), "in the question's language: " + toast);
  }

  /**
   * 👍 and 👎 pressed again and again (a user's thumb, or a client scripted to press): each press
   * was a line of about a kilobyte forced to disk, the file never compacted, without a bound. Now a
   * user's votes beyond {@link UpdateHandler#VOTES_PER_MINUTE} a minute are answered with the
   * "please wait" toast and not written; the question limit is apart (a vote over it is still
   * noted: {@link #moreAndFullPassagePressesCountAgainstTheQuestionLimit}).
   */
  @Test
  void votesPressedAgainAndAgainAreWrittenOnlyUpToTheirOwnLimit() throws Exception {
    handle(FakeBotApi.privateText(1, 42, 7, "When was the ceasefire regime brokered?"));
    List<String> votes =
        ((InlineKeyboardMarkup) onlyMessage().getReplyMarkup())
            .getKeyboard().stream()
                .flatMap(List::stream)
                .map(b -> b.getCallbackData())
                .filter(d -> d != null && d.startsWith("v:"))
                .toList();
    assertEquals(2, votes.size(), String.valueOf(votes));
    sent.clear();
    for (int i = 0; i < 30; i++) {
      press(handler, 2 + i, 2 + i, 1000, votes.get(i % 2));
    }
    List<String> lines =
        Files.readAllLines(data.resolve(FeedbackStore.FILE)).stream()
            .filter(l -> !l.isBlank())
            .toList();
    assertEquals(UpdateHandler.VOTES_PER_MINUTE, lines.size(), "votes written, then the limit");
    List<AnswerCallbackQuery> acks = sent(AnswerCallbackQuery.class);
    assertEquals(30, acks.size(), "every press answered");
    assertTrue(
        String.valueOf(acks.get(29).getText()).contains("Please wait"),
        String.valueOf(acks.get(29).getText()));
  }

  /** "Full passage" pressed again and again edits the answer only up to the limit. */
  @Test
  void fullPassagePressesCountAgainstTheQuestionLimit() throws Exception {
    UpdateHandler strict = handlerOver(seeds, 3);
    handle(strict, FakeBotApi.privateText(1, 42, 7, "When was the ceasefire regime brokered?"));
    String full =
        ((InlineKeyboardMarkup) onlyMessage().getReplyMarkup())
            .getKeyboard()
            .get(0)
            .get(1)
            .getCallbackData();
    sent.clear();
    press(strict, 2, 6, 1000, full);
    assertEquals(2, sent(EditMessageText.class).size(), "two edits, then the limit");
    assertTrue(sent(SendMessage.class).isEmpty());
    assertEveryPressAnsweredTheLastToldToWait(5);
  }

  @Test
  void helpAndSourcesWorkAlsoAddressedToTheBotByName() throws Exception {
    handle(FakeBotApi.privateText(1, 42, 7, "/help@AstanaQaBot"));
    assertTrue(onlyMessage().getText().contains("<b>Commands</b>"));
    sent.clear();
    handle(FakeBotApi.privateText(2, 42, 8, "/sources"));
    String text = onlyMessage().getText();
    assertTrue(
        text.contains(
            "<i>Russia ready to mediate talks between Damascus, Ankara on Idlib</i>, TASS, 2017-10-30"),
        text);
    assertTrue(text.contains("<a href=\"http://www.mfa.gov.kz\">"), text);
  }

  @Test
  void aQuestionGetsItsDirectAnswerFirstThenTheBestQuoteWithItsSourceAsAReply() throws Exception {
    handle(FakeBotApi.privateText(1, 42, 7, "When was the Sochi memorandum signed?"));
    SendMessage m = onlyMessage();
    assertEquals("42", m.getChatId());
    assertEquals(7, m.getReplyParameters().getMessageId());
    assertEquals("html", m.getParseMode().toLowerCase());
    assertTrue(m.getLinkPreviewOptions().getIsDisabled());
    assertTrue(m.getText().startsWith("<b>17 September 2018</b>\n"), m.getText());
    assertTrue(
        m.getText()
            .contains(
                "<b>memorandum</b> <b>signed</b> on <b><u>17 September</u></b> in <b>Sochi</b>"),
        m.getText());
    assertTrue(m.getText().contains("\u2014 <i>Kazakhstan (Mr. Tumysh)"), m.getText());
    InlineKeyboardMarkup kb = (InlineKeyboardMarkup) m.getReplyMarkup();
    // one quote only (the next passage is under half the threshold): no "More"
    assertEquals(
        List.of("Full passage"), kb.getKeyboard().get(0).stream().map(b -> b.getText()).toList());
  }

  @Test
  void notFoundIsSaidHonestlyWithASuggestion() throws Exception {
    handle(FakeBotApi.privateText(1, 42, 7, "What is the capital of France?"));
    String text = onlyMessage().getText();
    assertTrue(text.contains("could not find") && text.contains("/sources"), text);
  }

  @Test
  void thanksAfterAnAnswerIsWelcomedNotAnsweredWithAQuote() throws Exception {
    // From a probe: "Thanks!" was answered with "We thank Special Envoy ..." (0.47).
    handle(FakeBotApi.privateText(1, 42, 7, "Thanks! 👍"));
    assertEquals(
        "You are welcome. Ask me anything else about the Astana process.", onlyMessage().getText());
    sent.clear();
    handle(FakeBotApi.privateText(2, 42, 8, "спасибо большое"));
    assertTrue(onlyMessage().getText().startsWith("Пожалуйста"), onlyMessage().getText());
    sent.clear();
    // a question that thanks is still a question
    handle(FakeBotApi.privateText(3, 42, 9, "Whom did Kazakhstan thank?"));
    assertTrue(onlyMessage().getText().contains("thank"), onlyMessage().getText());
  }

  /** From a probe: "hello" was answered "This may be related" with "We thank Special Envoy ...". */
  @Test
  void aGreetingIsGreetedBackWithAnExampleNotAnsweredWithAQuote() throws Exception {
    handle(FakeBotApi.privateText(1, 42, 7, "Hello there! 👋"));
    String text = onlyMessage().getText();
    assertTrue(text.startsWith("Hello! Ask me a question"), text);
    assertTrue(text.contains("<i>Who were the Astana guarantors?</i>"), text);
    sent.clear();
    handle(FakeBotApi.privateText(2, 42, 8, "привет"));
    assertTrue(onlyMessage().getText().startsWith("Здравствуйте!"), onlyMessage().getText());
    sent.clear();
    // a question after a greeting is still a question
    handle(FakeBotApi.privateText(3, 42, 9, "hello, who were the Astana guarantors?"));
    assertTrue(onlyMessage().getText().contains("Russia"), onlyMessage().getText());
  }

  /**
   * A bot with group privacy mode off, or an admin of the group, gets every message there (a new
   * bot, in privacy mode, gets none of the chatter nor the mention: FakeBotApi keeps that rule), so
   * the bot itself answers only what is addressed to it.
   */
  @Test
  void inGroupsOnlyMentionsRepliesToTheBotAndCommandsAreAnswered() throws Exception {
    handle(FakeBotApi.groupText(1, -100, 5, 7, "I think the guarantors were Russia and Turkey"));
    handle(FakeBotApi.groupText(2, -100, 5, 8, "/help@OtherBot"));
    assertTrue(sent.isEmpty(), "chatter and other bots' commands are ignored: " + sent);

    handle(FakeBotApi.groupText(3, -100, 5, 9, "@AstanaQaBot who were the guarantors?"));
    assertTrue(onlyMessage().getText().contains("Iran"));
    sent.clear();

    ObjectNode reply =
        FakeBotApi.groupText(4, -100, 5, 10, "and when was the Sochi memorandum signed?");
    ((ObjectNode) reply.get("message"))
        .putObject("reply_to_message")
        .put("message_id", 1000)
        .put("date", FakeBotApi.sentNow())
        .<ObjectNode>set("chat", reply.get("message").get("chat").deepCopy())
        .putObject("from")
        .put("id", 777)
        .put("is_bot", true)
        .put("first_name", "Astana QA");
    handle(reply);
    assertTrue(onlyMessage().getText().contains("17 September"));
  }

  /**
   * A question shed at its chat's backlog (UpdateDispatcher.MAX_WAITING_PER_CHAT) is told, in its
   * user's language and as a reply to it, to ask again later; a group's chatter counts towards no
   * backlog, as the bot never replies to it, and is told nothing.
   */
  @Test
  void aQuestionShedAtItsChatsBacklogIsToldToAskAgainLater() throws Exception {
    Update chatter =
        FakeBotApi.JSON.treeToValue(
            FakeBotApi.groupText(1, -100, 5, 7, "I think the guarantors were Russia and Turkey"),
            Update.class);
    assertFalse(handler.repliesTo(chatter), "chatter is not replied to");
    handler.busy(chatter);
    assertEquals(List.of(), sent, "nor told anything");

    Update ask =
        FakeBotApi.JSON.treeToValue(
            FakeBotApi.groupText(2, -100, 5, 8, "@AstanaQaBot who were the guarantors?"),
            Update.class);
    assertTrue(handler.repliesTo(ask));
    handler.busy(ask);
    SendMessage told = onlyMessage();
    assertTrue(told.getText().contains("ask again in a few minutes"), told.getText());
    assertEquals(8, told.getReplyParameters().getMessageId());
    sent.clear();

    Update russian =
        FakeBotApi.JSON.treeToValue(
            FakeBotApi.privateText(3, 42, 9, "Кто гаранты астанинского процесса?"), Update.class);
    handler.busy(russian);
    assertTrue(onlyMessage().getText().contains("спросите ещё раз"), onlyMessage().getText());
  }

  @Test
  void moreSendsTheNextQuoteAndFullPassageEditsTheMessage() throws Exception {
    // three quotes, the first shorter than its passage
    handle(FakeBotApi.privateText(1, 42, 7, "When was the ceasefire regime brokered?"));
    InlineKeyboardMarkup kb = (InlineKeyboardMarkup) onlyMessage().getReplyMarkup();
    String more = kb.getKeyboard().get(0).get(0).getCallbackData();
    String full = kb.getKeyboard().get(0).get(1).getCallbackData();
    String firstQuote = onlyMessage().getText();
    sent.clear();

    handle(FakeBotApi.callback(2, 42, 1000, more));
    assertEquals(1, sent(AnswerCallbackQuery.class).size());
    String second = onlyMessage().getText();
    assertFalse(second.equals(firstQuote));
    assertTrue(second.contains("\u2014 <i>"));
    sent.clear();

    handle(FakeBotApi.callback(3, 42, 1000, full));
    EditMessageText edit = sent(EditMessageText.class).get(0);
    assertEquals(1000, edit.getMessageId());
    assertTrue(edit.getText().length() > 100);
  }

  @Test
  void anExpiredButtonGetsAFriendlyMessage() throws Exception {
    handle(FakeBotApi.privateText(1, 42, 7, "Who were the Astana guarantors?"));
    String more =
        ((InlineKeyboardMarkup) onlyMessage().getReplyMarkup())
            .getKeyboard()
            .get(0)
            .get(0)
            .getCallbackData();
    sent.clear();
    now.addAndGet(61_000_000_000L); // the store keeps buttons for 60 s in this test
    handle(FakeBotApi.callback(2, 42, 1000, more));
    AnswerCallbackQuery ack = sent(AnswerCallbackQuery.class).get(0);
    assertTrue(ack.getText().contains("expired"), ack.getText());
    assertTrue(sent(SendMessage.class).isEmpty());
  }

  /**
   * Telegram lets a user press a button of a message of any age, and a reader comes back to an
   * answer hours later: a 👍 or 👎 pressed after the buttons' time (60 s in this test; an hour by
   * default) said "expired" and was not kept, though each press is promised to be. A vote is kept
   * for {@link ButtonStore#VOTE_DAYS} days; "More" still expires with the buttons.
   */
  @Test
  void aVotePressedAfterTheButtonsTimeIsKeptWhileMoreSaysExpired() throws Exception {
    handle(FakeBotApi.privateText(1, 42, 7, "When was the ceasefire regime brokered?"));
    List<String> callbacks =
        ((InlineKeyboardMarkup) onlyMessage().getReplyMarkup())
            .getKeyboard().stream()
                .flatMap(List::stream)
                .map(b -> b.getCallbackData())
                .filter(d -> d != null)
                .toList();
    String more = callbacks.stream().filter(d -> d.startsWith("m:")).findFirst().orElseThrow();
    String down =
        callbacks.stream()
            .filter(d -> d.startsWith("v:") && d.endsWith(":d"))
            .findFirst()
            .orElseThrow();
    sent.clear();
    now.addAndGet(TimeUnit.HOURS.toNanos(3));
    handle(FakeBotApi.callback(2, 42, 1000, down));
    assertEquals("Thanks — noted", sent(AnswerCallbackQuery.class).get(0).getText());
    List<String> lines =
        Files.readAllLines(data.resolve(FeedbackStore.FILE)).stream()
            .filter(l -> !l.isBlank())
            .toList();
    assertEquals(1, lines.size(), "the vote is kept");
    assertTrue(lines.get(0).contains("\"down\""), lines.get(0));
    sent.clear();
    handle(FakeBotApi.callback(3, 42, 1000, more));
    assertTrue(
        sent(AnswerCallbackQuery.class).get(0).getText().contains("expired"),
        "More expires with the buttons");
    assertTrue(sent(SendMessage.class).isEmpty());
    sent.clear();
    now.addAndGet(TimeUnit.DAYS.toNanos(ButtonStore.VOTE_DAYS));
    handle(FakeBotApi.callback(4, 42, 1000, down));
    assertEquals(
        "This answer is too old to rate now, so your vote was not saved.",
        sent(AnswerCallbackQuery.class).get(0).getText(),
        "past its days a vote says it was not saved, not to ask again");
    assertEquals(
        1,
        Files.readAllLines(data.resolve(FeedbackStore.FILE)).stream()
            .filter(l -> !l.isBlank())
            .count());
  }

  @Test
  void inlineQueriesReturnQuotesAsArticles() throws Exception {
    handle(FakeBotApi.inline(1, 42, "sochi memorandum"));
    AnswerInlineQuery a = sent(AnswerInlineQuery.class).get(0);
    InlineQueryResultArticle first = (InlineQueryResultArticle) a.getResults().get(0);
    String text = ((InputTextMessageContent) first.getInputMessageContent()).getMessageText();
    assertTrue(text.contains("17 September") && text.contains("\u2014 <i>"), text);
  }

  @Test
  void corpusAndUserTextIsEscaped(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("x.txt"),
        "The <script>alert(1)</script> tag & the AT&T deal were discussed in Astana.",
        StandardCharsets.UTF_8);
    try (QuestionAnswerer qa = QuestionAnswerer.inMemory(dir, Settings.defaults())) {
      UpdateHandler h = handlerOver(qa, 20);
      handle(h, FakeBotApi.privateText(1, 42, 7, "script tag deal Astana"));
      String text = onlyMessage().getText();
      assertTrue(text.contains("&lt;<b>script</b>&gt;alert(1)&lt;/<b>script</b>&gt;"), text);
      assertTrue(text.contains("AT&amp;T"), text);
      sent.clear();
      handle(h, FakeBotApi.inline(2, 42, "<b>bold</b> & co"));
      String inline =
          ((InputTextMessageContent)
                  ((InlineQueryResultArticle)
                          sent(AnswerInlineQuery.class).get(0).getResults().get(0))
                      .getInputMessageContent())
              .getMessageText();
      assertTrue(inline.contains("&lt;b&gt;bold&lt;/b&gt; &amp; co"), inline);
    }
  }

  @Test
  void sourcesOfTwentyThousandDocumentsIsOneMessagePagedWithButtons() throws Exception {
    List<org.astanaqa.retrieval.Source> docs = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      docs.add(
          new org.astanaqa.retrieval.Source(
              "doc" + i,
              "A rather long headline about document number " + i,
              "Publisher",
              "2017-10-30",
              "http://example.org/" + i));
    }
    QuestionAnswerer big = org.mockito.Mockito.mock(QuestionAnswerer.class);
    when(big.sources()).thenReturn(docs);
    UpdateHandler h = handlerOver(big, 20);
    handle(h, FakeBotApi.privateText(1, 42, 7, "/sources"));
    SendMessage first = onlyMessage();
    assertTrue(first.getText().length() <= 4096);
    assertTrue(
        first.getText().contains("page 1 of 1334")
            && first.getText().contains("document number 14<"),
        first.getText());
    List<org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton>
        row = ((InlineKeyboardMarkup) first.getReplyMarkup()).getKeyboard().get(0);
    assertEquals(
        List.of("Next \u203a"),
        row.stream().map(b -> b.getText()).toList(),
        "no Prev on the first page");
    sent.clear();

    h.handle(
        FakeBotApi.JSON.treeToValue(
            FakeBotApi.callback(2, 42, 1000, row.get(0).getCallbackData()), Update.class));
    EditMessageText second = sent(EditMessageText.class).get(0);
    assertEquals(1000, second.getMessageId(), "the same message, edited in place");
    assertTrue(
        second.getText().contains("page 2 of 1334")
            && second.getText().contains("document number 15<"),
        second.getText());
    assertEquals(
        List.of("\u2039 Prev", "Next \u203a"),
        second.getReplyMarkup().getKeyboard().get(0).stream().map(b -> b.getText()).toList());
    assertTrue(sent(SendMessage.class).isEmpty(), "paging sends no new message");
  }

  @Test
  void aPhotoWithAQuestionInItsCaptionIsAnsweredAsAQuestion() throws Exception {
    ObjectNode photo = FakeBotApi.privateText(1, 42, 7, "x");
    ObjectNode m = (ObjectNode) photo.get("message");
    m.remove("text");
    m.putArray("photo")
        .addObject()
        .put("file_id", "f")
        .put("file_unique_id", "u")
        .put("width", 1)
        .put("height", 1);
    m.put("caption", "When was the Sochi memorandum signed?");
    handle(photo);
    assertTrue(onlyMessage().getText().contains("17 September"), onlyMessage().getText());
    sent.clear();

    ObjectNode inGroup = FakeBotApi.groupText(2, -100, 5, 8, "x");
    ObjectNode g = (ObjectNode) inGroup.get("message");
    g.remove("text");
    g.putObject("document").put("file_id", "f").put("file_unique_id", "u");
    // A command in the caption: in privacy mode, BotFather's default, a caption that only mentions
    // the bot never reaches it.
    g.put("caption", "/ask@AstanaQaBot who were the guarantors?");
    g.putArray("caption_entities")
        .addObject()
        .put("type", "bot_command")
        .put("offset", 0)
        .put("length", 16);
    handle(inGroup);
    assertTrue(onlyMessage().getText().contains("Iran"), onlyMessage().getText());
  }

  /** Mentions reach a bot with privacy mode off, or an admin bot: only its own name is one. */
  @Test
  void onlyTheBotsExactNameIsAMention() throws Exception {
    ObjectNode other =
        FakeBotApi.groupText(1, -100, 5, 7, "@AstanaQaBot2 who were the guarantors?");
    ((ObjectNode) other.get("message"))
        .putArray("entities")
        .addObject()
        .put("type", "mention")
        .put("offset", 0)
        .put("length", 13);
    handle(other);
    handle(FakeBotApi.groupText(2, -100, 5, 8, "ask @AstanaQaBot_helper who were the guarantors?"));
    handle(
        FakeBotApi.groupText(3, -100, 5, 9, "mail me at x@AstanaQaBot who were the guarantors?"));
    assertTrue(sent.isEmpty(), "another bot whose name starts with ours is not us: " + sent);
    handle(FakeBotApi.groupText(4, -100, 5, 10, "who were the guarantors, @astanaqabot?"));
    assertTrue(
        onlyMessage().getText().contains("Iran"), "our name, any case, at the end of a question");
  }

  /**
   * Telegram's command entity ends at the first character that is no letter, digit or underscore:
   * "/ask, when ...?" is /ask and its question, which had been read as the unknown command "ask,".
   */
  @Test
  void punctuationRightAfterACommandIsNoPartOfItsName() throws Exception {
    handle(FakeBotApi.privateText(1, 42, 7, "/ask, When was the Sochi memorandum signed?"));
    assertTrue(onlyMessage().getText().contains("17 September"), onlyMessage().getText());
    sent.clear();
    handle(FakeBotApi.groupText(2, -100, 5, 8, "/ask@AstanaQaBot: who were the guarantors?"));
    assertTrue(onlyMessage().getText().contains("Iran"), onlyMessage().getText());
    sent.clear();
    handle(FakeBotApi.groupText(3, -100, 5, 9, "/ask@OtherBot: who were the guarantors?"));
    assertTrue(sent.isEmpty(), "a command for another bot: " + sent);
    handle(FakeBotApi.privateText(4, 42, 10, "/asking who were the guarantors?"));
    assertFalse(
        onlyMessage().getText().contains("Iran"),
        "another command that starts with ask is no /ask");
  }

  @Test
  void anAnonymousGroupAdminsAskIsAnswered() throws Exception {
    ObjectNode ask =
        FakeBotApi.groupText(1, -100, 5, 7, "/ask When was the Sochi memorandum signed?");
    ObjectNode m = (ObjectNode) ask.get("message");
    m.putObject("from")
        .put("id", UpdateHandler.GROUP_ANONYMOUS_BOT)
        .put("is_bot", true)
        .put("first_name", "Group")
        .put("username", "GroupAnonymousBot");
    m.putObject("sender_chat").put("id", -100).put("type", "supergroup").put("title", "Group");
    handle(ask);
    assertTrue(onlyMessage().getText().contains("17 September"), onlyMessage().getText());
    sent.clear();
    ObjectNode bot =
        FakeBotApi.groupText(2, -100, 55, 8, "/ask When was the Sochi memorandum signed?");
    ((ObjectNode) bot.get("message"))
        .putObject("from")
        .put("id", 55)
        .put("is_bot", true)
        .put("first_name", "B");
    handle(bot);
    assertTrue(sent.isEmpty(), "another bot is still ignored");
  }

  @Test
  void typingAnInlineQueryLetterByLetterDoesNotUseUpTheQuestionLimit() throws Exception {
    UpdateHandler strict = handlerOver(seeds, 2);
    String q = "When was the Sochi memorandum signed";
    for (int i = 1; i <= 12; i++) {
      handle(strict, FakeBotApi.inline(i, 42, q.substring(0, 3 * i)));
    }
    AnswerInlineQuery last = sent(AnswerInlineQuery.class).get(11);
    String text =
        ((InputTextMessageContent)
                ((InlineQueryResultArticle) last.getResults().get(0)).getInputMessageContent())
            .getMessageText();
    assertTrue(text.contains("17 September"), "12 keystrokes within the inline limit: " + text);
    handle(strict, FakeBotApi.privateText(20, 42, 20, "sochi memorandum"));
    assertTrue(onlyMessage().getText().contains("17 September"), "the question limit is untouched");
  }

  @Test
  void aGroupThatBecameASupergroupIsAnsweredThere() throws Exception {
    ObjectNode moved = FakeBotApi.groupText(1, -100, 5, 7, "x");
    ObjectNode m = (ObjectNode) moved.get("message");
    m.remove("text");
    m.put("migrate_to_chat_id", -1001234567890L);
    handle(moved);
    assertTrue(sent.isEmpty(), "the service message is not answered");
    handle(FakeBotApi.groupText(2, -100, 5, 8, "/ask When was the Sochi memorandum signed?"));
    assertEquals("-1001234567890", onlyMessage().getChatId(), "sent to the supergroup");
  }

  @Test
  void otherKindsOfUpdatesAreHandledWithoutError() throws Exception {
    ObjectNode sticker = FakeBotApi.sticker(1, 42, 7);
    handle(sticker);
    assertTrue(onlyMessage().getText().contains("text questions"), "a hint in a private chat");
    sent.clear();

    ObjectNode channel = FakeBotApi.privateText(3, -200, 9, "a channel post");
    channel.set("channel_post", channel.remove("message"));
    handle(channel);
    ObjectNode joined = FakeBotApi.groupText(4, -100, 5, 10, "x");
    ((ObjectNode) joined.get("message")).remove("text");
    ((ObjectNode) joined.get("message"))
        .putArray("new_chat_members")
        .addObject()
        .put("id", 9)
        .put("is_bot", false)
        .put("first_name", "C");
    handle(joined);
    assertTrue(sent.isEmpty(), "ignored: " + sent);
  }

  @Test
  void oddMessagesGetOneSensibleReplyEachAndNoError() throws Exception {
    List<String> odd =
        List.of(
            "   ",
            "?",
            "* ? ~ ^ : \" ( ) \\ AND OR NOT",
            "*",
            "\u0000\u0007",
            "\ud83d\ude00 \u0633\u0648\u0631\u064a\u0627 \u0421\u0438\u0440\u0438\u044f \u53d9\u5229\u4e9a",
            "<script>alert(1)</script>",
            "x".repeat(5000),
            "astana ".repeat(1000),
            "\ud800 lone surrogate",
            "guarantors ".repeat(10_000));
    UpdateHandler h = handlerOver(seeds, 1000);
    for (int i = 0; i < odd.size(); i++) {
      handle(h, FakeBotApi.privateText(i + 1, 42, i + 1, odd.get(i)));
    }
    List<SendMessage> replies = sent(SendMessage.class);
    assertEquals(odd.size(), replies.size(), "one reply per message");
    for (int i = 0; i < odd.size(); i++) {
      assertEquals(i + 1, replies.get(i).getReplyParameters().getMessageId());
      assertTrue(replies.get(i).getText().length() <= 4096);
      assertFalse(
          replies.get(i).getText().contains("<script>"), "escaped: " + replies.get(i).getText());
    }
    assertTrue(
        replies.get(0).getText().contains("Please write a question"), replies.get(0).getText());
    // From a probe: a message of punctuation or emoji alone ("?", "*", a smile) asks nothing,
    // and was told "I could not find this in my documents", as if it had been searched
    for (int i : new int[] {1, 3, 4}) {
      assertTrue(
          replies.get(i).getText().startsWith("Please write a question"),
          odd.get(i) + ": " + replies.get(i).getText());
    }
  }

  @Test
  void aMessageOfEmojiOrPunctuationAloneIsAskedForAQuestion() throws Exception {
    UpdateHandler h = handlerOver(seeds, 1000);
    List<String> nothing = List.of("\ud83d\ude42\ud83d\ude42", "???!!!", "\u2764\ufe0f", "...");
    for (int i = 0; i < nothing.size(); i++) {
      handle(h, FakeBotApi.privateText(i + 1, 42, i + 1, nothing.get(i)));
    }
    handle(h, FakeBotApi.privateText(9, 42, 9, "2254?"));
    List<SendMessage> replies = sent(SendMessage.class);
    assertEquals(nothing.size() + 1, replies.size());
    for (int i = 0; i < nothing.size(); i++) {
      assertTrue(
          replies.get(i).getText().startsWith("Please write a question, for example:"),
          nothing.get(i) + ": " + replies.get(i).getText());
    }
    assertFalse(
        replies.get(nothing.size()).getText().startsWith("Please write a question"),
        "a number is searched: " + replies.get(nothing.size()).getText());
  }

  @Test
  void aUserAskingTooFastIsToldToWait() throws Exception {
    UpdateHandler strict = handlerOver(seeds, 2);
    for (int i = 1; i <= 3; i++) {
      handle(strict, FakeBotApi.privateText(i, 42, i, "sochi memorandum"));
    }
    List<SendMessage> m = sent(SendMessage.class);
    assertEquals(3, m.size());
    assertTrue(m.get(2).getText().contains("Please wait"), m.get(2).getText());
  }

  /**
   * A user flooding the bot (a script, a stuck key, 40 forwards at once) is told to wait once, not
   * once per message: Telegram takes one message a second in a chat (Bot FAQ, "My bot is hitting
   * limits"), so every notice held the chat's sending, and a worker, for a second more, and the
   * user's next question, once allowed, waited behind them all.
   */
  @Test
  void aUserFloodingTheBotIsToldToWaitOnceNotOncePerMessage() throws Exception {
    UpdateHandler strict = handlerOver(seeds, 2);
    for (int i = 1; i <= 12; i++) {
      handle(strict, FakeBotApi.privateText(i, 42, i, "sochi memorandum"));
    }
    List<SendMessage> m = sent(SendMessage.class);
    assertEquals(3, m.size(), "two answers and one notice: " + m.size());
    assertTrue(m.get(2).getText().contains("Please wait"), m.get(2).getText());
    now.addAndGet(61_000_000_000L); // the wait ran out
    for (int i = 13; i <= 16; i++) {
      handle(strict, FakeBotApi.privateText(i, 42, i, "sochi memorandum"));
    }
    m = sent(SendMessage.class);
    assertEquals(6, m.size(), "answered again, and told again once");
    assertTrue(m.get(3).getText().contains("17 September"), m.get(3).getText());
    assertTrue(m.get(5).getText().contains("Please wait"), m.get(5).getText());
  }

  /**
   * A flood of messages that are no questions (stickers, "thanks", unknown commands, /help) counts
   * against the user's limit like questions: each got its reply (a hint, "you are welcome"), and
   * Telegram takes one message a second in a chat (Bot FAQ, "My bot is hitting limits"), so a
   * sticker flood held the chat's sending, and a worker, a second per sticker.
   */
  @Test
  void aFloodOfStickersAndThanksCountsAgainstTheLimitLikeQuestions() throws Exception {
    UpdateHandler strict = handlerOver(seeds, 2);
    for (int i = 1; i <= 12; i++) {
      ObjectNode u =
          switch (i % 4) {
            case 0 -> FakeBotApi.sticker(i, 42, i);
            case 1 -> FakeBotApi.privateText(i, 42, i, "thanks!");
            case 2 -> FakeBotApi.privateText(i, 42, i, "/nonsense");
            default -> FakeBotApi.privateText(i, 42, i, "/help");
          };
      strict.handle(FakeBotApi.JSON.treeToValue(u, Update.class));
    }
    List<SendMessage> m = sent(SendMessage.class);
    assertEquals(3, m.size(), "two replies and one notice: " + m.size());
    assertTrue(m.get(2).getText().contains("Please wait"), m.get(2).getText());
    handle(strict, FakeBotApi.privateText(13, 42, 13, "sochi memorandum"));
    assertEquals(3, sent(SendMessage.class).size(), "a question within the wait gets nothing");
  }

  @Test
  void showsTypingFromAFewHundredMillisecondsEveryFourSecondsAndNeverAfterTheReply()
      throws Exception {
    ManualTimers clock = new ManualTimers();
    List<Long> typingAt = new ArrayList<>();
    List<Long> replyAt = new ArrayList<>();
    recordTimes(clock, typingAt, replyAt);
    QuestionAnswerer slow = SlowAnswerer.of(seeds, () -> clock.advance(9_000)); // 9 s to answer
    Throttle.Clock fake = new FakeClock(now);
    UpdateHandler h =
        onTimers(slow, new Sender(client, new Throttle(1000, 1000, 1000, fake), fake, 1), clock);
    handle(h, FakeBotApi.privateText(1, 42, 7, "sochi memorandum"));
    clock.advance(60_000); // long after the reply
    assertEquals(
        List.of(300L, 4300L, 8300L),
        typingAt,
        "from 300 ms on, every 4 s while the answer takes 9 s");
    assertEquals(List.of(9000L), replyAt);
    assertTrue(Typing.EVERY_MILLIS < FakeBotApi.CHAT_ACTION_MILLIS, "renewed before it fades");
    assertEquals(
        "typing",
        ((org.telegram.telegrambots.meta.api.methods.send.SendChatAction) sent.get(0)).getAction());

    typingAt.clear();
    org.mockito.Mockito.doAnswer(
            inv -> {
              clock.advance(250); // a quick answer shows no typing at all
              return seeds.ask(
                  inv.getArgument(0), inv.<Integer>getArgument(1), inv.<String>getArgument(2));
            })
        .when(slow)
        .ask(
            org.mockito.ArgumentMatchers.anyString(),
            org.mockito.ArgumentMatchers.anyInt(),
            org.mockito.ArgumentMatchers.<String>any());
    handle(h, FakeBotApi.privateText(2, 42, 8, "sochi memorandum"));
    clock.advance(60_000);
    assertEquals(List.of(), typingAt);
  }

  /**
   * A group at its limit (one message a minute here; Telegram's is 20): the second answer is ready
   * at once but waits about a minute for the group's next slot. "typing..." is shown until it is
   * sent, as the README says, renewed every 4 s through that wait (Telegram shows it 5 s), and
   * never after the reply. Before, the indicator was closed as soon as the answer was ready, so the
   * group saw nothing for the minute the reply waited.
   */
  @Test
  void typingIsShownWhileAReplyWaitsForItsGroupsNextMinuteAndNeverAfterIt() throws Exception {
    ManualTimers clock = new ManualTimers();
    List<Long> typingAt = new ArrayList<>();
    List<Long> replyAt = new ArrayList<>();
    recordTimes(clock, typingAt, replyAt);
    // The throttle waits on the timers' clock, so "typing..." falls due while a reply waits.
    Throttle.Clock onTimers =
        new Throttle.Clock() {
          @Override
          public long nanoTime() {
            return TimeUnit.MILLISECONDS.toNanos(clock.now());
          }

          @Override
          public void sleepNanos(long nanos) {
            clock.advance(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
          }
        };
    UpdateHandler h =
        onTimers(
            seeds, new Sender(client, new Throttle(1000, 1, 1000, onTimers), onTimers, 1), clock);
    handle(h, FakeBotApi.groupText(1, -100, 42, 7, "/ask sochi memorandum"));
    assertEquals(List.of(0L), replyAt, "the group's message of this minute");
    handle(h, FakeBotApi.groupText(2, -100, 42, 8, "/ask astana guarantors"));
    clock.advance(60_000); // long after the reply
    assertEquals(2, replyAt.size(), "the second answer, a minute later");
    long second = replyAt.get(1);
    assertTrue(second >= 60_000, "waited for the group's next minute: " + second);
    assertFalse(typingAt.isEmpty(), "typing shown while the reply waited");
    assertEquals(300L, typingAt.get(0), "from 300 ms on");
    for (int i = 1; i < typingAt.size(); i++) {
      assertTrue(
          typingAt.get(i) - typingAt.get(i - 1) < FakeBotApi.CHAT_ACTION_MILLIS,
          "renewed before it fades: " + typingAt);
    }
    assertTrue(
        second - typingAt.get(typingAt.size() - 1) < FakeBotApi.CHAT_ACTION_MILLIS,
        "still shown when the reply went: " + typingAt + ", reply at " + second);
    assertTrue(typingAt.stream().allMatch(t -> t <= second), "none after the reply: " + typingAt);
  }

  /**
   * A handler of the seeds whose "typing..." runs on {@code clock}, each one's time kept in {@code
   * typingAt}, and whose replies go at once (no user-visible pacing), one question a minute per
   * user.
   */
  private UpdateHandler typingOnTimers(ManualTimers clock, List<Long> typingAt) throws Exception {
    recordTimes(clock, typingAt, new ArrayList<>());
    Throttle.Clock fake = new FakeClock(now);
    return onTimers(
        seeds, new Sender(client, new Throttle(1000, 1000, 1000, fake), fake, 1), clock, 1);
  }

  /**
   * A message of a user over the question limit, who was told to wait already, gets no reply, so
   * while it waits for its chat's turn (a busy group's next minute) its chat is not shown
   * "typing..." for it: before, the group was shown "typing..." up to a minute for an answer that
   * never came. Another user's message, within the limit, is shown as before; and once the told
   * wait has run out, so is the flooding user's.
   */
  @Test
  void aMessageOfAUserToldToWaitShowsNoTypingWhileItWaitsForItsTurn() throws Exception {
    ManualTimers clock = new ManualTimers();
    List<Long> typingAt = new ArrayList<>();
    UpdateHandler h = typingOnTimers(clock, typingAt);
    handle(h, FakeBotApi.groupText(1, -100, 42, 7, "/ask sochi memorandum"));
    handle(h, FakeBotApi.groupText(2, -100, 42, 8, "/ask astana guarantors"));
    assertTrue(
        sent(SendMessage.class).get(1).getText().contains("Please wait"),
        "the user is told to wait: " + sent(SendMessage.class).get(1).getText());
    typingAt.clear();

    Update flooding =
        FakeBotApi.JSON.treeToValue(
            FakeBotApi.groupText(3, -100, 42, 9, "/ask who were the guarantors"), Update.class);
    try (AutoCloseable shown = h.waitingForTurn(flooding)) {
      clock.advance(10_000);
    }
    assertEquals(List.of(), typingAt, "no \"typing...\" for a message that gets no reply");

    Update another =
        FakeBotApi.JSON.treeToValue(
            FakeBotApi.groupText(4, -100, 43, 10, "/ask who were the guarantors"), Update.class);
    try (AutoCloseable shown = h.waitingForTurn(another)) {
      clock.advance(10_000);
    }
    assertFalse(typingAt.isEmpty(), "\"typing...\" for another user's question");

    typingAt.clear();
    now.addAndGet(TimeUnit.SECONDS.toNanos(61)); // the told wait ran out
    try (AutoCloseable shown = h.waitingForTurn(flooding)) {
      clock.advance(10_000);
    }
    assertFalse(typingAt.isEmpty(), "shown again once the user may ask again");
  }

  /**
   * Whether a message's user was told to wait was read once, when the message came: one that came
   * before its user was told (behind the user's earlier message in a busy group, which was then
   * told to wait) was shown "typing..." for all of its wait, up to a minute, for a reply that never
   * came; one that came while the told wait ran and was answered after it showed none for the rest
   * of its wait. It is now read at each renewal of the "typing...".
   */
  @Test
  void whetherAUserWasToldToWaitIsReadAtEachRenewalOfTheTypingOfAMessageThatWaits()
      throws Exception {
    ManualTimers clock = new ManualTimers();
    List<Long> typingAt = new ArrayList<>();
    UpdateHandler h = typingOnTimers(clock, typingAt);
    handle(h, FakeBotApi.groupText(1, -100, 42, 7, "/ask sochi memorandum"));
    Update third =
        FakeBotApi.JSON.treeToValue(
            FakeBotApi.groupText(3, -100, 42, 9, "/ask who were the guarantors"), Update.class);
    try (AutoCloseable shown = h.waitingForTurn(third)) {
      clock.advance(1_000);
      assertFalse(typingAt.isEmpty(), "shown while its user was not told to wait");
      handle(h, FakeBotApi.groupText(2, -100, 42, 8, "/ask astana guarantors"));
      assertTrue(
          sent(SendMessage.class).get(1).getText().contains("Please wait"),
          "the user's earlier message is told to wait: "
              + sent(SendMessage.class).get(1).getText());
      typingAt.clear();
      clock.advance(20_000);
      assertEquals(List.of(), typingAt, "no \"typing...\" once its user was told to wait");

      now.addAndGet(TimeUnit.SECONDS.toNanos(61)); // the told wait ran out: it will be answered
      clock.advance(10_000);
      assertFalse(typingAt.isEmpty(), "shown again once its user may ask again");
    }
  }

  @Test
  void statsAndReindexAreForAdminsOnly() throws Exception {
    access = new Access(java.util.Set.of(42L), java.util.Set.of());
    UpdateHandler h = handlerOver(seeds, 20);
    handle(h, FakeBotApi.privateText(1, 42, 1, "sochi memorandum"));
    handle(h, FakeBotApi.privateText(2, 42, 2, "What is the capital of France?"));
    handle(h, FakeBotApi.privateText(3, 42, 3, "/stats"));
    String stats = sent(SendMessage.class).get(2).getText();
    assertTrue(stats.contains("2 questions, 1 not found (50.0%)"), stats);
    handle(h, FakeBotApi.privateText(4, 42, 4, "/reindex"));
    assertEquals(1, reindexed.get());
    assertTrue(sent(SendMessage.class).get(3).getText().contains("Reindexed 5 documents"));

    sent.clear();
    handle(h, FakeBotApi.privateText(5, 99, 5, "/stats"));
    handle(h, FakeBotApi.privateText(6, 99, 6, "/reindex"));
    assertEquals(1, reindexed.get(), "others cannot reindex");
    sent(SendMessage.class)
        .forEach(m -> assertTrue(m.getText().contains("don't know that command"), m.getText()));
  }

  /**
   * An admin's /feedback lists other users' questions, asked in their private chats. Typed in a
   * group (the admin is a member), it posted them there for every member to read. Now in a group it
   * only says to ask in a private chat; there it lists them as before.
   */
  @Test
  void anAdminsFeedbackInAGroupShowsNoUsersQuestionsThere() throws Exception {
    access = new Access(java.util.Set.of(42L), java.util.Set.of());
    UpdateHandler h = handlerOver(seeds, 20);
    handle(h, FakeBotApi.privateText(1, 99, 1, "sochi memorandum"));
    String down =
        ((InlineKeyboardMarkup) onlyMessage().getReplyMarkup())
            .getKeyboard().stream()
                .flatMap(List::stream)
                .map(b -> b.getCallbackData())
                .filter(d -> d != null && d.startsWith("v:") && d.endsWith(":d"))
                .findFirst()
                .orElseThrow();
    h.handle(FakeBotApi.JSON.treeToValue(FakeBotApi.callback(2, 99, 1000, down), Update.class));
    sent.clear();
    h.handle(
        FakeBotApi.JSON.treeToValue(
            FakeBotApi.groupText(3, -5, 42, 3, "/feedback@AstanaQaBot"), Update.class));
    String inGroup = onlyMessage().getText();
    assertFalse(inGroup.toLowerCase(java.util.Locale.ROOT).contains("sochi"), inGroup);
    assertTrue(inGroup.contains("private chat"), inGroup);
    sent.clear();
    handle(h, FakeBotApi.privateText(4, 42, 4, "/feedback"));
    String inPrivate = onlyMessage().getText();
    assertTrue(inPrivate.toLowerCase(java.util.Locale.ROOT).contains("sochi"), inPrivate);
  }

  @Test
  void anAllowListKeepsTheBotToItsChats() throws Exception {
    access = new Access(java.util.Set.of(), java.util.Set.of(42L));
    UpdateHandler h = handlerOver(seeds, 20);
    handle(h, FakeBotApi.privateText(1, 42, 1, "sochi memorandum"));
    assertTrue(onlyMessage().getText().contains("17 September"));
    sent.clear();
    handle(h, FakeBotApi.privateText(2, 7, 2, "sochi memorandum"));
    assertTrue(onlyMessage().getText().contains("only in the chats"), onlyMessage().getText());
    sent.clear();
    h.handle(
        FakeBotApi.JSON.treeToValue(
            FakeBotApi.groupText(3, -5, 7, 3, "/ask@AstanaQaBot sochi memorandum"), Update.class));
    handle(h, FakeBotApi.inline(4, 7, "sochi memorandum"));
    assertTrue(sent(SendMessage.class).isEmpty(), "a group that is not allowed is ignored");
    assertTrue(
        sent(AnswerInlineQuery.class).get(0).getResults().isEmpty(),
        "no inline answers for others");
    sent.clear();
    handle(h, FakeBotApi.inline(5, 42, "sochi memorandum"));
    AnswerInlineQuery allowed = sent(AnswerInlineQuery.class).get(0);
    assertFalse(allowed.getResults().isEmpty());
    assertTrue(
        allowed.getIsPersonal(), "Telegram must not serve an allowed user's results to others");
  }

  @Test
  void inlineResultsAreSharedOnlyWhenEveryoneMaySeeThem() throws Exception {
    UpdateHandler h = handlerOver(seeds, 2);
    handle(h, FakeBotApi.inline(1, 42, "Когда подписан меморандум в Сочи?"));
    AnswerInlineQuery open = sent(AnswerInlineQuery.class).get(0);
    assertFalse(
        open.getIsPersonal(),
        "an open bot lets Telegram cache for everyone an answer whose words are everyone's");
    assertTrue(open.getCacheTime() > 0);
    sent.clear();
    handle(h, FakeBotApi.inline(40, 42, "sochi memorandum"));
    AnswerInlineQuery english = sent(AnswerInlineQuery.class).get(0);
    assertTrue(
        english.getIsPersonal() && english.getCacheTime() > 0,
        "cached for its user only: a Russian user asking the same gets the bot's words in Russian");
    AnswerInlineQuery last = english;
    for (int i = 0;
        i < 30 && !((InlineQueryResultArticle) last.getResults().get(0)).getId().equals("none");
        i++) {
      sent.clear();
      handle(h, FakeBotApi.inline(2 + i, 42, "sochi memorandum " + i));
      last = sent(AnswerInlineQuery.class).get(0);
    }
    assertEquals(
        "none",
        ((InlineQueryResultArticle) last.getResults().get(0)).getId(),
        "the inline limit was reached");
    assertTrue(
        last.getIsPersonal() && last.getCacheTime() == 0,
        "a 'wait a moment' is neither cached nor shown to other users");
  }

  /** A clock that advances when slept on, so throttling and retries take no real time. */
  static final class FakeClock implements Throttle.Clock {
    final AtomicLong now;
    final List<Long> sleeps = new ArrayList<>();

    FakeClock(AtomicLong now) {
      this.now = now;
    }

    @Override
    public long nanoTime() {
      return now.get();
    }

    @Override
    public void sleepNanos(long nanos) {
      sleeps.add(nanos);
      now.addAndGet(nanos);
    }
  }
}
