package dev.ares.matcher.server;

/**
 * Hears what a {@link MatcherServer} does, for metrics: set one with {@link
 * MatcherServer.Builder#eventListener}. {@code MicrometerMatcherServerListener} in {@code
 * ares-micrometer} records these on a Micrometer registry.
 *
 * <p>A listener is given routes, statuses, outcomes and durations: never a header value, a body, a
 * token, a query, a client id or an address. Its methods are called on the server's I/O threads:
 * keep them fast, non-blocking and thread-safe. An exception a listener throws is logged (its class
 * only, at WARN) and changes nothing. Every method does nothing by default.
 */
public interface MatcherServerListener {

  /**
   * A request whose head arrived has ended: answered (its answer written) or abandoned. Called once
   * per request, refusals included.
   */
  default void requestEnd(ServedRequest request) {}

  /** A connection was closed before any request on it was read. */
  default void connectionRefused(ConnectionRefusal reason) {}

  /** A listener that does nothing. */
  static MatcherServerListener none() {
    return new MatcherServerListener() {
      @Override
      public String toString() {
        return "MatcherServerListener.none()";
      }
    };
  }
}
