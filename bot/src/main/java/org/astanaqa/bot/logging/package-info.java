/**
 * Where logging is set up: the logback configuration (stderr, the data folder's log file), the line
 * layout, the masking of secrets in every line, and the keyed tag that names a chat in logs.
 */
package org.astanaqa.bot.logging;
