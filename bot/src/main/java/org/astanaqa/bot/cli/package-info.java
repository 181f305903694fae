/** The command line: one small class per command, each returning an exit code. */
package org.astanaqa.bot.cli;
