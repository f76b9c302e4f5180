package dev.ares.matcher.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request-body bytes a {@link MatcherServer} holds at once, across all connections: each
 * exchange reserves what it buffers and gives it back when it ends, so many clients sending bodies
 * together cannot fill the heap.
 */
final class BodyBudget {

  private final long max;
  private final AtomicLong held = new AtomicLong();

  BodyBudget(long max) {
    this.max = max;
  }

  /**
   * Reserves {@code bytes}, or returns {@code false} (reserving nothing) when that would pass the
   * cap.
   */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > max) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    held.addAndGet(-bytes);
  }
}
