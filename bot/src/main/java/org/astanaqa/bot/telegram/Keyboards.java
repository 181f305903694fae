package org.astanaqa.bot.telegram;

import java.util.List;
import org.astanaqa.bot.reply.Texts;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.Quote;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * The inline buttons under the bot's messages, and what their callback data says. Telegram allows
 * 64 bytes of data per button, so a button names an answer by its {@link ButtonStore} key:
 *
 * <ul>
 *   <li>{@code q:<n>.<hash>}: ask example question {@code n}, whose text has that {@link
 *       #exampleHash}; a button whose example is no longer number {@code n} (the examples changed
 *       since) has expired ({@link #exampleIn}). {@code q:<n>}, without the hash, is a button sent
 *       by an earlier version;
 *   <li>{@code s:<page>}: show that page of /sources;
 *   <li>{@code q:<n>.<hash>:<topic>} and {@code s:<page>:<topic>}: the same under a message sent to
 *       forum topic {@code topic}. A press on a message Telegram reports inaccessible
 *       (InaccessibleMessage: chat, id and date only) names no topic, and these buttons have no
 *       stored answer to remember one with, as "More" has: their data carries it, also across a
 *       restart;
 *   <li>{@code m:<key>:<i>}: "More", quote {@code i} of the answer behind {@code key};
 *   <li>{@code f:<key>:<i>}: "Full passage" of quote {@code i};
 *   <li>{@code v:<key>:<i>:u} and {@code v:<key>:<i>:d}: 👍 and 👎 for quote {@code i}.
 * </ul>
 */
final class Keyboards {
  private Keyboards() {}

  /**
   * Buttons under quote {@code i}: "More" when quotes remain after it, "Full passage" when its
   * passage holds more than the quote, then 👍 and 👎.
   */
  static InlineKeyboardMarkup answerButtons(String key, int i, Answer a) {
    return answerButtons(key, i, a, Texts.english());
  }

  /** As {@link #answerButtons(String, int, Answer)}, labelled in {@code t}'s language. */
  static InlineKeyboardMarkup answerButtons(String key, int i, Answer a, Texts t) {
    InlineKeyboardRow row = moreButton(key, i, a.quotes().size(), t);
    Quote q = a.quotes().get(i);
    // Offered too when the answer shows the quote cut (TelegramHtml.MAX_QUOTE): the rest is there.
    if (!q.passage().text().strip().equals(q.text().strip())
        || q.text().length() > org.astanaqa.bot.render.TelegramHtml.MAX_QUOTE) {
      if (row == null) {
        row = new InlineKeyboardRow();
      }
      row.add(
          InlineKeyboardButton.builder()
              .text(t.get("button.fullPassage"))
              .callbackData("f:" + key + ":" + i)
              .build());
    }
    return keyboard(row, votes(key, i));
  }

  /** Under a full passage: "More" when quotes remain after {@code i}, then 👍 and 👎. */
  static InlineKeyboardMarkup fullPassageButtons(String key, int i, int quotes, Texts t) {
    return keyboard(moreButton(key, i, quotes, t), votes(key, i));
  }

  /** "More" when quotes remain after {@code i}; null otherwise. */
  private static InlineKeyboardRow moreButton(String key, int i, int quotes, Texts t) {
    if (i + 1 >= quotes) {
      return null;
    }
    InlineKeyboardRow row = new InlineKeyboardRow();
    row.add(
        InlineKeyboardButton.builder()
            .text(t.get("button.more"))
            .callbackData("m:" + key + ":" + (i + 1))
            .build());
    return row;
  }

  /** 👍 and 👎 for quote {@code i} of the answer behind {@code key}. */
  private static InlineKeyboardRow votes(String key, int i) {
    InlineKeyboardRow row = new InlineKeyboardRow();
    row.add(
        InlineKeyboardButton.builder()
            .text(UxTexts.VOTE_UP)
            .callbackData("v:" + key + ":" + i + ":u")
            .build());
    row.add(
        InlineKeyboardButton.builder()
            .text(UxTexts.VOTE_DOWN)
            .callbackData("v:" + key + ":" + i + ":d")
            .build());
    return row;
  }

  private static InlineKeyboardMarkup keyboard(InlineKeyboardRow... rows) {
    InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> kb = InlineKeyboardMarkup.builder();
    for (InlineKeyboardRow r : rows) {
      if (r != null && !r.isEmpty()) {
        kb.keyboardRow(r);
      }
    }
    return kb.build();
  }

  /** One button per example question, under /start. */
  static InlineKeyboardMarkup exampleButtons(List<String> examples) {
    return exampleButtons(examples, null);
  }

  /**
   * One button per example question, under /start sent to forum topic {@code topic} (null outside
   * topics).
   */
  static InlineKeyboardMarkup exampleButtons(List<String> examples, Integer topic) {
    InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> kb = InlineKeyboardMarkup.builder();
    for (int i = 0; i < examples.size(); i++) {
      // Button labels may be long; callback data stays a few bytes ("q:0.<8 characters>").
      kb.keyboardRow(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(Wording.shorten(examples.get(i), 60))
                  .callbackData("q:" + i + "." + exampleHash(examples.get(i)) + inTopic(topic))
                  .build()));
    }
    return kb.build();
  }

  /**
   * A short hash of an example question's text: 8 URL-safe characters, the first 48 bits of its
   * SHA-256. An example button carries it beside the question's number, so that a button sent
   * before the maintainer changed the examples (telegram.examples) and restarted is known stale: by
   * its number alone, one past the end of the new list got an empty toast, and one in range asked
   * whatever question has that number now. The same text gives the same hash in every process, so
   * buttons sent before a restart that left the list as it was keep working.
   */
  static String exampleHash(String question) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            java.util.Arrays.copyOf(org.astanaqa.retrieval.util.Sha256.of(question), 6));
  }

  /**
   * The number of the example that an example button's {@code <n>.<hash>} names, or -1 when it
   * names none of {@code examples} any more (example {@code n} is gone, or has another text now) or
   * is garbled. A button without the hash ({@code <n>}, sent by a version before hashes) cannot be
   * told stale: it asks example {@code n} while there is one.
   */
  static int exampleIn(String field, List<String> examples) {
    int dot = field.indexOf('.');
    int n;
    try {
      n = Integer.parseInt(dot < 0 ? field : field.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
    if (n < 0 || n >= examples.size()) {
      return -1;
    }
    return dot < 0 || field.substring(dot + 1).equals(exampleHash(examples.get(n))) ? n : -1;
  }

  /**
   * Prev and Next under page {@code p} (from 0) of {@code pages} pages of /sources, in forum topic
   * {@code topic} (null outside topics).
   */
  static InlineKeyboardMarkup sourcesButtons(int p, int pages, Texts t, Integer topic) {
    InlineKeyboardRow row = new InlineKeyboardRow();
    if (p > 0) {
      row.add(
          InlineKeyboardButton.builder()
              .text(t.get("button.prev"))
              .callbackData("s:" + (p - 1) + inTopic(topic))
              .build());
    }
    if (p + 1 < pages) {
      row.add(
          InlineKeyboardButton.builder()
              .text(t.get("button.next"))
              .callbackData("s:" + (p + 1) + inTopic(topic))
              .build());
    }
    return InlineKeyboardMarkup.builder().keyboardRow(row).build();
  }

  /** ":<topic>" for a button under a message in a forum topic; empty otherwise. */
  private static String inTopic(Integer topic) {
    return topic == null ? "" : ":" + topic;
  }

  /**
   * The forum topic in the data of an example or /sources button ({@code q:<n>:<topic>}), null when
   * it names none, or -1 when what it names is no topic id.
   */
  static Integer topicIn(String[] parts) {
    if (parts.length != 3) {
      return null;
    }
    try {
      int topic = Integer.parseInt(parts[2]);
      return topic > 0 ? topic : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
