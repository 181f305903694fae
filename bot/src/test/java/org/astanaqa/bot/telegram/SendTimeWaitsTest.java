package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.telegram.receive.LongPoller;
import org.astanaqa.bot.telegram.receive.UpdateDispatcher;
import org.astanaqa.bot.telegram.receive.UpdateJournal;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.bot.telegram.send.Throttle;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waits that begin once a reply's answering has started (a 429 told to the reply itself, up to 10
 * minutes of retry_after), through the real poller, journal, dispatcher, handler and sender against
 * the {@link FakeBotApi}: the sender's clock holds a long wait until the test lets it end, so the
 * test sees what happens meanwhile without waiting the wait.
 */
class SendTimeWaitsTest {
  private static final long BUSY = 42;
  private static final long QUIET = 43;
  private static final String QUESTION = "When did the Astana talks resume?";

  @TempDir static Path corpus;
  private static QuestionAnswerer qa;

  @TempDir Path data;
  private FakeBotApi api;
  private OkHttpClient http;
  private ExecutorService workers;
  private ExecutorService queries;
  private final AtomicLong now = new AtomicLong();
  private final CountDownLatch waitEnds = new CountDownLatch(1);
  private final CountDownLatch longWaitBegan = new CountDownLatch(1);

  /**
   * The sender's clock: a wait shorter than {@link Sender#LONG_WAIT_NANOS} passes at once, a longer
   * one holds its thread until the test ends it ({@link #waitEnds}); either moves the time on.
   */
  private final Throttle.Clock clock =
      new Throttle.Clock() {
        @Override
        public long nanoTime() {
          return now.get();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          if (nanos >= Sender.LONG_WAIT_NANOS) {
            longWaitBegan.countDown();
            waitEnds.await();
          }
          now.addAndGet(nanos);
        }
      };

  @BeforeAll
  static void openIndex() throws Exception {
    Files.writeString(corpus.resolve("talks.txt"), FakeWiredHandler.TALKS, StandardCharsets.UTF_8);
    qa = QuestionAnswerer.inMemory(corpus, Settings.defaults());
  }

  @AfterAll
  static void closeIndex() throws Exception {
    qa.close();
  }

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi(FakeWiredHandler.TOKEN);
    api.useClock(now::get); // retry_after judged by the time the sender waited
    http = FakeWiredHandler.http(api);
    workers = Executors.newFixedThreadPool(1); // one worker stands for all four held
    queries = Executors.newFixedThreadPool(1);
  }

  @AfterEach
  void stop() {
    waitEnds.countDown();
    workers.shutdownNow();
    queries.shutdownNow();
    FakeWiredHandler.close(api, http);
  }

  /**
   * From the brief of the twenty-ninth session: a 429 told to a reply itself was waited out on the
   * worker that answered it, for all of its retry_after (up to 10 minutes), and with as many such
   * replies as workers (4), no other chat was answered meanwhile; the chat saw no "typing..."
   * either. Now a stand-in takes the worker's place while it waits: a question in another chat is
   * answered at once, the busy chat's later question still waits behind its first (a chat's replies
   * stay in order), both stay in the journal until their replies are sent, and "typing..." is shown
   * in the busy chat through the wait once Telegram takes chat actions there, never after the
   * reply.
   */
  @Test
  void aReplyWaitingOutA429HoldsNoOtherChatsAnswerAndShowsTypingThroughTheWait() throws Exception {
    // Telegram's flood wait on sendMessage in the busy chat: 60 s, its chat actions still taken
    withTheBusyChatsReplyIn429(
        FakeBotApi.Failure.tooManyRequestsOfTheMethod(60),
        (timers, file) -> {
          api.push(FakeBotApi.privateText(3, QUIET, 20, QUESTION));
          await(() -> !repliesIn(QUIET).isEmpty() && !pending(file).contains(3L), 30_000);
          assertEquals(
              1, repliesIn(QUIET).size(), "the quiet chat is answered while the busy one waits");
          assertEquals(List.of(), repliesIn(BUSY), "the busy chat's replies wait out the 429");
          assertEquals(
              java.util.Set.of(1L, 2L),
              pending(file),
              "the busy chat's updates are not done while their replies wait");

          // For 30 s after its 429 no call goes to the chat (Sender's shared pause): none either
          timers.advance(8_000);
          assertEquals(0, typingIn(BUSY) + refusedTypingIn(BUSY), "no chat action in the pause");
          // then "typing..." is tried there again, and Telegram takes it: its flood wait is
          // sendMessage's
          now.addAndGet(TimeUnit.SECONDS.toNanos(31));
          timers.advance(8_000);
          assertTrue(
              typingIn(BUSY) >= 1, "\"typing...\" in the busy chat while its reply waits the 429");
        },
        timers -> {
          int typed = typingIn(BUSY);
          timers.advance(12_000);
          assertEquals(typed, typingIn(BUSY), "no \"typing...\" after the reply");
        });
  }

  /**
   * A 429 that holds every call to the chat, chat actions too (the fake's plain one; Telegram does
   * not document which): once the shared pause is over, one chat action is tried and refused with
   * the seconds still to wait, and none after it, not one every 4 s into the flood wait.
   */
  @Test
  void aReplyWaitingOutA429ThatRefusesChatActionsTooTriesTypingOnceNotEveryFourSeconds()
      throws Exception {
    withTheBusyChatsReplyIn429(
        FakeBotApi.Failure.tooManyRequests(120),
        (timers, file) -> {
          now.addAndGet(TimeUnit.SECONDS.toNanos(31));
          timers.advance(40_000);
          assertEquals(1, refusedTypingIn(BUSY), "one chat action tried, refused");
          assertEquals(0, typingIn(BUSY));
        },
        timers -> {});
  }

  /**
   * A reply tried through an outage (a 502 at every try) waits out its backoff on its worker with
   * no stand-in: while Telegram cannot be reached no other chat can be answered either, and a
   * stand-in only took the next chat's update out of the journal into a reply that waited the same
   * outage, whose backoff got a stand-in of its own, until 64 did. An outage past the reply's 10
   * minutes of patience then gave up the replies of the 4 workers and the 64 stand-ins, where it
   * gave up the 4 workers' before, the other updates waiting in the journal until Telegram was
   * back. Its start is still taken back through the wait, and both chats are answered, in order,
   * once Telegram is back.
   */
  @Test
  void aReplyBackingOffThroughAnOutageGetsNoStandInThatWouldPullTheNextChatIntoIt()
      throws Exception {
    for (int i = 0; i < 100; i++) {
      api.failNext("sendMessage", FakeBotApi.Failure.badGateway());
    }
    ManualTimers timers = new ManualTimers();
    // backoffs of 0.5, 1 and 2 s (each at its ceiling): the third is the first long wait
    Sender sender = FakeWiredHandler.sender(api, http, clock, 500_000_000L, SenderTest.highest());
    UpdateHandler handler = handler(sender, timers);
    Path file = data.resolve("journal");
    try (UpdateJournal journal = UpdateJournal.open(file)) {
      UpdateDispatcher dispatcher = new UpdateDispatcher(handler, journal, workers, queries);
      sender.duringLongWaits((nanos, shown, everyChat) -> dispatcher.waitingLong(shown, everyChat));
      try (LongPoller poller = poller(journal, dispatcher)) {
        api.push(FakeBotApi.privateText(1, BUSY, 10, QUESTION));
        api.push(FakeBotApi.privateText(2, QUIET, 20, QUESTION));
        poller.start();
        assertTrue(longWaitBegan.await(10, TimeUnit.SECONDS), "the busy chat's reply backs off");
        assertEquals(
            1,
            ((java.util.concurrent.ThreadPoolExecutor) workers).getCorePoolSize(),
            "no stand-in through an outage");
        await(() -> api.arrivals("sendMessage") > 3, 300); // a stand-in tried at once
        assertEquals(
            3, api.arrivals("sendMessage"), "only the busy chat's reply is tried in the outage");
        assertEquals(java.util.Set.of(1L, 2L), pending(file));

        api.clearFailures(); // Telegram is back
        waitEnds.countDown();
        await(
            () ->
                repliesIn(BUSY).size() == 1
                    && repliesIn(QUIET).size() == 1
                    && pending(file).isEmpty(),
            30_000);
        assertEquals(1, repliesIn(BUSY).size());
        assertEquals(1, repliesIn(QUIET).size());
        assertEquals(java.util.Set.of(), pending(file), "all done");
        assertEquals(1, ((java.util.concurrent.ThreadPoolExecutor) workers).getCorePoolSize());
      }
    }
  }

  /** The bot answering through {@code sender}, with {@code timers} for its waits. */
  private UpdateHandler handler(Sender sender, ManualTimers timers) throws Exception {
    return FakeWiredHandler.over(
        qa,
        List.of(QUESTION),
        Access.open(),
        1000,
        timers.executor,
        FeedbackStore.open(data.resolve(FeedbackStore.FILE)),
        data,
        now,
        sender,
        http);
  }

  /** Polls the fake Bot API into {@code journal} and {@code dispatcher}, one update a call. */
  private LongPoller poller(UpdateJournal journal, UpdateDispatcher dispatcher) {
    return new LongPoller(
        http,
        api.url() + "/bot" + FakeWiredHandler.TOKEN + "/getUpdates",
        1,
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false),
        journal,
        dispatcher,
        why -> {});
  }

  /** What a test does while the busy chat's reply waits, and after. */
  @FunctionalInterface
  private interface During {
    void run(ManualTimers timers, Path journal) throws Exception;
  }

  @FunctionalInterface
  private interface After {
    void run(ManualTimers timers) throws Exception;
  }

  /**
   * The bot, one worker, through the poller, journal and dispatcher: two questions in the busy
   * chat, whose first reply gets {@code failure}; {@code during} runs while it waits, then the wait
   * ends and both replies must go out, in order, and be done; then {@code after} runs.
   */
  private void withTheBusyChatsReplyIn429(FakeBotApi.Failure failure, During during, After after)
      throws Exception {
    api.failNext("sendMessage", failure);
    ManualTimers timers = new ManualTimers();
    Sender sender = FakeWiredHandler.sender(api, http, clock);
    UpdateHandler handler = handler(sender, timers);
    Path file = data.resolve("journal");
    try (UpdateJournal journal = UpdateJournal.open(file)) {
      UpdateDispatcher dispatcher = new UpdateDispatcher(handler, journal, workers, queries);
      sender.duringLongWaits((nanos, shown, everyChat) -> dispatcher.waitingLong(shown, everyChat));
      try (LongPoller poller = poller(journal, dispatcher)) {
        api.push(FakeBotApi.privateText(1, BUSY, 10, QUESTION));
        api.push(FakeBotApi.privateText(2, BUSY, 11, "Who proposed the Astana format?"));
        poller.start();
        assertTrue(longWaitBegan.await(10, TimeUnit.SECONDS), "the busy chat's reply got a 429");
        during.run(timers, file);

        waitEnds.countDown();
        await(() -> repliesIn(BUSY).size() == 2 && pending(file).isEmpty(), 30_000);
        assertEquals(
            List.of(10, 11),
            repliesIn(BUSY).stream()
                .map(m -> m.path("reply_parameters").path("message_id").asInt())
                .toList(),
            "the busy chat's replies, in order, after its wait");
        assertEquals(java.util.Set.of(), pending(file), "all done");
        after.run(timers);
      }
    }
  }

  private int refusedTypingIn(long chat) {
    return (int)
        api.calls("sendChatAction:refused").stream()
            .filter(c -> c.body().path("chat_id").asLong() == chat)
            .count();
  }

  private List<JsonNode> repliesIn(long chat) {
    return api.calls("sendMessage").stream()
        .map(FakeBotApi.Call::body)
        .filter(b -> b.path("chat_id").asLong() == chat)
        .toList();
  }

  private int typingIn(long chat) {
    return (int)
        api.calls("sendChatAction").stream()
            .filter(c -> c.body().path("chat_id").asLong() == chat)
            .count();
  }

  private static void await(BooleanSupplier done, long millis) throws Exception {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!done.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  /**
   * The updates the journal {@code file} holds as not done ({@link FailedAnswersTest#pendingIn}).
   */
  private static java.util.Set<Long> pending(Path file) {
    try {
      return FailedAnswersTest.pendingIn(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
