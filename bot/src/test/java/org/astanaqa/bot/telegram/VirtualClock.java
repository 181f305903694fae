package org.astanaqa.bot.telegram;

import java.util.PriorityQueue;
import org.astanaqa.bot.telegram.send.Throttle;

/**
 * A fake clock shared by several threads, for timing tests of work done side by side: time moves
 * only when every thread taking part sleeps on it ({@link #sleepNanos}), and then straight to the
 * earliest wake-up. A thread doing anything else (an HTTP call to the fake Bot API, waiting for a
 * lock) holds time still, so what happens at one instant of fake time all happens before the next.
 * {@link UpdateHandlerTest.FakeClock} is for one thread: each sleep there moves time on at once, so
 * two threads sleeping side by side would move it twice.
 */
final class VirtualClock implements Throttle.Clock {
  private final PriorityQueue<Long> wakeUps = new PriorityQueue<>();
  private long now;
  private int parties;

  /**
   * @param start the time now, in nanoseconds
   * @param parties the threads taking part; each calls {@link #done} when it is through
   */
  VirtualClock(long start, int parties) {
    this.now = start;
    this.parties = parties;
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void sleepNanos(long nanos) throws InterruptedException {
    if (nanos <= 0) {
      return;
    }
    long wake = now + nanos;
    wakeUps.add(wake);
    try {
      while (now < wake) {
        moveOnIfAllSleep();
        if (now < wake) {
          wait();
        }
      }
    } finally {
      wakeUps.remove(wake);
      notifyAll();
    }
  }

  /** A thread taking part is through: time no longer waits for it. */
  synchronized void done() {
    parties--;
    moveOnIfAllSleep();
  }

  /**
   * Moves time to the earliest wake-up when every thread taking part sleeps and none is due yet (a
   * thread due now has yet to wake, and may book what the others wait for).
   */
  private void moveOnIfAllSleep() {
    if (!wakeUps.isEmpty() && wakeUps.size() >= parties && wakeUps.peek() > now) {
      now = wakeUps.peek();
      notifyAll();
    }
  }
}
