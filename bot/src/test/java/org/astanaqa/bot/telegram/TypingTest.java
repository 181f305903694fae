package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.bot.telegram.send.Throttle;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** "typing..." never holds the reply it announces for long, however slowly Telegram answers. */
class TypingTest {
  /**
   * Telegram takes 10 s to answer a chat action (slow, not failing). Before, closing the indicator
   * waited for it, so the reply waited too; now closing waits a second at most.
   */
  @Test
  void aChatActionStuckOnASlowTelegramHoldsTheReplyASecondAtMost() throws Exception {
    TelegramClient client = mock(TelegramClient.class);
    CountDownLatch inFlight = new CountDownLatch(1);
    when(client.execute(any(SendChatAction.class)))
        .thenAnswer(
            inv -> {
              inFlight.countDown();
              Thread.sleep(10_000);
              return true;
            });
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try {
      Sender sender = unpaced(client);
      Typing typing = new Typing(timers, sender, 42, null);
      assertTrue(inFlight.await(5, TimeUnit.SECONDS), "a chat action in flight");
      long t0 = System.nanoTime();
      typing.close();
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms >= Typing.CLOSE_WAIT_MILLIS - 100 && ms < 3000, "closed in " + ms + " ms");
    } finally {
      timers.shutdownNow();
    }
  }

  /**
   * Telegram carries one chat's "typing..." out but is slow to answer it (the answer held; the
   * client waits up to its request timeout, 30 s by default). Every chat's "typing..." is ticked by
   * one timer thread, and each tick sent its chat action there and waited for the answer: one slow
   * answer held every other chat's indicator, which faded after its 5 s while their answers were
   * still prepared, and the ticks missed meanwhile then went out in a burst. Now a tick hands its
   * chat action to a thread of its own: another chat's "typing..." goes at its time while the first
   * answer is still awaited.
   */
  @Test
  void aChatActionOnASlowTelegramHoldsNoOtherChatsTyping() throws Exception {
    String token = "123456:typing-test-token";
    try (FakeBotApi api = new FakeBotApi(token)) {
      api.failNext("sendChatAction", FakeBotApi.Failure.heldAnswer());
      TelegramClient client =
          new org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient(
              new com.fasterxml.jackson.databind.ObjectMapper(),
              new okhttp3.OkHttpClient.Builder()
                  .readTimeout(java.time.Duration.ofSeconds(30))
                  .build(),
              token,
              org.astanaqa.bot.telegram.send.BotApiUrl.parse(api.url(), "TELEGRAM_API_URL", token)
                  .telegramUrl());
      ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
      try {
        Sender sender = unpaced(client);
        Typing slow = new Typing(timers, sender, 42, null);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (api.arrivals("sendChatAction") == 0 && System.nanoTime() < end) {
          Thread.sleep(10);
        }
        assertEquals(1, api.arrivals("sendChatAction"), "chat 42's typing reached Telegram");
        long t0 = System.nanoTime();
        Typing other = new Typing(timers, sender, 43, null);
        List<FakeBotApi.Call> shown =
            api.await("sendChatAction", c -> c.body().path("chat_id").asLong() == 43, 1, 3000);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(
            1, shown.size(), "chat 43's typing while chat 42's answer was awaited (" + ms + " ms)");
        assertTrue(ms < 2000, "chat 43's typing came " + ms + " ms after its answer began");
        other.close();
        api.releaseHeld();
        slow.close();
      } finally {
        timers.shutdownNow();
      }
    }
  }

  /**
   * The overall limit is full (here one call a window, held by another chat's call on its way), so
   * the tick's chat action waits in the throttle. Before, it held the lock that closing waits for
   * while it waited: the reply was held its whole second, and the chat action went out after the
   * indicator was closed, after the reply it announced, showing "typing..." under the answer.
   */
  @Test
  void aChatActionWaitingForTheOverallLimitNeitherHoldsTheReplyNorFollowsIt() throws Exception {
    TelegramClient client = mock(TelegramClient.class);
    java.util.concurrent.atomic.AtomicInteger actions =
        new java.util.concurrent.atomic.AtomicInteger();
    when(client.execute(any(SendChatAction.class)))
        .thenAnswer(
            inv -> {
              actions.incrementAndGet();
              return true;
            });
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try {
      Throttle throttle = new Throttle(1000, 1000, 1, Throttle.Clock.SYSTEM);
      Sender sender = new Sender(client, throttle, Throttle.Clock.SYSTEM, 1);
      Throttle.Slot another = throttle.acquireGlobal(); // another chat's call, on its way
      Typing typing = new Typing(timers, sender, 42, null);
      Thread.sleep(Typing.AFTER_MILLIS + 400); // the tick waits for the overall limit
      long t0 = System.nanoTime();
      typing.close(); // the reply is about to leave
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      another.answered();
      Thread.sleep(2500); // the window frees 1.1 s after that answer
      assertTrue(ms < 500, "closing held the reply " + ms + " ms for a chat action not sent yet");
      assertEquals(0, actions.get(), "chat actions sent after the indicator was closed");
    } finally {
      timers.shutdownNow();
    }
  }

  /**
   * The reply's turn came, and closing its "typing..." waits for a chat action on a slow Telegram
   * (a second at most). Meanwhile another call gets a 429 that pauses every call. Before, the reply
   * left when closing was done, inside that pause, which Telegram answers with another 429 ("the
   * number of seconds left to wait before the request can be repeated"); now it waits the pause out
   * first.
   */
  @Test
  void aReplyWhoseTypingClosedDuringA429PauseWaitsThePauseOut() throws Exception {
    TelegramClient client = mock(TelegramClient.class);
    CountDownLatch inFlight = new CountDownLatch(1);
    when(client.execute(any(SendChatAction.class)))
        .thenAnswer(
            inv -> {
              inFlight.countDown();
              Thread.sleep(10_000);
              return true;
            });
    java.util.concurrent.atomic.AtomicLong sentAt = new java.util.concurrent.atomic.AtomicLong();
    when(client.execute(any(org.telegram.telegrambots.meta.api.methods.send.SendMessage.class)))
        .thenAnswer(
            inv -> {
              sentAt.set(System.nanoTime());
              return new org.telegram.telegrambots.meta.api.objects.message.Message();
            });
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try {
      Throttle throttle = new Throttle(1000, 1000, 1000, Throttle.Clock.SYSTEM);
      Sender sender = new Sender(client, throttle, Throttle.Clock.SYSTEM, 1);
      new Typing(timers, sender, 42, null); // closed by the reply, as it leaves
      assertTrue(inFlight.await(5, TimeUnit.SECONDS), "a chat action in flight");
      java.util.concurrent.atomic.AtomicLong pauseEnds =
          new java.util.concurrent.atomic.AtomicLong();
      Thread another =
          new Thread(
              () -> {
                try {
                  Thread.sleep(300); // while closing waits
                  pauseEnds.set(System.nanoTime() + 2_000_000_000L);
                  throttle.pauseFor(2_000_000_000L);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      another.start();
      sender.send(
          org.telegram.telegrambots.meta.api.methods.send.SendMessage.builder()
              .chatId(42L)
              .text("the answer")
              .build(),
          false,
          "the answer");
      another.join();
      assertTrue(
          sentAt.get() - pauseEnds.get() >= 0,
          "the reply left "
              + (pauseEnds.get() - sentAt.get()) / 1_000_000
              + " ms before the 429's pause ended");
    } finally {
      timers.shutdownNow();
    }
  }

  /**
   * A chat action whose answer is lost (a timeout: it may have arrived) is not sent again, as any
   * other call would be once with a four times longer timeout: a resend would hold the lock that
   * closing waits for, and the reply behind it, for that long. Closing right after it returns at
   * once, and the chat action went out once.
   */
  @Test
  void aChatActionWhoseAnswerIsLostIsNotRetriedAndHoldsNoReply() throws Exception {
    TelegramClient client = mock(TelegramClient.class);
    java.util.concurrent.atomic.AtomicInteger actions =
        new java.util.concurrent.atomic.AtomicInteger();
    CountDownLatch tried = new CountDownLatch(1);
    when(client.execute(any(SendChatAction.class)))
        .thenAnswer(
            inv -> {
              actions.incrementAndGet();
              tried.countDown();
              throw new org.telegram.telegrambots.meta.exceptions.TelegramApiException(
                  "Unable to execute sendchataction method",
                  new java.net.SocketTimeoutException("timeout"));
            });
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    try {
      Sender sender = unpaced(client);
      Typing typing = new Typing(timers, sender, 42, null);
      assertTrue(tried.await(5, TimeUnit.SECONDS), "a chat action tried");
      Thread.sleep(200); // a resend, if any, would be on its way now
      long t0 = System.nanoTime();
      typing.close();
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms < 200, "closing held the reply " + ms + " ms");
      assertEquals(1, actions.get(), "the chat action, once");
    } finally {
      timers.shutdownNow();
    }
  }

  /**
   * The user blocked the bot: Telegram refuses "typing..." with 403, and would refuse each renewal
   * so. Before, the indicator was renewed every 4 s all the same while the answer was prepared,
   * each renewal a call wasted against the overall limit and refused again; now the first 403 ends
   * the ticks for that answer, at no ERROR (the reply is still tried once, as before).
   */
  @Test
  void aChatActionRefusedWith403EndsTheTicksOfThatAnswer() throws Exception {
    TelegramClient client = mock(TelegramClient.class);
    java.util.concurrent.atomic.AtomicInteger actions =
        refusingChatActions(client, 403, "Forbidden: bot was blocked by the user");
    // Timers that run when the test moves their time, each tick's "typing..." sent on the thread
    // that moves it: the ticks are the indicator's own, and nothing here sleeps.
    ManualTimers timers = new ManualTimers();
    try (LogCapture logs = new LogCapture()) {
      Sender sender = unpaced(client);
      Typing typing = new Typing(timers.executor, Runnable::run, sender, 42, null);
      // the first tick at 300 ms, the next ones at 4.3 s and 8.3 s
      timers.advance(Typing.AFTER_MILLIS + 2 * Typing.EVERY_MILLIS + 500);
      typing.close();
      assertEquals(1, actions.get(), "\"typing...\" tried once, then no more for that answer");
      assertEquals(
          List.of(), logs.atLeast(ch.qos.logback.classic.Level.ERROR), "no ERROR for a 403");
    }
  }

  /**
   * A chat action refused with 400 for a reason that holds for the rest of the answer is refused so
   * at every renewal: a forum topic deleted meanwhile ("message thread not found"), a chat gone
   * ("chat not found"), a group that took the bot's right to write ("not enough rights"). Before,
   * only a 403 ended the ticks, and such a "typing..." was sent again every 4 s, refused every
   * time, a call wasted against the overall limit while the answer waited (up to a minute for a
   * busy group's next one). Now the first refusal ends them.
   */
  @Test
  void aChatActionRefusedWith400EndsTheTicksOfThatAnswer() throws Exception {
    TelegramClient client = mock(TelegramClient.class);
    java.util.concurrent.atomic.AtomicInteger actions =
        refusingChatActions(client, 400, "Bad Request: message thread not found");
    ManualTimers timers = new ManualTimers(); // as above: nothing here sleeps
    Sender sender = unpaced(client);
    Typing typing = new Typing(timers.executor, Runnable::run, sender, -100123, 7);
    timers.advance(Typing.AFTER_MILLIS); // the first tick at 300 ms
    assertEquals(1, actions.get(), "the first \"typing...\" tried");
    timers.advance(2 * Typing.EVERY_MILLIS + 500); // two renewals' time
    typing.close();
    assertEquals(1, actions.get(), "\"typing...\" tried once, then no more for that answer");
  }

  /**
   * A sender to {@code client} whose limits never hold a call back (1,000 calls a second, per chat
   * and overall), one retry: these tests are about the ticks, not the pacing.
   */
  private static Sender unpaced(TelegramClient client) {
    return new Sender(
        client, new Throttle(1000, 1000, 1000, Throttle.Clock.SYSTEM), Throttle.Clock.SYSTEM, 1);
  }

  /** Makes {@code client} refuse every "typing..." as Telegram words it; counts the tries. */
  private static java.util.concurrent.atomic.AtomicInteger refusingChatActions(
      TelegramClient client, int code, String description) throws Exception {
    java.util.concurrent.atomic.AtomicInteger tries =
        new java.util.concurrent.atomic.AtomicInteger();
    when(client.execute(any(SendChatAction.class)))
        .thenAnswer(
            inv -> {
              tries.incrementAndGet();
              throw new org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException(
                  "Error sending chat action",
                  new org.telegram.telegrambots.meta.api.objects.ApiResponse<Boolean>(
                      false, code, description, null, null));
            });
    return tries;
  }
}
