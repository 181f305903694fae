package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.telegram.receive.LongPoller;
import org.astanaqa.bot.telegram.receive.UpdateDispatcher;
import org.astanaqa.bot.telegram.receive.UpdateJournal;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when answering throws (the engine's index unreadable during a reindex, a bug):
 * through the real poller, journal and dispatcher, the handler wired to the {@link FakeBotApi}.
 */
class FailedAnswersTest {
  private static final long FORUM = -1001;

  @TempDir Path data;
  private FakeBotApi api;
  private OkHttpClient http;
  private ExecutorService workers;
  private ExecutorService queries;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi(FakeWiredHandler.TOKEN);
    http = FakeWiredHandler.http(api);
    workers = Executors.newFixedThreadPool(2);
    queries = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    queries.shutdownNow();
    FakeWiredHandler.close(api, http);
  }

  /** An engine whose every search fails as a reindex that lost its index files would. */
  private static QuestionAnswerer failing() {
    QuestionAnswerer qa = mock(QuestionAnswerer.class);
    UncheckedIOException e =
        new UncheckedIOException(new IOException("segments_4 vanished during the reindex"));
    when(qa.settings()).thenReturn(Settings.defaults());
    when(qa.likelyConfidence()).thenReturn(0.6);
    when(qa.ask(anyString())).thenThrow(e);
    when(qa.ask(anyString(), anyInt(), any())).thenThrow(e);
    when(qa.sources()).thenThrow(e);
    return qa;
  }

  /**
   * A question (in Russian, and one in a forum topic), a /sources page turn, an example's button
   * and an inline query, each failing inside the engine. Before, the dispatcher logged each and
   * marked it done: no reply, no answer to the press (its spinner turning until Telegram gave up),
   * no answer to the query. Now each user is told, in their language and without any detail of the
   * failure, that it could not be answered now and to try again: the questions by a reply (in the
   * topic), the page turn by its toast, the example (its press already answered) by a message in
   * its chat, the inline query by a button above no results, not cached. Every update is then done
   * and not tried again after a restart; the log keeps the exception.
   */
  @Test
  void whenAnsweringThrowsEveryUserIsToldToTryAgainAndTheUpdateIsDoneOnce() throws Exception {
    api.openTopic(FORUM, 5, true);
    ObjectNode topicQuestion =
        FakeBotApi.groupText(3, FORUM, 46, 30, "/ask@AstanaQaBot who were the guarantors?");
    FakeBotApi.inForumTopic(topicQuestion, 5, 46);
    UpdateHandler handler =
        FakeWiredHandler.over(api, http, failing(), List.of("Who were the guarantors?"), data);
    Path file = data.resolve("journal");
    try (LogCapture logs = new LogCapture();
        UpdateJournal journal = UpdateJournal.open(file);
        LongPoller poller =
            new LongPoller(
                http,
                api.url() + "/bot" + FakeWiredHandler.TOKEN + "/getUpdates",
                1,
                new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false),
                journal,
                new UpdateDispatcher(handler, journal, workers, queries),
                why -> {})) {
      api.push(FakeBotApi.inLanguage(FakeBotApi.privateText(1, 42, 10, "Кто гаранты?"), "ru"));
      api.push(FakeBotApi.callback(2, 43, 999, "s:1"));
      api.push(topicQuestion);
      api.push(FakeBotApi.callback(4, 44, 998, "q:0"));
      api.push(FakeBotApi.inline(5, 45, "guarantors"));
      poller.start();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while ((api.unconfirmed() > 0 || !pendingIn(file).isEmpty() || sent().size() < 3)
          && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertEquals(java.util.Set.of(), pendingIn(file), "every update done");

      JsonNode russian = replyIn(42);
      assertEquals(10, russian.path("reply_parameters").path("message_id").asInt());
      assertTrue(
          russian.path("text").asText().startsWith("Извините, сейчас я не смог"),
          russian.toString());
      JsonNode inTopic = replyIn(FORUM);
      assertEquals(5, inTopic.path("message_thread_id").asInt(), "the apology, in the topic");
      assertTrue(
          inTopic.path("text").asText().startsWith("Sorry, I could not answer this just now"));
      JsonNode example = replyIn(44);
      assertEquals(998, example.path("reply_parameters").path("message_id").asInt());
      assertTrue(example.path("text").asText().contains("Please try again"), example.toString());
      for (JsonNode m : sent()) {
        assertFalse(m.path("text").asText().contains("vanished"), "no detail: " + m);
        assertFalse(m.path("text").asText().contains("Exception"), "no detail: " + m);
      }

      List<JsonNode> toasts =
          api.calls("answerCallbackQuery").stream().map(FakeBotApi.Call::body).toList();
      assertEquals(2, toasts.size(), "both presses answered: " + toasts);
      JsonNode pageTurn =
          toasts.stream()
              .filter(b -> b.path("callback_query_id").asText().equals("cb2"))
              .findFirst()
              .orElseThrow();
      assertTrue(
          pageTurn.path("text").asText().startsWith("Sorry, I could not answer"),
          "the failed page turn's toast: " + pageTurn);

      List<FakeBotApi.Call> inline = api.calls("answerInlineQuery");
      assertEquals(1, inline.size(), "the inline query answered");
      JsonNode answer = inline.get(0).body();
      assertEquals(0, answer.path("results").size());
      assertTrue(answer.path("button").path("text").asText().startsWith("Could not answer"));
      assertEquals(0, answer.path("cache_time").asInt(), "not kept in Telegram's cache");
      assertEquals(List.of(), api.refused().stream().map(FakeBotApi.Call::method).toList());

      List<String> errors = logs.atLeast(Level.ERROR);
      assertEquals(5, errors.size(), "one ERROR per failed update, none for an apology: " + errors);
    }
    assertEquals(java.util.Set.of(), pendingIn(file), "none left for the restart to try again");
  }

  /**
   * The ids of the updates the journal file holds as received and not done: what a restart answers.
   */
  static java.util.Set<Long> pendingIn(Path file) throws IOException {
    java.util.Set<Long> pending = new java.util.TreeSet<>();
    java.util.Set<Long> done = new java.util.HashSet<>();
    for (String line : UpdateJournal.linesOf(file)) {
      String[] p = line.split(" ", 3);
      if (p.length >= 2 && p[0].equals("R")) {
        pending.add(Long.parseLong(p[1]));
      } else if (p.length >= 2 && (p[0].equals("D") || p[0].equals("K"))) {
        done.add(Long.parseLong(p[1]));
      }
    }
    pending.removeAll(done);
    return pending;
  }

  private List<JsonNode> sent() {
    return api.calls("sendMessage").stream().map(FakeBotApi.Call::body).toList();
  }

  private JsonNode replyIn(long chat) {
    return sent().stream()
        .filter(b -> b.path("chat_id").asLong() == chat)
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no message to chat " + chat + ": " + sent()));
  }
}
