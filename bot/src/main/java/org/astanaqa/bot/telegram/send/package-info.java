/**
 * Where a Telegram message is sent: every Bot API call paced within Telegram's limits, retried when
 * that is safe, split when too long; and the Bot API's address.
 */
package org.astanaqa.bot.telegram.send;
