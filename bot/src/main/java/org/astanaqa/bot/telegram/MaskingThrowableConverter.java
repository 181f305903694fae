package org.astanaqa.bot.telegram;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's stack traces with the bot token masked (exception messages may quote URLs). */
public final class MaskingThrowableConverter extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Secrets.mask(super.convert(event));
  }
}
