package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.astanaqa.bot.cli.BotProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review 7: a reply to a group that has had its 20 messages this minute waits for its turn in
 * {@code Throttle.acquire}, on the worker that answers it. With as many such groups as workers (4
 * by default), every worker sleeps for up to a minute, and a button press in any other chat waits
 * behind them: Telegram refuses its answer after about 10 s ("query is too old"), the spinner turns
 * and the toast is lost, though the README says presses have queues of their own, "answered within
 * Telegram's ~10 s however busy its chat is".
 */
class BusyGroupsTest {
  static final String TOKEN = "123:abc";

  @TempDir Path data;
  private FakeBotApi api;
  private Path config;

  @BeforeEach
  void startServer() throws Exception {
    api = new FakeBotApi(TOKEN);
    // A group limit of 1 a minute stands for a group that has had its 20 this minute; the
    // default 4 workers.
    config =
        Files.writeString(
            data.resolve("test.yaml"),
            "dataDir: "
                + data.toString().replace("\\", "/")
                + "\nretrieval:\n  mode: bm25\n"
                + "telegram:\n  perChatPerSecond: 1000\n  globalPerSecond: 1000\n"
                + "  perGroupPerMinute: 1\n  requestTimeoutSeconds: 5\n  pollSeconds: 1\n",
            StandardCharsets.UTF_8);
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  @Test
  void aPressInAQuietChatIsAnsweredInTimeWhileEveryWorkerWaitsForABusyGroup() throws Exception {
    int id = 0;
    for (int g = 0; g < 4; g++) {
      for (int i = 0; i < 2; i++) {
        api.push(
            FakeBotApi.groupText(
                ++id, -100 - g, 700 + g, 20 + i, "/ask When was the Sochi memorandum signed?"));
      }
    }
    try (BotProcess bot =
        new BotProcess(
            Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", api.url()),
            "--config",
            config.toString(),
            "telegram")) {
      // Each group's first answer goes out; its second waits for the group's next minute.
      assertEquals(
          4,
          api.await("sendMessage", c -> true, 4, 30_000).size(),
          "the groups' first answers: " + bot.err());
      Thread.sleep(500);
      api.push(FakeBotApi.callback(++id, 42, 999, "s:1")); // a /sources page turned in private
      List<FakeBotApi.Call> acks = api.await("answerCallbackQuery", c -> true, 1, 15_000);
      assertEquals(
          List.of(),
          api.calls("answerCallbackQuery:refused").stream().map(c -> c.body().toString()).toList(),
          "the press was answered within Telegram's ~10 s");
      assertEquals(1, acks.size(), "the press was answered: " + bot.err());
    }
  }
}
