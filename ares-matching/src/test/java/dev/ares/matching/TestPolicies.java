package dev.ares.matching;

import dev.ares.core.RetryPolicy;
import java.time.Duration;

/** The matcher's default retry policy with a test's attempts and first backoff. */
final class TestPolicies {

  private TestPolicies() {}

  /** The default policy with this first backoff; refused as {@code RetryPolicy} refuses it. */
  static RetryPolicy backoff(Duration first) {
    return of(ExternalMatcher.defaultHttpOptions().retryPolicy().maxAttempts(), first);
  }

  /** The default policy with these attempts and this first backoff. */
  static RetryPolicy of(int attempts, Duration first) {
    RetryPolicy defaults = ExternalMatcher.defaultHttpOptions().retryPolicy();
    return RetryPolicy.builder()
        .maxAttempts(attempts)
        .initialBackoff(first)
        .maxBackoff(defaults.maxBackoff())
        .maxRetryAfter(defaults.maxRetryAfter())
        .build();
  }
}
