package dev.ares.core.internal.http;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where an engine's async calls take their steps (an attempt's end, a retry's start) and complete
 * their futures: a few daemon threads of the engine's own, as the JDK's HttpClient does, so that
 * what a caller chains to a future never runs on the deadline thread or an I/O thread, and a
 * callback that blocks (even on another call of the same engine) stalls neither deadlines nor I/O.
 * Threads start on demand and end after a while idle; once shut down, steps run on the thread that
 * hands them over, so no call is left without its end.
 */
final class CallbackThreads {

  /** The most callback threads: steps are short; a blocking callback holds one of them. */
  static final int THREADS = 4;

  private final ThreadPoolExecutor pool;

  /**
   * @param threads records the threads as the engine's
   * @param name the threads' name prefix, such as {@code ares-client-callbacks}
   */
  CallbackThreads(EngineThreads threads, String name) {
    this.pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            threads.factory(name, true));
    this.pool.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code step} on a callback thread, or here once they are shut down. */
  void run(Runnable step) {
    try {
      pool.execute(step);
    } catch (RejectedExecutionException e) {
      step.run();
    }
  }

  /** Lets the steps handed over finish, then ends the threads; waits for them when {@code wait}. */
  void shutdown(boolean wait) {
    pool.shutdown();
    if (wait) {
      try {
        pool.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
