package dev.ares.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The documented backoff: after failed attempt {@code n}, a random wait between half and all of
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))}, never more and never less. Nanosecond settings
 * make the ceilings small, so many draws cover every value a wrong bound would allow.
 */
class BackoffBoundsTest {

  private static final int DRAWS = 400;

  private static RetryPolicy policy(long initialNanos, long maxNanos) {
    return RetryPolicy.builder()
        .initialBackoff(Duration.ofNanos(initialNanos))
        .maxBackoff(Duration.ofNanos(maxNanos))
        .build();
  }

  private static void assertEveryWaitWithin(int attempt, RetryPolicy policy, long ceiling) {
    for (int i = 0; i < DRAWS; i++) {
      long wait = Backoff.after(attempt, policy).toNanos();
      assertTrue(
          wait >= ceiling / 2 && wait <= ceiling,
          "attempt "
              + attempt
              + ": "
              + wait
              + " ns is not within ["
              + ceiling / 2
              + ", "
              + ceiling
              + "]");
    }
  }

  @Test
  void eachWaitLiesBetweenHalfAndAllOfTheDoubledBackoffCappedByTheMaximum() {
    RetryPolicy p = policy(100, 1_000);
    assertEveryWaitWithin(1, p, 100);
    assertEveryWaitWithin(2, p, 200);
    assertEveryWaitWithin(3, p, 400);
    assertEveryWaitWithin(4, p, 800);
    assertEveryWaitWithin(5, p, 1_000);
    assertEveryWaitWithin(40, p, 1_000);
  }

  @Test
  void theDoubledBackoffIsTheCeilingEvenWhenTheMaximumIsOneMore() {
    // initialBackoff * 2 = 2 ns, maxBackoff 3 ns: the wait is 1 or 2 ns, never 3.
    assertEveryWaitWithin(2, policy(1, 3), 2);
    // Once doubling passes the maximum, the maximum is the ceiling.
    assertEveryWaitWithin(3, policy(1, 3), 3);
  }

  @Test
  void aOneNanosecondBackoffIsWaitedInFull() {
    for (int i = 0; i < DRAWS; i++) {
      assertEquals(Duration.ofNanos(1), Backoff.after(1, policy(1, 1)));
    }
    assertEquals(Duration.ZERO, Backoff.after(3, policy(0, 5)));
  }
}
