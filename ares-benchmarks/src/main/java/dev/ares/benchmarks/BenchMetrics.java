package dev.ares.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler, run inside each fork, that reports secondary metrics per measurement iteration
 * (aggregated as the maximum over iterations):
 *
 * <ul>
 *   <li>with {@code -Dbench.heap=true} in the fork's JVM arguments, heap figures: before each
 *       iteration it runs {@code System.gc()} and resets the peak usage of every heap memory pool;
 *       after it, {@link #HEAP_PEAK} is the sum of the pools' {@link
 *       MemoryPoolMXBean#getPeakUsage() peak usage} (an upper bound of the heap's peak, eden's
 *       garbage included), {@link #HEAP_LIVE_PEAK} the largest heap use right after a collection
 *       during the iteration (what was live), {@link #HEAP_BEFORE} the heap in use after the forced
 *       collection (the data built in {@code @Setup}, the same for both sides of a claim) and
 *       {@link #HEAP_PEAK_ABOVE_SETUP} the peak less that;
 *   <li>the gauges benchmarks registered with {@link #gauge(String, DoubleSupplier)}, such as
 *       requests counted by a loopback server, read after each iteration.
 * </ul>
 */
public final class BenchMetrics implements InternalProfiler {

  /** Sum of the heap pools' peak usage during the iteration, in MB. */
  static final String HEAP_PEAK = "heap.peak.MB";

  /** The largest heap use after a collection during the iteration, in MB. */
  static final String HEAP_LIVE_PEAK = "heap.liveAfterGc.peak.MB";

  /**
   * {@link #HEAP_PEAK} less {@link #HEAP_BEFORE}: what the operation itself added, garbage
   * included.
   */
  static final String HEAP_PEAK_ABOVE_SETUP = "heap.peakAboveSetup.MB";

  /** Heap in use after the collection forced before the iteration, in MB. */
  static final String HEAP_BEFORE = "heap.beforeIteration.MB";

  private static final Map<String, DoubleSupplier> GAUGES = new ConcurrentHashMap<>();
  private static final AtomicLong LIVE_PEAK = new AtomicLong();
  private static volatile boolean listening;

  private final boolean heap = Boolean.getBoolean("bench.heap");
  private long before;

  /** Reports {@code supplier}'s value after each iteration as metric {@code name}. */
  static void gauge(String name, DoubleSupplier supplier) {
    GAUGES.put(name, supplier);
  }

  @Override
  public String getDescription() {
    return "ARES secondary metrics: heap peaks and benchmark gauges";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    if (!heap) {
      return;
    }
    listen();
    System.gc();
    System.gc();
    before = heapUsed();
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
    }
    LIVE_PEAK.set(before);
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    List<Result> results = new ArrayList<>();
    if (heap) {
      long peak = 0;
      for (MemoryPoolMXBean pool : heapPools()) {
        peak += pool.getPeakUsage().getUsed();
      }
      results.add(new ScalarResult(HEAP_PEAK, mb(peak), "MB", AggregationPolicy.MAX));
      results.add(
          new ScalarResult(HEAP_PEAK_ABOVE_SETUP, mb(peak - before), "MB", AggregationPolicy.MAX));
      results.add(
          new ScalarResult(HEAP_LIVE_PEAK, mb(LIVE_PEAK.get()), "MB", AggregationPolicy.MAX));
      results.add(new ScalarResult(HEAP_BEFORE, mb(before), "MB", AggregationPolicy.MAX));
    }
    GAUGES.forEach(
        (name, supplier) ->
            results.add(
                new ScalarResult(name, supplier.getAsDouble(), "#", AggregationPolicy.MAX)));
    return results;
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pools.add(pool);
      }
    }
    return pools;
  }

  /** Records the heap in use after every collection, from the collectors' notifications. */
  private static synchronized void listen() {
    if (listening) {
      return;
    }
    listening = true;
    java.util.Set<String> heapPoolNames = new java.util.HashSet<>();
    heapPools().forEach(pool -> heapPoolNames.add(pool.getName()));
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                  if (heapPoolNames.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                  }
                }
                LIVE_PEAK.accumulateAndGet(used, Math::max);
              },
              null,
              null);
    }
  }
}
