package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.testsupport.SdkThreads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.pool.PoolStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One shared check under load from 64 threads, one shared signing client whose every request the
 * verifying fake store accepts, and {@code close()} while calls are in flight.
 */
class CredentialsCheckLoadTest {

  static {
    // Without it the JDK server delays every small answer by ~40 ms (Nagle and delayed ACK).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final int THREADS = 64;
  private static final int CALLS = 20_000;
  private static final int POOL = 16;

  private ExecutorService callers;

  @AfterEach
  void noSdkThreadLeft() throws Exception {
    if (callers != null) {
      callers.shutdownNow();
      assertTrue(callers.awaitTermination(5, TimeUnit.SECONDS));
    }
    assertEquals(List.of(), SdkThreads.alive(), "SDK threads left running");
  }

  /**
   * A loopback server answering every request with an empty product page, remembering each
   * request's OAuth nonce: the load is on the check, not on a verifying store.
   */
  private static HttpServer fixedAnswerServer(Set<String> nonces, ExecutorService handlers)
      throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    byte[] page = "{\"items\":[],\"total_count\":0}".getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher nonce = NONCE.matcher(authorization == null ? "" : authorization);
            int status = nonce.find() && nonces.add(nonce.group(1)) ? 200 : 401;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, page.length);
            exchange.getResponseBody().write(page);
          }
        });
    server.start();
    return server;
  }

  private static final Pattern NONCE = Pattern.compile("oauth_nonce=\"([^\"]+)\"");

  @Test
  void sharedCheckServes20000CallsFrom64ThreadsWithABoundedPool() throws Exception {
    Set<String> nonces = ConcurrentHashMap.newKeySet();
    ExecutorService handlers = Executors.newFixedThreadPool(4);
    HttpServer server = fixedAnswerServer(nonces, handlers);
    try (CommerceCredentialsCheck check =
        CommerceCredentialsCheck.builder()
            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
            .credentials(TestCredentials.DISTINCT)
            .maxConnections(POOL)
            .build()) {
      AtomicInteger remaining = new AtomicInteger(CALLS);
      AtomicInteger largestPool = new AtomicInteger();
      Map<String, Integer> failures = new ConcurrentHashMap<>();
      callers = Executors.newFixedThreadPool(THREADS);
      CountDownLatch done = new CountDownLatch(THREADS);
      for (int t = 0; t < THREADS; t++) {
        callers.execute(
            () -> {
              try {
                while (remaining.getAndDecrement() > 0) {
                  CredentialsCheckResult result = check.run();
                  if (!result.isOk() || result.attempts() != 1) {
                    failures.merge(result.toString(), 1, Integer::sum);
                  }
                  PoolStats stats = check.poolStats();
                  largestPool.accumulateAndGet(stats.getLeased() + stats.getAvailable(), Math::max);
                }
              } catch (RuntimeException e) {
                failures.merge(e.toString(), 1, Integer::sum);
              } finally {
                done.countDown();
              }
            });
      }
      assertTrue(done.await(50, TimeUnit.SECONDS), "the calls did not finish");
      assertEquals(Map.of(), failures);
      assertEquals(CALLS, nonces.size(), "every call signed once, with its own nonce");
      assertEquals(0, check.poolStats().getLeased());
      assertTrue(largestPool.get() <= POOL, "pool grew to " + largestPool.get());
    } finally {
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  @Test
  void sharedInterceptorSignsConcurrentRequestsTheStoreAccepts() throws Exception {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(8)
            .setMaxConnPerRoute(8)
            .build();
    int calls = 500;
    try (FakeCommerceServer store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start();
        CloseableHttpClient http =
            HttpClients.custom()
                .setConnectionManager(pool)
                .addRequestInterceptorLast(
                    CommerceSigningInterceptor.of(
                        CommerceRequestSigner.builder(TestCredentials.DISTINCT).build()))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .build()) {
      String url = store.baseUrl() + CommerceCredentialsCheck.PROBE;
      AtomicInteger remaining = new AtomicInteger(calls);
      Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
      callers = Executors.newFixedThreadPool(16);
      CountDownLatch done = new CountDownLatch(16);
      for (int t = 0; t < 16; t++) {
        callers.execute(
            () -> {
              try {
                while (remaining.getAndDecrement() > 0) {
                  int status =
                      http.execute(
                          new HttpGet(url),
                          r -> {
                            EntityUtils.consume(r.getEntity());
                            return r.getCode();
                          });
                  statuses.merge(status, 1, Integer::sum);
                }
              } catch (Exception e) {
                statuses.merge(-1, 1, Integer::sum);
              } finally {
                done.countDown();
              }
            });
      }
      assertTrue(done.await(30, TimeUnit.SECONDS), "the calls did not finish");
      assertEquals(Map.of(200, calls), statuses);
      assertEquals(calls, store.acceptedCount());
      assertEquals(0, pool.getTotalStats().getLeased());
      assertTrue(pool.getTotalStats().getAvailable() <= 8);
    }
  }

  @Test
  void closeWhileCallsAreInFlightFailsThemCleanly() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start()) {
      CommerceCredentialsCheck check =
          CommerceCredentialsCheck.builder()
              .baseUrl(store.baseUrl())
              .credentials(TestCredentials.DISTINCT)
              .maxConnections(4)
              .build();
      LongAdder ok = new LongAdder();
      LongAdder closed = new LongAdder();
      AtomicReference<String> unexpected = new AtomicReference<>();
      CountDownLatch warmedUp = new CountDownLatch(100);
      CountDownLatch done = new CountDownLatch(THREADS);
      callers = Executors.newFixedThreadPool(THREADS);
      for (int t = 0; t < THREADS; t++) {
        callers.execute(
            () -> {
              try {
                for (int i = 0; i < 10_000; i++) {
                  CredentialsCheckResult result = check.run();
                  if (result.isOk()) {
                    ok.increment();
                    warmedUp.countDown();
                  } else if (result.verdict() == CredentialsVerdict.STORE_NOT_REACHED
                      && result.message().startsWith("the credentials check was closed")) {
                    closed.increment();
                    return;
                  } else {
                    unexpected.compareAndSet(null, result.toString());
                    return;
                  }
                }
              } catch (Throwable e) {
                unexpected.compareAndSet(null, e.toString());
              } finally {
                done.countDown();
              }
            });
      }
      assertTrue(warmedUp.await(30, TimeUnit.SECONDS));
      check.close();
      assertTrue(done.await(5, TimeUnit.SECONDS), "calls hung after close()");
      assertEquals(null, unexpected.get());
      assertEquals(THREADS, closed.sum());
      assertEquals(0, check.poolStats().getLeased());
    }
  }

  @Test
  void closeWhileCallsWaitForAnswersAndForConnections() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch arrived = new CountDownLatch(8);
    HttpServer stalling =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService handlers = Executors.newCachedThreadPool();
    stalling.setExecutor(handlers);
    stalling.createContext(
        "/",
        exchange -> {
          arrived.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    stalling.start();
    try {
      CommerceCredentialsCheck check =
          CommerceCredentialsCheck.builder()
              .baseUrl("http://127.0.0.1:" + stalling.getAddress().getPort())
              .credentials(TestCredentials.DISTINCT)
              .maxConnections(8)
              .callTimeout(Duration.ofSeconds(20))
              .build();
      callers = Executors.newFixedThreadPool(16);
      List<Future<CredentialsCheckResult>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(callers.submit(check::run));
      }
      assertTrue(arrived.await(10, TimeUnit.SECONDS), "8 calls should hold the 8 connections");
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (check.poolStats().getPending() < 8 && System.nanoTime() < waitUntil) {
        Thread.yield(); // the other 8 queue for a connection
      }
      assertEquals(8, check.poolStats().getPending());
      long start = System.nanoTime();
      check.close();
      for (Future<CredentialsCheckResult> call : calls) {
        CredentialsCheckResult result = call.get(5, TimeUnit.SECONDS);
        assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
        assertTrue(
            result.message().startsWith("the credentials check was closed"), result.message());
      }
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 4_000);
      assertEquals(0, check.poolStats().getLeased());
    } finally {
      release.countDown();
      stalling.stop(0);
      handlers.shutdownNow();
    }
  }
}
