package dev.ares.matcher.server;

/**
 * Why a {@link MatcherServer} closed a connection before any request on it, as a {@link
 * MatcherServerListener} hears it.
 */
public enum ConnectionRefusal {
  /**
   * The server held as many connections as it may (from all addresses, or from this one), each of
   * them being served: the new connection was closed.
   */
  CONNECTION_CAP,
  /**
   * At a connection cap, a connection not being served (no whole request head yet, or answered and
   * waiting) was closed to let a new one in (see {@link MatcherServer.Builder#maxConnections}).
   */
  MADE_ROOM,
  /**
   * The connection closed before its TLS handshake ended: the client spoke plain HTTP to the TLS
   * port, sent bytes that are no TLS handshake, offered nothing the server accepts or did not trust
   * its certificate; or it left, or was timed out, first.
   */
  TLS_HANDSHAKE
}
