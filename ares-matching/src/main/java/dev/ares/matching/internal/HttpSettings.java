package dev.ares.matching.internal;

import java.time.Duration;

/**
 * Timeouts, retries and caps of one HTTP client.
 *
 * <p>Internal: not part of the public API.
 *
 * @param connectTimeout to open a connection
 * @param attemptTimeout to wait for an answer in one attempt
 * @param callTimeout for the whole call, retries and backoff included
 * @param maxAttempts attempts per call, at least 1
 * @param retryBackoff the first backoff; doubled each retry, with full jitter
 * @param maxResponseBytes answers larger than this are refused
 */
public record HttpSettings(
    Duration connectTimeout,
    Duration attemptTimeout,
    Duration callTimeout,
    int maxAttempts,
    Duration retryBackoff,
    int maxResponseBytes) {

  /** The longest single backoff, whatever the attempt number. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
}
