package dev.ares.onboarding.internal;

import dev.ares.onboarding.CheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a preflight's tasks on a bounded pool of daemon threads, each within its own timeout counted
 * from when it starts: a task still running then is interrupted and its checks fail "timed out". A
 * task that ignores the interrupt holds its thread, so the whole run is bounded too: tasks not done
 * when every slot has had its timeout (plus a grace) fail "timed out" as well. Never throws for
 * what a task does; a task that throws fails its checks with the exception's type only (its message
 * may hold anything).
 *
 * <p>Internal: not part of the public API.
 */
public final class CheckRunner {

  private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final int threads;
  private final Duration timeout;

  /** A runner of at most {@code threads} tasks at once, each within {@code timeout}. */
  public CheckRunner(int threads, Duration timeout) {
    this.threads = threads;
    this.timeout = timeout;
  }

  /** Runs every task and returns their results in the tasks' order. */
  public List<CheckResult> run(List<CheckTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    int poolSize = Math.min(threads, tasks.size());
    ExecutorService pool = Executors.newFixedThreadPool(poolSize, daemonThreads());
    List<CompletableFuture<List<CheckResult>>> outcomes = new ArrayList<>();
    try {
      for (CheckTask task : tasks) {
        outcomes.add(start(pool, task));
      }
      long waves = (tasks.size() + poolSize - 1) / poolSize;
      long deadline = System.nanoTime() + timeout.toNanos() * waves + grace();
      List<CheckResult> results = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        results.addAll(await(outcomes.get(i), tasks.get(i), deadline));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private CompletableFuture<List<CheckResult>> start(ExecutorService pool, CheckTask task) {
    CompletableFuture<List<CheckResult>> outcome = new CompletableFuture<>();
    Future<?> running =
        pool.submit(
            () -> {
              // Counted from the start, not the submission: a queued task gets its full time.
              outcome.completeOnTimeout(timedOut(task), timeout.toMillis(), TimeUnit.MILLISECONDS);
              try {
                outcome.complete(settled(task, task.work().get()));
              } catch (RuntimeException | Error e) {
                LOG.debug("preflight check {} threw {}", task.ids(), e.getClass().getName());
                outcome.complete(threw(task, e));
              }
            });
    // A task that timed out is interrupted, so that its thread is free for the next one.
    outcome.whenComplete((results, failure) -> running.cancel(true));
    return outcome;
  }

  private List<CheckResult> await(
      CompletableFuture<List<CheckResult>> outcome, CheckTask task, long deadline) {
    long left = Math.max(0, deadline - System.nanoTime());
    try {
      return outcome.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return timedOut(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failAll(task, "interrupted before the check ended");
    } catch (ExecutionException e) {
      return threw(task, e.getCause());
    }
  }

  private long grace() {
    return Math.min(timeout.toNanos(), TimeUnit.SECONDS.toNanos(1));
  }

  /** The task's results, checked: one per id, in the task's order, whatever the task returned. */
  private static List<CheckResult> settled(CheckTask task, List<CheckResult> results) {
    List<CheckResult> ordered = new ArrayList<>();
    for (int i = 0; i < task.ids().size(); i++) {
      String id = task.ids().get(i);
      CheckResult found =
          results == null
              ? null
              : results.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
      ordered.add(
          found != null
              ? found
              : Results.fail(
                  id, task.checked().get(i), "the check gave no result", "report this as a bug"));
    }
    return ordered;
  }

  private List<CheckResult> timedOut(CheckTask task) {
    return failAll(task, "timed out after " + timeout.toMillis() + " ms");
  }

  private static List<CheckResult> threw(CheckTask task, Throwable e) {
    return failAll(task, "the check failed unexpectedly (" + e.getClass().getSimpleName() + ")");
  }

  private static List<CheckResult> failAll(CheckTask task, String evidence) {
    List<CheckResult> results = new ArrayList<>();
    for (int i = 0; i < task.ids().size(); i++) {
      results.add(
          Results.fail(
              task.ids().get(i),
              task.checked().get(i),
              evidence,
              "check that the host answers, or give the preflight a longer checkTimeout"));
    }
    return results;
  }

  private static ThreadFactory daemonThreads() {
    int run = RUNS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ares-preflight-" + run + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
