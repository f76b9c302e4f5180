package dev.ares.core.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a blocking call as a future, where no non-blocking form exists (a caller's classic HTTP
 * client, a user's own implementation). The shared pool has at most {@value #MAX_THREADS} daemon
 * threads ({@code ares-blocking-…}), created on demand and gone after a second idle, so an
 * application that never calls asynchronously pays nothing, one that does cannot exhaust its
 * threads, and no SDK thread outlives the work by more than a moment; work beyond the threads waits
 * in line.
 *
 * <p>Internal: not part of the public API.
 */
public final class BlockingCalls {

  /** The most threads the shared pool starts. */
  public static final int MAX_THREADS = 16;

  private static final Executor SHARED = newPool();

  private BlockingCalls() {}

  /** The pool shared by every client of the JVM. */
  public static Executor shared() {
    return SHARED;
  }

  /**
   * {@code call} run on {@code executor}: the future completes with its value, or exceptionally
   * with exactly what it threw (never a {@link java.util.concurrent.CompletionException} around
   * it). A call whose future is already done (cancelled) when its turn comes is not run; an
   * executor refusing the task fails the future with its {@link RejectedExecutionException}.
   */
  public static <T> CompletableFuture<T> supply(Supplier<T> call, Executor executor) {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(executor, "executor");
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            if (result.isDone()) {
              return;
            }
            try {
              result.complete(call.get());
            } catch (Throwable e) { // an Error too: the caller waits on this future, not a thread
              result.completeExceptionally(e);
            }
          });
    } catch (Throwable e) { // refused, or an executor that runs the task and throws
      result.completeExceptionally(e);
    }
    return result;
  }

  private static Executor newPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread t = new Thread(task, "ares-blocking-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            MAX_THREADS, MAX_THREADS, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
