package org.astanaqa.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.astanaqa.retrieval.QuestionAnswerer;
import org.astanaqa.retrieval.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Follow-ups within a window, replies to an answer, :new, and languages the bot does not read. */
class ConversationsTest {
  private static QuestionAnswerer qa;
  private final AtomicLong now = new AtomicLong();
  private final Conversations conversations =
      new Conversations(TimeUnit.MINUTES.toNanos(5), now::get);

  @BeforeAll
  static void open() {
    qa = QuestionAnswerer.inMemory(Path.of("..", "seeds"), Settings.defaults());
  }

  @AfterAll
  static void close() throws Exception {
    qa.close();
  }

  @Test
  void aShortQuestionWithinTheWindowFollowsOnFromTheLastOne() {
    conversations.ask(qa, 1L, "When was the Sochi memorandum signed?", null, 3);
    now.addAndGet(TimeUnit.MINUTES.toNanos(2));
    Conversations.Turn t = conversations.ask(qa, 1L, "who signed it?", null, 3);
    assertEquals("When was the Sochi memorandum signed?", t.context());
    assertEquals("Who signed the Sochi memorandum?", t.answer().resolved().orElseThrow());
    assertTrue(t.answer().quotes().get(0).text().contains("Defence Ministers"));
    assertNull(conversations.ask(qa, 2L, "who signed it?", null, 3).context(), "another chat");
  }

  @Test
  void afterTheWindowOrNewAQuestionFollowsOnFromNothing() {
    conversations.ask(qa, 1L, "When was the Sochi memorandum signed?", null, 3);
    now.addAndGet(TimeUnit.MINUTES.toNanos(6));
    assertNull(conversations.ask(qa, 1L, "who signed it?", null, 3).context());
    conversations.ask(qa, 1L, "When was the Sochi memorandum signed?", null, 3);
    conversations.clear(1L);
    assertNull(conversations.ask(qa, 1L, "who signed it?", null, 3).context());
  }

  @Test
  void aReplyToAnAnswerFollowsOnFromItsQuestionWhateverCameSince() {
    Conversations.Turn first =
        conversations.ask(qa, 1L, "When was the Sochi memorandum signed?", null, 3);
    conversations.answered(1L, 1000, first);
    conversations.ask(qa, 1L, "Who were the Astana guarantors?", null, 3);
    now.addAndGet(TimeUnit.HOURS.toNanos(3));
    String asked = conversations.questionOf(1L, 1000);
    assertEquals("When was the Sochi memorandum signed?", asked);
    assertEquals(asked, conversations.ask(qa, 1L, "who signed it?", asked, 3).context());
    assertNull(conversations.questionOf(1L, 1001));
  }

  @Test
  void aChainOfFollowUpsKeepsItsSubjectAndAReplyFollowsOnFromTheResolvedQuestion() {
    conversations.ask(qa, 1L, "When was the Sochi memorandum signed?", null, 3);
    Conversations.Turn who = conversations.ask(qa, 1L, "who signed it?", null, 3);
    conversations.answered(1L, 2000, who);
    assertEquals("Who signed the Sochi memorandum?", conversations.questionOf(1L, 2000));
    Conversations.Turn where = conversations.ask(qa, 1L, "where?", null, 3);
    assertEquals("Who signed the Sochi memorandum?", where.context());
    assertEquals("Where was the Sochi memorandum signed?", where.answer().resolved().orElseThrow());
  }

  @Test
  void aQuestionThatStandsOnItsOwnIsAnsweredAsWithoutContext() {
    conversations.ask(qa, 1L, "Who were the Astana guarantors?", null, 3);
    Conversations.Turn t =
        conversations.ask(qa, 1L, "When was the Sochi memorandum signed?", null, 3);
    assertNull(t.context());
    assertTrue(t.answer().resolved().isEmpty());
    assertEquals(qa.ask("When was the Sochi memorandum signed?", 3), t.answer());
  }

  @Test
  void aQuestionInAnotherLanguageIsNotSearched() {
    Conversations.Turn t =
        conversations.ask(qa, 1L, "Wer sind die Garanten des Astana-Prozesses?", null, 3);
    assertFalse(t.understood());
    assertEquals("de", t.language());
    assertFalse(t.answer().answered());
    Conversations.Turn ru =
        conversations.ask(qa, 1L, "Кто гаранты астанинского процесса?", null, 3);
    assertTrue(ru.understood() && ru.answer().answered());
    assertEquals("ru", ru.language());
  }

  /**
   * An edited question keeps the context it was first asked in, even once the window has passed and
   * other questions came since, and is the chat's last question again only when it was.
   */
  @Test
  void anEditedQuestionIsAskedAfterTheQuestionBeforeItWhateverCameSince() {
    conversations.ask(qa, 1L, 10, "When was the Sochi memorandum signed?", null, 3);
    now.addAndGet(TimeUnit.MINUTES.toNanos(1));
    conversations.ask(qa, 1L, 11, "who signed it?", null, 3);
    now.addAndGet(TimeUnit.MINUTES.toNanos(1));
    conversations.ask(qa, 1L, 12, "Who were the Astana guarantors?", null, 3);
    now.addAndGet(TimeUnit.MINUTES.toNanos(10));
    Conversations.Turn edit =
        conversations.askAgain(qa, 1L, 11, "and who signed it?", null, 3, now.get());
    assertEquals("When was the Sochi memorandum signed?", edit.context());
    assertNull(
        conversations.askAgain(qa, 1L, 99, "who signed it?", null, 3, now.get()).context(),
        "a message not remembered (asked before a restart): no earlier question");
    Conversations.Turn reply =
        conversations.ask(qa, 1L, 13, "who signed it?", Conversations.FORGOTTEN, 3);
    assertNull(reply.context(), "a reply to an answer forgotten is asked as it stands");
  }

  /** Timed on the messages' dates: one dated long before the last question is not within. */
  @Test
  void aQuestionDatedLongBeforeTheLastOneIsNotWithinTheWindow() {
    long t = TimeUnit.HOURS.toNanos(5);
    conversations.ask(qa, 1L, 10, "When was the Sochi memorandum signed?", null, 3, t);
    assertNull(
        conversations
            .ask(qa, 1L, 11, "who signed it?", null, 3, t - TimeUnit.HOURS.toNanos(3))
            .context());
    conversations.ask(qa, 1L, 12, "When was the Sochi memorandum signed?", null, 3, t);
    assertEquals(
        "When was the Sochi memorandum signed?",
        conversations
            .ask(qa, 1L, 13, "who signed it?", null, 3, t + TimeUnit.MINUTES.toNanos(4))
            .context());
  }

  /** A conversation that moves (a group become a supergroup) keeps its last question. */
  @Test
  void aMovedConversationKeepsItsLastQuestion() {
    conversations.ask(qa, -100L, "When was the Sochi memorandum signed?", null, 3);
    conversations.moved(-100L, -1001L);
    assertEquals(
        "When was the Sochi memorandum signed?",
        conversations.ask(qa, -1001L, "who signed it?", null, 3).context());
    assertNull(conversations.ask(qa, -100L, "who signed it?", null, 3).context());
  }
}
