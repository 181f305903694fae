package org.astanaqa.bot.telegram.receive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.astanaqa.bot.io.DurableFiles;
import org.astanaqa.retrieval.util.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every update received from Telegram, kept on disk until it is answered, so that confirming it to
 * Telegram (the next {@code getUpdates} offset, after which Telegram forgets it) never loses it.
 *
 * <p>An append-only text file, one record a line: {@code R id chat json} (received), {@code D id
 * fingerprint} (answered, or deliberately skipped), {@code K id fingerprint} (received and done,
 * but Telegram may send it again; {@code K id} alone, from a journal written before fingerprints,
 * until {@code L millis}, see {@link #unfingerprintedUntil}), {@code C offset} (a getUpdates with
 * this offset succeeded, so Telegram will not send any lower id again), {@code T millis} (the
 * {@code R} lines after it were received at this wall-clock time: a button press or an inline query
 * held over a restart may be older than Telegram takes its answer; a journal written before these
 * lines knows no time), {@code A id fingerprint} (answering this update started; one line per
 * process that started it: an update started at several runs and never done is one whose answering
 * kills the process, see {@link #started}; a journal written before these lines counts no start),
 * {@code P id fingerprint index chat message hash} (part {@code index}, from 0, of this update's
 * split reply was confirmed by Telegram as that message; {@code hash} is its text's, {@link
 * SentParts}; a version from before these lines skips them as unreadable and sends such a reply
 * whole), {@code E id fingerprint "question"} (this update's question was answered as a follow-up
 * of that earlier question, a JSON string: the conversation is kept in memory only, and after a
 * restart the update is answered after the same question, as what Telegram confirmed of its reply
 * was; a version from before these lines skips them as unreadable), {@code W id fingerprint chat
 * buttons ids .} (this update, an edited question, rewrites the bot's earlier reply, messages
 * {@code ids} of {@code chat}, comma-separated, {@code buttons} 1 when its last has buttons: the
 * replies are kept in memory only, and after a restart in the middle of the rewrite the update is
 * answered by rewriting the same messages, not by a new reply under a half-edited old one). A
 * received batch is written and forced to the device before the poll that confirms it is sent, and
 * so is a start, before its answering begins; done marks and parts are written without forcing (a
 * {@code kill -9} keeps them, as the kernel has them; only a power cut can lose the last few, and
 * then those updates, or parts, are sent again). After {@link #COMPACT_EVERY} records the file is
 * rewritten with what is still needed: the updates not answered with their starts and parts, and
 * the ids Telegram may still send again. Its size is bounded by those and that count, not by the
 * bot's age.
 *
 * <p>An update is known (a resend to skip) only when both its id and its {@link #fingerprint} match
 * one received: after a week without updates Telegram restarts update ids at a random value
 * ("identifier of the next update will be chosen randomly instead of sequentially", Update), so a
 * new question can come with the id of one this journal still holds (received before a long
 * downtime and answered at the restart, or kept for dedupe). An id alone would skip it unanswered.
 *
 * <p>A write failure (a full or read-only disk) never stops answering: it is logged at ERROR at
 * once (then once a minute while it lasts), the state is kept in memory, and the whole state is
 * written again as soon as a write succeeds. Update ids are {@code long}s throughout.
 */
public final class UpdateJournal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpdateJournal.class);

  /** Records appended before the file is rewritten with only what is still needed. */
  static final int COMPACT_EVERY = 20_000;

  private static final long ERROR_EVERY_NANOS = 60_000_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An update received and not yet answered: its id, the chat that orders it, its JSON, its {@link
   * #fingerprint}, which tells it from another update that came with the same id, and when it was
   * received (wall-clock milliseconds; 0 when not known, as in a journal written before times).
   */
  record Entry(long id, long chat, String json, String fingerprint, long receivedMillis) {
    Entry {
      if (json.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("one line per record");
      }
      if (fingerprint.isEmpty() || fingerprint.indexOf(' ') >= 0) {
        throw new IllegalArgumentException("a fingerprint is one word");
      }
    }

    /** An entry received at a time not known. */
    Entry(long id, long chat, String json, String fingerprint) {
      this(id, chat, json, fingerprint, 0);
    }

    /** An entry whose fingerprint is read from its JSON, received at a time not known. */
    Entry(long id, long chat, String json) {
      this(id, chat, json, fingerprintOf(json));
    }

    private Key key() {
      return new Key(id, fingerprint);
    }
  }

  /** One update: its id and its fingerprint (an id alone may name two, either side of a reset). */
  private record Key(long id, String fingerprint) {}

  private final Path file;
  private final Map<Key, Entry> pending = new LinkedHashMap<>();

  /**
   * How many times answering each pending update started and never ended (one a process: a crash in
   * the middle of it), from the {@code A} lines; only updates not done, and only those started.
   */
  private final Map<Key, Integer> starts = new HashMap<>();

  /** The parts of their split replies that Telegram confirmed, of updates not done, by index. */
  private final Map<Key, NavigableMap<Integer, SentParts.Part>> parts = new HashMap<>();

  /** The earlier question each update not done was answered after, as a follow-up ({@code E}). */
  private final Map<Key, String> earlier = new HashMap<>();

  /** The earlier reply each update not done (an edited question) rewrites ({@code W}). */
  private final Map<Key, SentParts.Reply> rewrites = new HashMap<>();

  /** The pending updates whose start this process wrote already (a press starts in two steps). */
  private final Set<Key> startedHere = new HashSet<>();

  /**
   * The updates whose answering runs now, each with how many threads run it: {@link #started} and
   * not yet {@link #ended} (or {@link #done}). One still running when the journal is closed is hung
   * (it did not end when the stop interrupted it), and its start stays counted ({@link #close}). A
   * count, not a flag: a press's chat work may start on a chat worker before the press worker
   * returns from its toast, and that return, clearing a flag, hid the chat work's hang.
   */
  private final Map<Key, Integer> underWay = new HashMap<>();

  /**
   * Updates whose answering runs long work now ({@link LongWork}): still running at the close is no
   * hang.
   */
  private final Map<Key, Integer> longWork = new HashMap<>();

  /**
   * Ids received whose confirmation Telegram may not have seen (it may send them again), each with
   * the fingerprint of the update that had it; {@code null} for one from a journal written before
   * fingerprints, which any update with that id matches.
   */
  private final NavigableMap<Long, String> unconfirmed = new TreeMap<>();

  /**
   * How long Telegram keeps an update it could send again: 24 hours at the most (getUpdates). An id
   * kept without its fingerprint is a resend's only that long after it was written.
   */
  static final long TELEGRAM_KEEPS_MILLIS = 24L * 3600 * 1000;

  /**
   * Until when (wall-clock millis) the ids kept without a fingerprint (from a journal written
   * before fingerprints) may still come again: {@link #TELEGRAM_KEEPS_MILLIS} after that journal's
   * last write, kept over rewrites in an {@code L} line. After it they match no update: a quiet
   * week makes Telegram restart its ids at random, and such an id matched any new update that came
   * with it, skipped unanswered as a resend. 0 when there are none.
   */
  private long unfingerprintedUntil;

  /**
   * While replaying: the time of the last {@code T} line read, for the {@code R} lines after it.
   */
  private long replayedAt;

  private FileChannel channel;
  private int appended;
  private boolean failing;
  private long lastErrorNanos;
  private long writeNanos;
  private long writes;

  private UpdateJournal(Path file) {
    this.file = file;
  }

  /** Opens the journal at {@code file}, reading what an earlier run left unanswered. */
  public static UpdateJournal open(Path file) {
    UpdateJournal j = new UpdateJournal(file);
    j.replay();
    j.compact(); // a clean file: no torn last line for new records to follow
    return j;
  }

  /**
   * The lines of an append-only file of JSON lines (this journal, the feedback store), decoded
   * leniently: a line torn by a crash inside a multi-byte letter (a Russian question) is not UTF-8,
   * and read strictly ({@code Files.readAllLines}) it made the whole file unreadable. Its bytes
   * become U+FFFD, and the torn line fails its reader's own check, as any torn line does.
   */
  public static List<String> linesOf(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
  }

  private void replay() {
    if (!Files.exists(file)) {
      return;
    }
    int bad = 0;
    replayedAt = 0;
    try {
      // Every line of the file, an id without its fingerprint too, was written by then at the
      // latest
      unfingerprintedUntil = Files.getLastModifiedTime(file).toMillis() + TELEGRAM_KEEPS_MILLIS;
    } catch (IOException e) {
      unfingerprintedUntil = System.currentTimeMillis() + TELEGRAM_KEEPS_MILLIS;
    }
    try {
      for (String line : linesOf(file)) {
        if (!line.isBlank() && !apply(line)) {
          bad++;
        }
      }
    } catch (IOException | RuntimeException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
      log.error(
          "cannot read the update journal {} ({}); it is kept as {} and a new one started: updates it held"
              + " may be unanswered",
          file,
          e.toString(),
          aside);
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException moveFailed) {
        log.error("cannot move {} aside: {}", file, moveFailed.toString());
      }
      return;
    }
    if (System.currentTimeMillis() >= unfingerprintedUntil) {
      unconfirmed.values().removeIf(java.util.Objects::isNull);
    }
    if (bad > 0) {
      // A torn last line after a crash mid-write: that update was never confirmed, so Telegram
      // sends it again.
      log.warn("update journal {}: {} unreadable line(s) skipped", file, bad);
    }
    if (!pending.isEmpty()) {
      log.info(
          "update journal: {} update(s) received before the restart are answered now",
          pending.size());
    }
  }

  private boolean apply(String line) {
    try {
      String[] p = line.split(" ", 4);
      switch (p[0]) {
        case "R" -> {
          if (p.length < 4 || !p[3].startsWith("{") || !p[3].endsWith("}")) {
            return false;
          }
          long id = Long.parseLong(p[1]);
          Entry e = new Entry(id, Long.parseLong(p[2]), p[3], fingerprintOf(p[3]), replayedAt);
          pending.put(e.key(), e);
          unconfirmed.put(id, e.fingerprint());
        }
        case "K" -> {
          if (p.length > 2 && !isFingerprint(p[2])) {
            return false; // torn
          }
          unconfirmed.put(Long.parseLong(p[1]), p.length > 2 ? p[2] : null);
        }
        case "D" -> {
          long id = Long.parseLong(p[1]);
          if (p.length > 2) {
            if (!isFingerprint(p[2])) {
              return false; // torn: the update stays pending and is answered again, never lost
            }
            pending.remove(new Key(id, p[2]));
            starts.remove(new Key(id, p[2]));
            parts.remove(new Key(id, p[2]));
            earlier.remove(new Key(id, p[2]));
            rewrites.remove(new Key(id, p[2]));
          } else { // written before fingerprints, when an id named one update
            pending.keySet().removeIf(k -> k.id() == id);
            starts.keySet().removeIf(k -> k.id() == id);
            parts.keySet().removeIf(k -> k.id() == id);
            earlier.keySet().removeIf(k -> k.id() == id);
            rewrites.keySet().removeIf(k -> k.id() == id);
          }
        }
        case "A" -> {
          if (p.length != 3 || !isFingerprint(p[2])) {
            return false; // torn: that start is not counted, so the update is not given up sooner
          }
          Key k = new Key(Long.parseLong(p[1]), p[2]);
          if (pending.containsKey(k)) {
            starts.merge(k, 1, Integer::sum);
          }
        }
        case "S" -> {
          if (p.length != 3 || !isFingerprint(p[2])) {
            return false; // torn: the start stays counted, as if the process had died
          }
          starts.computeIfPresent(
              new Key(Long.parseLong(p[1]), p[2]), (k, n) -> n > 1 ? n - 1 : null);
        }
        case "P" -> {
          String[] q = line.split(" ");
          // torn anywhere, the line lacks its last word, a hash of exactly 16 hex digits: that part
          // is sent again, never skipped on a misread index
          if (q.length != 7 || !isFingerprint(q[2]) || !SentParts.isHash(q[6])) {
            return false;
          }
          Key k = new Key(Long.parseLong(q[1]), q[2]);
          int index = Integer.parseInt(q[3]);
          SentParts.Part part =
              new SentParts.Part(q[6], Long.parseLong(q[4]), Integer.parseInt(q[5]));
          if (pending.containsKey(k) && index >= 0) {
            parts.computeIfAbsent(k, x -> new TreeMap<>()).put(index, part);
          }
        }
        case "E" -> {
          // torn, the JSON string lacks its closing quote: answered after no earlier question
          if (p.length != 4 || !isFingerprint(p[2]) || !p[3].endsWith("\"")) {
            return false;
          }
          Key k = new Key(Long.parseLong(p[1]), p[2]);
          String question = JSON.readValue(p[3], String.class);
          if (pending.containsKey(k) && question != null) {
            earlier.put(k, question);
          }
        }
        case "W" -> {
          String[] q = line.split(" ");
          // torn, the line lacks its closing "." (a list of ids cut short would edit too few)
          if (q.length != 7 || !isFingerprint(q[2]) || !q[6].equals(".")) {
            return false;
          }
          Key k = new Key(Long.parseLong(q[1]), q[2]);
          List<Integer> ids =
              java.util.Arrays.stream(q[5].split(",")).map(Integer::valueOf).toList();
          if (pending.containsKey(k)) {
            rewrites.put(k, new SentParts.Reply(Long.parseLong(q[3]), ids, q[4].equals("1")));
          }
        }
        case "C" -> unconfirmed.headMap(Long.parseLong(p[1])).clear();
        case "L" -> {
          if (p.length != 2 || !p[1].matches("\\d{1,19}")) {
            return false; // torn: the file's last write bounds the window instead
          }
          unfingerprintedUntil = Math.min(unfingerprintedUntil, Long.parseLong(p[1]));
        }
        case "T" -> {
          if (p.length != 2 || !p[1].matches("\\d{1,19}")) {
            return false; // torn: the R lines after it keep the time before it
          }
          replayedAt = Long.parseLong(p[1]);
        }
        default -> {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The updates not answered yet, in the order they were received. */
  synchronized List<Entry> pending() {
    return new ArrayList<>(pending.values());
  }

  /**
   * How many times answering this pending update started, in this process and earlier ones, and did
   * not end (it is not done): 0 for one never started, or not pending.
   */
  synchronized int starts(Entry e) {
    return starts.getOrDefault(e.key(), 0);
  }

  /**
   * Records, forced to the device, that answering {@code e} starts now, unless this process did so
   * already (a button press starts again for what it does in its chat); returns its {@link #starts}
   * with this one. When the process dies while answering it (an OutOfMemoryError that ends the JVM,
   * a native crash, the OOM killer, a {@code kill -9}), the next start reads how many times that
   * happened: an update that kills the bot each time it is answered would otherwise be answered,
   * and kill it, at every restart. Forced, as a done mark is not: a start lost to a power cut lets
   * an update that crashes the bot be tried once more, but a start must never be lost while its
   * update's own answering crashes the process. Never throws: a failed write is logged.
   */
  synchronized int started(Entry e) {
    Key k = e.key();
    if (!pending.containsKey(k)) {
      return 0;
    }
    underWay.merge(k, 1, Integer::sum);
    if (startedHere.add(k)) {
      starts.merge(k, 1, Integer::sum);
      write("A " + e.id() + " " + e.fingerprint() + "\n", true, 1);
    }
    return starts.getOrDefault(k, 0);
  }

  /**
   * Records that this process stopped answering {@code e} on purpose (a SIGTERM, Telegram rejecting
   * the token) and left it for the restart: its {@link #started start} here is no death of the
   * process and does not count against it. Before, the restart took it for an update under way at a
   * crash, answered it alone and warned of a kill -9, and a real crash while answering it later had
   * it given up at once. Not forced: a mark lost to a power cut only counts the start, as before.
   * Also told while its reply waits long (a 429's retry_after, {@link
   * UpdateDispatcher#waitingLong}), which is no work of its own either: started again after.
   */
  synchronized void interrupted(Entry e) {
    Key k = e.key();
    if (pending.containsKey(k) && startedHere.remove(k)) {
      starts.computeIfPresent(k, (x, n) -> n > 1 ? n - 1 : null);
      write("S " + e.id() + " " + e.fingerprint() + "\n", false, 1);
    }
  }

  /**
   * Records that answering {@code e} runs, or no longer runs, work known to take long and to keep
   * running through a stop's interrupt ({@link LongWork}): at the {@link #close} it is no hang.
   * Kept in memory only.
   */
  synchronized void longWork(Entry e, boolean running) {
    if (running) {
      longWork.merge(e.key(), 1, Integer::sum);
    } else {
      longWork.computeIfPresent(e.key(), (k, n) -> n > 1 ? n - 1 : null);
    }
  }

  /**
   * Records that the answering {@link #started} here returned, whether or not its update is done (a
   * button press answered, what it does in its chat still queued): it is no longer under way, and a
   * {@link #close} before it starts again takes its start back. Kept in memory only.
   */
  synchronized void ended(Entry e) {
    underWay.computeIfPresent(e.key(), (k, n) -> n > 1 ? n - 1 : null);
  }

  /**
   * The parts of {@code e}'s split reply that Telegram confirmed, by index; none when not pending.
   */
  synchronized Map<Integer, SentParts.Part> partsSent(Entry e) {
    NavigableMap<Integer, SentParts.Part> sent = parts.get(e.key());
    return sent == null ? Map.of() : Map.copyOf(sent);
  }

  /**
   * Records that Telegram confirmed part {@code index} of {@code e}'s split reply, so that after a
   * restart it is not sent again. Not forced, as a done mark is not: a {@code kill -9} keeps it.
   * Never throws: a failed write is logged.
   */
  synchronized void partSent(Entry e, int index, SentParts.Part part) {
    Key k = e.key();
    if (!pending.containsKey(k) || index < 0) {
      return;
    }
    parts.computeIfAbsent(k, x -> new TreeMap<>()).put(index, part);
    write(partLine(k, index, part), false, 1);
  }

  private static String partLine(Key k, int index, SentParts.Part part) {
    return "P "
        + k.id()
        + " "
        + k.fingerprint()
        + " "
        + index
        + " "
        + part.chat()
        + " "
        + part.messageId()
        + " "
        + part.hash()
        + "\n";
  }

  /**
   * The earlier question {@code e}'s question was answered after as a follow-up, by this process or
   * one before a restart; null when none is recorded.
   */
  synchronized String earlier(Entry e) {
    return earlier.get(e.key());
  }

  /**
   * Records that {@code e}'s question is answered as a follow-up of {@code question}, before its
   * reply goes out: after a restart (the conversation is kept in memory only) it is answered after
   * the same question, so that its reply reads as the parts Telegram confirmed did. Not forced, as
   * a part is not. Never throws: a failed write is logged.
   */
  synchronized void earlier(Entry e, String question) {
    Key k = e.key();
    if (!pending.containsKey(k) || question == null || question.equals(earlier.get(k))) {
      return;
    }
    earlier.put(k, question);
    write(earlierLine(k, question), false, 1);
  }

  private static String earlierLine(Key k, String question) {
    try {
      // A JSON string: one line, whatever the question holds.
      return "E " + k.id() + " " + k.fingerprint() + " " + JSON.writeValueAsString(question) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The earlier reply {@code e} (an edited question) rewrites, as recorded by this process or one
   * before a restart; null when none is.
   */
  synchronized SentParts.Reply rewriting(Entry e) {
    return rewrites.get(e.key());
  }

  /**
   * Records that {@code e} rewrites reply {@code reply}, before its first edit: after a restart
   * (the replies are kept in memory only) the same messages are rewritten. Not forced, as a part is
   * not. Never throws: a failed write is logged.
   */
  synchronized void rewriting(Entry e, SentParts.Reply reply) {
    Key k = e.key();
    if (!pending.containsKey(k) || reply == null || reply.equals(rewrites.get(k))) {
      return;
    }
    rewrites.put(k, reply);
    write(rewriteLine(k, reply), false, 1);
  }

  private static String rewriteLine(Key k, SentParts.Reply r) {
    return "W "
        + k.id()
        + " "
        + k.fingerprint()
        + " "
        + r.chat()
        + " "
        + (r.buttons() ? 1 : 0)
        + " "
        + r.messageIds().stream()
            .map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(","))
        + " .\n";
  }

  /** Number of updates received and not answered yet. */
  public synchronized int pendingCount() {
    return pending.size();
  }

  /**
   * Whether the update with this id and {@link #fingerprint} is one we hold or answered, sent
   * again. Another update with the same id (after Telegram restarted its ids) is not.
   */
  synchronized boolean isKnown(long id, String fingerprint) {
    if (pending.containsKey(new Key(id, fingerprint))) {
      return true;
    }
    if (!unconfirmed.containsKey(id)) {
      return false;
    }
    String had = unconfirmed.get(id);
    if (had == null) {
      // An id kept alone: a resend's while Telegram may still hold the update that had it
      return System.currentTimeMillis() < unfingerprintedUntil;
    }
    return had.equals(fingerprint);
  }

  /**
   * What tells an update from another that Telegram gave the same {@code update_id} (after a quiet
   * week it restarts ids at random): for a message or post its chat, message id, date and edit
   * date; for a callback or inline query (or any other kind with an id) its own id; otherwise the
   * whole update. A resend of one update has the same fingerprint; a different update, another. A
   * short hash of those, one word, so that it fits a journal line.
   */
  static String fingerprint(JsonNode update) {
    StringBuilder key = new StringBuilder();
    List<String> kinds = new ArrayList<>();
    update.fieldNames().forEachRemaining(kinds::add);
    kinds.sort(null);
    for (String kind : kinds) {
      if (kind.equals("update_id")) {
        continue;
      }
      JsonNode v = update.get(kind);
      key.append(kind).append('\u0000');
      if (v.has("message_id") && v.path("chat").has("id")) {
        key.append(v.path("chat").path("id").asText())
            .append('\u0000')
            .append(v.path("message_id").asText())
            .append('\u0000')
            .append(v.path("date").asText())
            .append('\u0000')
            .append(v.path("edit_date").asText());
      } else if (v.has("id") && v.path("id").isValueNode()) {
        key.append(v.path("id").asText());
      } else {
        key.append(v.toString());
      }
      key.append('\u0001');
    }
    return hash(key.toString());
  }

  /** The fingerprint of a journaled update's JSON; of its text, should that not be JSON. */
  static String fingerprintOf(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n != null && n.isObject()) {
        return fingerprint(n);
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: its text is what there is to tell it by
    }
    return hash("raw\u0000" + json);
  }

  static boolean isFingerprint(String s) {
    return s.length() == 16 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  private static String hash(String s) {
    return Sha256.hex(s, 8); // 64 bits: two updates with one id never match by chance
  }

  /**
   * Records a batch before it is confirmed to Telegram, forced to the device.
   *
   * @param confirmedOffset the offset of the poll that returned the batch (Telegram has now
   *     forgotten every lower id), or -1 when that poll named none
   */
  synchronized void received(long confirmedOffset, List<Entry> batch) {
    StringBuilder sb = new StringBuilder();
    if (confirmedOffset >= 0) {
      unconfirmed.headMap(confirmedOffset).clear();
      sb.append("C ").append(confirmedOffset).append('\n');
    }
    long at = 0;
    for (Entry e : batch) {
      at = time(sb, at, e);
      pending.put(e.key(), e);
      // Another update that had this id before a reset of Telegram's ids is a week old or more:
      // Telegram, which keeps updates a day, can no longer send it.
      unconfirmed.put(e.id(), e.fingerprint());
      sb.append("R ")
          .append(e.id())
          .append(' ')
          .append(e.chat())
          .append(' ')
          .append(e.json())
          .append('\n');
    }
    if (sb.length() > 0) {
      write(sb.toString(), true, batch.size() + 1);
    }
  }

  /**
   * Appends a {@code T} line when {@code e} was received at another time than {@code at}, the time
   * of the lines before it; returns the time of {@code e}'s line.
   */
  private static long time(StringBuilder sb, long at, Entry e) {
    if (e.receivedMillis() > 0 && e.receivedMillis() != at) {
      sb.append("T ").append(e.receivedMillis()).append('\n');
      return e.receivedMillis();
    }
    return at;
  }

  /** Notes that a poll with this offset succeeded with nothing new (kept in memory only). */
  synchronized void confirmed(long offset) {
    unconfirmed.headMap(offset).clear();
  }

  /** Marks an update answered or skipped. Never throws: a failed write is logged, not raised. */
  synchronized void done(Entry e) {
    if (pending.remove(e.key()) != null) {
      starts.remove(e.key());
      parts.remove(e.key());
      earlier.remove(e.key());
      rewrites.remove(e.key());
      startedHere.remove(e.key());
      underWay.remove(e.key());
      write("D " + e.id() + " " + e.fingerprint() + "\n", false, 1);
    }
  }

  /** Records an update that is not to be answered (unreadable): known, so a resend is skipped. */
  synchronized void skipped(long id, String fingerprint) {
    unconfirmed.put(id, fingerprint);
    write("K " + id + " " + fingerprint + "\n", false, 1);
  }

  /** Mean time of one journal write in microseconds, forced writes included (for the figures). */
  synchronized double meanWriteMicros() {
    return writes == 0 ? 0 : writeNanos / 1000.0 / writes;
  }

  private void write(String text, boolean force, int records) {
    // A FileChannel closes when its thread is interrupted (a worker or the poller as the bot
    // stops): the interrupt is set aside for the write, and given back.
    boolean interrupted = Thread.interrupted();
    try {
      append(text, force, records);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void append(String text, boolean force, int records) {
    if (failing || appended + records > COMPACT_EVERY) {
      // The whole state, this record's change included: after a failure, what failed is in it too.
      compact();
      return;
    }
    long t0 = System.nanoTime();
    try {
      ensureOpen();
      ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        channel.write(b);
      }
      if (force) {
        channel.force(false);
        if (!Files.isRegularFile(file)) {
          // Writes to a file deleted (or a data folder replaced) under us succeed and go nowhere.
          throw new IOException("the journal file was removed while in use");
        }
      }
      appended += records;
      writeNanos += System.nanoTime() - t0;
      writes++;
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  private void ensureOpen() throws IOException {
    if (channel == null || !channel.isOpen()) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
  }

  /** Rewrites the file with only what is still needed; records whether that worked. */
  private void compact() {
    StringBuilder sb = new StringBuilder();
    long at = 0;
    for (Entry e : pending.values()) {
      at = time(sb, at, e);
      sb.append("R ")
          .append(e.id())
          .append(' ')
          .append(e.chat())
          .append(' ')
          .append(e.json())
          .append('\n');
    }
    // Each start of an update not done: the count that tells an update that kills the bot.
    for (Map.Entry<Key, Integer> s : starts.entrySet()) {
      for (int i = 0; i < s.getValue(); i++) {
        sb.append("A ").append(s.getKey().id()).append(' ').append(s.getKey().fingerprint());
        sb.append('\n');
      }
    }
    // The confirmed parts of the split replies of updates not done: not sent again after a restart.
    for (Map.Entry<Key, NavigableMap<Integer, SentParts.Part>> s : parts.entrySet()) {
      for (Map.Entry<Integer, SentParts.Part> part : s.getValue().entrySet()) {
        sb.append(partLine(s.getKey(), part.getKey(), part.getValue()));
      }
    }
    // The earlier questions of follow-ups not done: answered after the same one after a restart.
    for (Map.Entry<Key, String> q : earlier.entrySet()) {
      sb.append(earlierLine(q.getKey(), q.getValue()));
    }
    // The replies edited questions not done rewrite: the same messages rewritten after a restart.
    for (Map.Entry<Key, SentParts.Reply> r : rewrites.entrySet()) {
      sb.append(rewriteLine(r.getKey(), r.getValue()));
    }
    // After the R lines: when an id names two updates (one held from before a reset of Telegram's
    // ids, one answered since), the later line says which of them Telegram may send again.
    if (System.currentTimeMillis() >= unfingerprintedUntil) {
      unconfirmed.values().removeIf(java.util.Objects::isNull);
    } else if (unconfirmed.containsValue(null)) {
      // Before the ids kept alone: their window, which this rewrite must not renew
      sb.append("L ").append(unfingerprintedUntil).append('\n');
    }
    for (Map.Entry<Long, String> u : unconfirmed.entrySet()) {
      if (u.getValue() == null) {
        sb.append("K ").append(u.getKey()).append('\n');
      } else if (!pending.containsKey(new Key(u.getKey(), u.getValue()))) {
        sb.append("K ").append(u.getKey()).append(' ').append(u.getValue()).append('\n');
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      DurableFiles.writeForced(
          tmp,
          sb.toString().getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING);
      if (channel != null) {
        channel.close();
        channel = null;
      }
      DurableFiles.moveOver(tmp, file);
      appended = 0;
      if (failing) {
        failing = false;
        log.info(
            "update journal {} is writable again; {} unanswered update(s) saved",
            file,
            pending.size());
      }
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the disk that just failed a write may fail this too; the next compaction overwrites it
      }
      failed(e);
    }
  }

  private void failed(Exception e) {
    if (e instanceof ClosedByInterruptException) {
      // Interrupted within the write (the bot is stopping): the next write, or the close, rewrites
      // the whole state. Nothing is wrong with the disk.
      log.info("update journal write interrupted; the next write rewrites {}", file);
      failing = true;
      return;
    }
    long now = System.nanoTime();
    if (!failing || now - lastErrorNanos >= ERROR_EVERY_NANOS) {
      lastErrorNanos = now;
      log.error(
          "cannot write the update journal {} ({}): answering goes on, but until it is writable again"
              + " the {} update(s) not yet answered live only in memory and are lost if the bot stops; free space"
              + " or fix the permissions of the data folder",
          file,
          e.toString(),
          pending.size());
    }
    failing = true;
  }

  /**
   * Writes the compact state for the next start and closes the file. Closing is a stop, never a
   * death of the process: the starts this process wrote whose answering is not running (a button
   * press whose work in its chat was still queued, dropped by the stop) are no crash, and are not
   * counted against their updates (before, two stops while a press's chat work waited gave the
   * press up as one that kills the bot). But an answering still running now ({@link #underWay}) did
   * not end when the stop interrupted it: it is hung, and its start stays counted, as a death would
   * count it. Taken back too, an update that hangs its worker every time was answered again, and
   * hung again, at every restart, for good; counted, it is given up at the restart after its {@code
   * UpdateDispatcher.MAX_STARTS}th hang, its user told to try again.
   */
  @Override
  public synchronized void close() {
    boolean interrupted = Thread.interrupted();
    List<Long> hung = new ArrayList<>();
    List<Long> longRunning = new ArrayList<>();
    for (Key k : startedHere) {
      if (underWay.containsKey(k) && !longWork.containsKey(k)) {
        hung.add(k.id());
      } else {
        if (underWay.containsKey(k)) {
          longRunning.add(k.id()); // long work (a /reindex) the stop did not end: no hang
        }
        starts.computeIfPresent(k, (x, n) -> n > 1 ? n - 1 : null);
      }
    }
    if (!longRunning.isEmpty()) {
      log.info(
          "update(s) {} still running long work (a /reindex) at the stop; answered again after"
              + " the restart",
          longRunning);
    }
    if (!hung.isEmpty()) {
      log.warn(
          "update(s) {} still being answered at the stop (hung?); each such stop counts against"
              + " the update as a crash does, and one counted {} times is given up",
          hung,
          UpdateDispatcher.MAX_STARTS);
    }
    startedHere.clear();
    underWay.clear();
    longWork.clear();
    try {
      compact();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.warn("closing the update journal: {}", e.toString());
      }
      channel = null;
    }
  }
}
