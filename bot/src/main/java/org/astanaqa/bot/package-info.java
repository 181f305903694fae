/**
 * The product's entry ({@code Main}) and what every front end shares: the engine, the data folder,
 * the follow-up conversations. Front ends: {@code cli} (command line and console) and {@code
 * telegram}.
 */
package org.astanaqa.bot;
