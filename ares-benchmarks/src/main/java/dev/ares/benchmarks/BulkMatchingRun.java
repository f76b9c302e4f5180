package dev.ares.benchmarks;

import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.Asset;
import dev.ares.matching.BulkMatcher;
import dev.ares.matching.BulkOrder;
import dev.ares.matching.BulkProgress;
import dev.ares.matching.ExternalMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SDK side of the bulk matching claim, run in a JVM of its own ({@link BulkMatchingClaim}
 * starts it with {@code -Xmx256m}) so that its heap and threads are the SDK's alone. Prints its
 * figures as {@code bench.name=value} lines on stdout.
 *
 * <p>Usage: {@code bulk <assetToProductUrl> <tokenUrl> <assets> <inFlight>}: every asset through a
 * {@link BulkMatcher} on one {@link ExternalMatcher}; or {@code blocking <assetToProductUrl>
 * <tokenUrl> <threads> <warmupMillis> <measureMillis>}: that many threads calling the blocking
 * {@link ExternalMatcher#matchAsset}, their rate measured after each has made one call and the
 * warmup.
 */
public final class BulkMatchingRun {

  /** The prefix of every figure line. */
  static final String PREFIX = "bench.";

  private BulkMatchingRun() {}

  /** Runs one side; see the class comment. */
  public static void main(String[] args) throws Exception {
    ExternalMatcherInput rule = rule(args[1], args[2]);
    Map<String, String> figures =
        switch (args[0]) {
          case "bulk" -> bulk(rule, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
          case "blocking" ->
              blocking(
                  rule,
                  Integer.parseInt(args[3]),
                  Long.parseLong(args[4]),
                  Long.parseLong(args[5]));
          default -> throw new IllegalArgumentException("bulk or blocking, got " + args[0]);
        };
    figures.forEach((name, value) -> System.out.println(PREFIX + name + "=" + value));
    System.out.flush();
  }

  private static Map<String, String> bulk(ExternalMatcherInput rule, int assets, int inFlight) {
    Map<String, String> figures = new TreeMap<>();
    try (SdkJvmWatch watch = SdkJvmWatch.start();
        ExternalMatcher matcher =
            ExternalMatcher.builder()
                .rule(rule)
                // Half of the pool for any one host: inFlight connections to the action.
                .maxConnections(2 * inFlight)
                .build()) {
      BulkMatcher bulk =
          BulkMatcher.builder()
              .matcher(matcher)
              .concurrency(inFlight)
              .order(BulkOrder.COMPLETION)
              .build();
      Map<String, Integer> failures = new TreeMap<>();
      LongAdder delivered = new LongAdder();
      long[] marks = new long[2]; // when 10% and 90% were delivered (one consuming thread)
      long cpuBefore = processCpuNanos();
      long start = System.nanoTime();
      BulkProgress totals =
          bulk.matchAssets(
              assets(assets),
              outcome -> {
                delivered.increment();
                long n = delivered.sum();
                if (n == assets / 10) {
                  marks[0] = System.nanoTime();
                } else if (n == assets - assets / 10) {
                  marks[1] = System.nanoTime();
                }
                if (outcome.isFailure()) {
                  failures.merge(outcome.failure().get().reason(), 1, Integer::sum);
                }
              });
      double seconds = (System.nanoTime() - start) / 1e9;
      figures.put("cpuMicrosPerItem", format((processCpuNanos() - cpuBefore) / 1e3 / assets));
      figures.put("items", Long.toString(delivered.sum()));
      figures.put("failed", Long.toString(totals.failed()));
      figures.put("failures", failures.toString().replace(' ', '_'));
      figures.put("seconds", format(seconds));
      figures.put("perSecond", format(delivered.sum() / seconds));
      if (marks[1] > marks[0] && marks[0] > 0) {
        // The middle 80%: the rate once started, before the tail drains.
        figures.put(
            "steadyPerSecond",
            format((assets - 2 * (assets / 10)) / ((marks[1] - marks[0]) / 1e9)));
      }
      watchFigures(watch, figures);
    }
    return figures;
  }

  private static Map<String, String> blocking(
      ExternalMatcherInput rule, int threads, long warmupMillis, long measureMillis)
      throws InterruptedException {
    Map<String, String> figures = new TreeMap<>();
    try (SdkJvmWatch watch = SdkJvmWatch.start();
        ExternalMatcher matcher = ExternalMatcher.builder().rule(rule).build()) {
      LongAdder calls = new LongAdder();
      LongAdder failed = new LongAdder();
      Map<String, Integer> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch ended = new CountDownLatch(threads);
      CountDownLatch firstCalls = new CountDownLatch(threads);
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t * 1_000_000;
        Thread caller =
            new Thread(
                () -> {
                  try {
                    for (int i = first; !stop.get(); i++) {
                      try {
                        matcher.matchAsset(asset(i));
                      } catch (RuntimeException e) {
                        failed.increment();
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                      }
                      calls.increment();
                      if (i == first) {
                        firstCalls.countDown();
                      }
                    }
                  } finally {
                    ended.countDown();
                  }
                },
                SdkJvmWatch.BENCH_THREAD_PREFIX + "blocking-caller-" + t);
        caller.setDaemon(true);
        callers.add(caller);
      }
      callers.forEach(Thread::start);
      firstCalls.await(); // every caller has its connection and the token
      Thread.sleep(warmupMillis); // the warmup and measurement windows are timed, not awaited
      long before = calls.sum();
      long cpuBefore = processCpuNanos();
      long start = System.nanoTime();
      Thread.sleep(measureMillis);
      long measured = calls.sum() - before;
      figures.put(
          "cpuMicrosPerItem",
          format((processCpuNanos() - cpuBefore) / 1e3 / Math.max(1, measured)));
      double seconds = (System.nanoTime() - start) / 1e9;
      stop.set(true);
      ended.await();
      figures.put("items", Long.toString(measured));
      figures.put("failed", Long.toString(failed.sum()));
      figures.put("failures", failures.toString().replace(' ', '_'));
      figures.put("seconds", format(seconds));
      figures.put("perSecond", format(measured / seconds));
      watchFigures(watch, figures);
    }
    return figures;
  }

  /** CPU time of this whole JVM (JIT and GC included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void watchFigures(SdkJvmWatch watch, Map<String, String> figures) {
    figures.put("heapPeakMb", format(watch.heapPeakMb()));
    figures.put("heapLiveAfterGcPeakMb", format(watch.liveAfterGcPeakMb()));
    figures.put("threadsPeak", Integer.toString(watch.peakThreads()));
    List<String> threads = new ArrayList<>();
    watch.peakThreadsByPrefix().forEach((prefix, count) -> threads.add(prefix + " x" + count));
    figures.put("threadsAtPeak", String.join(", ", threads));
    figures.put("collections", watch.collections());
    figures.put("maxHeapMb", format(Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0)));
  }

  /** {@code n} assets made one at a time as the bulk matcher reads them: none held in advance. */
  private static Iterator<Asset> assets(int n) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public Asset next() {
        if (next >= n) {
          throw new java.util.NoSuchElementException();
        }
        return asset(next++);
      }
    };
  }

  private static Asset asset(int i) {
    String sku = MatchingData.sku(i);
    return Asset.of(
        "urn:aaid:aem:" + i,
        Map.of(
            "commerce:skus", sku,
            "commerce:roles", "image;thumbnail",
            "commerce:isCommerce", "yes",
            "dam:status", "approved"));
  }

  private static ExternalMatcherInput rule(String assetToProductUrl, String tokenUrl) {
    return ExternalMatcherInput.builder()
        .assetToProductUrl(assetToProductUrl)
        .productToAssetUrl(assetToProductUrl.replace("asset-to-product", "product-to-asset"))
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl(tokenUrl)
                .clientId(LoopbackMatcherServer.CLIENT_ID)
                .clientSecret(LoopbackMatcherServer.CLIENT_SECRET)
                .imsOrgId(LoopbackMatcherServer.IMS_ORG_ID)
                .build())
        .build();
  }

  private static String format(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
