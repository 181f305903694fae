package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.OkHttpClient;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's log promise ("One line per answered question with a tag of the chat, the time taken,
 * and found or not found; message texts are not logged"), checked on everything the bot logs at the
 * levels it logs in production (org.astanaqa at INFO, the rest at WARN, as LogConfig sets them)
 * while it answers every kind of update, Telegram's refusals and lost answers included.
 */
class LogPrivacyTest {
  private static final String QUESTION = "When did the Astana talks resume?";

  /** Words only the users wrote: none may reach a log line. */
  private static final String SECRET_WORDS = "zebracorn quokka";

  /** A chat id that must appear as its tag only. */
  private static final long CHAT = 987_654_321L;

  @TempDir static Path corpus;
  private static QuestionAnswerer qa;

  @TempDir Path data;
  private FakeBotApi api;
  private OkHttpClient http;
  private UpdateHandler handler;
  private long updateId;

  @BeforeAll
  static void openIndex() throws Exception {
    Files.writeString(corpus.resolve("a.txt"), FakeWiredHandler.TALKS, StandardCharsets.UTF_8);
    qa = QuestionAnswerer.inMemory(corpus, Settings.defaults());
  }

  @AfterAll
  static void closeIndex() throws Exception {
    qa.close();
  }

  @BeforeEach
  void wire() throws Exception {
    api = new FakeBotApi(FakeWiredHandler.TOKEN);
    http = FakeWiredHandler.http(api); // the bot's own: no resend by OkHttp, pages keep status
    handler = FakeWiredHandler.over(api, http, qa, List.of(QUESTION), data);
  }

  @AfterEach
  void close() {
    FakeWiredHandler.close(api, http);
  }

  private void handle(ObjectNode update) throws Exception {
    FakeWiredHandler.handle(handler, api, update);
  }

  @Test
  void answeringEveryKindOfUpdateLogsNoMessageTextNorChatIdAndOneLinePerQuestion()
      throws Exception {
    String asked = QUESTION; // found; the others hold words the documents do not

    List<String> lines;
    try (LogCapture logs = new LogCapture()) {
      handle(FakeBotApi.privateText(++updateId, CHAT, 10, asked)); // found
      JsonNode answer = api.calls("sendMessage").get(0).body();
      handle(FakeBotApi.privateText(++updateId, CHAT, 11, "Which " + SECRET_WORDS + "?"));
      ObjectNode edit =
          FakeBotApi.privateText(
              ++updateId, CHAT, 10, "When did the talks resume, " + SECRET_WORDS);
      edit.set("edited_message", edit.remove("message"));
      ((ObjectNode) edit.get("edited_message")).put("edit_date", FakeBotApi.sentNow());
      handle(edit);
      handle(FakeBotApi.groupText(++updateId, -100_123, CHAT, 12, "/ask@AstanaQaBot " + asked));
      handle(FakeBotApi.callback(++updateId, CHAT, 1000, FakeWiredHandler.button(answer, "m:")));
      handle(FakeBotApi.callback(++updateId, CHAT, 1000, FakeWiredHandler.thumbsDown(answer)));
      handle(FakeBotApi.inline(++updateId, CHAT, asked + " " + SECRET_WORDS));
      // Telegram refusing a reply's HTML, and a reply whose answer is lost: WARN lines.
      api.failNext("sendMessage", FakeBotApi.Failure.cantParseEntities());
      handle(FakeBotApi.privateText(++updateId, CHAT, 13, asked));
      api.failNext("sendMessage", FakeBotApi.Failure.lostAfterActing());
      handle(FakeBotApi.privateText(++updateId, CHAT, 14, asked));
      lines = logs.atLeast(Level.TRACE);
    }
    assertTrue(lines.size() >= 6, "the bot logged what it did: " + lines);
    for (String line : lines) {
      for (String word : (SECRET_WORDS + " Astana resume " + CHAT).split(" ")) {
        assertTrue(!line.contains(word), "'" + word + "' in the log: " + line);
      }
    }
    long answered = lines.stream().filter(l -> l.contains("answered chat")).count();
    assertEquals(6, answered, "one line per question answered (five asked, one edited): " + lines);
    assertTrue(
        lines.stream()
            .filter(l -> l.contains("answered chat"))
            .allMatch(l -> l.matches(".* in \\d+ ms: (found|not found).*")),
        "each with the time taken and found or not found: " + lines);
  }
}
