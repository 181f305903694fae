package org.astanaqa.bot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.astanaqa.bot.render.TelegramHtmlRules;

/**
 * A fake Telegram Bot API on 127.0.0.1 that keeps Telegram's rules, the unkind ones included, for
 * end-to-end tests. It follows the Bot API documentation (https://core.telegram.org/bots/api):
 *
 * <ul>
 *   <li><b>Confirmed updates are forgotten</b> (getUpdates, "offset"): a getUpdates call with
 *       offset N forgets every queued update with a lower id, for good; a call without an offset
 *       returns the earliest unconfirmed ones; a negative offset -N keeps only the last N and
 *       forgets the rest. Nothing is ever delivered again after it was confirmed.
 *   <li><b>Kept at most 24 hours</b> (Getting updates: "they will not be kept longer than 24
 *       hours"): an update not confirmed within a day of its arrival is gone ({@link #hoursPass}),
 *       a message's day counted from its date (one sent 25 hours before it is pushed is gone), a
 *       button press within 150 s and an inline query within 30 s (the Bot API server's queue).
 *   <li><b>No polling while a webhook is set</b> (getUpdates: "will not work if an outgoing webhook
 *       is set up"): a held getUpdates ends with 409 "Conflict: terminated by setWebhook request"
 *       when one is set, and getUpdates answers 409 until deleteWebhook ({@link #setWebhook});
 *       deleteWebhook with drop_pending_updates forgets the queue.
 *   <li><b>Long polling</b> (getUpdates, "timeout", "limit"): an empty call is held until an update
 *       at or above the offset arrives or {@code timeout} seconds pass; at most {@code limit}
 *       (1-100, default 100) updates per answer.
 *   <li><b>Update ids</b> (Update, "update_id"): they grow, may jump, and after a week without
 *       updates restart at a random value, possibly lower, possibly one the bot saw before the
 *       week: {@link #quietWeek(long)} is that week (a week on the fake's clock, so what was queued
 *       has expired), with the test's pick of the next id.
 *   <li><b>One poller</b> ("Conflict: terminated by other getUpdates request"): a getUpdates that
 *       arrives while another is held ends the held one with 409.
 *   <li><b>Errors</b> (Making requests, ResponseParameters): {@code {"ok":false,"error_code",
 *       "description","parameters"}} with {@code retry_after} for 429 ("the number of seconds left
 *       to wait before the request can be repeated": a call to that chat, or a getUpdates after a
 *       429 on getUpdates, before then gets another 429 with the seconds left; after a 429 for the
 *       whole bot, {@link Failure#tooManyRequestsForTheBot}, any call) and {@code
 *       migrate_to_chat_id} for a group that became a supergroup ({@link #migrate}; messages, edits
 *       and chat actions alike); 400 "message is too long" past 4096 characters of text after
 *       entity parsing (sendMessage, "text"), "MESSAGE_TOO_LONG" for an edit's text so long. Not
 *       every error is the Bot API's: Telegram's 502 and 504 come as the HTML page of the nginx in
 *       front of it ({@link Failure#nginxPage}), with the status and no JSON at all; a proxy's 429
 *       page says how long to wait only in the HTTP Retry-After header ({@link
 *       Failure#rateLimitedPage}), and a call before then gets another 429.
 *   <li><b>A blocked bot</b> ("Forbidden: bot was blocked by the user", 403): blocking is the
 *       user's state, not one call's answer, so once a user blocks the bot ({@link #blockedBy})
 *       every message, edit and chat action to that chat is refused with 403, however often the bot
 *       tries, until the user unblocks it.
 *   <li><b>Flood limits</b>, kept unless a test opts out ({@link #withoutFloodLimits}; Bot FAQ, "My
 *       bot is hitting limits": "avoid sending more than one message per second" in a chat, "not
 *       more than 30 messages per second or so", "not be able to send more than 20 messages per
 *       minute to the same group"): a message or edit beyond them gets 429 with retry_after ({@link
 *       #floodRefused} lists them). Stricter than Telegram, which "may allow short bursts that go
 *       over this limit": the bot, paced at its defaults, never bursts, so a 429 here is a pacing
 *       fault, and a test that raises the bot's limits meets 429s Telegram might spare. A message
 *       whose answer was lost counts as carried out, as Telegram counted it.
 *   <li><b>Kinds of update</b> (getUpdates, "allowed_updates"): a poll that names kinds sets which
 *       kinds of update are made from then on; one that names none keeps the earlier setting, an
 *       empty list is the default ("all update types except chat_member, message_reaction, and
 *       message_reaction_count"). The setting belongs to the token, so one left by an earlier
 *       deployment holds until the bot's first poll ({@link #allowedUpdatesSetEarlier}). It
 *       "doesn't affect updates created before the call to getUpdates, so unwanted updates may be
 *       received for a short period of time": updates already queued are delivered whatever their
 *       kind, and an update of a kind the setting leaves out when it happens is never made ({@link
 *       #notCreated}).
 *   <li><b>HTML</b> (Formatting options, "HTML style"): with parse_mode HTML, a text that is not
 *       Telegram HTML ({@link TelegramHtmlRules}: an unsupported tag, an unclosed one, a bare
 *       {@code <} or {@code &}, an unknown named entity) gives 400 "can't parse entities"; a text
 *       empty after parsing gives 400 "message text is empty" (sendMessage, "text": 1-4096
 *       characters after entities parsing). A string with half a surrogate pair is not UTF-8 and is
 *       refused too.
 *   <li><b>Buttons</b> (InlineKeyboardButton, "callback_data": 1-64 bytes; "Exactly one of the
 *       optional fields must be used to specify type of the button"): other data gives 400
 *       "BUTTON_DATA_INVALID", a button with no action 400 "text buttons are unallowed in the
 *       inline keyboard". More than 100 buttons in a keyboard gives 400 "reply markup is too long":
 *       that limit is not in the Bot API documentation but is what bots meet (reported in
 *       rubenlagus/TelegramBots#218, yagop/node-telegram-bot-api#200,
 *       eternnoir/pyTelegramBotAPI#511 and collected in tginfo/Telegram-Limits#228, which also
 *       gives 8 buttons a row; the bot's rows hold at most 2).
 *   <li><b>Replies</b> (ReplyParameters, "message_id: Identifier of the message that will be
 *       replied to in the current chat, or in the chat chat_id if it is specified";
 *       "allow_sending_without_reply ... Always False for replies in another chat"): a reply to a
 *       message the chat does not hold (never seen, or deleted: {@link #deleteMessage}) gives 400
 *       "message to be replied not found" unless allow_sending_without_reply is true and the
 *       message is in the same chat; a message id is looked up in the chat the message goes to, so
 *       a group's message id sent to the supergroup it became names whatever message of the
 *       supergroup has that id ({@link #repliesTo}), and a group that became a supergroup has no
 *       message left to reply to from another chat.
 *   <li><b>The command menu</b> (setMyCommands, "At most 100 commands can be specified";
 *       BotCommand: 1-32 characters of a-z, 0-9 and _, a description of 1-256): others give 400. A
 *       list is kept per scope and language, for the token, until deleteMyCommands; a user sees the
 *       first one set from the narrowest scope, each with the user's language first ("Determining
 *       list of commands"), so one an earlier deployment left for all private chats or all groups
 *       hides the default list ({@link #commandsSetEarlier}, {@link #menuSeen}).
 *   <li><b>Callback answers</b> (answerCallbackQuery, "text": 0-200 characters): a longer toast
 *       gives 400 "MESSAGE_TOO_LONG".
 *   <li><b>Inline queries</b> (InlineQuery, "query: Text of the query (up to 256 characters)"):
 *       none longer is made, pushed or handed over ({@link #inline}).
 *   <li><b>Inline answers</b> (answerInlineQuery, "No more than 50 results per query"; once, within
 *       {@link #INLINE_ANSWER_MILLIS} of the query, sooner than a callback query; the "button"
 *       above the results, InlineQueryResultsButton, with a text and exactly one of web_app and a
 *       start_parameter of 1-64 of A-Z, a-z, 0-9, _ and -; InlineQueryResultArticle, "id": 1-64
 *       bytes, unique among the results (400 "RESULT_ID_DUPLICATE"), "title" required;
 *       InputTextMessageContent, "message_text": 1-4096 characters after entities parsing): other
 *       results give 400, as for sendMessage.
 *   <li><b>Edits</b> (editMessageText): 400 "message to edit not found" for a message the chat does
 *       not hold, or one deleted since ({@link #deleteMessage}); 400 "message can't be edited" for
 *       a message the bot did not send (a user's) or one Telegram will not let it edit ({@link
 *       #uneditable}: editMessageText's note, "business messages that were not sent by the bot and
 *       do not contain an inline keyboard can only be edited within 48 hours", and what bots report
 *       in nickoala/telepot#145, yagop/node-telegram-bot-api#734); 400 "message is not modified"
 *       when text and reply markup are both what the message already has; an edit without reply
 *       markup removes the message's buttons. editMessageReplyMarkup alike (not found, can't be
 *       edited, not modified for the buttons the message has); editMessageCaption of a text message
 *       finds "no caption in the message to edit".
 *   <li><b>Deletes</b> (deleteMessage, "A message can only be deleted if it was sent less than 48
 *       hours ago", "Bots can delete outgoing messages in private chats, groups, and supergroups",
 *       "Bots can delete incoming messages in private chats"): the bot's own message within 48
 *       hours of sending and a user's in a private chat are deleted; 400 "message can't be deleted"
 *       for an older one of the bot's or a user's in a group (the bot is never an admin here), 400
 *       "message to delete not found" for one the chat does not hold or holds no more.
 *   <li><b>Message ids</b> (Message, "message_id: Unique message identifier inside this chat"): a
 *       supergroup's (or channel's, -100...) messages are numbered on their own, so two supergroups
 *       each hold a message 1000 ({@link #box}); private chats and basic groups share the bot's own
 *       numbering.
 *   <li><b>Live locations</b> (Location, "live_period"): each move of a live location a user shares
 *       comes as an {@code edited_message} with an {@code edit_date} ({@link #locationMoved}).
 *   <li><b>Albums</b> (Message, "media_group_id"): photos sent together come as one message each,
 *       in updates of their own, the album's caption on the first only ({@link #albumPhoto}).
 *   <li><b>Button presses</b> (CallbackQuery, "from: Sender", "message: Message sent by the bot
 *       with the callback button"): a press comes from the user who pressed, a positive id, on the
 *       bot's message in its chat as it is, a group's with the group's negative id and type ({@link
 *       #callback(long, long, long, int, String)}).
 *   <li><b>Pressed buttons of gone messages</b> (CallbackQuery, "message":
 *       MaybeInaccessibleMessage; InaccessibleMessage, "a message that was deleted or is otherwise
 *       inaccessible to the bot", "date: Always 0"): a press whose message was deleted carries only
 *       its chat, id and date 0.
 *   <li><b>At most 100 formatting entities</b> (not in the Bot API documentation; reported in
 *       rubenlagus/TelegramBots#854, "The message is sent successfully but all tags after the 100th
 *       are ignored", tdlib/telegram-bot-api#820, "a single message can only support up to 100 ...
 *       entities", and tginfo/Telegram-Limits): a message with more is taken, shown with the first
 *       100 only; the rest are recorded ({@link #entitiesDropped}).
 *   <li><b>Forum topics</b> (sendMessage, sendChatAction, "message_thread_id"): a thread id that is
 *       not an open topic of the chat ({@link #openTopic}) gives 400 "message thread not found", a
 *       closed one 400 "TOPIC_CLOSED"; a message typed in a topic comes as a reply to the topic's
 *       creation message ({@link #inForumTopic}).
 *   <li><b>Callback queries</b> (answerCallbackQuery): answered once, within {@link
 *       #CALLBACK_ANSWER_MILLIS} of being pushed; later, twice, or for an unknown id, 400 "query is
 *       too old and response timeout expired or query ID is invalid".
 *   <li><b>Inline results are cached</b> (answerInlineQuery, "cache_time": "The maximum amount of
 *       time in seconds that the result of the inline query may be cached on the server. Defaults
 *       to 300."; "is_personal": "Pass True if results may be cached on the server side only for
 *       the user that sent the query. By default, results may be returned to any user who sends the
 *       same query."): while an answer is cached, the same query text from any user (from its user
 *       only, when personal) is answered from the cache and never becomes an update ({@link
 *       #servedFromCache}).
 *   <li><b>Group privacy mode</b>, BotFather's default and the fake's ({@link #privacyMode}, off
 *       only for a test that models a bot with privacy off or an admin bot): in a group only
 *       commands (a command naming no bot only while the bot spoke there last of the bots, {@link
 *       #anotherBotSpokeIn}), replies to the bot, messages via the bot and service messages reach
 *       it; a mere mention does not.
 *   <li><b>A chosen inline result is a message via the bot</b> (InlineQueryResultArticle,
 *       "input_message_content: Content of the message to be sent"; Message, "via_bot: Bot through
 *       which the message was sent"): a user who picks one of the bot's inline results sends its
 *       content as their own message, marked via_bot, and Telegram delivers that message to the bot
 *       like any other: in a private chat with it, and in a group even with privacy mode on (Bot
 *       FAQ, "What messages will my bot get?": "Messages sent via this bot"). {@link
 *       #chosenInlineResult} is that update.
 *   <li><b>Edits that change nothing</b> (Update, "edited_message": "New version of a message that
 *       is known to the bot and was edited"; Message, "edit_date", optional): a user's edit carries
 *       its {@code edit_date} ({@link #edited}). But Telegram also sends an {@code edited_message}
 *       when nothing visible changed, for instance when a message gets its first reaction
 *       (tdlib/telegram-bot-api#388, "bots could ever receive edited_message updates, while nothing
 *       is visible (for example: a first reaction has been added to the message)", and "There is no
 *       way to always avoid edited_message updates without actual changes for bots"; #773;
 *       tdlib/td#2294: such an update has edit_date 0, which the Bot API leaves out): {@link
 *       #reactedTo} is that update, the message as it was, its last edit_date if a user edited it
 *       before, none if never.
 *   <li><b>Dates</b> (Message, "date: Date the message was sent in Unix time"): a message is dated
 *       when its user sends it ({@link #sentNow}), so one that waited at Telegram while the bot was
 *       down carries its own, earlier date ({@link #sentAgo}). Every answer carries the HTTP {@code
 *       Date} header (RFC 9110, 6.6.1: "the date and time at which the message was originated", to
 *       the second), on Telegram's clock as the messages' dates are. Here that is the host's clock
 *       (the JDK's server always writes one); {@link #withDateFront} puts a front before the fake
 *       (as nginx is before the Bot API) that dates answers on a Telegram clock {@link
 *       #hostClockAhead} of the host's, or sends none ({@link #sendDateHeaders}), to simulate a
 *       host whose clock is wrong; {@link #sentAgoOnTelegramsClock} dates a message so.
 *   <li><b>Chat actions</b> (sendChatAction): a status lasts {@link #CHAT_ACTION_MILLIS} or until
 *       the bot's next message in the chat, not an edit ({@link #showsTyping}); to last longer it
 *       must be sent again.
 *   <li><b>The network</b>: a response can be slow ({@link Failure#slow}, {@link
 *       Failure#unansweredFor} on the fake's clock), or lost after the server carried the call out
 *       ({@link Failure#lostAfterActing}); the client cannot tell which. A getUpdates answer lost
 *       so is not a confirmation: the next poll with the same offset gets the same updates.
 *   <li><b>A path prefix</b>: a Bot API server behind a reverse proxy ({@link #FakeBotApi(String,
 *       String)}) answers only under its prefix, 404 elsewhere.
 *   <li><b>Fields and kinds of update added later</b> (Recent changes: each Bot API version adds
 *       fields to objects, Bot API 7.4 "Added the field effect_id to the class Message", and kinds
 *       of update, Bot API 4.6 "the field poll_answer in the Update object"; nothing is announced
 *       to a bot, whose library of the day knows none of them): {@link #answersAsANewerBotApi} puts
 *       a field no library knows ({@link #FIELD_ADDED_LATER}) in every object of every answer, the
 *       answer itself, each update getUpdates delivers and everything in it, the message
 *       sendMessage returns, getMe's bot. An update of a new kind is whatever a test pushes, made
 *       as any kind is under allowed_updates.
 * </ul>
 *
 * <p>Every call other than getUpdates is recorded ({@link #calls}) when the server carries it out;
 * one it refuses is recorded as {@code method:refused} ({@link #refused}), a scripted error answer
 * ({@link #failNext} with an HTTP error status: 429, 403, 5xx ...) included, as Telegram carries
 * out no call it answers with an error. (A scripted getUpdates error is recorded as {@code
 * getupdates}: getUpdates is otherwise not recorded, and tests count those polls.) Malformed
 * updates are whatever JSON a test pushes.
 */
final class FakeBotApi implements AutoCloseable {
  /** A recorded call: the method (lower case), its JSON body, and when it was carried out. */
  record Call(String method, JsonNode body, long nanos) {}

  /**
   * A scripted behaviour for the next call of a method: a status, a body and, for an HTTP answer,
   * any headers it carries (a proxy's Retry-After).
   */
  record Failure(int status, String body, Map<String, String> headers) {
    Failure(int status, String body) {
      this(status, body, Map.of());
    }

    /**
     * A proxy's rate limit (nginx limit_req, a CDN) in front of the Bot API: 429 as an HTML page,
     * with no {@code retry_after} in it but the HTTP {@code Retry-After} header (RFC 9110, 10.2.3)
     * saying how many seconds to wait. Any call before then, whatever its method or chat, gets the
     * same page with the seconds still to wait.
     */
    static Failure rateLimitedPage(int retryAfterSeconds) {
      Failure page = nginxPage(429, "Too Many Requests");
      return new Failure(
          page.status(), page.body(), Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    static Failure tooManyRequests(int retryAfter) {
      return new Failure(
          429,
          "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
              + retryAfter
              + "\",\"parameters\":{\"retry_after\":"
              + retryAfter
              + "}}");
    }

    /**
     * 429 for the whole bot, not one chat: the bot went past Telegram's overall limit ("not more
     * than 30 messages per second or so", Bot FAQ), and every call before {@code retryAfter}
     * seconds have passed, whatever its method or chat, gets another 429 with the seconds still to
     * wait (ResponseParameters, "retry_after: ... the number of seconds left to wait before the
     * request can be repeated").
     */
    static Failure tooManyRequestsForTheBot(int retryAfter) {
      Failure f = tooManyRequests(retryAfter);
      return new Failure(f.status(), f.body(), Map.of(BOT_WIDE, "true"));
    }

    /** Marks {@link #tooManyRequestsForTheBot}; never sent as a header. */
    static final String BOT_WIDE = "X-Fake-Bot-Wide";

    /**
     * 429 for this method to this chat only: Telegram's flood wait is "the maximum allowed number
     * of attempts to invoke the given method with the given input parameters" (error 420 FLOOD,
     * core.telegram.org/api/errors), and retry_after says when "the request can be repeated"; every
     * call of the method to the chat before then gets another 429 with the seconds left, while the
     * chat's other methods are taken. (A plain {@link #tooManyRequests} is stricter: it holds every
     * call to the chat.)
     */
    static Failure tooManyRequestsOfTheMethod(int retryAfter) {
      Failure f = tooManyRequests(retryAfter);
      return new Failure(f.status(), f.body(), Map.of(METHOD_ONLY, "true"));
    }

    /** Marks {@link #tooManyRequestsOfTheMethod}; never sent as a header. */
    static final String METHOD_ONLY = "X-Fake-Method-Only";

    /** 400 ENTITIES_TOO_LONG, Telegram's refusal of too many formatting entities (upper case). */
    static Failure entitiesTooLong() {
      return new Failure(
          400,
          "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: ENTITIES_TOO_LONG\"}");
    }

    static Failure cantParseEntities() {
      return new Failure(
          400,
          "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: can't parse entities:"
              + " unsupported start tag\"}");
    }

    /**
     * 502 as Telegram gives it: not the Bot API's JSON but the HTML error page of the nginx in
     * front of it ({@link #nginxPage}).
     */
    static Failure badGateway() {
      return nginxPage(502, "Bad Gateway");
    }

    /** 504 as Telegram gives it: nginx's HTML page, as {@link #badGateway}. */
    static Failure gatewayTimeout() {
      return nginxPage(504, "Gateway Timeout");
    }

    /**
     * An error answered by the nginx in front of the Bot API rather than by the Bot API: its stock
     * HTML page (text/html, CRLF lines, the server's name at the foot), never {@code {"ok":false,
     * ...}}. Telegram's 502 and 504 come so when the server behind is down or slow; a proxy's 413,
     * 429 or 404 look the same. Nothing is carried out.
     */
    static Failure nginxPage(int status, String reason) {
      String title = status + " " + reason;
      return new Failure(
          status,
          "<html>\r\n<head><title>"
              + title
              + "</title></head>\r\n<body>\r\n<center><h1>"
              + title
              + "</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n");
    }

    /** Closes the connection before reading the call: nothing is carried out. */
    static Failure dropConnection() {
      return new Failure(-1, "");
    }

    /** Holds the call past the client's timeout, then closes it unanswered and not carried out. */
    static Failure timeout(int millis) {
      return new Failure(-2, Integer.toString(millis));
    }

    /**
     * Carries the call out, then answers only after {@code millis} (past the client's timeout,
     * perhaps).
     */
    static Failure slow(int millis) {
      return new Failure(-3, Integer.toString(millis));
    }

    /** Carries the call out, then drops the connection without an answer. */
    static Failure lostAfterActing() {
      return new Failure(-4, "");
    }

    /**
     * Holds the call {@code millis} on the fake's clock (a slow Telegram: the client's timeout runs
     * out first), then closes it unanswered and not carried out. With a test's clock that the fake
     * may move ({@link #useClock(java.util.function.LongSupplier,
     * java.util.function.LongConsumer)}) the time passes there, at once; otherwise it is slept.
     */
    static Failure unansweredFor(int millis) {
      return new Failure(-6, Integer.toString(millis));
    }

    /**
     * Carries the call out, then answers nginx's 504 page: the Bot API behind it was slow, not
     * idle, so the message was sent although the bot is told the gateway timed out.
     */
    static Failure gatewayTimeoutAfterActing() {
      return new Failure(-5, "");
    }

    /**
     * Carries the call out, then holds its answer until {@link #releaseHeld} (a slow Telegram, on
     * no clock: a test says when it answers).
     */
    static Failure heldAnswer() {
      return new Failure(-7, "");
    }

    /** Answers 200 with a body that is not JSON. */
    static Failure malformed() {
      return new Failure(200, "{\"ok\":true,\"result\":{not json");
    }

    static Failure unauthorized() {
      return new Failure(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
    }
  }

  /** Telegram's limit on a message's text, after entity parsing. */
  static final int MAX_TEXT = 4096;

  /** Telegram's limit on an inline query's text (InlineQuery, "query"), in UTF-16 units. */
  static final int MAX_INLINE_QUERY = 256;

  /** How long a chat action shows ("5 seconds or less", sendChatAction). */
  static final long CHAT_ACTION_MILLIS = 5000;

  /** Each chat's "typing..." shows until then (the fake's clock), or until the bot's message. */
  private final Map<Long, Long> typingUntil = new ConcurrentHashMap<>();

  /**
   * Whether the chat shows the bot "typing..." now (sendChatAction: "The status is set for 5
   * seconds or less (when a message arrives from your bot, Telegram clients clear its typing
   * status)"): a chat action was carried out less than {@link #CHAT_ACTION_MILLIS} ago, on the
   * fake's clock, and no message of the bot's arrived in the chat since. An edit clears nothing.
   */
  boolean showsTyping(long chat) {
    Long until = typingUntil.get(chat);
    return until != null && now() - until < 0;
  }

  /**
   * How long a callback or inline query may wait for its answer, from the press (or keystroke) at
   * Telegram, not from its delivery to the bot. The Bot API asks for an answer to every callback
   * query but does not state the limit; measured (d-Rickyy-b's answerCallbackQuery timeout check, a
   * handler sleeping a second longer at each press), Telegram refuses it ("QUERY_ID_INVALID") after
   * about 15 s; bots that report 5 to 10 s count from their own handling, after the update waited.
   * The fake allowed 10 s, stricter than Telegram, and no test saw an answer between 10 and 15 s.
   */
  static final long CALLBACK_ANSWER_MILLIS = 15_000;

  /**
   * How long an inline query waits for its answer, from the keystroke at Telegram: shorter than a
   * press's. Not documented either; bots report QUERY_ID_INVALID for an answer sent 10.3 s after
   * the query reached them (eternnoir/pyTelegramBotAPI#270: "query_id will expire in 10 seconds")
   * and guess "around 5-10 seconds" (#1615). The fake allowed a press's 15 s, kinder than Telegram,
   * so no test saw an inline answer sent between 10 and 15 s refused.
   */
  static final long INLINE_ANSWER_MILLIS = 10_000;

  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK's HttpServer writes status line and body separately; without TCP_NODELAY, Nagle's
    // algorithm meets the client's delayed ACK and every answer waits 40 ms. Telegram does not.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;

  /** The bot's token now: one revoked with @BotFather's /revoke is replaced by a new one. */
  private volatile String token;

  /** The tokens revoked: Telegram answers every call under them 401 Unauthorized. */
  private final java.util.Set<String> revoked = ConcurrentHashMap.newKeySet();

  /** The method whose next call finds the token revoked ({@link #revokeTokenAtNext}), or null. */
  private volatile String revokeAt;

  private final List<Call> calls = new ArrayList<>();
  private final Deque<ObjectNode> queue = new ArrayDeque<>();
  private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();

  /** Every request that reached the fake, by method (lower case), carried out or not. */
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> arrivals =
      new ConcurrentHashMap<>();

  private final Map<Long, Long> deliveredAt = new ConcurrentHashMap<>();

  /** How many getUpdates answers held each update id ({@link #deliveries}). */
  private final Map<Long, Integer> deliveries = new ConcurrentHashMap<>();

  /** Whether every answer carries fields no library knows ({@link #answersAsANewerBotApi}). */
  private volatile boolean newerBotApi;

  private final Map<Long, Long> migrated = new ConcurrentHashMap<>();
  private final List<Long> offsets = new ArrayList<>();

  /** "chat/message id" to the text and reply markup the message has now. */
  private final Map<String, String> messages = new ConcurrentHashMap<>();

  /** "chat/message id" to the message as Telegram shows it in a callback query: text, buttons. */
  private final Map<String, ObjectNode> shown = new ConcurrentHashMap<>();

  /** "chat/thread id" to whether the forum topic is open. */
  private final Map<String, Boolean> topics = new ConcurrentHashMap<>();

  /** Callback query ids not answered yet, with when they were pushed. */
  private final Map<String, Long> callbacks = new ConcurrentHashMap<>();

  /** Inline query ids not answered yet, with when they were pushed. */
  private final Map<String, Long> inlineQueries = new ConcurrentHashMap<>();

  /** Inline query ids not answered yet, with their query text and user. */
  private final Map<String, JsonNode> inlineAsked = new ConcurrentHashMap<>();

  /** Inline answers Telegram keeps, by query text (see {@link #servedFromCache}). */
  private final Map<String, CachedInline> inlineCache = new ConcurrentHashMap<>();

  /** An inline answer in Telegram's cache: its results, whose they are, until when. */
  private record CachedInline(JsonNode results, boolean personal, long user, long until) {}

  /** "chat/message id" of messages Telegram will not let the bot edit ({@link #uneditable}). */
  private final Set<String> uneditable = ConcurrentHashMap.newKeySet();

  /** Chats whose user blocked the bot ({@link #blockedBy}). */
  private final Set<Long> blocked = ConcurrentHashMap.newKeySet();

  /** "chat/message id" of each message the bot sent, with when it was sent (the fake's clock). */
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

  /** The message id of each message the bot sent, in the order they were sent. */
  private final List<Integer> sentIds = new ArrayList<>();

  /** The message id Telegram gave the {@code n}th message the bot sent (from 0). */
  synchronized int sentMessageId(int n) {
    return sentIds.get(n);
  }

  /** How long after sending it the bot may delete a message of its own (deleteMessage). */
  static final long DELETE_WITHIN_NANOS = 48L * 3600 * 1_000_000_000L;

  /**
   * The text message {@code messageId} of {@code chat} shows now (after entity parsing, as a
   * callback query carries it), or null when the chat holds no such message of the bot's.
   */
  String shownText(long chat, int messageId) {
    ObjectNode now = shown.get(chat + "/" + messageId);
    return now == null ? null : now.path("text").asText();
  }

  /** "chat/message id" of messages deleted ({@link #deleteMessage}). */
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();

  /** Calls whose formatting beyond the 100th entity Telegram ignored, with their entity count. */
  private final List<String> entitiesDropped = new ArrayList<>();

  /** The path before /bot&lt;token&gt;/, "" for none. */
  private final String pathPrefix;

  /** "chat/message id" of every message the chat holds: users' (as pushed) and the bot's. */
  private final Set<String> chatMessages = ConcurrentHashMap.newKeySet();

  /**
   * "chat/message id" of a message the bot sent as a reply to the "chat/message id" it replies to.
   */
  private final Map<String, String> replies = new ConcurrentHashMap<>();

  /**
   * Queued updates with when they arrived (on {@link #now}'s clock), by the update itself: after a
   * quiet week an id can name two.
   */
  private final Map<JsonNode, Long> arrived = new java.util.IdentityHashMap<>();

  /** chat_id (or "" for calls without one) to when a 429's retry_after runs out. */
  private final Map<String, Long> floodUntil = new ConcurrentHashMap<>();

  /**
   * When a proxy's rate limit ({@link Failure#rateLimitedPage}) lets calls through again: it limits
   * the whole client, every method and chat, and answers with its own page until then.
   */
  private volatile long proxyUntil = Long.MIN_VALUE;

  /** When a 429 for the whole bot ({@link Failure#tooManyRequestsForTheBot}) runs out. */
  private volatile long botFloodUntil = Long.MIN_VALUE;

  private volatile java.util.function.LongSupplier clock = System::nanoTime;

  /** Lets time pass on {@link #clock} ({@link Failure#unansweredFor}): slept unless a test's. */
  private volatile java.util.function.LongConsumer timePasses =
      nanos -> sleep(TimeUnit.NANOSECONDS.toMillis(nanos));

  /** Told each getUpdates offset just before the updates below it are forgotten. */
  private volatile java.util.function.LongConsumer confirming = offset -> {};

  private volatile boolean floodLimits = true;

  /** The calls the flood limits refused ({@link #floodLimit}, {@link #floodLimitOverall}). */
  private final List<Call> floodRefused = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** When each chat's messages (and edits) were carried out, and every chat's together. */
  private final Map<Long, Deque<Long>> sentTo = new ConcurrentHashMap<>();

  private final Deque<Long> sentAll = new ArrayDeque<>();
  private volatile String webhook; // null: none set
  private volatile long skewNanos; // hours that passed without the wall clock moving
  private long expired;

  private volatile List<String> allowedUpdates; // null: never set, every kind we send

  /**
   * The next message id of each message box (Message, "message_id: Unique message identifier inside
   * this chat"): a supergroup's or channel's ids (-100...) are its own, so the same id names a
   * message in two of them; private chats and basic groups share the bot's own numbering.
   */
  private final Map<Long, Integer> nextMessageIds = new java.util.HashMap<>();

  /** The message box of {@code chat}: itself for a supergroup or channel, 0 for the others. */
  static long box(long chat) {
    return chat <= -1_000_000_000_000L ? chat : 0;
  }

  private long nextUpdateId = 100_000_000L;
  private long pollGeneration;
  private long forgotten;
  private long notCreated;
  private volatile boolean closed;

  FakeBotApi(String token) throws IOException {
    this(token, "");
  }

  /**
   * A Bot API server behind a reverse proxy at {@code pathPrefix} ("/tg"): calls are answered at
   * {@code /tg/bot<token>/<method>} only.
   */
  FakeBotApi(String token, String pathPrefix) throws IOException {
    this.token = token;
    this.pathPrefix = pathPrefix;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-bot-api");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * A fake behind a front that writes the answers' {@code Date} header itself ({@link
   * #hostClockAhead}, {@link #sendDateHeaders}): the JDK's server writes one on the host's clock,
   * whatever a handler sets.
   */
  static FakeBotApi withDateFront(String token) throws IOException {
    FakeBotApi api = new FakeBotApi(token);
    api.front = api.new DateFront();
    return api;
  }

  /** The base URL, path prefix included. */
  String url() {
    int port = front != null ? front.socket.getLocalPort() : server.getAddress().getPort();
    return "http://127.0.0.1:" + port + pathPrefix;
  }

  /**
   * The host's clock is {@code seconds} ahead of Telegram's (behind when negative): Telegram's
   * clock, that of its answers' Date header and of {@link #sentAgoOnTelegramsClock}, is the host's
   * less that. Needs {@link #withDateFront}.
   */
  void hostClockAhead(long seconds) {
    if (front == null) {
      throw new IllegalStateException(
          "a fake without a front dates its answers on the host's clock");
    }
    hostAheadSeconds = seconds;
  }

  /**
   * Whether answers carry a Date header at all (a proxy may drop it). Needs {@link #withDateFront}.
   */
  void sendDateHeaders(boolean send) {
    if (front == null) {
      throw new IllegalStateException("the JDK's server always sends a Date header");
    }
    dateHeaders = send;
  }

  /** Now on Telegram's clock, in Unix seconds. */
  long telegramNow() {
    return Math.floorDiv(System.currentTimeMillis(), 1000) - hostAheadSeconds;
  }

  /**
   * The update's message as sent {@code seconds} before now on Telegram's clock ({@link
   * #hostClockAhead}): its date (and its edit date, as long after the date as before) as Telegram
   * gives them.
   */
  ObjectNode sentAgoOnTelegramsClock(ObjectNode update, long seconds) {
    ObjectNode m = (ObjectNode) messageOf(update);
    long date = telegramNow() - seconds;
    if (m.has("edit_date")) {
      m.put("edit_date", date + m.path("edit_date").asLong() - m.path("date").asLong());
    }
    m.put("date", date);
    return update;
  }

  private volatile DateFront front;
  private volatile long hostAheadSeconds;
  private volatile boolean dateHeaders = true;

  /** IMF-fixdate (RFC 9110, 5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT", the day in two digits. */
  private static final java.time.format.DateTimeFormatter IMF_FIXDATE =
      java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(java.time.ZoneOffset.UTC);

  /**
   * A front on its own port that passes each connection to the server byte for byte, but for the
   * Date header of each answer: dropped, and written anew on Telegram's clock unless {@link
   * #sendDateHeaders} says none. A connection the server ends (a scripted drop) ends here too.
   */
  private final class DateFront {
    final java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final Set<java.net.Socket> open = ConcurrentHashMap.newKeySet();

    DateFront() throws IOException {
      daemon("fake-front-accept", this::accept).start();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          java.net.Socket client = socket.accept();
          java.net.Socket upstream =
              new java.net.Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
          client.setTcpNoDelay(true);
          upstream.setTcpNoDelay(true);
          open.add(client);
          open.add(upstream);
          Runnable end =
              () -> {
                closeQuietly(client);
                closeQuietly(upstream);
                open.remove(client);
                open.remove(upstream);
              };
          daemon(
                  "fake-front-up",
                  () -> {
                    try {
                      client.getInputStream().transferTo(upstream.getOutputStream());
                    } catch (IOException e) {
                      // the connection ended
                    }
                    end.run();
                  })
              .start();
          daemon(
                  "fake-front-down",
                  () -> {
                    try {
                      answers(
                          new java.io.BufferedInputStream(upstream.getInputStream()),
                          client.getOutputStream());
                    } catch (IOException | RuntimeException e) {
                      // the connection ended
                    }
                    end.run();
                  })
              .start();
        } catch (IOException e) {
          // closed, or one connection failed
        }
      }
    }

    /** Passes the server's answers on, each with its Date header made anew. */
    private void answers(java.io.InputStream in, java.io.OutputStream out) throws IOException {
      while (true) {
        String head = line(in);
        if (head == null) {
          return; // the server ended the connection
        }
        StringBuilder h = new StringBuilder(head).append("\r\n");
        long length = -1;
        boolean chunked = false;
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
          String lower = l.toLowerCase(Locale.ROOT);
          if (lower.startsWith("date:")) {
            continue;
          }
          if (lower.startsWith("content-length:")) {
            length = Long.parseLong(l.substring("content-length:".length()).strip());
          }
          chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
          h.append(l).append("\r\n");
        }
        if (dateHeaders) {
          h.append("Date: ")
              .append(IMF_FIXDATE.format(java.time.Instant.ofEpochSecond(telegramNow())))
              .append("\r\n");
        }
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (chunked) {
          while (true) {
            String size = line(in);
            out.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long n = Long.parseLong(size.split(";")[0].strip(), 16);
            if (n == 0) {
              for (String l = line(in); ; l = line(in)) {
                out.write((l + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (l.isEmpty()) {
                  break;
                }
              }
              break;
            }
            out.write(in.readNBytes((int) n + 2));
          }
        } else if (length >= 0) {
          out.write(in.readNBytes((int) length));
        } else {
          in.transferTo(out); // to the end of the connection
        }
        out.flush();
      }
    }

    /** A line without its CRLF; null at the end of the stream before any byte. */
    private String line(java.io.InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          if (sb.length() == 0) {
            return null;
          }
          throw new IOException("the connection ended within a line");
        }
        sb.append((char) c);
      }
      int end = sb.length();
      return sb.substring(0, end > 0 && sb.charAt(end - 1) == '\r' ? end - 1 : end);
    }

    void close() {
      closeQuietly(socket);
      open.forEach(FakeBotApi::closeQuietly);
    }
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /**
   * Queues an update with the id it carries (a test's own numbering); one of a kind the token's
   * allowed_updates setting leaves out is not made (its message is in the chat all the same).
   */
  synchronized void push(ObjectNode update) {
    if (servedFromCache(update)) {
      return;
    }
    pressed(update);
    if (!madeUnderTheSetting(update) || !sentInPrivacyMode(update)) {
      notCreated++;
      return;
    }
    long waited = TimeUnit.SECONDS.toNanos(waitedSeconds(update));
    if (waited > lifetime(update)) {
      expired++; // made more than a day ago: gone before any poll, a held one included
      return;
    }
    queue.addLast(update);
    arrived.put(update, now() - waited);
    notifyAll();
  }

  /**
   * How long before it is pushed here Telegram made the update: a new message's when it was sent
   * (Message, "date: Date the message was sent"), so that a question sent 25 hours before ({@link
   * #sentAgo}) has been dropped already, as Telegram drops it a day after it was made, not a day
   * after a test hands it over. 0 for other updates, made as they are pushed: a press, an inline
   * query, and an edited_message, whose dates may be older than the update ({@link #reactedTo}
   * keeps the message's own, as Telegram does for a first reaction made now).
   */
  private long waitedSeconds(ObjectNode update) {
    if (!update.has("message")) {
      return 0;
    }
    long made = update.get("message").path("date").asLong(0);
    return made <= 0 ? 0 : Math.max(0, telegramNow() - made); // dates are on Telegram's clock
  }

  /**
   * Whether Telegram answers this inline query from its cache of an earlier answer to the same text
   * (not personal, or personal and for this user, within its cache_time): then the bot never sees
   * it, and the results shown are recorded as {@code answerInlineQuery:cached} with the user.
   */
  private boolean servedFromCache(ObjectNode update) {
    JsonNode iq = update.path("inline_query");
    if (!iq.has("id")) {
      return false;
    }
    CachedInline c = inlineCache.get(iq.path("query").asText("") + "\u0000" + iq.path("offset"));
    long user = iq.path("from").path("id").asLong();
    if (c == null || now() >= c.until() || c.personal() && c.user() != user) {
      return false;
    }
    ObjectNode shown = JSON.createObjectNode();
    shown.put("inline_query_id", iq.path("id").asText());
    shown.put("user", user);
    shown.set("results", c.results().deepCopy());
    record("answerinlinequery:cached", shown);
    return true;
  }

  /**
   * The fake's clock: the system's (or a test's, {@link #useClock}), moved on by {@link
   * #hoursPass}.
   */
  private long now() {
    return clock.getAsLong() + skewNanos;
  }

  /**
   * Calls {@code check} with the offset of every getUpdates that names a positive one, at the
   * moment it arrives and before the updates below it are forgotten: what the bot must hold by
   * then, a test can check there.
   */
  void onConfirming(java.util.function.LongConsumer check) {
    confirming = check;
  }

  /**
   * Takes messages beyond Telegram's flood limits, kinder than Telegram: for a test that sends
   * through an unpaced {@link org.astanaqa.bot.telegram.send.Throttle} on purpose, to test
   * something other than pacing ({@link FakeWiredHandler#sender}), and says why where it opts out.
   * By default messages beyond them get 429, as Telegram's do, and chat actions, button answers and
   * deletions beyond the overall limit: Telegram may answer any method so.
   */
  void withoutFloodLimits() {
    floodLimits = false;
  }

  /** The calls the flood limits refused with 429: none for a bot paced as Telegram asks. */
  List<Call> floodRefused() {
    return List.copyOf(floodRefused);
  }

  /**
   * 429 when a message to {@code chat} now would go beyond the flood limits (one a second in a
   * chat, 20 a minute in a group, 30 a second overall); otherwise counts it and returns null.
   */
  private synchronized Answer floodLimit(long chat) {
    if (!floodLimits) {
      return null;
    }
    long at = now();
    long second = TimeUnit.SECONDS.toNanos(1);
    Deque<Long> times = sentTo.computeIfAbsent(chat, k -> new ArrayDeque<>());
    while (!times.isEmpty() && at - times.peekFirst() >= TimeUnit.MINUTES.toNanos(1)) {
      times.pollFirst();
    }
    while (!sentAll.isEmpty() && at - sentAll.peekFirst() >= second) {
      sentAll.pollFirst();
    }
    long wait = 0;
    if (!times.isEmpty() && at - times.peekLast() < second) {
      wait = times.peekLast() + second - at;
    }
    if (chat < 0 && times.size() >= 20) {
      wait = Math.max(wait, times.peekFirst() + TimeUnit.MINUTES.toNanos(1) - at);
    }
    if (sentAll.size() >= 30) {
      wait = Math.max(wait, sentAll.peekFirst() + second - at);
    }
    if (wait > 0) {
      int seconds = (int) Math.max(1, (wait + second - 1) / second);
      floodUntil.put(Long.toString(chat), at + TimeUnit.SECONDS.toNanos(seconds));
      return new Answer(429, Failure.tooManyRequests(seconds).body());
    }
    times.addLast(at);
    sentAll.addLast(at);
    return null;
  }

  /**
   * With {@link #floodLimits}, a call that puts nothing in a chat (a chat action, a button's or
   * inline query's answer, a deletion) over the overall 30 a second: Telegram may answer any method
   * 429 with a retry_after, not only messages, and such calls count against the bot's overall limit
   * too. 429 for {@code key} (the chat, or "" for a call to none) and null, or counted and null.
   */
  private synchronized Answer floodLimitOverall(String key, String method, JsonNode body) {
    if (!floodLimits) {
      return null;
    }
    long at = now();
    long second = TimeUnit.SECONDS.toNanos(1);
    while (!sentAll.isEmpty() && at - sentAll.peekFirst() >= second) {
      sentAll.pollFirst();
    }
    if (sentAll.size() >= 30) {
      long wait = sentAll.peekFirst() + second - at;
      int seconds = (int) Math.max(1, (wait + second - 1) / second);
      floodUntil.put(key, at + TimeUnit.SECONDS.toNanos(seconds));
      record(method + ":refused", body);
      floodRefused.add(new Call(method, body, System.nanoTime()));
      return new Answer(429, Failure.tooManyRequests(seconds).body());
    }
    sentAll.addLast(at);
    return null;
  }

  /** The calls made before a 429's retry_after (or a proxy's Retry-After) had run out. */
  private final List<Call> tooSoon = new ArrayList<>();

  private synchronized void tooSoon(String method, JsonNode body) {
    tooSoon.add(new Call(method, body, System.nanoTime()));
  }

  /**
   * Every call that came before a 429 told to it (its chat's, the whole bot's, or a proxy's) had
   * run out: each is a call the bot should not have made, whatever its method.
   */
  synchronized List<Call> tooSoon() {
    return List.copyOf(tooSoon);
  }

  /** Keeps time by a test's fake clock (nanoseconds), so a fake wait counts here too. */
  void useClock(java.util.function.LongSupplier nanoTime) {
    clock = nanoTime;
  }

  /**
   * Keeps time by a test's fake clock, which {@code pass} moves on by the nanoseconds given: a call
   * Telegram is slow to answer ({@link Failure#unansweredFor}) takes its time there, so the bot's
   * sender, on the same clock, sees that time pass without a test sleeping.
   */
  void useClock(java.util.function.LongSupplier nanoTime, java.util.function.LongConsumer pass) {
    clock = nanoTime;
    timePasses = pass;
  }

  /**
   * Hours pass without the bot polling: Telegram drops updates older than 24 hours, and callback
   * and inline queries pushed before are too old to answer.
   */
  void hoursPass(double hours) {
    skewNanos += (long) (hours * 3_600_000_000_000L);
  }

  /** Updates dropped unconfirmed after 24 hours. */
  synchronized long expired() {
    return expired;
  }

  /**
   * A webhook set for the token (by another deployment, or an earlier one of this bot): a held
   * getUpdates ends with 409 "Conflict: terminated by setWebhook request", and getUpdates answers
   * 409 until deleteWebhook.
   */
  void setWebhook(String url) {
    webhookSet(url);
  }

  /**
   * Sets the webhook and, as Telegram does, ends a held getUpdates with 409 "Conflict: terminated
   * by setWebhook request" (later ones get "can't use getUpdates method while webhook is active").
   */
  private synchronized void webhookSet(String url) {
    // "Use an empty string to remove webhook integration"
    webhook = url == null || url.isEmpty() ? null : url;
    if (webhook != null) {
      ++pollGeneration;
      notifyAll();
    }
  }

  /**
   * The user of this private chat blocked the bot: from now on every sendMessage, editMessageText
   * and sendChatAction to it gets 403 "Forbidden: bot was blocked by the user", until {@link
   * #unblockedBy}.
   */
  void blockedBy(long chat) {
    blocked.add(chat);
  }

  /**
   * The bot was removed from this group (an admin kicked it, or it was made to leave): every call
   * to the chat gets 403 "Forbidden: bot was kicked from the supergroup chat" from then on, as a
   * blocked private chat does.
   */
  void kickedFrom(long group) {
    blocked.add(group);
  }

  /** The user unblocked the bot (pressed Start again): calls to the chat are carried out again. */
  void unblockedBy(long chat) {
    blocked.remove(chat);
  }

  /** 403 for a call to a chat whose user blocked the bot; null otherwise. */
  private Answer blockedAnswer(long chat, String method, JsonNode body) {
    if (!blocked.contains(chat)) {
      return null;
    }
    record(method + ":refused", body);
    return Answer.error(
        403,
        chat < 0
            ? "Forbidden: bot was kicked from the supergroup chat"
            : "Forbidden: bot was blocked by the user",
        null);
  }

  /** The user (or an admin) deleted a message: it can no longer be replied to or edited. */
  void deleteMessage(long chat, int messageId) {
    deleted.add(chat + "/" + messageId);
    chatMessages.remove(chat + "/" + messageId);
    messages.remove(chat + "/" + messageId);
    shown.remove(chat + "/" + messageId);
  }

  /**
   * Notes an update as shown to the bot now (for tests that hand updates over directly): its
   * message is in its chat (to be replied to), its inline or callback query waits for an answer. A
   * callback query's message, when the bot sent it, carries the text and buttons it has now, as
   * Telegram's does (CallbackQuery, "message").
   */
  ObjectNode pressed(ObjectNode update) {
    for (String kind : List.of("message", "edited_message")) {
      JsonNode m = update.path(kind);
      if (m.has("message_id")) {
        chatMessages.add(m.path("chat").path("id").asLong() + "/" + m.path("message_id").asInt());
      }
    }
    if (update.has("inline_query")) {
      if (update.path("inline_query").path("query").asText("").length() > MAX_INLINE_QUERY) {
        throw new IllegalArgumentException("Telegram sends no inline query over 256 characters");
      }
      inlineQueries.put(update.path("inline_query").path("id").asText(), now());
      inlineAsked.put(
          update.path("inline_query").path("id").asText(), update.path("inline_query").deepCopy());
    }
    if (update.has("callback_query")) {
      callbacks.put(update.path("callback_query").path("id").asText(), now());
      JsonNode m = update.path("callback_query").path("message");
      String slot = m.path("chat").path("id").asLong() + "/" + m.path("message_id").asInt();
      ObjectNode now = shown.get(slot);
      if (deleted.contains(slot) && m instanceof ObjectNode message) {
        // InaccessibleMessage: its chat, its id, and date 0; no text, no buttons.
        JsonNode chat = message.path("chat").deepCopy();
        int id = message.path("message_id").asInt();
        message.removeAll();
        message.set("chat", chat);
        message.put("message_id", id).put("date", 0);
      } else if (now != null && m instanceof ObjectNode message) {
        message.setAll(now.deepCopy());
        if (!now.has("reply_markup")) {
          message.remove("reply_markup");
        }
      }
    }
    return update;
  }

  /**
   * Telegram refuses to edit this message of the bot's: 400 "message can't be edited" (as for a
   * business message after 48 hours, or the other cases bots report).
   */
  void uneditable(long chat, int messageId) {
    uneditable.add(chat + "/" + messageId);
  }

  /** Calls (method and entity count) whose formatting beyond the 100th entity was ignored. */
  synchronized List<String> entitiesDropped() {
    return List.copyOf(entitiesDropped);
  }

  /** Telegram's formatting entities in a Telegram HTML text: one per element. */
  static int entities(String html) {
    java.util.regex.Matcher m = ENTITY_TAG.matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static final java.util.regex.Pattern ENTITY_TAG =
      java.util.regex.Pattern.compile(
          "<(b|strong|i|em|u|ins|s|strike|del|span|tg-spoiler|a|tg-emoji|code|pre|blockquote)"
              + "(\\s[^>]*)?>");

  /** Telegram's limit on a message's formatting entities; more are ignored. */
  static final int MAX_ENTITIES = 100;

  /** A forum topic of {@code chat} that is open (true) or closed (false). */
  void openTopic(long chat, int thread, boolean open) {
    topics.put(chat + "/" + thread, open);
  }

  /**
   * The bot's command lists, by scope and language ({@link #menuKey}): Telegram keeps one for each
   * scope and language it was set for (setMyCommands, "scope", "language_code"), for the token, so
   * a list an earlier deployment set for a narrower scope stays until it is deleted
   * (deleteMyCommands: "After deletion, higher level commands will be shown to affected users").
   */
  private final Map<String, JsonNode> menus = new ConcurrentHashMap<>();

  /** "scope type/language code" of a setMyCommands, deleteMyCommands or getMyCommands call. */
  private static String menuKey(JsonNode body) {
    return body.path("scope").path("type").asText("default")
        + "/"
        + body.path("language_code").asText("");
  }

  /**
   * A command list an earlier deployment of the token set for {@code scope} (a BotCommandScope
   * type: "default", "all_private_chats", "all_group_chats", "all_chat_administrators") and {@code
   * language} ("" for none), which Telegram keeps until it is deleted.
   */
  void commandsSetEarlier(String scope, String language, List<String> commands) {
    ArrayNode list = JSON.createArrayNode();
    for (String c : commands) {
      list.addObject().put("command", c).put("description", c);
    }
    menus.put(scope + "/" + language, list);
  }

  /**
   * The commands a user whose Telegram is in {@code language} sees in the bot's menu in a private
   * chat ({@code group} false) or a group (as an administrator, {@code admin}), as Telegram picks
   * them ("Determining list of commands": the first list set of the scopes from the narrowest, each
   * with the user's language and then without it; chat-specific scopes are not modelled), or none.
   */
  List<String> menuSeen(boolean group, boolean admin, String language) {
    List<String> scopes = new ArrayList<>();
    if (group && admin) {
      scopes.add("all_chat_administrators");
    }
    scopes.add(group ? "all_group_chats" : "all_private_chats");
    scopes.add("default");
    for (String scope : scopes) {
      for (String key : List.of(scope + "/" + language, scope + "/")) {
        JsonNode list = menus.get(key);
        if (list != null && !list.isEmpty()) {
          List<String> names = new ArrayList<>();
          list.forEach(c -> names.add(c.path("command").asText()));
          return names;
        }
      }
    }
    return List.of();
  }

  /** The kinds of update the last poll that named them asked for, or null. */
  List<String> allowedUpdates() {
    return allowedUpdates;
  }

  /**
   * The token's allowed_updates as an earlier deployment (a poll or a webhook of the same token)
   * left it: updates happening from now on are made only for these kinds, until a poll names
   * others.
   */
  synchronized void allowedUpdatesSetEarlier(List<String> kinds) {
    allowedUpdates = List.copyOf(kinds);
  }

  /**
   * Updates not made because the token's allowed_updates left their kind out when they happened.
   */
  synchronized long notCreated() {
    return notCreated;
  }

  /** Kinds Telegram leaves out when allowed_updates was never set or set to an empty list. */
  private static final Set<String> NOT_BY_DEFAULT =
      Set.of("chat_member", "message_reaction", "message_reaction_count");

  /** Whether Telegram makes this update under the allowed_updates setting it happens under. */
  private boolean madeUnderTheSetting(ObjectNode update) {
    List<String> kinds = allowedUpdates;
    java.util.Iterator<String> fields = update.fieldNames();
    while (fields.hasNext()) {
      String kind = fields.next();
      if (!kind.equals("update_id")) {
        return kinds == null ? !NOT_BY_DEFAULT.contains(kind) : kinds.contains(kind);
      }
    }
    return true; // no kind at all: a malformed update a test pushes on purpose
  }

  private volatile boolean privacyMode = true;

  /** Groups where another bot sent the last bot message ({@link #anotherBotSpokeIn}). */
  private final Set<Long> anotherBotLast = ConcurrentHashMap.newKeySet();

  /**
   * Group privacy mode, BotFather's default for every bot (features#privacy-mode): in groups the
   * bot gets only "Commands explicitly meant for them (e.g., /command@this_bot)", "General commands
   * from users (e.g. /start) if the bot was the last bot to send a message to the group", "Messages
   * sent via this bot", "Replies to any messages implicitly or explicitly meant for this bot", and
   * "All service messages". A message that only mentions @AstanaQaBot is not on that list, and bots
   * report such mentions never came (telegraf/telegraf#545): it is not delivered, nor is other
   * chatter, nor a sticker or a photo without a command in its caption. On by default, as on
   * Telegram: it was off unless a test asked, and every group message a test pushed came, chatter
   * and mentions that a new bot never gets. {@code privacyMode(false)} models a bot whose privacy
   * mode was turned off (BotFather's /setprivacy) or that is an admin of its groups: Telegram then
   * sends it every group message.
   */
  void privacyMode(boolean on) {
    privacyMode = on;
  }

  /**
   * Whether Telegram delivers {@code update} to the bot: false for a group message that privacy
   * mode keeps back ({@link #privacyMode}). A test that hands updates to the bot directly asks it
   * ({@link FakeWiredHandler#handle}), so that it hands over nothing Telegram would not.
   */
  boolean delivers(ObjectNode update) {
    return sentInPrivacyMode(update);
  }

  /**
   * Another bot sent the last bot message in {@code group}: with {@link #privacyMode}, a command
   * that names no bot ("/ask ...") is that bot's now, not ours, until the bot sends a message there
   * again; "/ask@AstanaQaBot ..." still comes.
   */
  void anotherBotSpokeIn(long group) {
    anotherBotLast.add(group);
  }

  /** Whether Telegram sends this update to the bot under {@link #privacyMode}. */
  private boolean sentInPrivacyMode(ObjectNode update) {
    JsonNode m = update.has("message") ? update.get("message") : update.get("edited_message");
    String type = m == null ? "" : m.path("chat").path("type").asText("");
    if (!privacyMode || !type.equals("group") && !type.equals("supergroup")) {
      return true;
    }
    if (m.path("via_bot").path("id").asLong() == 777
        || m.path("reply_to_message").path("from").path("id").asLong() == 777) {
      return true;
    }
    String text = m.has("text") ? m.path("text").asText() : m.path("caption").asText(null);
    if (text == null) {
      return CONTENT.stream().noneMatch(m::has); // a service message
    }
    java.util.regex.Matcher c =
        java.util.regex.Pattern.compile(
                "/\\w+(?:@(\\w+))?(?![\\w@]).*", java.util.regex.Pattern.DOTALL)
            .matcher(text);
    if (!c.matches()) {
      return false; // chatter, a mention
    }
    return c.group(1) != null
        ? c.group(1).equalsIgnoreCase("AstanaQaBot")
        : !anotherBotLast.contains(m.path("chat").path("id").asLong());
  }

  /** What a user may send without text: a message with none of these is a service message. */
  private static final List<String> CONTENT =
      List.of(
          "photo",
          "sticker",
          "voice",
          "video",
          "video_note",
          "audio",
          "animation",
          "document",
          "location",
          "venue",
          "contact",
          "poll",
          "dice",
          "story",
          "game");

  /** The next update id Telegram would give, advancing it: ids grow by one, or jump. */
  synchronized long nextUpdateId() {
    return nextUpdateId++;
  }

  /**
   * A week without updates (Update, "update_id": "If there are no new updates for at least a week,
   * then identifier of the next update will be chosen randomly instead of sequentially"): the
   * fake's clock moves on a week, so an update still queued is past Telegram's 24 hours and gone,
   * and the next id ({@link #nextUpdateId}) is {@code start}, the test's pick of the random value
   * (one the bot saw before the week, to make ids collide).
   */
  synchronized void quietWeek(long start) {
    hoursPass(7 * 24);
    nextUpdateId = start;
  }

  /**
   * The group {@code from} became the supergroup {@code to}: messages to {@code from} fail with
   * 400.
   */
  void migrate(long from, long to) {
    migrated.put(from, to);
  }

  /**
   * An admin upgraded the group {@code from} to the supergroup {@code to} (a new chat, a new id):
   * from now on calls to {@code from} are refused ({@link #migrate}), and Telegram sends the bot
   * the two service messages of the move, even with privacy mode on (Bot FAQ: "Service messages"),
   * in the group (Message, "migrate_to_chat_id: The group has been migrated to a supergroup with
   * the specified identifier") and in the supergroup ("migrate_from_chat_id: The supergroup has
   * been migrated from a group with the specified identifier").
   */
  void upgradeToSupergroup(long from, long to, long userId) {
    migrate(from, to);
    ObjectNode old = groupText(nextUpdateId(), from, userId, 900, "x");
    ObjectNode gone = (ObjectNode) old.get("message");
    gone.remove("text");
    ((ObjectNode) gone.get("chat")).put("type", "group");
    gone.put("migrate_to_chat_id", to);
    push(old);
    ObjectNode fresh = groupText(nextUpdateId(), to, userId, 1, "x");
    ObjectNode first = (ObjectNode) fresh.get("message");
    first.remove("text");
    first.put("migrate_from_chat_id", from);
    push(fresh);
  }

  /**
   * The message ("chat/message id") the bot's message {@code messageId} in {@code chat} shows as
   * the one it replies to, or null when it replies to none.
   */
  String repliesTo(long chat, int messageId) {
    return replies.get(chat + "/" + messageId);
  }

  /** Makes the next call of {@code method} behave this way (they queue up in order). */
  void failNext(String method, Failure f) {
    failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>()).addLast(f);
  }

  /**
   * How many requests of {@code method} reached the fake, whatever became of them: one held by a
   * {@link #failNext} is on the wire from the caller's side.
   */
  int arrivals(String method) {
    java.util.concurrent.atomic.AtomicInteger n = arrivals.get(method.toLowerCase(Locale.ROOT));
    return n == null ? 0 : n.get();
  }

  /** Answers the calls held by {@link Failure#heldAnswer}, and any held from now on, at once. */
  void releaseHeld() {
    held.countDown();
  }

  private final java.util.concurrent.CountDownLatch held =
      new java.util.concurrent.CountDownLatch(1);

  /** Telegram is back: no call fails any more unless told so again. */
  void clearFailures() {
    failures.clear();
  }

  synchronized List<Call> calls(String method) {
    String m = method.toLowerCase(Locale.ROOT);
    return calls.stream().filter(c -> c.method().equals(m)).toList();
  }

  /** Every call Telegram refused, whatever its method. */
  synchronized List<Call> refused() {
    return calls.stream().filter(c -> c.method().endsWith(":refused")).toList();
  }

  /**
   * The user of inline query {@code inlineUpdate} picked result {@code resultId} of the bot's
   * answer to it in chat {@code chatId} (a private chat when positive, a supergroup otherwise): the
   * message update Telegram then sends the bot, the result's content as the user's own message
   * (text after entity parsing), with {@code via_bot} the bot.
   */
  ObjectNode chosenInlineResult(
      long updateId, long chatId, int messageId, ObjectNode inlineUpdate, String resultId) {
    JsonNode iq = inlineUpdate.path("inline_query");
    JsonNode result = null;
    for (Call c : calls("answerInlineQuery")) {
      if (c.body().path("inline_query_id").asText().equals(iq.path("id").asText())) {
        for (JsonNode r : c.body().path("results")) {
          result = r.path("id").asText().equals(resultId) ? r : result;
        }
      }
    }
    if (result == null) {
      throw new IllegalArgumentException("no inline result " + resultId + " was offered");
    }
    JsonNode content = result.path("input_message_content");
    String text = content.path("message_text").asText();
    ObjectNode u = privateText(updateId, chatId, messageId, "x");
    ObjectNode m = (ObjectNode) u.get("message");
    if (chatId < 0) {
      m.putObject("chat").put("id", chatId).put("type", "supergroup").put("title", "Group");
    }
    m.set("from", iq.path("from").deepCopy());
    m.put(
        "text",
        content.path("parse_mode").asText("").equalsIgnoreCase("html")
            ? TelegramHtmlRules.text(text).strip()
            : text);
    m.putObject("via_bot")
        .put("id", 777)
        .put("is_bot", true)
        .put("first_name", "Astana QA")
        .put("username", "AstanaQaBot");
    return u;
  }

  /** Updates queued and not yet confirmed by an offset. */
  synchronized int unconfirmed() {
    return queue.size();
  }

  /** Updates forgotten because an offset confirmed them. */
  synchronized long forgotten() {
    return forgotten;
  }

  /** The offsets of every getUpdates call, in order ({@code -1}: none given). */
  synchronized List<Long> offsets() {
    return List.copyOf(offsets);
  }

  /** How many getUpdates answers handed the update to the bot: more than one, delivered again. */
  int deliveries(long updateId) {
    return deliveries.getOrDefault(updateId, 0);
  }

  /** Whether the update is still queued: not confirmed by an offset, nor expired, nor forgotten. */
  synchronized boolean holds(long updateId) {
    return queue.stream().anyMatch(u -> u.path("update_id").asLong() == updateId);
  }

  /** When the update was handed to the bot by getUpdates (first time). */
  Long deliveredAt(long updateId) {
    return deliveredAt.get(updateId);
  }

  /**
   * Waits until {@code count} calls of {@code method} match, or the time runs out; returns the
   * matching calls.
   */
  synchronized List<Call> await(String method, Predicate<Call> match, int count, long millis)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      List<Call> found = calls(method).stream().filter(match).toList();
      long left = end - System.nanoTime();
      if (found.size() >= count || left <= 0) {
        return found;
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
  }

  /**
   * The token is revoked (@BotFather's /revoke) the moment the next call of {@code method} arrives:
   * that call and every later one under it, from every thread, get Telegram's 401 Unauthorized,
   * replies as polls. The bot stays the same bot, its chats and updates too; {@link #newToken} is
   * the token it goes on with.
   */
  void revokeTokenAtNext(String method) {
    revokeAt = method.toLowerCase(Locale.ROOT);
  }

  /** The token @BotFather gave in place of the revoked one: calls are answered under it. */
  synchronized String newToken() {
    revoked.add(token);
    revokeAt = null;
    token = token + "new";
    return token;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    for (String old : revoked) {
      String was = pathPrefix + "/bot" + old + "/";
      if (path.startsWith(was)) {
        String method = path.substring(was.length()).toLowerCase(Locale.ROOT);
        byte[] bytes = ex.getRequestBody().readAllBytes();
        record(
            method + ":refused",
            bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes));
        respond(ex, 401, Failure.unauthorized().body());
        return;
      }
    }
    String current = token;
    String prefix = pathPrefix + "/bot" + current + "/";
    if (revokeAt != null && path.equals(prefix + revokeAt)) {
      synchronized (this) {
        revoked.add(current);
        revokeAt = null;
      }
      handle(ex); // answered as revoked
      return;
    }
    if (!path.startsWith(prefix)) {
      respond(ex, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
      return;
    }
    String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
    arrivals
        .computeIfAbsent(method, k -> new java.util.concurrent.atomic.AtomicInteger())
        .incrementAndGet();
    Deque<Failure> f = failures.get(method);
    Failure failure = f == null ? null : f.pollFirst();
    if (failure != null && failure.status() == -1) {
      ex.close(); // no status line at all: the client sees the connection end
      return;
    }
    byte[] bytes = ex.getRequestBody().readAllBytes();
    JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    // A 429 on getUpdates holds polling back as one on a chat holds that chat's messages.
    String chat = method.equals("getupdates") ? "getUpdates" : body.path("chat_id").asText("");
    if (now() < proxyUntil) {
      // Repeated inside a proxy's window: its page again, with the seconds still to wait.
      if (failure != null) {
        f.addFirst(failure);
      }
      long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(proxyUntil - now() + 999_999_999L));
      Failure page = Failure.rateLimitedPage((int) left);
      record(method + ":refused", body);
      tooSoon(method, body);
      page.headers().forEach(ex.getResponseHeaders()::add);
      respond(ex, page.status(), page.body());
      return;
    }
    Long until = now() < botFloodUntil ? (Long) botFloodUntil : floodUntil.get(chat);
    Long methodUntil = floodUntil.get(chat + "|" + method);
    if (methodUntil != null && (until == null || methodUntil > until)) {
      until = methodUntil; // a 429 of this method to this chat (Failure.tooManyRequestsOfTheMethod)
    }
    if (until != null && now() < until) {
      // Repeated before retry_after ran out: refused again, with the seconds still to wait.
      if (failure != null) {
        f.addFirst(failure); // the scripted behaviour is for the next call that is let through
      }
      long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(until - now() + 999_999_999L));
      record(method + ":refused", body);
      tooSoon(method, body);
      respond(ex, 429, Failure.tooManyRequests((int) left).body());
      return;
    }
    if (failure != null && failure.headers().containsKey(Failure.BOT_WIDE)) {
      int seconds = JSON.readTree(failure.body()).path("parameters").path("retry_after").asInt(0);
      botFloodUntil = now() + TimeUnit.SECONDS.toNanos(seconds);
      record(method + ":refused", body);
      respond(ex, failure.status(), failure.body());
      return;
    }
    if (failure != null && failure.status() == 429 && failure.body().startsWith("{")) {
      int seconds = JSON.readTree(failure.body()).path("parameters").path("retry_after").asInt(0);
      String key = failure.headers().containsKey(Failure.METHOD_ONLY) ? chat + "|" + method : chat;
      floodUntil.put(key, now() + TimeUnit.SECONDS.toNanos(seconds));
    } else if (failure != null
        && failure.status() == 429
        && failure.headers().containsKey("Retry-After")) {
      int seconds = Integer.parseInt(failure.headers().get("Retry-After"));
      proxyUntil = now() + TimeUnit.SECONDS.toNanos(seconds);
    }
    if (failure != null && failure.status() == -2) {
      sleep(Long.parseLong(failure.body()));
      ex.close();
      return;
    }
    if (failure != null && failure.status() == -6) {
      timePasses.accept(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(failure.body())));
      ex.close(); // held past the client's timeout, never carried out
      return;
    }
    if (failure != null && failure.status() >= 0) {
      // An error answer means the call was not carried out (see the class comment).
      boolean error = failure.status() >= 400 && !method.equals("getupdates");
      record(error ? method + ":refused" : method, body);
      failure.headers().entrySet().stream()
          .filter(h -> !h.getKey().equals(Failure.METHOD_ONLY))
          .forEach(h -> ex.getResponseHeaders().add(h.getKey(), h.getValue()));
      respond(ex, failure.status(), failure.body());
      return;
    }
    try {
      Answer a = carryOut(method, body);
      if (failure != null && failure.status() == -3) {
        sleep(Long.parseLong(failure.body()));
      } else if (failure != null && failure.status() == -4) {
        ex.close(); // carried out, and the answer lost on the way
        return;
      } else if (failure != null && failure.status() == -5) {
        Failure page = Failure.gatewayTimeout(); // carried out, and nginx gave up waiting for it
        respond(ex, page.status(), page.body());
        return;
      } else if (failure != null && failure.status() == -7) {
        held.await(); // carried out; answered when the test releases it, or the fake closes
      }
      respond(ex, a.status(), newerBotApi ? withFieldsAddedLater(a.body()) : a.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(ex, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"interrupted\"}");
    }
  }

  private record Answer(int status, String body) {
    static Answer ok(String result) {
      return new Answer(200, "{\"ok\":true,\"result\":" + result + "}");
    }

    static Answer error(int code, String description, String parameters) {
      return new Answer(
          code,
          "{\"ok\":false,\"error_code\":"
              + code
              + ",\"description\":"
              // JSON-escaped: tdlib's descriptions quote tags ("Tag \"span\" must have class"),
              // and a description pasted in as it stood made the whole answer no JSON at all.
              + JSON.getNodeFactory().textNode(description).toString()
              + (parameters == null ? "" : ",\"parameters\":" + parameters)
              + "}");
    }
  }

  /**
   * Telegram's refusal of a call to a chat that blocked the bot or moved to a supergroup; null when
   * the chat can be reached.
   */
  private Answer unreachable(long chat, String method, JsonNode body) {
    Answer gone = blockedAnswer(chat, method, body);
    return gone != null ? gone : migratedAnswer(chat, method, body);
  }

  /** 400 with {@code migrate_to_chat_id} for a call to a group that became a supergroup. */
  private Answer migratedAnswer(long chat, String method, JsonNode body) {
    Long to = migrated.get(chat);
    if (to == null) {
      return null;
    }
    record(method + ":refused", body);
    return Answer.error(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        "{\"migrate_to_chat_id\":" + to + "}");
  }

  private Answer carryOut(String method, JsonNode body) throws IOException, InterruptedException {
    switch (method) {
      case "getupdates" -> {
        return updates(body);
      }
      case "getme" -> {
        return Answer.ok(
            "{\"id\":777,\"is_bot\":true,\"first_name\":\"Astana QA\",\"username\":\"AstanaQaBot\"}");
      }
      case "sendmessage", "editmessagetext" -> {
        long chat = body.path("chat_id").asLong();
        Answer refused = unreachable(chat, method, body);
        if (refused != null) {
          return refused;
        }
        Answer topic = topicError(chat, body);
        if (topic != null) {
          record(method + ":refused", body);
          return topic;
        }
        Answer flood = floodLimit(chat);
        if (flood != null) {
          record(method + ":refused", body);
          floodRefused.add(new Call(method, body, System.nanoTime()));
          return flood;
        }
        JsonNode replyTo = body.path("reply_parameters");
        // The message replied to: in this chat, or in reply_parameters.chat_id when that names
        // another (ReplyParameters, "chat_id"); allow_sending_without_reply is "Always False for
        // replies in another chat", and a group that became a supergroup holds no message to reply
        // to any more. A message id names a message of its own chat only: a supergroup's ids start
        // anew, so a group's id there is another message, or none.
        String target = null;
        if (method.equals("sendmessage") && replyTo.has("message_id")) {
          long in = replyTo.has("chat_id") ? replyTo.path("chat_id").asLong() : chat;
          String slot = in + "/" + replyTo.path("message_id").asInt();
          boolean there = chatMessages.contains(slot) && !migrated.containsKey(in);
          if (!there
              && (in != chat || !replyTo.path("allow_sending_without_reply").asBoolean(false))) {
            record(method + ":refused", body);
            return Answer.error(400, "Bad Request: message to be replied not found", null);
          }
          target = there ? slot : null;
        }
        String text = body.path("text").asText();
        String problem =
            textProblem(text, body.path("parse_mode").asText(""), body.path("reply_markup"));
        if (problem != null && method.equals("editmessagetext") && problem.contains("too long")) {
          // An edit's text too long is refused in another wording than a message's: "Bad
          // Request: MESSAGE_TOO_LONG" (teloxide/teloxide#430), so a bot that looks for "message
          // is too long" in it finds nothing.
          problem = "MESSAGE_TOO_LONG";
        }
        if (problem != null) {
          record(method + ":refused", body);
          return Answer.error(400, "Bad Request: " + problem, null);
        }
        String content = text + "\u0000" + body.path("reply_markup");
        ObjectNode msg = JSON.createObjectNode();
        if (method.equals("editmessagetext")) {
          int id = body.path("message_id").asInt();
          String now = messages.get(chat + "/" + id);
          if (now == null && !chatMessages.contains(chat + "/" + id)) {
            record(method + ":refused", body);
            return Answer.error(400, "Bad Request: message to edit not found", null);
          }
          if (now == null || uneditable.contains(chat + "/" + id)) {
            record(method + ":refused", body); // a user's message, or one Telegram will not edit
            return Answer.error(400, "Bad Request: message can't be edited", null);
          }
          if (now.equals(content)) {
            record(method + ":refused", body);
            return Answer.error(
                400,
                "Bad Request: message is not modified: specified new message content and reply"
                    + " markup are exactly the same as a current content and reply markup of the message",
                null);
          }
          msg.put("message_id", id);
        } else {
          synchronized (this) {
            msg.put("message_id", nextMessageIds.merge(box(chat), 1, Integer::sum) + 999);
          }
          sentAt.put(chat + "/" + msg.path("message_id").asInt(), now());
          synchronized (this) {
            sentIds.add(msg.path("message_id").asInt());
          }
        }
        messages.put(chat + "/" + msg.path("message_id").asInt(), content);
        chatMessages.add(chat + "/" + msg.path("message_id").asInt());
        ObjectNode now = JSON.createObjectNode();
        now.put(
            "text",
            (body.path("parse_mode").asText("").equalsIgnoreCase("html")
                    ? TelegramHtmlRules.text(text)
                    : text)
                .strip());
        if (body.has("reply_markup")) {
          now.set("reply_markup", body.path("reply_markup").deepCopy());
        }
        shown.put(chat + "/" + msg.path("message_id").asInt(), now);
        msg.put("date", sentNow());
        msg.set("from", bot());
        msg.putObject("chat").put("id", chat).put("type", chat < 0 ? "supergroup" : "private");
        if (body.has("message_thread_id")) {
          msg.put("message_thread_id", body.path("message_thread_id").asInt())
              .put("is_topic_message", true);
        }
        msg.put("text", text);
        if (target != null) {
          // Message, "reply_to_message": the message this one replies to, as Telegram found it.
          replies.put(chat + "/" + msg.path("message_id").asInt(), target);
          int at = target.lastIndexOf('/');
          ObjectNode to = msg.putObject("reply_to_message");
          to.put("message_id", Integer.parseInt(target.substring(at + 1)));
          to.put("date", sentNow());
          long in = Long.parseLong(target.substring(0, at));
          to.putObject("chat").put("id", in).put("type", in < 0 ? "supergroup" : "private");
        }
        if (body.path("parse_mode").asText("").equalsIgnoreCase("html")
            && entities(text) > MAX_ENTITIES) {
          synchronized (this) {
            entitiesDropped.add(method + " " + entities(text));
          }
        }
        if (method.equals("sendmessage")) {
          anotherBotLast.remove(chat); // the bot spoke last in the group now
          // sendChatAction: "when a message arrives from your bot, Telegram clients clear its
          // typing status"; an edit is no message arriving, and clears nothing.
          typingUntil.remove(chat);
        }
        record(method, body);
        return Answer.ok(JSON.writeValueAsString(msg));
      }
      case "editmessagereplymarkup" -> {
        // editMessageReplyMarkup keeps editMessageText's rules: a message the chat does not hold
        // (or holds no more) is not found, a user's cannot be edited, and buttons that are what
        // the message already has change nothing ("message is not modified"). The fake took any
        // such call, as it takes a method it does not know.
        long chat = body.path("chat_id").asLong();
        Answer refused = unreachable(chat, method, body);
        if (refused != null) {
          return refused;
        }
        Answer flood = floodLimit(chat);
        if (flood != null) {
          record(method + ":refused", body);
          floodRefused.add(new Call(method, body, System.nanoTime()));
          return flood;
        }
        String slot = chat + "/" + body.path("message_id").asInt();
        String now = messages.get(slot);
        String problem =
            now == null && !chatMessages.contains(slot)
                ? "message to edit not found"
                : now == null || uneditable.contains(slot)
                    ? "message can't be edited"
                    : textProblem("x", "", body.path("reply_markup"));
        String text = now == null ? "" : now.substring(0, now.indexOf('\u0000'));
        String content = text + "\u0000" + body.path("reply_markup");
        if (problem == null && now.equals(content)) {
          problem =
              "message is not modified: specified new message content and reply markup are"
                  + " exactly the same as a current content and reply markup of the message";
        }
        if (problem != null) {
          record(method + ":refused", body);
          return Answer.error(400, "Bad Request: " + problem, null);
        }
        messages.put(slot, content);
        ObjectNode shownNow = shown.get(slot);
        if (shownNow != null) {
          if (body.has("reply_markup")) {
            shownNow.set("reply_markup", body.path("reply_markup").deepCopy());
          } else {
            shownNow.remove("reply_markup"); // no markup: the buttons are removed
          }
        }
        record(method, body);
        ObjectNode msg = JSON.createObjectNode();
        msg.put("message_id", body.path("message_id").asInt()).put("date", sentNow());
        msg.set("from", bot());
        msg.set("chat", chatOf(chat));
        msg.put("text", shownNow == null ? text : shownNow.path("text").asText());
        return Answer.ok(JSON.writeValueAsString(msg));
      }
      case "editmessagecaption" -> {
        // The bot's messages are all text: a caption edit finds none (editMessageCaption edits
        // "captions of messages"), as Telegram answers for a text message.
        long chat = body.path("chat_id").asLong();
        String slot = chat + "/" + body.path("message_id").asInt();
        record(method + ":refused", body);
        return Answer.error(
            400,
            chatMessages.contains(slot)
                ? "Bad Request: there is no caption in the message to edit"
                : "Bad Request: message to edit not found",
            null);
      }
      case "deletemessage" -> {
        // deleteMessage: "A message can only be deleted if it was sent less than 48 hours ago";
        // "Bots can delete outgoing messages in private chats, groups, and supergroups"; "Bots can
        // delete incoming messages in private chats"; in a group only an administrator may
        // delete others' messages, which this bot never is here.
        long chat = body.path("chat_id").asLong();
        Answer refused = unreachable(chat, method, body);
        if (refused != null) {
          return refused;
        }
        Answer flood = floodLimitOverall(body.path("chat_id").asText(""), method, body);
        if (flood != null) {
          return flood;
        }
        String slot = chat + "/" + body.path("message_id").asInt();
        if (!chatMessages.contains(slot)) {
          record(method + ":refused", body); // never in the chat, or deleted already
          return Answer.error(400, "Bad Request: message to delete not found", null);
        }
        Long sent = sentAt.get(slot);
        boolean ours = messages.containsKey(slot) && sent != null;
        if (ours ? now() - sent >= DELETE_WITHIN_NANOS : chat < 0) {
          record(method + ":refused", body);
          return Answer.error(400, "Bad Request: message can't be deleted", null);
        }
        deleteMessage(chat, body.path("message_id").asInt());
        record(method, body);
        return Answer.ok("true");
      }
      case "sendchataction" -> {
        Answer gone = blockedAnswer(body.path("chat_id").asLong(), method, body);
        if (gone != null) {
          return gone;
        }
        // Telegram refuses every call to a group that became a supergroup, not only messages.
        Answer moved = migratedAnswer(body.path("chat_id").asLong(), method, body);
        if (moved != null) {
          return moved;
        }
        Answer topic = topicError(body.path("chat_id").asLong(), body);
        if (topic != null) {
          record(method + ":refused", body);
          return topic;
        }
        Answer flood = floodLimitOverall(body.path("chat_id").asText(""), method, body);
        if (flood != null) {
          return flood;
        }
        typingUntil.put(
            body.path("chat_id").asLong(),
            now() + TimeUnit.MILLISECONDS.toNanos(CHAT_ACTION_MILLIS));
        record(method, body);
        return Answer.ok("true");
      }
      case "answercallbackquery" -> {
        if (body.path("text").asText("").length() > 200) {
          record(method + ":refused", body);
          return Answer.error(400, "Bad Request: MESSAGE_TOO_LONG", null);
        }
        Answer flood = floodLimitOverall("", method, body);
        if (flood != null) {
          return flood;
        }
        return answeredInTime(
            callbacks.remove(body.path("callback_query_id").asText()),
            CALLBACK_ANSWER_MILLIS,
            method,
            body);
      }
      case "answerinlinequery" -> {
        String problem = inlineProblem(body.path("results"));
        if (problem == null && body.has("button")) {
          problem = resultsButtonProblem(body.path("button"));
        }
        if (problem != null) {
          record(method + ":refused", body);
          return Answer.error(400, "Bad Request: " + problem, null);
        }
        Long at = inlineQueries.remove(body.path("inline_query_id").asText());
        JsonNode asked = inlineAsked.remove(body.path("inline_query_id").asText());
        int seconds = body.path("cache_time").asInt(300);
        boolean inTime =
            at != null && now() - at <= TimeUnit.MILLISECONDS.toNanos(INLINE_ANSWER_MILLIS);
        if (inTime && asked != null && seconds > 0) {
          // Cached before the answer is recorded: a test that sees it may ask again at once.
          inlineCache.put(
              asked.path("query").asText("") + "\u0000" + asked.path("offset"),
              new CachedInline(
                  body.path("results").deepCopy(),
                  body.path("is_personal").asBoolean(false),
                  asked.path("from").path("id").asLong(),
                  now() + TimeUnit.SECONDS.toNanos(seconds)));
        }
        return answeredInTime(at, INLINE_ANSWER_MILLIS, method, body);
      }
      case "setmycommands", "setmydescription", "setmyshortdescription" -> {
        String problem = botSettingsProblem(method, body);
        if (problem != null) {
          record(method + ":refused", body);
          return Answer.error(400, "Bad Request: " + problem, null);
        }
        if (method.equals("setmycommands")) {
          menus.put(menuKey(body), body.path("commands").deepCopy());
        }
        record(method, body);
        return Answer.ok("true");
      }
      case "deletemycommands" -> {
        menus.remove(menuKey(body));
        record(method, body);
        return Answer.ok("true");
      }
      case "getmycommands" -> {
        JsonNode list = menus.get(menuKey(body));
        record(method, body);
        return Answer.ok(list == null ? "[]" : JSON.writeValueAsString(list));
      }
      case "setwebhook" -> {
        webhookSet(body.path("url").asText(""));
        record(method, body);
        return Answer.ok("true");
      }
      case "deletewebhook" -> {
        webhook = null;
        if (body.path("drop_pending_updates").asBoolean(false)) {
          synchronized (this) {
            forgotten += queue.size();
            queue.clear();
          }
        }
        record(method, body);
        return Answer.ok("true");
      }
      case "getwebhookinfo" -> {
        record(method, body);
        String url = webhook;
        return Answer.ok(
            "{\"url\":"
                + JSON.writeValueAsString(url == null ? "" : url)
                + ",\"has_custom_certificate\":false,\"pending_update_count\":"
                + unconfirmed()
                + "}");
      }
      default -> {
        record(method, body);
        return Answer.ok("true");
      }
    }
  }

  /** 400 for a message_thread_id that is not an open forum topic of the chat; null when fine. */
  /**
   * Telegram's answer to answerCallbackQuery or answerInlineQuery: refused when the query was
   * answered already, never came, or came more than {@code lifetime} ago ({@link
   * #CALLBACK_ANSWER_MILLIS}, {@link #INLINE_ANSWER_MILLIS}).
   *
   * @param at when the query was shown to the bot (nanos), or null
   */
  private Answer answeredInTime(Long at, long lifetime, String method, JsonNode body) {
    if (at == null || now() - at > TimeUnit.MILLISECONDS.toNanos(lifetime)) {
      record(method + ":refused", body);
      return Answer.error(
          400,
          "Bad Request: query is too old and response timeout expired or query ID is invalid",
          null);
    }
    record(method, body);
    return Answer.ok("true");
  }

  private Answer topicError(long chat, JsonNode body) {
    if (!body.has("message_thread_id")) {
      return null;
    }
    Boolean open = topics.get(chat + "/" + body.path("message_thread_id").asInt());
    if (open == null) {
      return Answer.error(400, "Bad Request: message thread not found", null);
    }
    return open ? null : Answer.error(400, "Bad Request: TOPIC_CLOSED", null);
  }

  /**
   * What Telegram refuses in the bot's menu and descriptions: a language code that is not two
   * letters, a command of other than 1-32 lower-case letters, digits and underscores, a command
   * description of other than 1-256 characters, a description over 512 and a short one over 120.
   */
  private static String botSettingsProblem(String method, JsonNode body) {
    String lang = body.path("language_code").asText("");
    if (!lang.isEmpty() && !lang.matches("[a-z]{2}")) {
      return "invalid language code specified";
    }
    switch (method) {
      case "setmycommands" -> {
        if (body.path("commands").size() > 100) {
          return "BOT_COMMANDS_TOO_MUCH";
        }
        for (JsonNode c : body.path("commands")) {
          if (!c.path("command").asText().matches("[a-z0-9_]{1,32}")) {
            return "BOT_COMMAND_INVALID";
          }
          int n = c.path("description").asText().length();
          if (n < 1 || n > 256) {
            return "BOT_COMMAND_DESCRIPTION_INVALID";
          }
        }
        return null;
      }
      case "setmydescription" -> {
        return body.path("description").asText().length() > 512 ? "description is too long" : null;
      }
      default -> {
        return body.path("short_description").asText().length() > 120
            ? "short description is too long"
            : null;
      }
    }
  }

  /** Why Telegram refuses a message's text and buttons, or null when it takes them. */
  private static String textProblem(String text, String parseMode, JsonNode replyMarkup) {
    boolean html = parseMode.equalsIgnoreCase("html");
    String problem = html ? TelegramHtmlRules.problem(text) : unpairedSurrogate(text);
    if (problem != null) {
      return "can't parse entities: " + problem;
    }
    String shown = html ? TelegramHtmlRules.text(text) : text;
    if (shown.isBlank()) {
      return "message text is empty";
    }
    if (shown.length() > MAX_TEXT) {
      return "message is too long";
    }
    int buttons = 0;
    for (JsonNode row : replyMarkup.path("inline_keyboard")) {
      for (JsonNode button : row) {
        buttons++;
        if (BUTTON_ACTIONS.stream().filter(button::has).count() != 1) {
          return "can't parse inline keyboard button: Text buttons are unallowed in the inline"
              + " keyboard";
        }
        if (button.has("callback_data")) {
          int bytes = button.path("callback_data").asText().getBytes(StandardCharsets.UTF_8).length;
          if (bytes < 1 || bytes > 64) {
            return "BUTTON_DATA_INVALID";
          }
        }
      }
    }
    return buttons > 100 ? "reply markup is too long" : null;
  }

  /** InlineKeyboardButton's optional fields, of which exactly one names what the button does. */
  private static final List<String> BUTTON_ACTIONS =
      List.of(
          "url",
          "callback_data",
          "web_app",
          "login_url",
          "switch_inline_query",
          "switch_inline_query_current_chat",
          "switch_inline_query_chosen_chat",
          "copy_text",
          "callback_game",
          "pay");

  /** Why Telegram refuses an inline query's results, or null when it takes them. */
  private static String inlineProblem(JsonNode results) {
    if (results.size() > 50) {
      return "RESULTS_TOO_MUCH";
    }
    Set<String> ids = new java.util.HashSet<>();
    for (JsonNode r : results) {
      String id = r.path("id").asText("");
      int bytes = id.getBytes(StandardCharsets.UTF_8).length;
      if (bytes < 1 || bytes > 64 || unpairedSurrogate(id) != null) {
        return "RESULT_ID_INVALID";
      }
      if (!ids.add(id)) {
        // InlineQueryResult "id: Unique identifier for this result"; Telegram refuses two alike.
        return "RESULT_ID_DUPLICATE";
      }
      String title = r.path("title").asText("");
      if (title.isBlank() || unpairedSurrogate(title) != null) {
        return "RESULT_TITLE_EMPTY";
      }
      if (unpairedSurrogate(r.path("description").asText("")) != null) {
        return "can't parse description: not UTF-8";
      }
      JsonNode content = r.path("input_message_content");
      String problem =
          textProblem(
              content.path("message_text").asText(""),
              content.path("parse_mode").asText(""),
              r.path("reply_markup"));
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /**
   * Why Telegram refuses the button above inline results (InlineQueryResultsButton: "text" the
   * label; "You must use exactly one of the optional fields", web_app or start_parameter;
   * start_parameter "1-64 characters, only A-Z, a-z, 0-9, _ and - are allowed"), or null. The error
   * texts are the fake's own: Telegram's are not documented.
   */
  private static String resultsButtonProblem(JsonNode button) {
    if (button.path("text").asText("").isBlank()) {
      return "BUTTON_TEXT_EMPTY";
    }
    if (button.has("web_app") == button.has("start_parameter")) {
      return "BUTTON_TYPE_INVALID";
    }
    return button.has("start_parameter")
            && !button.path("start_parameter").asText("").matches("[A-Za-z0-9_-]{1,64}")
        ? "START_PARAM_INVALID"
        : null;
  }

  /** Half a surrogate pair: such a string is not UTF-8, and Telegram refuses it. */
  private static String unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(++i))
          : Character.isLowSurrogate(c)) {
        return "unpaired surrogate at " + i;
      }
    }
    return null;
  }

  private synchronized void record(String method, JsonNode body) {
    calls.add(new Call(method, body, System.nanoTime()));
    notifyAll();
  }

  /**
   * How long Telegram keeps an update nobody confirmed: a button press 150 s and an inline query 30
   * s (the Bot API server's queue lifetimes, tdlib/telegram-bot-api Client.cpp), anything else a
   * day ("We will not store updates longer than 24 hours").
   */
  private static long lifetime(JsonNode update) {
    if (update.has("callback_query")) {
      return TimeUnit.SECONDS.toNanos(150);
    }
    if (update.has("inline_query")) {
      return TimeUnit.SECONDS.toNanos(30);
    }
    return TimeUnit.HOURS.toNanos(24);
  }

  /**
   * getUpdates: forgets what the offset confirms, then answers the updates at or after it, held
   * until one arrives or the timeout passes; a newer call ends a held one with 409.
   */
  private synchronized Answer updates(JsonNode body) throws InterruptedException, IOException {
    if (webhook != null) {
      return Answer.error(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to"
              + " delete the webhook first",
          null);
    }
    int kept = queue.size();
    long at = now();
    queue.removeIf(u -> at - arrived.getOrDefault(u, at) > lifetime(u));
    expired += kept - queue.size();
    if (body.has("allowed_updates")) {
      List<String> kinds = new ArrayList<>();
      body.path("allowed_updates").forEach(k -> kinds.add(k.asText()));
      allowedUpdates = kinds.isEmpty() ? null : List.copyOf(kinds);
    }
    // Updates already queued are not affected: they come whatever their kind (see push).
    boolean hasOffset = body.hasNonNull("offset");
    long offset = body.path("offset").asLong(0);
    offsets.add(hasOffset ? offset : -1);
    if (hasOffset && offset < 0) {
      // "updates starting from -offset update from the end of the updates queue. All previous
      // updates will be forgotten."
      while (queue.size() > -offset) {
        queue.pollFirst();
        forgotten++;
      }
    } else if (hasOffset) {
      confirming.accept(offset);
      int before = queue.size();
      queue.removeIf(u -> u.path("update_id").asLong() < offset);
      forgotten += before - queue.size();
    }
    int limit = Math.max(1, Math.min(100, body.path("limit").asInt(100)));
    long end =
        System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, body.path("timeout").asInt(0)));
    long generation = ++pollGeneration;
    notifyAll(); // a held poll learns that it was superseded
    while (true) {
      ArrayNode out = JSON.createArrayNode();
      for (ObjectNode u : queue) {
        if (out.size() >= limit) {
          break;
        }
        if (!hasOffset || offset < 0 || u.path("update_id").asLong() >= offset) {
          out.add(u);
        }
      }
      long left = end - System.nanoTime();
      if (!out.isEmpty() || left <= 0 || closed) {
        for (JsonNode u : out) {
          deliveredAt.putIfAbsent(u.path("update_id").asLong(), System.nanoTime());
          deliveries.merge(u.path("update_id").asLong(), 1, Integer::sum);
        }
        return Answer.ok(JSON.writeValueAsString(out));
      }
      if (pollGeneration != generation && webhook != null) {
        return Answer.error(409, "Conflict: terminated by setWebhook request", null);
      }
      if (pollGeneration != generation) {
        return Answer.error(
            409,
            "Conflict: terminated by other getUpdates request; make sure that only one bot"
                + " instance is running",
            null);
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The field {@link #answersAsANewerBotApi} adds: no Bot API version, so no library, has it. */
  static final String FIELD_ADDED_LATER = "field_added_later";

  /**
   * From now on the fake answers as a Bot API newer than the bot's library: every object of every
   * successful answer carries {@link #FIELD_ADDED_LATER}, an object with fields of its own, so a
   * client that reads only what it knows meets it everywhere (the answer, each update and its
   * message, "from" and "chat", the message sendMessage returns). The known fields are as before.
   */
  void answersAsANewerBotApi() {
    newerBotApi = true;
  }

  private static String withFieldsAddedLater(String body) throws IOException {
    JsonNode answer = JSON.readTree(body);
    if (answer == null || !answer.path("ok").asBoolean(false)) {
      return body; // errors are left as they are
    }
    addFieldEverywhere(answer);
    return JSON.writeValueAsString(answer);
  }

  private static void addFieldEverywhere(JsonNode n) {
    for (JsonNode child : n) {
      addFieldEverywhere(child); // an object's values, an array's elements
    }
    if (n instanceof ObjectNode o) {
      ObjectNode added = o.putObject(FIELD_ADDED_LATER);
      added.put("since", "Bot API 99.0");
      added.putArray("items").addObject().put("id", 1);
    }
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders()
        .add("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    held.countDown();
    if (front != null) {
      front.close();
    }
    server.stop(0);
  }

  // ---- update builders, in the shape Telegram sends ----

  /**
   * Now in Unix time, the date Telegram gives a message sent now (Message, "date: Date the message
   * was sent in Unix time"). The builders' messages were all dated November 2023, which no bot
   * could tell from a question that waited at Telegram for hours: every message looked years old.
   */
  static int sentNow() {
    return (int) (System.currentTimeMillis() / 1000);
  }

  /**
   * The update's message as sent {@code seconds} before now: a question that waited at Telegram (or
   * in the bot's journal) while the bot was down, its date the time its user sent it.
   */
  static ObjectNode sentAgo(ObjectNode update, long seconds) {
    ObjectNode m = (ObjectNode) messageOf(update);
    m.put("date", sentNow() - seconds);
    if (m.has("edit_date")) {
      m.put("edit_date", m.path("edit_date").asInt() - seconds);
    }
    return update;
  }

  static ObjectNode privateText(long updateId, long chatId, int messageId, String text) {
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", updateId);
    ObjectNode m = u.putObject("message");
    m.put("message_id", messageId);
    m.put("date", sentNow());
    m.putObject("chat").put("id", chatId).put("type", "private").put("first_name", "Ann");
    m.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "Ann");
    m.put("text", text);
    if (text.startsWith("/")) {
      int end = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
      m.putArray("entities")
          .addObject()
          .put("type", "bot_command")
          .put("offset", 0)
          .put("length", end);
    }
    return u;
  }

  /**
   * The user edited the message of {@code update} (a message, or an earlier edit of it) to {@code
   * text}: an {@code edited_message} update with id {@code updateId} and an {@code edit_date}, as
   * Telegram sends for an edit its author made.
   */
  static ObjectNode edited(ObjectNode update, long updateId, String text) {
    ObjectNode m = ((ObjectNode) messageOf(update)).deepCopy();
    m.put("text", text);
    // Edited now, and after the message was sent or last edited.
    m.put("edit_date", Math.max(sentNow(), m.path("edit_date").asInt(m.path("date").asInt()) + 1));
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", updateId);
    u.set("edited_message", m);
    return u;
  }

  /**
   * One photo of an album ("media group") a user sends in the private chat {@code chatId}: Telegram
   * delivers an album as one message per photo, each its own update, sharing {@code media_group_id}
   * (Message, "media_group_id: The unique identifier of a media message group this message belongs
   * to"); a caption typed for the album is the caption of one of them, the first, and the others
   * have none (rubenlagus/TelegramBots#1208, go-telegram-bot-api/telegram-bot-api#242: a bot
   * "reacts to every photo or video in album like it's standalone message"). {@code caption} null:
   * none.
   */
  static ObjectNode albumPhoto(
      long updateId, long chatId, int messageId, String mediaGroupId, String caption) {
    ObjectNode u = privateText(updateId, chatId, messageId, "x");
    ObjectNode m = (ObjectNode) u.get("message");
    m.remove("text");
    m.put("media_group_id", mediaGroupId);
    m.putArray("photo") // Telegram's sizes of the photo, never none
        .addObject()
        .put("file_id", "p" + messageId)
        .put("file_unique_id", "pu" + messageId)
        .put("width", 90)
        .put("height", 90);
    if (caption != null) {
      m.put("caption", caption);
    }
    return u;
  }

  /**
   * A live location a user shares in the private chat {@code chatId} (Location, "live_period: Time
   * relative to the message sending date, during which the location can be updated"): a message
   * with no text. Each move is an {@code edited_message} of it ({@link #locationMoved}).
   */
  static ObjectNode liveLocation(long updateId, long chatId, int messageId) {
    ObjectNode u = privateText(updateId, chatId, messageId, "x");
    ObjectNode m = (ObjectNode) u.get("message");
    m.remove("text");
    m.putObject("location")
        .put("latitude", 51.128)
        .put("longitude", 71.43)
        .put("live_period", 28_800);
    return u;
  }

  /**
   * The live location of {@code update} moved: Telegram sends the message again as an {@code
   * edited_message}, its new position and an {@code edit_date} (Update, "edited_message: New
   * version of a message that is known to the bot and was edited"), every few seconds for as long
   * as the user shares it.
   */
  static ObjectNode locationMoved(ObjectNode update, long updateId, double latitude) {
    ObjectNode m = ((ObjectNode) messageOf(update)).deepCopy();
    ((ObjectNode) m.get("location")).put("latitude", latitude);
    m.put("edit_date", Math.max(sentNow(), m.path("edit_date").asInt(m.path("date").asInt()) + 1));
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", updateId);
    u.set("edited_message", m);
    return u;
  }

  /** A sticker a user sends in the private chat {@code chatId}: a message with no text. */
  static ObjectNode sticker(long updateId, long chatId, int messageId) {
    ObjectNode u = privateText(updateId, chatId, messageId, "x");
    ObjectNode m = (ObjectNode) u.get("message");
    m.remove("text");
    m.putObject("sticker")
        .put("file_id", "f")
        .put("file_unique_id", "u")
        .put("type", "regular")
        .put("width", 1)
        .put("height", 1)
        .put("is_animated", false)
        .put("is_video", false);
    return u;
  }

  /**
   * Someone reacted to the message of {@code update} (a message, or an edit of it): Telegram sends
   * it as an {@code edited_message} with nothing changed, its {@code edit_date} the last real
   * edit's (none when it was never edited), as it does when a message gets its first reaction
   * (tdlib/telegram-bot-api#388, #773).
   */
  static ObjectNode reactedTo(ObjectNode update, long updateId) {
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", updateId);
    u.set("edited_message", messageOf(update).deepCopy());
    return u;
  }

  private static JsonNode messageOf(ObjectNode update) {
    return update.has("message") ? update.get("message") : update.get("edited_message");
  }

  /**
   * A service message Telegram sends to the bot in the private chat {@code chatId} when its user
   * does something there that is no message to the bot (Message: "pinned_message", "Specified
   * message was pinned"; "chat_background_set", "Service message: chat background set";
   * "message_auto_delete_timer_changed"; "write_access_allowed", "the user allowed the bot to write
   * messages"): no text, no caption, no content the user sent. {@code kind} is one of those four
   * fields.
   */
  static ObjectNode service(long updateId, long chatId, int messageId, String kind) {
    ObjectNode u = privateText(updateId, chatId, messageId, "x");
    ObjectNode m = (ObjectNode) u.get("message");
    m.remove("text");
    switch (kind) {
      case "pinned_message" -> {
        ObjectNode pinned = m.putObject(kind);
        pinned.put("message_id", messageId - 1).put("date", sentNow());
        pinned.set("chat", m.get("chat").deepCopy());
        pinned.put("text", "When did the Astana talks resume?");
      }
      case "chat_background_set" ->
          m.putObject(kind)
              .putObject("type")
              .put("type", "fill")
              .put("dark_theme_dimming", 0)
              .putObject("fill")
              .put("type", "solid")
              .put("color", 0x336699);
      case "message_auto_delete_timer_changed" ->
          m.putObject(kind).put("message_auto_delete_time", 86_400);
      case "write_access_allowed" -> m.putObject(kind).put("from_request", true);
      default -> throw new IllegalArgumentException(kind);
    }
    return u;
  }

  /** The update's message as written by a user whose Telegram is in {@code languageCode}. */
  static ObjectNode inLanguage(ObjectNode update, String languageCode) {
    ((ObjectNode) update.get("message").get("from")).put("language_code", languageCode);
    return update;
  }

  /**
   * The update's message as Telegram delivers one typed in forum topic {@code thread} of its
   * supergroup: with the topic's id and, when it replies to nothing else, as a reply to the topic's
   * creation message (message {@code thread}, a forum_topic_created service message sent by {@code
   * creatorId}, 777 for this bot). Telegram's forum topics are threads of that message
   * (core.telegram.org/api/forum: "topics with id != 1 are just the message thread of the
   * messageActionTopicCreate service message"), and bots get every message of a topic as a reply to
   * it (reported in banteg/takopi#152, NousResearch/hermes-agent#51349).
   */
  static ObjectNode inForumTopic(ObjectNode update, int thread, long creatorId) {
    ObjectNode m = (ObjectNode) update.get("message");
    m.put("message_thread_id", thread).put("is_topic_message", true);
    ((ObjectNode) m.get("chat")).put("is_forum", true);
    if (!m.has("reply_to_message")) {
      ObjectNode root = m.putObject("reply_to_message");
      root.put("message_id", thread).put("date", sentNow() - 7 * 86_400);
      root.set("chat", m.get("chat").deepCopy());
      root.put("message_thread_id", thread);
      ObjectNode from = root.putObject("from").put("id", creatorId).put("is_bot", creatorId == 777);
      from.put("first_name", creatorId == 777 ? "Astana QA" : "Carol");
      if (creatorId == 777) {
        from.put("username", "AstanaQaBot");
      }
      root.putObject("forum_topic_created")
          .put("name", "Topic " + thread)
          .put("icon_color", 7322096);
    }
    return update;
  }

  /** The update's message as a reply to the bot's (id 777) message {@code messageId}. */
  static ObjectNode replyingToBot(ObjectNode update, int messageId, String botText) {
    ObjectNode to = ((ObjectNode) update.get("message")).putObject("reply_to_message");
    to.put("message_id", messageId);
    to.put("date", sentNow());
    to.set("chat", update.get("message").get("chat").deepCopy());
    to.putObject("from")
        .put("id", 777)
        .put("is_bot", true)
        .put("first_name", "Astana QA")
        .put("username", "AstanaQaBot");
    to.put("text", botText);
    return update;
  }

  static ObjectNode groupText(long updateId, long chatId, long userId, int messageId, String text) {
    ObjectNode u = privateText(updateId, chatId, messageId, text);
    ObjectNode m = (ObjectNode) u.get("message");
    m.putObject("chat").put("id", chatId).put("type", "supergroup").put("title", "Group");
    m.putObject("from").put("id", userId).put("is_bot", false).put("first_name", "Bob");
    // Telegram marks a whole @username as one mention entity: "@AstanaQaBot_helper" is not ours.
    java.util.regex.Matcher at = java.util.regex.Pattern.compile("(?<![\\w@])@\\w+").matcher(text);
    if (!text.startsWith("/") && at.find()) {
      m.putArray("entities")
          .addObject()
          .put("type", "mention")
          .put("offset", at.start())
          .put("length", at.end() - at.start());
    }
    return u;
  }

  /**
   * A post of channel {@code channelId} that Telegram forwarded by itself into the channel's linked
   * discussion group {@code groupId} (Message, "is_automatic_forward: True, if the message is a
   * channel post that was automatically forwarded to the connected discussion group"; "sender_chat:
   * ... the linked channel for messages automatically forwarded to the discussion group"; "from:
   * ... contains a fake sender user in non-channel chats", the service account Telegram, 777000, no
   * bot). Telegram marks a whole @username in it as a mention, as in any group message. Nobody in
   * the group wrote it: it is the channel's post, shown so that members can comment on it.
   */
  static ObjectNode automaticForward(
      long updateId, long groupId, long channelId, int messageId, String text) {
    ObjectNode u = groupText(updateId, groupId, 777_000, messageId, text);
    ObjectNode m = (ObjectNode) u.get("message");
    m.putObject("from").put("id", 777_000).put("is_bot", false).put("first_name", "Telegram");
    m.putObject("sender_chat").put("id", channelId).put("type", "channel").put("title", "News");
    m.put("is_automatic_forward", true);
    ObjectNode origin = m.putObject("forward_origin");
    origin.put("type", "channel").put("date", sentNow()).put("message_id", messageId);
    origin.putObject("chat").put("id", channelId).put("type", "channel").put("title", "News");
    return u;
  }

  /**
   * A press in the private chat {@code chatId} of a button under the bot's message {@code
   * messageId}: the presser is the chat's user. A press in a group names its presser: {@link
   * #callback(long, long, long, int, String)}.
   */
  static ObjectNode callback(long updateId, long chatId, int messageId, String data) {
    if (chatId < 0) {
      throw new IllegalArgumentException(
          "a press in a group is a member's: callback(updateId, chat, user, messageId, data)");
    }
    return callback(updateId, chatId, chatId, messageId, data);
  }

  /**
   * User {@code userId} pressed a button under the bot's message {@code messageId} in chat {@code
   * chatId}, in the shape Telegram sends (CallbackQuery): "from", the user who pressed, a positive
   * id, in a group a member and never the group; "message", the bot's message with the button, its
   * "from" the bot and its "chat" the chat as it is, a private chat or, for a negative id, a
   * supergroup (groupText's). The fake's callback said "private" for a group's press, with no
   * "from" on its message and the group's negative id as the presser's, so each group test set the
   * type by hand and a test that forgot it tested a group's press as a private chat's.
   */
  static ObjectNode callback(long updateId, long chatId, long userId, int messageId, String data) {
    if (userId <= 0) {
      throw new IllegalArgumentException("a user's id is positive: " + userId);
    }
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", updateId);
    ObjectNode cq = u.putObject("callback_query");
    cq.put("id", "cb" + updateId);
    cq.putObject("from")
        .put("id", userId)
        .put("is_bot", false)
        .put("first_name", chatId > 0 ? "Ann" : "Bob");
    // CallbackQuery, "chat_instance": "Global identifier, uniquely corresponding to the chat to
    // which the message with the callback button was sent".
    cq.put("chat_instance", "ci" + chatId);
    cq.put("data", data);
    ObjectNode m = cq.putObject("message");
    m.put("message_id", messageId);
    m.put("date", sentNow());
    m.set("chat", chatOf(chatId));
    m.set("from", bot());
    m.put("text", "earlier answer");
    return u;
  }

  /** The chat {@code chatId} as Telegram shows it in a message: a private chat, or a group. */
  static ObjectNode chatOf(long chatId) {
    ObjectNode chat = JSON.createObjectNode().put("id", chatId);
    return chatId > 0
        ? chat.put("type", "private").put("first_name", "Ann")
        : chat.put("type", "supergroup").put("title", "Group");
  }

  /** The bot (getMe) as a message's "from" or "via_bot". */
  static ObjectNode bot() {
    return JSON.createObjectNode()
        .put("id", 777)
        .put("is_bot", true)
        .put("first_name", "Astana QA")
        .put("username", "AstanaQaBot");
  }

  /**
   * User {@code userId} typed {@code query} after the bot's name: an inline query (InlineQuery,
   * "query: Text of the query (up to 256 characters)", counted as Telegram counts text, in UTF-16
   * units: 128 emoji fill it). Telegram never sends a longer one, so none is made.
   */
  static ObjectNode inline(long updateId, long userId, String query) {
    if (query.length() > MAX_INLINE_QUERY) {
      throw new IllegalArgumentException(
          "Telegram sends no inline query over 256 characters: " + query.length());
    }
    ObjectNode u = JSON.createObjectNode();
    u.put("update_id", updateId);
    ObjectNode iq = u.putObject("inline_query");
    iq.put("id", "iq" + updateId);
    iq.putObject("from").put("id", userId).put("is_bot", false).put("first_name", "Ann");
    iq.put("query", query);
    iq.put("offset", "");
    return u;
  }
}
