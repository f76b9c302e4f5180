package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.internal.Backoff;
import dev.ares.client.internal.RetryAfter;
import java.time.Duration;
import java.time.Instant;
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
    RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofMillis(1000)).build();
    for (int i = 0; i < 200; i++) {
      within(Backoff.after(1, policy), 50, 100);
      within(Backoff.after(2, policy), 100, 200);
      within(Backoff.after(3, policy), 200, 400);
      within(Backoff.after(10, policy), 500, 1000);
      within(Backoff.after(1000, policy), 500, 1000);
    }
  }

  @Test
  void retryPolicyIsValidated() {
    AresValidationException e = assertThrows(AresValidationException.class,
        () -> RetryPolicy.builder().maxAttempts(0).initialBackoff(Duration.ofMillis(-1)).build());
    assertEquals("retryPolicy.maxAttempts must be at least 1; retryPolicy.initialBackoff must not be negative",
        e.getMessage());
    assertEquals(1, RetryPolicy.none().maxAttempts());
    assertEquals(3, RetryPolicy.defaults().maxAttempts());
  }

  private static void within(Duration d, long minMillis, long maxMillis) {
    assertTrue(d.toMillis() >= minMillis && d.toMillis() <= maxMillis, d.toString());
  }
}
