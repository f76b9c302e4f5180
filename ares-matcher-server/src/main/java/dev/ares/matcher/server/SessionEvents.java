package dev.ares.matcher.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;

/**
 * Puts a {@link MatcherServer}'s connection events in front of its {@link ConnectionGuard}, the
 * same with TLS as without, and tells the {@link RequestTracker} which connections were refused.
 *
 * <p>HttpCore starts TLS on a connection before it reports the connection as connected, and then
 * reports it only once the handshake is done: a guard that waited for that would neither count a
 * connection in its handshake against the connection caps nor hold the handshake to the header
 * timeout. So a TLS connection is passed on as connected when its TLS starts (at accept), and the
 * report after the handshake is not passed on. A connection the guard closes at once is a {@link
 * ConnectionRefusal#CONNECTION_CAP} refusal; a TLS connection that closes before its handshake
 * ended (it failed: plain HTTP, garbage, no trust in the certificate; or the client left, or was
 * timed out, first) is a {@link ConnectionRefusal#TLS_HANDSHAKE} one.
 */
final class SessionEvents implements IOSessionListener {

  private final IOSessionListener guard;
  private final RequestTracker tracker;

  /**
   * TLS connections by session id: {@code false} while in the handshake, {@code true} once it ended
   * or the connection was refused.
   */
  private final Map<String, Boolean> tls = new ConcurrentHashMap<>();

  SessionEvents(IOSessionListener guard, RequestTracker tracker) {
    this.guard = guard;
    this.tracker = tracker;
  }

  @Override
  public void startTls(IOSession session) {
    // Refused at once: its handshake cannot fail any more, so it is not counted twice.
    tls.put(session.getId(), !accepted(session));
    guard.startTls(session);
  }

  @Override
  public void connected(IOSession session) {
    Boolean handshakeDone = tls.get(session.getId());
    if (handshakeDone == null) {
      accepted(session);
    } else if (!handshakeDone) {
      tls.put(session.getId(), Boolean.TRUE); // the handshake ended; the guard knows it already
    }
  }

  /** Tells the guard; whether it kept the connection. */
  private boolean accepted(IOSession session) {
    guard.connected(session);
    if (session.isOpen()) {
      return true;
    }
    tracker.refused(ConnectionRefusal.CONNECTION_CAP);
    return false;
  }

  @Override
  public void exception(IOSession session, Exception cause) {
    guard.exception(session, cause);
  }

  @Override
  public void disconnected(IOSession session) {
    if (Boolean.FALSE.equals(tls.remove(session.getId()))) {
      tracker.refused(ConnectionRefusal.TLS_HANDSHAKE);
    }
    guard.disconnected(session);
  }

  @Override
  public void inputReady(IOSession session) {
    guard.inputReady(session);
  }

  @Override
  public void outputReady(IOSession session) {
    guard.outputReady(session);
  }

  @Override
  public void timeout(IOSession session) {
    guard.timeout(session);
  }
}
