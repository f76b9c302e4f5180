package dev.ares.matcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresValidationException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hosted matcher served the documented way ({@link MatcherServer}), attacked as a hostile
 * client would: no token, slow heads, dripping bodies, huge bodies, bytes that are not UTF-8.
 */
class HostedMatcherAttackTest {

  @RegisterExtension final GuardLog guardLog = new GuardLog();

  private static final byte[] VALID = "{\"productSku\":\"p1\"}".getBytes(StandardCharsets.UTF_8);
  private static final String TOKEN = "good-token";

  private MatcherServer server;
  private final List<Socket> sockets = new ArrayList<>();

  private static AccessTokenValidator acceptingOnly(String good) {
    return token -> {
      if (!good.equals(token)) {
        throw new InvalidAccessTokenException(
            InvalidAccessTokenException.Reason.NOT_ACCEPTED, "not the test token");
      }
    };
  }

  private MatcherServer start(AssetMatcher matcher) {
    return start(
        MatcherServer.builder(
            AssetMatcherHttpHandler.builder(matcher).tokenValidator(acceptingOnly(TOKEN)).build()));
  }

  private MatcherServer start(MatcherServer.Builder builder) {
    server = builder.start();
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Socket open(int readTimeoutMillis) throws IOException {
    Socket s = RawHttp.open(server.port(), readTimeoutMillis);
    sockets.add(s);
    return s;
  }

  private int call(String contentType, String authorization, byte[] body) throws Exception {
    try (Socket s = RawHttp.open(server.port(), 5000)) {
      RawHttp.send(
          s,
          RawHttp.post(
              "/product-to-asset",
              contentType,
              authorization == null ? "" : "Authorization: " + authorization + "\r\n",
              body));
      return RawHttp.status(s);
    }
  }

  private int call(byte[] body) throws Exception {
    return call("application/json", "Bearer " + TOKEN, body);
  }

  @Test
  void aHandlerCannotBeBuiltWithoutChoosingAuthentication() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () -> AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus()).build());
    assertEquals("authentication", e.violations().get(0).path());
    AresValidationException none =
        assertThrows(
            AresValidationException.class,
            () -> AssetMatcherHttpHandler.builder(null).tokenValidator(null).build());
    assertEquals(
        List.of("matcher", "authentication"),
        none.violations().stream().map(v -> v.path()).toList());
  }

  @Test
  void callersWithoutAnAcceptedTokenGet401() throws Exception {
    start(MatchBySku.commerceSkus());
    assertEquals(401, call("application/json", null, VALID));
    assertEquals(401, call("application/json", "Bearer", VALID));
    assertEquals(401, call("application/json", "Basic Z29vZC10b2tlbg==", VALID));
    assertEquals(401, call("application/json", "Bearer wrong-token", VALID));
    assertEquals(200, call(VALID));
    assertEquals(200, call("application/json", "bearer  " + TOKEN, VALID));
  }

  @Test
  void anonymousAccessIsServedOnlyWhenChosen() throws Exception {
    start(
        MatcherServer.builder(
            AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus()).allowAnonymous().build()));
    assertEquals(200, call("application/json", null, VALID));
  }

  @Test
  void invalidUtf8IsRefusedNotReplaced() throws Exception {
    start(MatchBySku.commerceSkus());
    assertEquals(400, call("{\"productSku\":\"p\u00ff1\"}".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals(
        400,
        call(
            new byte[] {
              '{', '"', 'p', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
            }));
    assertEquals(200, call("{\"productSku\":\"p\u00e9\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aContentTypeThatIsNotJsonIsRefused() throws Exception {
    start(MatchBySku.commerceSkus());
    assertEquals(415, call("text/plain", "Bearer " + TOKEN, VALID));
    assertEquals(415, call(null, "Bearer " + TOKEN, VALID));
    assertEquals(415, call("application/json; charset=iso-8859-1", "Bearer " + TOKEN, VALID));
    assertEquals(415, call("application/jsonx", "Bearer " + TOKEN, VALID));
    assertEquals(200, call("Application/JSON; charset=\"UTF-8\"", "Bearer " + TOKEN, VALID));
  }

  @Test
  void slowClientsDoNotStallAValidRequest() throws Exception {
    // One worker: if any slow client held it, the valid requests would wait in the queue past the
    // bound. (The queue is not empty: the dripping request's token is checked on that worker
    // first.)
    start(
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                    .tokenValidator(acceptingOnly(TOKEN))
                    .build())
            .workerThreads(1)
            .queueCapacity(8)
            .bodyReadTimeout(Duration.ofSeconds(30))
            .headerTimeout(Duration.ofSeconds(30)));
    Socket drip = open(5000);
    RawHttp.send(
        drip,
        "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer "
            + TOKEN
            + "\r\nContent-Length: 100\r\n\r\n{");
    for (int i = 0; i < 6; i++) {
      RawHttp.send(open(5000), "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nX-Slow: a");
    }
    long start = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      assertEquals(200, call(VALID));
    }
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "answered in time");
  }

  @Test
  void aDrippingBodyGets408AtTheDeadlineAndFreesNothingItDidNotHold() throws Exception {
    start(
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                    .tokenValidator(acceptingOnly(TOKEN))
                    .build())
            .workerThreads(1)
            .bodyReadTimeout(Duration.ofMillis(300)));
    Socket drip = open(5000);
    long start = System.nanoTime();
    RawHttp.send(
        drip,
        "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer "
            + TOKEN
            + "\r\nContent-Length: 100\r\n\r\n{");
    assertEquals(408, RawHttp.status(drip));
    long elapsed = System.nanoTime() - start;
    assertTrue(
        elapsed >= TimeUnit.MILLISECONDS.toNanos(250) && elapsed < TimeUnit.SECONDS.toNanos(6),
        "" + elapsed);
    String rest = RawHttp.readAll(drip); // returns only because the server closes the connection
    assertTrue(rest.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), rest);
    assertTrue(
        rest.contains("{\"error\":\"the request body did not arrive within 300 ms\"}"), rest);
    assertEquals(200, call(VALID));
  }

  @Test
  void aSlowHeadIsCutOffAtTheHeaderTimeout() throws Exception {
    start(
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                    .tokenValidator(acceptingOnly(TOKEN))
                    .build())
            .headerTimeout(Duration.ofMillis(300)));
    Socket slow = open(5000);
    RawHttp.send(slow, "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nX-Slow: a");
    long start = System.nanoTime();
    try {
      assertEquals(-1, slow.getInputStream().read());
    } catch (SocketException reset) {
      // closed at once: a reset is as good as an end of stream
    }
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(6));
    assertEquals(1, server.connectionsAccepted());
  }

  @Test
  void bodiesOverTheCapGet413WithoutBeingRead() throws Exception {
    start(
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                    .tokenValidator(acceptingOnly(TOKEN))
                    .build())
            .maxRequestBytes(1024));
    Socket big = open(5000);
    // announced too large: answered from the head, the body never sent
    RawHttp.send(
        big,
        "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer "
            + TOKEN
            + "\r\nContent-Length: 999999999999\r\n\r\n");
    assertEquals(413, RawHttp.status(big));
    // chunked, growing past the cap
    Socket chunked = open(5000);
    RawHttp.send(
        chunked,
        "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer "
            + TOKEN
            + "\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n"
            + "x".repeat(2048)
            + "\r\n");
    assertEquals(413, RawHttp.status(chunked));
    assertEquals(200, call(VALID));
  }

  @Test
  void aFullQueueAnswers503RatherThanWaiting() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    AssetMatcher blocking =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(dev.ares.matching.Asset asset) {
            throw new UnsupportedOperationException();
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            entered.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return MatchBySku.commerceSkus().matchProduct(productSku);
          }
        };
    // Anonymous: with a token, each request takes a worker twice (token, then matcher), and with no
    // queue the hand-over between the two may find the worker not yet back.
    start(
        MatcherServer.builder(AssetMatcherHttpHandler.builder(blocking).allowAnonymous().build())
            .workerThreads(1)
            .queueCapacity(0));
    Socket first = open(5000);
    RawHttp.send(
        first,
        RawHttp.post(
            "/product-to-asset",
            "application/json",
            "Authorization: Bearer " + TOKEN + "\r\n",
            VALID));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    assertEquals(503, call(VALID));
    release.countDown();
    assertEquals(200, RawHttp.status(first));
  }

  private void awaitAccepted(long n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.connectionsAccepted() < n && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @Test
  void atTheCapAWholeRequestClosesTheOldestConnectionWithoutAHead() throws Exception {
    // (FairUnderAttackTest attacks the caps from several addresses.)
    start(
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                    .tokenValidator(acceptingOnly(TOKEN))
                    .build())
            .maxConnections(2));
    // Connections are registered on two I/O threads: each is counted before the next is opened,
    // so that a is the oldest.
    Socket a = open(5000);
    RawHttp.send(a, "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nX-Slow: a");
    awaitAccepted(1);
    Socket b = open(5000);
    RawHttp.send(b, "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nX-Slow: a");
    awaitAccepted(2);
    assertEquals(200, call(VALID));
    try {
      assertEquals(-1, a.getInputStream().read());
    } catch (SocketException reset) {
      // closed with a reset: as good as an end of stream
    }
    // b, younger, is still open: it can still send its request
    RawHttp.send(
        b,
        "\r\nContent-Type: application/json\r\nAuthorization: Bearer "
            + TOKEN
            + "\r\nContent-Length: "
            + VALID.length
            + "\r\n\r\n");
    RawHttp.send(b, VALID);
    assertEquals(200, RawHttp.status(b));
  }

  @Test
  void expectContinueAndPipelinedRequestsAreServed() throws Exception {
    start(MatchBySku.commerceSkus());
    Socket s = open(5000);
    RawHttp.send(
        s,
        "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer "
            + TOKEN
            + "\r\nExpect: 100-continue\r\nContent-Length: "
            + VALID.length
            + "\r\n\r\n");
    assertEquals(100, RawHttp.status(s));
    RawHttp.readLine(s.getInputStream()); // the blank line ending the interim answer
    RawHttp.send(s, VALID);
    assertEquals(200, RawHttp.status(s));
    Socket p = open(5000);
    byte[] one =
        RawHttp.post(
            "/product-to-asset",
            "application/json",
            "Authorization: Bearer " + TOKEN + "\r\n",
            VALID);
    String twice =
        new String(one, StandardCharsets.ISO_8859_1).replace("Connection: close\r\n", "")
            + new String(one, StandardCharsets.ISO_8859_1);
    RawHttp.send(p, twice);
    String answers = RawHttp.readAll(p);
    assertEquals(2, answers.split("HTTP/1.1 200", -1).length - 1, answers);
  }

  @Test
  void badSettingsAreListedTogether() {
    AssetMatcherHttpHandler handler =
        AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus()).allowAnonymous().build();
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                MatcherServer.builder(handler)
                    .port(70_000)
                    .basePath("matcher/")
                    .workerThreads(0)
                    .maxRequestBytes(-1)
                    .bodyReadTimeout(Duration.ofDays(365 * 300))
                    .headerTimeout(Duration.ZERO)
                    .start());
    assertEquals(
        List.of(
            "port",
            "basePath",
            "workerThreads",
            "maxRequestBytes",
            "headerTimeout",
            "bodyReadTimeout"),
        e.violations().stream().map(v -> v.path()).toList());
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    start(
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                    .tokenValidator(acceptingOnly(TOKEN))
                    .build())
            .basePath("/matcher"));
    assertTrue(server.assetToProductUrl().endsWith("/matcher/asset-to-product"));
    try (Socket s = RawHttp.open(server.port(), 5000)) {
      RawHttp.send(s, RawHttp.post("/product-to-asset", "application/json", "", VALID));
      assertEquals(404, RawHttp.status(s));
    }
    try (Socket s = RawHttp.open(server.port(), 5000)) {
      RawHttp.send(
          s, "DELETE /matcher/product-to-asset HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertEquals(405, RawHttp.status(s));
    }
    try (Socket s = RawHttp.open(server.port(), 5000)) {
      RawHttp.send(
          s,
          RawHttp.post(
              "/matcher/product-to-asset?x=1",
              "application/json",
              "Authorization: Bearer " + TOKEN + "\r\n",
              VALID));
      assertEquals(200, RawHttp.status(s));
    }
  }

  @Test
  void anEarlyAnswerReachesAClientStillSendingItsBody() throws Exception {
    // 401 and 413 are sent before the body is read. Closing the socket with body bytes unread
    // makes the kernel reset the connection, which can destroy the answer in the client's buffer.
    start(MatchBySku.commerceSkus());
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    byte[] large = new byte[(1 << 20) + 4096];
    java.util.Arrays.fill(large, (byte) ' ');
    byte[] allowed =
        java.util.Arrays.copyOf(large, 1 << 19); // under the cap: refused for its token
    for (int i = 0; i < 15; i++) {
      assertEquals(413, post(http, "Bearer " + TOKEN, large), "413, round " + i);
      assertEquals(401, post(http, "Bearer wrong-token", allowed), "401, round " + i);
    }
  }

  private int post(java.net.http.HttpClient http, String authorization, byte[] body)
      throws Exception {
    return http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/product-to-asset"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
