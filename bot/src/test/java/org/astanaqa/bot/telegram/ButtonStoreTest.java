package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.astanaqa.retrieval.Answer;
import org.astanaqa.retrieval.DirectAnswer;
import org.astanaqa.retrieval.Passage;
import org.astanaqa.retrieval.Quote;
import org.astanaqa.retrieval.Source;
import org.astanaqa.retrieval.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ButtonStoreTest {
  private static Answer answer(String q) {
    return new Answer(q, false, List.of(), List.of());
  }

  @Test
  void keepsAtMostItsCapacityForgettingTheOldestFirst() {
    ButtonStore store = new ButtonStore(2, Long.MAX_VALUE, () -> 0);
    String a = store.put(1, null, answer("a"));
    String b = store.put(1, null, answer("b"));
    String c = store.put(1, null, answer("c"));
    assertTrue(store.get(1, a).isEmpty());
    assertTrue(store.get(1, b).isPresent() && store.get(1, c).isPresent());
  }

  @Test
  void keysAreShortAndEntriesExpire() {
    AtomicLong now = new AtomicLong();
    ButtonStore store = new ButtonStore(10, 1_000, now::get);
    String key = store.put(1, null, answer("a"));
    assertTrue(("m:" + key + ":19").getBytes(StandardCharsets.UTF_8).length <= 64);
    now.set(1_001);
    assertTrue(store.get(1, key).isEmpty());
  }

  @Test
  void aKeyWorksOnlyInTheChatItWasSentTo() {
    ButtonStore store = new ButtonStore(10, Long.MAX_VALUE, () -> 0);
    String key = store.put(42, null, answer("a"));
    assertTrue(store.get(42, key).isPresent());
    assertTrue(store.get(43, key).isEmpty(), "a key from chat 42 opens nothing in chat 43");
  }

  @Test
  void keysAreRandomSoAnotherProcessNeverReusesOne() {
    // Two stores stand for the process before and after a restart: the same sequence of answers
    // gets keys that share nothing, so an old button finds "expired", never another answer.
    ButtonStore before = new ButtonStore(1000, Long.MAX_VALUE, () -> 0);
    ButtonStore after = new ButtonStore(1000, Long.MAX_VALUE, () -> 0);
    Set<String> old = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      old.add(before.put(42, null, answer("q" + i)));
    }
    assertEquals(500, old.size(), "no key repeats");
    for (int i = 0; i < 500; i++) {
      String k = after.put(42, null, answer("r" + i));
      assertTrue(!old.contains(k), "a key of the earlier process came again: " + k);
    }
    for (String k : old) {
      assertTrue(after.get(42, k).isEmpty(), "an old key opens nothing after the restart");
    }
    assertTrue(
        old.stream().allMatch(k -> k.length() == 12 && k.matches("[A-Za-z0-9_-]+")),
        old.toString());
  }

  /** Chat tags as the bot makes them: a hash, never the id itself. */
  private static final LongFunction<String> TAGS =
      chat -> org.astanaqa.retrieval.util.Sha256.hex("secret " + chat, 6);

  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  /** An answered question: two quotes, a direct answer, a follow-up's rewrite. */
  private static Answer answered(String q) {
    String text =
        "The memorandum was signed in Sochi on 17 September 2018 by the Defence Ministers.";
    Passage p1 =
        new Passage(
            new Source("sochi", "Sochi memorandum", "MFA", "2018-09-17", "https://example.org/s"),
            3,
            text,
            120,
            120 + text.length(),
            "");
    Passage p2 =
        new Passage(new Source("idlib", null, null, null, null), 0, "Idlib zone " + q, 0, 40);
    Quote first =
        new Quote(
            "signed in Sochi on 17 September 2018",
            19,
            List.of(new Span(10, 15)),
            p1,
            3.5,
            0.8,
            0.9);
    Quote second = new Quote("Idlib zone", 0, List.of(), p2, 1.25, null, 0.4);
    return new Answer(
        q,
        true,
        List.of(first, second),
        List.of("sochi", "sign"),
        0.9,
        Optional.of(
            new DirectAnswer(
                "17 September 2018", "17 September 2018", DirectAnswer.Type.DATE, 0.7, 0, 19, 36)),
        Optional.of("Who signed the Sochi memorandum?"));
  }

  private static ButtonStore open(Path data, int capacity, long ttl, AtomicLong now) {
    return ButtonStore.open(data, capacity, ttl, now::get, now::get, TAGS);
  }

  /**
   * A restart: the answer behind a key is read back from the data folder whole (question, quotes,
   * passages, documents, direct answer, the follow-up's rewrite), in the chat it was sent to and
   * its forum topic. Before, the store was in memory only, and every button of an answer sent
   * before a restart said "expired": a 👍 on it was lost.
   */
  @Test
  void anAnswerKeptInTheDataFolderIsThereWholeAfterARestart(@TempDir Path data) {
    AtomicLong now = new AtomicLong(1_000 * HOUR);
    Answer a = answered("Who signed it?");
    String key;
    String inTopic;
    try (ButtonStore before = open(data, 10, HOUR, now)) {
      key = before.put(42, null, a);
      inTopic = before.put(-100, 7, answered("Where?"));
    }
    String file = Files.exists(data.resolve(ButtonStore.FILE)) ? read(data) : "";
    assertFalse(file.contains("\"42\"") || file.contains(":42,"), "no chat id: " + file);
    try (ButtonStore after = open(data, 10, HOUR, now)) {
      assertEquals(Optional.of(a), after.get(42, key));
      assertEquals(7, after.topic(-100, inTopic, c -> c, c -> List.of()));
      assertTrue(after.get(-100, inTopic).isPresent());
    }
  }

  private static String read(Path data) {
    try {
      return Files.readString(data.resolve(ButtonStore.FILE));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A key read back is still its chat's alone: pressed or forged in another, it finds nothing. */
  @Test
  void aKeyReadBackFindsNothingInAnotherChat(@TempDir Path data) {
    AtomicLong now = new AtomicLong();
    String key;
    try (ButtonStore before = open(data, 10, HOUR, now)) {
      key = before.put(42, null, answered("q"));
    }
    try (ButtonStore after = open(data, 10, HOUR, now)) {
      assertTrue(after.get(43, key).isEmpty(), "chat 43 opens nothing of chat 42's");
      assertEquals(null, after.topic(43, key, c -> c, c -> List.of()));
      // A group that became a supergroup: its answers are the supergroup's, there alone.
      String group = after.put(-5, null, answered("g"));
      try (ButtonStore third = open(data, 10, HOUR, now)) {
        assertTrue(third.get(-1005, group).isEmpty(), "not before the move is known");
        assertTrue(
            third
                .get(-1005, group, c -> c, c -> c == -1005 ? List.of(-5L) : List.of())
                .isPresent());
        assertTrue(third.get(-1006, group, c -> c, c -> List.of()).isEmpty(), "nor elsewhere");
        assertTrue(third.get(42, key).isPresent());
      }
    }
  }

  /**
   * An entry past its expiry is not read back: the time it was stored is kept, and its age counted
   * across the restart, so a restart neither lengthens nor shortens the buttons' time.
   */
  @Test
  void anEntryPastItsExpiryIsNotReadBack(@TempDir Path data) {
    AtomicLong now = new AtomicLong(5 * HOUR);
    String old;
    String fresh;
    try (ButtonStore before = open(data, 10, HOUR, now)) {
      old = before.put(42, null, answered("old"));
      now.addAndGet(HOUR / 2);
      fresh = before.put(42, null, answered("fresh"));
    }
    now.addAndGet(HOUR / 2 + 1); // old is an hour and a nanosecond old, fresh half an hour
    try (ButtonStore after = open(data, 10, HOUR, now)) {
      assertTrue(after.get(42, old).isEmpty(), "expired");
      assertTrue(after.get(42, fresh).isPresent());
      now.addAndGet(HOUR / 2);
      assertTrue(after.get(42, fresh).isEmpty(), "expired in its turn");
    }
  }

  /**
   * A vote is kept {@link ButtonStore#VOTE_DAYS} days, also across a restart: an answer past the
   * buttons' hour is read back for its 👍 and 👎 (not for "More"), and forgotten after the days.
   * Before, it was not read back after its hour, and a vote on it said "expired" and was lost.
   */
  @Test
  void anAnswerPastTheButtonsTimeIsReadBackForItsVotesUntilItsDays(@TempDir Path data) {
    AtomicLong now = new AtomicLong(1_000 * HOUR);
    String key;
    try (ButtonStore before = open(data, 10, HOUR, now)) {
      key = before.put(42, null, answered("a"));
    }
    now.addAndGet(5 * HOUR);
    try (ButtonStore after = open(data, 10, HOUR, now)) {
      assertTrue(after.get(42, key).isEmpty(), "More and Full passage: expired");
      assertTrue(after.forVote(42, key, c -> c, c -> List.of()).isPresent(), "a vote: kept");
      assertTrue(after.forVote(43, key, c -> c, c -> List.of()).isEmpty(), "its chat's only");
    }
    now.addAndGet(TimeUnit.DAYS.toNanos(ButtonStore.VOTE_DAYS));
    try (ButtonStore later = open(data, 10, HOUR, now)) {
      assertTrue(later.forVote(42, key, c -> c, c -> List.of()).isEmpty(), "past its days");
    }
  }

  /**
   * The wall clock set forward or back while the bot runs (an NTP step, a VM resumed) neither cuts
   * nor lengthens the buttons' time: it is counted on the monotonic clock, the wall clock read only
   * to count an entry's age across a restart. Before, timed on the wall clock alone, a clock set an
   * hour forward expired every button at once, and one set back a day kept them a day longer.
   */
  @Test
  void aWallClockSetForwardOrBackWhileRunningNeitherCutsNorLengthensTheButtonsTime(
      @TempDir Path data) {
    AtomicLong wall = new AtomicLong(1_000 * HOUR);
    AtomicLong mono = new AtomicLong(7);
    try (ButtonStore store = ButtonStore.open(data, 10, HOUR, mono::get, wall::get, TAGS)) {
      String a = store.put(42, null, answered("a"));
      wall.addAndGet(2 * HOUR);
      assertTrue(store.get(42, a).isPresent(), "a clock set forward expires nothing");
      wall.addAndGet(-26 * HOUR);
      mono.addAndGet(HOUR + 1);
      wall.addAndGet(HOUR + 1);
      assertTrue(store.get(42, a).isEmpty(), "an hour on, expired, the clock set back or not");
    }
  }

  /**
   * An entry stored before the wall clock was set back (its time after the clock's now at the
   * restart) lives the buttons' time from the restart at most, not until the clock catches up.
   */
  @Test
  void anEntryStoredBeforeTheClockWasSetBackLivesNoLongerThanTheButtonsTime(@TempDir Path data) {
    AtomicLong wall = new AtomicLong(1_000 * HOUR);
    AtomicLong mono = new AtomicLong();
    String a;
    try (ButtonStore before = ButtonStore.open(data, 10, HOUR, mono::get, wall::get, TAGS)) {
      a = before.put(42, null, answered("a"));
    }
    wall.addAndGet(-24 * HOUR); // set back a day, then the restart
    try (ButtonStore after = ButtonStore.open(data, 10, HOUR, mono::get, wall::get, TAGS)) {
      assertTrue(after.get(42, a).isPresent());
      mono.addAndGet(HOUR + 1);
      wall.addAndGet(HOUR + 1);
      assertTrue(after.get(42, a).isEmpty(), "expired an hour after the restart");
    }
    try (ButtonStore again = ButtonStore.open(data, 10, HOUR, mono::get, wall::get, TAGS)) {
      assertTrue(again.get(42, a).isEmpty(), "nor read back at a later restart");
    }
  }

  /**
   * A kill -9 mid-write tears the last line: it is skipped, the lines before it are read, and the
   * next answer is written on a line of its own (not glued to the torn one, which lost both).
   */
  @Test
  void aTornLastLineIsSkippedAndTheNextAnswerIsKept(@TempDir Path data) throws Exception {
    AtomicLong now = new AtomicLong();
    String first;
    String torn;
    try (ButtonStore before = open(data, 10, HOUR, now)) {
      first = before.put(42, null, answered("first"));
      torn = before.put(42, null, answered("torn"));
    }
    Path file = data.resolve(ButtonStore.FILE);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 40)); // the kill, mid-line
    String next;
    try (LogCapture logs = new LogCapture();
        ButtonStore after = open(data, 10, HOUR, now)) {
      assertTrue(after.get(42, first).isPresent());
      assertTrue(after.get(42, torn).isEmpty(), "its buttons say expired");
      assertTrue(
          logs.atLeast(Level.WARN).stream().anyMatch(l -> l.contains("1 unreadable line")),
          logs.atLeast(Level.WARN).toString());
      next = after.put(42, null, answered("next"));
    }
    try (ButtonStore again = open(data, 10, HOUR, now)) {
      assertTrue(again.get(42, first).isPresent());
      assertTrue(again.get(42, next).isPresent(), "written on a line of its own");
    }
  }

  /**
   * The file stays bounded: once it holds more than twice the entries kept (and a little slack) it
   * is rewritten with those, the least recently used beyond the capacity and the expired gone.
   */
  @Test
  void theFileStaysWithinTwiceWhatTheStoreKeeps(@TempDir Path data) throws Exception {
    AtomicLong now = new AtomicLong();
    List<String> keys = new ArrayList<>();
    try (ButtonStore store = open(data, 10, HOUR, now)) {
      for (int i = 0; i < 500; i++) {
        keys.add(store.put(42, null, answered("q" + i)));
        long lines = Files.readAllLines(data.resolve(ButtonStore.FILE)).size();
        assertTrue(lines <= 2 * 10 + ButtonStore.SLACK, lines + " lines after " + (i + 1));
      }
    }
    try (ButtonStore after = open(data, 10, HOUR, now)) {
      for (int i = 0; i < 500; i++) {
        assertEquals(i >= 490, after.get(42, keys.get(i)).isPresent(), "answer " + i);
      }
    }
  }

  /**
   * What "Full passage" or a /sources page sent below a pressed message is kept as an answer is:
   * read back after a restart, in its chat only, through the rewrites that keep the file within its
   * bound (folded in with the answers), and no longer once older than the votes' days.
   */
  @Test
  void contentSentBelowAMessageIsReadBackAfterRewritesInItsChatOnlyUntilItsDays(@TempDir Path data)
      throws Exception {
    AtomicLong now = new AtomicLong();
    try (ButtonStore store = open(data, 10, HOUR, now)) {
      store.markSentBelow(42, "1001/s:1");
      store.markSentBelow(-100, "1000/f:abc:0");
      for (int i = 0; i < 200; i++) {
        store.put(42, null, answered("q" + i)); // rewritten several times meanwhile
      }
      long lines = Files.readAllLines(data.resolve(ButtonStore.FILE)).size();
      assertTrue(lines <= 2 * 12 + ButtonStore.SLACK, lines + " lines");
    }
    try (ButtonStore after = open(data, 10, HOUR, now)) {
      assertTrue(after.wasSentBelow(42, "1001/s:1"));
      assertTrue(after.wasSentBelow(-100, "1000/f:abc:0"));
      assertFalse(after.wasSentBelow(43, "1001/s:1"), "another chat's message of that id");
      assertFalse(after.wasSentBelow(42, "1001/s:2"), "another page");
    }
    now.addAndGet(java.util.concurrent.TimeUnit.DAYS.toNanos(ButtonStore.VOTE_DAYS) + 1);
    try (ButtonStore later = open(data, 10, HOUR, now)) {
      assertFalse(later.wasSentBelow(42, "1001/s:1"), "past the votes' days");
    }
  }

  /**
   * The "More" marks count against the same bound: appended with no check, 10 answers pressed 8
   * times each made 90 lines, past the 84 the bound allows, until the next answer came.
   */
  @Test
  void theMoreMarksKeepTheFileWithinItsBound(@TempDir Path data) throws Exception {
    AtomicLong now = new AtomicLong();
    List<String> keys = new ArrayList<>();
    try (ButtonStore store = open(data, 10, HOUR, now)) {
      for (int i = 0; i < 10; i++) {
        keys.add(store.put(42, null, answered("q" + i)));
      }
      for (String key : keys) {
        for (int m = 0; m < 8; m++) {
          store.markShown(key, "m/" + (100 + m) + "/" + (m + 1));
          long lines = Files.readAllLines(data.resolve(ButtonStore.FILE)).size();
          assertTrue(lines <= 2 * 10 + ButtonStore.SLACK, lines + " lines");
        }
      }
    }
    try (ButtonStore after = open(data, 10, HOUR, now)) {
      for (String key : keys) {
        assertTrue(after.wasShown(key, "m/107/8"), key); // kept through the rewrite
      }
    }
  }

  /**
   * A data folder whose file cannot be written (here a folder stands where the file goes, as a
   * read-only or full one refuses it): nothing throws, the buttons work until the bot stops, and
   * one WARN says what is wrong and what it means; the store writes again once it can.
   */
  @Test
  void aFileThatCannotBeWrittenKeepsTheButtonsInMemoryAndWarnsOnce(@TempDir Path data)
      throws Exception {
    AtomicLong now = new AtomicLong();
    Path file = Files.createDirectories(data.resolve(ButtonStore.FILE));
    try (LogCapture logs = new LogCapture();
        ButtonStore store = open(data, 10, HOUR, now)) {
      String a = store.put(42, null, answered("a"));
      String b = store.put(42, null, answered("b"));
      assertTrue(store.get(42, a).isPresent() && store.get(42, b).isPresent());
      List<String> warned =
          logs.atLeast(Level.WARN).stream().filter(l -> l.contains("cannot write")).toList();
      assertEquals(1, warned.size(), logs.atLeast(Level.WARN).toString());
      assertTrue(warned.get(0).contains("\"expired\" after a restart"), warned.get(0));
      Files.delete(file);
      String c = store.put(42, null, answered("c"));
      assertTrue(
          logs.atLeast(Level.INFO).stream().anyMatch(l -> l.contains("writable again")),
          logs.atLeast(Level.INFO).toString());
      try (ButtonStore after = open(data, 10, HOUR, now)) {
        assertTrue(after.get(42, c).isPresent(), "written once the disk takes it");
      }
    }
  }

  /**
   * A rewrite that fails while appends still succeed (a disk nearly full: the rewrite needs room
   * for a second copy of the file, an answer's line a few kilobytes; here a folder stands where the
   * copy goes): each answer is still appended, and the rewrite is tried again only every {@link
   * ButtonStore#SLACK} lines. Before, every answer past the bound tried the whole rewrite again
   * and, when it failed, was written nowhere: its buttons said "expired" after a restart.
   */
  @Test
  void anAnswerIsStillAppendedWhenTheRewriteFails(@TempDir Path data) throws Exception {
    AtomicLong now = new AtomicLong();
    Files.writeString(
        Files.createDirectories(data.resolve(ButtonStore.FILE + ".tmp")).resolve("x"), "x");
    List<String> keys = new ArrayList<>();
    try (LogCapture logs = new LogCapture();
        ButtonStore store = open(data, 10, HOUR, now)) {
      for (int i = 0; i < 100; i++) {
        keys.add(store.put(42, null, answered("q" + i)));
      }
      // one WARN that says what happens, not that the buttons say "expired" after a restart
      List<String> warned = logs.atLeast(Level.WARN);
      assertEquals(1, warned.size(), warned.toString());
      assertTrue(warned.get(0).contains("still appended"), warned.get(0));
    }
    try (ButtonStore after = open(data, 10, HOUR, now)) {
      for (int i = 90; i < 100; i++) {
        assertTrue(after.get(42, keys.get(i)).isPresent(), "answer " + i);
      }
    }
  }

  /** Answers stored side by side on several threads are each written whole, on a line each. */
  @Test
  void answersStoredSideBySideAreEachReadBack(@TempDir Path data) throws Exception {
    AtomicLong now = new AtomicLong();
    List<Future<String>> keys = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (ButtonStore store = open(data, 1000, HOUR, now)) {
      for (int i = 0; i < 200; i++) {
        String q = "q" + i;
        keys.add(pool.submit(() -> store.put(42, null, answered(q))));
      }
      for (Future<String> k : keys) {
        k.get();
      }
    } finally {
      pool.shutdown();
    }
    try (ButtonStore after = open(data, 1000, HOUR, now)) {
      for (int i = 0; i < 200; i++) {
        assertTrue(after.get(42, keys.get(i).get()).isPresent(), "answer " + i);
      }
    }
  }
}
