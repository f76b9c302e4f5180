package dev.ares.core.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * The one daemon thread of an engine that cancels a request when its attempt's budget runs out, and
 * starts the async calls' retries when their backoff has passed. Thread-safe.
 */
final class DeadlineAlarms {

  private final ScheduledThreadPoolExecutor timer;
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  /**
   * @param threads records the alarm thread as the engine's
   * @param threadName the name of the alarm thread, such as {@code ares-client-deadlines}
   */
  DeadlineAlarms(EngineThreads threads, String threadName) {
    ThreadFactory factory = threads.factory(threadName, false);
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread t = factory.newThread(runnable);
              this.threads.add(t);
              return t;
            });
    this.timer.setRemoveOnCancelPolicy(true);
    // Shutting down drops the pending alarms and retries and wakes the thread. Clearing the queue
    // by hand after shutdown() instead left the thread waiting, without a wake-up, for an alarm
    // that was gone (a thread that outlived its engine).
    this.timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    // A tick that is always due within a second keeps the head of the queue, so an alarm (usually
    // seconds away) joins the queue behind it without waking the thread once per attempt.
    this.timer.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * An alarm that cancels {@code request} (a classic request or an async exchange) after {@code
   * budgetNanos}.
   *
   * @throws RejectedExecutionException when the alarms were shut down
   */
  Alarm set(Cancellable request, long budgetNanos) {
    return new Alarm(request, budgetNanos);
  }

  /**
   * Runs {@code task} after {@code delayNanos}: an async call's next attempt. The task only starts
   * a non-blocking exchange, so it holds the thread for moments.
   *
   * @throws RejectedExecutionException when the alarms were shut down
   */
  ScheduledFuture<?> later(Runnable task, long delayNanos) {
    return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Stops the thread; waits a moment for it to end when {@code wait}, so no SDK thread outlives a
   * close (a close on an engine thread does not wait, lest it wait for itself).
   */
  void shutdown(boolean wait) {
    if (!wait) {
      timer.shutdown(); // no interrupt: the caller may be the alarm thread itself
      return;
    }
    timer.shutdownNow();
    try {
      // The executor reports termination while its last thread is still finishing: join it too.
      timer.awaitTermination(1, TimeUnit.SECONDS);
      for (Thread t : threads) {
        t.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One attempt's alarm. */
  final class Alarm {
    private final AtomicBoolean fired = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final ScheduledFuture<?> future;

    private Alarm(Cancellable request, long budgetNanos) {
      this.future =
          timer.schedule(
              () -> {
                fired.set(true);
                try {
                  request.cancel();
                } finally {
                  done.countDown();
                }
              },
              budgetNanos,
              TimeUnit.NANOSECONDS);
    }

    /** Whether the budget ran out and the request was cancelled. */
    boolean fired() {
      return fired.get();
    }

    /**
     * Disarms the alarm without waiting: for async exchanges, whose end the alarm's cancel may
     * itself report on the alarm thread.
     */
    void disarm() {
      future.cancel(false);
    }

    /**
     * Disarms the alarm; if it fired, waits (a moment) for its cancel to release the connection.
     */
    void clear() {
      disarm();
      if (fired.get()) {
        try {
          done.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
