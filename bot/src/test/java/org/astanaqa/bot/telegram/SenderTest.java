package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.bot.telegram.send.Throttle;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

class SenderTest {
  private final AtomicLong now = new AtomicLong();
  private final UpdateHandlerTest.FakeClock clock = new UpdateHandlerTest.FakeClock(now);
  private final TelegramClient client = mock(TelegramClient.class);
  private final Sender sender =
      new Sender(
          client, client, new Throttle(1000, 1000, 1000, clock), clock, 500_000_000L, highest());

  /** A random source that always draws the top of the range: the backoff's ceiling. */
  static Random highest() {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public long nextLong(long bound) {
        return bound - 1;
      }
    };
  }

  /** A real Bot API error, parsed by the library exactly as from the wire. */
  /** An HTML reply of 40 paragraphs ("<b>Paragraph 0</b> word word ..."), about 5,000 chars. */
  static String fortyParagraphs() {
    return paragraphs(40);
  }

  /** An HTML text of {@code n} paragraphs ("<b>Paragraph i</b> word word ..."). */
  static String paragraphs(int n) {
    StringBuilder html = new StringBuilder();
    for (int i = 0; i < n; i++) {
      html.append("<b>Paragraph ").append(i).append("</b> ").append("word ".repeat(20));
      html.append("\n\n");
    }
    return html.toString().strip();
  }

  /** A 429 Too Many Requests with its {@code retry_after}, as the Bot API answers one. */
  static TelegramApiRequestException tooManyRequests(int retryAfter) {
    return error(
        "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\","
            + "\"parameters\":{\"retry_after\":"
            + retryAfter
            + "}}");
  }

  /** A stand-in's reply to another chat, made while the first reply waits; it must get through. */
  private void sendsMeanwhile(long chat) {
    try {
      assertTrue(
          sender
              .send(SendMessage.builder().chatId(chat).text("y").build(), false, "y")
              .isPresent());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static TelegramApiRequestException error(String json) {
    try {
      SendMessage.builder().chatId(1L).text("x").build().deserializeResponse(json);
    } catch (TelegramApiRequestException e) {
      return e;
    }
    throw new AssertionError("not an error: " + json);
  }

  /**
   * The long waits the sender tells, each as "wait N ms" (", every chat" when it holds every chat);
   * {@code meanwhile} runs at each, given its number (1 for the first), as a stand-in would.
   */
  private List<String> toldWaits(java.util.function.IntConsumer meanwhile) {
    List<String> told = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger waits =
        new java.util.concurrent.atomic.AtomicInteger();
    sender.duringLongWaits(
        (nanos, shown, everyChat) -> {
          told.add("wait " + nanos / 1_000_000 + " ms" + (everyChat ? ", every chat" : ""));
          meanwhile.accept(waits.incrementAndGet());
          return () -> {};
        });
    return told;
  }

  /**
   * Each chat's first new message is told a 429 of {@code seconds} of its chat id (none when 0);
   * every later one is taken.
   */
  private void refusesEachChatsFirstMessage(java.util.function.ToIntFunction<String> seconds)
      throws Exception {
    java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              SendMessage m = inv.getArgument(0);
              int wait = refused.add(m.getChatId()) ? seconds.applyAsInt(m.getChatId()) : 0;
              if (wait > 0) {
                throw tooManyRequests(wait);
              }
              return new Message();
            });
  }

  /**
   * A sender on {@code flood}'s clock (a chat's spacing {@code perChat} a second, a group's {@code
   * perGroup} a minute) whose new messages are all told the whole bot's flood wait of 2,000 s but
   * those to {@code chat}, which are taken, the time of each kept in {@code left}.
   */
  private Sender floodedBut(
      FloodArmed flood, int perChat, int perGroup, String chat, List<Long> left) throws Exception {
    Throttle.Clock c = flood.clock();
    Sender flooded =
        new Sender(
            client, client, new Throttle(perChat, perGroup, 1000, c), c, 500_000_000L, highest());
    flood.sender.set(flooded);
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              SendMessage m = inv.getArgument(0);
              if (m.getChatId().equals(chat)) {
                left.add(flood.t.get());
                return new Message();
              }
              throw tooManyRequests(2000);
            });
    return flooded;
  }

  /**
   * A test clock whose next sleep, once armed, first lets two other chats (100 and 101) learn the
   * whole bot's flood wait through the sender: a flood wait that begins while a call already waits.
   */
  private static final class FloodArmed {
    final AtomicLong t = new AtomicLong();
    final java.util.concurrent.atomic.AtomicReference<Sender> sender =
        new java.util.concurrent.atomic.AtomicReference<>();
    final java.util.concurrent.atomic.AtomicBoolean armed =
        new java.util.concurrent.atomic.AtomicBoolean();

    Throttle.Clock clock() {
      return new Throttle.Clock() {
        @Override
        public long nanoTime() {
          return t.get();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          if (armed.getAndSet(false)) { // two other chats learn the whole bot's flood wait
            sender.get().send(SendMessage.builder().chatId(100L).text("a").build(), false, "a");
            sender.get().send(SendMessage.builder().chatId(101L).text("b").build(), false, "b");
          }
          t.addAndGet(nanos);
        }
      };
    }
  }

  private static SendMessage message() {
    return SendMessage.builder().chatId(42L).text("<b>x</b>").parseMode("HTML").build();
  }

  /**
   * Review 18: what runs before a thread's next message (its "typing..." closing) was one slot for
   * every Sender in the JVM, so a message another Sender sent on the thread (a test's, a second
   * bot's) closed this one's typing. Each Sender now keeps its own.
   */
  @Test
  void whatRunsBeforeTheNextMessageIsTheSendersOwn() throws Exception {
    TelegramClient other = mock(TelegramClient.class);
    when(other.execute(any(SendMessage.class))).thenReturn(new Message());
    when(client.execute(any(SendMessage.class))).thenReturn(new Message());
    Sender second = new Sender(other, new Throttle(1000, 1000, 1000, clock), clock, 500_000_000L);
    List<String> ran = new ArrayList<>();
    try {
      sender.beforeNextMessage(() -> ran.add("first's"));
      second.send(message(), false, "x");
      assertEquals(List.of(), ran, "another Sender's message runs nothing of this one's");
      sender.send(message(), false, "x");
      assertEquals(List.of("first's"), ran, "its own message runs it, once");
      sender.send(message(), false, "x");
      assertEquals(List.of("first's"), ran);
    } finally {
      sender.beforeNextMessage(null);
    }
  }

  /**
   * Two groups whose 20 messages a minute ran out at the same moment (two busy groups answered at
   * one pace) are each told a 429 of up to a minute, ending together: that is no sign of the whole
   * bot's flood wait, which a group's minute explains, so no other chat is held for it. Two groups'
   * 429s longer than a minute, or two private chats', ending together are.
   */
  @Test
  void twoGroupsMinutesEndingTogetherHoldNoOtherChat() throws Exception {
    List<Long> privateLeftAfter = afterAGroupsMinute(-200L, new ArrayList<>());
    assertEquals(1, privateLeftAfter.size());
    assertTrue(
        privateLeftAfter.get(0) < 1_000_000_000L,
        "the private chat's reply left at once, not after the groups' 45 s: "
            + privateLeftAfter.get(0) / 1_000_000
            + " ms");
  }

  /**
   * A reply that meets the pause of the whole bot's flood wait before it leaves (here 100 s, learnt
   * from two chats) waits it out on its thread, as every call does; that wait was told to nobody
   * (only the chat's own turn was), so its update's start stayed in the journal through up to 10
   * minutes, and a {@code kill -9} then counted against it as if it had crashed the bot (two such
   * and it was given up as a "poison" update). It is now told, as one that holds every chat: its
   * start is taken back, and no stand-in is given.
   */
  @Test
  void aReplyWaitingOutTheWholeBotsPauseBeforeItLeavesIsToldAsAWaitOfEveryChat() throws Exception {
    List<String> told =
        toldWaits(
            n -> {
              if (n <= 2) {
                // a stand-in answers another chat meanwhile; the third meets the pause
                sendsMeanwhile(43L + n);
              }
            });
    refusesEachChatsFirstMessage(chat -> chat.equals("45") ? 0 : 100);
    assertTrue(sender.send(message(), false, "x").isPresent());
    assertEquals(
        List.of("wait 101000 ms", "wait 101000 ms, every chat", "wait 100000 ms, every chat"),
        told,
        "the third chat's wait for the bot's pause is told, as holding every chat");
  }

  /**
   * A reply told a long 429 (100 s) waits with a stand-in answering other chats (the dispatcher's
   * listener), as its 429 may be its chat's own. When the stand-in's reply to another chat is told
   * a 429 that ends with the first one's, that is the whole bot's flood wait, which holds every
   * chat alike, as an outage does: its wait is told so, and gets no stand-in that would only take a
   * third chat's update out of the journal into the same wait (the cascade an outage's backoff had,
   * up to 64 stand-ins).
   */
  @Test
  void aWaitForTheWholeBotsLongFloodIsToldAsHoldingEveryChat() throws Exception {
    List<String> told =
        toldWaits(
            n -> {
              if (n == 1) {
                // a stand-in answers another chat while the first reply waits
                sendsMeanwhile(44L);
              }
            });
    refusesEachChatsFirstMessage(chat -> 100);
    assertTrue(sender.send(message(), false, "x").isPresent());
    assertEquals(
        List.of("wait 101000 ms", "wait 101000 ms, every chat"),
        told,
        "the second chat's wait is the whole bot's, holding every chat");
  }

  /**
   * The whole bot's flood wait is learnt from two chats told 429s that end together; a third chat's
   * own long 429 told between them (another end) had erased the first one's, as only the last was
   * remembered, and the second chat's then matched nothing: every other chat went on asking inside
   * the flood, each for a 429 of its own. Every long 429 still running is remembered now.
   */
  @Test
  void aThirdChatsOwnLong429BetweenTwoOfTheWholeBotsDoesNotHideItsFloodWait() throws Exception {
    List<String> told =
        toldWaits(
            n -> {
              if (n == 1) {
                sendsMeanwhile(300L); // its own flood wait, 500 s
              } else if (n == 2) {
                sendsMeanwhile(101L); // the bot's, ending with chat 42's
              }
            });
    refusesEachChatsFirstMessage(chat -> chat.equals("300") ? 500 : 100);
    assertTrue(sender.send(message(), false, "x").isPresent());
    assertEquals(
        List.of("wait 101000 ms", "wait 501000 ms", "wait 101000 ms, every chat"),
        told,
        "the third chat's wait is the whole bot's, though another chat's 429 came between");
  }

  /**
   * Two chats told the whole bot's flood wait, one of whose answers came back slowly (5 s on the
   * way: Telegram counted its retry_after when the request arrived): the end computed from when the
   * answer came fell 5 s after the other's, beyond the 2 s allowed, and the flood was taken for two
   * chats' own. The end lies between when the request left and when its answer came, plus the
   * retry_after; two such spans that meet are one flood wait.
   */
  @Test
  void aWholeBotFloodWaitWhoseSecond429CameBackSlowlyIsStillTheWholeBots() throws Exception {
    List<String> told =
        toldWaits(
            n -> {
              if (n == 1) {
                sendsMeanwhile(44L);
              }
            });
    refusesEachChatsFirstMessage(
        chat -> {
          if (chat.equals("44")) {
            now.addAndGet(5_000_000_000L); // its answer is 5 s on the way back
          }
          return 100;
        });
    assertTrue(sender.send(message(), false, "x").isPresent());
    assertEquals(
        List.of("wait 101000 ms", "wait 101000 ms, every chat"),
        told,
        "the slowly answered 429 ends with the first: the whole bot's");
  }

  /**
   * A group told a 429 of up to a minute (its own 20 a minute ran out) and a private chat told one
   * ending at the same moment are no sign of the whole bot's flood wait: the group's minute
   * explains its 429, which is no evidence of anything beyond it, with another group's (as before)
   * or with a private chat's. Taken for the whole bot's, every other chat was held 45 s.
   */
  @Test
  void aGroupsMinuteAndAPrivateChats429EndingTogetherHoldNoOtherChat() throws Exception {
    List<String> told = new ArrayList<>();
    List<Long> thirdLeftAfter = afterAGroupsMinute(44L, told);
    assertEquals(List.of("wait 46000 ms", "wait 46000 ms"), told, "neither wait holds every chat");
    assertEquals(1, thirdLeftAfter.size());
    assertTrue(
        thirdLeftAfter.get(0) < 1_000_000_000L,
        "the third chat's reply left at once, not after the 45 s: "
            + thirdLeftAfter.get(0) / 1_000_000
            + " ms");
  }

  /**
   * A group (-100) told a 429 of 45 s, the limit of its own minute, whose wait's stand-in answers
   * {@code second} (a group when negative), told one ending with it, and then private chat 45,
   * which every new message reaches at once: how long after the start each reply to chat 45 left.
   * {@code told} gets each wait as told ({@link #toldWaits}).
   */
  private List<Long> afterAGroupsMinute(long second, List<String> told) throws Exception {
    List<Long> thirdLeftAfter = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger waits =
        new java.util.concurrent.atomic.AtomicInteger();
    Sender mixed =
        new Sender(client, client, new Throttle(1000, 1000, 1000, clock), clock, 1, highest());
    mixed.duringLongWaits(
        (nanos, shown, everyChat) -> {
          told.add("wait " + nanos / 1_000_000 + " ms" + (everyChat ? ", every chat" : ""));
          try { // stand-ins answer the second chat, then the third, meanwhile
            int n = waits.incrementAndGet();
            if (n <= 2) {
              long chat = n == 1 ? second : 45L;
              assertTrue(
                  mixed
                      .send(SendMessage.builder().chatId(chat).text("y").build(), chat < 0, "y")
                      .isPresent());
            }
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          return () -> {};
        });
    long start = now.get();
    java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              SendMessage m = inv.getArgument(0);
              if (m.getChatId().equals("45")) {
                thirdLeftAfter.add(now.get() - start);
              } else if (refused.add(m.getChatId())) {
                throw tooManyRequests(45);
              }
              return new Message();
            });
    assertTrue(
        mixed.send(SendMessage.builder().chatId(-100L).text("x").build(), true, "x").isPresent());
    return thirdLeftAfter;
  }

  /**
   * A deletion's and an edit's long 429s (an hour, a flood wait of that method in that chat) told
   * to two chats at one moment, as a rewrite of two chats' replies meets them, are no sign of the
   * whole bot's flood wait: they were taken for it, every call paused for the hour, and every
   * chat's reply given up unsent meanwhile. Only new messages' long 429s are compared.
   */
  @Test
  void anEditsAndADeletionsLong429sEndingTogetherHoldNoOtherChatsReply() throws Exception {
    String hour =
        "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\","
            + "\"parameters\":{\"retry_after\":3600}}";
    when(client.execute(
            any(org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage.class)))
        .thenThrow(error(hour));
    when(client.execute(any(EditMessageText.class))).thenThrow(error(hour));
    when(client.execute(any(SendMessage.class))).thenReturn(new Message());
    assertFalse(
        sender
            .attempt(
                org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage.builder()
                    .chatId(100L)
                    .messageId(5)
                    .build())
            .done());
    assertFalse(
        sender
            .attempt(EditMessageText.builder().chatId(101L).messageId(6).text("y").build())
            .done());
    assertTrue(
        sender.send(SendMessage.builder().chatId(102L).text("z").build(), false, "z").isPresent(),
        "another chat's reply is sent, not given up for an hour");
  }

  /**
   * The whole bot's flood wait of over 10 minutes (2,000 s, learnt from two chats) gives every call
   * up unsent until it ends, also one that was already waiting for its place when it began (here a
   * chat's second reply, waiting for the chat's spacing; a worker waiting for the overall limit
   * alike): that wait re-read the pause and slept all of it, a worker held 33 minutes, and the
   * reply then sent late, where one that came a moment later was given up at once.
   */
  @Test
  void aReplyWaitingForItsTurnWhenAFloodOfOverTenMinutesBeginsIsGivenUpNotHeldThroughIt()
      throws Exception {
    FloodArmed flood = new FloodArmed();
    List<Long> to42 = new ArrayList<>();
    Sender flooded = floodedBut(flood, 1, 20, "42", to42);
    assertTrue(flooded.send(message(), false, "x").isPresent());
    flood.armed.set(true);
    assertFalse(flooded.send(message(), false, "x").isPresent(), "given up unsent");
    assertEquals(1, to42.size(), "the second reply did not leave into the flood wait: " + to42);
    assertTrue(
        flood.t.get() < 60_000_000_000L,
        "not held through the flood: " + flood.t.get() / 1_000_000 + " ms");
  }

  /**
   * The whole bot's flood wait is learnt from two chats' new messages (sameLongFlood), and a flood
   * wait is a method's: an edit taken during it says nothing of new messages. Yet an edit (a
   * button's "Full passage") was the one call a minute that asks Telegram, and once taken it ended
   * the pause: every chat's replies then went into the flood, each refused, the next two learning
   * it anew. Only a new message asks; the edit waits or is given up as every other call is.
   */
  @Test
  void anEditTakenDuringTheWholeBotsFloodWaitDoesNotEndItsPauseOfNewMessages() throws Exception {
    long floodEnds = 2000L * 1_000_000_000L;
    List<String> messagesTo = new ArrayList<>();
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              SendMessage m = inv.getArgument(0);
              messagesTo.add(m.getChatId());
              if (now.get() < floodEnds) { // the whole bot's flood wait of new messages
                throw tooManyRequests((int) ((floodEnds - now.get()) / 1_000_000_000L));
              }
              return new Message();
            });
    when(client.execute(any(EditMessageText.class))).thenReturn(true);
    for (long chat = 40; chat < 42; chat++) {
      assertFalse(
          sender
              .send(SendMessage.builder().chatId(chat).text("x").build(), false, "x")
              .isPresent());
    }
    now.addAndGet(61_000_000_000L);
    sender.execute(EditMessageText.builder().chatId(50L).messageId(7).text("full").build());
    for (long chat = 51; chat < 53; chat++) {
      assertFalse(
          sender.send(SendMessage.builder().chatId(chat).text("x").build(), false, "x").isPresent(),
          "chat " + chat + ": given up in the flood wait");
    }
    assertEquals(
        List.of("40", "41", "51"),
        messagesTo,
        "two to learn it, then the one new message a minute that asks; none after it");
  }

  /**
   * A group's reply waiting for the group's next minute (up to 66 s) when the whole bot's flood
   * wait of over 10 minutes begins is given up as soon as it is learnt, as one that comes a moment
   * later is: its wait inside the throttle slept the whole minute before it asked again, a worker
   * held that long for a reply then given up anyway.
   */
  @Test
  void aGroupsReplyWaitingForItsMinuteWhenAFloodOfOverTenMinutesBeginsIsGivenUpAtOnce()
      throws Exception {
    FloodArmed flood = new FloodArmed();
    List<Long> toGroup = new ArrayList<>();
    Sender flooded = floodedBut(flood, 1000, 1, "-42", toGroup);
    SendMessage toTheGroup = SendMessage.builder().chatId(-42L).text("x").build();
    assertTrue(flooded.send(toTheGroup, true, "x").isPresent());
    flood.armed.set(true);
    assertFalse(flooded.send(toTheGroup, true, "x").isPresent(), "given up unsent");
    assertEquals(1, toGroup.size(), "the second reply did not leave into the flood wait");
    assertTrue(
        flood.t.get() < 5_000_000_000L,
        "not held through the group's minute: " + flood.t.get() / 1_000_000 + " ms");
  }

  /**
   * The waits a call of a thread makes once it has started that last {@link Sender#LONG_WAIT_NANOS}
   * or more are told to the listener ({@link Sender#duringLongWaits}), on that thread, closed
   * before the next try: a 429's retry_after, a backoff through an outage, a group's next minute
   * for the next message; with whether the thread's "typing..." (what runs before its next message)
   * is still open. Shorter waits are not told. Before, none was: the worker waited with "typing..."
   * closed, and no other chat was answered on it meanwhile.
   */
  @Test
  void longWaitsOnceACallStartedAreToldAndClosedBeforeTheNextTry() throws Exception {
    List<String> told = new ArrayList<>();
    sender.duringLongWaits(
        (nanos, shown, everyChat) -> {
          told.add(
              "wait "
                  + nanos / 1_000_000
                  + " ms"
                  + (shown ? ", typing open" : "")
                  + (everyChat ? ", every chat" : ""));
          return () -> told.add("ended");
        });
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              told.add("try");
              throw tooManyRequests(7);
            })
        .thenAnswer(
            inv -> {
              told.add("try");
              return new Message();
            });
    sender.beforeNextMessage(() -> told.add("typing closed"));
    assertTrue(sender.send(message(), false, "x").isPresent());
    assertEquals(
        List.of("typing closed", "try", "wait 8000 ms", "ended", "try"),
        told,
        "the 429's wait (and the highest jitter) told, its typing closed before the first try");

    told.clear();
    when(client.execute(any(SendMessage.class)))
        .thenThrow(error("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"))
        .thenThrow(error("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"))
        .thenThrow(error("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"))
        .thenReturn(new Message());
    assertTrue(sender.send(message(), false, "x").isPresent());
    // backoffs of 0.5 s, 1 s (not told) and 2 s (told), each at its ceiling
    assertEquals(
        List.of("wait 2000 ms, every chat", "ended"),
        told,
        "only the backoff of 1.5 s or more, told as holding every chat (Telegram failing)");

    told.clear();
    Sender group =
        new Sender(client, client, new Throttle(1000, 1, 1000, clock), clock, 1, highest());
    group.duringLongWaits(
        (nanos, shown, everyChat) -> {
          told.add(
              "wait "
                  + nanos / 1_000_000_000
                  + " s"
                  + (shown ? ", typing open" : "")
                  + (everyChat ? ", every chat" : ""));
          return () -> told.add("ended");
        });
    SendMessage inGroup =
        SendMessage.builder().chatId(-100L).text("<b>x</b>").parseMode("HTML").build();
    assertTrue(group.send(inGroup, true, "x").isPresent());
    group.beforeNextMessage(() -> {});
    try {
      assertTrue(group.send(inGroup, true, "x").isPresent());
    } finally {
      group.beforeNextMessage(null);
    }
    assertEquals(1, told.size() / 2, "the group's next minute told once: " + told);
    assertTrue(told.get(0).endsWith("typing open"), "the answer's own typing still open: " + told);
    assertEquals("ended", told.get(1));
  }

  @Test
  void waitsOutRetryAfterOn429AndThenSends() throws Exception {
    when(client.execute(any(SendMessage.class)))
        .thenThrow(
            error(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\",\"parameters\":{\"retry_after\":7}}"))
        .thenReturn(new Message());
    assertTrue(sender.send(message(), false, "x").isPresent());
    assertTrue(
        clock.sleeps.contains(7_000_000_000L + Sender.RETRY_AFTER_JITTER_NANOS),
        "retry_after and at most a second of jitter: " + clock.sleeps);
  }

  @Test
  void retriesWaitARandomShareOfTheBackoffSoWorkersFailingTogetherDoNotRetryInStep()
      throws Exception {
    List<List<Long>> waits = new ArrayList<>();
    for (long seed : new long[] {1, 2}) { // two workers hit by the same outage
      TelegramClient c = mock(TelegramClient.class);
      when(c.execute(any(SendMessage.class)))
          .thenThrow(error("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"))
          .thenThrow(error("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"))
          .thenThrow(error("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"))
          .thenReturn(new Message());
      // The throttle keeps its own clock, so this one records the retry waits alone.
      UpdateHandlerTest.FakeClock waited = new UpdateHandlerTest.FakeClock(new AtomicLong());
      Sender s =
          new Sender(
              c, c, new Throttle(1000, 1000, 1000, clock), waited, 500_000_000L, new Random(seed));
      assertTrue(s.send(message(), false, "x").isPresent());
      assertEquals(3, waited.sleeps.size(), waited.sleeps.toString());
      for (int i = 0; i < 3; i++) {
        long w = waited.sleeps.get(i);
        assertTrue(w >= 0 && w <= 500_000_000L << i, "retry " + (i + 1) + " waited " + w);
      }
      waits.add(waited.sleeps);
    }
    assertTrue(!waits.get(0).equals(waits.get(1)), "the same waits: " + waits);
  }

  @Test
  void anEditIsRetriedOn5xxAndNetworkErrorsWithGrowingBackoffThenGivenUp() throws Exception {
    when(client.execute(any(EditMessageText.class)))
        .thenThrow(error("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"))
        .thenThrow(
            new TelegramApiException(
                "Unable to execute editmessagetext method",
                new java.net.ConnectException("Connection refused")))
        .thenThrow(error("{\"ok\":false,\"error_code\":500,\"description\":\"Internal\"}"))
        .thenThrow(error("{\"ok\":false,\"error_code\":500,\"description\":\"Internal\"}"));
    EditMessageText edit = EditMessageText.builder().chatId(42L).messageId(7).text("x").build();
    assertFalse(sender.attempt(edit).done());
    verify(client, times(Sender.MAX_ATTEMPTS)).execute(any(EditMessageText.class));
    assertEquals(List.of(500_000_000L, 1_000_000_000L, 2_000_000_000L), backoffs());
  }

  /**
   * A reply is not given up after four tries in 3.5 s, as it was (its update was then marked done
   * and the answer lost to a network blip): while Telegram answers 5xx or cannot be connected to,
   * it keeps being tried, the waits doubling up to 30 s, and arrives once Telegram is back.
   */
  @Test
  void aReplyIsTriedThroughAShortOutageAndArrivesWhenTelegramIsBack() throws Exception {
    var stub = when(client.execute(any(SendMessage.class)));
    for (int i = 0; i < 8; i++) {
      stub =
          i % 2 == 0
              ? stub.thenThrow(
                  error("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"))
              : stub.thenThrow(
                  new TelegramApiException(
                      "Unable to execute sendmessage method",
                      new java.net.ConnectException("Connection refused")));
    }
    stub.thenReturn(new Message());
    try (LogCapture logs = new LogCapture()) {
      assertTrue(sender.send(message(), false, "x").isPresent(), "delivered after the outage");
      verify(client, times(9)).execute(any(SendMessage.class));
      assertEquals(
          List.of(
              500_000_000L,
              1_000_000_000L,
              2_000_000_000L,
              4_000_000_000L,
              8_000_000_000L,
              16_000_000_000L,
              Sender.MAX_BACKOFF_NANOS,
              Sender.MAX_BACKOFF_NANOS),
          backoffs());
      List<String> warnings = logs.atLeast(ch.qos.logback.classic.Level.WARN);
      assertEquals(1, warnings.size(), "the outage is said once: " + warnings);
      assertTrue(warnings.get(0).contains("cannot be reached"), warnings.get(0));
    }
  }

  /** An outage longer than {@link Sender#OUTAGE_PATIENCE_NANOS}: the reply is given up then. */
  @Test
  void aReplyIsGivenUpOnlyAfterTheOutagePatience() throws Exception {
    when(client.execute(any(SendMessage.class)))
        .thenThrow(error("{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"));
    try (LogCapture logs = new LogCapture()) {
      assertTrue(sender.send(message(), false, "x").isEmpty());
      long waited = backoffs().stream().mapToLong(Long::longValue).sum();
      assertTrue(
          waited >= Sender.OUTAGE_PATIENCE_NANOS
              && waited < Sender.OUTAGE_PATIENCE_NANOS + Sender.MAX_BACKOFF_NANOS,
          "tried for the patience, not forever: " + waited);
      assertTrue(
          logs.atLeast(ch.qos.logback.classic.Level.WARN).stream()
              .anyMatch(w -> w.contains("sendmessage not delivered: error 502")),
          "the reply given up is logged");
    }
  }

  @Test
  void gives403UpAtOnce() throws Exception {
    when(client.execute(any(SendMessage.class)))
        .thenThrow(
            error(
                "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}"));
    assertTrue(sender.send(message(), false, "x").isEmpty());
    verify(client, times(1)).execute(any(SendMessage.class));
  }

  /**
   * Telegram limits the total size of a message's entities (a link's URL counts; about 9,500
   * characters, tdlib/telegram-bot-api#165): a source link with a URL longer than that is refused
   * as ENTITIES_TOO_LONG. Before, the reply was given up; now it is sent as plain text.
   */
  @Test
  void resendsAsPlainTextWhenTelegramFindsTheEntitiesTooLong() throws Exception {
    List<String> modes = new ArrayList<>();
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              modes.add(String.valueOf(((SendMessage) inv.getArgument(0)).getParseMode()));
              if (modes.size() == 1) {
                throw error(
                    "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: ENTITIES_TOO_LONG\"}");
              }
              return new Message();
            });
    assertTrue(sender.send(message(), false, "x plain").isPresent());
    assertEquals(List.of("HTML", "null"), modes);
  }

  /**
   * A 429 on "typing...": Telegram shows a chat action 5 s at most, so waiting out retry_after (30
   * s here) would show it too late, and held the timer thread and, through Typing's close, the
   * reply itself. It is dropped at once.
   */
  @Test
  void aChatActionRefusedWith429IsDroppedAtOnceNotWaitedFor() throws Exception {
    when(client.execute(any(SendChatAction.class)))
        .thenThrow(
            error(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after"
                    + " 30\",\"parameters\":{\"retry_after\":30}}"));
    long t0 = now.get();
    assertTrue(
        sender.execute(SendChatAction.builder().chatId(42L).action("typing").build()).isEmpty());
    verify(client, times(1)).execute(any(SendChatAction.class));
    assertTrue(now.get() - t0 < 1_000_000_000L, "no wait: " + (now.get() - t0) + " ns");
  }

  /**
   * A 429 on a button's answer: a short retry_after is waited out, one past the few seconds a query
   * may wait for its answer is given up at once (Telegram would refuse the answer as too old, and
   * the worker would hold the press's own reply behind it).
   */
  @Test
  void aButtonAnswerWaitsOutAShort429ButGivesUpOneLongerThanTheQueryLives() throws Exception {
    String tooMany =
        "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\","
            + "\"parameters\":{\"retry_after\":%d}}";
    // A query answer is waited for only while the query lives, so it goes out asynchronously.
    when(client.executeAsync(any(AnswerCallbackQuery.class)))
        .thenReturn(
            java.util.concurrent.CompletableFuture.failedFuture(error(String.format(tooMany, 2))))
        .thenReturn(java.util.concurrent.CompletableFuture.completedFuture(true))
        .thenReturn(
            java.util.concurrent.CompletableFuture.failedFuture(error(String.format(tooMany, 30))));
    AnswerCallbackQuery ack = AnswerCallbackQuery.builder().callbackQueryId("q").build();
    assertTrue(sender.execute(ack).isPresent(), "2 s: waited, then answered");
    long t0 = now.get();
    assertTrue(sender.execute(ack).isEmpty(), "30 s: given up");
    assertTrue(now.get() - t0 < 1_000_000_000L, "at once");
    verify(client, times(3)).executeAsync(any(AnswerCallbackQuery.class));
  }

  /**
   * A button's or an inline query's answer that Telegram is slow to take: the first try gets no
   * answer within the request timeout (30 s, on the fake's clock; nothing carried out), and by then
   * Telegram refuses any answer to the query (about 15 s after it came, counted here from when the
   * bot received it). Before, the answer was sent once more through the patient client, which
   * waited as long again (120 s): a worker held 150 s for an answer Telegram would refuse, and the
   * press's own reply (the next quote) behind it. Now nothing is sent once the query is past its
   * lifetime, and the answer that may have arrived is not reported as not delivered.
   */
  @Test
  void aQueryAnswerIsNotSentAgainOnceTelegramWouldRefuseItAsTooOld() throws Exception {
    FakeBotApi api = new FakeBotApi(WIRE_TOKEN);
    api.useClock(now::get, now::addAndGet); // Telegram's slowness passes on the sender's clock
    okhttp3.OkHttpClient http = botHttp(api);
    try (LogCapture logs = new LogCapture()) {
      Sender s = overTheWire(api, http);
      for (String method : List.of("answerCallbackQuery", "answerInlineQuery")) {
        api.failNext(method, FakeBotApi.Failure.unansweredFor(30_000)); // the request timeout
        api.failNext(method, FakeBotApi.Failure.unansweredFor(120_000)); // the patient timeout
      }

      String press =
          api.pressed(FakeBotApi.callback(1, 42, 1000, "v:x"))
              .path("callback_query")
              .path("id")
              .asText();
      s.answerWithin(press, 15_000); // received just now
      long t0 = now.get();
      s.execute(AnswerCallbackQuery.builder().callbackQueryId(press).text("Thanks").build());
      assertWaitedTheFirstTryOnly(now.get() - t0);

      String query =
          api.pressed(FakeBotApi.inline(2, 42, "When?")).path("inline_query").path("id").asText();
      s.answerWithin(query, 15_000);
      long t1 = now.get();
      s.attempt(AnswerInlineQuery.builder().inlineQueryId(query).results(List.of()).build());
      assertWaitedTheFirstTryOnly(now.get() - t1);

      assertEquals(1, api.arrivals("answerCallbackQuery"), "not sent again");
      assertEquals(1, api.arrivals("answerInlineQuery"), "not sent again");
      List<String> warnings = logs.atLeast(ch.qos.logback.classic.Level.WARN);
      assertEquals(List.of(), warnings, "Telegram may have taken them: not 'not delivered'");
    } finally {
      FakeWiredHandler.close(api, http);
    }
  }

  /** 30 s, the first try's timeout, and the pacing's milliseconds; not 150 s with a resend's. */
  private static void assertWaitedTheFirstTryOnly(long nanos) {
    assertTrue(
        nanos >= 30_000_000_000L && nanos < 31_000_000_000L,
        "the first try's wait, and no resend's: " + nanos / 1_000_000 + " ms");
  }

  /**
   * The wait for a query answer's own reply is bounded by the query's lifetime too: a press
   * received 14 s ago, answered while Telegram holds the call past the client's timeout (10 s), is
   * waited for about the second Telegram still takes it, not the timeout, and not sent again.
   * Before, the worker waited the client's timeout, then sent it once more. Timed on the wall clock
   * with a wide margin: under 5 s passes, the timeout alone is 10 s.
   */
  @Test
  void aQueryAnswerOnASlowTelegramIsWaitedForOnlyWhileTheQueryLives() throws Exception {
    FakeBotApi api = new FakeBotApi(WIRE_TOKEN);
    okhttp3.OkHttpClient http = botHttp(api); // a 10 s request timeout
    try {
      Sender s = overTheWire(api, http);
      String press =
          api.pressed(FakeBotApi.callback(1, 42, 1000, "v:x"))
              .path("callback_query")
              .path("id")
              .asText();
      api.failNext("answerCallbackQuery", FakeBotApi.Failure.timeout(12_000)); // never answered
      s.answerWithin(press, 1_000); // received 14 s ago: Telegram takes an answer 1 s more

      long t0 = System.nanoTime();
      s.execute(AnswerCallbackQuery.builder().callbackQueryId(press).build());
      long waited = (System.nanoTime() - t0) / 1_000_000;

      assertTrue(waited < 5_000, "waited " + waited + " ms; the client's timeout is 10 s");
      assertEquals(1, api.arrivals("answerCallbackQuery"), "not sent again");
    } finally {
      FakeWiredHandler.close(api, http);
    }
  }

  /**
   * A query with no id (no update Telegram sends, but one the journal may hold) is noted with no
   * deadline of its own, not a NullPointerException: the dispatcher notes it outside its handling
   * of failures, so the exception left the update unanswered in the journal, with nothing logged.
   */
  @Test
  void aQueryWithNoIdIsAnsweredWithTheDefaultLifetime() throws Exception {
    when(client.executeAsync(any(AnswerCallbackQuery.class)))
        .thenReturn(java.util.concurrent.CompletableFuture.completedFuture(true));
    sender.answerWithin(null, 5_000);
    sender.answerWithin("q", 5_000);
    assertTrue(
        sender.execute(AnswerCallbackQuery.builder().callbackQueryId("q").build()).isPresent());
  }

  /** A chat action whose answer was lost is not sent again: it would come too late to matter. */
  @Test
  void aChatActionWhoseAnswerWasLostIsNotSentAgain() throws Exception {
    TelegramClient patient = mock(TelegramClient.class);
    Sender s =
        new Sender(
            client, patient, new Throttle(1000, 1000, 1000, clock), clock, 500_000_000L, highest());
    when(client.execute(any(SendChatAction.class)))
        .thenThrow(
            new TelegramApiException(
                "Unable to execute sendchataction method",
                new java.net.SocketTimeoutException("timeout")));
    assertTrue(s.execute(SendChatAction.builder().chatId(42L).action("typing").build()).isEmpty());
    verify(client, times(1)).execute(any(SendChatAction.class));
    verify(patient, times(0)).execute(any(SendChatAction.class));
  }

  @Test
  void resendsAsPlainTextWhenTelegramCannotParseTheEntities() throws Exception {
    List<SendMessage> tries = new ArrayList<>();
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              SendMessage m = inv.getArgument(0);
              tries.add(
                  SendMessage.builder()
                      .chatId(m.getChatId())
                      .text(m.getText())
                      .parseMode(m.getParseMode())
                      .build());
              if (tries.size() == 1) {
                throw error(
                    "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse entities: unexpected end tag\"}");
              }
              return new Message();
            });
    assertTrue(sender.send(message(), false, "x plain").isPresent());
    assertEquals("HTML", tries.get(0).getParseMode());
    assertNull(tries.get(1).getParseMode());
    assertEquals("x plain", tries.get(1).getText());
  }

  @Test
  void aStormOf429sIsBoundedAndDoesNotHoldTheWorkerForever() throws Exception {
    when(client.execute(any(SendMessage.class)))
        .thenThrow(
            error(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many\",\"parameters\":{\"retry_after\":30}}"));
    assertTrue(sender.send(message(), false, "x").isEmpty());
    verify(client, times(Sender.MAX_RATE_LIMITED + 1)).execute(any(SendMessage.class));
    assertEquals(Sender.MAX_RATE_LIMITED, clock.sleeps.size());
    assertTrue(
        clock.sleeps.stream().allMatch(s -> s >= 30_000_000_000L),
        "never asked again before retry_after ran out");
  }

  /**
   * retry_after is "the number of seconds left to wait before the request can be repeated": a wait
   * longer than a call may take (an hour) is given up at once, not asked again after a shorter wait
   * of our own (before, every 60 s, eleven times, each refused), and the chat's next message within
   * the hour is not sent into it either; two minutes (another chat's) are waited out.
   */
  @Test
  void aRetryAfterLongerThanACallMayWaitIsGivenUpAtOnceNeverCutShort() throws Exception {
    when(client.execute(any(SendMessage.class)))
        .thenThrow(
            error(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many\",\"parameters\":{\"retry_after\":3600}}"));
    assertTrue(sender.send(message(), false, "x").isEmpty());
    verify(client, times(1)).execute(any(SendMessage.class));
    assertEquals(List.of(), clock.sleeps, "no wait shorter than Telegram asked");
    assertTrue(sender.send(message(), false, "x").isEmpty());
    verify(client, times(1)).execute(any(SendMessage.class)); // not sent into the hour

    org.mockito.Mockito.reset(client);
    clock.sleeps.clear();
    when(client.execute(any(SendMessage.class)))
        .thenThrow(
            error(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many\",\"parameters\":{\"retry_after\":120}}"))
        .thenReturn(new Message());
    assertTrue(
        sender
            .send(
                SendMessage.builder().chatId(43L).text("<b>x</b>").parseMode("HTML").build(),
                false,
                "x")
            .isPresent());
    verify(client, times(2)).execute(any(SendMessage.class));
    assertTrue(
        clock.sleeps.stream().anyMatch(w -> w >= 120_000_000_000L), "waited " + clock.sleeps);
  }

  @Test
  void aMessageTelegramFindsTooLongIsSplitAndResentNotDropped() throws Exception {
    List<SendMessage> delivered = new ArrayList<>();
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              SendMessage m = inv.getArgument(0);
              if (m.getText().length() > 3000) { // Telegram counts differently from us, say
                throw error(
                    "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is too long\"}");
              }
              delivered.add(m);
              return new Message();
            });
    String html = fortyParagraphs();
    SendMessage m =
        SendMessage.builder()
            .chatId(42L)
            .text(html)
            .parseMode("HTML")
            .replyMarkup(
                org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup
                    .builder()
                    .keyboardRow(
                        new org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons
                            .InlineKeyboardRow(
                            org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons
                                .InlineKeyboardButton.builder()
                                .text("More")
                                .callbackData("m:k:1")
                                .build()))
                    .build())
            .build();
    assertTrue(sender.send(m, false, "plain").isPresent());
    assertTrue(delivered.size() >= 2, delivered.size() + " parts");
    assertTrue(delivered.get(0).getText().startsWith("<b>Paragraph 0</b>"));
    assertTrue(
        delivered.get(delivered.size() - 1).getText().endsWith("word"), "nothing lost at the end");
    assertEquals(
        40,
        delivered.stream().mapToInt(d -> d.getText().split("<b>").length - 1).sum(),
        "every paragraph delivered once");
    assertTrue(
        delivered.subList(0, delivered.size() - 1).stream()
            .allMatch(d -> d.getReplyMarkup() == null));
    assertTrue(
        delivered.get(delivered.size() - 1).getReplyMarkup() != null,
        "the buttons go under the last part");
  }

  @Test
  void aPlainMessageTelegramFindsTooLongIsHalvedBetweenEmojiNotInsideOne() throws Exception {
    List<String> delivered = new ArrayList<>();
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              SendMessage m = inv.getArgument(0);
              if (m.getText().length() > 3000) {
                throw error(
                    "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is too long\"}");
              }
              delivered.add(m.getText());
              return new Message();
            });
    String emoji = "\uD83D\uDE00".repeat(2001); // halved at 2001: between an emoji's two units
    assertTrue(
        sender
            .send(SendMessage.builder().chatId(42L).text(emoji).build(), false, emoji)
            .isPresent());
    assertEquals(2, delivered.size());
    assertEquals(emoji, String.join("", delivered));
    for (String part : delivered) {
      assertTrue(
          !Character.isLowSurrogate(part.charAt(0))
              && !Character.isHighSurrogate(part.charAt(part.length() - 1)),
          "a part starts or ends inside an emoji");
    }
  }

  @Test
  void aGroupThatBecameASupergroupGetsTheMessageAtItsNewId() throws Exception {
    List<String> chats = new ArrayList<>();
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              SendMessage m = inv.getArgument(0);
              chats.add(m.getChatId());
              if (m.getChatId().equals("-100")) {
                throw error(
                    "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: group chat was upgraded to a"
                        + " supergroup chat\",\"parameters\":{\"migrate_to_chat_id\":-1009}}");
              }
              return new Message();
            });
    assertTrue(
        sender.send(SendMessage.builder().chatId(-100L).text("x").build(), true, "x").isPresent());
    assertTrue(
        sender.send(SendMessage.builder().chatId(-100L).text("y").build(), true, "y").isPresent());
    assertEquals(
        List.of("-100", "-1009", "-1009"), chats, "the second goes straight to the supergroup");
  }

  @Test
  void aCallWhoseAnswerWasLostIsSentOnceMoreThroughThePatientClientOnly() throws Exception {
    TelegramClient patient = mock(TelegramClient.class);
    Sender s =
        new Sender(
            client, patient, new Throttle(1000, 1000, 1000, clock), clock, 500_000_000L, highest());
    when(client.execute(any(SendMessage.class)))
        .thenThrow(
            new TelegramApiException(
                "Unable to execute sendmessage method",
                new java.net.SocketTimeoutException("timeout")));
    when(patient.execute(any(SendMessage.class)))
        .thenThrow(
            new TelegramApiException(
                "Unable to execute sendmessage method",
                new java.io.EOFException("unexpected end of stream")));
    assertTrue(s.send(message(), false, "x").isEmpty());
    verify(client, times(1)).execute(any(SendMessage.class));
    verify(patient, times(1)).execute(any(SendMessage.class));
  }

  /**
   * A connect that times out (Telegram unreachable: a firewall or a blocked network drops the SYN)
   * never sent the request, so it is retried with backoff like a refused connection, not resent
   * once as a call that "may have arrived". The JDK's own exception is used: a listening socket
   * whose accept queue is full makes Linux drop further SYNs, so the real OkHttp client's connect
   * times out with the JDK's "Connect timed out" (capital C since JDK 13; before, the check looked
   * for "connect" only, so such a call was resent once at most, with a WARN that the chat may see
   * it twice, and never retried with backoff).
   */
  @Test
  void aConnectTimeoutIsRetriedWithBackoffNotResentAsACallThatMayHaveArrived() throws Exception {
    String token = "123456:connect-timeout-test";
    java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
    List<java.net.Socket> queued = new ArrayList<>();
    okhttp3.OkHttpClient http =
        new okhttp3.OkHttpClient.Builder().connectTimeout(java.time.Duration.ofMillis(200)).build();
    try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, loopback);
        LogCapture logs = new LogCapture()) {
      java.net.InetSocketAddress address =
          new java.net.InetSocketAddress(loopback, full.getLocalPort());
      boolean timedOut = false;
      for (int i = 0; i < 16 && !timedOut; i++) { // fill the accept queue, never accepting
        java.net.Socket s = new java.net.Socket();
        try {
          s.connect(address, 200);
          queued.add(s);
        } catch (java.net.SocketTimeoutException e) {
          s.close();
          timedOut = true;
        }
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(timedOut, "this system never drops a SYN");
      TelegramClient wire =
          new org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient(
              new com.fasterxml.jackson.databind.ObjectMapper(),
              http,
              token,
              org.astanaqa.bot.telegram.send.BotApiUrl.parse(
                      "http://127.0.0.1:" + full.getLocalPort(), "TELEGRAM_API_URL", token)
                  .telegramUrl());
      Sender s =
          new Sender(
              wire, wire, new Throttle(1000, 1000, 1000, clock), clock, 500_000_000L, highest());

      assertTrue(s.send(message(), false, "x").isEmpty(), "Telegram was never reached");

      List<Long> waits = backoffs();
      assertEquals(
          List.of(500_000_000L, 1_000_000_000L, 2_000_000_000L),
          waits.subList(0, 3),
          "retried with backoff");
      assertTrue(
          waits.stream().mapToLong(Long::longValue).sum() >= Sender.OUTAGE_PATIENCE_NANOS,
          "a reply is tried for as long as an outage may last: " + waits);
      List<String> warnings = logs.atLeast(ch.qos.logback.classic.Level.WARN);
      assertTrue(
          warnings.stream().noneMatch(w -> w.contains("twice")),
          "a call that never left cannot be seen twice: " + warnings);
      assertTrue(
          warnings.stream().anyMatch(w -> w.contains("not delivered")),
          "the undelivered reply is logged: " + warnings);
    } finally {
      for (java.net.Socket q : queued) {
        q.close();
      }
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /**
   * TelegramBots sends every call through OkHttp's asynchronous dispatcher, which by default runs
   * at most 5 calls to one host at once and keeps the rest in memory, unsent. The bot makes more at
   * once: its 4 chat workers' replies, its 4 press workers' answers, "typing..." and the command
   * menu. While Telegram was slow to answer 5 of them (the 4 workers' replies and one press's
   * answer), no other call left: the other presses' answers waited, unsent, until Telegram no
   * longer took them ("query is too old"), their spinners turning, although the presses have
   * workers of their own so that they never wait behind the chats' answers.
   */
  @Test
  void pressAnswersReachTelegramWhileItIsSlowToAnswerEveryWorkersReply() throws Exception {
    FakeBotApi api = new FakeBotApi(WIRE_TOKEN);
    okhttp3.OkHttpClient http = botHttp(api);
    java.util.concurrent.ExecutorService workers =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      Sender sender = overTheWire(api, http);
      int chatWorkers = 4; // telegram.workers, and as many press workers
      for (int i = 0; i < chatWorkers; i++) {
        api.failNext("sendMessage", FakeBotApi.Failure.heldAnswer());
        long chat = 100 + i;
        workers.submit(
            () ->
                sender.send(
                    SendMessage.builder().chatId(chat).text("an answer").build(), false, "x"));
      }
      // The first press's answer is slow too; the others are answered at once.
      api.failNext("answerCallbackQuery", FakeBotApi.Failure.heldAnswer());
      for (int i = 0; i < chatWorkers; i++) {
        String id =
            api.pressed(FakeBotApi.callback(i + 1, 200 + i, 10, "s:1"))
                .path("callback_query")
                .path("id")
                .asText();
        workers.submit(
            () -> sender.execute(AnswerCallbackQuery.builder().callbackQueryId(id).build()));
        long end = System.nanoTime() + 10_000_000_000L;
        while (i == 0 && api.arrivals("answerCallbackQuery") == 0 && System.nanoTime() < end) {
          Thread.sleep(10); // the slow one first
        }
      }
      assertEquals(
          chatWorkers,
          api.await("answerCallbackQuery", c -> true, chatWorkers, 5_000).size(),
          "the slow one carried out, the other presses are answered while Telegram is slow to"
              + " answer five calls");
      // The replies were handed to their workers before the presses, but nothing says they have
      // reached the fake by now (a loaded machine may still be connecting): waited for, not
      // counted at once. Each is carried out on arrival and only its answer is held.
      assertEquals(
          chatWorkers,
          api.await("sendMessage", c -> true, chatWorkers, 10_000).size(),
          "every worker's reply went out");
    } finally {
      api.releaseHeld();
      workers.shutdown();
      workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      FakeWiredHandler.close(api, http);
    }
  }

  /**
   * A sender over the bot's own OkHttp client ({@link TelegramRunner#sendClient}) and the real
   * TelegramBots client to {@code api}, with this test's clock and the backoff's ceiling as every
   * wait.
   */
  private Sender overTheWire(FakeBotApi api, okhttp3.OkHttpClient http) {
    // Unpaced (1,000 a second) on a test clock that never waits, on purpose: these test what the
    // sender does with Telegram's faults, its retries coming at once; Telegram would refuse them
    // as a flood, so the fake takes them.
    api.withoutFloodLimits();
    TelegramClient wire =
        new org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient(
            new com.fasterxml.jackson.databind.ObjectMapper(),
            http,
            WIRE_TOKEN,
            org.astanaqa.bot.telegram.send.BotApiUrl.parse(api.url(), "url", WIRE_TOKEN)
                .telegramUrl());
    return new Sender(
        wire, wire, new Throttle(1000, 1000, 1000, clock), clock, 500_000_000L, highest());
  }

  private static final String WIRE_TOKEN = "123456:html-error-page-test";

  private static okhttp3.OkHttpClient botHttp(FakeBotApi api) {
    return FakeWiredHandler.http(api, WIRE_TOKEN);
  }

  /**
   * Telegram's 502 comes as the HTML page of the nginx in front of the Bot API, not as {@code
   * {"ok":false,"error_code":502}}; TelegramBots ignores the status and fails to read the page. It
   * is retried with backoff as the Bot API's own 502 is, and the reply arrives once. Before, it was
   * taken for an unreadable answer that "may have arrived": resent once, warned about as a possible
   * duplicate, and given up on the second 502.
   */
  @Test
  void anHtml502FromTelegramsFrontIsRetriedWithBackoffAndTheReplyArrivesOnce() throws Exception {
    FakeBotApi api = new FakeBotApi(WIRE_TOKEN);
    okhttp3.OkHttpClient http = botHttp(api);
    try (LogCapture logs = new LogCapture()) {
      api.failNext("sendMessage", FakeBotApi.Failure.badGateway());
      api.failNext("sendMessage", FakeBotApi.Failure.badGateway());

      assertTrue(overTheWire(api, http).send(message(), false, "x").isPresent(), "delivered");

      assertEquals(1, api.calls("sendMessage").size(), "carried out once");
      assertEquals(2, api.calls("sendMessage:refused").size(), "the two 502 pages");
      assertEquals(List.of(500_000_000L, 1_000_000_000L), backoffs(), "as for a JSON 502");
      List<String> warnings = logs.atLeast(ch.qos.logback.classic.Level.WARN);
      assertEquals(List.of(), warnings, "a 502 is no call that may have arrived");
    } finally {
      FakeWiredHandler.close(api, http);
    }
  }

  /**
   * A 504 page on every attempt: nginx gave up waiting for the Bot API, which may have sent the
   * message all the same, so the reply is sent once more at most (with the WARN that the chat may
   * see it twice), then given up, logged with its status and without the token or the server's
   * address.
   */
  @Test
  void anHtml504IsACallThatMayHaveArrivedSentOnceMoreAtMostAndLoggedWithItsStatusOnly()
      throws Exception {
    FakeBotApi api = new FakeBotApi(WIRE_TOKEN);
    okhttp3.OkHttpClient http = botHttp(api);
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 3; i++) {
        api.failNext("sendMessage", FakeBotApi.Failure.gatewayTimeout());
      }

      assertTrue(overTheWire(api, http).send(message(), false, "x").isEmpty());

      assertEquals(2, api.calls("sendMessage:refused").size(), "the first try and one more");
      List<String> warnings = logs.atLeast(ch.qos.logback.classic.Level.WARN);
      assertEquals(2, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("twice"), warnings.get(0));
      String w = warnings.get(1);
      assertTrue(w.contains("sendmessage not delivered: error 504"), w);
      assertTrue(!w.contains("<html"), w);
      for (String x : warnings) {
        assertTrue(!x.contains(WIRE_TOKEN) && !x.contains(api.url()), x);
      }
    } finally {
      FakeWiredHandler.close(api, http);
    }
  }

  /**
   * Telegram's 504 after the Bot API sent the message (it was slow, not idle): retrying every 5xx
   * four times put four copies in the chat; now two at most, with the WARN.
   */
  @Test
  void a504AfterTheMessageWasSentGivesTwoCopiesAtMostNotFour() throws Exception {
    FakeBotApi api = new FakeBotApi(WIRE_TOKEN);
    okhttp3.OkHttpClient http = botHttp(api);
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 3; i++) {
        api.failNext("sendMessage", FakeBotApi.Failure.gatewayTimeoutAfterActing());
      }

      overTheWire(api, http).send(message(), false, "x");

      assertEquals(2, api.calls("sendMessage").size(), "carried out twice at most");
      assertTrue(
          logs.atLeast(ch.qos.logback.classic.Level.WARN).stream()
              .anyMatch(w -> w.contains("twice")),
          "the possible copy is said at WARN");
    } finally {
      FakeWiredHandler.close(api, http);
    }
  }

  @Test
  void aProxysHtml429IsWaitedOutAndItsHtml4xxIsARefusalLoggedWithItsStatus() throws Exception {
    FakeBotApi api = new FakeBotApi(WIRE_TOKEN);
    okhttp3.OkHttpClient http = botHttp(api);
    try (LogCapture logs = new LogCapture()) {
      Sender s = overTheWire(api, http);
      api.failNext("sendMessage", FakeBotApi.Failure.nginxPage(429, "Too Many Requests"));
      assertTrue(s.send(message(), false, "x").isPresent());
      assertTrue(
          clock.sleeps.contains(1_000_000_000L + Sender.RETRY_AFTER_JITTER_NANOS),
          "a second and the jitter: " + clock.sleeps);
      assertEquals(List.of(), backoffs().stream().filter(b -> b < 1_000_000_000L).toList());

      api.failNext("sendMessage", FakeBotApi.Failure.nginxPage(413, "Request Entity Too Large"));
      assertTrue(s.send(message(), false, "x").isEmpty());
      assertEquals(2, api.calls("sendMessage:refused").size(), "the 429 and the 413, once each");
      assertEquals(1, api.calls("sendMessage").size());
      List<String> warnings = logs.atLeast(ch.qos.logback.classic.Level.WARN);
      assertEquals(1, warnings.size(), warnings.toString());
      String w = warnings.get(0);
      assertTrue(w.contains("sendmessage not delivered: error 413"), w);
      assertTrue(!w.contains(WIRE_TOKEN) && !w.contains(api.url()), w);
    } finally {
      FakeWiredHandler.close(api, http);
    }
  }

  /**
   * A proxy's rate limit in front of the Bot API (nginx, a CDN) answers 429 as an HTML page that
   * names no retry_after but says in the HTTP Retry-After header how long to wait. The reply waits
   * that long (and the jitter) and is taken at the first try after it. Before, the header was
   * ignored: the reply was tried again after a second, inside the proxy's window, and refused
   * again.
   */
  @Test
  void aProxysHtml429WaitsWhatItsRetryAfterHeaderSays() throws Exception {
    FakeBotApi api = new FakeBotApi(WIRE_TOKEN);
    api.useClock(now::get); // the proxy's window runs on the time this test's sender waits
    okhttp3.OkHttpClient http = botHttp(api);
    try {
      api.failNext("sendMessage", FakeBotApi.Failure.rateLimitedPage(7));

      assertTrue(overTheWire(api, http).send(message(), false, "x").isPresent(), "delivered");

      assertEquals(
          List.of(7_000_000_000L + Sender.RETRY_AFTER_JITTER_NANOS),
          clock.sleeps.stream().filter(w -> w >= 1_000_000_000L).toList(),
          "one wait: the header's 7 s and the jitter");
      assertEquals(1, api.calls("sendMessage:refused").size(), "the 429 page only, none after");
      assertEquals(1, api.calls("sendMessage").size(), "carried out once");
    } finally {
      FakeWiredHandler.close(api, http);
    }
  }

  private List<Long> backoffs() {
    return clock.sleeps.stream().filter(s -> s >= 500_000_000L).toList();
  }

  /**
   * Telegram's own 401 to a reply (a token revoked while the bot runs) is a stop: the reply is not
   * counted as not delivered but throws InterruptedException, so its update stays in the journal;
   * the bot is told once and sends nothing more. A 404 to a method a self-hosted Bot API server
   * does not know (setMyShortDescription on an old one) is that call's error only (review,
   * twentieth session).
   */
  @Test
  void telegramsOwn401StopsSendingAndA404IsTheCallsErrorOnly() throws Exception {
    AtomicLong now = new AtomicLong();
    UpdateHandlerTest.FakeClock clock = new UpdateHandlerTest.FakeClock(now);
    TelegramClient client = mock(TelegramClient.class);
    Sender sender =
        new Sender(
            client, client, new Throttle(1000, 1000, 1000, clock), clock, 500_000_000L, highest());
    List<String> fatal = new ArrayList<>();
    sender.stopOnRejectedToken(fatal::add);
    when(client.execute(
            any(
                org.telegram.telegrambots.meta.api.methods.description.SetMyShortDescription
                    .class)))
        .thenThrow(error("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"));
    sender.execute(
        org.telegram.telegrambots.meta.api.methods.description.SetMyShortDescription.builder()
            .shortDescription("x")
            .build());
    assertEquals(List.of(), fatal, "a 404 to one method says nothing of the token");
    when(client.execute(any(SendMessage.class)))
        .thenThrow(error("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
    SendMessage reply = SendMessage.builder().chatId(42L).text("hi").build();
    boolean stopped = false;
    try {
      sender.execute(reply);
    } catch (InterruptedException e) {
      stopped = true;
    }
    assertTrue(stopped, "the update is left for the restart");
    assertEquals(1, fatal.size());
    assertFalse(fatal.get(0).contains("123:"), fatal.get(0));
    try {
      sender.execute(reply);
    } catch (InterruptedException e) {
      // no call goes out any more
    }
    verify(client, times(1)).execute(any(SendMessage.class));
    assertEquals(1, fatal.size(), "told once");
  }

  /**
   * A press's answer waits for its place in the overall limit (full: another worker's call is on
   * its way) when that worker's call gets a 429 of 20 s, which pauses every call. Before, the
   * answer, already waiting in the throttle, slept the whole pause and only then found its query
   * too old: the press worker, and the press's own reply behind it, held 20 s where a 429 seen
   * before the wait gives the answer up at once (the query lives 15 s, and an answer waits out 5 s
   * of 429s at most). Now it gives up as soon as the pause begins.
   */
  @Test
  void aQueryAnswerWaitingForTheOverallLimitGivesUpWhenAnotherWorkersLong429Begins()
      throws Exception {
    AtomicLong t = new AtomicLong(1_000_000_000L);
    Throttle[] throttle = new Throttle[1];
    Throttle.Slot[] another = new Throttle.Slot[1];
    Throttle.Clock clock =
        new Throttle.Clock() {
          @Override
          public long nanoTime() {
            return t.get();
          }

          @Override
          public void sleepNanos(long nanos) {
            if (another[0] != null) { // meanwhile, the other worker's call gets a 429 of 20 s
              throttle[0].pauseFor(20_000_000_000L);
              another[0].answered();
              another[0] = null;
            }
            t.addAndGet(nanos);
          }
        };
    throttle[0] = new Throttle(1000, 1000, 1, clock); // one call a window: one on its way fills it
    TelegramClient telegram = mock(TelegramClient.class);
    when(telegram.executeAsync(any(AnswerCallbackQuery.class)))
        .thenReturn(java.util.concurrent.CompletableFuture.completedFuture(true));
    Sender s = new Sender(telegram, throttle[0], clock, 1);
    another[0] = throttle[0].acquireGlobal();
    s.answerWithin("q", 15_000);
    long t0 = t.get();
    s.execute(AnswerCallbackQuery.builder().callbackQueryId("q").text("Noted").build());
    long held = t.get() - t0;
    assertTrue(held < 1_000_000_000L, "the press worker was held " + held / 1_000_000 + " ms");
    verify(telegram, times(0)).executeAsync(any(AnswerCallbackQuery.class));
  }
}
