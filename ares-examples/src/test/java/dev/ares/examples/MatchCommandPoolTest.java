package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code match --concurrency N} keeps N calls in flight: the matcher's pool is sized to it. */
class MatchCommandPoolTest {

  private static final int CONCURRENCY = 100;
  private static final Pattern ID = Pattern.compile("urn:test:\\d+");

  @Test
  void aHundredCallsAreInFlightAtOnceOnAHundredConnections(@TempDir Path dir) throws Exception {
    CountDownLatch allWaiting = new CountDownLatch(CONCURRENCY);
    AtomicBoolean gaveUp = new AtomicBoolean();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    Set<InetSocketAddress> openAtOnce = ConcurrentHashMap.newKeySet();
    AtomicInteger mostConnections = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 500);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          String request =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String body;
          if (exchange.getRequestURI().getPath().startsWith("/ims")) {
            body = "{\"access_token\":\"tok-1234\",\"token_type\":\"bearer\",\"expires_in\":3600}";
          } else {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            openAtOnce.add(exchange.getRemoteAddress());
            mostConnections.accumulateAndGet(openAtOnce.size(), Math::max);
            allWaiting.countDown();
            try {
              // Hold every answer until CONCURRENCY calls wait at once; fewer never get there.
              if (!gaveUp.get() && !allWaiting.await(5, TimeUnit.SECONDS)) {
                gaveUp.set(true);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            openAtOnce.remove(exchange.getRemoteAddress());
            inFlight.decrementAndGet();
            Matcher id = ID.matcher(request);
            body =
                "{\"asset_id\":\""
                    + (id.find() ? id.group() : "?")
                    + "\",\"product_matches\":[{\"product_sku\":\"s\"}]}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Path tenant =
          Files.writeString(
              dir.resolve("external.json"),
              "{\"projectId\":\"p\",\"ruleType\":\"externalMatcher\","
                  + "\"externalMatcher\":{\"assetToProductUrl\":\""
                  + base
                  + "/a2p\",\"productToAssetUrl\":\""
                  + base
                  + "/p2a\",\"credentials\":{\"oauthServerUrl\":\""
                  + base
                  + "/ims/token/v3\",\"clientId\":\"client-1\","
                  + "\"clientSecret\":\"secret-1234\",\"imsOrgId\":\"ORG@AdobeOrg\"}}}");
      StringBuilder assets = new StringBuilder();
      for (int i = 0; i < 2 * CONCURRENCY; i++) {
        assets.append("{\"assetId\":\"urn:test:").append(i).append("\",\"metadata\":{}}\n");
      }
      Path assetsFile = Files.writeString(dir.resolve("assets.jsonl"), assets);
      int status =
          Main.run(
              new String[] {
                "match",
                "--concurrency",
                String.valueOf(CONCURRENCY),
                tenant.toString(),
                assetsFile.toString()
              },
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      String printed = err.toString(StandardCharsets.UTF_8);
      assertEquals(0, status, printed);
      assertEquals(
          "match: 200 assets: 200 matched, 0 without a product, 0 skipped, 0 failed\n", printed);
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
    assertEquals(0, allWaiting.getCount(), "calls that were never in flight together");
    assertEquals(CONCURRENCY, mostInFlight.get(), "calls in flight at once");
    assertEquals(CONCURRENCY, mostConnections.get(), "connections in use at once");
    assertTrue(!gaveUp.get(), "a held answer gave up waiting");
  }

  @Test
  void theFakeMatchersPoolStaysWithinWhatTheLoopbackServerAccepts() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    dev.ares.client.model.TenantInput external;
    try (var elsewhere =
        dev.ares.matcher.server.testing.LoopbackMatcherServer.start(
            dev.ares.matching.MatchBySku.commerceSkus())) {
      external = TenantMatcher.readTenant(null).withRule(elsewhere.externalMatcherInput());
    }
    for (int concurrency : new int[] {1, 100, 128, 129, 1000, 5000}) {
      try (TenantMatcher fake =
          TenantMatcher.open(
              external,
              "t.json",
              true,
              quiet,
              dev.ares.matching.BulkMatcher.externalMatcherHttpOptions(concurrency))) {
        int pool =
            ((dev.ares.matching.ExternalMatcher) fake.matcher()).httpOptions().maxConnections();
        assertTrue(pool <= TenantMatcher.LOOPBACK_CONNECTIONS, concurrency + ": " + pool);
        assertTrue(
            pool >= Math.min(2 * concurrency, TenantMatcher.LOOPBACK_CONNECTIONS), "" + pool);
      }
    }
  }
}
