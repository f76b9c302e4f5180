package dev.ares.matcher.server;

/**
 * Why a {@link MatcherServer} closed a connection before any request on it, as a {@link
 * MatcherServerListener} hears it.
 */
public enum ConnectionRefusal {
  /** The server held as many connections as it may (from all addresses, or from this one). */
  CONNECTION_CAP,
  /**
   * The connection closed before its TLS handshake ended: the client spoke plain HTTP to the TLS
   * port, sent bytes that are no TLS handshake, offered nothing the server accepts or did not trust
   * its certificate; or it left, or was timed out, first.
   */
  TLS_HANDSHAKE
}
