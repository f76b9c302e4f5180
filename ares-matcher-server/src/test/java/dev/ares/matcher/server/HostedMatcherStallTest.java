package dev.ares.matcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.MatchBySku;
import dev.ares.matching.ProductToAssetResult;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hosted matcher against what would hold it: matchers that hang or throw errors,
 * unauthenticated bodies, many bodies at once, kept-alive connections that drip their next head.
 */
class HostedMatcherStallTest {

  private static final byte[] VALID = "{\"productSku\":\"p1\"}".getBytes(StandardCharsets.UTF_8);
  private static final String TOKEN = "good-token";

  private MatcherServer server;
  private final List<Socket> sockets = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static AccessTokenValidator acceptingOnly(String good) {
    return token -> {
      if (!good.equals(token)) {
        throw new InvalidAccessTokenException(
            InvalidAccessTokenException.Reason.NOT_ACCEPTED, "not the test token");
      }
    };
  }

  private static MatcherServer.Builder builder(AssetMatcher matcher) {
    return MatcherServer.builder(
        AssetMatcherHttpHandler.builder(matcher).tokenValidator(acceptingOnly(TOKEN)).build());
  }

  private Socket open() throws IOException {
    Socket s = RawHttp.open(server.port(), 5000);
    sockets.add(s);
    return s;
  }

  private String post(byte[] body) throws IOException {
    Socket s = open();
    RawHttp.send(
        s,
        RawHttp.post(
            "/product-to-asset",
            "application/json",
            "Authorization: Bearer " + TOKEN + "\r\n",
            body));
    return RawHttp.readAll(s);
  }

  /** A matcher whose product direction does {@code behaviour}. */
  private static AssetMatcher productMatcher(Supplier<ProductToAssetResult> behaviour) {
    return new AssetMatcher() {
      @Override
      public AssetToProductResult matchAsset(Asset asset) {
        throw new UnsupportedOperationException();
      }

      @Override
      public ProductToAssetResult matchProduct(String productSku) {
        return behaviour.get();
      }
    };
  }

  private static void assertClosedSoon(Socket s) throws IOException {
    long start = System.nanoTime();
    try {
      while (s.getInputStream().read() != -1) {
        // the rest of an answer
      }
    } catch (SocketException reset) {
      // closed with a reset: as good as an end of stream
    }
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(6), "closed in time");
  }

  @Test
  void aMatcherThrowingAnErrorGets500AndTheServerGoesOn() throws Exception {
    List<Supplier<Error>> errors =
        List.of(
            StackOverflowError::new,
            () -> new AssertionError("plugin"),
            () -> new NoClassDefFoundError("Missing"),
            () -> new java.util.ServiceConfigurationError("bad"),
            () -> new Error("odd"));
    AtomicInteger next = new AtomicInteger();
    server =
        builder(
                productMatcher(
                    () -> {
                      throw errors.get(next.getAndIncrement()).get();
                    }))
            .workerThreads(1)
            .start();
    for (int i = 0; i < errors.size(); i++) {
      String answer = post(VALID);
      assertTrue(answer.startsWith("HTTP/1.1 500"), answer);
      assertTrue(answer.contains("{\"error\":\"the matcher failed\"}"), answer);
    }
  }

  @Test
  void aTokenValidatorThrowingAnErrorGets500() throws Exception {
    server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                    .tokenValidator(
                        token -> {
                          throw new StackOverflowError();
                        })
                    .build())
            .start();
    String answer = post(VALID);
    assertTrue(answer.startsWith("HTTP/1.1 500"), answer);
  }

  @Test
  void aHangingMatcherIsAnswered503AtTheRequestTimeoutAndInterrupted() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    server =
        builder(
                productMatcher(
                    () -> {
                      try {
                        release.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                      }
                      return MatchBySku.commerceSkus().matchProduct("p1");
                    }))
            .workerThreads(1)
            .requestTimeout(Duration.ofMillis(300))
            .start();
    long start = System.nanoTime();
    String answer = post(VALID);
    long elapsed = System.nanoTime() - start;
    assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
    assertTrue(answer.toLowerCase(Locale.ROOT).contains("connection: close"), answer);
    assertTrue(answer.contains("{\"error\":\"the matcher did not answer in time\"}"), answer);
    assertTrue(
        elapsed >= TimeUnit.MILLISECONDS.toNanos(250) && elapsed < TimeUnit.SECONDS.toNanos(6),
        "" + elapsed);
    assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the worker was interrupted");
    // the freed worker serves the next request (which hangs again and is answered again)
    assertTrue(post(VALID).startsWith("HTTP/1.1 503"));
  }

  @Test
  void closeIsBoundedEvenWithAMatcherThatIgnoresInterrupts() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    server =
        builder(
                productMatcher(
                    () -> {
                      entered.countDown();
                      while (release.getCount() > 0) {
                        try {
                          release.await();
                        } catch (InterruptedException ignored) {
                          // a badly behaved matcher
                        }
                      }
                      return MatchBySku.commerceSkus().matchProduct("p1");
                    }))
            .workerThreads(1)
            .start();
    Socket s = open();
    RawHttp.send(
        s,
        RawHttp.post(
            "/product-to-asset",
            "application/json",
            "Authorization: Bearer " + TOKEN + "\r\n",
            VALID));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    long start = System.nanoTime();
    server.close();
    assertTrue(
        System.nanoTime() - start
            < MatcherServer.CLOSE_WAIT.toNanos() + TimeUnit.SECONDS.toNanos(2));
  }

  @Test
  void aBadTokenIsRefusedBeforeTheBodyIsRead() throws Exception {
    AtomicInteger checks = new AtomicInteger();
    server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                    .tokenValidator(
                        token -> {
                          checks.incrementAndGet();
                          acceptingOnly(TOKEN).validate(token);
                        })
                    .build())
            .bodyReadTimeout(Duration.ofSeconds(30))
            .start();
    Socket s = open();
    // The head promises a 1 MiB body that is never sent: the answer can only come from the head.
    RawHttp.send(
        s,
        "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer wrong\r\nContent-Length: 1048576\r\n\r\n{\"productSku\":");
    assertEquals(401, RawHttp.status(s));
    String rest = RawHttp.readAll(s); // returns only because the server closes the connection
    assertTrue(rest.toLowerCase(Locale.ROOT).contains("connection: close"), rest);
    assertEquals(1, checks.get());
    // a good token with the same unsent body waits for it, then 408
    server.close();
    server = builder(MatchBySku.commerceSkus()).bodyReadTimeout(Duration.ofMillis(300)).start();
    Socket good = open();
    RawHttp.send(
        good,
        "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer "
            + TOKEN
            + "\r\nContent-Length: 1048576\r\n\r\n{\"productSku\":");
    assertEquals(408, RawHttp.status(good));
  }

  @Test
  void bodiesPastTheServerWideBudgetGet503() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    server =
        builder(
                productMatcher(
                    () -> {
                      entered.countDown();
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return MatchBySku.commerceSkus().matchProduct("p1");
                    }))
            .maxRequestBytes(2048)
            .maxBufferedBytes(2048)
            .start();
    byte[] big =
        ("{\"productSku\":\"p1\",\"pad\":\"" + "x".repeat(1500) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    Socket first = open();
    RawHttp.send(
        first,
        RawHttp.post(
            "/product-to-asset",
            "application/json",
            "Authorization: Bearer " + TOKEN + "\r\n",
            big));
    assertTrue(entered.await(5, TimeUnit.SECONDS)); // its body is held while the matcher runs
    String refused = post(big);
    assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
    assertTrue(refused.toLowerCase(Locale.ROOT).contains("connection: close"), refused);
    release.countDown();
    assertEquals(200, RawHttp.status(first));
    assertTrue(post(big).startsWith("HTTP/1.1 200"));
  }

  @Test
  void earlyRefusalsCloseTheConnection() throws Exception {
    server = builder(MatchBySku.commerceSkus()).start();
    for (String head :
        List.of(
            "GET /product-to-asset HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
            "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n",
            "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TOKEN
                + "\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n")) {
      Socket s = open();
      RawHttp.send(s, head);
      String answer = RawHttp.readAll(s); // returns only because the server closes the connection
      assertTrue(answer.toLowerCase(Locale.ROOT).contains("connection: close"), answer);
    }
  }

  @Test
  void aKeptAliveConnectionHasOnlyTheHeaderTimeoutOnceItsNextHeadBegins() throws Exception {
    server =
        builder(MatchBySku.commerceSkus())
            .headerTimeout(Duration.ofMillis(300))
            .idleTimeout(Duration.ofSeconds(60))
            .start();
    Socket s = open();
    String request =
        new String(
                RawHttp.post(
                    "/product-to-asset",
                    "application/json",
                    "Authorization: Bearer " + TOKEN + "\r\n",
                    VALID),
                StandardCharsets.ISO_8859_1)
            .replace("Connection: close\r\n", "");
    RawHttp.send(s, request);
    String first = RawHttp.readResponse(s);
    assertTrue(first.startsWith("HTTP/1.1 200"), first);
    RawHttp.send(s, "P"); // the next head begins, and then drips
    assertClosedSoon(s);
  }
}
