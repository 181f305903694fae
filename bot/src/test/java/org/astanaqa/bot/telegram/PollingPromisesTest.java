package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.telegram.receive.LongPoller;
import org.astanaqa.bot.telegram.receive.UpdateDispatcher;
import org.astanaqa.bot.telegram.receive.UpdateJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Promises of the polling loop that no other test could break: the pause at a backlog of 1,000
 * updates (docs/RELIABILITY.md, "Polling pauses while 1,000 updates wait to be answered, so a flood
 * stays with Telegram, not in memory") and the 409 warning once a minute with backoff (README, "the
 * bot says so once a minute and keeps retrying with backoff"), through the real {@link LongPoller}
 * against the {@link FakeBotApi}.
 */
class PollingPromisesTest {
  private static final String TOKEN = FakeWiredHandler.TOKEN;

  @TempDir Path data;
  private FakeBotApi api;
  private OkHttpClient http;
  private ExecutorService workers;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi(TOKEN);
    http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    workers = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    FakeWiredHandler.close(api, http);
  }

  /** A poller of the fake's getUpdates (1 s long polls) that never stops the bot. */
  private LongPoller poller(
      UpdateJournal journal, UpdateDispatcher dispatcher, LongPoller.Sleeper sleeper) {
    return poller(journal, dispatcher, sleeper, why -> {});
  }

  /** As the other, telling {@code fatal} why it would stop the bot. */
  private LongPoller poller(
      UpdateJournal journal,
      UpdateDispatcher dispatcher,
      LongPoller.Sleeper sleeper,
      java.util.function.Consumer<String> fatal) {
    return new LongPoller(
        http,
        api.url() + "/bot" + TOKEN + "/getUpdates",
        1,
        json(),
        journal,
        dispatcher,
        fatal,
        sleeper);
  }

  private static ObjectMapper json() {
    return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  private static void await(BooleanSupplier condition, long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }

  /** How many of updates 1..{@code total} Telegram has handed to the bot. */
  private int received(int total) {
    int n = 0;
    for (long id = 1; id <= total; id++) {
      n += api.deliveredAt(id) == null ? 0 : 1;
    }
    return n;
  }

  /**
   * 1,500 questions arrive while every answer is stuck: the bot takes 1,000 (ten polls of 100),
   * then stops polling, so the other 500 stay with Telegram rather than in memory; once answers
   * flow again it polls on, and every question is answered once.
   */
  @Test
  void pollingPausesAtAThousandUnansweredUpdatesAndTheRestStayWithTelegram() throws Exception {
    int total = 1500;
    for (int i = 1; i <= total; i++) {
      api.push(FakeBotApi.privateText(i, 1000 + i, i, "question " + i));
    }
    CountDownLatch stuck = new CountDownLatch(1);
    Set<Integer> handled = ConcurrentHashMap.newKeySet();
    List<Integer> twice = new CopyOnWriteArrayList<>();
    try (UpdateJournal journal = UpdateJournal.open(data.resolve("journal"));
        LongPoller poller =
            poller(
                journal,
                new UpdateDispatcher(
                    u -> {
                      stuck.await();
                      if (!handled.add(u.getMessage().getMessageId())) {
                        twice.add(u.getMessage().getMessageId());
                      }
                    },
                    journal,
                    workers),
                Thread::sleep)) {
      poller.start();
      await(() -> received(total) >= 1000, 20_000);
      Thread.sleep(300); // the tenth batch journaled
      int polls = api.offsets().size();
      Thread.sleep(1500); // a long poll (1 s here) and more: no poll comes while paused
      assertEquals(1000, received(total), "held in memory: the first 1,000, no more");
      assertEquals(polls, api.offsets().size(), "no poll while 1,000 wait: " + api.offsets());
      assertTrue(
          api.unconfirmed() >= total - 1000,
          "the rest stay with Telegram: " + api.unconfirmed() + " unconfirmed");

      stuck.countDown();
      await(() -> handled.size() == total, 30_000);
      assertEquals(total, handled.size(), "every question answered once polling resumed");
      assertEquals(List.of(), twice, "none answered twice");
      await(() -> api.unconfirmed() == 0, 5_000);
      assertEquals(0, api.unconfirmed(), "everything confirmed to Telegram");
    }
  }

  /**
   * One group asks faster than Telegram lets the bot answer there (20 messages a minute): 1,020
   * questions from 60 members while its answers are stuck. The group keeps {@link
   * UpdateDispatcher#MAX_WAITING_PER_CHAT} waiting, the first question over that is told to ask
   * again later (once, in the group's order), and the rest are shed; polling goes on, and a private
   * question asked meanwhile is answered at once. Before, the group's backlog filled the 1,000
   * pending updates and polling paused for every chat, until the group's answers had trickled out.
   */
  @Test
  void aGroupThatAsksFasterThanItCanBeAnsweredHoldsUpNoOtherChat() throws Exception {
    long group = -1001234;
    int asks = 1020;
    for (int i = 1; i <= asks; i++) {
      api.push(FakeBotApi.groupText(i, group, 1000 + i % 60, i, "/ask question " + i));
    }
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch privateAnswered = new CountDownLatch(1);
    Set<Integer> answered = ConcurrentHashMap.newKeySet();
    List<Integer> told = new CopyOnWriteArrayList<>();
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) throws InterruptedException {
            if (u.getMessage().getChatId() != group) {
              privateAnswered.countDown();
              return;
            }
            stuck.await();
            answered.add(u.getMessage().getMessageId());
          }

          @Override
          public void busy(Update u) {
            told.add(u.getMessage().getMessageId());
          }
        };
    int waiting = UpdateDispatcher.MAX_WAITING_PER_CHAT;
    try (UpdateJournal journal = UpdateJournal.open(data.resolve("journal"));
        LongPoller poller =
            poller(journal, new UpdateDispatcher(handler, journal, workers), Thread::sleep)) {
      poller.start();
      await(() -> received(asks) == asks, 20_000);
      assertEquals(asks, received(asks), "polling never paused for the group");
      api.push(FakeBotApi.privateText(asks + 1, 777, 1, "a private question"));
      assertTrue(
          privateAnswered.await(10, TimeUnit.SECONDS),
          "a private question answered while the group's answers are stuck");
      await(() -> journal.pendingCount() == waiting + 1, 5_000); // the private one marked done
      assertEquals(
          waiting + 1, journal.pendingCount(), "the group's waiting questions and its one notice");
      assertEquals(List.of(), told, "told in the group's order: after those waiting");

      stuck.countDown();
      await(() -> journal.pendingCount() == 0 && told.size() == 1, 10_000);
      assertEquals(waiting, answered.size(), "the first " + waiting + " answered");
      assertTrue(
          answered.stream().allMatch(id -> id <= waiting), "those that came first: " + answered);
      assertEquals(List.of(waiting + 1), told, "the first question over them told, once");
      await(() -> api.unconfirmed() == 0, 5_000);
      assertEquals(0, api.unconfirmed(), "everything confirmed to Telegram");
    }
  }

  /**
   * A group that never catches up (it asks on while its answers go out) is told again after each
   * notice has gone out, not once ever: the second question shed after the first notice was sent
   * gets a notice too. Before a review, the notice was told once until the chat fell quiet, and
   * every question shed after it got nothing.
   */
  @Test
  void aGroupThatNeverCatchesUpIsToldAgainAfterEachNotice() throws Exception {
    long group = -1009012;
    java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0);
    Set<Integer> answered = ConcurrentHashMap.newKeySet();
    List<Integer> told = new CopyOnWriteArrayList<>();
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) throws InterruptedException {
            permits.acquire();
            answered.add(u.getMessage().getMessageId());
          }

          @Override
          public void busy(Update u) {
            told.add(u.getMessage().getMessageId());
          }
        };
    int cap = UpdateDispatcher.MAX_WAITING_PER_CHAT; // 60
    try (UpdateJournal journal = UpdateJournal.open(data.resolve("journal"));
        LongPoller poller =
            poller(journal, new UpdateDispatcher(handler, journal, workers), Thread::sleep)) {
      poller.start();
      for (int i = 1; i <= 70; i++) {
        api.push(FakeBotApi.groupText(i, group, 1000 + i, i, "/ask question " + i));
      }
      await(() -> journal.pendingCount() == cap + 1, 10_000); // 60 waiting, 61 told, 9 shed
      assertEquals(cap + 1, journal.pendingCount());
      permits.release(30);
      await(() -> answered.size() == 30, 10_000);
      for (int i = 71; i <= 110; i++) { // 29 more wait (30 left and the notice), 11 shed
        api.push(FakeBotApi.groupText(i, group, 1000 + i, i, "/ask question " + i));
      }
      await(() -> journal.pendingCount() == cap, 10_000);
      assertEquals(cap, journal.pendingCount());
      assertEquals(List.of(), told, "the notice waits its turn");
      permits.release(30);
      await(() -> told.size() == 1 && journal.pendingCount() == 29, 10_000);
      assertEquals(List.of(cap + 1), told, "the first notice, after the first 60 answers");
      Thread.sleep(200); // past the notice's end
      for (int i = 111; i <= 150; i++) { // 31 wait beside the 29, the next is told, 8 shed
        api.push(FakeBotApi.groupText(i, group, 1000 + i, i, "/ask question " + i));
      }
      await(() -> journal.pendingCount() == cap + 1, 10_000);
      permits.release(1000);
      await(() -> journal.pendingCount() == 0 && told.size() == 2, 10_000);
      assertEquals(List.of(cap + 1, 142), told, "told again after the first notice went out");
      assertEquals(60 + 29 + 31, answered.size(), "every question kept was answered");
    }
  }

  /**
   * What is never a new question is never shed, however much waits in its chat: a group's chatter
   * the bot does not reply to (privacy mode off), edits and button presses. Only the questions it
   * replies to count towards {@link UpdateDispatcher#MAX_WAITING_PER_CHAT}: with 70 of each of the
   * others queued behind a stuck answer, 59 more questions are all kept, and only the one after
   * them is shed (and told).
   */
  @Test
  void chatterEditsAndPressesAreNeverShed() throws Exception {
    api.privacyMode(false); // a bot that gets a group's chatter
    long group = -1005678;
    int waiting = UpdateDispatcher.MAX_WAITING_PER_CHAT;
    int id = 0;
    ObjectNode first = FakeBotApi.groupText(++id, group, 1, 1, "/ask the first question");
    api.push(first);
    for (int i = 0; i < 70; i++) {
      api.push(FakeBotApi.groupText(++id, group, 2, 100 + i, "chatter " + i));
      api.push(FakeBotApi.edited(first, ++id, "/ask the first question, edited " + i));
      api.push(FakeBotApi.callback(++id, group, 3, 1, "v:" + i));
    }
    for (int i = 1; i < waiting; i++) {
      api.push(FakeBotApi.groupText(++id, group, 4, 1000 + i, "/ask question " + i));
    }
    api.push(FakeBotApi.groupText(++id, group, 5, 2000, "/ask one too many"));
    int total = id;
    CountDownLatch stuck = new CountDownLatch(1);
    java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> handled =
        new ConcurrentHashMap<>();
    List<Integer> told = new CopyOnWriteArrayList<>();
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) throws InterruptedException {
            String kind =
                u.hasCallbackQuery()
                    ? "press"
                    : u.hasEditedMessage()
                        ? "edit"
                        : u.getMessage().getText().startsWith("chatter") ? "chatter" : "question";
            if (!u.hasCallbackQuery()) {
              stuck.await();
            }
            handled
                .computeIfAbsent(kind, k -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
          }

          @Override
          public boolean repliesTo(Update u) {
            return u.hasMessage() && u.getMessage().getText().startsWith("/ask");
          }

          @Override
          public void busy(Update u) {
            told.add(u.getMessage().getMessageId());
          }
        };
    try (UpdateJournal journal = UpdateJournal.open(data.resolve("journal"));
        LongPoller poller =
            poller(journal, new UpdateDispatcher(handler, journal, workers), Thread::sleep)) {
      poller.start();
      await(() -> received(total) == total, 20_000);
      assertEquals(total, received(total), "every update taken");
      // taken is not yet dispatched: wait until all wait, the presses answered (not stuck), the
      // one too many shed and its notice queued
      int pending = 1 + 70 + 70 + (waiting - 1) + 1;
      await(() -> journal.pendingCount() == pending, 10_000);
      assertEquals(pending, journal.pendingCount(), "the chat's chatter, edits, questions, notice");
      stuck.countDown();
      await(() -> journal.pendingCount() == 0 && told.size() == 1, 20_000);
      assertEquals(70, handled.get("chatter").get(), "no chatter shed");
      assertEquals(70, handled.get("edit").get(), "no edit shed");
      assertEquals(70, handled.get("press").get(), "no press shed");
      assertEquals(waiting, handled.get("question").get(), "the first " + waiting + " questions");
      assertEquals(List.of(2000), told, "the one question over them told");
    }
  }

  /**
   * "Every update received is appended to the journal ... before the next poll confirms it": at the
   * moment each getUpdates with an offset reaches Telegram, every update it confirms (delivered,
   * with a lower id) is already in the journal file, so a crash then loses none. 250 updates, in
   * batches of up to 100.
   */
  @Test
  void everyUpdateIsInTheJournalFileBeforeThePollThatConfirmsItArrives() throws Exception {
    Path file = data.resolve("journal");
    List<Long> checked = new CopyOnWriteArrayList<>();
    List<String> missing = new CopyOnWriteArrayList<>();
    api.onConfirming(
        offset -> {
          Set<Long> journaled = new java.util.HashSet<>();
          try {
            for (String line : java.nio.file.Files.readAllLines(file)) {
              if (line.startsWith("R ")) {
                journaled.add(Long.parseLong(line.split(" ", 3)[1]));
              }
            }
          } catch (java.io.IOException | RuntimeException e) {
            missing.add("journal unreadable at offset " + offset + ": " + e);
          }
          for (long id = 1; id < offset; id++) {
            if (api.deliveredAt(id) != null && !journaled.contains(id)) {
              missing.add("update " + id + " confirmed by offset " + offset + ", not journaled");
            }
          }
          checked.add(offset);
        });
    Set<String> handled = ConcurrentHashMap.newKeySet();
    try (UpdateJournal journal = UpdateJournal.open(file);
        LongPoller poller =
            poller(
                journal,
                new UpdateDispatcher(u -> handled.add(u.getMessage().getText()), journal, workers),
                Thread::sleep)) {
      for (int i = 1; i <= 150; i++) {
        api.push(FakeBotApi.privateText(i, 1000 + i % 7, i, "q" + i));
      }
      poller.start();
      await(() -> handled.size() == 150, 20_000);
      for (int i = 151; i <= 250; i++) {
        api.push(FakeBotApi.privateText(i, 1000 + i % 7, i, "q" + i));
        if (i % 40 == 0) {
          Thread.sleep(50); // some arrive while a poll is held
        }
      }
      await(() -> handled.size() == 250 && api.unconfirmed() == 0, 20_000);
    }
    assertEquals(250, handled.size(), "every update answered");
    assertEquals(0, api.unconfirmed(), "and confirmed");
    assertTrue(checked.size() >= 3, "polls that confirmed something: " + checked);
    assertEquals(List.of(), missing);
  }

  /**
   * Another process polls with the token: Telegram answers 409 poll after poll. One WARN says so
   * (not one per poll, which would flood the log), the polls back off 0.5, 1, 2, 4, 8 s, and the
   * update that waited is answered once the other poller is gone.
   */
  @Test
  void aConflictIsWarnedOnceAMinuteAndPollsBackOffThenTheUpdateIsAnswered() throws Exception {
    for (int i = 0; i < 5; i++) {
      api.failNext(
          "getUpdates",
          new FakeBotApi.Failure(
              409,
              "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by other"
                  + " getUpdates request; make sure that only one bot instance is running\"}"));
    }
    api.push(FakeBotApi.privateText(1, 42, 10, "a question"));
    List<Long> waits = new CopyOnWriteArrayList<>();
    List<String> handled = new CopyOnWriteArrayList<>();
    List<String> warnings;
    try (LogCapture logs = new LogCapture();
        UpdateJournal journal = UpdateJournal.open(data.resolve("journal"));
        LongPoller poller =
            poller(
                journal,
                new UpdateDispatcher(u -> handled.add(u.getMessage().getText()), journal, workers),
                waits::add)) { // the waits are noted, not slept: five 409s within a second
      poller.start();
      await(() -> !handled.isEmpty(), 10_000);
      Thread.sleep(200);
      warnings = new ArrayList<>(logs.atLeast(Level.WARN));
    }
    assertEquals(List.of("a question"), handled, "answered once the other poller is gone");
    assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L), waits, "backoff doubles");
    assertEquals(1, warnings.size(), "one warning for five conflicts in a minute: " + warnings);
    assertTrue(warnings.get(0).contains("another process is polling"), warnings.get(0));
  }

  /**
   * A proxy in front of the Bot API limits getUpdates with an HTML 429 page that names no
   * retry_after but carries the HTTP Retry-After header (two minutes here). The poller waits that
   * long, once, and its next poll is taken and the question answered. Before, the header was
   * ignored: a poll came after a second, inside the proxy's window, and earned another 429.
   */
  @Test
  void aProxysHtml429OnGetUpdatesWaitsWhatItsRetryAfterHeaderSays() throws Exception {
    List<Long> waits = new CopyOnWriteArrayList<>();
    LongPoller.Sleeper sleeper = FakeWiredHandler.sleeperOnClock(api, waits);
    api.failNext("getUpdates", FakeBotApi.Failure.rateLimitedPage(120));
    api.push(FakeBotApi.privateText(1, 42, 10, "a question"));
    List<String> handled = new CopyOnWriteArrayList<>();
    try (UpdateJournal journal = UpdateJournal.open(data.resolve("journal"));
        LongPoller poller =
            poller(
                journal,
                new UpdateDispatcher(u -> handled.add(u.getMessage().getText()), journal, workers),
                sleeper)) {
      poller.start();
      await(() -> !handled.isEmpty(), 10_000);
    }
    assertEquals(List.of("a question"), handled, "answered once the proxy lets polls through");
    assertEquals(List.of(120_000L), waits, "the header's two minutes, once");
    assertEquals(List.of(), api.calls("getUpdates:refused"), "no poll inside the proxy's window");
  }

  /**
   * The polling thread meets an Error, not an exception: the heap runs out while it reads a batch
   * (README, Reliability: a "poison" question can run the JVM out of memory, and without {@code
   * -XX:+ExitOnOutOfMemoryError} the OutOfMemoryError is thrown in whichever thread allocates next;
   * the worker that asked for the memory is caught and its user told, and the memory is freed). The
   * loop caught only RuntimeException, so the Error ended the polling thread: the process lived on,
   * its workers idle, and no update was ever received again, without a line at ERROR. Now it is
   * logged at ERROR, polled again after a backoff, and the question that waited is answered.
   */
  @Test
  void anErrorOnThePollingThreadIsLoggedAndPollingGoesOn() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean thrown =
        new java.util.concurrent.atomic.AtomicBoolean();
    OkHttpClient failingOnce =
        http.newBuilder()
            .addInterceptor(
                chain -> {
                  if (thrown.compareAndSet(false, true)) {
                    throw new OutOfMemoryError("Java heap space");
                  }
                  return chain.proceed(chain.request());
                })
            .build();
    api.push(FakeBotApi.privateText(1, 42, 10, "a question"));
    List<Long> waits = new CopyOnWriteArrayList<>();
    List<String> handled = new CopyOnWriteArrayList<>();
    List<String> errors;
    try (LogCapture logs = new LogCapture();
        UpdateJournal journal = UpdateJournal.open(data.resolve("journal"));
        LongPoller poller =
            new LongPoller(
                failingOnce,
                api.url() + "/bot" + TOKEN + "/getUpdates",
                1,
                json(),
                journal,
                new UpdateDispatcher(u -> handled.add(u.getMessage().getText()), journal, workers),
                why -> {},
                waits::add)) {
      poller.start();
      await(() -> !handled.isEmpty(), 5_000);
      errors = new ArrayList<>(logs.atLeast(Level.ERROR));
    }
    assertTrue(thrown.get(), "the first poll met the Error");
    assertEquals(List.of("a question"), handled, "polling went on after the Error");
    assertEquals(List.of(500L), waits, "polled again after a backoff");
    assertEquals(1, errors.size(), "one ERROR: " + errors);
    assertTrue(errors.get(0).contains("polling failed unexpectedly"), errors.get(0));
  }

  /**
   * A proxy in front of the Bot API (a self-hosted server behind nginx, which the README supports
   * with a path prefix) answers two polls with pages of its own, 404 and 401, not the Bot API's
   * JSON: the proxy's doing (a reload, a route or an access rule changed), which says nothing of
   * the token. docs/RELIABILITY.md promises such a page on getUpdates is "polled again with backoff
   * and no update lost", and getMe at start already tells a page from Telegram's answer. The poller
   * took either status for Telegram rejecting the token and stopped the bot (exit 2, "Telegram
   * rejected the bot token while polling"), so a proxy's moment stopped it for good. Now only the
   * Bot API's own 401 or 404 stops it; a page is polled again with backoff, with a WARN that names
   * it a page, and the question that waited is answered.
   */
  @Test
  void aProxysHtml404Or401PageOnGetUpdatesIsPolledAgainNotTakenForARevokedToken() throws Exception {
    api.failNext("getUpdates", FakeBotApi.Failure.nginxPage(404, "Not Found"));
    api.failNext("getUpdates", FakeBotApi.Failure.nginxPage(401, "Authorization Required"));
    api.push(FakeBotApi.privateText(1, 42, 10, "a question"));
    List<Long> waits = new CopyOnWriteArrayList<>();
    List<String> fatal = new CopyOnWriteArrayList<>();
    List<String> handled = new CopyOnWriteArrayList<>();
    List<String> warnings;
    try (LogCapture logs = new LogCapture();
        UpdateJournal journal = UpdateJournal.open(data.resolve("journal"));
        LongPoller poller =
            poller(
                journal,
                new UpdateDispatcher(u -> handled.add(u.getMessage().getText()), journal, workers),
                waits::add,
                fatal::add)) {
      poller.start();
      await(() -> !handled.isEmpty() || !fatal.isEmpty(), 10_000);
      warnings = new ArrayList<>(logs.atLeast(Level.WARN));
    }
    assertEquals(List.of(), fatal, "a proxy's page is no rejected token");
    assertEquals(List.of("a question"), handled, "answered once the proxy lets polls through");
    assertEquals(List.of(500L, 1000L), waits, "polled again with backoff");
    assertEquals(2, warnings.size(), "a WARN a page: " + warnings);
    assertTrue(warnings.get(0).contains("HTTP 404 page"), warnings.get(0));
    assertTrue(warnings.get(1).contains("HTTP 401 page"), warnings.get(1));
  }
}
