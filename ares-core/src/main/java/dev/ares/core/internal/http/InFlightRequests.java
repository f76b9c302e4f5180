package dev.ares.core.internal.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * The requests (classic or async exchanges) of an engine under way, so that closing it can cancel
 * them and wait for them.
 */
final class InFlightRequests {

  private final Set<Cancellable> requests = ConcurrentHashMap.newKeySet();

  void add(Cancellable request) {
    requests.add(request);
  }

  /** Whether no request is under way. */
  boolean isEmpty() {
    return requests.isEmpty();
  }

  /** Removes a finished request; {@code closing} wakes a {@link #cancelAllAndAwait} waiting. */
  void remove(Cancellable request, boolean closing) {
    requests.remove(request);
    if (closing) {
      synchronized (requests) {
        requests.notifyAll();
      }
    }
  }

  /** Cancels every request and waits up to {@code limit} for them to release their connections. */
  void cancelAllAndAwait(Duration limit) {
    requests.forEach(Cancellable::cancel);
    long end = System.nanoTime() + limit.toNanos();
    synchronized (requests) {
      long left;
      while (!requests.isEmpty() && (left = end - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(requests, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
