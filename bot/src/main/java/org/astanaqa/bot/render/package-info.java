/** Where an answer becomes text for one front end: console text, JSON, Telegram HTML. */
package org.astanaqa.bot.render;
