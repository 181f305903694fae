package org.astanaqa.bot.telegram;

import java.io.Serializable;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Bot API methods with Telegram's flow control: waits its turn ({@link Throttle}), waits out
 * 429 {@code retry_after}, retries 5xx and network errors a few times with backoff, resends as
 * plain text when Telegram cannot parse the HTML, and gives up quietly on 403 (blocked by the
 * user). Nothing here throws for a Telegram error: a message that cannot be delivered is logged.
 */
final class Sender {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);

  /** Attempts for 5xx and network errors; 429 waits do not count. */
  static final int MAX_ATTEMPTS = 4;

  /** 429s waited out per call at most, so a storm cannot hold a worker forever. */
  static final int MAX_RATE_LIMITED = 10;

  /** The longest retry_after honoured; Telegram asks for seconds, not hours. */
  private static final int MAX_RETRY_AFTER_SECONDS = 60;

  private final TelegramClient client;
  private final Throttle throttle;
  private final Throttle.Clock clock;
  private final long backoffNanos;

  Sender(TelegramClient client, Throttle throttle, Throttle.Clock clock, long backoffNanos) {
    this.client = client;
    this.throttle = throttle;
    this.clock = clock;
    this.backoffNanos = backoffNanos;
  }

  /**
   * Sends a message within the chat's limits; if Telegram rejects its entities, sends it again as
   * plain text.
   *
   * @param plain the same text without markup, for the fallback
   * @return the sent message, or empty when it could not be delivered
   */
  Optional<Message> send(SendMessage message, boolean group, String plain) throws InterruptedException {
    long chatId = Long.parseLong(message.getChatId());
    throttle.acquire(chatId, group);
    try {
      return Optional.ofNullable(call(message));
    } catch (TelegramApiRequestException e) {
      if (isEntityError(e)) {
        log.warn("Telegram could not parse the HTML of a reply ({}); sending it as plain text", e.getApiResponse());
        message.setParseMode(null);
        message.setText(plain);
        message.setEntities(null);
        throttle.acquire(chatId, group);
        return deliver(message);
      }
      return failed(message, e);
    } catch (TelegramApiException e) {
      return failed(message, e);
    }
  }

  /** Sends a method that is not a chat message (callback and inline answers, edits, chat actions). */
  <T extends Serializable> Optional<T> execute(BotApiMethod<T> method) throws InterruptedException {
    return deliver(method);
  }

  private <T extends Serializable> Optional<T> deliver(BotApiMethod<T> method) throws InterruptedException {
    try {
      return Optional.ofNullable(call(method));
    } catch (TelegramApiException e) {
      return failed(method, e);
    }
  }

  /** Executes with the retry policy; throws the last error once retries are exhausted. */
  private <T extends Serializable> T call(BotApiMethod<T> method) throws TelegramApiException, InterruptedException {
    int attempts = 0;
    int rateLimited = 0;
    while (true) {
      try {
        return client.execute(method);
      } catch (TelegramApiRequestException e) {
        Integer code = e.getErrorCode();
        if (code != null && code == 429 && ++rateLimited <= MAX_RATE_LIMITED) {
          int seconds = e.getParameters() != null && e.getParameters().getRetryAfter() != null
              ? Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, e.getParameters().getRetryAfter())) : 1;
          log.info("{}: 429 Too Many Requests, waiting {} s as Telegram asks", method.getMethod(), seconds);
          clock.sleepNanos(seconds * 1_000_000_000L);
          continue;
        }
        // No code (0 or null): the body was not Telegram's JSON, as from a proxy's 502 page.
        boolean unreadable = code == null || code == 0;
        if ((unreadable || code >= 500) && ++attempts < MAX_ATTEMPTS) {
          backoff(method, attempts, unreadable ? "unreadable response" : "HTTP " + code);
          continue;
        }
        throw e;
      } catch (TelegramApiException e) {
        // Network errors (connection refused, reset, timeout) arrive here: retry with backoff.
        if (++attempts < MAX_ATTEMPTS) {
          backoff(method, attempts, Secrets.mask(String.valueOf(e.getMessage())));
          continue;
        }
        throw e;
      }
    }
  }

  private void backoff(BotApiMethod<?> method, int attempt, String why) throws InterruptedException {
    long wait = backoffNanos << (attempt - 1);
    log.info("{} failed ({}); retry {} in {} ms", method.getMethod(), why, attempt, wait / 1_000_000);
    clock.sleepNanos(wait);
  }

  private static boolean isEntityError(TelegramApiRequestException e) {
    Integer code = e.getErrorCode();
    String response = String.valueOf(e.getApiResponse()).toLowerCase(java.util.Locale.ROOT);
    return code != null && code == 400 && response.contains("can't parse entities");
  }

  private static <T> Optional<T> failed(BotApiMethod<?> method, TelegramApiException e) {
    if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() == 403) {
      log.info("{}: the user blocked the bot or left the chat (403); skipped", method.getMethod());
    } else {
      String detail = e instanceof TelegramApiRequestException r
          ? "error " + r.getErrorCode() + ": " + r.getApiResponse() : Secrets.mask(String.valueOf(e.getMessage()));
      log.warn("{} not delivered: {}", method.getMethod(), detail);
    }
    return Optional.empty();
  }
}
