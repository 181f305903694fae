/**
 * The Telegram front end: turns updates into questions and answers into Telegram messages, sends
 * them within Telegram's limits, and remembers which updates were answered.
 */
package org.astanaqa.bot.telegram;
