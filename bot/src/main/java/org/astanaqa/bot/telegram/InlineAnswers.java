package org.astanaqa.bot.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.astanaqa.bot.render.TelegramHtml;
import org.astanaqa.bot.reply.Texts;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Quote;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;

/**
 * Inline mode ({@code @bot question} in any chat): each quote is a result the user can share; with
 * nothing typed yet, the example questions. It has its own rate limit, as Telegram sends a query
 * per keystroke.
 */
final class InlineAnswers {
  /** Inline results are cached by Telegram for this long (the corpus changes rarely). */
  private static final int INLINE_CACHE_SECONDS = 300;

  private final Supplier<QuestionAnswerer> answerer;
  private final Sender sender;
  private final UserRateLimit rateLimit;
  private final Access access;
  private final List<String> examples;

  InlineAnswers(
      Supplier<QuestionAnswerer> answerer,
      Sender sender,
      UserRateLimit rateLimit,
      Access access,
      List<String> examples) {
    this.answerer = answerer;
    this.sender = sender;
    this.rateLimit = rateLimit;
    this.access = access;
    this.examples = List.copyOf(examples);
  }

  void answer(InlineQuery iq) throws InterruptedException {
    String query = iq.getQuery() == null ? "" : iq.getQuery().strip();
    List<InlineQueryResult> results = new ArrayList<>();
    Texts t = Wording.texts(iq.getFrom(), query.isEmpty() ? null : query);
    boolean limited = false;
    if (query.isEmpty() && access.allows(iq.getFrom().getId())) {
      // Nothing typed yet: the example questions, each sharing its answer when tapped.
      for (int i = 0; i < examples.size(); i++) {
        Answer a = answerer.get().ask(examples.get(i));
        String html =
            "<b>"
                + TelegramHtml.escape(examples.get(i))
                + "</b>\n\n"
                + (a.answered()
                    ? TelegramHtml.quote(a.quotes().get(0), answerer.get().likelyConfidence(), t)
                    : t.get("notFound"));
        results.add(
            article(
                "example" + i,
                Wording.shorten(examples.get(i), 60),
                t.get("inline.example"),
                html));
      }
    } else if (!query.isEmpty() && access.allows(iq.getFrom().getId())) {
      // Its own limit: Telegram sends a query per keystroke, which must not use up the user's
      // questions.
      long wait = rateLimit.tryAsk(iq.getFrom().getId());
      limited = wait > 0;
      Answer a = limited ? null : answerer.get().ask(query);
      if (a != null && a.answered()) {
        for (int i = 0; i < a.quotes().size(); i++) {
          Quote q = a.quotes().get(i);
          String html =
              "<b>"
                  + TelegramHtml.escape(query)
                  + "</b>\n\n"
                  + TelegramHtml.quote(q, answerer.get().likelyConfidence(), t);
          results.add(
              article(
                  Integer.toString(i), Wording.shorten(q.text(), 60), q.source().title(), html));
        }
      } else {
        String why = t.get(a == null ? "inline.tooMany" : "inline.notFound");
        results.add(
            article(
                "none",
                why,
                t.get("inline.tryOther"),
                "<b>"
                    + TelegramHtml.escape(query)
                    + "</b>\n\n"
                    + (a == null ? why : t.get("notFound"))));
      }
    }
    // Telegram caches inline results per query for everyone unless they are personal: an allow
    // list or a "wait a moment" must not reach other users from that cache, nor words in this
    // user's language a user of another (review 8: an English user's "@bot" examples were shown,
    // from the cache, to every Russian user for five minutes). Only a query whose own language
    // decides the words (a Russian question) is answered alike for everyone.
    boolean personal = access.restricted() || limited || !sameWordsForEveryone(query);
    sender.execute(
        AnswerInlineQuery.builder()
            .inlineQueryId(iq.getId())
            .results(results)
            .cacheTime(limited ? 0 : INLINE_CACHE_SECONDS)
            .isPersonal(personal)
            .build());
  }

  /** Whether every user gets the bot's words in one language for this query, whatever theirs. */
  private static boolean sameWordsForEveryone(String query) {
    String q = query.isEmpty() ? null : query;
    return Texts.SPOKEN.stream().map(l -> Texts.forReader(l, q).language()).distinct().count() == 1;
  }

  private static InlineQueryResultArticle article(
      String id, String title, String description, String html) {
    return InlineQueryResultArticle.builder()
        .id(id)
        .title(title)
        .description(Wording.shorten(description, 100))
        .inputMessageContent(
            InputTextMessageContent.builder()
                .messageText(
                    Messages.withinEntityLimit(
                        TelegramHtml.length(html) > TelegramHtml.MAX_MESSAGE
                            ? TelegramHtml.split(html, TelegramHtml.MAX_MESSAGE).get(0)
                            : html))
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .build())
        .build();
  }
}
