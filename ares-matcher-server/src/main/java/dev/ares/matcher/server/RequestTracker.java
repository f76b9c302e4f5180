package dev.ares.matcher.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link MatcherServer} keeps about its requests besides answering them: how many are in
 * flight (so that {@link MatcherServer#shutdown} can wait for them), whether it is draining, and,
 * as each ends, its {@linkplain AccessLog access-log line} and the {@link MatcherServerListener}
 * event. Thread-safe.
 */
final class RequestTracker {

  private static final Logger LOG = LoggerFactory.getLogger(RequestTracker.class);

  private final MatcherServerListener listener;
  private final Object lock = new Object();
  private final Set<MatcherExchange> inFlight = new HashSet<>(); // guarded by lock
  private volatile boolean draining;

  RequestTracker(MatcherServerListener listener) {
    this.listener = listener;
  }

  /** A request's head arrived. */
  void started(MatcherExchange exchange) {
    synchronized (lock) {
      inFlight.add(exchange);
    }
  }

  /**
   * A request {@linkplain #started() started} has ended: logged and told to the listener, then no
   * longer in flight (so that once {@link #awaitIdle} returns, every line is written).
   */
  void ended(
      MatcherExchange exchange,
      ServedRequest request,
      String remote,
      String method,
      String path,
      String clientId) {
    try {
      AccessLog.write(
          remote, method, path, request.status(), request.duration().toMillis(), clientId);
      try {
        listener.requestEnd(request);
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("the MatcherServerListener failed: {}", e.getClass().getName());
      }
    } finally {
      synchronized (lock) {
        if (inFlight.remove(exchange) && inFlight.isEmpty()) {
          lock.notifyAll();
        }
      }
    }
  }

  /** A connection was closed before any request on it was read. */
  void refused(ConnectionRefusal reason) {
    try {
      listener.connectionRefused(reason);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("the MatcherServerListener failed: {}", e.getClass().getName());
    }
  }

  /** From now on every answer closes its connection. */
  void drain() {
    draining = true;
  }

  boolean draining() {
    return draining;
  }

  /** How many requests are in flight. */
  int inFlight() {
    synchronized (lock) {
      return inFlight.size();
    }
  }

  /**
   * Ends every request still in flight as abandoned: the server closed without ending their
   * exchanges, and each still gets its line and event.
   */
  void abandonAll() {
    List<MatcherExchange> left;
    synchronized (lock) {
      left = new ArrayList<>(inFlight);
    }
    left.forEach(MatcherExchange::abandon);
  }

  /**
   * Waits until no request is in flight or {@code deadlineNanos} (of {@link System#nanoTime()})
   * passes; whether none is.
   */
  boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    synchronized (lock) {
      while (!inFlight.isEmpty()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }
}
