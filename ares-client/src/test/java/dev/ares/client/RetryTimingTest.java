package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresValidationException;
import dev.ares.core.RetryPolicy;
import dev.ares.core.internal.Backoff;
import dev.ares.core.internal.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryTimingTest {

  @Test
  void retryAfterInSecondsOrAsAnHttpDate() {
    Instant now = Instant.parse("2015-10-21T07:27:50Z");
    assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120", now));
    assertEquals(Duration.ofSeconds(10), RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now));
    assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now));
    assertNull(RetryAfter.parse("soon", now));
    assertNull(RetryAfter.parse(null, now));
    assertNull(RetryAfter.parse("99999999999999999999999", now));
  }

  @Test
  void backoffDoublesWithJitterUpToTheCap() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(1000))
            .build();
    for (int i = 0; i < 200; i++) {
      within(Backoff.after(1, policy), 50, 100);
      within(Backoff.after(2, policy), 100, 200);
      within(Backoff.after(3, policy), 200, 400);
      within(Backoff.after(10, policy), 500, 1000);
      within(Backoff.after(1000, policy), 500, 1000);
    }
  }

  @Test
  void backoffIsJitteredSoClientsFailingTogetherDoNotRetryInStep() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(1000))
            .build();
    Set<Duration> first = new HashSet<>();
    Set<Duration> capped = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      first.add(Backoff.after(1, policy));
      capped.add(Backoff.after(20, policy));
    }
    // 200 draws from 50 ms of nanoseconds: all equal only if there is no jitter.
    assertTrue(first.size() > 100, first.size() + " distinct waits of 200");
    assertTrue(capped.size() > 100, capped.size() + " distinct waits of 200");
  }

  @Test
  void backoffNeverOverflowsForLongWaitsOrManyAttempts() {
    RetryPolicy longWaits =
        RetryPolicy.builder()
            .maxAttempts(100)
            .initialBackoff(Duration.ofHours(1))
            .maxBackoff(Duration.ofHours(24))
            .build();
    for (int attempt : new int[] {6, 31, 32, 33, 63, 64, 65, 99, 100, Integer.MAX_VALUE}) {
      Duration d = Backoff.after(attempt, longWaits);
      assertTrue(
          d.compareTo(Duration.ofHours(12)) >= 0 && d.compareTo(Duration.ofHours(24)) <= 0,
          "attempt " + attempt + ": " + d);
    }
    within(Backoff.after(2, longWaits), 3_600_000, 7_200_000);
    RetryPolicy longest =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofHours(24))
            .maxBackoff(Duration.ofHours(24))
            .build();
    within(Backoff.after(3, longest), 43_200_000, 86_400_000);
    RetryPolicy none = RetryPolicy.builder().initialBackoff(Duration.ZERO).build();
    assertEquals(Duration.ZERO, Backoff.after(5, none));
  }

  @Test
  void retryPolicyIsValidated() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                RetryPolicy.builder().maxAttempts(0).initialBackoff(Duration.ofMillis(-1)).build());
    assertEquals(
        "retryPolicy.maxAttempts must be at least 1; retryPolicy.initialBackoff must not be negative",
        e.getMessage());
    assertEquals(1, RetryPolicy.none().maxAttempts());
    assertEquals(3, RetryPolicy.defaults().maxAttempts());
  }

  private static void within(Duration d, long minMillis, long maxMillis) {
    assertTrue(d.toMillis() >= minMillis && d.toMillis() <= maxMillis, d.toString());
  }
}
