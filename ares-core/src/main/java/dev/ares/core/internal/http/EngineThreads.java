package dev.ares.core.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads an engine started (deadline, callback and I/O threads), known by identity so that a
 * {@link HttpEngine#close()} called on one of them does not wait for that very thread to end.
 */
final class EngineThreads {

  private final Set<Thread> alive = ConcurrentHashMap.newKeySet();

  /**
   * A factory of daemon threads named {@code name}, or {@code name-1}, {@code name-2}… when {@code
   * numbered}; each is known here until it ends.
   */
  ThreadFactory factory(String name, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread t =
          new Thread(
              () -> {
                try {
                  task.run();
                } finally {
                  alive.remove(Thread.currentThread());
                }
              },
              numbered ? name + "-" + count.incrementAndGet() : name);
      t.setDaemon(true);
      alive.add(t);
      return t;
    };
  }

  /** Whether the calling thread is one of the engine's. */
  boolean isCurrent() {
    return alive.contains(Thread.currentThread());
  }
}
