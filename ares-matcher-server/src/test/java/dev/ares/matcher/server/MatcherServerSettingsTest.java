package dev.ares.matcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.MatchBySku;
import dev.ares.matching.ProductToAssetResult;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The server builder at the exact edges of every limit, the server's URL and description, a port
 * that cannot be bound, and what {@link MatcherServer#close()} leaves behind.
 */
class MatcherServerSettingsTest {

  private static final byte[] VALID = "{\"productSku\":\"p1\"}".getBytes(StandardCharsets.UTF_8);

  private static AssetMatcherHttpHandler anonymous(AssetMatcher matcher) {
    return AssetMatcherHttpHandler.builder(matcher).allowAnonymous().build();
  }

  private static MatcherServer.Builder builder() {
    return MatcherServer.builder(anonymous(MatchBySku.commerceSkus()));
  }

  private static int call(MatcherServer server) throws Exception {
    try (Socket s = RawHttp.open(server.port(), 5000)) {
      RawHttp.send(s, RawHttp.post("/product-to-asset", "application/json", "", VALID));
      return RawHttp.status(s);
    }
  }

  @Test
  void everyLimitAtItsMaximumIsAccepted() throws Exception {
    try (MatcherServer server =
        builder()
            .bindAddress(InetAddress.getByName("127.0.0.1"))
            .workerThreads(256)
            .queueCapacity(65_536)
            .maxRequestBytes(64 << 20)
            .maxBufferedBytes(1L << 30)
            .maxConnections(65_536)
            .headerTimeout(Duration.ofMinutes(10))
            .bodyReadTimeout(Duration.ofMinutes(10))
            .idleTimeout(Duration.ofMinutes(10))
            .requestTimeout(Duration.ofMinutes(10))
            .start()) {
      assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());
      assertEquals("MatcherServer{http://127.0.0.1:" + server.port() + "}", server.toString());
      assertEquals(200, call(server));
    }
  }

  @Test
  void everyLimitAtItsMinimumIsAccepted() throws Exception {
    try (MatcherServer server =
        builder()
            .workerThreads(1)
            .queueCapacity(0)
            .maxRequestBytes(VALID.length)
            .maxBufferedBytes(VALID.length)
            .maxConnections(1)
            .start()) {
      assertEquals(200, call(server));
    }
    builder()
        .maxRequestBytes(1)
        .maxBufferedBytes(1)
        .headerTimeout(Duration.ofMillis(1))
        .bodyReadTimeout(Duration.ofMillis(1))
        .idleTimeout(Duration.ofMillis(1))
        .requestTimeout(Duration.ofMillis(1))
        .start()
        .close();
  }

  @Test
  void theHighestPortIsNotABadSetting() {
    // workerThreads(0) stops the start before binding: only the violations are compared
    AresValidationException e =
        assertThrows(
            AresValidationException.class, () -> builder().port(65_535).workerThreads(0).start());
    assertEquals(
        List.of(FieldViolation.of("workerThreads", "must be between 1 and 256")), e.violations());
  }

  @Test
  void everyLimitJustPastItsEdgeIsNamed() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                builder()
                    .port(-1)
                    .workerThreads(257)
                    .queueCapacity(-1)
                    .maxRequestBytes((64 << 20) + 1)
                    .maxConnections(0)
                    .headerTimeout(Duration.ofMinutes(10).plusMillis(1))
                    .bodyReadTimeout(Duration.ofMillis(-1))
                    .idleTimeout(Duration.ZERO)
                    .requestTimeout(Duration.ofMinutes(10).plusMillis(1))
                    .maxBufferedBytes(1L << 30)
                    .start());
    String timeout = "must be positive and at most PT10M";
    assertEquals(
        List.of(
            FieldViolation.of("port", "must be between 0 and 65535"),
            FieldViolation.of("workerThreads", "must be between 1 and 256"),
            FieldViolation.of("queueCapacity", "must be between 0 and 65536"),
            FieldViolation.of("maxRequestBytes", "must be between 1 and 67108864"),
            FieldViolation.of("maxConnections", "must be between 1 and 65536"),
            FieldViolation.of("headerTimeout", timeout),
            FieldViolation.of("bodyReadTimeout", timeout),
            FieldViolation.of("idleTimeout", timeout),
            FieldViolation.of("requestTimeout", timeout)),
        e.violations());
    AresValidationException more =
        assertThrows(
            AresValidationException.class,
            () ->
                builder()
                    .queueCapacity(65_537)
                    .maxConnections(65_537)
                    .idleTimeout(null)
                    .requestTimeout(Duration.ZERO)
                    .maxBufferedBytes((1L << 30) + 1)
                    .start());
    assertEquals(
        List.of(
            "queueCapacity", "maxConnections", "idleTimeout", "requestTimeout", "maxBufferedBytes"),
        more.violations().stream().map(FieldViolation::path).toList());
    AresValidationException budget =
        assertThrows(
            AresValidationException.class,
            () -> builder().maxRequestBytes(1000).maxBufferedBytes(999).bindAddress(null).start());
    assertEquals(
        List.of(
            FieldViolation.of("bindAddress", "is required"),
            FieldViolation.of(
                "maxBufferedBytes", "must be between maxRequestBytes and 1073741824")),
        budget.violations());
  }

  @Test
  void aPortInUseIsReportedWithTheAddressAndTheBindFailure() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      UncheckedIOException e =
          assertThrows(
              UncheckedIOException.class,
              () ->
                  builder()
                      .bindAddress(InetAddress.getByName("127.0.0.1"))
                      .port(taken.getLocalPort())
                      .start());
      assertEquals("could not listen on 127.0.0.1:" + taken.getLocalPort(), e.getMessage());
      assertInstanceOf(java.net.BindException.class, e.getCause());
    }
  }

  @Test
  void workersAreDaemonThreads() throws Exception {
    AtomicBoolean daemon = new AtomicBoolean();
    AssetMatcher recording =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            throw new UnsupportedOperationException();
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            daemon.set(Thread.currentThread().isDaemon());
            return MatchBySku.commerceSkus().matchProduct(productSku);
          }
        };
    try (MatcherServer server = MatcherServer.builder(anonymous(recording)).start()) {
      assertEquals(200, call(server));
    }
    assertTrue(daemon.get(), "a worker must not keep the JVM alive");
  }

  @Test
  void aClosedServerNoLongerAcceptsConnections() throws Exception {
    MatcherServer server = builder().start();
    int port = server.port();
    assertEquals(200, call(server));
    server.close();
    assertThrows(
        ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
  }

  @Test
  void closeFromAnInterruptedThreadReturnsAndKeepsTheInterrupt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AssetMatcher stubborn =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            throw new UnsupportedOperationException();
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            entered.countDown();
            boolean done = false;
            while (!done) {
              try {
                done = release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException ignored) {
                // a matcher that ignores interruption
              }
              done |= release.getCount() == 0;
            }
            return MatchBySku.commerceSkus().matchProduct(productSku);
          }
        };
    MatcherServer server = MatcherServer.builder(anonymous(stubborn)).start();
    try (Socket s = RawHttp.open(server.port(), 5000)) {
      RawHttp.send(s, RawHttp.post("/product-to-asset", "application/json", "", VALID));
      assertTrue(entered.await(5, TimeUnit.SECONDS));
      long start = System.nanoTime();
      Thread.currentThread().interrupt();
      server.close();
      boolean stillInterrupted = Thread.interrupted();
      assertTrue(
          System.nanoTime() - start < MatcherServer.CLOSE_WAIT.toNanos(),
          "did not wait for the matcher");
      assertTrue(stillInterrupted, "the caller's interrupt is kept");
    } finally {
      release.countDown();
    }
    assertFalse(Thread.currentThread().isInterrupted());
  }
}
