package dev.ares.client;

import dev.ares.core.AresException;

import java.util.Optional;

/**
 * The service answered, with an error: an HTTP error status, GraphQL {@code errors}, a body that is
 * not the expected GraphQL response, or user errors. The message adds the status code and the
 * request id, never the body.
 */
public abstract class AresServiceException extends AresException {

  private final int statusCode;
  private final String requestId;

  /**
   * @param message what went wrong
   * @param statusCode the HTTP status of the answer
   * @param requestId the service's request id, or {@code null}
   * @param attempts how many attempts were made
   */
  protected AresServiceException(String message, int statusCode, String requestId, int attempts) {
    super(
        message
            + " (HTTP "
            + statusCode
            + (requestId == null ? "" : ", request id " + requestId)
            + ")",
        attempts,
        null);
    this.statusCode = statusCode;
    this.requestId = requestId;
  }

  /** The HTTP status code of the answer. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The request id the service gave in {@code x-request-id}, if any; quote it to support. As
   * server text it is kept only with the call's secrets masked as {@code ****}, control
   * characters written as visible escapes such as {@code \u005cu001b}, and cut to 200 characters.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
