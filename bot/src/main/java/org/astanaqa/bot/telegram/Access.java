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

  /** Whether an allow-list is set, so that answers must not be cached for everyone. */
  boolean restricted() {
    return !allowedChats.isEmpty();
  }

  boolean isAdmin(User u) {
    return u != null && admins.contains(u.getId());
  }
}
