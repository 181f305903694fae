package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as its own process, against the Telegram-like {@link FakeBotApi} (which forgets every
 * update an offset confirms), stopped with SIGTERM or SIGKILL in the middle of a backlog and
 * started again: no question is lost, and the only repeats are replies on the wire at a kill -9.
 */
class KillAndRestartTest {
  /**
   * Every wait ends as soon as what it waits for happened; the deadline is roomy because a bot
   * process starting on a busy machine (two test forks, other builds) can take half a minute before
   * its first answer.
   */
  private static final long WAIT = 90_000;

  private static final int QUESTIONS = 200;
  private static final int CHATS = 50;
  private static final int WORKERS = 4;

  private static Process start(FakeBotApi api, Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "org.astanaqa.bot.Main",
            "--config",
            config.toString(),
            "--mode",
            "bm25",
            "telegram");
    pb.environment().put("TELEGRAM_BOT_TOKEN", TelegramEndToEndTest.TOKEN);
    pb.environment().put("TELEGRAM_API_URL", api.url());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  private static Path config(Path data) throws Exception {
    // Sending paced at Telegram's limits (the defaults: 30 a second, 1 a second per chat), so that
    // a backlog is still queued at the stop and the fake's flood limits refuse nothing.
    return withDataDir(
        data,
        "bot.yaml",
        "\n"
            + "telegram:\n  workers: "
            + WORKERS
            + "\n  questionsPerUserPerMinute: 1000\n  pollSeconds: 2\n");
  }

  /**
   * A configuration file {@code name} in {@code data} whose data folder is {@code data}, then
   * {@code rest} (which begins with its own line break).
   */
  private static Path withDataDir(Path data, String name, String rest) throws Exception {
    return Files.writeString(
        data.resolve(name),
        "dataDir: " + data.toString().replace("\\", "/") + rest,
        StandardCharsets.UTF_8);
  }

  private static Map<Integer, Integer> replies(FakeBotApi api) {
    Map<Integer, Integer> n = new HashMap<>();
    for (FakeBotApi.Call c : api.calls("sendMessage")) {
      n.merge(c.body().path("reply_parameters").path("message_id").asInt(), 1, Integer::sum);
    }
    return n;
  }

  private static void awaitAll(FakeBotApi api) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
    while (System.nanoTime() < end && replies(api).size() < QUESTIONS) {
      Thread.sleep(50);
    }
  }

  /** Queues the backlog, stops the bot part-way through it, restarts it; returns the repeats. */
  private static int stopInTheMiddleAndRestart(Path data, boolean kill) throws Exception {
    Path log = data.resolve("bot.out");
    Path config = config(data);
    try (FakeBotApi api = new FakeBotApi(TelegramEndToEndTest.TOKEN)) {
      for (int i = 1; i <= QUESTIONS; i++) {
        api.push(
            FakeBotApi.privateText(
                i, 1000 + i % CHATS, i, "When was the Sochi memorandum signed?"));
      }
      long started = System.nanoTime();
      Process bot = start(api, config, log);
      assertTrue(
          api.await("sendMessage", c -> true, 40, WAIT).size() >= 40,
          "40 answered before the stop:\n" + Files.readString(log));
      long firstRun = (System.nanoTime() - started) / 1_000_000;
      int before = api.calls("sendMessage").size();
      long t0 = System.nanoTime();
      if (kill) {
        bot.destroyForcibly(); // SIGKILL
      } else {
        bot.destroy(); // SIGTERM
      }
      assertTrue(bot.waitFor(15, TimeUnit.SECONDS));
      long stopMs = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(api.forgotten() > 0, "Telegram forgot confirmed updates, as it does");
      long restarted = System.nanoTime();
      bot = start(api, config, log);
      try {
        awaitAll(api);
        long secondRun = (System.nanoTime() - restarted) / 1_000_000;
        Thread.sleep(500); // more polls: nothing comes twice
        String out = Files.readString(log);
        Map<Integer, Integer> n = replies(api);
        List<Integer> lost =
            IntStream.rangeClosed(1, QUESTIONS).filter(i -> !n.containsKey(i)).boxed().toList();
        int repeats = n.values().stream().mapToInt(c -> c - 1).sum();
        System.out.printf(
            "%s after %d of %d answered (start to 40 answers %d ms, stop %d ms, restart to all"
                + " answered %d ms): %d lost, %d repeated%n",
            kill ? "kill -9" : "SIGTERM",
            before,
            QUESTIONS,
            firstRun,
            stopMs,
            secondRun,
            lost.size(),
            repeats);
        assertEquals(List.of(), lost, "lost updates; bot output:\n" + out);
        assertEquals(
            List.of(),
            api.floodRefused().stream().map(c -> c.method() + " " + c.body()).toList(),
            "beyond Telegram's flood limits, across the restart");
        assertFalse(
            out.contains(TelegramEndToEndTest.TOKEN),
            "the token never appears in the logs:\n" + out);
        assertInOrderPerChat(api);
        if (!kill) {
          assertFalse(out.contains(" ERROR "), "a clean stop and restart log no error:\n" + out);
        }
        return repeats;
      } finally {
        bot.destroy();
        bot.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Each chat's questions were first answered in the order they were asked. */
  private static void assertInOrderPerChat(FakeBotApi api) {
    Map<Long, LinkedHashSet<Integer>> firsts = new HashMap<>();
    for (FakeBotApi.Call c : api.calls("sendMessage")) {
      firsts
          .computeIfAbsent(c.body().path("chat_id").asLong(), k -> new LinkedHashSet<>())
          .add(c.body().path("reply_parameters").path("message_id").asInt());
    }
    for (Map.Entry<Long, LinkedHashSet<Integer>> e : firsts.entrySet()) {
      List<Integer> order = new ArrayList<>(e.getValue());
      List<Integer> sorted = new ArrayList<>(order);
      sorted.sort(null);
      assertEquals(sorted, order, "chat " + e.getKey() + " answered out of order");
    }
  }

  @Test
  void sigtermInTheMiddleOfABacklogLosesNothingAndRepeatsNothing(@TempDir Path data)
      throws Exception {
    assertEquals(
        0, stopInTheMiddleAndRestart(data, false), "SIGTERM finishes the replies under way");
  }

  /**
   * A reply that was on the wire at the instant of the kill cannot be known to have arrived (the
   * Bot API has no idempotency key), so it is sent again after the restart: at most one per worker.
   */
  @Test
  void killMinus9InTheMiddleOfABacklogLosesNothing(@TempDir Path data) throws Exception {
    int repeats = stopInTheMiddleAndRestart(data, true);
    assertTrue(
        repeats <= WORKERS,
        repeats + " repeated replies: more than the " + WORKERS + " that can be on the wire");
  }

  /** A 👎 acknowledged to the user is on disk: a kill -9 right after it loses nothing. */
  @Test
  void aThumbsDownPressedBeforeAKillMinus9IsThereAfterTheRestart(@TempDir Path data)
      throws Exception {
    Path log = data.resolve("bot.out");
    Path config =
        withDataDir(
            data, "feedback.yaml", "\n" + "telegram:\n  adminIds: [42]\n  pollSeconds: 1\n");
    try (FakeBotApi api = new FakeBotApi(TelegramEndToEndTest.TOKEN)) {
      api.push(FakeBotApi.privateText(1, 7, 10, "When was the Sochi memorandum signed?"));
      Process bot = start(api, config, log);
      try {
        List<FakeBotApi.Call> answer = api.await("sendMessage", c -> true, 1, WAIT);
        assertEquals(1, answer.size(), Files.readString(log));
        String down = null;
        for (com.fasterxml.jackson.databind.JsonNode row :
            answer.get(0).body().path("reply_markup").path("inline_keyboard")) {
          for (com.fasterxml.jackson.databind.JsonNode b : row) {
            if (b.path("text").asText().equals(UxTexts.VOTE_DOWN)) {
              down = b.path("callback_data").asText();
            }
          }
        }
        api.push(FakeBotApi.callback(2, 7, 1000, down));
        List<FakeBotApi.Call> acks = api.await("answerCallbackQuery", c -> true, 1, WAIT);
        assertEquals(
            org.astanaqa.bot.reply.Texts.english().get("vote.noted"),
            acks.get(0).body().path("text").asText());
        bot.destroyForcibly(); // SIGKILL, right after the toast
        assertTrue(bot.waitFor(15, TimeUnit.SECONDS));
        bot = start(api, config, log);
        api.push(FakeBotApi.privateText(3, 42, 11, "/feedback"));
        List<FakeBotApi.Call> summary =
            api.await(
                "sendMessage",
                c -> c.body().path("reply_parameters").path("message_id").asInt() == 11,
                1,
                WAIT);
        assertEquals(1, summary.size(), Files.readString(log));
        String text = summary.get(0).body().path("text").asText();
        assertTrue(
            text.contains("When was the Sochi memorandum signed?") && text.contains("1 shown"),
            text);
      } finally {
        bot.destroy();
        bot.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * "Full passage" and a /sources page sent as new messages below messages Telegram will not edit,
   * then a kill -9: the marks that make a press again say "in the message below" were in memory
   * only, so after the restart each press sent its passage or page a second time. Each mark is
   * forced to disk once its content was delivered (the test kills the bot once both are there, or
   * after 10 s without), and a press after the restart is told the content is below and sends
   * nothing new.
   */
  @Test
  void aPassageAndAPageSentBelowBeforeAKillMinus9AreNotSentAgainAfterTheRestart(@TempDir Path data)
      throws Exception {
    Path log = data.resolve("bot.out");
    // More documents than a /sources page lists, so that its list has a Next button.
    Path corpus = Files.createDirectories(data.resolve("corpus"));
    Files.writeString(
        corpus.resolve("sochi.txt"),
        "Delegations of Russia and Turkey met in the resort city in September 2018. The Sochi"
            + " memorandum on Idlib was signed on 17 September 2018 by Russia and Turkey. It set up"
            + " a demilitarized zone fifteen to twenty kilometres deep along the contact line, and"
            + " observers from both countries were to patrol it.\n");
    for (int i = 0; i < SourcesPages.PER_PAGE; i++) {
      Files.writeString(
          corpus.resolve("round" + i + ".txt"),
          "Round " + i + " of the Astana talks met in the capital of Kazakhstan.\n");
    }
    Path config =
        withDataDir(
            data,
            "below.yaml",
            "\ncorpus: "
                + corpus.toString().replace("\\", "/")
                + "\ntelegram:\n  questionsPerUserPerMinute: 1000\n  pollSeconds: 1\n");
    Path buttons = data.resolve(ButtonStore.FILE);
    try (FakeBotApi api = new FakeBotApi(TelegramEndToEndTest.TOKEN)) {
      api.push(FakeBotApi.privateText(1, 7, 10, "When was the Sochi memorandum signed?"));
      api.push(FakeBotApi.privateText(2, 7, 11, "/sources"));
      Process bot = start(api, config, log);
      try {
        List<FakeBotApi.Call> sent = api.await("sendMessage", c -> true, 2, WAIT);
        assertEquals(2, sent.size(), Files.readString(log));
        String full = buttonOf(sent.get(0).body(), "Full passage");
        String next = buttonOf(sent.get(1).body(), "Next \u203a");
        api.uneditable(7, 1000); // the answer
        api.uneditable(7, 1001); // the list of sources
        api.push(FakeBotApi.callback(3, 7, 1000, full));
        api.push(FakeBotApi.callback(4, 7, 1001, next));
        assertEquals(
            4,
            api.await("sendMessage", c -> true, 4, WAIT).size(),
            "the passage and the page, each below: " + Files.readString(log));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end
            && !(Files.readString(buttons).contains("1000/" + full)
                && Files.readString(buttons).contains("1001/" + next))) {
          Thread.sleep(20);
        }
        bot.destroyForcibly(); // SIGKILL
        assertTrue(bot.waitFor(15, TimeUnit.SECONDS));
        bot = start(api, config, log);
        api.push(FakeBotApi.callback(5, 7, 1000, full));
        api.push(FakeBotApi.callback(6, 7, 1001, next));
        List<FakeBotApi.Call> acks = api.await("answerCallbackQuery", c -> true, 4, WAIT);
        assertEquals(4, acks.size(), Files.readString(log));
        for (FakeBotApi.Call ack : acks.subList(2, 4)) {
          // Told at the press, before anything is sent: a press told nothing sends its content.
          assertTrue(
              ack.body().path("text").asText().contains("message below"),
              "told it is below, not sent again: " + ack.body());
        }
        assertEquals(4, api.calls("sendMessage").size(), "nothing sent again");
      } finally {
        bot.destroy();
        bot.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String buttonOf(com.fasterxml.jackson.databind.JsonNode message, String label) {
    for (com.fasterxml.jackson.databind.JsonNode row :
        message.path("reply_markup").path("inline_keyboard")) {
      for (com.fasterxml.jackson.databind.JsonNode b : row) {
        if (b.path("text").asText().equals(label)) {
          return b.path("callback_data").asText();
        }
      }
    }
    throw new AssertionError("no " + label + " button: " + message);
  }

  /** {@link CrashingBot}, with {@code -XX:+ExitOnOutOfMemoryError}: its poison ends the JVM. */
  private static Process startCrashing(FakeBotApi api, Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx512m",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            CrashingBot.class.getName(),
            config.toString());
    pb.environment().put("TELEGRAM_BOT_TOKEN", TelegramEndToEndTest.TOKEN);
    pb.environment().put("TELEGRAM_API_URL", api.url());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /**
   * A "poison" question: answering it runs the JVM out of memory, which ends the process (as a
   * native crash, the OOM killer or a kill -9 while it is answered would). It is never marked done,
   * and before, every restart answered it again and died again: no chat was answered after its
   * turn, for good. Now each start of its answering is on disk first; after the first crash the
   * updates that were under way are answered alone, the poison ends the bot a second time, and the
   * next start gives it up: one ERROR naming its id (not its text), its user told once, in Russian,
   * to try again, and every other chat's question answered.
   */
  @Test
  void aQuestionWhoseAnsweringKillsTheBotTwiceIsGivenUpAndEveryOtherChatIsAnswered(
      @TempDir Path data) throws Exception {
    Path log = data.resolve("bot.out");
    Path config =
        withDataDir(
            data,
            "crashing.yaml",
            "\nretrieval:\n  mode: bm25\ntelegram:\n  workers: "
                + WORKERS
                + "\n  questionsPerUserPerMinute: 1000\n  pollSeconds: 1\n");
    int poisonId = 40;
    long poisonChat = 666;
    try (FakeBotApi api = new FakeBotApi(TelegramEndToEndTest.TOKEN)) {
      List<Integer> others = new ArrayList<>();
      int update = 0;
      for (int i = 1; i <= 3; i++) {
        api.push(FakeBotApi.privateText(++update, 1000 + i, i, "Who were the Astana guarantors?"));
        others.add(i);
      }
      api.push(
          FakeBotApi.inLanguage(
              FakeBotApi.privateText(
                  ++update, poisonChat, poisonId, "Что известно про " + CrashingBot.POISON + "?"),
              "ru"));
      for (int i = 100; i < 130; i++) {
        api.push(
            FakeBotApi.privateText(
                ++update, 1010 + i % 10, i, "When was the Sochi memorandum signed?"));
        others.add(i);
      }
      for (int run = 1; run <= 2; run++) {
        Process bot = startCrashing(api, config, log);
        try {
          assertTrue(
              bot.waitFor(60, TimeUnit.SECONDS),
              "run " + run + ": the poison ends the bot\n" + Files.readString(log));
        } finally {
          bot.destroyForcibly();
        }
        assertEquals(0, replies(api).getOrDefault(poisonId, 0), "the poison never answered");
      }
      String out = Files.readString(log);
      assertTrue(out.contains("OutOfMemoryError"), "it died of its poison twice:\n" + out);

      Process bot = startCrashing(api, config, log);
      try {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
        while (System.nanoTime() < end
            && !(replies(api).keySet().containsAll(others) && replies(api).containsKey(poisonId))) {
          Thread.sleep(50);
        }
        assertTrue(bot.isAlive(), "the third start survives:\n" + Files.readString(log));
        Map<Integer, Integer> n = replies(api);
        List<Integer> lost = others.stream().filter(i -> !n.containsKey(i)).toList();
        assertEquals(List.of(), lost, "every other chat answered:\n" + Files.readString(log));
      } finally {
        bot.destroy(); // SIGTERM
        assertTrue(bot.waitFor(15, TimeUnit.SECONDS));
      }
      bot = startCrashing(api, config, log); // and once more: the poison stays given up
      try {
        api.push(FakeBotApi.privateText(++update, 1001, 200, "Who is John Ging?"));
        api.await(
            "sendMessage",
            c -> c.body().path("reply_parameters").path("message_id").asInt() == 200,
            1,
            WAIT);
        Thread.sleep(500);
      } finally {
        bot.destroy();
        assertTrue(bot.waitFor(15, TimeUnit.SECONDS));
      }
      List<FakeBotApi.Call> toPoison =
          api.calls("sendMessage").stream()
              .filter(c -> c.body().path("chat_id").asLong() == poisonChat)
              .toList();
      assertEquals(1, toPoison.size(), "its user is told once: " + toPoison);
      assertEquals(
          org.astanaqa.bot.reply.Texts.of("ru").get("failed"),
          toPoison.get(0).body().path("text").asText());
      assertEquals(
          poisonId, toPoison.get(0).body().path("reply_parameters").path("message_id").asInt());
      out = Files.readString(log);
      List<String> errors = out.lines().filter(l -> l.contains(" ERROR ")).toList();
      assertEquals(1, errors.size(), "one ERROR, giving it up:\n" + out);
      assertTrue(errors.get(0).contains("update 4:"), errors.get(0));
      assertFalse(out.contains(CrashingBot.POISON), "never its text:\n" + out);
      assertFalse(out.contains(TelegramEndToEndTest.TOKEN));
    }
  }

  /**
   * SIGTERM while Telegram is slow to answer a reply (here 8.7 s after it arrived). The stop waits
   * for a reply on the wire (TelegramRunner.close(): the drain's 4 s, then up to 5 s more), so that
   * its update is marked done and the restart does not send it again. But the shutdown hook waited
   * only 8 s for that stop, and the JVM halts once its hooks return: the process ended while the
   * reply was still awaited, its update not done, and the restart sent the reply a second time. The
   * hook now waits for the longest stop.
   */
  @Test
  void aReplyOnTheWireAtASigtermIsWaitedForAndNotSentAgainAfterTheRestart(@TempDir Path data)
      throws Exception {
    Path log = data.resolve("bot.out");
    Path config =
        withDataDir(
            data,
            "slow.yaml",
            "\nretrieval:\n  mode: bm25\ntelegram:\n  requestTimeoutSeconds: 30\n"
                + "  pollSeconds: 1\n");
    try (FakeBotApi api = new FakeBotApi(TelegramEndToEndTest.TOKEN)) {
      api.failNext("sendMessage", FakeBotApi.Failure.slow(8_700)); // carried out, answered late
      api.push(FakeBotApi.privateText(1, 1001, 1, "When was the Sochi memorandum signed?"));
      Process bot = start(api, config, log);
      try {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
        while (System.nanoTime() < end && api.arrivals("sendMessage") == 0) {
          Thread.sleep(20);
        }
        assertEquals(1, api.arrivals("sendMessage"), "the reply on the wire");
        bot.destroy(); // SIGTERM
        assertTrue(bot.waitFor(30, TimeUnit.SECONDS), "stopped");
      } finally {
        bot.destroyForcibly();
      }
      bot = start(api, config, log);
      try {
        Thread.sleep(8000); // the restart reads its journal, polls and answers what it holds
      } finally {
        bot.destroy();
        assertTrue(bot.waitFor(30, TimeUnit.SECONDS));
      }
      assertEquals(
          Map.of(1, 1),
          replies(api),
          "the reply sent once, not again after the restart:\n" + Files.readString(log));
    }
  }
}
