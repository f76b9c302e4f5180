package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.internal.HttpAresClient;
import dev.ares.client.model.TenantInput;
import dev.ares.client.testing.FakeAresServer;
import dev.ares.core.AresTransportException;
import dev.ares.core.testsupport.SdkThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One shared client, 64 threads, 20,000 calls: no error, no leak, the pool within its bound. */
class LoadTest {

  private static final int THREADS = 64;
  private static final int CALLS = 20_000;
  private static final int POOL = 16;

  @Test
  void sixtyFourThreadsShareOneClient() throws Exception {
    TenantInput tenant = Fixtures.tenant();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    AtomicInteger next = new AtomicInteger();
    try (FakeAresServer fake = FakeAresServer.start();
        AresClient ares =
            AresClient.builder()
                .endpoint(fake.endpoint())
                .apiKey("k")
                .environmentId("e")
                .gatewaySignature("j")
                .maxConnections(POOL)
                .build()) {
      HttpAresClient http = (HttpAresClient) ares;
      List<Future<Integer>> workers = new ArrayList<>();
      AtomicInteger maxInUse = new AtomicInteger();
      for (int t = 0; t < THREADS; t++) {
        workers.add(
            threads.submit(
                () -> {
                  int done = 0;
                  for (int i; (i = next.getAndIncrement()) < CALLS; done++) {
                    ares.registerTenant(tenant.withProjectId("project-" + i)).requireTenantId();
                    var stats = http.poolStats();
                    maxInUse.accumulateAndGet(stats.getLeased() + stats.getAvailable(), Math::max);
                  }
                  return done;
                }));
      }
      int total = 0;
      for (Future<Integer> w : workers) {
        total += w.get(90, TimeUnit.SECONDS);
      }
      assertEquals(CALLS, total);
      assertEquals(CALLS, fake.tenants().size());
      assertEquals(0, http.poolStats().getLeased());
      assertTrue(maxInUse.get() <= POOL, "pool grew to " + maxInUse.get());
    } finally {
      threads.shutdownNow();
    }
    assertEquals(List.of(), SdkThreads.alive());
  }

  @Test
  void closeWhileManyCallsAreInFlightFailsThemCleanly() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try (FakeAresServer fake = FakeAresServer.start()) {
      AresClient ares =
          AresClient.builder()
              .endpoint(fake.endpoint())
              .apiKey("k")
              .environmentId("e")
              .gatewaySignature("j")
              .maxConnections(POOL)
              .build();
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger failedCleanly = new AtomicInteger();
      List<Future<?>> workers = new ArrayList<>();
      java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(200);
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 1_000_000; i++) {
                    try {
                      ares.registerTenant(
                          Fixtures.tenantBuilder().projectId("p-" + thread + "-" + i).build());
                      ok.incrementAndGet();
                      started.countDown();
                    } catch (AresTransportException e) {
                      failedCleanly.incrementAndGet();
                      return;
                    }
                  }
                }));
      }
      started.await(30, TimeUnit.SECONDS);
      ares.close();
      for (Future<?> w : workers) {
        w.get(10, TimeUnit.SECONDS); // would throw if any call hung or failed another way
      }
      assertEquals(THREADS, failedCleanly.get());
      assertTrue(ok.get() >= 200);
    } finally {
      threads.shutdownNow();
    }
    assertEquals(List.of(), SdkThreads.alive());
  }
}
