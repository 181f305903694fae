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
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultsButton;

/**
 * Inline mode ({@code @bot question} in any chat): each quote is a result the user can share; with
 * nothing typed yet, the example questions. It has its own rate limit, as Telegram sends a query
 * per keystroke.
 */
final class InlineAnswers {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(InlineAnswers.class);

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
    List<Result> results = new ArrayList<>();
    Texts t = Wording.texts(iq.getFrom(), query.isEmpty() ? null : query);
    boolean limited = false;
    if (query.isEmpty() && access.allows(iq.getFrom().getId())) {
      // Nothing typed yet: the example questions, each sharing its answer when tapped.
      for (int i = 0; i < examples.size(); i++) {
        Answer a = answerer.get().ask(examples.get(i));
        String head = "<b>" + TelegramHtml.escape(examples.get(i)) + "</b>\n\n";
        String html =
            a.answered()
                ? oneMessage(head, a.quotes().get(0), answerer.get().likelyConfidence(), t)
                : head + t.get("notFound");
        results.add(
            new Result(
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
              oneMessage(
                  "<b>" + TelegramHtml.escape(query) + "</b>\n\n",
                  q,
                  answerer.get().likelyConfidence(),
                  t);
          results.add(
              new Result(
                  Integer.toString(i), Wording.shorten(q.text(), 60), q.source().title(), html));
        }
      } else {
        String why = t.get(a == null ? "inline.tooMany" : "inline.notFound");
        results.add(
            new Result(
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
    Sender.Outcome<?> outcome = sender.attempt(answer(iq, results, limited, personal, true));
    if (outcome.unparsable()) {
      // As a reply or an edit is: the same results as plain text rather than none at all (the
      // query is still unanswered, Telegram having refused the whole call).
      log.warn("Telegram could not parse the HTML of an inline answer; answering as plain text");
      sender.attempt(answer(iq, results, limited, personal, false));
    }
  }

  /**
   * {@code head} and the quote in one message (an inline result's message is one: "message_text",
   * 1-4096 characters after entities parsing), the quote cut to fit ({@link
   * TelegramHtml#oneMessage}); when nothing of it would fit, as the reply would read, which {@link
   * Result#article} cuts to a message.
   */
  private static String oneMessage(String head, Quote q, double likely, Texts t) {
    String html = TelegramHtml.oneMessage(head, q, likely, t);
    return html != null ? html : head + TelegramHtml.quote(q, likely, t);
  }

  /**
   * Answers a query whose search failed: no results, and above them a button saying that it could
   * not be answered now (InlineQueryResultsButton; it opens the bot's chat, its /start parameter
   * "failed"), kept out of Telegram's cache so that the next keystroke is searched again.
   */
  void failed(InlineQuery iq) throws InterruptedException {
    Texts t =
        Wording.texts(
            iq.getFrom(), iq.getQuery() == null || iq.getQuery().isBlank() ? null : iq.getQuery());
    sender.attempt(
        AnswerInlineQuery.builder()
            .inlineQueryId(iq.getId())
            .results(List.of())
            .cacheTime(0)
            .isPersonal(true)
            .button(
                InlineQueryResultsButton.builder()
                    .text(t.get("inline.failed"))
                    .startParameter("failed")
                    .build())
            .build());
  }

  private static AnswerInlineQuery answer(
      InlineQuery iq, List<Result> results, boolean limited, boolean personal, boolean html) {
    return AnswerInlineQuery.builder()
        .inlineQueryId(iq.getId())
        .results(results.stream().map(r -> r.article(html)).toList())
        .cacheTime(limited ? 0 : INLINE_CACHE_SECONDS)
        .isPersonal(personal)
        .build();
  }

  /** Whether every user gets the bot's words in one language for this query, whatever theirs. */
  private static boolean sameWordsForEveryone(String query) {
    String q = query.isEmpty() ? null : query;
    return Texts.SPOKEN.stream().map(l -> Texts.forReader(l, q).language()).distinct().count() == 1;
  }

  /** One result: what the user sees in the list, and the message it sends, in Telegram HTML. */
  private record Result(String id, String title, String description, String html) {
    /** The result as an article: its message in HTML, or ({@code !html}) as plain text. */
    InlineQueryResult article(boolean html) {
      String text =
          TelegramHtml.length(this.html) > TelegramHtml.MAX_MESSAGE
              ? TelegramHtml.split(this.html, TelegramHtml.MAX_MESSAGE).get(0)
              : this.html;
      InputTextMessageContent.InputTextMessageContentBuilder<?, ?> content =
          InputTextMessageContent.builder()
              .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
      if (html) {
        content.messageText(Messages.withinEntityLimit(text)).parseMode(ParseMode.HTML);
      } else {
        content.messageText(TelegramHtml.toPlain(text));
      }
      return InlineQueryResultArticle.builder()
          .id(id)
          .title(title)
          .description(Wording.shorten(description, 100))
          .inputMessageContent(content.build())
          .build();
    }
  }
}
