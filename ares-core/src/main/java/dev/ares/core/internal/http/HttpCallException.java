package dev.ares.core.internal.http;

/**
 * Why a call got no answer. Each client turns it into its own public exception or result; the
 * message names the service, host and attempt, never a header, body or credential.
 *
 * <p>Internal: not part of the public API.
 */
public final class HttpCallException extends RuntimeException {

  /** What went wrong. */
  public enum Kind {
    /** No connection could be made: refused, unknown host, TLS handshake; nothing was sent. */
    CONNECT_FAILED,
    /** The attempt or the whole call ran out of time. */
    TIMEOUT,
    /** The connection broke after the request may have been sent. */
    CONNECTION_LOST,
    /** The owner was closed before or during the call. */
    CLOSED,
    /** The calling thread was interrupted while waiting to retry. */
    INTERRUPTED,
    /** The answer's body was larger than the cap; it was not read. */
    TOO_LARGE
  }

  private final Kind kind;
  private final int attempts;
  private final boolean requestSent;
  private final int status;
  private final String requestId;

  HttpCallException(Kind kind, String message, int attempts, boolean requestSent, int status,
      String requestId, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.attempts = attempts;
    this.requestSent = requestSent;
    this.status = status;
    this.requestId = requestId;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** How many attempts were made. */
  public int attempts() {
    return attempts;
  }

  /** Whether the last attempt may have reached the peer. */
  public boolean requestSent() {
    return requestSent;
  }

  /** For {@link Kind#TOO_LARGE}: the status of the refused answer; 0 otherwise. */
  public int status() {
    return status;
  }

  /** For {@link Kind#TOO_LARGE}: the request id of the refused answer, or {@code null}. */
  public String requestId() {
    return requestId;
  }
}
