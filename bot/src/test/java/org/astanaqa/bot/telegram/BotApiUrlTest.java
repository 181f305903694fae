package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.telegram.send.BotApiUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.User;

/** The Bot API base URL: checked with a clear message, and its path prefix kept on every call. */
class BotApiUrlTest {
  private static final String TOKEN = "123:abc";

  private HttpServer server;
  private final List<String> paths = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    // Answers only under /tg/, as a Bot API server behind a reverse proxy at that path would.
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getRawPath();
          paths.add(path);
          ex.getRequestBody().readAllBytes();
          String body =
              !path.startsWith("/tg/bot" + TOKEN + "/")
                  ? "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"
                  : path.toLowerCase(java.util.Locale.ROOT).endsWith("/getme")
                      ? "{\"ok\":true,\"result\":{\"id\":7,\"is_bot\":true,\"first_name\":\"Bot\",\"username\":\"B\"}}"
                      : path.toLowerCase(java.util.Locale.ROOT).endsWith("/getupdates")
                          ? "{\"ok\":true,\"result\":[]}"
                          : "{\"ok\":true,\"result\":true}";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(body.contains("\"ok\":true") ? 200 : 404, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static final String NO_USER = "a base URL has no user name, query (?) or fragment (#)";

  @Test
  void malformedUrlsAreRejectedWithWhatIsWrongAndWhatToGive() {
    for (String[] c :
        new String[][] {
          {"htp:/x", "it must start with http:// or https://"},
          {"not a url", "it is not a URL (Illegal character in path)"},
          {"http://", "it is not a URL (Expected authority)"},
          {"https://:8081", "it names no host"},
          {"https://api.telegram.org/bot123:abc/", "it holds the bot token"},
          // from a probe: the password was repeated, which the log and the terminal keep; the
          // third column is the URL as the message shows it
          {"http://user:s3cretpw@host", NO_USER, "http://***@host"},
          {"https://host/api?key=s3cretpw", NO_USER, "https://host/api?***"},
          {"https://host/api#s3cretpw", NO_USER, "https://host/api#***"},
          // From a probe: accepted, then "Telegram cannot be reached yet" for 10 minutes
          {"http://127.0.0.1:99999", "its port 99999 is not one (ports are 1 to 65535)"},
          {"http://127.0.0.1:0", "its port 0 is not one (ports are 1 to 65535)"}
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> BotApiUrl.parse(c[0], "TELEGRAM_API_URL", TOKEN),
              c[0]);
      String m = e.getMessage();
      assertTrue(
          m.startsWith(
              "TELEGRAM_API_URL '"
                  + (c.length > 2 ? c[2] : c[0].replace(TOKEN, "***"))
                  + "' is not a Bot API base URL: "
                  + c[1]),
          m);
      assertTrue(
          m.endsWith("for example https://api.telegram.org or http://127.0.0.1:8081/prefix"), m);
      assertFalse(m.contains(TOKEN), "the token is never repeated: " + m);
      assertFalse(m.contains("s3cretpw"), "nor a password or key: " + m);
      assertEquals(1, m.lines().count(), m);
    }
  }

  @Test
  void aUrlIsReadIntoSchemeHostPortAndPrefix() {
    assertEquals(
        "https://api.telegram.org",
        BotApiUrl.parse(" https://api.telegram.org/ ", "x", TOKEN).toString());
    BotApiUrl u = BotApiUrl.parse("http://127.0.0.1:8081/tg/api/", "x", TOKEN);
    assertEquals(new BotApiUrl("http", "127.0.0.1", 8081, List.of("tg", "api")), u);
    assertEquals("http://127.0.0.1:8081/tg/api", u.toString());
    assertEquals(443, BotApiUrl.parse("https://h", "x", TOKEN).telegramUrl().getPort());
  }

  @Test
  void aPathPrefixIsKeptOnTheClientsCallsAndOnTheLongPoll() throws Exception {
    BotApiUrl url = BotApiUrl.parse(base() + "/tg", "TELEGRAM_API_URL", TOKEN);
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(url.pathPrefix()).build();
    User me =
        new OkHttpTelegramClient(new ObjectMapper(), http, TOKEN, url.telegramUrl())
            .execute(new GetMe());
    assertEquals("B", me.getUserName());
    assertEquals(List.of("/tg/bot" + TOKEN + "/getme"), paths);

    String getUpdates = "/tg/bot" + TOKEN + "/getUpdates";
    try (okhttp3.Response r =
        new OkHttpClient()
            .newCall(
                new okhttp3.Request.Builder().url(TelegramRunner.getUpdatesUrl(url, TOKEN)).build())
            .execute()) {
      assertEquals(200, r.code());
    }
    assertTrue(paths.contains(getUpdates), "the long poll called: " + paths);
    assertTrue(
        paths.stream().allMatch(p -> p.startsWith("/tg/")), "no call lost the prefix: " + paths);
  }

  @Test
  void withoutAPrefixRequestsAreLeftAsTheLibraryBuildsThem() throws Exception {
    BotApiUrl url = BotApiUrl.parse(base(), "TELEGRAM_API_URL", TOKEN);
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(url.pathPrefix()).build();
    assertThrows(
        Exception.class,
        () ->
            new OkHttpTelegramClient(new ObjectMapper(), http, TOKEN, url.telegramUrl())
                .execute(new GetMe()));
    assertEquals(List.of("/bot" + TOKEN + "/getme"), paths);
  }
}
