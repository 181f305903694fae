package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.bot.telegram.send.Throttle;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Review 7: an answer (or a full passage) longer than one message is split by the bot itself
 * ({@link Messages#sendLong}), not by Telegram's "message is too long". The earlier fix (the parts
 * of a split reply share one outage patience, and a part given up stops the rest) covered only the
 * split Telegram asks for inside {@link Sender}: the bot's own split still gave every part its own
 * 10 minutes and went on after a part given up, so a three-part answer through an outage held its
 * chat and a worker for 30 minutes and, when Telegram came back, made a reply with a hole in it.
 */
class LongReplyOutageTest {
  private final AtomicLong now = new AtomicLong();
  private final UpdateHandlerTest.FakeClock clock = new UpdateHandlerTest.FakeClock(now);
  private final TelegramClient client = mock(TelegramClient.class);
  private final Sender sender =
      new Sender(
          client,
          client,
          new Throttle(1000, 1000, 1000, clock),
          clock,
          500_000_000L,
          SenderTest.highest());

  /** An HTML text of {@code n} paragraphs ("<b>Paragraph i</b> word word ..."). */
  private static String paragraphs(int n) {
    StringBuilder html = new StringBuilder();
    for (int i = 0; i < n; i++) {
      html.append("<b>Paragraph ").append(i).append("</b> ").append("word ".repeat(20));
      html.append("\n\n");
    }
    return html.toString().strip();
  }

  @Test
  void theBotsOwnSplitOfALongAnswerSharesOneOutagePatienceAndStopsAtAPartGivenUp()
      throws Exception {
    String html = paragraphs(120); // about 15,000 characters: four messages
    int parts = TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE).size();
    assertTrue(parts >= 3, "parts: " + parts);
    List<String> tried = new ArrayList<>();
    when(client.execute(any(SendMessage.class)))
        .thenAnswer(
            inv -> {
              SendMessage m = inv.getArgument(0);
              tried.add(m.getText().substring(0, m.getText().indexOf("</b>")));
              throw SenderTest.error(
                  "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}");
            });
    java.util.Optional<Message> first =
        new Messages(sender).sendLong(42L, 7, null, false, html, null);
    long waited = clock.sleeps.stream().mapToLong(Long::longValue).sum();
    assertTrue(first.isEmpty(), "nothing was delivered");
    assertTrue(
        waited < Sender.OUTAGE_PATIENCE_NANOS + Sender.MAX_BACKOFF_NANOS,
        "one patience for the whole reply, not one a part: waited "
            + waited / 1_000_000_000L
            + " s for "
            + parts
            + " parts");
    assertEquals(
        List.of("<b>Paragraph 0"),
        tried.stream().distinct().toList(),
        "a part given up is not followed by the rest");
  }
}
