package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
      Sender sender =
          new Sender(
              client,
              new Throttle(1000, 1000, 1000, Throttle.Clock.SYSTEM),
              Throttle.Clock.SYSTEM,
              1);
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
}
