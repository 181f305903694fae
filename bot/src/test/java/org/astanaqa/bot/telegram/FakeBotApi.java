package org.astanaqa.bot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A fake Telegram Bot API on 127.0.0.1 for end-to-end tests: serves getUpdates from a queue,
 * records every other call, and answers a scripted failure (429, 400, 403, 502) when told to.
 */
final class FakeBotApi implements AutoCloseable {
  /** A recorded call: the method (lower case), its JSON body, and when it arrived. */
  record Call(String method, JsonNode body, long nanos) {}

  /** A scripted HTTP failure for the next call of a method. */
  record Failure(int status, String body) {
    static Failure tooManyRequests(int retryAfter) {
      return new Failure(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
          + retryAfter + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}");
    }

    static Failure cantParseEntities() {
      return new Failure(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse entities:"
          + " unsupported start tag\"}");
    }

    static Failure blocked() {
      return new Failure(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
    }

    static Failure badGateway() {
      return new Failure(502, "<html><body>502 Bad Gateway</body></html>");
    }

    /** Closes the connection without an answer. */
    static Failure dropConnection() {
      return new Failure(-1, "");
    }

    /** Holds the request past the client's timeout, then closes it unanswered and unrecorded. */
    static Failure timeout(int millis) {
      return new Failure(-2, Integer.toString(millis));
    }

    /** Answers 200 with a body that is not JSON. */
    static Failure malformed() {
      return new Failure(200, "{\"ok\":true,\"result\":{not json");
    }

    static Failure unauthorized() {
      return new Failure(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK's HttpServer writes status line and body separately; without TCP_NODELAY, Nagle's
    // algorithm meets the client's delayed ACK and every answer waits 40 ms. Telegram does not.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final String token;
  private final List<Call> calls = new ArrayList<>();
  private final Deque<ObjectNode> pending = new ArrayDeque<>();
  private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
  private final Map<Long, Long> deliveredAt = new ConcurrentHashMap<>();
  private int nextMessageId = 1000;
  private volatile boolean ignoreOffsets;

  FakeBotApi(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-bot-api");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues an update; its update_id must grow like Telegram's. */
  synchronized void push(ObjectNode update) {
    pending.addLast(update);
    notifyAll();
  }

  /** Makes the next call of {@code method} fail this way (failures queue up in order). */
  void failNext(String method, Failure f) {
    failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>()).addLast(f);
  }

  /** Redeliver every update whatever offset is asked: what Telegram does after a crash before the offset was confirmed. */
  void ignoreOffsets(boolean ignore) {
    this.ignoreOffsets = ignore;
  }

  synchronized List<Call> calls(String method) {
    String m = method.toLowerCase(Locale.ROOT);
    return calls.stream().filter(c -> c.method().equals(m)).toList();
  }

  /** When the update was handed to the bot by getUpdates (first time). */
  Long deliveredAt(long updateId) {
    return deliveredAt.get(updateId);
  }

  /** Waits until {@code count} calls of {@code method} match, or the time runs out; returns the matching calls. */
  synchronized List<Call> await(String method, Predicate<Call> match, int count, long millis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      List<Call> found = calls(method).stream().filter(match).toList();
      long left = end - System.nanoTime();
      if (found.size() >= count || left <= 0) {
        return found;
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String prefix = "/bot" + token + "/";
    if (!path.startsWith(prefix)) {
      respond(ex, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
      return;
    }
    String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
    byte[] bytes = ex.getRequestBody().readAllBytes();
    JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    Deque<Failure> f = failures.get(method);
    Failure failure = f == null ? null : f.pollFirst();
    if (failure != null && failure.status() == -1) {
      ex.close(); // no status line at all: the client sees the connection end
      return;
    }
    if (failure != null && failure.status() == -2) {
      try {
        Thread.sleep(Long.parseLong(failure.body()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
      return;
    }
    if (failure != null) {
      record(method, body);
      respond(ex, failure.status(), failure.body());
      return;
    }
    try {
      switch (method) {
        case "getupdates" -> respond(ex, 200, ok(updates(body)));
        case "deletewebhook", "setmycommands", "answercallbackquery", "answerinlinequery", "sendchataction" -> {
          record(method, body);
          respond(ex, 200, "{\"ok\":true,\"result\":true}");
        }
        case "getme" -> respond(ex, 200, "{\"ok\":true,\"result\":{\"id\":777,\"is_bot\":true,\"first_name\":\"Astana QA\","
            + "\"username\":\"AstanaQaBot\"}}");
        case "sendmessage", "editmessagetext" -> {
          ObjectNode msg = JSON.createObjectNode();
          synchronized (this) {
            msg.put("message_id", nextMessageId++);
          }
          msg.put("date", 1_700_000_000);
          msg.putObject("chat").put("id", body.path("chat_id").asLong()).put("type", "private");
          msg.put("text", body.path("text").asText());
          record(method, body);
          respond(ex, 200, ok(msg));
        }
        default -> {
          record(method, body);
          respond(ex, 200, "{\"ok\":true,\"result\":true}");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(ex, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"interrupted\"}");
    }
  }

  private synchronized void record(String method, JsonNode body) {
    calls.add(new Call(method, body, System.nanoTime()));
    notifyAll();
  }

  /** Updates at or after the requested offset; an empty answer is held about 300 ms, as Telegram holds a long poll. */
  private synchronized ArrayNode updates(JsonNode body) throws InterruptedException {
    long offset = body.path("offset").asLong(0);
    if (!ignoreOffsets) {
      pending.removeIf(u -> u.path("update_id").asLong() < offset);
    }
    if (pending.isEmpty()) {
      wait(300);
    }
    ArrayNode out = JSON.createArrayNode();
    for (ObjectNode u : pending) {
      if (out.size() >= 100) {
        break; // Telegram's default and maximum batch
      }
      if (ignoreOffsets || u.path("update_id").asLong() >= offset) {
        out.add(u);
        deliveredAt.putIfAbsent(u.path("update_id").asLong(), System.nanoTime());
      }
    }
    return out;
  }

  private static String ok(JsonNode result) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("ok", true);
    o.set("result", result);
    return JSON.writeValueAsString(o);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- update builders, in the shape Telegram sends ----

  static ObjectNode privateText(long updateId, long chatId, int messageId, String text) {
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", updateId);
    ObjectNode m = u.putObject("message");
    m.put("message_id", messageId);
    m.put("date", 1_700_000_000);
    m.putObject("chat").put("id", chatId).put("type", "private").put("first_name", "Ann");
    m.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "Ann");
    m.put("text", text);
    if (text.startsWith("/")) {
      int end = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
      m.putArray("entities").addObject().put("type", "bot_command").put("offset", 0).put("length", end);
    }
    return u;
  }

  static ObjectNode groupText(long updateId, long chatId, long userId, int messageId, String text) {
    ObjectNode u = privateText(updateId, chatId, messageId, text);
    ObjectNode m = (ObjectNode) u.get("message");
    m.putObject("chat").put("id", chatId).put("type", "supergroup").put("title", "Group");
    m.putObject("from").put("id", userId).put("is_bot", false).put("first_name", "Bob");
    int at = text.indexOf("@AstanaQaBot");
    if (at >= 0 && !text.startsWith("/")) {
      m.putArray("entities").addObject().put("type", "mention").put("offset", at).put("length", "@AstanaQaBot".length());
    }
    return u;
  }

  static ObjectNode callback(long updateId, long chatId, int messageId, String data) {
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", updateId);
    ObjectNode cq = u.putObject("callback_query");
    cq.put("id", "cb" + updateId);
    cq.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "Ann");
    cq.put("chat_instance", "ci");
    cq.put("data", data);
    ObjectNode m = cq.putObject("message");
    m.put("message_id", messageId);
    m.put("date", 1_700_000_000);
    m.putObject("chat").put("id", chatId).put("type", "private");
    m.put("text", "earlier answer");
    return u;
  }

  static ObjectNode inline(long updateId, long userId, String query) {
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", updateId);
    ObjectNode iq = u.putObject("inline_query");
    iq.put("id", "iq" + updateId);
    iq.putObject("from").put("id", userId).put("is_bot", false).put("first_name", "Ann");
    iq.put("query", query);
    iq.put("offset", "");
    return u;
  }
}
