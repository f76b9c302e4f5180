package dev.ares.core;

import java.time.Duration;
import java.util.Optional;

/**
 * The service answered with an HTTP status other than 2xx (after any retries), in any client of the
 * SDK. Each client words the message its own way; the status, request id, {@code Retry-After} and
 * host are the same accessors everywhere.
 */
public final class AresHttpException extends AresServiceException {

  private final Duration retryAfter;
  private final String host;

  /**
   * @param message the whole message, free of secrets, naming the status
   * @param statusCode the HTTP status
   * @param requestId the service's request id, or {@code null}
   * @param retryAfter what {@code Retry-After} asked for, or {@code null}
   * @param attempts how many attempts were made
   * @param host the host (and port) that answered
   */
  public AresHttpException(
      String message,
      int statusCode,
      String requestId,
      Duration retryAfter,
      int attempts,
      String host) {
    super(message, statusCode, requestId, attempts);
    this.retryAfter = retryAfter;
    this.host = host;
  }

  /** Whether the service asked to slow down (429) or was unavailable (503). */
  public boolean isThrottling() {
    return statusCode() == 429 || statusCode() == 503;
  }

  /** How long the service asked to wait before trying again, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The host (and port) that answered. */
  public String host() {
    return host;
  }
}
