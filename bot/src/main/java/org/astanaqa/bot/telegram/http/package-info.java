/**
 * What receiving and sending both read of Telegram's HTTP answers (they may not use each other).
 */
package org.astanaqa.bot.telegram.http;
