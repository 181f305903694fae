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
      assertTrue(searching.await(30, TimeUnit.SECONDS));
      for (UpdateJournal.Entry e : entries.subList(1, entries.size())) {
        dispatcher.dispatch(e, JSON.readValue(e.json(), Update.class));
      }
      typedOn.countDown();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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

  private static String message(long updateId, long chat, int messageId) {
    return "{\"update_id\":"
        + updateId
        + ",\"message\":{\"message_id\":"
        + messageId
        + ",\"date\":1700000000,\"chat\":{\"id\":"
        + chat
        + ",\"type\":\"supergroup\"},\"text\":\"q\"}}";
  }

  /**
   * A reply due to wait for its chat's turn (a busy group's next minute) waits on a timer, not on
   * the one worker: another chat's question is answered meanwhile, the busy chat's later question
   * waits behind its first, "typing..." is shown while they wait and closed when the answering
   * starts; and a stop during the wait leaves the waiting update in the journal for the restart,
   * unstarted, without holding the stop.
   */
  @Test
  void anUpdateWaitingForItsChatsTurnWaitsOffTheWorkersAndAStopLeavesItForTheRestart()
      throws Exception {
    List<Long> answered = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicLong busyUntil =
        new java.util.concurrent.atomic.AtomicLong(System.nanoTime() + 600_000_000L);
    java.util.concurrent.atomic.AtomicInteger shown =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger closed =
        new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(1);
    java.util.concurrent.ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor();
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) {
            answered.add(u.getMessage().getChatId());
          }

          @Override
          public long turnInMillis(Update u) {
            return u.getMessage().getChatId() == -100
                ? Math.max(0, TimeUnit.NANOSECONDS.toMillis(busyUntil.get() - System.nanoTime()))
                : 0;
          }

          @Override
          public AutoCloseable waitingForTurn(Update u) {
            shown.incrementAndGet();
            return closed::incrementAndGet;
          }
        };
    try (UpdateJournal journal = UpdateJournal.open(dir.resolve("journal"))) {
      UpdateDispatcher dispatcher =
          new UpdateDispatcher(handler, journal, workers).waitTurnsOn(timers);
      // the wait is long enough to be taken off the worker, and then grows (a 429 meanwhile)
      // (3 s: a busy machine may take a while to answer the quiet chat; that one must come first)
      busyUntil.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000));
      List<UpdateJournal.Entry> entries =
          List.of(
              new UpdateJournal.Entry(1, -100, message(1, -100, 10)),
              new UpdateJournal.Entry(2, -100, message(2, -100, 11)),
              new UpdateJournal.Entry(3, 42, message(3, 42, 12)));
      journal.received(-1, entries);
      for (UpdateJournal.Entry e : entries) {
        dispatcher.dispatch(e, JSON.readValue(e.json(), Update.class));
      }
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
      while (answered.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(List.of(42L), answered, "the quiet chat at once, on the one worker");
      // grown: when the first wait ends (3 s from the dispatch) 2 s or more are left, more than
      // UpdateDispatcher.WAIT_OFF_THE_WORKERS_MILLIS, so it waits on the timer again
      busyUntil.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5000));
      end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (answered.size() < 3 && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(List.of(42L, -100L, -100L), answered, "the busy chat's, in order, after");
      assertTrue(
          System.nanoTime() - busyUntil.get() >= 0, "not before its turn, which grew meanwhile");
      assertEquals(1, shown.get(), "shown while the first waited (the second's turn had come)");
      assertEquals(1, closed.get(), "and closed when its answering started");
      assertEquals(List.of(), journal.pending());

      // A stop while one waits: not answered, left in the journal, the stop not held
      busyUntil.set(System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
      UpdateJournal.Entry waiting = new UpdateJournal.Entry(4, -100, message(4, -100, 13));
      journal.received(-1, List.of(waiting));
      dispatcher.dispatch(waiting, JSON.readValue(waiting.json(), Update.class));
      Thread.sleep(100);
      long t0 = System.nanoTime();
      assertTrue(dispatcher.drain(5_000), "nothing under way");
      // not held for the 60 s wait (3 s: room for a busy machine)
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "the stop is not held");
      assertEquals(List.of(4L), journal.pending().stream().map(UpdateJournal.Entry::id).toList());
      assertEquals(0, journal.starts(journal.pending().get(0)), "never started");
      assertEquals(3, answered.size());
    } finally {
      workers.shutdownNow();
      timers.shutdownNow();
    }
  }

  /**
   * A wait that begins once the answering has started (a 429 told to the reply itself, which the
   * sender tells as {@link UpdateDispatcher#waitingLong}): a stand-in answers the other chats on
   * the one worker's pool meanwhile and is taken back after; the waiting update's start is taken
   * back in the journal through the wait (a {@code kill -9} then is no fault of its, where before
   * two such kills gave it up and the restart answered it alone) and recorded again when it ends;
   * its chat is shown that it is being answered, unless its own indicator still is, closed when the
   * wait ends; its chat's next update waits behind it, and it is done only once it returns.
   */
  @Test
  void aLongWaitOnceTheAnsweringStartedLetsAStandInAnswerTheOtherChatsAndIsNoStart()
      throws Exception {
    List<Long> answered = new CopyOnWriteArrayList<>();
    List<Integer> starts = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger shown =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger closed =
        new java.util.concurrent.atomic.AtomicInteger();
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch waitEnds = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<UpdateDispatcher> self =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.ThreadPoolExecutor workers =
        (java.util.concurrent.ThreadPoolExecutor) Executors.newFixedThreadPool(1);
    try (UpdateJournal journal = UpdateJournal.open(dir.resolve("journal"))) {
      List<UpdateJournal.Entry> entries =
          List.of(
              new UpdateJournal.Entry(1, -100, message(1, -100, 10)),
              new UpdateJournal.Entry(2, -100, message(2, -100, 11)),
              new UpdateJournal.Entry(3, 42, message(3, 42, 12)));
      UpdateDispatcher.Handler handler =
          new UpdateDispatcher.Handler() {
            @Override
            public void handle(Update u) throws InterruptedException {
              if (u.getUpdateId() == 1) {
                // its answer's own "typing..." still open: none more shown
                try (AutoCloseable quiet = self.get().waitingLong(true)) {
                  assertEquals(0, shown.get());
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
                try (AutoCloseable wait = self.get().waitingLong(false)) {
                  starts.add(journal.starts(entries.get(0)));
                  waiting.countDown();
                  waitEnds.await();
                } catch (InterruptedException e) {
                  throw e;
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
                starts.add(journal.starts(entries.get(0)));
              }
              answered.add(u.getUpdateId().longValue());
            }

            @Override
            public AutoCloseable waitingForTurn(Update u) {
              shown.incrementAndGet();
              return closed::incrementAndGet;
            }
          };
      UpdateDispatcher dispatcher = new UpdateDispatcher(handler, journal, workers);
      self.set(dispatcher);
      journal.received(-1, entries);
      for (UpdateJournal.Entry e : entries) {
        dispatcher.dispatch(e, JSON.readValue(e.json(), Update.class));
      }
      // roomy deadlines, left as soon as met: a loaded CI machine took more than 5 s once
      assertTrue(waiting.await(30, TimeUnit.SECONDS));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (answered.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(List.of(3L), answered, "the other chat answered by a stand-in meanwhile");
      assertEquals(List.of(0), starts, "no start of update 1 while it waits");
      // a kill -9 now: the journal as the restart reads it counts no start of update 1
      Path killed = dir.resolve("journal-at-a-kill");
      java.nio.file.Files.copy(dir.resolve("journal"), killed);
      try (UpdateJournal restart = UpdateJournal.open(killed)) {
        UpdateJournal.Entry first = restart.pending().get(0);
        assertEquals(1, first.id());
        assertEquals(0, restart.starts(first), "not answered alone, nor given up, at the restart");
      }
      assertEquals(1, shown.get(), "its chat shown that it is answered");
      assertEquals(0, closed.get());
      assertEquals(
          List.of(1L, 2L), journal.pending().stream().map(UpdateJournal.Entry::id).toList());

      waitEnds.countDown();
      end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!journal.pending().isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(List.of(3L, 1L, 2L), answered, "the waiting chat's, in order, after");
      assertEquals(List.of(0, 1), starts, "started again when the wait ended");
      assertEquals(1, closed.get(), "what was shown closed when the wait ended");
      assertEquals(1, workers.getCorePoolSize(), "the stand-in taken back");
      assertEquals(1, workers.getMaximumPoolSize());
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * A stand-in whose thread cannot be started (the JVM out of threads: "unable to create native
   * thread", thrown out of the pool's {@code setCorePoolSize}) leaves the pool at its own size: the
   * sizes were raised before the thread was started, and the error, which the sender logs and then
   * waits on its thread as before, left them raised for good, a worker more after each such wait.
   */
  @Test
  void aStandInWhoseThreadCannotBeStartedLeavesThePoolAtItsSize() throws Exception {
    java.util.concurrent.atomic.AtomicInteger threads =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ThreadPoolExecutor workers =
        new java.util.concurrent.ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            r -> {
              if (threads.incrementAndGet() > 1) {
                throw new OutOfMemoryError(
                    "unable to create native thread: possibly out of memory");
              }
              return new Thread(r);
            });
    List<Long> answered = new CopyOnWriteArrayList<>();
    List<Boolean> told = new CopyOnWriteArrayList<>();
    CountDownLatch queued = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<UpdateDispatcher> self =
        new java.util.concurrent.atomic.AtomicReference<>();
    try (UpdateJournal journal = UpdateJournal.open(dir.resolve("journal"))) {
      UpdateDispatcher.Handler handler =
          u -> {
            if (u.getUpdateId() == 1) {
              queued.await(); // the other chat's update waits in the pool's queue
              AutoCloseable wait;
              try {
                wait = self.get().waitingLong(false);
              } catch (RuntimeException | Error e) {
                wait = null; // as the sender does: logged, and the call waits on its thread
              }
              told.add(wait != null);
              if (wait != null) {
                try {
                  wait.close();
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              }
            }
            answered.add(u.getUpdateId().longValue());
          };
      UpdateDispatcher dispatcher = new UpdateDispatcher(handler, journal, workers);
      self.set(dispatcher);
      List<UpdateJournal.Entry> entries =
          List.of(
              new UpdateJournal.Entry(1, -100, message(1, -100, 10)),
              new UpdateJournal.Entry(2, 42, message(2, 42, 11)));
      journal.received(-1, entries);
      for (UpdateJournal.Entry e : entries) {
        dispatcher.dispatch(e, JSON.readValue(e.json(), Update.class));
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (workers.getQueue().isEmpty() && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      queued.countDown();
      end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!journal.pending().isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(List.of(1L, 2L), answered);
      assertEquals(List.of(), journal.pending());
      assertEquals(1, workers.getCorePoolSize(), "no stand-in left behind: " + told);
      assertEquals(1, workers.getMaximumPoolSize());
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * A stop that comes as a reply's long wait ends: the stop closes the wait's "typing..." (which
   * waits up to a second for a chat action on its way), and the reply, which a wait ending within
   * the drain still sends, leaves only once that close is over. Before, the wait's own close found
   * it closed already and returned at once, and the reply went out ahead of the chat action in
   * flight: "typing..." under the answer.
   */
  @Test
  void aReplyWhoseWaitEndsAsTheStopClosesItsTypingLeavesOnlyAfterThatClose() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch waitEnds = new CountDownLatch(1);
    CountDownLatch closing = new CountDownLatch(1);
    CountDownLatch actionAnswered = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Thread> worker =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<UpdateDispatcher> self =
        new java.util.concurrent.atomic.AtomicReference<>();
    ExecutorService workers = Executors.newFixedThreadPool(1);
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) throws InterruptedException {
            worker.set(Thread.currentThread());
            try (AutoCloseable wait = self.get().waitingLong(false)) {
              waiting.countDown();
              waitEnds.await(); // a 429's retry_after
            } catch (InterruptedException e) {
              throw e;
            } catch (Exception e) {
              throw new AssertionError(e);
            }
            order.add("reply");
          }

          @Override
          public AutoCloseable waitingForTurn(Update u) {
            return () -> {
              closing.countDown();
              actionAnswered.await(); // a chat action on its way, which closing waits for
              order.add("typing closed");
            };
          }
        };
    try (UpdateJournal journal = UpdateJournal.open(dir.resolve("journal"))) {
      UpdateDispatcher dispatcher = new UpdateDispatcher(handler, journal, workers);
      self.set(dispatcher);
      UpdateJournal.Entry entry = new UpdateJournal.Entry(1, 42, message(1, 42, 10));
      journal.received(-1, List.of(entry));
      dispatcher.dispatch(entry, JSON.readValue(entry.json(), Update.class));
      assertTrue(waiting.await(30, TimeUnit.SECONDS));

      Thread stop =
          new Thread(
              () -> {
                try {
                  dispatcher.drain(5_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      stop.start();
      assertTrue(closing.await(30, TimeUnit.SECONDS), "the stop closes the wait's typing");
      waitEnds.countDown(); // the wait ends while that close waits for the chat action
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (order.isEmpty()
          && worker.get().getState() != Thread.State.BLOCKED
          && System.nanoTime() < end) {
        Thread.sleep(1);
      }
      actionAnswered.countDown();
      stop.join(5_000);
      assertEquals(List.of("typing closed", "reply"), order);
      assertEquals(List.of(), journal.pending(), "replied within the drain, and done");
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * A stop ends at once the "typing..." of the updates that wait: one waiting for its chat's turn
   * on the timer (a busy group's next minute) and one whose reply waits out a 429 on a worker. Both
   * are left for the restart, which answers them; before, their chats were shown "typing..." while
   * the bot stopped, the first until its timer came round (up to a minute, or a 429's 10), the
   * second until the stop's interrupt after the drain, for answers this run would never send.
   */
  @Test
  void aStopEndsTheTypingOfUpdatesThatWaitAtOnce() throws Exception {
    java.util.concurrent.atomic.AtomicInteger shown =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger closed =
        new java.util.concurrent.atomic.AtomicInteger();
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch waitEnds = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<UpdateDispatcher> self =
        new java.util.concurrent.atomic.AtomicReference<>();
    ExecutorService workers = Executors.newFixedThreadPool(1);
    java.util.concurrent.ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor();
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) throws InterruptedException {
            try (AutoCloseable wait = self.get().waitingLong(false)) {
              waiting.countDown();
              waitEnds.await(); // a 429's retry_after
            } catch (InterruptedException e) {
              throw e;
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          }

          @Override
          public long turnInMillis(Update u) {
            return u.getMessage().getChatId() == -100 ? 60_000 : 0;
          }

          @Override
          public AutoCloseable waitingForTurn(Update u) {
            shown.incrementAndGet();
            return closed::incrementAndGet;
          }
        };
    try (UpdateJournal journal = UpdateJournal.open(dir.resolve("journal"))) {
      UpdateDispatcher dispatcher =
          new UpdateDispatcher(handler, journal, workers).waitTurnsOn(timers);
      self.set(dispatcher);
      List<UpdateJournal.Entry> entries =
          List.of(
              new UpdateJournal.Entry(1, -100, message(1, -100, 10)),
              new UpdateJournal.Entry(2, 42, message(2, 42, 11)));
      journal.received(-1, entries);
      for (UpdateJournal.Entry e : entries) {
        dispatcher.dispatch(e, JSON.readValue(e.json(), Update.class));
      }
      assertTrue(waiting.await(30, TimeUnit.SECONDS));
      assertEquals(2, shown.get(), "both chats are shown that they are answered");
      assertEquals(0, closed.get());

      dispatcher.drain(200); // the worker still waits: stopped only by the stop's interrupt
      assertEquals(2, closed.get(), "both closed when the stop came, not when the waits end");
      waitEnds.countDown();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (journal.pending().size() > 1 && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(2, closed.get(), "each closed once");
      assertEquals(
          List.of(1L),
          journal.pending().stream().map(UpdateJournal.Entry::id).toList(),
          "the one waiting for its turn is left for the restart");
    } finally {
      workers.shutdownNow();
      timers.shutdownNow();
    }
  }

  /**
   * An Error (an OutOfMemoryError lands in whichever thread allocates next, RELIABILITY.md) thrown
   * while an update's chat's turn is told: on the timer, while the update waited, it was swallowed
   * by the scheduled task, the update never answered, its "typing..." renewed for good, and every
   * later update of its chat queued behind it until a restart; before the wait, the update was
   * skipped unanswered (left in the journal) while its chat's next one was answered. Either way it
   * is now answered as before the wait existed, on a worker, and what was shown is closed.
   */
  @Test
  void anErrorWhileItsChatsTurnIsToldLeavesNoUpdateUnansweredNorItsChatStuck() throws Exception {
    List<Long> answered = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger closed =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.Map<Long, java.util.concurrent.atomic.AtomicInteger> asked =
        new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService workers = Executors.newFixedThreadPool(1);
    java.util.concurrent.ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor();
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) {
            answered.add(u.getUpdateId().longValue());
          }

          @Override
          public long turnInMillis(Update u) {
            long chat = u.getMessage().getChatId();
            int n =
                asked
                    .computeIfAbsent(chat, c -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
            if (chat == -100 && n == 1) {
              throw new OutOfMemoryError("simulated, before the wait");
            }
            if (chat == -200 && n == 1) {
              return UpdateDispatcher.WAIT_OFF_THE_WORKERS_MILLIS; // waits on the timer
            }
            if (chat == -200 && n == 2) {
              throw new OutOfMemoryError("simulated, on the timer");
            }
            return 0;
          }

          @Override
          public AutoCloseable waitingForTurn(Update u) {
            return closed::incrementAndGet;
          }
        };
    try (UpdateJournal journal = UpdateJournal.open(dir.resolve("journal"))) {
      UpdateDispatcher dispatcher =
          new UpdateDispatcher(handler, journal, workers).waitTurnsOn(timers);
      List<UpdateJournal.Entry> entries =
          List.of(
              new UpdateJournal.Entry(1, -100, message(1, -100, 10)),
              new UpdateJournal.Entry(2, -100, message(2, -100, 11)),
              new UpdateJournal.Entry(3, -200, message(3, -200, 12)),
              new UpdateJournal.Entry(4, -200, message(4, -200, 13)));
      journal.received(-1, entries);
      for (UpdateJournal.Entry e : entries) {
        dispatcher.dispatch(e, JSON.readValue(e.json(), Update.class));
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
      while (answered.size() < 4 && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(
          List.of(1L, 2L),
          answered.stream().filter(id -> id <= 2).toList(),
          "the first chat's both, in order");
      assertEquals(
          List.of(3L, 4L),
          answered.stream().filter(id -> id > 2).toList(),
          "the second chat's both, in order, its queue not stuck");
      assertEquals(1, closed.get(), "what was shown while it waited is closed");
      assertEquals(List.of(), journal.pending());
    } finally {
      workers.shutdownNow();
      timers.shutdownNow();
    }
  }

  private static String press(long updateId, long chat) {
    return "{\"update_id\":"
        + updateId
        + ",\"callback_query\":{\"id\":\"cb"
        + updateId
        + "\",\"from\":{\"id\":"
        + chat
        + ",\"is_bot\":false,\"first_name\":\"Ann\"},\"chat_instance\":\"ci\",\"data\":\"v:x\"}}";
  }

  /**
   * The dispatcher and the sender each know how long Telegram takes a query's answer (their
   * packages do not depend on each other): the two must agree, or an answer would be dropped while
   * Telegram still takes it, or waited for when it no longer does.
   */
  @Test
  void theDispatcherAndTheSenderAgreeOnAQuerysLifetime() {
    assertEquals(
        TimeUnit.MILLISECONDS.toNanos(UpdateDispatcher.QUERY_LIFETIME_MILLIS),
        org.astanaqa.bot.telegram.send.Sender.QUERY_LIFETIME_NANOS);
    assertEquals(
        TimeUnit.MILLISECONDS.toNanos(UpdateDispatcher.INLINE_QUERY_LIFETIME_MILLIS),
        org.astanaqa.bot.telegram.send.Sender.INLINE_QUERY_LIFETIME_NANOS);
  }

  /**
   * Telegram takes an inline query's answer for about 10 s (bots report it refused 10.3 s after the
   * query came: eternnoir/pyTelegramBotAPI#270), less than a press's 15. A query received 12 s
   * before its turn (queued behind others, or journaled over a restart) was searched and answered
   * all the same, the answer refused, while the user's newer keystrokes waited behind it. It is now
   * skipped as too old; a press received as long ago still has 3 s for its answer.
   */
  @Test
  void anInlineQueryReceivedTwelveSecondsAgoIsNotSearchedButAPressIsAnswered() throws Exception {
    java.util.Map<String, Long> left = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try (UpdateJournal journal = UpdateJournal.open(dir.resolve("journal"))) {
      UpdateDispatcher dispatcher =
          new UpdateDispatcher(
              new UpdateDispatcher.Handler() {
                @Override
                public void handle(Update u) {
                  handled.add(u.hasInlineQuery() ? "inline" : "other");
                }

                @Override
                public UpdateDispatcher.Work press(Update u, boolean tooOld) {
                  handled.add(tooOld ? "press too old" : "press");
                  return null;
                }

                @Override
                public void answerWithin(Update u, long millis) {
                  left.put(u.hasCallbackQuery() ? "press" : "inline", millis);
                }
              },
              journal,
              workers);
      long twelveSecondsAgo = System.currentTimeMillis() - 12_000;
      List<UpdateJournal.Entry> entries = new java.util.ArrayList<>();
      for (String json : List.of(press(1, 43), inline(2, 44, "When"))) {
        entries.add(
            new UpdateJournal.Entry(
                JSON.readTree(json).path("update_id").asLong(),
                JSON.readTree(json).has("inline_query") ? 44 : 43,
                json,
                UpdateJournal.fingerprintOf(json),
                twelveSecondsAgo));
      }
      journal.received(-1, entries);
      for (UpdateJournal.Entry e : entries) {
        dispatcher.dispatch(e, JSON.readValue(e.json(), Update.class));
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!journal.pending().isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(List.of(), journal.pending());
      assertEquals(List.of("press"), handled, "the press answered, the inline query not searched");
      assertTrue(left.get("press") > 0 && left.get("press") <= 3_000, "left: " + left);
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * Telegram refuses the answer to a button press or an inline query about 15 s after it came, so
   * the handler is told, before it answers one, how long Telegram still takes that answer, counted
   * from when the update was received (the journal's time), not from when its answer starts: a
   * query received 8 s ago has 7 s left at most. Its answer is then neither waited for nor sent
   * again beyond that (before, up to 150 s: the request timeout and the patient resend).
   */
  @Test
  void aQueryIsAnsweredWithinTheTimeTelegramStillTakesItsAnswerCountedFromItsReception()
      throws Exception {
    java.util.Map<String, Long> left = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try (UpdateJournal journal = UpdateJournal.open(dir.resolve("journal"))) {
      UpdateDispatcher dispatcher =
          new UpdateDispatcher(
              new UpdateDispatcher.Handler() {
                @Override
                public void handle(Update u) {}

                @Override
                public void answerWithin(Update u, long millis) {
                  left.put(u.hasCallbackQuery() ? "press" : "inline", millis);
                }
              },
              journal,
              workers);
      long eightSecondsAgo = System.currentTimeMillis() - 8_000;
      List<UpdateJournal.Entry> entries = new java.util.ArrayList<>();
      for (String json : List.of(press(1, 43), inline(2, 43, "When"), message(3, 43, 5, "Hi"))) {
        entries.add(
            new UpdateJournal.Entry(
                JSON.readTree(json).path("update_id").asLong(),
                43,
                json,
                UpdateJournal.fingerprintOf(json),
                eightSecondsAgo));
      }
      journal.received(-1, entries);
      for (UpdateJournal.Entry e : entries) {
        dispatcher.dispatch(e, JSON.readValue(e.json(), Update.class));
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!journal.pending().isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(List.of(), journal.pending());
      assertEquals(java.util.Set.of("press", "inline"), left.keySet(), "a message has no limit");
      for (long millis : left.values()) {
        assertTrue(millis <= 7_000 && millis > 0, "left: " + millis + " ms");
      }
    } finally {
      workers.shutdownNow();
    }
  }

  private static String message(long updateId, long chat, int messageId, String text) {
    return "{\"update_id\":"
        + updateId
        + ",\"message\":{\"message_id\":"
        + messageId
        + ",\"date\":1700000000,\"chat\":{\"id\":"
        + chat
        + ",\"type\":\"private\"},\"from\":{\"id\":"
        + chat
        + ",\"is_bot\":false,\"first_name\":\"Ann\"},\"text\":\""
        + text
        + "\"}}";
  }

  /**
   * After restarts: an update whose answering was under way each of the last two times the bot died
   * ({@link UpdateDispatcher#MAX_STARTS}) is not answered again but given up, its user told once,
   * an ERROR naming its id and not its text; one under way at a single death (a kill -9 that may
   * have nothing to do with it) is answered, alone, before the others; the rest are answered. All
   * are done, so the next restart answers nothing again.
   */
  @Test
  void anUpdateUnderWayAtTwoDeathsIsGivenUpAndOneUnderWayAtOneIsAnsweredAloneFirst()
      throws Exception {
    Path file = dir.resolve("journal");
    UpdateJournal.Entry poison = new UpdateJournal.Entry(1, 42, message(1, 42, 10, "poison"));
    UpdateJournal.Entry bystander = new UpdateJournal.Entry(2, 43, message(2, 43, 11, "beside"));
    UpdateJournal.Entry waiting = new UpdateJournal.Entry(3, 44, message(3, 44, 12, "queued"));
    UpdateJournal.Entry later = new UpdateJournal.Entry(4, 43, message(4, 43, 13, "later"));
    UpdateJournal run1 = UpdateJournal.open(file);
    run1.received(-1, List.of(poison, bystander, waiting, later));
    run1.started(poison);
    run1.started(bystander); // answered beside it when the process died: kill -9, no close
    UpdateJournal run2 = UpdateJournal.open(file);
    run2.started(poison); // the restart answered it alone, and it died again
    List<String> handled = new CopyOnWriteArrayList<>();
    List<String> told = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger inFlight =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Integer> alongside = new CopyOnWriteArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try (org.astanaqa.bot.telegram.LogCapture logs = new org.astanaqa.bot.telegram.LogCapture();
        UpdateJournal run3 = UpdateJournal.open(file)) {
      UpdateDispatcher dispatcher =
          new UpdateDispatcher(
              new UpdateDispatcher.Handler() {
                @Override
                public void handle(Update u) throws InterruptedException {
                  inFlight.incrementAndGet();
                  Thread.sleep(50);
                  alongside.add(inFlight.get()); // itself and any started while it ran
                  handled.add(u.getMessage().getText());
                  inFlight.decrementAndGet();
                }

                @Override
                public void failed(Update u, boolean pressAnswered, boolean tooOld) {
                  told.add(u.getMessage().getText());
                }
              },
              run3,
              workers);
      List<UpdateJournal.Entry> entries = run3.pending();
      List<Update> updates = new java.util.ArrayList<>();
      for (UpdateJournal.Entry e : entries) {
        updates.add(JSON.readValue(e.json(), Update.class));
      }
      dispatcher.resume(entries, updates);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!run3.pending().isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(List.of(), run3.pending(), "every update done");
      assertEquals(List.of("poison"), told, "its user told once");
      assertEquals("beside", handled.get(0), "the one under way at one death, first");
      assertEquals(
          java.util.Set.of("beside", "queued", "later"),
          java.util.Set.copyOf(handled),
          "the others answered, the poison not");
      assertEquals(3, handled.size());
      assertEquals(1, alongside.get(0), "answered alone: nothing started while it ran");
      List<String> errors = logs.atLeast(ch.qos.logback.classic.Level.ERROR);
      assertEquals(1, errors.size(), errors.toString());
      assertTrue(errors.get(0).contains("update 1:"), errors.get(0));
      assertTrue(!errors.get(0).contains("poison"), "never its text: " + errors.get(0));
    } finally {
      workers.shutdownNow();
    }
    assertEquals(List.of(), UpdateJournal.open(file).pending(), "nothing for the next restart");
  }

  /**
   * A button press is answered in two steps: its toast on the press workers, then what it shows in
   * its chat ("More", a page turn), queued in the chat's order on the chat's workers. A stop that
   * came while that second step still waited behind the chat's answer (the stop drops queued work)
   * left the press's start journaled and never ended: the restart took it for an update under way
   * at a crash ("a kill -9?"), and two such stops gave it up as one that kills the bot, its user
   * told to try again. A stop is no death: the closed journal counts no start of this process.
   */
  @Test
  void aPressWhoseChatWorkWasStillQueuedAtAStopIsNoCrashAfterTheRestart() throws Exception {
    Path file = dir.resolve("journal");
    CountDownLatch answering = new CountDownLatch(1);
    CountDownLatch toasted = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(1);
    ExecutorService queries = Executors.newFixedThreadPool(1);
    UpdateJournal journal = UpdateJournal.open(file);
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) throws InterruptedException {
            answering.countDown();
            Thread.sleep(Long.MAX_VALUE); // the chat's answer, until the stop interrupts it
          }

          @Override
          public UpdateDispatcher.Work press(Update u, boolean tooOld) {
            toasted.countDown();
            return () -> {}; // "More": the next quote in the chat, after the chat's answer
          }
        };
    UpdateDispatcher dispatcher = new UpdateDispatcher(handler, journal, workers, queries);
    String question =
        "{\"update_id\":1,\"message\":{\"message_id\":10,\"date\":1700000000,"
            + "\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"When?\"}}";
    String press =
        "{\"update_id\":2,\"callback_query\":{\"id\":\"cq2\",\"from\":{\"id\":42,"
            + "\"is_bot\":false,\"first_name\":\"Ann\"},\"chat_instance\":\"i\","
            + "\"data\":\"m:k:1\",\"message\":{\"message_id\":1000,\"date\":1700000000,"
            + "\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"an answer\"}}}";
    List<UpdateJournal.Entry> entries =
        List.of(new UpdateJournal.Entry(1, 42, question), new UpdateJournal.Entry(2, 42, press));
    journal.received(-1, entries);
    dispatcher.dispatch(entries.get(0), JSON.readValue(question, Update.class));
    assertTrue(answering.await(30, TimeUnit.SECONDS));
    dispatcher.dispatch(entries.get(1), JSON.readValue(press, Update.class));
    assertTrue(toasted.await(30, TimeUnit.SECONDS));
    Thread.sleep(100); // the press's chat work is queued behind the answer
    // The stop, as TelegramRunner.close() does it.
    assertTrue(!dispatcher.drain(200), "the chat's answer still runs");
    workers.shutdownNow();
    queries.shutdownNow();
    assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
    assertTrue(queries.awaitTermination(5, TimeUnit.SECONDS));
    journal.close();
    UpdateJournal restarted = UpdateJournal.open(file);
    assertEquals(2, restarted.pending().size(), "both answered after the restart");
    for (UpdateJournal.Entry e : restarted.pending()) {
      assertEquals(0, restarted.starts(e), "update " + e.id() + " counted as a crash");
    }
  }

  /**
   * An update whose answering hangs its worker (a search that never returns, a call that ignores
   * the interrupt) is still running when the bot stops and its journal closes. Before, the close
   * took its start back as that of an answer the stop interrupted, so the restart answered it as
   * new, it hung again, and so at every restart, for good, its user never told. A start still
   * running at the close stays counted, as a death would count it: after the second hang the
   * restart gives it up ({@link UpdateDispatcher#MAX_STARTS}), its user told once to try again.
   */
  @Test
  void anUpdateThatHangsItsWorkerAtEveryStopIsGivenUpAfterItsSecondHang() throws Exception {
    Path file = dir.resolve("journal");
    String question =
        "{\"update_id\":1,\"message\":{\"message_id\":10,\"date\":1700000000,"
            + "\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"When?\"}}";
    Update update = JSON.readValue(question, Update.class);
    CountDownLatch release = new CountDownLatch(1);
    List<String> answering = new CopyOnWriteArrayList<>();
    List<String> told = new CopyOnWriteArrayList<>();
    UpdateDispatcher.Handler hangs =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) {
            answering.add(u.getMessage().getText());
            while (true) {
              try {
                release.await(); // hung: the stop's interrupt does not end it
                return;
              } catch (InterruptedException ignored) {
                // a worker that swallows the interrupt, as a hung library call does
              }
            }
          }

          @Override
          public void failed(Update u, boolean pressAnswered, boolean tooOld) {
            told.add(u.getMessage().getText());
          }
        };
    List<ExecutorService> pools = new java.util.ArrayList<>();
    try {
      for (int run = 1; run <= 2; run++) {
        UpdateJournal journal = UpdateJournal.open(file);
        if (run == 1) {
          journal.received(-1, List.of(new UpdateJournal.Entry(1, 42, question)));
        }
        ExecutorService workers = Executors.newFixedThreadPool(1);
        pools.add(workers);
        UpdateDispatcher dispatcher = new UpdateDispatcher(hangs, journal, workers);
        dispatcher.dispatch(journal.pending().get(0), update);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answering.size() < run && System.nanoTime() < end) {
          Thread.sleep(5);
        }
        assertEquals(run, answering.size(), "answered at run " + run);
        // The stop, as TelegramRunner.close() does it: the worker does not end.
        assertTrue(!dispatcher.drain(50), "still answering when the stop comes");
        workers.shutdownNow();
        assertTrue(!workers.awaitTermination(100, TimeUnit.MILLISECONDS), "hung");
        journal.close();
        UpdateJournal reopened = UpdateJournal.open(file);
        assertEquals(
            run, reopened.starts(reopened.pending().get(0)), "the hang counts, after run " + run);
      }
      UpdateJournal journal = UpdateJournal.open(file);
      ExecutorService workers = Executors.newFixedThreadPool(1);
      pools.add(workers);
      UpdateDispatcher dispatcher = new UpdateDispatcher(hangs, journal, workers);
      List<UpdateJournal.Entry> entries = journal.pending();
      dispatcher.resume(entries, List.of(update));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!journal.pending().isEmpty() && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      assertEquals(List.of(), journal.pending(), "given up, done");
      assertEquals(List.of("When?"), told, "its user told once to try again");
      assertEquals(2, answering.size(), "not answered a third time");
      journal.close();
      assertEquals(List.of(), UpdateJournal.open(file).pending(), "nothing for the next restart");
    } finally {
      release.countDown();
      for (ExecutorService p : pools) {
        p.shutdownNow();
        p.awaitTermination(5, TimeUnit.SECONDS); // their last writes before the folder goes
      }
    }
  }

  /**
   * A button press is answered in two steps on two threads: its toast on a press worker, then what
   * it shows in its chat on a chat worker. The chat worker may start that second step before the
   * press worker has returned from the first, and the first's end said "no longer under way" of the
   * update while the second still ran: kept as one flag per update, not one per answering under
   * way, the second step then hung through the stop unseen, its start taken back at the close, and
   * the restart answered (and hung on) the press again, for good. Here the chat worker starts
   * before the press worker returns (the chat pool's hand-over waits for it), and its work hangs
   * through the stop: that start stays counted.
   */
  @Test
  void aPressWhoseChatWorkHangsThroughAStopCountsWhenItStartedBeforeTheToastReturned()
      throws Exception {
    Path file = dir.resolve("journal");
    String press =
        "{\"update_id\":2,\"callback_query\":{\"id\":\"cq2\",\"from\":{\"id\":42,"
            + "\"is_bot\":false,\"first_name\":\"Ann\"},\"chat_instance\":\"i\","
            + "\"data\":\"m:k:1\",\"message\":{\"message_id\":1000,\"date\":1700000000,"
            + "\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"an answer\"}}}";
    CountDownLatch chatWorkRuns = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService chatThreads = Executors.newFixedThreadPool(1);
    ExecutorService queries = Executors.newFixedThreadPool(1);
    // The chat workers' pool: it hands the press's chat work over, then lets the press worker go
    // on only once that work runs, so the chat worker's start comes before the toast's end.
    ExecutorService workers =
        new java.util.concurrent.AbstractExecutorService() {
          @Override
          public void execute(Runnable task) {
            chatThreads.execute(task);
            try {
              assertTrue(chatWorkRuns.await(30, TimeUnit.SECONDS), "the chat work runs");
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void shutdown() {
            chatThreads.shutdown();
          }

          @Override
          public List<Runnable> shutdownNow() {
            return chatThreads.shutdownNow();
          }

          @Override
          public boolean isShutdown() {
            return chatThreads.isShutdown();
          }

          @Override
          public boolean isTerminated() {
            return chatThreads.isTerminated();
          }

          @Override
          public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return chatThreads.awaitTermination(timeout, unit);
          }
        };
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) {}

          @Override
          public UpdateDispatcher.Work press(Update u, boolean tooOld) {
            return () -> {
              chatWorkRuns.countDown();
              while (true) {
                try {
                  release.await(); // hung: the stop's interrupt does not end it
                  return;
                } catch (InterruptedException ignored) {
                  // a call that swallows the interrupt
                }
              }
            };
          }
        };
    try {
      UpdateJournal journal = UpdateJournal.open(file);
      UpdateJournal.Entry entry = new UpdateJournal.Entry(2, 42, press);
      journal.received(-1, List.of(entry));
      UpdateDispatcher dispatcher = new UpdateDispatcher(handler, journal, workers, queries);
      dispatcher.dispatch(entry, JSON.readValue(press, Update.class));
      assertTrue(chatWorkRuns.await(30, TimeUnit.SECONDS));
      queries.shutdown();
      assertTrue(queries.awaitTermination(5, TimeUnit.SECONDS), "the toast's step returned");
      // The stop, as TelegramRunner.close() does it: the chat work does not end.
      assertTrue(!dispatcher.drain(50), "the chat work still runs");
      chatThreads.shutdownNow();
      assertTrue(!chatThreads.awaitTermination(100, TimeUnit.MILLISECONDS), "hung");
      journal.close();
      UpdateJournal reopened = UpdateJournal.open(file);
      assertEquals(1, reopened.pending().size());
      assertEquals(1, reopened.starts(reopened.pending().get(0)), "its hang counts");
    } finally {
      release.countDown();
      chatThreads.shutdownNow();
      queries.shutdownNow();
      chatThreads.awaitTermination(5, TimeUnit.SECONDS); // its last writes before the folder goes
      queries.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * An update whose answering throws while the bot stops: its user is to be told to try again, but
   * sending has stopped, so the "try again" is refused. Before, the update was marked done all the
   * same, its user told nothing, ever, though the README promises every such user is told. Now it
   * stays in the journal, its start no crash, and the restart answers it (or tells its user then).
   */
  @Test
  void anUpdateThatFailsWhileTheBotStopsIsLeftForTheRestartNotDoneInSilence() throws Exception {
    Path file = dir.resolve("journal");
    CountDownLatch answering = new CountDownLatch(1);
    CountDownLatch stopping = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(1);
    UpdateJournal journal = UpdateJournal.open(file);
    UpdateDispatcher.Handler handler =
        new UpdateDispatcher.Handler() {
          @Override
          public void handle(Update u) throws InterruptedException {
            answering.countDown();
            stopping.await();
            throw new IllegalStateException("the index is being swapped");
          }

          @Override
          public void failed(Update u, boolean pressAnswered, boolean tooOld)
              throws InterruptedException {
            throw new InterruptedException("stopping: sendmessage not sent"); // as Sender does
          }
        };
    UpdateDispatcher dispatcher = new UpdateDispatcher(handler, journal, workers);
    String question =
        "{\"update_id\":1,\"message\":{\"message_id\":10,\"date\":1700000000,"
            + "\"chat\":{\"id\":42,\"type\":\"private\"},\"text\":\"When?\"}}";
    UpdateJournal.Entry entry = new UpdateJournal.Entry(1, 42, question);
    journal.received(-1, List.of(entry));
    dispatcher.dispatch(entry, JSON.readValue(question, Update.class));
    assertTrue(answering.await(30, TimeUnit.SECONDS));
    assertTrue(!dispatcher.drain(100), "still answering when the stop comes");
    stopping.countDown();
    assertTrue(dispatcher.drain(5000));
    workers.shutdownNow();
    journal.close();
    UpdateJournal restarted = UpdateJournal.open(file);
    assertEquals(1, restarted.pending().size(), "left for the restart, its user not told yet");
    assertEquals(0, restarted.starts(restarted.pending().get(0)), "and no crash");
  }

  /**
   * An exception whose causes loop (a library that set a cause pointing back up the chain; {@code
   * initCause} refuses only itself) is no interrupt and is said so at once. Before, the walk along
   * its causes never ended: the worker answering the update spun for good while the bot stopped.
   */
  @Test
  void aCycleOfCausesIsWalkedOnceAndEnds() throws Exception {
    RuntimeException a = new RuntimeException("a");
    IllegalStateException b = new IllegalStateException("b");
    a.initCause(b);
    b.initCause(a);
    RuntimeException interrupted = new RuntimeException("c");
    RuntimeException d = new RuntimeException("d", interrupted);
    interrupted.initCause(new IllegalStateException("e", d));
    java.util.concurrent.atomic.AtomicReference<List<Boolean>> said =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread walk =
        new Thread(
            () ->
                said.set(
                    List.of(
                        UpdateDispatcher.byInterrupt(a),
                        UpdateDispatcher.byInterrupt(
                            new RuntimeException(
                                "f", new java.nio.channels.ClosedByInterruptException())),
                        UpdateDispatcher.byInterrupt(d))));
    walk.setDaemon(true); // before, it never ended
    walk.start();
    walk.join(5000);
    assertEquals(List.of(false, true, false), said.get(), "a cycle of causes walked to its end");
  }
}
