package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.retrieval.Answer;
import org.junit.jupiter.api.Test;

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
}
