package org.astanaqa.bot.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.astanaqa.bot.config.AppConfig;
import org.astanaqa.bot.logging.ChatTag;
import org.astanaqa.bot.logging.Secrets;
import org.astanaqa.bot.telegram.http.TelegramClock;
import org.astanaqa.bot.telegram.receive.LongPoller;
import org.astanaqa.bot.telegram.receive.UpdateDispatcher;
import org.astanaqa.bot.telegram.receive.UpdateJournal;
import org.astanaqa.bot.telegram.send.BotApiUrl;
import org.astanaqa.bot.telegram.send.ErrorPages;
import org.astanaqa.bot.telegram.send.Sender;
import org.astanaqa.bot.telegram.send.Throttle;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.DeleteMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.GetMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScope;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllChatAdministrators;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllGroupChats;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllPrivateChats;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Starts and stops the bot: the OkHttp clients, the {@link LongPoller}'s thread and the worker
 * pool, all owned here so that {@link #close()} can stop them.
 */
public final class TelegramRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelegramRunner.class);

  /** Seconds Telegram holds a getUpdates call open when there is nothing new. */
  static final int LONG_POLL_SECONDS = 50;

  /** How long shutdown waits for the answers being sent. */
  static final long DRAIN_MILLIS = 4000;

  /**
   * How much longer shutdown waits, after {@link #DRAIN_MILLIS}, for a call already on the wire (a
   * slow Telegram): interrupted, its reply may have been sent and would be sent again after the
   * restart. Capped so that a stop stays short ({@link #LONGEST_STOP_MILLIS} in all; a container
   * runtime that grants 10 s before SIGKILL needs a longer grace period, as its kill is a kill -9).
   */
  static final long ON_THE_WIRE_MILLIS = 5000;

  /** The one resend of a call whose answer was lost waits this many times the request timeout. */
  static final int PATIENT_FACTOR = 4;

  /**
   * Inline queries allowed per user, as a multiple of the question limit: Telegram sends one per
   * keystroke, so a question typed letter by letter is dozens of queries.
   */
  static final int INLINE_FACTOR = 6;

  /** The update journal's file name in the data folder. */
  static final String JOURNAL = "telegram-journal";

  /**
   * The file in the data folder that keeps each group's move to a supergroup ("group id, supergroup
   * id" a line): Telegram tells of a move once (migrate_to_chat_id), and the supergroup has a new
   * id that telegram.allowedChats does not name.
   */
  static final String MIGRATIONS = "telegram-migrations";

  /**
   * The clock the sending limits are kept on (the {@link Throttle} and the {@link Sender}'s waits):
   * the system's. Tests that run the whole bot in their own JVM against the fake Bot API give it
   * and the fake one clock, on which the fake judges the bot's flood limits by the waits the bot
   * made, without the test waiting each chat's second in real time.
   */
  static volatile Throttle.Clock pacingClock = Throttle.Clock.SYSTEM;

  private final OkHttpClient http;
  private final OkHttpClient polling;
  private final ExecutorService workers;
  private final ExecutorService queryWorkers;
  private final ScheduledExecutorService timers;
  private final ExecutorService typing;
  private final ExecutorService menu;
  private final UpdateDispatcher dispatcher;
  private final UpdateJournal journal;
  private final FeedbackStore feedback;
  private final QuestionEdits edits;
  private final ButtonStore buttons;
  private final GroupMinutes groupMinutes;
  private final LongPoller poller;
  private final Sender sender;
  private final long requestTimeoutMillis;

  private TelegramRunner(
      Sender sender,
      long requestTimeoutMillis,
      OkHttpClient http,
      OkHttpClient polling,
      ExecutorService workers,
      ExecutorService queryWorkers,
      ScheduledExecutorService timers,
      ExecutorService typing,
      ExecutorService menu,
      UpdateDispatcher dispatcher,
      UpdateJournal journal,
      FeedbackStore feedback,
      QuestionEdits edits,
      ButtonStore buttons,
      GroupMinutes groupMinutes,
      LongPoller poller) {
    this.groupMinutes = groupMinutes;
    this.menu = menu;
    this.sender = sender;
    this.requestTimeoutMillis = requestTimeoutMillis;
    this.feedback = feedback;
    this.edits = edits;
    this.buttons = buttons;
    this.http = http;
    this.polling = polling;
    this.workers = workers;
    this.queryWorkers = queryWorkers;
    this.timers = timers;
    this.typing = typing;
    this.dispatcher = dispatcher;
    this.journal = journal;
    this.poller = poller;
  }

  /**
   * Checks the token and starts long polling; the command menu is registered beside it.
   *
   * @param token the bot token, from the environment
   * @param apiUrl the Bot API base URL: scheme, host, port and perhaps a path prefix
   * @param dataDir where the update journal is kept
   * @param fatal told, once, why the bot must stop while running (a revoked token)
   * @param qa the answerer in use
   * @param reindex reads the corpus again for an admin's /reindex and returns a one-line summary
   * @throws TelegramStartException when Telegram rejects the token or cannot be reached
   */
  public static TelegramRunner start(
      java.util.function.Supplier<QuestionAnswerer> qa,
      AppConfig.Telegram config,
      String token,
      String apiUrl,
      Path dataDir,
      java.util.function.Consumer<String> fatal,
      java.util.concurrent.Callable<String> reindex) {
    List<String> examples = config.examples();
    Secrets.register(token);
    BotApiUrl api = BotApiUrl.parse(apiUrl, "TELEGRAM_API_URL", token);
    TelegramUrl url = api.telegramUrl();
    // Separate clients: shutdown cancels the long poll, never a reply whose answer is on its way.
    // Sends never retry by themselves: Sender decides, as a retried sendMessage may be a duplicate.
    Duration timeout = Duration.ofSeconds(config.requestTimeoutSeconds());
    // Telegram's clock, from the Date of every answer to either client (UpdateHandler's late
    // answers are timed on it: the host's may be wrong).
    TelegramClock clock = new TelegramClock();
    OkHttpClient http = sendClient(api, timeout, clock);
    OkHttpClient patientHttp =
        http.newBuilder().readTimeout(timeout.multipliedBy(PATIENT_FACTOR)).build();
    OkHttpClient polling =
        httpClient("telegram-poll-http", Duration.ofSeconds(config.pollSeconds() + 25L))
            .newBuilder()
            .addNetworkInterceptor(clock)
            .build();
    ExecutorService workers =
        Executors.newFixedThreadPool(config.workers(), daemon("telegram-worker"));
    // Presses and inline queries on threads of their own: a chat's answer may hold its worker for
    // up to a minute (a busy group's limit), and Telegram refuses a press's answer after ~15 s.
    ExecutorService queryWorkers =
        Executors.newFixedThreadPool(config.workers(), daemon("telegram-query"));
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(daemon("telegram-timer"));
    // "typing..." is sent off the timer thread (Typing), on threads the stop ends with the others.
    ExecutorService typing = Executors.newCachedThreadPool(daemon("telegram-typing"));
    // The command menu and descriptions, registered beside polling, never before it (registerMenu).
    ExecutorService menu = Executors.newSingleThreadExecutor(daemon("telegram-menu"));
    UpdateJournal journal = null;
    QuestionEdits edits = null;
    ButtonStore buttons = null;
    GroupMinutes groupMinutes = null;
    FeedbackStore feedback = FeedbackStore.open(dataDir.resolve(FeedbackStore.FILE));
    try {
      ObjectMapper json = new ObjectMapper();
      OkHttpTelegramClient client = new OkHttpTelegramClient(json, http, token, url);
      // Every call is paced, the start-up ones too: a bot restarted in a loop must not flood.
      Throttle throttle =
          new Throttle(
              config.perChatPerSecond(),
              config.perGroupPerMinute(),
              config.globalPerSecond(),
              pacingClock);
      // Telegram counted the messages of the process before this one, whenever it stopped.
      throttle.sentToEveryChat();
      // and a group's messages of its last minute, which the file keeps: a restart into a group
      // that had its 20 this minute sent at once, and each reply was refused (429) until it passed
      groupMinutes = GroupMinutes.open(dataDir, throttle, System::currentTimeMillis);
      Sender sender =
          new Sender(
              client,
              new OkHttpTelegramClient(json, patientHttp, token, url),
              throttle,
              pacingClock,
              500_000_000L,
              new java.util.Random());
      keepMigrations(sender, dataDir.resolve(MIGRATIONS));
      // The calls at start go through the sender's retry policy, as every other call: a passing
      // 502, 429 or lost answer must not stop the bot (before, the first one did).
      User me = getMe(sender, apiUrl);
      ObjectMapper updates =
          new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
      warmUp(qa.get(), json, updates, examples.get(0));
      deleteWebhook(sender);
      ChatTag chatTags = ChatTag.of(dataDir);
      edits = QuestionEdits.open(dataDir, chatTags);
      // Kept in the data folder, its age across a restart counted on the wall clock: an answer's
      // buttons work after a restart for what is left of their time, a 👍 pressed on it before a
      // deploy or a kill -9 is kept. While the bot runs they are timed on the monotonic clock.
      buttons =
          ButtonStore.open(
              dataDir,
              config.buttonAnswers(),
              TimeUnit.MINUTES.toNanos(config.buttonMinutes()),
              System::nanoTime,
              () -> System.currentTimeMillis() * 1_000_000L,
              chatTags);
      UpdateHandler handler =
          new UpdateHandler(
              qa,
              sender,
              buttons,
              new UserRateLimit(config.questionsPerUserPerMinute(), System::nanoTime),
              new UserRateLimit(
                  config.questionsPerUserPerMinute() * INLINE_FACTOR, System::nanoTime),
              timers,
              examples,
              me.getId(),
              me.getUserName(),
              new Access(
                  java.util.Set.copyOf(config.adminIds()),
                  java.util.Set.copyOf(config.allowedChats())),
              reindex::call,
              feedback,
              edits,
              chatTags,
              new org.astanaqa.bot.Conversations(
                  TimeUnit.MINUTES.toNanos(config.followUpMinutes()), System::nanoTime),
              clock);
      journal = UpdateJournal.open(dataDir.resolve(JOURNAL));
      handler.typingSentOn(typing);
      // A reply due to wait long for its chat's turn (a busy group's next minute) waits on the
      // timer thread, not on a worker that other chats' answers need meanwhile.
      UpdateDispatcher dispatcher =
          new UpdateDispatcher(handler, journal, workers, queryWorkers).waitTurnsOn(timers);
      // A wait that begins once the answering has started (a 429 told to the reply itself, up to
      // 10 minutes) holds its thread, but a stand-in answers the other chats meanwhile, and the
      // chat is shown "typing..." through it.
      sender.duringLongWaits((nanos, shown, everyChat) -> dispatcher.waitingLong(shown, everyChat));
      LongPoller poller =
          new LongPoller(
              polling,
              getUpdatesUrl(api, token),
              config.pollSeconds(),
              updates,
              journal,
              dispatcher,
              fatal);
      sender.stopOnRejectedToken(fatal);
      poller.start();
      log.info("Telegram bot @{} is polling {}", me.getUserName(), apiUrl);
      registerMenu(menu, sender);
      return new TelegramRunner(
          sender,
          timeout.toMillis(),
          http,
          polling,
          workers,
          queryWorkers,
          timers,
          typing,
          menu,
          dispatcher,
          journal,
          feedback,
          edits,
          buttons,
          groupMinutes,
          poller);
    } catch (TelegramApiException e) {
      shutdown(List.of(http, polling), workers, queryWorkers, timers, typing, menu);
      closeQuietly(journal);
      closeQuietly(buttons);
      closeQuietly(groupMinutes);
      feedback.close();
      throw new TelegramStartException("cannot start polling " + apiUrl + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdown(List.of(http, polling), workers, queryWorkers, timers, typing, menu);
      closeQuietly(journal);
      closeQuietly(buttons);
      closeQuietly(groupMinutes);
      throw new TelegramStartException("interrupted while starting", e);
    } catch (RuntimeException e) {
      shutdown(List.of(http, polling), workers, queryWorkers, timers, typing, menu);
      closeQuietly(journal);
      closeQuietly(buttons);
      closeQuietly(groupMinutes);
      feedback.close();
      throw e;
    }
  }

  /**
   * Gives {@code sender} the moves of groups to supergroups kept in {@code file}, and keeps there
   * each one it learns: an allowed group that became a supergroup stays allowed after a restart
   * (before, the supergroup's questions were ignored from then on, without a word). A line torn by
   * a crash is skipped: its check does not match.
   */
  /**
   * The check that ends a line of the migrations file: a line torn by a crash inside its ids ("-2
   * -10" of "-2 -1003") would read as another move, and lacks it.
   */
  private static String check(String move) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(move.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  static void keepMigrations(Sender sender, Path file) {
    AppendOnlyFile kept = new AppendOnlyFile(file);
    try {
      for (String line : kept.lines()) {
        String[] p = line.strip().split(" ");
        // "moved FROM TO CHECK", or "FROM TO" as written before there was a check; a line torn
        // anywhere starts with "moved" and lacks its check
        String[] ids =
            p.length == 4 && p[0].equals("moved") && p[3].equals(check(p[1] + " " + p[2]))
                ? new String[] {p[1], p[2]}
                : p.length == 2 && !p[0].equals("moved") ? p : null;
        if (ids != null && ids[0].matches("-\\d{1,19}") && ids[1].matches("-\\d{1,19}")) {
          sender.migratedBefore(Long.parseLong(ids[0]), Long.parseLong(ids[1]));
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      log.warn(
          "cannot read {} ({}); groups that became supergroups are learnt again",
          file,
          e.toString());
    }
    // Forced to the device, on a line of its own after a line a crash tore (it had been glued to
    // the torn one, and both lost); closed again at once, as moves are rare.
    sender.onMigrated(
        (from, to) -> {
          synchronized (kept) {
            try {
              String move = from + " " + to;
              kept.append("moved " + move + " " + check(move) + "\n");
            } catch (java.io.IOException e) {
              log.warn(
                  "cannot keep a group's move to a supergroup in {} ({}); with"
                      + " telegram.allowedChats set, add the supergroup's id there to answer it"
                      + " after a restart",
                  file,
                  e.toString());
            } finally {
              kept.close();
            }
          }
        });
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing what a failed start opened: the failure that stopped it is what is told
      }
    }
  }

  /**
   * A webhook, if one is set, makes getUpdates answer 409; polling needs it gone. The updates
   * waiting for it are kept and polled. Its URL is not logged (it may hold a secret path).
   */
  private static void deleteWebhook(Sender sender)
      throws TelegramApiException, InterruptedException {
    WebhookInfo webhook = sender.executeOrThrow(new GetWebhookInfo());
    if (webhook != null && webhook.getUrl() != null && !webhook.getUrl().isEmpty()) {
      log.warn(
          "a webhook was set for this bot token (another deployment, or an earlier one); removing"
              + " it so that this bot can poll; the {} updates waiting for it are kept",
          webhook.getPendingUpdatesCount());
    }
    if (!Boolean.TRUE.equals(sender.executeOrThrow(new DeleteWebhook()))) {
      throw new TelegramApiException("Telegram did not remove the webhook");
    }
  }

  /**
   * Runs every step of answering once before polling starts: the first user would otherwise wait
   * about half a second while Jackson learns the Update and SendMessage classes and the JIT the
   * ranking code.
   */
  private static void warmUp(
      QuestionAnswerer qa, ObjectMapper json, ObjectMapper updates, String question) {
    long t0 = System.nanoTime();
    try {
      String chat = "{\"id\":1,\"type\":\"private\",\"first_name\":\"A\"}";
      String from = "{\"id\":1,\"is_bot\":false,\"first_name\":\"A\"}";
      String message =
          "{\"message_id\":1,\"date\":1700000000,\"chat\":"
              + chat
              + ",\"from\":"
              + from
              + ",\"text\":\"x\",\"entities\":[{\"type\":\"mention\",\"offset\":0,\"length\":1}]}";
      // The reader LongPoller uses (its own mapper, so its own deserializer cache to warm).
      for (com.fasterxml.jackson.databind.JsonNode u :
          updates.readTree(
              "[{\"message\":"
                  + message
                  + "},"
                  + "{\"callback_query\":{\"id\":\"c\",\"from\":"
                  + from
                  + ",\"chat_instance\":\"i\",\"data\":\"d\","
                  + "\"message\":"
                  + message
                  + "}},{\"inline_query\":{\"id\":\"q\",\"from\":"
                  + from
                  + ",\"query\":\"q\",\"offset\":\"\"}}]")) {
        updates.treeToValue(u, org.telegram.telegrambots.meta.api.objects.Update.class);
      }
      org.astanaqa.retrieval.Answer a = qa.ask(question);
      String html =
          a.answered() ? org.astanaqa.bot.render.TelegramHtml.quote(a.quotes().get(0)) : "x";
      org.telegram.telegrambots.meta.api.methods.send.SendMessage send =
          org.telegram.telegrambots.meta.api.methods.send.SendMessage.builder()
              .chatId(1L)
              .text(html)
              .parseMode("HTML")
              .replyMarkup(a.answered() ? Keyboards.answerButtons("k", 0, a) : null)
              .linkPreviewOptions(
                  org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions.builder()
                      .isDisabled(true)
                      .build())
              .replyParameters(
                  org.telegram.telegrambots.meta.api.objects.ReplyParameters.builder()
                      .messageId(1)
                      .build())
              .build();
      json.writeValueAsString(send);
      send.deserializeResponse("{\"ok\":true,\"result\":" + message + "}");
    } catch (Exception e) {
      log.debug("warm-up skipped: {}", e.toString()); // only speed is at stake
    }
    log.debug("warm-up took {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  private static User getMe(Sender sender, String apiUrl) throws InterruptedException {
    try {
      return sender.executeOrThrow(new GetMe());
    } catch (TelegramApiRequestException e) {
      Integer code = e.getErrorCode();
      if (ErrorPages.wrote(e.getApiResponse()) && code != null && code < 500 && code != 429) {
        // A refusal as a page, not Telegram's JSON: a proxy, or TELEGRAM_API_URL names a server
        // that is no Bot API (a 404 there says nothing of the token).
        throw new TelegramStartException(
            "the server at "
                + apiUrl
                + " answered getMe with HTTP "
                + code
                + " and a page that is not the Bot API's; check TELEGRAM_API_URL and any proxy on"
                + " the way",
            e);
      }
      if (code != null && (code == 401 || code == 404)) {
        throw new TelegramStartException(
            "Telegram rejected the bot token ("
                + code
                + "); check the token in the environment (from @BotFather)",
            e);
      }
      throw new TelegramStartException(
          "Telegram at " + apiUrl + " answered getMe with an error: " + e.getMessage(), e);
    } catch (TelegramApiException e) {
      throw new TelegramStartException(
          "cannot reach the Telegram Bot API at "
              + apiUrl
              + "; check the network, or TELEGRAM_API_URL for a self-hosted server",
          e);
    }
  }

  /**
   * Registers the command menu and descriptions on {@code menu}'s thread, once polling has started:
   * they are cosmetic (a menu set by an earlier run stays at Telegram), and Telegram rate-limits
   * these calls hard when a bot restarts a few times (429 with a retry_after of 460-490 s on
   * setMyCommands, openclaw/openclaw#32017). Registered before polling, each of the six calls could
   * wait out up to {@link Sender#MAX_RATE_LIMITED_SECONDS} of 429s, or a lost answer's resend,
   * while no update was polled: the bot was deaf for minutes, up to an hour, after a restart, and
   * the button presses and inline queries of that time expired unanswered. A stop interrupts the
   * wait quietly.
   */
  private static void registerMenu(ExecutorService menu, Sender sender) {
    menu.execute(
        () -> {
          try {
            registerCommands(sender);
          } catch (InterruptedException e) {
            log.debug("the bot stopped before its command menu was registered");
          } catch (RuntimeException e) {
            log.warn(
                "could not register the command menu ({}); the bot answers without it",
                e.toString());
          }
        });
  }

  /**
   * The command menu and the bot's descriptions, in English for everyone and in Russian for users
   * whose Telegram is in Russian ({@code language_code} "ru"): Telegram shows each user the version
   * of their language, else the default. Paced like every other call.
   */
  private static void registerCommands(Sender sender) throws InterruptedException {
    for (String language : org.astanaqa.bot.reply.Texts.SPOKEN) {
      org.astanaqa.bot.reply.Texts t = org.astanaqa.bot.reply.Texts.of(language);
      String code = language.equals("en") ? null : language; // English is the default for all
      boolean done =
          sender
                  .execute(
                      SetMyCommands.builder()
                          .command(new BotCommand("start", t.get("command.start")))
                          .command(new BotCommand("help", t.get("command.help")))
                          .command(new BotCommand("sources", t.get("command.sources")))
                          .command(new BotCommand("ask", t.get("command.ask")))
                          .languageCode(code)
                          .build())
                  .isPresent()
              && sender
                  .execute(
                      org.telegram.telegrambots.meta.api.methods.description.SetMyDescription
                          .builder()
                          .description(t.get("bot.description"))
                          .languageCode(code)
                          .build())
                  .isPresent()
              && sender
                  .execute(
                      org.telegram.telegrambots.meta.api.methods.description.SetMyShortDescription
                          .builder()
                          .shortDescription(t.get("bot.shortDescription"))
                          .languageCode(code)
                          .build())
                  .isPresent();
      if (!done) {
        log.warn(
            "could not register the command menu or description ({}); the bot answers without it",
            language);
      }
    }
    clearNarrowerMenus(sender);
  }

  /**
   * The scopes whose command lists Telegram shows before the default one ("Determining list of
   * commands": all private chats in a chat with the bot; a group's administrators, then all groups,
   * in groups), each of which may have a list for a language or none.
   */
  private static final List<java.util.function.Supplier<BotCommandScope>> NARROWER_SCOPES =
      List.of(
          BotCommandScopeAllPrivateChats::new,
          BotCommandScopeAllGroupChats::new,
          BotCommandScopeAllChatAdministrators::new);

  /**
   * Deletes the command lists left for scopes and languages that Telegram shows before the bot's
   * own: it keeps a list per scope and language for the token until deleteMyCommands, and shows a
   * user the first one set from the narrowest scope, each with the user's language first. One that
   * an earlier deployment (or another tool) set for all private chats, all groups or their
   * administrators, or for English users of the default scope, went on hiding the menu registered
   * here, and users tapped commands the bot does not have. Each is read first (getMyCommands), so
   * that a start deletes only what is there: setMyCommands and its kin are limited hard. Chat-
   * specific lists cannot be listed, and languages other than the bot's are not looked at.
   */
  private static void clearNarrowerMenus(Sender sender) throws InterruptedException {
    List<String> languages = new java.util.ArrayList<>();
    languages.add(null);
    languages.addAll(org.astanaqa.bot.reply.Texts.SPOKEN);
    List<BotCommandScope> scopes = new java.util.ArrayList<>();
    List<String> codes = new java.util.ArrayList<>();
    for (var scope : NARROWER_SCOPES) {
      for (String language : languages) {
        scopes.add(scope.get());
        codes.add(language);
      }
    }
    // English is the default list's language, registered with no language_code: a list left for
    // "en" would be shown to English users instead.
    scopes.add(new BotCommandScopeDefault());
    codes.add("en");
    for (int i = 0; i < scopes.size(); i++) {
      java.util.Optional<java.util.ArrayList<BotCommand>> set =
          sender.execute(
              GetMyCommands.builder().scope(scopes.get(i)).languageCode(codes.get(i)).build());
      if (set.isPresent() && !set.get().isEmpty()) {
        log.info(
            "removing a command list left for {}{}, which Telegram showed instead of this bot's",
            scopes.get(i).getType(),
            codes.get(i) == null ? "" : " (" + codes.get(i) + ")");
        sender.execute(
            DeleteMyCommands.builder().scope(scopes.get(i)).languageCode(codes.get(i)).build());
      }
    }
  }

  /** The long poll's URL, path prefix included; it holds the token, so it is never logged. */
  static String getUpdatesUrl(BotApiUrl api, String token) {
    return api + "/bot" + token + "/getUpdates";
  }

  /**
   * Stops polling, finishes the answers in flight (up to a few seconds), and releases every thread
   * and connection. Updates not answered by then stay in the journal and are answered after a
   * restart.
   */
  @Override
  public void close() {
    long t0 = System.nanoTime();
    poller.close();
    try {
      if (!dispatcher.drain(DRAIN_MILLIS)) {
        // No new call goes out; one on the wire is waited for (its update is then marked done),
        // as one interrupted may have been sent and would be sent again after the restart.
        sender.stopSending();
        if (!sender.awaitOnTheWire(0)
            && sender.awaitOnTheWire(Math.min(ON_THE_WIRE_MILLIS, requestTimeoutMillis))) {
          dispatcher.drain(1000); // the worker marks its update done
        }
        if (!dispatcher.drain(0)) {
          log.warn("shut down with answers still in flight; they are answered after the restart");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    shutdown(List.of(http, polling), workers, queryWorkers, timers, typing, menu);
    // The workers just interrupted are still unwinding (an engine closing what it had open, a
    // worker writing that the stop interrupted its update): the journal is closed only once they
    // end, briefly waited for. Closed at once, the process ended before their last record, and
    // the restart took an interrupted answer for one under way at a crash (or, an interrupt
    // turned into an unchecked exception, for a failed one, done and never answered).
    awaitWorkers(WORKERS_EXIT_MILLIS, workers, queryWorkers);
    journal.close();
    feedback.close();
    edits.close();
    buttons.close();
    groupMinutes.close();
    log.info("Telegram bot stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * How long shutdown waits, after interrupting them, for the workers to end before the journal is
   * closed: an interrupted answer ends in milliseconds, and so does writing down that it was.
   */
  static final long WORKERS_EXIT_MILLIS = 2000;

  /**
   * The longest {@link #close} waits in all: the drain, a call on the wire, its worker marking its
   * update done, and the interrupted workers' end. What runs the stop (the JVM's shutdown hook)
   * must wait this long and a little more: a JVM halted before it ends leaves a reply that Telegram
   * carried out with its update not done, sent again after the restart.
   */
  public static final long LONGEST_STOP_MILLIS =
      DRAIN_MILLIS + ON_THE_WIRE_MILLIS + 1000 + WORKERS_EXIT_MILLIS;

  /** Waits up to {@code millis} in all for {@code pools}, already shut down, to end. */
  private static void awaitWorkers(long millis, ExecutorService... pools) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      for (ExecutorService p : pools) {
        if (!p.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          // Said at INFO: the journal's close says which of its updates hung (a WARN), and which
          // only ran long work such as a /reindex, deaf to the interrupt (LongWork), no hang.
          log.info(
              "a worker did not end within {} ms of the stop; its update is answered after the"
                  + " restart",
              millis);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void shutdown(List<OkHttpClient> clients, ExecutorService... pools) {
    for (ExecutorService p : pools) {
      p.shutdownNow();
    }
    for (OkHttpClient c : clients) {
      c.dispatcher().executorService().shutdownNow();
      c.connectionPool().evictAll();
    }
  }

  /**
   * The client of every call but the long poll. It never retries by itself: {@link Sender} decides,
   * as a retried sendMessage may be a duplicate. The library builds
   * scheme://host:port/bot&lt;token&gt;/&lt;method&gt;; an interceptor puts back a path prefix of
   * the configured URL (a Bot API server behind a reverse proxy at /tg). Another keeps the HTTP
   * status of an error page that is not the Bot API's JSON ({@link ErrorPages}: Telegram's 502 and
   * 504 come as nginx's HTML), which the library would otherwise lose. The long poll needs neither
   * this nor the library: {@link LongPoller} reads the status itself. Every answer's Date header
   * goes to {@code clock}.
   */
  static OkHttpClient sendClient(BotApiUrl api, Duration timeout, TelegramClock clock) {
    return httpClient("telegram-send", timeout)
        .newBuilder()
        .retryOnConnectionFailure(false)
        .addInterceptor(api.pathPrefix())
        .addInterceptor(new ErrorPages())
        .addNetworkInterceptor(clock)
        .build();
  }

  /**
   * Calls to the Bot API that run at once, at most: more than the bot can make (up to 64 chat
   * workers, {@code telegram.workers}, as many press workers, "typing...", the command menu and
   * resends), so none waits in OkHttp's queue; OkHttp's own default is 5 to one host.
   */
  static final int MAX_CALLS_AT_ONCE = 160;

  private static OkHttpClient httpClient(String threads, Duration readTimeout) {
    // TelegramBots sends every call through OkHttp's asynchronous dispatcher, which by default
    // runs 5 calls to one host at once and keeps the others unsent: while Telegram was slow to
    // answer 5 calls (the 4 workers' replies and a press's answer), every other call waited
    // behind them, press answers past the time Telegram takes them.
    Dispatcher dispatcher = new Dispatcher(Executors.newCachedThreadPool(daemon(threads)));
    dispatcher.setMaxRequests(MAX_CALLS_AT_ONCE);
    dispatcher.setMaxRequestsPerHost(MAX_CALLS_AT_ONCE);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        // Idle connections are dropped before servers commonly close them (30 s and up), so a
        // reused one is rarely stale: a stale one fails a send after its request went out.
        .connectionPool(new ConnectionPool(8, 20, TimeUnit.SECONDS))
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(readTimeout)
        .writeTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
