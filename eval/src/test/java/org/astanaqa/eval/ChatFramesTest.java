package org.astanaqa.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatFramesTest {
  private static EvalQuestion q(String text, String kind, boolean none) {
    return new EvalQuestion(
        text,
        none ? List.of() : List.of("17 september"),
        none ? List.of() : List.of("001"),
        none,
        kind,
        1,
        null,
        null,
        List.of(),
        null,
        false);
  }

  @Test
  void eachPlainQuestionIsFollowedByItsDressingsWhichAskItAndExpectItsAnswer() {
    EvalQuestion plain = q("When was the Sochi memorandum signed?", "plain", false);
    List<EvalQuestion> wrapped =
        ChatFrames.wrap(
            List.of(
                plain,
                q("hi, when was it signed?", "chatty", false),
                q("Who is the president of Turkey?", "outofscope", true)),
            5);
    assertEquals(6, wrapped.size(), "the plain question and five dressings, nothing else");
    assertEquals(plain, wrapped.get(0));
    for (EvalQuestion d : wrapped.subList(1, 6)) {
      assertTrue(d.q().contains(plain.q()), d.q());
      assertEquals("chatty", d.kind());
      assertEquals(plain.q(), d.variantOf());
      assertEquals(plain.expect(), d.expect());
      assertEquals(plain.group(), d.group(), "in the plain question's part");
    }
    assertEquals(5, new HashSet<>(wrapped.subList(1, 6)).size(), "five different dressings");
    assertEquals(wrapped, ChatFrames.wrap(List.of(plain), 5), "the same dressings every run");
  }

  @Test
  void aRussianQuestionIsDressedInRussianChat() {
    for (String d : ChatFrames.dressings("Кто гаранты астанинского процесса?", 20)) {
      String frame = d.replace("Кто гаранты астанинского процесса?", "");
      assertTrue(
          frame.chars().noneMatch(c -> c >= 'a' && c <= 'z')
              || frame.contains("@astana_bot")
              || frame.contains("/ask"),
          d);
    }
  }

  @Test
  void howManyDressingsIsBounded() {
    EvalQuestion plain = q("When was the Sochi memorandum signed?", "plain", false);
    assertThrows(IllegalArgumentException.class, () -> ChatFrames.wrap(List.of(plain), 0));
    assertThrows(IllegalArgumentException.class, () -> ChatFrames.wrap(List.of(plain), 21));
    assertEquals(21, ChatFrames.wrap(List.of(plain), 20).size());
  }
}
