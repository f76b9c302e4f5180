package dev.ares.core;

import java.util.Objects;

/**
 * The service was not reached, or did not answer in time, in any client of the SDK: {@link
 * #failure()} says why (unknown host, connection refused or reset, TLS, a connect, attempt or
 * whole-call timeout, the client closed). The request may or may not have been processed when
 * {@link #requestSent()} is true.
 */
public final class AresTransportException extends AresException {

  private final TransportFailure failure;
  private final String host;
  private final boolean requestSent;

  /**
   * @param failure why no answer came
   * @param message what failed, naming the host but no header or body
   * @param host the host (and port) called, or {@code null} when none was
   * @param attempts how many attempts were made
   * @param requestSent whether the last attempt may have reached the service
   * @param cause the I/O failure, or {@code null}
   */
  public AresTransportException(
      TransportFailure failure,
      String message,
      String host,
      int attempts,
      boolean requestSent,
      Throwable cause) {
    super(message, attempts, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
    this.host = host;
    this.requestSent = requestSent;
  }

  /** Why no answer came; the same values in every client. */
  public TransportFailure failure() {
    return failure;
  }

  /** The host (and port) that was called, or {@code null} when the call never got that far. */
  public String host() {
    return host;
  }

  /** Whether a timeout (connect, pool, attempt or whole-call) ended the call. */
  public boolean isTimeout() {
    return failure.isTimeout();
  }

  /**
   * Whether the last attempt may have reached the service. When false the request certainly was not
   * processed and it is safe to send it again.
   */
  public boolean requestSent() {
    return requestSent;
  }
}
