package org.astanaqa.bot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.Conversations;
import org.astanaqa.bot.logging.ChatTag;
import org.astanaqa.bot.telegram.http.TelegramClock;
import org.astanaqa.bot.telegram.send.BotApiUrl;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.bot.telegram.send.Throttle;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * An {@link UpdateHandler} wired to a {@link FakeBotApi} over HTTP as the bot wires it to Telegram,
 * with a test clock that never waits: the set-up the Telegram rule and detail tests share.
 */
final class FakeWiredHandler {
  static final String TOKEN = "123:abc";

  /** A small corpus text for the Telegram tests: a date, a place and names to ask about. */
  static final String TALKS =
      "The Astana talks resumed on 4 May 2017 in the capital of Kazakhstan. Delegations from"
          + " Syria attended the opening session at a hotel. Observers from Jordan and the United"
          + " Nations were present as well.\n\n"
          + "The Astana format was proposed by Russia, Turkey and Iran in December 2016, and the"
          + " talks resumed several times in the following years.\n";

  private FakeWiredHandler() {}

  /**
   * A sender to the fake over {@code http}, paced by a test clock at {@code now} that never waits.
   */
  static Sender sender(FakeBotApi api, OkHttpClient http, AtomicLong now) {
    return sender(api, http, new UpdateHandlerTest.FakeClock(now));
  }

  /** A sender to the fake over {@code http}, paced and waiting by {@code clock}. */
  static Sender sender(FakeBotApi api, OkHttpClient http, Throttle.Clock clock) {
    return sender(api, http, clock, 1, new java.util.Random());
  }

  /**
   * As {@link #sender(FakeBotApi, OkHttpClient, Throttle.Clock)}, backing off as the bot does
   * ({@code backoffNanos} the first retry's ceiling, drawn by {@code jitter}).
   */
  static Sender sender(
      FakeBotApi api,
      OkHttpClient http,
      Throttle.Clock clock,
      long backoffNanos,
      java.util.Random jitter) {
    // This sender's Throttle is unpaced on purpose (1,000 a second), so that tests of what the bot
    // sends, and of its waits on Telegram's own faults, do not wait a second per message; Telegram
    // would refuse its bursts, so the fake is told to take them. Pacing is tested against the
    // fake's limits by the tests that run the bot as it is configured (TelegramEndToEndTest,
    // KillAndRestartTest) and by SenderPacingTest.
    api.withoutFloodLimits();
    OkHttpTelegramClient client =
        new OkHttpTelegramClient(
            new ObjectMapper(),
            http,
            TOKEN,
            BotApiUrl.parse(api.url(), "url", TOKEN).telegramUrl());
    return new Sender(
        client, client, new Throttle(1000, 1000, 1000, clock), clock, backoffNanos, jitter);
  }

  /**
   * The bot's own HTTP client for every call but the long poll ({@link TelegramRunner#sendClient}),
   * to {@code api}. A plain {@code new OkHttpClient()} is kinder than the bot's: it resends by
   * itself a call whose connection failed (the bot's never does: a resent sendMessage may be a
   * duplicate, and {@link org.astanaqa.bot.telegram.send.Sender} decides), and it hands an nginx
   * error page to the library as it is (the bot's keeps its status, {@link
   * org.astanaqa.bot.telegram.send.ErrorPages}).
   */
  static OkHttpClient http(FakeBotApi api) {
    return http(api, TOKEN);
  }

  /** {@link #http(FakeBotApi)} for a fake that was given another token. */
  static OkHttpClient http(FakeBotApi api, String token) {
    return TelegramRunner.sendClient(
        BotApiUrl.parse(api.url(), "url", token), Duration.ofSeconds(10), new TelegramClock());
  }

  /**
   * Makes over {@code http} calls the bot makes at start, before any update (getMe, getWebhookInfo,
   * deleteWebhook): the Date headers of their answers are what the bot knows of Telegram's clock
   * when the first question comes.
   */
  static void startUp(FakeBotApi api, OkHttpClient http) throws java.io.IOException {
    for (String method : List.of("getMe", "getWebhookInfo", "deleteWebhook")) {
      okhttp3.Request call =
          new okhttp3.Request.Builder()
              .url(api.url() + "/bot" + TOKEN + "/" + method)
              .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json")))
              .build();
      try (okhttp3.Response answer = http.newCall(call).execute()) {
        if (answer.code() != 200) {
          throw new AssertionError(method + " answered " + answer.code());
        }
      }
    }
  }

  /** The clock {@code http} tells the Date of Telegram's answers ({@link #http}'s own). */
  static TelegramClock clockOf(OkHttpClient http) {
    return http.networkInterceptors().stream()
        .filter(TelegramClock.class::isInstance)
        .map(TelegramClock.class::cast)
        .findFirst()
        .orElseGet(TelegramClock::new);
  }

  /**
   * Hands {@code update} to {@code handler} as Telegram shows it at this moment ({@link
   * FakeBotApi#pressed}: its message is in the chat, its query waits for an answer). One Telegram
   * would not deliver (a group's chatter or mention under privacy mode, {@link
   * FakeBotApi#privacyMode}) is refused: a test that hands it over tests what never happens.
   */
  static void handle(UpdateHandler handler, FakeBotApi api, ObjectNode update) throws Exception {
    if (!api.delivers(update)) {
      throw new AssertionError(
          "Telegram does not deliver this group message to a bot in privacy mode (its default):"
              + " send what it delivers, or model a bot with privacy off, api.privacyMode(false)");
    }
    handler.handle(FakeBotApi.JSON.treeToValue(api.pressed(update), Update.class));
  }

  /** The callback data of the button under {@code message} whose data starts with {@code kind}. */
  static String button(JsonNode message, String kind) {
    for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
      for (JsonNode b : row) {
        if (b.path("callback_data").asText().startsWith(kind)) {
          return b.path("callback_data").asText();
        }
      }
    }
    throw new AssertionError("no " + kind + " button under " + message);
  }

  /**
   * The callback data of the 👎 under {@code message}. Not the 👍's data with ":u" replaced: its
   * random key can start with "u" (one time in 64), and the replaced key then names no answer.
   */
  static String thumbsDown(JsonNode message) {
    for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
      for (JsonNode b : row) {
        String data = b.path("callback_data").asText();
        if (data.startsWith("v:") && data.endsWith(":d")) {
          return data;
        }
      }
    }
    throw new AssertionError("no 👎 under " + message);
  }

  /** Stops the fake and the HTTP client's threads and connections after a test. */
  static void close(FakeBotApi api, OkHttpClient http) {
    api.close();
    http.dispatcher().executorService().shutdownNow();
    http.connectionPool().evictAll();
  }

  /**
   * The usual wiring: open to everyone, a question limit no test reaches, timers that run only when
   * a test says, feedback kept in {@code data}.
   */
  static UpdateHandler over(
      FakeBotApi api, OkHttpClient http, QuestionAnswerer qa, List<String> examples, Path data) {
    return over(
        api,
        http,
        qa,
        examples,
        Access.open(),
        1000,
        new ManualTimers().executor,
        FeedbackStore.open(data.resolve(FeedbackStore.FILE)),
        data);
  }

  /**
   * @param questionsPerMinute a user's question limit (six times it an hour)
   * @param timers the executor for typing indicators and other timers
   */
  static UpdateHandler over(
      FakeBotApi api,
      OkHttpClient http,
      QuestionAnswerer qa,
      List<String> examples,
      Access access,
      int questionsPerMinute,
      ScheduledExecutorService timers,
      FeedbackStore feedback,
      Path data) {
    return over(api, http, qa, examples, access, questionsPerMinute, timers, feedback, data, null);
  }

  /**
   * As the other, the sender's and the limits' clock {@code now} (one of its own when null): a test
   * that gives the fake the same clock ({@link FakeBotApi#useClock}) has the fake judge the bot's
   * waits, a 429's retry_after among them, by the time the bot waited.
   */
  static UpdateHandler over(
      FakeBotApi api,
      OkHttpClient http,
      QuestionAnswerer qa,
      List<String> examples,
      Access access,
      int questionsPerMinute,
      ScheduledExecutorService timers,
      FeedbackStore feedback,
      Path data,
      AtomicLong clock) {
    AtomicLong now = clock != null ? clock : new AtomicLong();
    return over(
        qa,
        examples,
        access,
        questionsPerMinute,
        timers,
        feedback,
        data,
        now,
        sender(api, http, now),
        http);
  }

  /**
   * As the others, answering through {@code sender} (a test that waits on a clock of its own), the
   * limits on {@code now}.
   */
  static UpdateHandler over(
      QuestionAnswerer qa,
      List<String> examples,
      Access access,
      int questionsPerMinute,
      ScheduledExecutorService timers,
      FeedbackStore feedback,
      Path data,
      AtomicLong now,
      Sender sender,
      OkHttpClient http) {
    UpdateHandler handler =
        new UpdateHandler(
            () -> qa,
            sender,
            // kept in the data folder, as the bot keeps it: a handler over the same folder is a
            // restart, whose buttons work for answers sent before it
            ButtonStore.open(data, 100, Long.MAX_VALUE, now::get, now::get, ChatTag.of(data)),
            new UserRateLimit(questionsPerMinute, now::get),
            new UserRateLimit(6 * questionsPerMinute, now::get),
            timers,
            examples,
            777,
            "AstanaQaBot",
            access,
            () -> "",
            feedback,
            QuestionEdits.open(data, ChatTag.of(data)),
            ChatTag.of(data),
            new Conversations(TimeUnit.MINUTES.toNanos(5), System::nanoTime),
            clockOf(http));
    // Timers that run only when a test moves their time (ManualTimers) send "typing..." on the
    // thread that moves it, as they tick it, so that a test sees it at its time.
    return org.mockito.Mockito.mockingDetails(timers).isMock()
        ? handler.typingSentOn(Runnable::run)
        : handler;
  }

  /**
   * A poller's sleeper on the fake's clock: each wait is recorded in {@code waits} and moves the
   * clock the fake judges retry_after and Retry-After by, so a test of a long wait never sleeps.
   */
  static org.astanaqa.bot.telegram.receive.LongPoller.Sleeper sleeperOnClock(
      FakeBotApi api, List<Long> waits) {
    AtomicLong clock = new AtomicLong();
    api.useClock(clock::get);
    return millis -> {
      waits.add(millis);
      clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    };
  }
}
