/**
 * Where an answer and the bot's texts become one front end's format: Telegram HTML, console text,
 * JSON.
 */
package org.astanaqa.bot.render;
