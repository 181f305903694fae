package org.astanaqa.bot.telegram.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.api.objects.Update;

class UpdateDispatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String inline(long updateId, long user, String query) {
    return "{\"update_id\":"
        + updateId
        + ",\"inline_query\":{\"id\":\"iq"
        + updateId
        + "\",\"from\":{\"id\":"
        + user
        + ",\"is_bot\":false,\"first_name\":\"Ann\"},\"query\":\""
        + query
        + "\",\"offset\":\"\"}}";
  }

  /**
   * A user typing "@bot question" sends an inline query per keystroke, and the Telegram app shows
   * the results of the text in the field only: an answer to a query whose text the user has typed
   * on from is never seen. Queued behind one being searched, each was searched and answered in
   * turn, each a search and a call wasted and the one the user waits for answered last. A query
   * that a newer one of the same user has superseded before its turn is done without an answer;
   * another user's queries are not touched.
   */
  @Test
  void anInlineQuerySupersededBeforeItsTurnIsNotAnswered() throws Exception {
    List<String> answered = new CopyOnWriteArrayList<>();
    CountDownLatch searching = new CountDownLatch(1);
    CountDownLatch typedOn = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try (UpdateJournal journal = UpdateJournal.open(dir.resolve("journal"))) {
      UpdateDispatcher dispatcher =
          new UpdateDispatcher(
              u -> {
                if (u.getInlineQuery().getQuery().equals("W")) {
                  searching.countDown();
                  try {
                    typedOn.await(); // the first keystroke's search runs while the user types
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
                answered.add(u.getInlineQuery().getQuery());
              },
              journal,
              workers);
      List<String> typed = List.of("W", "Wh", "Whe", "When", "When did");
      List<UpdateJournal.Entry> entries = new java.util.ArrayList<>();
      for (int i = 0; i < typed.size(); i++) {
        entries.add(new UpdateJournal.Entry(i + 1, 43, inline(i + 1, 43, typed.get(i))));
      }
      entries.add(new UpdateJournal.Entry(9, 44, inline(9, 44, "Who")));
      journal.received(-1, entries);
      dispatcher.dispatch(entries.get(0), JSON.readValue(entries.get(0).json(), Update.class));
      assertTrue(searching.await(5, TimeUnit.SECONDS));
      for (UpdateJournal.Entry e : entries.subList(1, entries.size())) {
        dispatcher.dispatch(e, JSON.readValue(e.json(), Update.class));
      }
      typedOn.countDown();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!journal.pending().isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(List.of(), journal.pending(), "every query done, answered or not");
      assertEquals(
          List.of("W", "When did"),
          answered.stream().filter(q -> !q.equals("Who")).toList(),
          "the one being searched, then the latest only");
      assertTrue(answered.contains("Who"), "another user's query is answered");
    } finally {
      workers.shutdownNow();
    }
  }
}
