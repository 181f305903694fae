package org.astanaqa.bot.telegram;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the long poll's HTTP answers, which the library only logs as generic errors: a 409
 * (another process polls with this token) gets one clear warning a minute while the library backs
 * off; a 401 or 404 (the token was revoked) stops the bot, since retrying cannot help.
 */
final class PollingWatch implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(PollingWatch.class);
  private static final long WARN_EVERY_NANOS = 60_000_000_000L;

  private final Consumer<String> fatal;
  private final AtomicLong lastConflictWarning = new AtomicLong(Long.MIN_VALUE / 2);

  /** @param fatal told why the bot must stop */
  PollingWatch(Consumer<String> fatal) {
    this.fatal = fatal;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response r = chain.proceed(chain.request());
    int code = r.code();
    if (code == 409) {
      long now = System.nanoTime();
      long last = lastConflictWarning.get();
      if (now - last >= WARN_EVERY_NANOS && lastConflictWarning.compareAndSet(last, now)) {
        log.warn("Telegram answered 409 Conflict: another process is polling with this bot token (or a webhook"
            + " is set). Stop the other instance; this one keeps retrying with backoff.");
      }
    } else if (code == 401 || code == 404) {
      fatal.accept("Telegram rejected the bot token while polling (" + code + "); check the token in the environment,"
          + " and TELEGRAM_API_URL if you use your own Bot API server");
    }
    return r;
  }
}
