/**
 * What the bot says, with no Telegram or console types: every user-facing text, in each language
 * the bot speaks ({@code texts*.properties}).
 */
package org.astanaqa.bot.reply;
