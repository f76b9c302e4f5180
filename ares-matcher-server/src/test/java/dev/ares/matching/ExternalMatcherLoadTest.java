package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresTransportException;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.SdkThreads;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.pool.PoolStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One shared {@link ExternalMatcher}, 64 threads, 20,000 asset calls against the loopback matcher
 * and its fake IMS: no error, one token request, no leaked connection, the pool within its bound;
 * and {@code close()} under load fails the calls in flight cleanly without hanging.
 */
class ExternalMatcherLoadTest {

  private static final int THREADS = 64;
  private static final int CALLS = 20_000;

  @BeforeAll
  static void noDelay() {
    // Without it the JDK server's Nagle delay costs about 40 ms per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static Asset asset(int i) {
    return Asset.of(
        "urn:aaid:aem:" + i,
        Map.of(
            "commerce:isCommerce",
            "yes",
            "dam:status",
            "approved",
            "commerce:skus",
            List.of("sku-" + (i % 100), "sku-x"),
            "commerce:roles",
            List.of("image")));
  }

  @Test
  void sixtyFourThreadsShareOneMatcher() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger maxInPool = new AtomicInteger();
    try (LoopbackMatcherServer server = LoopbackMatcherServer.start(MatchBySku.commerceSkus());
        ExternalMatcher matcher =
            ExternalMatcher.builder().rule(server.externalMatcherInput()).build()) {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(
            threads.submit(
                () -> {
                  int done = 0;
                  for (int i; (i = next.getAndIncrement()) < CALLS; done++) {
                    AssetToProductResult r = matcher.matchAsset(asset(i));
                    if (r.productMatches().size() != 2
                        || !r.assetId().equals("urn:aaid:aem:" + i)) {
                      throw new AssertionError("wrong answer for asset " + i + ": " + r);
                    }
                    PoolStats stats = matcher.poolStats();
                    maxInPool.accumulateAndGet(stats.getLeased() + stats.getAvailable(), Math::max);
                  }
                  return done;
                }));
      }
      int total = 0;
      for (Future<Integer> w : workers) {
        total += w.get(60, TimeUnit.SECONDS);
      }
      assertEquals(CALLS, total);
      assertEquals(1, server.ims().tokenRequests(), "one token for every caller");
      assertEquals(0, matcher.poolStats().getLeased(), "leased connection left after the calls");
      // the matcher's host, plus one connection to the fake IMS, which listens on a port of its own
      assertTrue(
          maxInPool.get() <= ExternalMatcher.maxConnectionsPerHost(64) + 1,
          "pool grew to " + maxInPool.get());
    } finally {
      threads.shutdownNow();
      assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }
    assertEquals(List.of(), SdkThreads.alive(), "SDK threads left running");
  }

  @Test
  void closeWhileCallsAreInFlightFailsThemCleanly() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    CountDownLatch warmedUp = new CountDownLatch(THREADS * 2);
    AtomicInteger succeeded = new AtomicInteger();
    try (LoopbackMatcherServer server = LoopbackMatcherServer.start(MatchBySku.commerceSkus())) {
      ExternalMatcher matcher =
          ExternalMatcher.builder().rule(server.externalMatcherInput()).build();
      List<Future<AresTransportException>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            threads.submit(
                () -> {
                  for (int i = 0; ; i++) {
                    try {
                      matcher.matchAsset(asset(thread * 1_000_000 + i));
                      succeeded.incrementAndGet();
                      warmedUp.countDown();
                    } catch (AresTransportException e) {
                      return e; // the first failure ends this worker; it must be CLOSED
                    }
                  }
                }));
      }
      assertTrue(warmedUp.await(30, TimeUnit.SECONDS), "calls were running before close()");
      long start = System.nanoTime();
      matcher.close();
      for (Future<AresTransportException> w : workers) {
        AresTransportException e = w.get(10, TimeUnit.SECONDS);
        assertEquals(TransportFailure.CLOSED, e.failure(), e.getMessage());
      }
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(tookMs < 5_000, "close() and the failing calls took " + tookMs + " ms");
      assertEquals(0, matcher.poolStats().getLeased(), "leased connection left after close()");
      assertTrue(succeeded.get() >= THREADS * 2);
    } finally {
      threads.shutdownNow();
      assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }
    assertEquals(List.of(), SdkThreads.alive(), "SDK threads left running");
  }
}
