package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.bot.telegram.send.Throttle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The moves of groups to supergroups, kept across restarts in {@code telegram-migrations}. */
class MigrationsFileTest {
  @TempDir Path dir;

  private Sender sender() {
    AtomicLong now = new AtomicLong();
    UpdateHandlerTest.FakeClock clock = new UpdateHandlerTest.FakeClock(now);
    TelegramClient client = org.mockito.Mockito.mock(TelegramClient.class);
    return new Sender(client, new Throttle(1000, 1000, 1000, clock), clock, 1);
  }

  /**
   * A crash in the middle of writing a move leaves a torn last line; the next move learnt had been
   * appended to it ("-2 -10-3 -1003"), and both were lost at the next start, so the allowed
   * supergroup of the second move went unanswered without a word; and a line torn inside its second
   * id ("-2 -10") read as a move to another chat.
   */
  @Test
  void aMoveLearntAfterALineTornByACrashIsKeptOnALineOfItsOwn() throws Exception {
    Path file = dir.resolve(TelegramRunner.MIGRATIONS);
    Files.writeString(file, "-1 -1001\n", StandardCharsets.UTF_8); // as written before the check
    Sender first = sender();
    TelegramRunner.keepMigrations(first, file);
    assertEquals(-1001, first.chatNow(-1));
    first.migrated(-2, -1002);
    String whole = Files.readString(file, StandardCharsets.UTF_8);
    // a crash tears the move being written inside its second id
    Files.writeString(file, whole.substring(0, whole.indexOf("-1002") + 3), StandardCharsets.UTF_8);
    Sender second = sender();
    TelegramRunner.keepMigrations(second, file);
    assertEquals(-2, second.chatNow(-2), "the torn move is not read as a move to -10");
    second.migrated(-3, -1003);

    Sender restarted = sender();
    TelegramRunner.keepMigrations(restarted, file);
    assertEquals(-1001, restarted.chatNow(-1));
    assertEquals(-1003, restarted.chatNow(-3), Files.readString(file));
    assertEquals(-2, restarted.chatNow(-2), "the torn move is not guessed at");
    assertEquals(-1001, restarted.chatNow(-1), "a line from before the check still counts");
  }
}
