package dev.ares.client;

import dev.ares.core.AresServiceException;

/**
 * The service answered with a success status but the body is not a GraphQL response of the expected
 * shape: not JSON, empty, too large, or missing the field asked for.
 */
public final class AresResponseException extends AresServiceException {

  /**
   * @param message what is wrong with the body, never the body itself
   * @param statusCode the HTTP status
   * @param requestId the service's request id, or {@code null}
   * @param attempts how many attempts were made
   */
  public AresResponseException(String message, int statusCode, String requestId, int attempts) {
    super(withStatus(message, statusCode, requestId), statusCode, requestId, attempts);
  }
}
