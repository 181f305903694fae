package org.astanaqa.bot.telegram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    String a = store.put(answer("a"));
    String b = store.put(answer("b"));
    String c = store.put(answer("c"));
    assertTrue(store.get(a).isEmpty());
    assertTrue(store.get(b).isPresent() && store.get(c).isPresent());
  }

  @Test
  void keysAreShortAndEntriesExpire() {
    AtomicLong now = new AtomicLong();
    ButtonStore store = new ButtonStore(10, 1_000, now::get);
    String key = store.put(answer("a"));
    assertTrue(("m:" + key + ":19").getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64);
    now.set(1_001);
    assertTrue(store.get(key).isEmpty());
  }
}
