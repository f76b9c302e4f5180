package dev.ares.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Calls made in a loopback benchmark's trial setup, from a few threads, before JMH's warmup
 * iterations: the code's hot paths are compiled while the JIT still gets a fair share of the CPU.
 *
 * <p>Why: under 16 or 32 benchmark threads, and as many server threads, on two cores, the JIT's
 * compiler threads got so little CPU that the clients were still speeding up after 30 s of
 * iterations, and the side with more code to compile (the SDK) was measured earlier on its curve.
 * Both sides of a claim make the same calls (bench/RESULTS.md, "Warming up under load").
 */
final class WarmupCalls {

  /** The default number of calls; {@code -Dbench.warmupCalls} overrides it (0 turns it off). */
  static final int DEFAULT_CALLS = 20_000;

  /** Threads making them: enough to reach the pools' contended paths, few enough for the JIT. */
  static final int THREADS = 4;

  private WarmupCalls() {}

  /**
   * Makes {@code -Dbench.warmupCalls} calls (rounded up to a multiple of {@value #THREADS}) from
   * {@value #THREADS} threads; any failure throws.
   */
  static void run(Callable<?> call) throws Exception {
    int calls = Integer.getInteger("bench.warmupCalls", DEFAULT_CALLS);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < (calls + THREADS - 1) / THREADS; i++) {
                    if (call.call() == null) {
                      throw new IllegalStateException("a warmup call returned nothing");
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(); // rethrows a failed call
      }
    } finally {
      threads.shutdownNow(); // after a failure, the other threads stop too
    }
  }
}
