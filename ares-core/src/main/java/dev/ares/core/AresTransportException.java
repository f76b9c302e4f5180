package dev.ares.core;

/**
 * The service was not reached, or did not answer in time: connection refused or reset, unknown
 * host, TLS failure, an attempt or whole-call timeout, or the client was closed. The request may or
 * may not have been processed when {@link #requestSent()} is true.
 */
public final class AresTransportException extends AresException {

  private final boolean timeout;
  private final boolean requestSent;

  /**
   * @param message what failed, naming the host but no header or body
   * @param attempts how many attempts were made
   * @param timeout whether a timeout ended the call
   * @param requestSent whether the last attempt may have reached the service
   * @param cause the I/O failure
   */
  public AresTransportException(
      String message, int attempts, boolean timeout, boolean requestSent, Throwable cause) {
    super(message, attempts, cause);
    this.timeout = timeout;
    this.requestSent = requestSent;
  }

  /** Whether the attempt or whole-call timeout ended the call. */
  public boolean isTimeout() {
    return timeout;
  }

  /**
   * Whether the last attempt may have reached the service. When false the request certainly was
   * not processed and it is safe to send it again.
   */
  public boolean requestSent() {
    return requestSent;
  }
}
