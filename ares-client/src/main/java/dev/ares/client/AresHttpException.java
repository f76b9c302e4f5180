package dev.ares.client;

import java.time.Duration;
import java.util.Optional;

/** The service answered with an HTTP status other than 2xx. */
public final class AresHttpException extends AresServiceException {

  private final Duration retryAfter;

  /**
   * @param statusCode the HTTP status
   * @param requestId the service's request id, or {@code null}
   * @param retryAfter what {@code Retry-After} asked for, or {@code null}
   * @param attempts how many attempts were made
   */
  public AresHttpException(int statusCode, String requestId, Duration retryAfter, int attempts) {
    super(describe(statusCode), statusCode, requestId, attempts);
    this.retryAfter = retryAfter;
  }

  /** Whether the service asked to slow down (429) or was unavailable (503). */
  public boolean isThrottling() {
    return statusCode() == 429 || statusCode() == 503;
  }

  /** How long the service asked to wait before trying again, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  private static String describe(int statusCode) {
    switch (statusCode) {
      case 400:
        return "ARES rejected the request as malformed";
      case 401:
        return "ARES did not accept the credentials (check the API key and x-gw-signature JWT)";
      case 403:
        return "ARES refused access for these credentials";
      case 404:
        return "ARES endpoint not found (check the endpoint URL)";
      case 429:
        return "ARES is throttling requests";
      case 503:
        return "ARES is unavailable";
      default:
        return statusCode >= 500 ? "ARES failed with a server error" : "ARES answered with an error";
    }
  }
}
