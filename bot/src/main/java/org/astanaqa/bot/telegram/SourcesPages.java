package org.astanaqa.bot.telegram;

import java.util.List;
import java.util.function.Supplier;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.reply.Texts;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Source;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/** /sources: the document list, a page per message, turned with Prev and Next in place. */
final class SourcesPages {
  /** Documents per page of /sources: one message, whatever the corpus size. */
  static final int PER_PAGE = 15;

  /** One page of /sources and its Prev/Next buttons (null when there is one page). */
  record Page(String html, InlineKeyboardMarkup buttons) {}

  private final Supplier<QuestionAnswerer> answerer;

  SourcesPages(Supplier<QuestionAnswerer> answerer) {
    this.answerer = answerer;
  }

  /**
   * Page {@code page} (from 0, clamped) of the document list, in {@code t}'s language, its buttons
   * for a message in forum topic {@code topic} (null outside topics).
   */
  Page page(int page, Texts t, Integer topic) {
    List<Source> all = answerer.get().sources();
    int pages = Math.max(1, (all.size() + PER_PAGE - 1) / PER_PAGE);
    int p = Math.min(Math.max(0, page), pages - 1);
    List<Source> listed = all.subList(p * PER_PAGE, Math.min(all.size(), (p + 1) * PER_PAGE));
    String html = null;
    // Long titles and publishers (a UN letter's title runs to 200 characters) are shortened until
    // the page is one message: cut to what fitted, its last documents were listed on no page.
    for (int most : TITLE_LENGTHS) {
      html = list(listed, t, p, pages, all.size(), most);
      if (TelegramHtml.length(html) <= TelegramHtml.MAX_MESSAGE) {
        break;
      }
    }
    if (TelegramHtml.length(html) > TelegramHtml.MAX_MESSAGE) {
      html = TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE).get(0); // cannot happen: 15 x 120
    }
    if (pages == 1) {
      return new Page(html, null);
    }
    return new Page(html, Keyboards.sourcesButtons(p, pages, t, topic));
  }

  /**
   * The most characters of a title, and of a publisher, a page shows: each in turn until the page
   * is one message (no limit first).
   */
  private static final int[] TITLE_LENGTHS = {Integer.MAX_VALUE, 160, 100, 60, 30};

  /** The page's text, each title and publisher shortened to at most {@code most} characters. */
  private static String list(List<Source> listed, Texts t, int p, int pages, int all, int most) {
    StringBuilder sb = new StringBuilder("<b>" + t.get("sources.title") + "</b>");
    if (pages > 1) {
      sb.append(t.get("sources.page", all, p + 1, pages));
    }
    sb.append('\n');
    for (Source s : listed) {
      Source shown =
          most == Integer.MAX_VALUE
              ? s
              : new Source(
                  s.id(),
                  Wording.shorten(s.title(), most),
                  Wording.shorten(s.publisher(), most),
                  s.date(),
                  s.url());
      sb.append("\n").append(TelegramHtml.sourceLine(shown).substring(2)).append('\n');
    }
    return sb.toString();
  }
}
