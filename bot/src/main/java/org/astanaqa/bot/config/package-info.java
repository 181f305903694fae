/** The configuration file, read with Jackson: every key known, every value checked. */
package org.astanaqa.bot.config;
