package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.astanaqa.bot.cli.BotProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load command (not part of the normal test run; it takes about two minutes): {@code mvn -B -q
 * install -DskipTests && mvn -B -q -pl bot test -Dload=true -Dtest=LoadTest}. Prints updates/s and
 * the latency from update to reply, and checks that every update is answered exactly once, each
 * chat in order, and that Telegram's limits hold when configured.
 */
@EnabledIfSystemProperty(named = "load", matches = "true")
class LoadTest {
  private static final List<String> QUESTIONS =
      List.of(
          "Who were the Astana guarantors?",
          "sochi memorandum",
          "Who is John Ging?",
          "Which de-escalation zones are functioning?",
          "What is the capital of France?");

  private static Path config(Path data, String limits) throws Exception {
    return Files.writeString(
        data.resolve("load.yaml"),
        "dataDir: "
            + data.toString().replace("\\", "/")
            + "\n"
            + "telegram:\n"
            + limits
            + "  questionsPerUserPerMinute: 1000\n",
        StandardCharsets.UTF_8);
  }

  private static BotProcess start(FakeBotApi api, Path config) {
    return new BotProcess(
        Map.of("TELEGRAM_BOT_TOKEN", TelegramEndToEndTest.TOKEN, "TELEGRAM_API_URL", api.url()),
        "--config",
        config.toString(),
        "telegram");
  }

  private static List<FakeBotApi.Call> awaitCount(FakeBotApi api, int n, long millis)
      throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    List<FakeBotApi.Call> calls = api.calls("sendMessage");
    while (calls.size() < n && System.nanoTime() < end) {
      Thread.sleep(100);
      calls = api.calls("sendMessage");
    }
    return calls;
  }

  @Test
  void tenThousandUpdatesFromAThousandChats(@TempDir Path data) throws Exception {
    int chats = 1000;
    int perChat = 10;
    int n = chats * perChat;
    try (FakeBotApi api = new FakeBotApi(TelegramEndToEndTest.TOKEN);
        BotProcess bot =
            start(
                api,
                config(
                    data,
                    "  perChatPerSecond: 100000\n  globalPerSecond: 100000\n"
                        + "  perGroupPerMinute: 100000\n"))) {
      // The bot's own throughput with its pacing off, not Telegram's: the fake takes it all.
      api.withoutFloodLimits();
      Thread.sleep(1500); // the bot's start-up is not part of the figures
      long t0 = System.nanoTime();
      for (int i = 1; i <= n; i++) {
        api.push(
            FakeBotApi.privateText(i, 10_000 + i % chats, i, QUESTIONS.get(i % QUESTIONS.size())));
      }
      List<FakeBotApi.Call> sent = awaitCount(api, n, 180_000);
      double seconds = (sent.get(sent.size() - 1).nanos() - t0) / 1e9;
      assertEquals(n, sent.size(), bot.err());
      double[] latency = new double[n];
      Map<Long, List<Integer>> order = new HashMap<>();
      for (FakeBotApi.Call c : sent) {
        int id = c.body().path("reply_parameters").path("message_id").asInt();
        latency[id - 1] = (c.nanos() - api.deliveredAt(id)) / 1e6;
        order.computeIfAbsent(c.body().path("chat_id").asLong(), k -> new ArrayList<>()).add(id);
      }
      assertEquals(
          n,
          sent.stream()
              .map(c -> c.body().path("reply_parameters").path("message_id").asInt())
              .distinct()
              .count(),
          "every update answered exactly once");
      for (List<Integer> ids : order.values()) {
        List<Integer> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids, "a chat's answers come in the order of its messages");
      }
      Arrays.sort(latency);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      System.out.printf(
          Locale.ROOT,
          "LOAD %d updates from %d chats in %.1f s: %.0f updates/s; update to reply p50 %.0f ms,"
              + " p99 %.0f ms; heap in use after %.0f MB%n",
          n,
          chats,
          seconds,
          n / seconds,
          latency[n / 2],
          latency[(int) (n * 0.99)],
          (rt.totalMemory() - rt.freeMemory()) / 1e6);
    }
  }

  @Test
  void telegramsLimitsHoldUnderLoad(@TempDir Path data) throws Exception {
    try (FakeBotApi api = new FakeBotApi(TelegramEndToEndTest.TOKEN);
        BotProcess bot =
            start(
                api,
                config(
                    data,
                    "  perChatPerSecond: 1\n  globalPerSecond: 30\n  perGroupPerMinute: 20\n"))) {
      Thread.sleep(1500);
      int id = 0;
      for (int i = 0; i < 979; i++) { // 979 private messages from 100 chats
        id++;
        api.push(
            FakeBotApi.privateText(id, 20_000 + i % 100, id, QUESTIONS.get(i % QUESTIONS.size())));
      }
      for (int i = 0; i < 21; i++) { // and 21 in one group: the 21st must wait for the minute
        id++;
        api.push(
            FakeBotApi.groupText(id, -777, 5, id, "/ask " + QUESTIONS.get(i % QUESTIONS.size())));
      }
      List<FakeBotApi.Call> sent = awaitCount(api, id, 180_000);
      assertEquals(id, sent.size(), bot.err());
      Map<Long, List<Long>> byChat = new HashMap<>();
      List<Long> all = new ArrayList<>();
      for (FakeBotApi.Call c : sent) {
        byChat
            .computeIfAbsent(c.body().path("chat_id").asLong(), k -> new ArrayList<>())
            .add(c.nanos());
        all.add(c.nanos());
      }
      long tolerance = 50_000_000L; // arrival jitter on loopback
      double minChatGap = Double.MAX_VALUE;
      for (Map.Entry<Long, List<Long>> e : byChat.entrySet()) {
        List<Long> t = e.getValue();
        for (int i = 1; i < t.size(); i++) {
          minChatGap = Math.min(minChatGap, (t.get(i) - t.get(i - 1)) / 1e9);
          assertTrue(
              t.get(i) - t.get(i - 1) >= 1_000_000_000L - tolerance,
              "one a second in chat " + e.getKey());
        }
      }
      List<Long> group = byChat.get(-777L);
      assertTrue(
          group.get(20) - group.get(0) >= 60_000_000_000L - tolerance, "20 a minute in a group");
      all.sort(null);
      int maxInASecond = 0;
      for (int i = 0, j = 0; i < all.size(); i++) {
        while (all.get(i) - all.get(j) >= 1_000_000_000L) {
          j++;
        }
        maxInASecond = Math.max(maxInASecond, i - j + 1);
      }
      assertTrue(
          maxInASecond <= 31, maxInASecond + " messages in one second"); // 30, plus one of jitter
      System.out.printf(
          Locale.ROOT,
          "LIMITS %d messages in %.1f s; at most %d in any second; smallest gap in a chat %.2f s;"
              + " 21 group messages over %.1f s%n",
          sent.size(),
          (all.get(all.size() - 1) - all.get(0)) / 1e9,
          maxInASecond,
          minChatGap,
          (group.get(20) - group.get(0)) / 1e9);
    }
  }
}
