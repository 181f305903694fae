/**
 * Writing the data folder's files durably, for every layer of the bot: {@link
 * org.astanaqa.bot.io.DurableFiles}.
 */
package org.astanaqa.bot.io;
