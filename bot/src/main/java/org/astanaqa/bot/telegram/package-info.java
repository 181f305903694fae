/**
 * The Telegram front end: starts the bot and routes each update (message, command, button, inline
 * query) to an answer; receiving is in {@code receive}, sending in {@code send}.
 */
package org.astanaqa.bot.telegram;
