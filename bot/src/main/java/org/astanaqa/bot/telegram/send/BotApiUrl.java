package org.astanaqa.bot.telegram.send;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * The Bot API base URL, checked: {@code http} or {@code https}, a host, maybe a port and a path
 * prefix (a self-hosted server behind a reverse proxy at {@code http://host:8081/tg}).
 *
 * <p>TelegramBots 10.2.0 cannot express the prefix: its {@link TelegramUrl} holds a scheme, host
 * and port, and both {@code OkHttpTelegramClient} and the long-polling session build every call as
 * {@code scheme://host:port/bot<token>/<method>}. {@link #pathPrefix()} puts the prefix back on
 * each request as it leaves the OkHttp client.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the server's host name or address
 * @param port the port, the scheme's default when the URL has none
 * @param prefix the path segments before {@code bot<token>}, often none
 */
public record BotApiUrl(String scheme, String host, int port, List<String> prefix) {
  public BotApiUrl {
    prefix = List.copyOf(prefix);
  }

  /**
   * Reads a base URL.
   *
   * @param text the URL as given
   * @param name where it came from, for the message ({@code TELEGRAM_API_URL}, {@code
   *     telegram.apiUrl})
   * @param token the bot token, never repeated in a message
   * @throws IllegalArgumentException one line saying what is wrong and what to give instead
   */
  public static BotApiUrl parse(String text, String name, String token) {
    String value = text == null ? "" : text.strip();
    // a password in the URL's user part ("http://user:pw@host") or a key in its query is a secret,
    // as the token is: the message names where they were, never what
    String shown =
        value
            .replaceFirst("(?<=://)[^/?#@]*@", "***@")
            .replaceFirst("\\?[^#]*", "?***")
            .replaceFirst("#.*", "#***");
    shown = token == null || token.isEmpty() ? shown : shown.replace(token, "***");
    URI u;
    try {
      u = new URI(value);
    } catch (URISyntaxException e) {
      throw bad(name, shown, "it is not a URL (" + e.getReason() + ")");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw bad(name, shown, "it must start with http:// or https://");
    }
    if (u.getRawAuthority() == null || u.getHost() == null) {
      throw bad(name, shown, "it names no host (or not in a form a URL allows)");
    }
    if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
      throw bad(name, shown, "a base URL has no user name, query (?) or fragment (#)");
    }
    if (token != null && !token.isEmpty() && value.contains(token)) {
      throw bad(
          name,
          shown,
          "it holds the bot token, which goes only in the token's environment variable");
    }
    if (u.getPort() != -1 && (u.getPort() < 1 || u.getPort() > 65535)) {
      // accepted, every call failed with "unexpected port" as if Telegram could not be reached
      throw bad(name, shown, "its port " + u.getPort() + " is not one (ports are 1 to 65535)");
    }
    int port = u.getPort() != -1 ? u.getPort() : scheme.equals("http") ? 80 : 443;
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    List<String> prefix =
        java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    return new BotApiUrl(scheme, u.getHost(), port, prefix);
  }

  private static IllegalArgumentException bad(String name, String shown, String why) {
    return new IllegalArgumentException(
        name
            + " '"
            + shown
            + "' is not a Bot API base URL: "
            + why
            + "; give the server's base URL, for example https://api.telegram.org or http://127.0.0.1:8081/prefix");
  }

  /** The library's form of this URL: scheme, host and port (it has no room for the prefix). */
  public TelegramUrl telegramUrl() {
    return TelegramUrl.builder().schema(scheme).host(host).port(port).testServer(false).build();
  }

  /**
   * An OkHttp interceptor, for the clients that call this server, that puts the path prefix before
   * {@code bot<token>/<method>} of every request; with no prefix it leaves requests alone. An
   * application interceptor runs once per call, so a retried call is not prefixed twice.
   */
  public Interceptor pathPrefix() {
    return chain -> {
      if (prefix.isEmpty()) {
        return chain.proceed(chain.request());
      }
      HttpUrl url = chain.request().url();
      HttpUrl.Builder b = url.newBuilder().encodedPath("/");
      for (String segment : prefix) {
        b.addEncodedPathSegment(segment);
      }
      for (String segment : url.encodedPathSegments()) {
        b.addEncodedPathSegment(segment);
      }
      return chain.proceed(chain.request().newBuilder().url(b.build()).build());
    };
  }

  private String hostForUrl() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** The URL as it is used: scheme, host, port unless the default, prefix; no trailing slash. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(scheme).append("://").append(hostForUrl());
    if (port != (scheme.equals("http") ? 80 : 443)) {
      sb.append(':').append(port);
    }
    for (String segment : prefix) {
      sb.append('/').append(segment);
    }
    return sb.toString();
  }
}
