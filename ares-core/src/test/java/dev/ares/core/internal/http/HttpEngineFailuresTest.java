package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a failed attempt is classified and reported (kind, whether the request may have been sent,
 * how many attempts were made, the message a user reads), and the retry decisions that follow from
 * it: a lost connection is retried for reads, a failed connection is retried after a real pause, an
 * interrupt during that pause ends the call, a deadline already passed sends nothing.
 */
class HttpEngineFailuresTest {

  private MockWebServer server;
  private HttpEngine engine;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    uri = server.url("/read").uri();
    // The pool's own socket timeout is long: the call's settings decide.
    engine =
        new HttpEngine(
            "ares-test-deadlines", null, 4, Duration.ofSeconds(2), Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    if (!engine.isClosed()) {
      assertEquals(0, engine.poolStats().getLeased());
    }
    engine.close();
    server.close();
  }

  private static RetryPolicy twoAttempts(Duration backoff) {
    return RetryPolicy.builder().maxAttempts(2).initialBackoff(backoff).maxBackoff(backoff).build();
  }

  private static HttpCall.Builder call(URI to) {
    return HttpCall.to("test", to, () -> new HttpGet(to))
        .retryPolicy(twoAttempts(Duration.ofMillis(1)))
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(20));
  }

  private static String host(URI to) {
    return to.getHost() + ":" + to.getPort();
  }

  @Test
  void aRefusedConnectionIsReportedAsNotConnectedAndNotSent() throws Exception {
    URI refused = refusedUri();
    HttpCallException e =
        assertThrows(
            HttpCallException.class,
            () -> engine.execute(call(refused).retryPolicy(RetryPolicy.none()).build()));
    assertEquals(TransportFailure.CONNECT_REFUSED, e.failure());
    assertFalse(e.requestSent());
    assertEquals(1, e.attempts());
    assertTrue(
        e.getMessage().startsWith("test at " + host(refused) + ": could not connect ("),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(") on attempt 1"), e.getMessage());
  }

  @Test
  void aConnectionLostAfterSendingIsNotRetriedForAChangeAndSaysSo() {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpCallException e =
        assertThrows(
            HttpCallException.class, () -> engine.execute(call(uri).idempotent(false).build()));
    assertEquals(TransportFailure.CONNECTION_RESET, e.failure());
    assertTrue(e.requestSent());
    assertEquals(1, e.attempts());
    assertTrue(
        e.getMessage().startsWith("test at " + host(uri) + ": the connection failed ("),
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aConnectionLostAfterSendingIsRetriedForARead() {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpAnswer answer = engine.execute(call(uri).idempotent(true).build());
    assertEquals(200, answer.status());
    assertEquals(2, answer.attempts());
  }

  @Test
  void aSocketTimeoutShorterThanTheAttemptEndsTheAttemptEarly() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    long started = System.nanoTime();
    HttpCallException e =
        assertThrows(
            HttpCallException.class,
            () -> engine.execute(call(uri).socketTimeout(Duration.ofMillis(300)).build()));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(TransportFailure.ATTEMPT_TIMEOUT, e.failure());
    assertTrue(e.requestSent());
    assertEquals(
        "test at " + host(uri) + ": no answer within the timeout on attempt 1", e.getMessage());
    // The attempt timeout is 8 s: ending well before it shows the 300 ms socket timeout applied.
    assertTrue(took < 5_000, "the attempt ended after " + took + " ms");
  }

  @Test
  void aRetryAfterOfExactlyTheLongestAllowedWaitIsHonoured() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    RetryPolicy mayWaitNothing =
        RetryPolicy.builder()
            .maxAttempts(2)
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(1))
            .maxRetryAfter(Duration.ZERO)
            .build();
    HttpAnswer answer = engine.execute(call(uri).retryPolicy(mayWaitNothing).build());
    assertEquals(200, answer.status());
    assertEquals(2, answer.attempts());
  }

  @Test
  void aRetryAfterLongerThanAllowedReturnsTheThrottledAnswerAtOnce() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "5").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    RetryPolicy waitsAtMostOneSecond =
        RetryPolicy.builder()
            .maxAttempts(2)
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(1))
            .maxRetryAfter(Duration.ofSeconds(1))
            .build();
    HttpAnswer answer = engine.execute(call(uri).retryPolicy(waitsAtMostOneSecond).build());
    assertEquals(503, answer.status());
    assertEquals(Duration.ofSeconds(5), answer.retryAfter());
    assertEquals(1, answer.attempts());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void attemptsEndedByTheirTimeoutTakeNoLongerThanThat() {
    int attempts = 6;
    for (int i = 0; i < attempts; i++) {
      server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    }
    HttpCall call =
        call(uri)
            .idempotent(true)
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(attempts)
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(1))
                    .build())
            // The attempt timeout, not the socket timeout, ends each attempt.
            .timeouts(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(30))
            .socketTimeout(Duration.ofSeconds(30))
            .build();
    long started = System.nanoTime();
    HttpCallException e = assertThrows(HttpCallException.class, () -> engine.execute(call));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(TransportFailure.ATTEMPT_TIMEOUT, e.failure());
    assertEquals(attempts, e.attempts());
    // The server may not have read the last request before its 100 ms attempt ended.
    assertTrue(server.getRequestCount() >= attempts - 1, "requests: " + server.getRequestCount());
    // 6 x 100 ms = 0.6 s; an extra second per attempt (waiting on a timeout's clean-up that was
    // already done) would take over 6.6 s. The bound sits far from both on a loaded machine.
    assertTrue(took < 4_500, attempts + " attempts of 100 ms took " + took + " ms");
  }

  @Test
  void aFailedConnectionIsRetriedAfterTheBackoffPause() throws Exception {
    URI refused = refusedUri();
    long started = System.nanoTime();
    // Jitter draws between half and all of 600 ms.
    HttpCallException e =
        assertThrows(
            HttpCallException.class,
            () ->
                engine.execute(
                    call(refused).retryPolicy(twoAttempts(Duration.ofMillis(600))).build()));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(TransportFailure.CONNECT_REFUSED, e.failure());
    assertEquals(2, e.attempts());
    assertTrue(took >= 300, "two attempts in " + took + " ms, the backoff is at least 300 ms");
  }

  @Test
  void anInterruptWhileWaitingToRetryEndsTheCallAndKeepsTheInterrupt() throws Exception {
    URI refused = refusedUri();
    CountDownLatch failedOnce = new CountDownLatch(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    HttpCall call =
        call(refused)
            // A pause of 5 to 10 s, well within the 20 s call timeout: the retry fits and is waited
            // for.
            .retryPolicy(twoAttempts(Duration.ofSeconds(10)))
            .retryOn(
                e -> {
                  failedOnce.countDown();
                  return HttpCall.RETRY_UNSENT.test(e);
                })
            .build();
    Thread caller =
        new Thread(
            () -> {
              try {
                engine.execute(call);
              } catch (Throwable t) {
                thrown.set(t);
              }
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    assertTrue(failedOnce.await(10, TimeUnit.SECONDS), "the first attempt did not fail");
    caller.interrupt(); // whether it lands just before or during the pause, the pause ends
    caller.join(10_000);
    assertFalse(caller.isAlive(), "the call still waits to retry");
    HttpCallException e = assertInstanceOfCallException(thrown.get());
    assertEquals(TransportFailure.INTERRUPTED, e.failure());
    assertEquals(1, e.attempts());
    assertFalse(e.requestSent());
    assertTrue(stillInterrupted.get(), "the caller's interrupt was swallowed");
  }

  @Test
  void aDeadlineAlreadyPassedSendsNothing() {
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpCallException e =
        assertThrows(
            HttpCallException.class,
            () -> engine.execute(call(uri).deadline(System.nanoTime() - 1).build()));
    assertEquals(TransportFailure.CALL_TIMEOUT, e.failure());
    assertEquals(0, e.attempts());
    assertFalse(e.requestSent());
    assertTrue(
        e.getMessage().endsWith("ran out before test at " + host(uri) + " answered"),
        e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aClosedEngineMakesNoAttempt() {
    engine.close();
    HttpCallException e =
        assertThrows(HttpCallException.class, () -> engine.execute(call(uri).build()));
    assertEquals(TransportFailure.CLOSED, e.failure());
    assertEquals(0, e.attempts());
    assertFalse(e.requestSent());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void anEngineClosedWhileTheRequestIsMadeSendsNothing() {
    HttpCall call =
        HttpCall.to(
                "test",
                uri,
                () -> {
                  engine
                      .close(); // another thread's close() landing between the closed check and the
                  // send
                  return new HttpGet(uri);
                })
            .build();
    HttpCallException e = assertThrows(HttpCallException.class, () -> engine.execute(call));
    assertEquals(TransportFailure.CLOSED, e.failure());
    assertEquals("the test client is closed", e.getMessage());
    assertEquals(0, e.attempts());
    assertFalse(e.requestSent());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aCallersClientThatFailsUncheckedIsALostConnection() throws Exception {
    CloseableHttpClient callers = HttpClients.createDefault();
    callers.close(); // closed under the engine: HttpClient refuses unchecked
    try (HttpEngine onCallers =
        new HttpEngine(
            "ares-test-callers", callers, 4, Duration.ofSeconds(2), Duration.ofSeconds(2))) {
      HttpCallException e =
          assertThrows(
              HttpCallException.class,
              () -> onCallers.execute(call(uri).idempotent(false).build()));
      assertEquals(TransportFailure.CONNECTION_RESET, e.failure());
      assertTrue(e.requestSent(), "a failed exchange may have been sent");
      assertEquals(1, e.attempts());
      assertNotNull(e.getCause());
      assertEquals(
          "test at "
              + host(uri)
              + ": the HTTP client failed ("
              + e.getCause().getClass().getSimpleName()
              + ") on attempt 1",
          e.getMessage());
    }
  }

  private static HttpCallException assertInstanceOfCallException(Throwable t) {
    assertTrue(t instanceof HttpCallException, "thrown: " + t);
    return (HttpCallException) t;
  }

  /** A loopback port nobody listens on: connecting is refused at once. */
  private static URI refusedUri() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return URI.create("http://127.0.0.1:" + port + "/read");
  }
}
