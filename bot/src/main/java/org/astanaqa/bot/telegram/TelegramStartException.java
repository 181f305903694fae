package org.astanaqa.bot.telegram;

import org.astanaqa.bot.logging.Secrets;

/** The bot cannot start (bad token, unreachable server); the message says what to do. */
public class TelegramStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TelegramStartException(String message, Throwable cause) {
    super(Secrets.mask(message), cause);
  }
}
