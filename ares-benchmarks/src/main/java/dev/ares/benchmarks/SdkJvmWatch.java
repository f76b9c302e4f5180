package dev.ares.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Watches the JVM an SDK run happens in: the threads started after {@link #start()} (the SDK's,
 * less the benchmark's own, named {@code bench-…}, and the JVM's on-demand ones), sampled every 20
 * ms, and the heap: the sum of the heap pools' peak usage (garbage included, an upper bound of the
 * peak) and the largest heap in use right after a collection (what was live).
 */
final class SdkJvmWatch implements AutoCloseable {

  /** The prefix of the benchmark's own threads, which are not counted as the SDK's. */
  static final String BENCH_THREAD_PREFIX = "bench-";

  private final Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
  private final AtomicLong liveAfterGcPeak = new AtomicLong();
  private final List<Runnable> unlisten = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean stopped;
  private volatile int peakThreads;
  private volatile List<String> peakThreadNames = List.of();

  private SdkJvmWatch() {
    System.gc();
    System.gc();
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
    }
    liveAfterGcPeak.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    listenToCollections();
    sampler = new Thread(this::sample, BENCH_THREAD_PREFIX + "thread-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts watching: threads alive now are not the SDK's. */
  static SdkJvmWatch start() {
    return new SdkJvmWatch();
  }

  /** The most SDK threads alive at once. */
  int peakThreads() {
    return peakThreads;
  }

  /** The SDK threads alive at that peak, by name prefix (digits dropped) with their count. */
  Map<String, Integer> peakThreadsByPrefix() {
    Map<String, Integer> byPrefix = new TreeMap<>();
    for (String name : peakThreadNames) {
      byPrefix.merge(name.replaceAll("[0-9]+", "N"), 1, Integer::sum);
    }
    return byPrefix;
  }

  /** The sum of the heap pools' peak usage since {@link #start()}, in MB. */
  double heapPeakMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      peak += pool.getPeakUsage().getUsed();
    }
    return peak / (1024.0 * 1024.0);
  }

  /** The largest heap in use right after a collection since {@link #start()}, in MB. */
  double liveAfterGcPeakMb() {
    return liveAfterGcPeak.get() / (1024.0 * 1024.0);
  }

  /** The collectors' names and counts, such as {@code G1 Young Generation=12}. */
  String collections() {
    List<String> all = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      all.add(gc.getName().replace(' ', '_') + "=" + gc.getCollectionCount());
    }
    return String.join(",", all);
  }

  @Override
  public void close() {
    stopped = true;
    sampler.interrupt();
    unlisten.forEach(Runnable::run);
  }

  private void sample() {
    while (!stopped) {
      List<String> names = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.isAlive() && !before.contains(t) && !notTheSdks(t.getName())) {
          names.add(t.getName());
        }
      }
      if (names.size() > peakThreads) {
        peakThreads = names.size();
        peakThreadNames = List.copyOf(names);
      }
      try {
        Thread.sleep(20); // a sampling period, not a wait for an event
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * The benchmark's own threads, and those the JVM starts on demand: a tool attaching ({@code jcmd}
   * for a thread dump) or more JIT compiler threads.
   */
  private static boolean notTheSdks(String name) {
    return name.startsWith(BENCH_THREAD_PREFIX)
        || name.equals("Attach Listener")
        || name.contains("CompilerThread");
  }

  private void listenToCollections() {
    Set<String> heapPoolNames = new HashSet<>();
    heapPools().forEach(pool -> heapPoolNames.add(pool.getName()));
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      NotificationEmitter emitter = (NotificationEmitter) gc;
      javax.management.NotificationListener listener =
          (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                notification.getType())) {
              return;
            }
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool :
                info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
              if (heapPoolNames.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
              }
            }
            liveAfterGcPeak.accumulateAndGet(used, Math::max);
          };
      emitter.addNotificationListener(listener, null, null);
      unlisten.add(
          () -> {
            try {
              emitter.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
              // already gone
            }
          });
    }
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
}
