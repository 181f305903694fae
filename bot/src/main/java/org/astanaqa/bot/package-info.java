/** The front ends over the retrieval module: command line, console and Telegram bot. */
package org.astanaqa.bot;
