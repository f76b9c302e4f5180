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
  private final String proxy;

  private HttpCallException(
      TransportFailure failure,
      String message,
      int attempts,
      boolean requestSent,
      Throwable cause) {
    this(failure, message, attempts, requestSent, cause, null);
  }

  private HttpCallException(
      TransportFailure failure,
      String message,
      int attempts,
      boolean requestSent,
      Throwable cause,
      String proxy) {
    super(message, cause);
    this.proxy = proxy;
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

  /**
   * This failure as the proxy's: named by {@link #host}, with {@code message} (this one's when
   * null) and {@code requestSent}.
   */
  HttpCallException atProxy(String proxyHost, String message, boolean requestSent) {
    return new HttpCallException(
        failure,
        message == null ? getMessage() : message,
        attempts,
        requestSent,
        getCause(),
        proxyHost);
  }

  /**
   * The host to name for this failure: the proxy ({@code host:port}) when the failure was the
   * proxy's (it refused, or could not be reached or passed), else {@code target}.
   */
  public String host(String target) {
    return proxy == null ? target : proxy;
  }

  /** The proxy whose failure this is, or {@code null} when the call got past any proxy. */
  public String proxy() {
    return proxy;
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
