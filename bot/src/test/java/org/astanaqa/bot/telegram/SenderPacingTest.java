package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.telegram.send.BotApiUrl;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.bot.telegram.send.Throttle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The sender against the fake Bot API over HTTP: every kind of call waits for the throttle, and
 * Telegram's 429 is waited out with jitter. Time is a fake clock, so waits cost nothing.
 */
class SenderPacingTest {
  private static final String TOKEN = "123456:pacing-test-token";

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final UpdateHandlerTest.FakeClock clock = new UpdateHandlerTest.FakeClock(now);

  /** The fake time at which each call left, in order. */
  private final List<Long> leftAt = new ArrayList<>();

  /** How long the next call spends on its way to the fake (fake time), once. */
  private final AtomicLong onTheWayNext = new AtomicLong();

  private FakeBotApi api;
  private TelegramClient real;
  private TelegramClient wire;

  @BeforeEach
  void startServer() throws Exception {
    api = new FakeBotApi(TOKEN);
    api.useClock(now::get); // a 429's retry_after runs out on the fake clock
    real =
        new OkHttpTelegramClient(
            new ObjectMapper(),
            new OkHttpClient(),
            TOKEN,
            BotApiUrl.parse(api.url(), "TELEGRAM_API_URL", TOKEN).telegramUrl());
    // The real client, noting the fake time of every call it makes.
    wire =
        mock(
            TelegramClient.class,
            inv -> {
              leftAt.add(now.get());
              now.addAndGet(onTheWayNext.getAndSet(0));
              try {
                return inv.getMethod().invoke(real, inv.getArguments());
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  private Sender sender(Throttle throttle, Random jitter) {
    return new Sender(wire, wire, throttle, clock, 500_000_000L, jitter);
  }

  /**
   * A group has had its 20 messages this minute when the bot restarts (a deploy, a kill -9): the
   * process after it knew nothing of them, sent the group's next reply at once, and Telegram
   * refused it (429) and each reply after it, each then waiting its retry_after and up to a second
   * of jitter. The messages a group was sent are now kept in {@link GroupMinutes}' file, and the
   * restarted bot waits the group's minute out as the one before would have: Telegram refuses
   * nothing, and no reply comes later than the minute allows.
   */
  @Test
  void aRestartIntoAGroupThatHadItsTwentyMessagesThisMinuteWaitsTheMinuteOutUnrefused(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
    java.util.function.LongSupplier wall = () -> 1_765_000_000_000L + now.get() / 1_000_000;
    long firstLeft;
    Throttle before = new Throttle(1, 20, 30, clock);
    try (GroupMinutes kept = GroupMinutes.open(data, before, wall)) {
      Sender s = sender(before, new Random(1));
      firstLeft = now.get();
      for (int i = 0; i < 20; i++) {
        s.send(SendMessage.builder().chatId(-100L).text("answer " + i).build(), true, "a");
      }
    } // kill -9: the file is what the kernel has; nothing else is left of that process
    now.addAndGet(2_000_000_000L); // started again two seconds later
    Throttle after = new Throttle(1, 20, 30, clock);
    after.sentToEveryChat();
    try (GroupMinutes kept = GroupMinutes.open(data, after, wall)) {
      Sender s = sender(after, new Random(1));
      for (int i = 0; i < 5; i++) {
        s.send(SendMessage.builder().chatId(-100L).text("later " + i).build(), true, "a");
      }
    }
    assertEquals(
        List.of(),
        api.floodRefused().stream().map(c -> c.body().path("text").asText()).toList(),
        "the restarted bot went beyond the group's 20 a minute");
    assertEquals(25, api.calls("sendMessage").size());
    long last = leftAt.get(leftAt.size() - 1);
    assertTrue(
        last - firstLeft < 67_000_000_000L + 5 * 1_100_000_000L,
        "the fifth reply after the restart left "
            + (last - firstLeft) / 1_000_000
            + " ms after the first message of the minute");
  }

  @Test
  void everyKindOfCallWaitsItsTurnAndAnEditCountsAsItsChatsMessage() throws Exception {
    // One message a second per chat; two calls a second overall (0.55 s apart with the headroom).
    Sender s = sender(new Throttle(1, 20, 2, clock), new Random(1));
    int sent =
        s.send(SendMessage.builder().chatId(42L).text("answer").build(), false, "answer")
            .orElseThrow()
            .getMessageId();
    // The fake refuses edits of unknown messages and answers to unknown callback and inline
    // queries, as Telegram does: edit the message just sent, answer a press and a query the fake
    // delivered.
    api.push(FakeBotApi.callback(1, 42L, sent, "m:k:1"));
    s.execute(EditMessageText.builder().chatId(42L).messageId(sent).text("full passage").build());
    s.execute(AnswerCallbackQuery.builder().callbackQueryId("cb1").build());
    api.push(FakeBotApi.inline(2, 42L, "q"));
    s.execute(
        AnswerInlineQuery.builder()
            .inlineQueryId("iq2")
            .result(
                org.telegram.telegrambots.meta.api.objects.inlinequery.result
                    .InlineQueryResultArticle.builder()
                    .id("0")
                    .title("t")
                    .inputMessageContent(
                        new org.telegram.telegrambots.meta.api.objects.inlinequery
                            .inputmessagecontent.InputTextMessageContent("x"))
                    .build())
            .build());
    s.execute(SendChatAction.builder().chatId(43L).action("typing").build());
    s.execute(SetMyCommands.builder().command(new BotCommand("help", "Help")).build());
    for (String m :
        List.of(
            "sendMessage",
            "editMessageText",
            "answerCallbackQuery",
            "answerInlineQuery",
            "sendChatAction",
            "setMyCommands")) {
      assertEquals(1, api.calls(m).size(), m + " carried out once");
    }
    assertEquals(6, leftAt.size(), leftAt.toString());
    for (int i = 1; i < leftAt.size(); i++) {
      assertTrue(
          leftAt.get(i) - leftAt.get(i - 1) >= 550_000_000L,
          "call " + i + " left " + (leftAt.get(i) - leftAt.get(i - 1)) + " ns after the last");
    }
    assertTrue(
        leftAt.get(1) - leftAt.get(0) >= 1_100_000_000L,
        "the edit waits for the chat's second: " + leftAt);
  }

  @Test
  void a429OnAnyCallIsWaitedOutWithJitterThenTheCallArrives() throws Exception {
    List<Long> waits = new ArrayList<>();
    for (long seed : new long[] {1, 2}) {
      clock.sleeps.clear();
      Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(seed));
      int sent =
          s.send(SendMessage.builder().chatId(42L).text("answer").build(), false, "answer")
              .orElseThrow()
              .getMessageId();
      api.failNext("editMessageText", FakeBotApi.Failure.tooManyRequests(2));
      clock.sleeps.clear();
      assertTrue(
          s.execute(EditMessageText.builder().chatId(42L).messageId(sent).text("x " + seed).build())
              .isPresent());
      long wait = clock.sleeps.stream().mapToLong(Long::longValue).max().orElse(0);
      assertTrue(wait >= 2_000_000_000L && wait <= 3_000_000_000L, "waited " + wait);
      waits.add(wait);
    }
    assertEquals(2, api.calls("editMessageText:refused").size(), "each edit: the 429 ...");
    assertEquals(2, api.calls("editMessageText").size(), "... then the edit, carried out");
    assertNotEquals(waits.get(0), waits.get(1), "two workers stopped together come back apart");
  }

  /**
   * A 429 for the whole bot (over Telegram's overall limit) is told to one call, but holds every
   * call: each worker found it through a refused call of its own, which, asking sooner than
   * Telegram allows, only earned another 429. Now the first 429 told to a call that is no chat
   * action (here a button's answer, given up at once as its query would be too old after it) pauses
   * every call of every worker until its retry_after has passed: a reply to another chat goes once
   * the pause is over, at its first try; a chat action ("typing...", 5 s at most) is not sent
   * during it, nor a button's answer whose query would be too old when it ends.
   */
  @Test
  void aBotWide429PausesEveryCallUntilItsRetryAfterHasPassed() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    long start = now.get();
    api.failNext("answerCallbackQuery", FakeBotApi.Failure.tooManyRequestsForTheBot(7));
    s.answerWithin("cb0", 15_000);
    s.execute(AnswerCallbackQuery.builder().callbackQueryId("cb0").build()); // 7 s: too late
    assertEquals(1, api.calls("answerCallbackQuery:refused").size());

    s.execute(SendChatAction.builder().chatId(44L).action("typing").build());
    api.push(FakeBotApi.callback(1, 45L, 1000, "m:k:1"));
    s.answerWithin("cb1", 15_000);
    s.execute(AnswerCallbackQuery.builder().callbackQueryId("cb1").build());
    assertEquals(0, api.arrivals("sendchataction"), "no typing during the pause");
    assertEquals(1, api.arrivals("answercallbackquery"), "nor an answer the query would outlive");

    assertTrue(
        s.send(SendMessage.builder().chatId(42L).text("answer").build(), false, "answer")
            .isPresent());
    assertEquals(List.of(), api.calls("sendMessage:refused"), "not sent before the pause ended");
    assertEquals(1, api.calls("sendMessage").size());
    long sentAt = leftAt.get(leftAt.size() - 1);
    assertTrue(sentAt - start >= 7_000_000_000L, "left " + (sentAt - start) + " ns after the 429");
  }

  /**
   * A group's own 429 (retry_after 20 s: its 20 messages a minute ran out, Bot FAQ) is explained by
   * its minute, as one of up to a minute is for the whole bot's flood wait: it held every chat's
   * calls for its 20 s, so a busy group that met its limit each minute froze every other chat's
   * replies that long each time. It holds the group's calls only; were the bot over the overall
   * limit, the next message to another chat would get a 429 of its own and pause every call then,
   * as for a chat action's.
   */
  @Test
  void aGroupsOwnShort429HoldsThatGroupNotEveryChat() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(20));
    List<Long> privateLeft = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean standIn =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    long start = now.get();
    s.duringLongWaits(
        (nanos, shown, everyChat) -> {
          if (standIn.getAndSet(false)) { // while the group waits, a private chat's reply
            try {
              int before = leftAt.size();
              assertTrue(
                  s.send(SendMessage.builder().chatId(42L).text("z").build(), false, "z")
                      .isPresent());
              privateLeft.add(leftAt.get(before) - start);
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
          }
          return () -> {};
        });
    assertTrue(
        s.send(SendMessage.builder().chatId(-100L).text("x").build(), true, "x").isPresent(),
        "the group's reply goes once its 429 is waited out");
    assertEquals(1, privateLeft.size());
    assertTrue(
        privateLeft.get(0) < 1_000_000_000L,
        "the private chat's reply left at once, not after the group's 20 s: "
            + privateLeft.get(0) / 1_000_000
            + " ms");
    assertEquals(List.of(), api.tooSoon(), "no call to the group before its retry_after ran out");
  }

  /**
   * A 429 told to one chat's "typing..." (retry_after 7 s; the fake refuses calls to that chat
   * until then) says when that request may be repeated, and nothing of other chats: Telegram's
   * flood limits are the messages' (Bot FAQ: a message a second in a chat, 20 a minute in a group,
   * about 30 a second overall), and were the bot over the overall one, the next message to another
   * chat would get its own 429 and pause every call then. Before, it paused every chat's calls for
   * its 7 s, so one chat's refused "typing..." held every other chat's reply. Now another chat's
   * reply and "typing..." go at once, while that chat gets no "typing..." until the retry_after has
   * passed and its reply waits it out, and no call comes before its retry_after ran out.
   */
  @Test
  void a429OnOneChatsTypingHoldsThatChatsCallsOnlyNotEveryChats() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    long start = now.get();
    api.failNext("sendChatAction", FakeBotApi.Failure.tooManyRequests(7));
    s.execute(SendChatAction.builder().chatId(43L).action("typing").build()); // one try only
    assertEquals(1, api.calls("sendChatAction:refused").size());

    assertTrue(
        s.send(SendMessage.builder().chatId(42L).text("answer").build(), false, "answer")
            .isPresent());
    long otherChatAt = leftAt.get(leftAt.size() - 1);
    assertTrue(
        otherChatAt - start < 1_000_000_000L,
        "another chat's reply left " + (otherChatAt - start) / 1_000_000 + " ms after the 429");
    s.execute(SendChatAction.builder().chatId(44L).action("typing").build());
    assertEquals(1, api.calls("sendChatAction").size(), "another chat's typing goes");

    s.execute(SendChatAction.builder().chatId(43L).action("typing").build());
    assertEquals(2, api.arrivals("sendchataction"), "no typing to that chat until then");
    assertTrue(
        s.send(SendMessage.builder().chatId(43L).text("reply").build(), false, "reply")
            .isPresent());
    long sameChatAt = leftAt.get(leftAt.size() - 1);
    assertTrue(
        sameChatAt - start >= 7_000_000_000L,
        "that chat's reply left " + (sameChatAt - start) / 1_000_000 + " ms after the 429");
    assertEquals(List.of(), api.calls("sendMessage:refused"));
    assertEquals(List.of(), api.tooSoon(), "no call before its retry_after ran out");
  }

  /**
   * A 429 on "typing..." says when that request "can be repeated" (ResponseParameters,
   * retry_after); Telegram's flood wait is "the maximum allowed number of attempts to invoke the
   * given method with the given input parameters" (error 420 FLOOD), and the fake keeps it so here:
   * the chat's chat actions are refused for the hour, its messages taken. Before, an hour-long 429
   * on a chat's "typing..." held the chat's every call longer than any call waits, so the reply to
   * the question it announced was given up unsent: the user lost the answer over a typing
   * indicator. Now the chat's "typing..." is not sent again within the hour, and its reply waits at
   * most a shared pause (30 s, in case the 429 was the chat's messages' flood wait) and goes.
   */
  @Test
  void anHourLong429OnAChatsTypingSkipsItsTypingButNotItsReply() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    long start = now.get();
    api.failNext("sendChatAction", FakeBotApi.Failure.tooManyRequestsOfTheMethod(3600));
    s.execute(SendChatAction.builder().chatId(43L).action("typing").build());
    assertEquals(1, api.calls("sendChatAction:refused").size());

    assertTrue(
        s.send(SendMessage.builder().chatId(43L).text("answer").build(), false, "answer")
            .isPresent(),
        "the reply is delivered");
    assertEquals(1, api.calls("sendMessage").size());
    long sentAt = leftAt.get(leftAt.size() - 1);
    assertTrue(
        sentAt - start <= 31_000_000_000L,
        "the reply left " + (sentAt - start) / 1_000_000_000L + " s after the typing's 429");

    s.execute(SendChatAction.builder().chatId(43L).action("typing").build());
    assertEquals(1, api.arrivals("sendchataction"), "no typing to that chat within the hour");
    assertEquals(List.of(), api.tooSoon(), "no call before its retry_after ran out");
  }

  /**
   * A chat's own flood wait, longer than any call waits (Sender.MAX_RATE_LIMITED_SECONDS): the call
   * to that chat is given up at once, and no other chat's answer waits the hour out with it.
   */
  @Test
  void anHourLong429OfOneChatHoldsNoOtherChat() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    long start = now.get();
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(3600));
    assertTrue(s.send(SendMessage.builder().chatId(43L).text("x").build(), false, "x").isEmpty());
    assertTrue(
        s.send(SendMessage.builder().chatId(42L).text("answer").build(), false, "answer")
            .isPresent());
    long sentAt = leftAt.get(leftAt.size() - 1);
    assertTrue(
        sentAt - start < 60_000_000_000L,
        "chat 42's answer left " + (sentAt - start) / 1_000_000_000L + " s after chat 43's 429");
  }

  /**
   * A 429 for the whole bot can be long: bots that sent to many chats report retry_after of 2282 s
   * (tdlib/telegram-bot-api#184) and 10072 s (tdlib/td#1331). One longer than the shared pause (30
   * s) was taken for its chat's own flood wait, so every other chat learnt it through a refused
   * call of its own, each a call made inside the flood wait (which Telegram may answer by making it
   * longer): five chats, five refused replies. Two chats told a long 429 that ends at the same
   * moment are the whole bot's flood wait, and it now holds every call: after the second, no reply
   * leaves until it ends (given up unsent, as one longer than a call waits). Two chats' own flood
   * waits, ending at different moments, still hold no third chat.
   */
  @Test
  void aLongBotWide429LearntInTwoChatsHoldsEveryChatRatherThanCascading() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequestsForTheBot(2282));
    for (long chat = 40; chat < 45; chat++) {
      assertTrue(
          s.send(SendMessage.builder().chatId(chat).text("x").build(), false, "x").isEmpty(),
          "chat " + chat + "'s reply is given up: its wait is longer than a call waits");
    }
    assertEquals(
        2,
        api.calls("sendMessage:refused").size(),
        "learnt from two chats, not from every chat's refused reply");
    assertEquals(1, api.tooSoon().size(), "one call came before the retry_after ran out");

    now.addAndGet(2283_000_000_000L);
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(3600));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(1800));
    assertTrue(s.send(SendMessage.builder().chatId(50L).text("x").build(), false, "x").isEmpty());
    assertTrue(s.send(SendMessage.builder().chatId(51L).text("x").build(), false, "x").isEmpty());
    assertTrue(
        s.send(SendMessage.builder().chatId(52L).text("answer").build(), false, "answer")
            .isPresent(),
        "two chats' own flood waits that end apart hold no third chat");
  }

  /**
   * Which long 429 is the whole bot's is a guess: Telegram does not say, and asked whether a
   * message may go to another chat after one was told retry_after, tdlib's maintainer answers
   * "Sometimes yes and sometimes no" (tdlib/td#1062). Two chats' own flood waits (here each the
   * fake's 429 for its chat alone) that happen to end together were believed the whole bot's, and
   * every reply of every chat was then given up unsent for all of it, 2,000 s here, with nothing to
   * learn otherwise. Now, while such a wait of over 10 minutes holds, one message a minute asks
   * Telegram: taken, it ends the pause, and the replies after it go.
   */
  @Test
  void aWholeBotFloodWaitBelievedWronglyEndsWhenTheMessageThatAsksAMinuteLaterIsTaken()
      throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(2000));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(2000));
    for (long chat = 40; chat < 43; chat++) {
      assertTrue(
          s.send(SendMessage.builder().chatId(chat).text("x").build(), false, "x").isEmpty(),
          "chat " + chat + "'s reply is given up, the wait being the whole bot's as far as known");
    }
    assertEquals(2, api.calls("sendMessage:refused").size(), "the third was not sent");
    now.addAndGet(61_000_000_000L);
    assertTrue(
        s.send(SendMessage.builder().chatId(43L).text("a").build(), false, "a").isPresent(),
        "a minute later one reply asks, and Telegram takes it");
    assertTrue(
        s.send(SendMessage.builder().chatId(44L).text("b").build(), false, "b").isPresent(),
        "the pause is over: the next reply goes too");
    assertEquals(List.of(), api.tooSoon(), "no call came inside a chat's own retry_after");
  }

  /**
   * A wrongly believed whole-bot flood wait shorter than 10 minutes (two chats' own 300 s 429s that
   * happen to end together) is not given up but waited out, every chat's reply held for all of it,
   * five minutes here. The message that asks a minute later is taken, and ends it.
   */
  @Test
  void aShorterWholeBotFloodWaitBelievedWronglyEndsWhenTheMessageThatAsksAMinuteLaterIsTaken()
      throws Exception {
    shorterWholeBotFloodWaitBelievedWrongly(61_000_000_000L);
  }

  /** As above, the reply of the third chat already waiting for the pause when its minute comes. */
  @Test
  void aReplyWaitingOutAWronglyBelievedWholeBotFloodWaitAsksWhenItsMinuteComes() throws Exception {
    shorterWholeBotFloodWaitBelievedWrongly(5_000_000_000L);
  }

  /**
   * The message that asks during a whole-bot flood wait believed wrongly (two chats' own 2,000 s
   * 429s ending together) may be told a long 429 of its own chat (300 s here, ending nowhere near
   * the believed wait): that says nothing of the other chats. Before, it kept the turn to ask
   * through all of its own wait, so for those 300 s no other chat's message asked and every reply
   * was given up unsent, where one message a minute asks. Now a 429 longer than the minute until
   * the next message asks (PROBE_NANOS, not the 30 s shared pause: a group's minute keeps the turn,
   * below) ends its turn: a minute after it asked, another chat's message asks, is taken, and ends
   * the pause.
   */
  @Test
  void theMessageThatAsksAndIsToldItsChatsOwnLong429GivesUpItsTurnToAsk() throws Exception {
    Sender s = believingAWholeBotFloodWaitAMinuteOld();
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(300));
    List<Boolean> otherTaken = new ArrayList<>();
    s.duringLongWaits(
        (nanos, shown, everyChat) -> {
          if (otherTaken.isEmpty()) { // while chat 43's message waits its own 300 s out
            now.addAndGet(61_000_000_000L);
            try {
              otherTaken.add(
                  s.send(SendMessage.builder().chatId(44L).text("b").build(), false, "b")
                      .isPresent());
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
          }
          return () -> {};
        });
    assertTrue(
        s.send(SendMessage.builder().chatId(43L).text("a").build(), false, "a").isPresent(),
        "chat 43's reply goes once its own 429 ran out");
    assertEquals(
        List.of(true), otherTaken, "a minute after chat 43 asked, chat 44's reply asked, taken");
    assertEquals(List.of(), api.tooSoon(), "no call came inside a chat's own retry_after");
  }

  /**
   * A sender that believes a whole-bot flood wait of 2,000 s (two chats' new messages told 429s
   * ending together, both given up), a minute after it began: the next new message asks.
   */
  private Sender believingAWholeBotFloodWaitAMinuteOld() throws InterruptedException {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(2000));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(2000));
    for (long chat = 40; chat < 42; chat++) {
      assertTrue(
          s.send(SendMessage.builder().chatId(chat).text("x").build(), false, "x").isEmpty());
    }
    now.addAndGet(61_000_000_000L);
    return s;
  }

  /**
   * As above, but the message that asks is a group's and is told its minute's 429 (45 s, which the
   * group's 20 a minute explain): it keeps the turn to ask through that wait, shorter than the
   * minute until the next message would ask, and asks again at its end, taken; handing the turn on,
   * it would have found the next turn not yet due and been given up unsent.
   */
  @Test
  void theGroupMessageThatAsksAndIsToldItsMinutes429KeepsItsTurnAndIsTaken() throws Exception {
    Sender s = believingAWholeBotFloodWaitAMinuteOld();
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(45));
    assertTrue(
        s.send(SendMessage.builder().chatId(-100L).text("a").build(), true, "a").isPresent(),
        "the group's reply asks again once its minute's 429 ran out, and is taken");
    assertTrue(
        s.send(SendMessage.builder().chatId(44L).text("b").build(), false, "b").isPresent(),
        "the pause is over");
    assertEquals(List.of(), api.tooSoon(), "no call came inside a chat's own retry_after");
  }

  private final AtomicLong waitingFor = new AtomicLong();

  private void shorterWholeBotFloodWaitBelievedWrongly(long thirdComesAfter) throws Exception {
    waitingFor.set(thirdComesAfter);
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(300));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequests(300));
    List<Long> thirdLeft = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger waits =
        new java.util.concurrent.atomic.AtomicInteger();
    long start = now.get();
    s.duringLongWaits(
        (nanos, shown, everyChat) -> {
          int n = waits.incrementAndGet();
          try {
            if (n == 1) { // while chat 40 waits its 429 out, chat 41 is told one ending with it
              assertTrue(
                  s.send(SendMessage.builder().chatId(41L).text("y").build(), false, "y")
                      .isPresent());
            } else if (n == 2) { // a moment on, another chat's reply waits for the pause
              now.addAndGet(waitingFor.get());
              int before = leftAt.size();
              assertTrue(
                  s.send(SendMessage.builder().chatId(42L).text("z").build(), false, "z")
                      .isPresent());
              thirdLeft.add(leftAt.get(before) - start);
            }
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          return () -> {};
        });
    assertTrue(s.send(SendMessage.builder().chatId(40L).text("x").build(), false, "x").isPresent());
    assertEquals(1, thirdLeft.size());
    assertTrue(
        thirdLeft.get(0) < 62_000_000_000L,
        "chat 42's reply asked a minute on, not after the 300 s: "
            + thirdLeft.get(0) / 1_000_000
            + " ms");
    assertEquals(List.of(), api.tooSoon(), "no call came inside a chat's own retry_after");
  }

  /**
   * The whole bot's real flood wait (the fake's 429 for the bot, any call refused until it ends):
   * the one message a minute that asks is refused and given up, as every reply then is, and the
   * others are not sent; a minute more and one asks again. At most one refused call a minute, not
   * one per chat.
   */
  @Test
  void duringTheWholeBotsLongFloodWaitOneMessageAMinuteAsksAndTheRestAreNotSent() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequestsForTheBot(2282));
    for (int minute = 0; minute < 3; minute++) {
      for (long chat = 40; chat < 45; chat++) {
        assertTrue(
            s.send(SendMessage.builder().chatId(chat).text("x").build(), false, "x").isEmpty(),
            "minute " + minute + ", chat " + chat + ": given up");
      }
      now.addAndGet(61_000_000_000L);
    }
    assertEquals(
        4,
        api.calls("sendMessage:refused").size(),
        "two to learn it, then one a minute: " + api.calls("sendMessage:refused"));
  }

  /**
   * A deletion is a call to a chat too (deleteMessage names its chat_id), and Telegram's 429 on it
   * says when "the request can be repeated"; a flood wait is a method's ("the maximum allowed
   * number of attempts to invoke the given method with the given input parameters", error 420
   * FLOOD), and the fake keeps it so here: the chat's deletions are refused for the hour, its
   * messages taken. Before, a deletion's hour-long 429 held every call to the chat for the hour, so
   * the chat's next reply was given up unsent: an edited question's answer lost over the deletion
   * of an old part. Now the chat's deletions are not sent again within the hour, its reply waits a
   * shared pause at most (30 s, in case the 429 was its messages' too) and goes, and another chat's
   * reply goes at once.
   */
  @Test
  void anHourLong429OnADeletionHoldsThatChatsDeletionsButNotItsReply() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    long start = now.get();
    api.failNext("deleteMessage", FakeBotApi.Failure.tooManyRequestsOfTheMethod(3600));
    s.execute(
        org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage.builder()
            .chatId(43L)
            .messageId(1000)
            .build());
    assertEquals(1, api.calls("deleteMessage:refused").size(), "given up at once");

    assertTrue(
        s.send(SendMessage.builder().chatId(42L).text("answer").build(), false, "answer")
            .isPresent());
    long otherAt = leftAt.get(leftAt.size() - 1);
    assertTrue(
        otherAt - start < 1_000_000_000L,
        "chat 42's answer left " + (otherAt - start) / 1_000_000 + " ms after chat 43's 429");
    assertTrue(
        s.send(SendMessage.builder().chatId(43L).text("reply").build(), false, "reply").isPresent(),
        "the chat's reply is delivered");
    long sentAt = leftAt.get(leftAt.size() - 1);
    assertTrue(
        sentAt - start <= 31_000_000_000L,
        "the reply left " + (sentAt - start) / 1_000_000_000L + " s after the deletion's 429");

    s.execute(
        org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage.builder()
            .chatId(43L)
            .messageId(1001)
            .build());
    assertEquals(1, api.arrivals("deletemessage"), "no deletion in that chat within the hour");
    assertEquals(List.of(), api.tooSoon(), "no call before its retry_after ran out");
  }

  /**
   * The same of every method to a chat, as Telegram's flood wait is the method's: an edit's
   * hour-long 429 holds the chat's edits for the hour, not its reply (before, the reply was given
   * up unsent); a message's hour-long 429 holds the chat's messages for the hour (the next reply
   * there given up at once, not sent into it), not the edit of an earlier answer, which goes after
   * the shared pause.
   */
  @Test
  void anHourLong429OfOneMethodInAChatHoldsThatMethodThereNotTheChatsOtherCalls() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1000, clock), new Random(1));
    int first =
        s.send(SendMessage.builder().chatId(43L).text("first").build(), false, "first")
            .orElseThrow()
            .getMessageId();
    long start = now.get();
    api.failNext("editMessageText", FakeBotApi.Failure.tooManyRequestsOfTheMethod(3600));
    assertTrue(
        s.execute(EditMessageText.builder().chatId(43L).messageId(first).text("e1").build())
            .isEmpty(),
        "an hour-long 429 is given up at once");
    assertTrue(
        s.send(SendMessage.builder().chatId(43L).text("second").build(), false, "second")
            .isPresent(),
        "the chat's reply is delivered after the edit's 429");
    assertTrue(
        leftAt.get(leftAt.size() - 1) - start <= 31_000_000_000L,
        "it waited " + (leftAt.get(leftAt.size() - 1) - start) / 1_000_000_000L + " s");
    int calls = leftAt.size();
    assertTrue(
        s.execute(EditMessageText.builder().chatId(43L).messageId(first).text("e2").build())
            .isEmpty());
    assertEquals(calls, leftAt.size(), "no edit in that chat within the hour");

    int a =
        s.send(SendMessage.builder().chatId(44L).text("a").build(), false, "a")
            .orElseThrow()
            .getMessageId();
    api.failNext("sendMessage", FakeBotApi.Failure.tooManyRequestsOfTheMethod(3600));
    assertTrue(
        s.send(SendMessage.builder().chatId(44L).text("b").build(), false, "b").isEmpty(),
        "the reply that met the hour-long 429 is given up");
    calls = leftAt.size();
    assertTrue(s.send(SendMessage.builder().chatId(44L).text("c").build(), false, "c").isEmpty());
    assertEquals(calls, leftAt.size(), "no message to that chat within the hour");
    assertTrue(
        s.execute(EditMessageText.builder().chatId(44L).messageId(a).text("a2").build())
            .isPresent(),
        "the edit of an earlier answer in that chat goes");
    assertEquals(List.of(), api.tooSoon(), "no call before its retry_after ran out");
  }

  /**
   * Telegram counts a chat's messages as they reach it ("avoid sending more than one message per
   * second" in a chat), not as they leave the bot. A message 200 ms on its way (a loaded machine, a
   * slow network) reached the fake 0.2 s after it left, and the chat's next one, booked 1.1 s after
   * the first left, reached it 0.9 s after the first: Telegram's 429, which the headroom of 10% was
   * to prevent, came whenever a message was delayed more than 0.1 s (the flake of
   * TelegramEndToEndTest.theDefaultSendingLimitsKeepABurstWithinTelegramsFloodLimits on a busy
   * machine). The chat's next message is now counted from when Telegram answered the last one,
   * after it arrived.
   */
  @Test
  void aChatsNextMessageIsCountedFromWhenTelegramAnsweredTheLastNotFromWhenItLeft()
      throws Exception {
    Sender s = sender(new Throttle(1, 20, 30, clock), new Random(1));
    onTheWayNext.set(200_000_000L);
    assertTrue(
        s.send(SendMessage.builder().chatId(42L).text("first").build(), false, "first")
            .isPresent());
    assertTrue(
        s.send(SendMessage.builder().chatId(42L).text("second").build(), false, "second")
            .isPresent());
    assertEquals(
        List.of(),
        api.calls("sendMessage:refused").stream().map(c -> c.body().path("text").asText()).toList(),
        "no 429: the second message reached the chat a second or more after the first");
    assertEquals(2, api.calls("sendMessage").size());
  }

  /**
   * Telegram counts the bot's messages over all chats as they reach it too ("not more than 30
   * messages per second or so"), not as they leave the bot. The calls of a burst left about 36.7 ms
   * apart (30 a second and a headroom of 10%), so 31 of them left over 1.1 s; but when the first
   * ones were held on their way (a loaded machine, a slow network: here every call that leaves in
   * the burst's first 150 ms reaches Telegram when they end) while the later ones went through at
   * once, 31 reached Telegram within one second, and it answered the 31st with a 429 (a delay of
   * more than 0.1 s on the first call was enough). Four workers, the bot's default, answer 60
   * chats; the fake's clock and the sender's are one, and moves only when every worker waits.
   */
  @Test
  void aBurstToManyChatsWhoseFirstCallsAreHeldOnTheWayStaysWithinTheOverallLimit()
      throws Exception {
    int workers = 4;
    long start = now.get();
    VirtualClock virtual = new VirtualClock(start, workers);
    api.useClock(virtual::nanoTime);
    long stallEnds = start + 150_000_000L;
    List<Long> arrivedAt = java.util.Collections.synchronizedList(new ArrayList<>());
    TelegramClient held =
        mock(
            TelegramClient.class,
            inv -> {
              long left = virtual.nanoTime();
              virtual.sleepNanos(stallEnds - left);
              arrivedAt.add(virtual.nanoTime());
              try {
                return inv.getMethod().invoke(real, inv.getArguments());
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
    Sender s =
        new Sender(
            held, held, new Throttle(1, 20, 30, virtual), virtual, 500_000_000L, new Random(1));
    java.util.concurrent.ConcurrentLinkedQueue<Long> chats =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (long chat = 2000; chat < 2060; chat++) {
      chats.add(chat);
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(workers);
    try {
      List<java.util.concurrent.Future<Integer>> answered = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        answered.add(
            pool.submit(
                () -> {
                  try {
                    int n = 0;
                    for (Long chat; (chat = chats.poll()) != null; ) {
                      String text = "answer to " + chat;
                      if (s.send(SendMessage.builder().chatId(chat).text(text).build(), false, text)
                          .isPresent()) {
                        n++;
                      }
                    }
                    return n;
                  } finally {
                    virtual.done();
                  }
                }));
      }
      int delivered = 0;
      for (java.util.concurrent.Future<Integer> f : answered) {
        delivered += f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertEquals(60, delivered, "every chat answered");
    } finally {
      pool.shutdownNow();
    }
    List<Long> arrivals = arrivedAt.stream().sorted().toList();
    int most = 0;
    for (int i = 0, j = 0; j < arrivals.size(); j++) {
      while (arrivals.get(j) - arrivals.get(i) >= 1_000_000_000L) {
        i++;
      }
      most = Math.max(most, j - i + 1);
    }
    assertEquals(
        List.of(),
        api.calls("sendMessage:refused").stream().map(c -> c.body().path("text").asText()).toList(),
        "no 429: at most " + most + " calls reached Telegram within a second");
    assertTrue(most <= 30, most + " calls reached Telegram within one second");
    assertEquals(60, api.calls("sendMessage").size());
    long took = arrivals.get(arrivals.size() - 1) - start;
    // The spacing alone takes 59 x 36.7 ms = 2.16 s; the held calls count 1.1 s from their answers.
    assertTrue(took < 2_400_000_000L, "the burst took " + took / 1_000_000 + " ms");
  }

  /**
   * A call counts against the overall limit from when it may leave until a window after it was
   * answered; one that never leaves frees its place at once, or the places lost would, one by one,
   * stop every call: here one call a window (1.1 s). A button's answer whose query is too old by
   * its turn is not sent, nor a message whose "typing..." closing failed; the next message then
   * waits its spacing, no more.
   */
  @Test
  @org.junit.jupiter.api.Timeout(
      value = 30,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a lost place spins
  void aCallThatNeverLeavesFreesItsPlaceInTheOverallLimit() throws Exception {
    Sender s = sender(new Throttle(1000, 1000, 1, clock), new Random(1));
    long start = now.get();
    s.answerWithin("cb1", 0);
    assertEquals(
        java.util.Optional.empty(),
        s.execute(AnswerCallbackQuery.builder().callbackQueryId("cb1").build()));
    s.beforeNextMessage(
        () -> {
          throw new IllegalStateException("typing could not be closed");
        });
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class,
        () -> s.send(SendMessage.builder().chatId(42L).text("lost").build(), false, "lost"));
    assertEquals(List.of(), leftAt, "neither left");
    assertTrue(
        s.send(SendMessage.builder().chatId(43L).text("answer").build(), false, "answer")
            .isPresent());
    assertEquals(List.of(start + 2 * 1_100_000_000L), leftAt, "the third slot's time");
  }
}
