package org.astanaqa.bot.telegram.receive;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.astanaqa.bot.logging.Secrets;
import org.astanaqa.bot.telegram.http.RetryAfter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives updates with {@code getUpdates} long polling, journals each batch and only then confirms
 * it, and hands every update to the {@link UpdateDispatcher}.
 *
 * <p>Our own loop rather than the library's {@code BotSession}, which holds update ids and offsets
 * as {@code int}, confirms every update the moment it is received, reads a batch as a whole (so one
 * update it cannot read blocks polling at that offset for good), and logs an ERROR on every clean
 * stop. Here:
 *
 * <ul>
 *   <li>A batch is written to the {@link UpdateJournal} before the next poll, whose {@code offset}
 *       makes Telegram forget it, is sent.
 *   <li>Each update is read on its own: one that cannot be read is logged with its id and skipped.
 *   <li>After a poll that brought nothing (everything confirmed), the next poll names no offset and
 *       so gets Telegram's earliest unconfirmed update, whatever its id. Telegram restarts update
 *       ids at a random, possibly lower value after a week without updates; a bot that kept polling
 *       from its old offset would never see them. So ids that restarted lower are received within
 *       one long-poll timeout, and a restart begins the same way, whatever offset was saved.
 *   <li>409 (another poller), 5xx and network errors back off (up to 30 s); a 429 waits its {@code
 *       retry_after} in full, however long ("the number of seconds left to wait before the request
 *       can be repeated": a poll sooner only earns another 429); the Bot API's 401/404 (token
 *       revoked) stop the bot through {@code fatal}, while a proxy's 401 or 404 page backs off as a
 *       5xx does; stopping cancels the long poll, or the wait, quietly.
 * </ul>
 */
public final class LongPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LongPoller.class);
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final long WARN_CONFLICT_EVERY_NANOS = 60_000_000_000L;
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  /**
   * The kinds of update the bot handles, named on every poll: Telegram otherwise keeps whatever an
   * earlier poll or webhook of the same token set, which may leave out edits or button presses.
   */
  static final List<String> ALLOWED_UPDATES =
      List.of("message", "edited_message", "callback_query", "inline_query");

  /** Updates received and not answered above which polling pauses, so memory stays bounded. */
  static final int MAX_PENDING = 1000;

  private final OkHttpClient http;
  private final String url;
  private final int pollSeconds;
  private final ObjectMapper json;
  private final UpdateJournal journal;
  private final UpdateDispatcher dispatcher;
  private final Consumer<String> fatal;
  private final Sleeper sleeper;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Call current;

  /** What the polling thread does before its first poll (the journal's updates under way). */
  private volatile UpdateDispatcher.Work resume = () -> {};

  private long lastConflictWarning = Long.MIN_VALUE / 2;

  /** How the poller waits between failed polls: {@link Thread#sleep}, or a test's clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /**
   * @param getUpdatesUrl the full getUpdates URL; it holds the token, so it is never logged
   * @param pollSeconds how long Telegram may hold an empty poll
   * @param fatal told why the bot must stop (the token was revoked)
   */
  public LongPoller(
      OkHttpClient http,
      String getUpdatesUrl,
      int pollSeconds,
      ObjectMapper json,
      UpdateJournal journal,
      UpdateDispatcher dispatcher,
      Consumer<String> fatal) {
    this(http, getUpdatesUrl, pollSeconds, json, journal, dispatcher, fatal, Thread::sleep);
  }

  /** As the other constructor, waiting between failed polls with {@code sleeper}. */
  public LongPoller(
      OkHttpClient http,
      String getUpdatesUrl,
      int pollSeconds,
      ObjectMapper json,
      UpdateJournal journal,
      UpdateDispatcher dispatcher,
      Consumer<String> fatal,
      Sleeper sleeper) {
    this.sleeper = sleeper;
    this.http = http;
    this.url = getUpdatesUrl;
    this.pollSeconds = pollSeconds;
    this.json = json;
    this.journal = journal;
    this.dispatcher = dispatcher;
    this.fatal = fatal;
    this.thread = new Thread(this::loop, "telegram-poll");
    this.thread.setDaemon(true);
  }

  /**
   * Answers what the journal holds from before, then starts polling. When some of it was being
   * answered as the bot died, those are answered alone first ({@link UpdateDispatcher#resume}), on
   * the polling thread, which polls once they are done: this returns at once either way.
   */
  public void start() {
    List<UpdateJournal.Entry> entries = new ArrayList<>();
    List<Update> updates = new ArrayList<>();
    boolean crashed = false;
    for (UpdateJournal.Entry e : journal.pending()) {
      try {
        updates.add(read(json.readTree(e.json())));
        entries.add(e);
        crashed |= journal.starts(e) > 0;
      } catch (IOException | RuntimeException ex) {
        log.error("journaled update {} cannot be read ({}); skipped", e.id(), describe(ex));
        journal.done(e);
      }
    }
    if (!crashed) {
      for (int i = 0; i < entries.size(); i++) {
        dispatcher.dispatch(entries.get(i), updates.get(i));
      }
      entries.clear();
      updates.clear();
    }
    resume = () -> dispatcher.resume(entries, updates);
    thread.start();
  }

  private void loop() {
    try {
      resume.run();
    } catch (InterruptedException e) {
      log.debug("polling stopped before it began");
      return;
    }
    long offset = -1; // none: Telegram's earliest unconfirmed update
    long backoff = 0; // the last failure's backoff, doubled by the next
    long wait = 0; // before the next poll: the backoff, or a 429's retry_after
    while (!stopping) {
      try {
        if (journal.pendingCount() >= MAX_PENDING) {
          Thread.sleep(20); // a backlog: Telegram keeps the rest until we ask
          continue;
        }
        if (wait > 0) {
          sleeper.sleep(wait);
          wait = 0;
        }
        JsonNode result = poll(offset);
        backoff = 0;
        offset = handle(offset, result);
      } catch (InterruptedException e) {
        break;
      } catch (PollFailure e) {
        if (stopping) {
          break;
        }
        if (e.retryAfterMillis > 0) {
          wait = e.retryAfterMillis; // Telegram's word; the backoff of other failures is kept
        } else {
          backoff = Math.min(MAX_BACKOFF_MILLIS, backoff == 0 ? 500 : backoff * 2);
          wait = backoff;
        }
        if (e.quiet) {
          log.debug("getUpdates: {}", e.getMessage());
        } else {
          log.warn("getUpdates failed ({}); retrying in {} ms", e.getMessage(), wait);
        }
      } catch (RuntimeException | Error e) {
        // A bug of ours must not end polling: log it and poll again after a pause. Nor an Error:
        // an OutOfMemoryError lands in whichever thread allocates next (often this one, reading a
        // batch) while a worker's answer used up the heap, and that worker is caught and its memory
        // freed; ended by it, this thread left a process that lived on and never polled again.
        log.error("polling failed unexpectedly; retrying", e);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff == 0 ? 500 : backoff * 2);
        wait = backoff;
      }
    }
    log.debug("polling stopped");
  }

  /** Journals and dispatches a batch; returns the offset of the next poll. */
  private long handle(long offset, JsonNode result) {
    if (!result.isArray() || result.isEmpty()) {
      if (offset >= 0) {
        journal.confirmed(offset);
      }
      return -1; // everything is confirmed: the next poll takes whatever Telegram has, any id
    }
    List<UpdateJournal.Entry> fresh = new ArrayList<>();
    List<Update> updates = new ArrayList<>();
    long now = System.currentTimeMillis(); // a press's answer is refused some seconds after it
    long max = Long.MIN_VALUE;
    for (JsonNode n : result) {
      JsonNode idNode = n.get("update_id");
      if (idNode == null || !idNode.isIntegralNumber() || !idNode.canConvertToLong()) {
        log.error("Telegram sent an update without a valid update_id; skipped");
        continue;
      }
      long id = idNode.asLong();
      max = Math.max(max, id);
      // The id and what the update is: after a quiet week Telegram restarts ids at random, and a
      // new question may come with the id of one the journal still holds.
      String fingerprint = UpdateJournal.fingerprint(n);
      if (journal.isKnown(id, fingerprint)) {
        log.debug("update {} received again; skipped", id);
        continue;
      }
      try {
        Update u = read(n);
        fresh.add(
            new UpdateJournal.Entry(
                id, UpdateDispatcher.chatOf(u), json.writeValueAsString(n), fingerprint, now));
        updates.add(u);
      } catch (IOException | RuntimeException e) {
        log.error("update {} cannot be read ({}); skipped", id, describe(e));
        journal.skipped(id, fingerprint);
      }
    }
    journal.received(offset, fresh); // forced to the device before the next poll confirms it
    for (int i = 0; i < fresh.size(); i++) {
      dispatcher.dispatch(fresh.get(i), updates.get(i));
    }
    return max == Long.MIN_VALUE ? offset : max + 1;
  }

  /** The library's Update, read without its update_id (an int there; ours is a long). */
  private Update read(JsonNode n) throws IOException {
    ObjectNode copy = n.deepCopy();
    copy.remove("update_id");
    return json.treeToValue(copy, Update.class);
  }

  /** Where reading failed (the field path), never the text: logs do not hold message texts. */
  private static String describe(Exception e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return "bad field " + org.astanaqa.retrieval.util.JsonErrors.path(m);
    }
    return e.getClass().getSimpleName();
  }

  private JsonNode poll(long offset) throws PollFailure {
    ObjectNode body = json.createObjectNode();
    if (offset >= 0) {
      body.put("offset", offset);
    }
    body.put("timeout", pollSeconds);
    body.put("limit", 100);
    ALLOWED_UPDATES.forEach(body.putArray("allowed_updates")::add);
    Request request =
        new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON_TYPE)).build();
    Call call = http.newCall(request);
    current = call;
    if (stopping) {
      call.cancel();
    }
    String text;
    int code;
    Integer retryAfterHeader;
    try (Response r = call.execute()) {
      code = r.code();
      text = r.body() == null ? "" : r.body().string();
      retryAfterHeader = code == 429 ? RetryAfter.seconds(r, System.currentTimeMillis()) : null;
    } catch (IOException e) {
      throw new PollFailure(stopping ? "stopped" : Secrets.mask(e.toString()), stopping, 0);
    } finally {
      current = null;
    }
    JsonNode answer;
    try {
      answer = json.readTree(text);
    } catch (IOException e) {
      answer = null;
    }
    if (code == 200 && answer != null && answer.path("ok").asBoolean(false)) {
      return answer.path("result");
    }
    int error =
        answer != null && answer.path("error_code").canConvertToInt()
            ? answer.path("error_code").asInt()
            : code;
    if (error == 409) {
      long now = System.nanoTime();
      boolean warn = now - lastConflictWarning >= WARN_CONFLICT_EVERY_NANOS;
      if (warn) {
        lastConflictWarning = now;
        // "Conflict: terminated by setWebhook request" ends the held poll, then "can't use
        // getUpdates method while webhook is active"
        String description = answer == null ? "" : answer.path("description").asText("");
        if (description.toLowerCase(java.util.Locale.ROOT).contains("webhook")) {
          // Set after this bot started (it removes one at start): another deployment wants it.
          log.warn(
              "Telegram answered 409 Conflict: a webhook was set for this bot token while it"
                  + " polls, so Telegram sends the updates there. Stop the deployment that set it"
                  + " and remove the webhook (deleteWebhook, or restart this bot, which removes"
                  + " it); this one keeps retrying with backoff.");
        } else {
          log.warn(
              "Telegram answered 409 Conflict: another process is polling with this bot token."
                  + " Stop the other instance; this one keeps retrying with backoff.");
        }
      }
      throw new PollFailure("409 Conflict", true, 0);
    }
    if ((error == 401 || error == 404) && (answer == null || !answer.has("ok"))) {
      // A page of a proxy in front of the Bot API (a reload, a route or an access rule changed),
      // not Telegram's answer: it says nothing of the token, as getMe at start knows. Taken for a
      // revoked token, it stopped the bot for good; it is polled again with backoff.
      throw new PollFailure(
          "HTTP "
              + code
              + " page from a proxy or the server in front of the Bot API, not Telegram's",
          false,
          0);
    }
    if (error == 401 || error == 404) {
      stopping = true;
      fatal.accept(
          "Telegram rejected the bot token while polling ("
              + error
              + "); check the token in the"
              + " environment, and TELEGRAM_API_URL if you use your own Bot API server");
      throw new PollFailure(error + "", true, 0);
    }
    if (error == 429) {
      // The Bot API's JSON names retry_after; a proxy's page (not JSON) may say it in the HTTP
      // Retry-After header instead, which before was ignored: polled again after a second, each
      // poll earned another 429 until the proxy's window ran out.
      JsonNode named = answer == null ? null : answer.path("parameters").path("retry_after");
      boolean telegrams = named != null && named.canConvertToInt() && named.asInt() > 0;
      int seconds = telegrams ? named.asInt() : retryAfterHeader != null ? retryAfterHeader : 1;
      // Waited in full, however long: unlike a reply (Sender gives one up after 10 minutes of
      // 429s, as its user has moved on), polling is the bot's whole job, and a poll before
      // retry_after runs out only earns another 429. Stopping interrupts the wait.
      throw new PollFailure(
          "429 Too Many Requests, waiting "
              + seconds
              + (telegrams
                  ? " s as Telegram asks"
                  : retryAfterHeader != null
                      ? " s as the page's Retry-After header asks (a proxy's, not the Bot API's)"
                      : " s (an error page that names no wait)"),
          false,
          TimeUnit.SECONDS.toMillis(seconds));
    }
    if (code == 200) {
      throw new PollFailure("unreadable answer", false, 0);
    }
    throw new PollFailure("HTTP " + code, false, 0);
  }

  /** Stops polling: the long poll in flight is cancelled; nothing is logged above DEBUG. */
  @Override
  public void close() {
    stopping = true;
    Call c = current;
    if (c != null) {
      c.cancel();
    }
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A failed poll: why, whether it is worth a warning, and how long Telegram asked us to wait. */
  private static final class PollFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean quiet;
    final long retryAfterMillis;

    PollFailure(String why, boolean quiet, long retryAfterMillis) {
      super(why, null, false, false);
      this.quiet = quiet;
      this.retryAfterMillis = retryAfterMillis;
    }
  }
}
