package org.astanaqa.bot.telegram;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose time moves only when a test says so: repeating tasks run, in time order, on the
 * thread that calls {@link #advance}. Timing tests are then exact and never sleep.
 */
final class ManualTimers {
  private static final class Task {
    final Runnable run;
    final long period;
    long next;
    volatile boolean cancelled;

    Task(Runnable run, long next, long period) {
      this.run = run;
      this.next = next;
      this.period = period;
    }
  }

  final ScheduledExecutorService executor = mock(ScheduledExecutorService.class);
  private final List<Task> tasks = new ArrayList<>();
  private long now;

  ManualTimers() {
    when(executor.scheduleAtFixedRate(
            any(Runnable.class), anyLong(), anyLong(), any(TimeUnit.class)))
        .thenAnswer(
            inv -> {
              TimeUnit unit = inv.getArgument(3);
              Task t =
                  new Task(
                      inv.getArgument(0),
                      now + unit.toMillis(inv.<Long>getArgument(1)),
                      unit.toMillis(inv.<Long>getArgument(2)));
              synchronized (this) {
                tasks.add(t);
              }
              ScheduledFuture<?> f = mock(ScheduledFuture.class);
              when(f.cancel(anyBoolean()))
                  .thenAnswer(
                      c -> {
                        t.cancelled = true;
                        return true;
                      });
              return f;
            });
  }

  /** Milliseconds since the start. */
  synchronized long now() {
    return now;
  }

  /** Moves time on by {@code millis}, running every task that falls due on the way. */
  void advance(long millis) {
    long end;
    synchronized (this) {
      end = now + millis;
    }
    while (true) {
      Task due = null;
      synchronized (this) {
        for (Task t : tasks) {
          if (!t.cancelled && t.next <= end && (due == null || t.next < due.next)) {
            due = t;
          }
        }
        if (due == null) {
          now = end;
          return;
        }
        now = due.next;
        due.next += due.period;
      }
      due.run.run();
    }
  }
}
