package dev.ares.core.internal.http;

import dev.ares.core.TransportFailure;
import java.util.Objects;

/**
 * Why a call got no answer, classified once by the engine. Each client turns it into an {@code
 * AresTransportException} or a result carrying the same {@link TransportFailure}; the message names
 * the service, host and attempt, never a header, body or credential.
 *
 * <p>Internal: not part of the public API.
 */
public final class HttpCallException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final TransportFailure failure;
  private final int attempts;
  private final boolean requestSent;
  private final String causeName;

  private HttpCallException(
      TransportFailure failure,
      String message,
      int attempts,
      boolean requestSent,
      Throwable cause) {
    super(message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
    this.attempts = attempts;
    this.requestSent = requestSent;
    this.causeName =
        cause == null
            ? null
            : cause instanceof ScrubbedCause scrubbed
                ? simpleName(scrubbed.originalClass())
                : cause.getClass().getSimpleName();
  }

  private static String simpleName(String className) {
    return className.substring(
        Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
  }

  /** Nothing was sent in the last attempt, such as a refused connection or a closed client. */
  static HttpCallException notSent(
      TransportFailure failure, String message, int attempts, Throwable cause) {
    return new HttpCallException(failure, message, attempts, false, cause);
  }

  /** The last attempt may have reached the peer. */
  static HttpCallException maybeSent(
      TransportFailure failure, String message, int attempts, Throwable cause) {
    return new HttpCallException(failure, message, attempts, true, cause);
  }

  /** As {@link #notSent} or {@link #maybeSent}, as {@code requestSent} says. */
  static HttpCallException of(
      TransportFailure failure,
      String message,
      int attempts,
      boolean requestSent,
      Throwable cause) {
    return new HttpCallException(failure, message, attempts, requestSent, cause);
  }

  /** Why no answer came. */
  public TransportFailure failure() {
    return failure;
  }

  /** How many attempts were made. */
  public int attempts() {
    return attempts;
  }

  /** Whether the last attempt may have reached the peer. */
  public boolean requestSent() {
    return requestSent;
  }

  /**
   * The simple class name of the I/O failure underneath, for messages ("ConnectException"); {@code
   * null} when the engine itself ended the call (a deadline, a close, a retry that did not fit).
   */
  public String causeName() {
    return causeName;
  }
}
