package dev.ares.core;

import java.util.Optional;

/**
 * The service answered, with an error, in any client of the SDK: an HTTP error status ({@link
 * AresHttpException}) or an answer a client cannot use (its own subclasses, such as ARES's GraphQL
 * errors). The message names the status code and the request id, never the body.
 */
public abstract class AresServiceException extends AresException {

  private final int statusCode;
  private final String requestId;

  /**
   * @param message the whole message, free of secrets (see {@link #withStatus})
   * @param statusCode the HTTP status of the answer
   * @param requestId the service's request id, or {@code null}
   * @param attempts how many attempts were made
   */
  protected AresServiceException(String message, int statusCode, String requestId, int attempts) {
    super(message, attempts, null);
    this.statusCode = statusCode;
    this.requestId = requestId;
  }

  /** {@code message (HTTP 503, request id abc)}: the message with the status and request id. */
  protected static String withStatus(String message, int statusCode, String requestId) {
    return message
        + " (HTTP "
        + statusCode
        + (requestId == null ? "" : ", request id " + requestId)
        + ")";
  }

  /** The HTTP status code of the answer. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The request id the service gave in {@code x-request-id}, if any; quote it to support. As server
   * text it is kept only with the call's secrets masked as {@code ****}, control characters written
   * as visible escapes such as {@code \u005cu001b}, and cut to 200 characters.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
