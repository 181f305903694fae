/**
 * Where a Telegram update is received: long polling, the on-disk journal of updates not yet
 * answered, and the dispatcher that answers each chat's updates in order.
 */
package org.astanaqa.bot.telegram.receive;
