package org.astanaqa.bot.telegram;

import java.util.Set;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * Who may do what: admins may use /stats, /feedback and /reindex; an allow-list, if set, limits the
 * chats (and the users of inline mode).
 */
record Access(Set<Long> admins, Set<Long> allowedChats) {
  Access {
    admins = Set.copyOf(admins);
    allowedChats = Set.copyOf(allowedChats);
  }

  /** Everyone may ask; nobody is an admin. */
  static Access open() {
    return new Access(Set.of(), Set.of());
  }

  boolean allows(long chatId) {
    return allowedChats.isEmpty() || allowedChats.contains(chatId);
  }

  /**
   * Whether the bot answers in {@code chatId}: an allowed chat, or the supergroup an allowed group
   * became ({@code chatNow} tells where a group's messages go now). Telegram gives the supergroup a
   * new id (migrate_to_chat_id), which the allow-list does not name.
   */
  boolean allows(long chatId, java.util.function.LongUnaryOperator chatNow) {
    return allows(chatId)
        || chatId < 0 && allowedChats.stream().anyMatch(c -> chatNow.applyAsLong(c) == chatId);
  }

  /** Whether an allow-list is set, so that answers must not be cached for everyone. */
  boolean restricted() {
    return !allowedChats.isEmpty();
  }

  boolean isAdmin(User u) {
    return u != null && admins.contains(u.getId());
  }
}
