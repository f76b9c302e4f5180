package dev.ares.core.internal.http;

/**
 * The peer answered 2xx with a body larger than the call's cap; the body was dropped unread. Not a
 * transport failure: the peer was reached and answered.
 *
 * <p>Internal: not part of the public API.
 */
public final class ResponseTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String requestId;
  private final int attempts;

  ResponseTooLargeException(String message, int status, String requestId, int attempts) {
    super(message);
    this.status = status;
    this.requestId = requestId;
    this.attempts = attempts;
  }

  /** The status of the refused answer. */
  public int status() {
    return status;
  }

  /** The request id of the refused answer, made safe like every answer's, or {@code null}. */
  public String requestId() {
    return requestId;
  }

  /** How many attempts were made. */
  public int attempts() {
    return attempts;
  }
}
