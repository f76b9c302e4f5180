package dev.ares.matcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.MatchBySku;
import dev.ares.matching.ProductToAssetResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator of a hosted matcher relies on: the health answer, one access-log line per
 * request that never carries a token or a query value, an event per request and per refused
 * connection, and a graceful shutdown.
 */
class MatcherServerOperationsTest {

  private static final String PRODUCT = "/product-to-asset";
  private static final String BODY = "{\"productSku\":\"p1\"}";

  /** A JWT-shaped token whose claims name {@code my-client}; the test validator accepts only it. */
  private static final String TOKEN =
      "eyJhbGciOiJSUzI1NiJ9."
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  "{\"type\":\"access_token\",\"client_id\":\"my-client\"}"
                      .getBytes(StandardCharsets.UTF_8))
          + ".c2lnbmF0dXJl";

  private MatcherServer server;
  private final RecordingServerListener events = new RecordingServerListener();
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

  private static AssetMatcherHttpHandler withToken(AssetMatcher matcher) {
    return AssetMatcherHttpHandler.builder(matcher)
        .tokenValidator(
            token -> {
              if (!TOKEN.equals(token)) {
                throw new InvalidAccessTokenException(
                    InvalidAccessTokenException.Reason.NOT_ACCEPTED, "not the test token");
              }
            })
        .build();
  }

  /** A matcher whose product answers wait until the test releases them. */
  private AssetMatcher waitingMatcher(CountDownLatch entered) {
    return new AssetMatcher() {
      @Override
      public AssetToProductResult matchAsset(Asset asset) {
        throw new UnsupportedOperationException();
      }

      @Override
      public ProductToAssetResult matchProduct(String productSku) {
        entered.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return ProductToAssetResult.builder().productSku(productSku).build();
      }
    };
  }

  private Socket open() throws IOException {
    Socket s = RawHttp.open(server.port(), 5000);
    sockets.add(s);
    return s;
  }

  private String exchange(String request) throws IOException {
    Socket s = open();
    RawHttp.send(s, request);
    return RawHttp.readAll(s);
  }

  private static String post(String target, String token, String body) {
    return new String(
        RawHttp.post(
            target,
            "application/json",
            token == null ? "" : "Authorization: Bearer " + token + "\r\n",
            body.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.ISO_8859_1);
  }

  private static String get(String target) {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  }

  private static String statusLine(String answer) {
    return answer.substring(0, answer.indexOf('\r'));
  }

  @Test
  void healthAnswersUpWithoutATokenAtTheBasePath() throws Exception {
    server =
        MatcherServer.builder(withToken(MatchBySku.commerceSkus()))
            .basePath("/matcher")
            .eventListener(events)
            .start();
    assertTrue(server.healthUrl().endsWith("/matcher/health"), server.healthUrl());
    String up = exchange(get("/matcher/health"));
    assertEquals("HTTP/1.1 200 OK", statusLine(up));
    assertTrue(up.endsWith("\r\n\r\n{\"status\":\"UP\"}"), up);
    assertTrue(up.contains("Cache-Control: no-store\r\n"), up);
    assertEquals(
        ServedRequest.HEALTH + " 200 " + RequestOutcome.ANSWERED, summary(events.nextRequest()));

    String head = exchange("HEAD /matcher/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals("HTTP/1.1 200 OK", statusLine(head));
    assertTrue(head.endsWith("\r\n\r\n"), "no body: " + head);
    events.nextRequest();

    String posted = exchange(post("/matcher/health", null, BODY));
    assertEquals("HTTP/1.1 405 Method Not Allowed", statusLine(posted));
    assertTrue(posted.contains("Allow: GET, HEAD\r\n"), posted);
    assertEquals(
        ServedRequest.HEALTH + " 405 " + RequestOutcome.METHOD_NOT_ALLOWED,
        summary(events.nextRequest()));

    assertEquals("HTTP/1.1 404 Not Found", statusLine(exchange(get("/health"))));
    assertEquals(
        ServedRequest.OTHER + " 404 " + RequestOutcome.NOT_FOUND, summary(events.nextRequest()));
    assertEquals(
        "HTTP/1.1 200 OK", statusLine(exchange(get("/matcher/health?probe=1"))), "query ignored");
  }

  @Test
  void healthAnswersWhileEveryWorkerIsBusyAndUnderAHammering() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(waitingMatcher(entered)).allowAnonymous().build())
            .workerThreads(1)
            .queueCapacity(0)
            .start();
    Socket busy = open();
    RawHttp.send(busy, post(PRODUCT, null, BODY));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    assertEquals(503, statusOf(post(PRODUCT, null, BODY)), "the only worker is busy");
    // 2,000 health requests on 4 kept-alive connections, 500 each, pipelined
    List<Socket> probes = new ArrayList<>();
    String keepAlive = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    for (int c = 0; c < 4; c++) {
      Socket s = open();
      probes.add(s);
      RawHttp.send(s, keepAlive.repeat(500));
    }
    for (Socket s : probes) {
      for (int i = 0; i < 500; i++) {
        String answer = RawHttp.readResponse(s);
        assertTrue(answer.startsWith("HTTP/1.1 200 OK\n"), answer);
        assertTrue(answer.endsWith("{\"status\":\"UP\"}"), answer);
      }
    }
    assertEquals(2L + 4, server.connectionsAccepted(), "one connection per prober");
    release.countDown();
    assertEquals(200, RawHttp.status(busy), "the busy request still completes");
  }

  private int statusOf(String request) throws IOException {
    Socket s = open();
    RawHttp.send(s, request);
    return RawHttp.status(s);
  }

  @Test
  void eachRequestWritesOneAccessLineWithTheCallersClientIdAndNeverTheToken() throws Exception {
    server =
        MatcherServer.builder(withToken(MatchBySku.commerceSkus())).eventListener(events).start();
    try (AccessLogCapture log = new AccessLogCapture()) {
      assertEquals("HTTP/1.1 200 OK", statusLine(exchange(post(PRODUCT, TOKEN, BODY))));
      ServedRequest ok = events.nextRequest();
      assertEquals(ServedRequest.PRODUCT_TO_ASSET + " 200 " + RequestOutcome.ANSWERED, summary(ok));
      assertTrue(exchange(post(PRODUCT, "wrong-" + TOKEN, BODY)).startsWith("HTTP/1.1 401 "));
      events.nextRequest();
      assertTrue(exchange(post(PRODUCT + "?sku=top-secret-value", TOKEN, "{")).contains(" 400 "));
      events.nextRequest();
      String getForm =
          "GET "
              + PRODUCT
              + "?productSku=top-secret-sku HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
              + TOKEN
              + "\r\nConnection: close\r\n\r\n";
      assertTrue(exchange(getForm).startsWith("HTTP/1.1 200 "), "the GET form");
      events.nextRequest();

      List<String> lines = log.lines();
      assertEquals(4, lines.size(), lines.toString());
      assertTrue(
          lines.get(0).matches("127\\.0\\.0\\.1 POST /product-to-asset 200 \\d+ms my-client"),
          lines.get(0));
      assertTrue(
          lines.get(1).matches("127\\.0\\.0\\.1 POST /product-to-asset 401 \\d+ms -"),
          lines.get(1));
      assertTrue(
          lines
              .get(2)
              .matches("127\\.0\\.0\\.1 POST /product-to-asset\\?\\.\\.\\. 400 \\d+ms my-client"),
          lines.get(2));
      assertTrue(
          lines
              .get(3)
              .matches("127\\.0\\.0\\.1 GET /product-to-asset\\?\\.\\.\\. 200 \\d+ms my-client"),
          lines.get(3));
      for (String line : lines) {
        assertFalse(line.contains(TOKEN.substring(0, 20)), line);
        assertFalse(line.contains(TOKEN.substring(TOKEN.length() - 12)), line);
        assertFalse(line.contains("top-secret"), line);
        assertFalse(line.contains("productSku"), line);
      }
    }
  }

  @Test
  void controlCharactersInAPathNeverReachTheAccessLog() throws Exception {
    server =
        MatcherServer.builder(withToken(MatchBySku.commerceSkus())).eventListener(events).start();
    try (AccessLogCapture log = new AccessLogCapture()) {
      // ESC sequences, a bare CR, BEL, DEL, a C1 byte and a non-ASCII one inside the request
      // target (a CR LF would end the request line; HttpCore itself refuses a TAB with 400)
      String[] targets = {
        "/x\u001b[2J\u001b[31mFAKE", "/x\ry", "/x\u0007y", "/x\u007fy", "/x\u009by", "/x\u00e9y"
      };
      for (String target : targets) {
        assertTrue(exchange(get(target)).startsWith("HTTP/1.1 404 "), target);
        events.nextRequest();
      }
      // a bare LF ends the request line early: HttpCore refuses what is left, no line is forged
      Socket lf = open();
      RawHttp.send(lf, "GET /x\ny HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      RawHttp.readAll(lf);
      exchange(get("/x%0d%0a%1by")); // escapes stay as sent: they print as they are
      while (!events.nextRequest().route().equals(ServedRequest.OTHER)
          || !log.lines().get(log.lines().size() - 1).contains("%0d")) {
        // the LF request, if HttpCore passed it on at all
      }
      List<String> lines = log.lines();
      List<String> paths = new ArrayList<>();
      for (String line : lines) {
        assertTrue(line.chars().allMatch(c -> c >= ' ' && c < 0x7f), line);
        paths.add(line.split(" ")[2]);
      }
      paths.removeIf(path -> path.equals("/x")); // the LF request, if HttpCore passed it on
      assertEquals(
          List.of("/x[2J[31mFAKE", "/xy", "/xy", "/xy", "/xy", "/xy", "/x%0d%0a%1by"), paths);
      assertTrue(lines.stream().noneMatch(line -> line.contains("HTTP/1.1")), lines.toString());
      // a long path is cut
      exchange(get("/" + "a".repeat(3000)));
      events.nextRequest();
      String longLine = log.lines().get(lines.size());
      assertEquals(AccessLog.MAX_PATH, longLine.split(" ")[2].length(), longLine);
    }
  }

  @Test
  void everyOutcomeIsToldToTheListener() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(waitingMatcher(entered)).allowAnonymous().build())
            .workerThreads(1)
            .queueCapacity(0)
            .maxRequestBytes(100)
            .maxBufferedBytes(100)
            .eventListener(events)
            .start();
    assertEquals(413, statusOf(post(PRODUCT, null, " ".repeat(101))));
    assertEquals(
        ServedRequest.PRODUCT_TO_ASSET + " 413 " + RequestOutcome.TOO_LARGE,
        summary(events.nextRequest()));
    assertEquals(415, statusOf(post(PRODUCT, null, BODY).replace("application/json", "text/x")));
    assertEquals(
        ServedRequest.PRODUCT_TO_ASSET + " 415 " + RequestOutcome.UNSUPPORTED_MEDIA_TYPE,
        summary(events.nextRequest()));
    Socket busy = open();
    RawHttp.send(busy, post(PRODUCT, null, BODY));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    assertEquals(503, statusOf(post(PRODUCT, null, BODY)));
    assertEquals(
        ServedRequest.PRODUCT_TO_ASSET + " 503 " + RequestOutcome.BUSY,
        summary(events.nextRequest()));
    release.countDown();
    assertEquals(200, RawHttp.status(busy));
    ServedRequest answered = events.nextRequest();
    assertEquals(
        ServedRequest.PRODUCT_TO_ASSET + " 200 " + RequestOutcome.ANSWERED, summary(answered));
    assertTrue(answered.duration().toMillis() >= 0);
  }

  @Test
  void aConnectionOverTheCapMakesRoomAndIsTold() throws Exception {
    server =
        MatcherServer.builder(withToken(MatchBySku.commerceSkus()))
            .maxConnections(2)
            .eventListener(events)
            .start();
    Socket first = open();
    awaitAccepted(server, 1); // accepted one at a time: the I/O threads take them in any order
    open();
    awaitAccepted(server, 2);
    Socket third = open();
    // Neither of the first two sent a request head: the older goes, the new one is served.
    assertEquals(ConnectionRefusal.MADE_ROOM, events.nextRefusal());
    assertClosedUnanswered(first);
    RawHttp.send(third, post(PRODUCT, TOKEN, BODY));
    assertEquals(
        ServedRequest.PRODUCT_TO_ASSET + " 200 " + RequestOutcome.ANSWERED,
        summary(events.nextRequest()));
    assertTrue(events.refusals.isEmpty(), events.refusals.toString());
  }

  @Test
  void aClientThatLeavesBeforeItsAnswerIsAnAbandonedLine() throws Exception {
    server =
        MatcherServer.builder(withToken(MatchBySku.commerceSkus())).eventListener(events).start();
    try (AccessLogCapture log = new AccessLogCapture()) {
      Socket s = open();
      String whole = post(PRODUCT, TOKEN, BODY);
      RawHttp.send(s, whole.substring(0, whole.length() - 5)); // head and part of the body
      s.close();
      ServedRequest gone = events.nextRequest();
      assertEquals(
          ServedRequest.PRODUCT_TO_ASSET + " 0 " + RequestOutcome.ABANDONED, summary(gone));
      assertTrue(
          // the client id only once the token check passed, which the client may not wait for
          log.lines()
              .get(0)
              .matches("127\\.0\\.0\\.1 POST /product-to-asset - \\d+ms (my-client|-)"),
          log.lines().toString());
    }
  }

  @Test
  void aListenerThatThrowsChangesNothing() throws Exception {
    server =
        MatcherServer.builder(withToken(MatchBySku.commerceSkus()))
            .eventListener(
                new MatcherServerListener() {
                  @Override
                  public void requestEnd(ServedRequest request) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .start();
    try (AccessLogCapture warnings = new AccessLogCapture(RequestTracker.class.getName())) {
      assertEquals(200, statusOf(post(PRODUCT, TOKEN, BODY)));
      assertEquals(200, statusOf(post(PRODUCT, TOKEN, BODY)));
      assertTrue(server.shutdown(Duration.ofSeconds(5)), "nothing left in flight");
      assertEquals(
          List.of(
              "the MatcherServerListener failed: java.lang.IllegalStateException",
              "the MatcherServerListener failed: java.lang.IllegalStateException"),
          warnings.lines(),
          "its class only, never its message");
    }
  }

  @Test
  void shutdownRefusesNewConnectionsAndLetsTheRequestInFlightFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(waitingMatcher(entered)).allowAnonymous().build())
            .eventListener(events)
            .start();
    int port = server.port();
    Socket idle = open(); // kept alive after one health answer
    RawHttp.send(idle, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(RawHttp.readResponse(idle).startsWith("HTTP/1.1 200 "));
    Socket headless = open(); // connected, never sends a byte
    Socket slow = open();
    RawHttp.send(slow, post(PRODUCT, null, BODY));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    assertEquals(1, server.requestsInFlight());

    CompletableFuture<Boolean> first = new CompletableFuture<>();
    Thread stopper =
        new Thread(() -> first.complete(server.shutdown(Duration.ofSeconds(30))), "test-stop");
    stopper.start();
    awaitWaiting(stopper);
    CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(server::shutdown);

    assertRefusedSoon(port);
    assertFalse(first.isDone());
    release.countDown();
    String answer = RawHttp.readAll(slow);
    assertTrue(answer.startsWith("HTTP/1.1 200 OK"), answer);
    assertTrue(answer.contains("Connection: close"), answer);
    assertTrue(first.get(10, TimeUnit.SECONDS), "finished in time");
    assertTrue(second.get(10, TimeUnit.SECONDS), "the second call returns what the first did");
    assertEquals(-1, idle.getInputStream().read(), "the idle connection is closed");
    assertClosedUnanswered(headless);
    events.nextRequest(); // the health answer
    assertEquals(
        ServedRequest.PRODUCT_TO_ASSET + " 200 " + RequestOutcome.ANSWERED,
        summary(events.nextRequest()));
    assertTrue(server.shutdown(Duration.ZERO), "later calls say the same");
  }

  @Test
  void shutdownCutsOffWhatIsStillInFlightAtItsDeadline() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(waitingMatcher(entered)).allowAnonymous().build())
            .shutdownTimeout(Duration.ofMillis(300))
            .eventListener(events)
            .start();
    Socket slow = open();
    RawHttp.send(slow, post(PRODUCT, null, BODY));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    long start = System.nanoTime();
    assertFalse(server.shutdown(), "the matcher was still running");
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8),
        "bounded: the deadline, then close()'s wait for the interrupted worker");
    assertClosedUnanswered(slow);
    assertEquals(
        ServedRequest.PRODUCT_TO_ASSET + " 0 " + RequestOutcome.ABANDONED,
        summary(events.nextRequest()));
  }

  @Test
  void shutdownWithNothingInFlightIsQuickEvenWithConnectionsHeld() throws Exception {
    server = MatcherServer.builder(withToken(MatchBySku.commerceSkus())).start();
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Socket s = open();
      RawHttp.send(s, "POST /product-to-asset HTTP/1.1\r\nHost: x\r\n"); // half a head
      held.add(s);
    }
    long start = System.nanoTime();
    assertTrue(server.shutdown(Duration.ofSeconds(30)));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "did not wait 30 s");
    for (Socket s : held) {
      assertClosedUnanswered(s);
    }
  }

  @Test
  void badShutdownTimeoutsAreRefused() {
    AssetMatcherHttpHandler handler = withToken(MatchBySku.commerceSkus());
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMinutes(11), null}) {
      assertThrows(
          dev.ares.core.AresValidationException.class,
          () -> MatcherServer.builder(handler).shutdownTimeout(bad).start(),
          String.valueOf(bad));
    }
    assertThrows(
        dev.ares.core.AresValidationException.class,
        () -> MatcherServer.builder(handler).eventListener(null).start());
  }

  /** The server closed {@code s} (cleanly or with a reset) without sending a byte. */
  private static void assertClosedUnanswered(Socket s) throws IOException {
    try {
      assertEquals(-1, s.getInputStream().read(), "closed unanswered");
    } catch (java.net.SocketException e) {
      assertTrue(String.valueOf(e.getMessage()).contains("reset"), e.toString());
    }
  }

  /**
   * New connections to {@code port} are refused within a second (a closed listener lets go of its
   * socket at the I/O reactor's next select, at most 100 ms later).
   */
  private static void assertRefusedSoon(int port) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (true) {
      try (Socket s = RawHttp.open(port, 1000)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("still taking connections");
        }
      } catch (ConnectException e) {
        return;
      }
    }
  }

  /** Waits until {@code server} has accepted {@code n} connections; bounded. */
  static void awaitAccepted(MatcherServer server, long n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.connectionsAccepted() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("accepted " + server.connectionsAccepted() + " of " + n);
      }
      Thread.onSpinWait();
    }
  }

  /** Waits until {@code t} waits (the shutdown is past closing its listener); bounded. */
  private static void awaitWaiting(Thread t) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (t.getState() != Thread.State.TIMED_WAITING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the shutdown did not start waiting: " + t.getState());
      }
      Thread.onSpinWait();
    }
  }

  private static String summary(ServedRequest r) {
    return r.route() + " " + r.status() + " " + r.outcome();
  }
}
