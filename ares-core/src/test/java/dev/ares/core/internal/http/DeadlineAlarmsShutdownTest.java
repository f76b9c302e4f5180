package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A close on one of the engine's own threads shuts the alarms down without waiting; the alarm
 * thread must still end, even with an alarm far in the future pending.
 */
class DeadlineAlarmsShutdownTest {

  @Test
  void aShutdownWithoutWaitingEndsTheThreadDespiteAPendingAlarm() throws Exception {
    for (int round = 0; round < 200; round++) {
      String name = "ares-alarms-shutdown-test-" + round;
      DeadlineAlarms alarms = new DeadlineAlarms(new EngineThreads(), name);
      CountDownLatch running = new CountDownLatch(1);
      alarms.later(running::countDown, 0); // the thread exists and waits for the next task
      assertEquals(true, running.await(5, TimeUnit.SECONDS));
      alarms.set(() -> true, TimeUnit.MINUTES.toNanos(10));

      alarms.shutdown(false);

      Thread thread = threadNamed(name);
      if (thread != null) {
        thread.join(5_000);
        assertEquals(
            List.of(), thread.isAlive() ? List.of(name) : List.of(), "alarm thread still alive");
      }
    }
  }

  private static Thread threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElse(null);
  }
}
