package org.astanaqa.bot.telegram.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.astanaqa.bot.telegram.http.RetryAfter;

/**
 * An OkHttp interceptor that gives an HTTP error answered by something other than the Bot API (the
 * HTML page of a proxy, or of the nginx in front of Telegram's Bot API) the Bot API's error shape,
 * {@code {"ok":false,"error_code":<the HTTP status>,"description":...}}.
 *
 * <p>Why: Telegram's 502 and 504 usually come as nginx's HTML page, not as the Bot API's JSON.
 * TelegramBots 10.2.0 ({@code OkHttpFutureCallback}) ignores the HTTP status and hands the body to
 * {@code deserializeResponse}, which fails to read a page and throws a {@code
 * TelegramApiRequestException} with no error code, "Unable to deserialize response". {@link Sender}
 * takes that for an answer that may have arrived (resent once, logged as a possible duplicate) and
 * never retries it with backoff. With the status kept, a 5xx page is retried as the Bot API's own
 * 5xx is, a 429 page is waited out, and a 4xx page is a refusal of that code. A page has no {@code
 * retry_after}, but a proxy that limits the rate says how long to wait in the HTTP {@code
 * Retry-After} header (RFC 9110, 10.2.3: seconds, or a date); that becomes the {@code retry_after}
 * (before, it was ignored and such a 429 was asked again after a second, earning the next 429). A
 * page without the header is waited out a second.
 *
 * <p>Left alone: any answer below 400 (a 200 whose body cannot be read is a lost answer; the
 * request may have been carried out), and every answer in the Bot API's own shape. The description
 * names the status and the page's media type only: never the URL (it holds the token) nor the
 * page's text.
 */
public final class ErrorPages implements Interceptor {
  /** Begins the description of an answer given the Bot API's shape here. */
  public static final String NOT_THE_BOT_API = "not the Bot API's answer";

  /** The Bot API's errors are short; a body longer than this is no error of the Bot API. */
  private static final long PEEK_BYTES = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() < 400 || isBotApiAnswer(response)) {
      return response;
    }
    int code = response.code();
    MediaType type = response.body() == null ? null : response.body().contentType();
    ObjectNode error = JSON.createObjectNode();
    error.put("ok", false);
    error.put("error_code", code);
    error.put(
        "description",
        NOT_THE_BOT_API
            + ": HTTP "
            + code
            + " with "
            + (type == null
                ? "a body of no stated type"
                : "a " + type.type() + "/" + type.subtype())
            + " page (a proxy, or the server in front of the Bot API)");
    Integer retryAfter = RetryAfter.seconds(response, System.currentTimeMillis());
    if (retryAfter != null) {
      error.putObject("parameters").put("retry_after", retryAfter);
    }
    if (response.body() != null) {
      response.body().close();
    }
    return response
        .newBuilder()
        .removeHeader("Content-Length")
        .header("Content-Type", JSON_TYPE.toString())
        .body(ResponseBody.create(JSON.writeValueAsString(error), JSON_TYPE))
        .build();
  }

  /** Whether a description is one {@link ErrorPages} wrote, not Telegram's. */
  public static boolean wrote(String description) {
    return description != null && description.startsWith(NOT_THE_BOT_API);
  }

  /** {@code {"ok": true|false, ...}}: what the Bot API answers, errors included. */
  private static boolean isBotApiAnswer(Response response) {
    if (response.body() == null) {
      return false;
    }
    try {
      JsonNode n = JSON.readTree(response.peekBody(PEEK_BYTES).string());
      return n != null && n.isObject() && n.path("ok").isBoolean();
    } catch (IOException e) {
      // An HTML page, a body cut short or torn: its status is all there is to go by.
      return false;
    }
  }
}
