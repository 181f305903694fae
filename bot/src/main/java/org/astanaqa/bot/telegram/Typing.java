package org.astanaqa.bot.telegram;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.astanaqa.bot.telegram.send.Sender;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;

/**
 * "typing..." while an answer takes longer than {@link #AFTER_MILLIS}, renewed every {@link
 * #EVERY_MILLIS} until closed, and never after: closing waits for a chat action being sent, so the
 * reply that follows is the last thing the chat sees.
 */
final class Typing implements AutoCloseable {
  /** A question taking longer than this shows "typing..." while it is answered. */
  static final long AFTER_MILLIS = 300;

  /** "typing..." is renewed this often: Telegram shows it 5 s, or until the bot's next message. */
  static final long EVERY_MILLIS = 4000;

  private final Sender sender;
  private final long chatId;
  private final Integer thread;
  private final ScheduledFuture<?> task;
  private boolean closed;

  Typing(ScheduledExecutorService timers, Sender sender, long chatId, Integer thread) {
    this.sender = sender;
    this.chatId = chatId;
    this.thread = thread;
    this.task =
        timers.scheduleAtFixedRate(this::tick, AFTER_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private synchronized void tick() {
    if (closed) {
      return;
    }
    try {
      sender.execute(
          SendChatAction.builder().chatId(chatId).messageThreadId(thread).action("typing").build());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (task != null) {
      task.cancel(false);
    }
  }
}
