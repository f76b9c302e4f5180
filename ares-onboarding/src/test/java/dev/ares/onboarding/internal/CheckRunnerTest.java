package dev.ares.onboarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.onboarding.CheckResult;
import dev.ares.onboarding.CheckStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The runner always returns, in the tasks' order, whatever a task does. */
class CheckRunnerTest {

  private static CheckTask passing(String id) {
    return CheckTask.of(id, "checks " + id, () -> Results.pass(id, "checks " + id, "fine"));
  }

  @Test
  void resultsKeepTheTasksOrderWhateverFinishesFirst() {
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    CheckTask slowFirst =
        CheckTask.of(
            "a",
            "waits for b",
            () -> {
              try {
                firstMayEnd.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Results.pass("a", "waits for b", "fine");
            });
    CheckTask second =
        CheckTask.of(
            "b",
            "lets a end",
            () -> {
              firstMayEnd.countDown();
              return Results.pass("b", "lets a end", "fine");
            });
    List<CheckResult> results =
        new CheckRunner(2, Duration.ofSeconds(10)).run(List.of(slowFirst, second));
    assertEquals(List.of("a", "b"), ids(results));
    assertTrue(results.stream().allMatch(r -> r.status() == CheckStatus.PASS));
  }

  @Test
  void aTaskIgnoringInterruptsFailsTimedOutAndTheRunStillReturns() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger interrupts = new AtomicInteger();
    CheckTask stubborn =
        new CheckTask(
            List.of("x", "y"),
            List.of("checks x", "checks y"),
            () -> {
              while (never.getCount() > 0) {
                try {
                  never.await();
                } catch (InterruptedException e) {
                  interrupts.incrementAndGet(); // ignored on purpose
                }
              }
              return List.of();
            });
    try {
      long start = System.nanoTime();
      List<CheckResult> results =
          new CheckRunner(1, Duration.ofMillis(200)).run(List.of(stubborn, passing("z")));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
      assertEquals(List.of("x", "y", "z"), ids(results));
      assertEquals(CheckStatus.FAIL, results.get(0).status());
      assertEquals("timed out after 200 ms", results.get(0).evidence());
      assertEquals("checks y", results.get(1).checked());
      // z queued behind the stubborn task on the one thread: it never started.
      assertEquals(CheckStatus.FAIL, results.get(2).status());
      assertTrue(interrupts.get() >= 1);
    } finally {
      never.countDown();
    }
  }

  @Test
  void aThrowingTaskFailsWithTheExceptionTypeOnlyAndAMissingResultIsNamed() {
    CheckTask throwing =
        CheckTask.of(
            "t",
            "throws",
            () -> {
              throw new IllegalStateException("secret-in-message");
            });
    CheckTask silent = new CheckTask(List.of("s"), List.of("returns nothing"), List::of);
    List<CheckResult> results =
        new CheckRunner(4, Duration.ofSeconds(10)).run(List.of(throwing, silent));
    assertEquals(CheckStatus.FAIL, results.get(0).status());
    assertTrue(results.get(0).evidence().contains("IllegalStateException"));
    assertFalse(results.toString().contains("secret-in-message"));
    assertEquals("the check gave no result", results.get(1).evidence());
  }

  private static List<String> ids(List<CheckResult> results) {
    return results.stream().map(CheckResult::id).collect(Collectors.toList());
  }
}
