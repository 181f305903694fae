package org.astanaqa.bot.logging;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Masks registered secrets (the bot token) in any text before it is logged or shown. The token
 * travels in every Bot API URL, so any exception or log line naming a URL could carry it.
 */
public final class Secrets {
  private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

  private Secrets() {}

  /** Registers a secret to mask from now on. Blank values are ignored. */
  public static void register(String secret) {
    if (secret != null && secret.length() >= 4) {
      SECRETS.add(secret);
    }
  }

  /** The text with every registered secret replaced by {@code ***}. */
  public static String mask(String text) {
    if (text == null || SECRETS.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : SECRETS) {
      out = out.replace(s, "***");
    }
    return out;
  }
}
