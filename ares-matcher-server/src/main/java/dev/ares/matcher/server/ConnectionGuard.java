package dev.ares.matcher.server;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;

/**
 * Closes a connection whose request head does not arrive in time: within the header timeout of
 * connecting; on a kept-alive connection, the next request's first byte within the idle timeout of
 * the previous exchange and the rest of its head within the header timeout of that byte. The I/O
 * reactor's socket timeout only closes connections that send nothing at all; this also closes those
 * that drip a header a byte at a time. A connection whose answer says {@code Connection: close} is
 * closed as soon as the answer is written. Connections over the cap are closed at once. Also counts
 * the connections accepted.
 */
final class ConnectionGuard implements IOSessionListener, Http1StreamListener {

  /** How long a connection answered early may drain the rest of its request before it is closed. */
  static final Duration LINGER = Duration.ofSeconds(1);

  private final ScheduledExecutorService timer;
  private final Duration headerTimeout;
  private final Duration idleTimeout;
  private final int maxConnections;
  private final Map<String, Watch> bySession = new ConcurrentHashMap<>();
  private final Map<SocketAddress, Watch> byRemote = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();

  /** One connection and its pending head deadline. */
  private static final class Watch {
    final IOSession session;
    final SocketAddress remote;
    volatile ScheduledFuture<?> deadline;

    /** Kept alive after an exchange, waiting for the first byte of the next request. */
    volatile boolean idle;

    /** Answered early and closing: no later event may postpone the close. */
    volatile boolean closing;

    Watch(IOSession session, SocketAddress remote) {
      this.session = session;
      this.remote = remote;
    }
  }

  ConnectionGuard(
      ScheduledExecutorService timer,
      Duration headerTimeout,
      Duration idleTimeout,
      int maxConnections) {
    this.timer = timer;
    this.maxConnections = maxConnections;
    this.headerTimeout = headerTimeout;
    this.idleTimeout = idleTimeout;
  }

  long accepted() {
    return accepted.get();
  }

  @Override
  public void connected(IOSession session) {
    accepted.incrementAndGet();
    SocketAddress remote = session.getRemoteAddress();
    if (remote == null || bySession.size() >= maxConnections) {
      session.close(
          CloseMode.IMMEDIATE); // over the cap: refused before it costs more than a socket
      return;
    }
    Watch watch = new Watch(session, remote);
    bySession.put(session.getId(), watch);
    byRemote.put(remote, watch);
    arm(watch, headerTimeout);
  }

  @Override
  public void onRequestHead(HttpConnection connection, HttpRequest request) {
    Watch watch = byRemote.get(connection.getRemoteAddress());
    if (watch != null && !watch.closing) {
      watch.idle = false;
      disarm(watch);
    }
  }

  @Override
  public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {
    Watch watch = byRemote.get(connection.getRemoteAddress());
    if (watch == null) {
      return;
    }
    if (keepAlive) {
      arm(watch, idleTimeout);
      watch.idle = true;
    } else {
      // An answer given before the request body was complete (408, 413, 401…). Closing at once
      // with body bytes still arriving makes the kernel reset the connection, which can destroy
      // the answer before the client reads it; HttpCore's graceful close drains the body, which
      // may never end. So: drain for a short, fixed time, then close whatever is left.
      watch.closing = true;
      disarm(watch);
      watch.deadline =
          timer.schedule(
              () -> watch.session.close(CloseMode.GRACEFUL),
              LINGER.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void disconnected(IOSession session) {
    // Keyed by the session's id: a closed socket may no longer know its remote address.
    Watch watch = bySession.remove(session.getId());
    if (watch != null) {
      byRemote.remove(watch.remote, watch);
      disarm(watch);
    }
  }

  private void arm(Watch watch, Duration timeout) {
    if (watch.closing) {
      return;
    }
    disarm(watch);
    watch.deadline =
        timer.schedule(
            () -> watch.session.close(CloseMode.IMMEDIATE),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private static void disarm(Watch watch) {
    ScheduledFuture<?> d = watch.deadline;
    if (d != null) {
      d.cancel(false);
    }
  }

  @Override
  public void onResponseHead(HttpConnection connection, HttpResponse response) {}

  @Override
  public void startTls(IOSession session) {}

  /**
   * The first bytes of the next request on a kept-alive connection: its head now has the header
   * timeout.
   */
  @Override
  public void inputReady(IOSession session) {
    Watch watch = bySession.get(session.getId());
    if (watch != null && watch.idle) {
      watch.idle = false;
      arm(watch, headerTimeout);
    }
  }

  @Override
  public void outputReady(IOSession session) {}

  @Override
  public void timeout(IOSession session) {}

  @Override
  public void exception(IOSession session, Exception cause) {}
}
