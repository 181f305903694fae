package org.astanaqa.bot.telegram;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.astanaqa.retrieval.QuestionAnswerer;

/** An engine that answers as {@code real} does, after {@code whileAnswering} (a fake clock's). */
final class SlowAnswerer {
  private SlowAnswerer() {}

  static QuestionAnswerer of(QuestionAnswerer real, Runnable whileAnswering) {
    QuestionAnswerer slow = mock(QuestionAnswerer.class);
    when(slow.likelyConfidence()).thenReturn(real.likelyConfidence());
    when(slow.settings()).thenReturn(real.settings());
    when(slow.ask(anyString()))
        .thenAnswer(
            inv -> {
              whileAnswering.run();
              return real.ask(inv.<String>getArgument(0));
            });
    when(slow.ask(anyString(), anyInt(), any()))
        .thenAnswer(
            inv -> {
              whileAnswering.run();
              return real.ask(
                  inv.<String>getArgument(0),
                  inv.<Integer>getArgument(1),
                  inv.<String>getArgument(2));
            });
    return slow;
  }
}
