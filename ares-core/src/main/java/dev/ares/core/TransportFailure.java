package dev.ares.core;

/**
 * Why a call got no answer from the service, the same in every client of the SDK. Switch on it
 * instead of on the exception classes of the HTTP library underneath.
 */
public enum TransportFailure {
  /** The host name did not resolve. Nothing was sent. */
  UNKNOWN_HOST(false),
  /** No connection could be made: refused, or no route to the host. Nothing was sent. */
  CONNECT_REFUSED(false),
  /** Connecting took longer than the connect timeout. Nothing was sent. */
  CONNECT_TIMEOUT(true),
  /**
   * No pooled connection became free in time (raise the maximum of connections). Nothing was sent.
   */
  POOL_EXHAUSTED(true),
  /**
   * The HTTP proxy refused the call or could not be used: it answered a tunnel's {@code CONNECT}
   * with anything but 200 (such as 407 or 403, or 502 when it could not reach the target), it
   * answered a plain-http request with 407, or the proxy selector offered only a SOCKS proxy. The
   * exception's host is the proxy. Nothing reached the target; not retried.
   */
  PROXY_REFUSED(false),
  /**
   * TLS failed: the handshake (nothing was sent; such as a certificate no trusted CA signed, or one
   * for another host name), or the encrypted connection later.
   */
  TLS(false),
  /**
   * The connection broke after the request may have been sent: reset or closed by the peer, an
   * answer that is not valid HTTP, or the HTTP client failing mid-exchange.
   */
  CONNECTION_RESET(false),
  /** One attempt got no answer within the attempt (or response) timeout. */
  ATTEMPT_TIMEOUT(true),
  /** The whole call, retries and their waits included, ran out of its call timeout. */
  CALL_TIMEOUT(true),
  /** The client was closed before or during the call. */
  CLOSED(false),
  /** The calling thread was interrupted while waiting to retry. */
  INTERRUPTED(false),
  /**
   * The request could not be made: a credential supplier of the caller failed. Nothing was sent.
   */
  REQUEST_NOT_BUILT(false);

  private final boolean timeout;

  TransportFailure(boolean timeout) {
    this.timeout = timeout;
  }

  /** Whether a timeout (connect, pool, attempt or call) ended the call. */
  public boolean isTimeout() {
    return timeout;
  }
}
