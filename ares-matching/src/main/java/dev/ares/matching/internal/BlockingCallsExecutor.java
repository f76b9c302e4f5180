package dev.ares.matching.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the default async methods of {@code AssetMatcher} run a blocking matcher: at most {@value
 * #MAX_THREADS} daemon threads, created on demand and gone after a minute idle, so an application
 * that never matches asynchronously pays nothing and one that does cannot exhaust its threads. Work
 * beyond the threads waits in line.
 *
 * <p>Internal: not part of the public API.
 */
public final class BlockingCallsExecutor {

  /** The most threads the shared pool starts. */
  public static final int MAX_THREADS = 16;

  private static final Executor SHARED = newPool();

  private BlockingCallsExecutor() {}

  /** The pool shared by every matcher of the JVM. */
  public static Executor shared() {
    return SHARED;
  }

  private static Executor newPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread t = new Thread(task, "ares-matcher-blocking-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
