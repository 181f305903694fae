package org.astanaqa.bot.telegram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The library's update consumer. It returns at once (it runs on the polling thread), after
 * claiming each update in the {@link UpdateLedger} and queueing it for its chat: a chat's updates
 * are answered one after another, different chats in parallel on the worker pool.
 */
final class UpdateDispatcher implements LongPollingUpdateConsumer {
  private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);

  private final UpdateHandler handler;
  private final UpdateLedger ledger;
  private final ExecutorService workers;
  private final Map<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private volatile boolean accepting = true;

  UpdateDispatcher(UpdateHandler handler, UpdateLedger ledger, ExecutorService workers) {
    this.handler = handler;
    this.ledger = ledger;
    this.workers = workers;
  }

  @Override
  public void consume(List<Update> updates) {
    if (!accepting) {
      return; // shutting down: these stay unconfirmed and come back after the restart
    }
    for (Update u : updates) {
      if (u.getUpdateId() == null || !ledger.begin(u.getUpdateId())) {
        log.debug("update {} already answered; skipped", u.getUpdateId());
        continue;
      }
      long key = chatOf(u);
      CompletableFuture<Void> mine = tails.compute(key, (k, tail) ->
          (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail).thenRunAsync(() -> run(u), workers));
      mine.whenComplete((ok, err) -> tails.remove(key, mine));
    }
  }

  private void run(Update u) {
    try {
      handler.handle(u);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // not marked done: it is answered again after the restart
    } catch (RuntimeException e) {
      // The error boundary of the Telegram front end: log it and move on to the next update.
      log.error("update {} failed; it is skipped so that the others go on", u.getUpdateId(), e);
    }
    ledger.done(u.getUpdateId());
  }

  /** Stops taking updates and waits up to {@code millis} for the ones being answered. */
  boolean drain(long millis) throws InterruptedException {
    accepting = false;
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (ledger.inFlight() > 0 && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    ledger.save(); // a clean snapshot for the next start
    return ledger.inFlight() == 0;
  }

  /** The chat an update belongs to (the user for inline queries), which orders its answers. */
  static long chatOf(Update u) {
    if (u.hasMessage()) {
      return u.getMessage().getChatId();
    }
    if (u.hasCallbackQuery()) {
      return u.getCallbackQuery().getMessage() != null
          ? u.getCallbackQuery().getMessage().getChatId() : u.getCallbackQuery().getFrom().getId();
    }
    if (u.hasInlineQuery()) {
      return u.getInlineQuery().getFrom().getId();
    }
    if (u.hasEditedMessage()) {
      return u.getEditedMessage().getChatId();
    }
    if (u.hasChannelPost()) {
      return u.getChannelPost().getChatId();
    }
    return 0;
  }
}
