package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries wait as promised: the pause really happens, a longer Retry-After wins over the backoff,
 * and a retry whose wait would pass the deadline is not attempted. Times are measured where the
 * server received each request; only lower bounds are tight, upper bounds leave room for a loaded
 * machine.
 */
class HttpEngineRetryTest {

  /** Far below any pause these tests expect, far above a loaded machine's scheduling noise. */
  private static final long NO_PAUSE_MILLIS = 3_000;

  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private MockWebServer server;
  private HttpEngine engine;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new QueueDispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            arrivals.add(System.nanoTime());
            return super.dispatch(request);
          }
        });
    server.start();
    engine =
        new HttpEngine(
            "ares-test-deadlines", null, 4, Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    assertEquals(0, engine.poolStats().getLeased());
    engine.close();
    server.close();
  }

  private static RetryPolicy backoff(Duration each) {
    return RetryPolicy.builder().maxAttempts(2).initialBackoff(each).maxBackoff(each).build();
  }

  private HttpCall.Builder call(URI uri, RetryPolicy policy, Duration callTimeout) {
    return HttpCall.to("test", uri, () -> new HttpGet(uri))
        .idempotent(true)
        .retryPolicy(policy)
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), callTimeout);
  }

  private HttpCall.Builder call(RetryPolicy policy, Duration callTimeout) {
    return call(server.url("/read").uri(), policy, callTimeout);
  }

  private long millisBetweenAttempts() {
    assertEquals(2, arrivals.size());
    return TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0));
  }

  @Test
  void theBackoffPauseHappensBetweenAttempts() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    // Jitter draws between half and all of 600 ms.
    HttpAnswer answer =
        engine.execute(call(backoff(Duration.ofMillis(600)), Duration.ofSeconds(30)).build());
    assertEquals(200, answer.status());
    assertEquals(2, answer.attempts());
    long gap = millisBetweenAttempts();
    assertTrue(gap >= 300, "retried after " + gap + " ms, the backoff is at least 300 ms");
  }

  @Test
  void aRetryAfterLongerThanTheBackoffIsHonoured() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpAnswer answer =
        engine.execute(call(backoff(Duration.ofMillis(2)), Duration.ofSeconds(30)).build());
    assertEquals(200, answer.status());
    long gap = millisBetweenAttempts();
    assertTrue(gap >= 1_000, "retried after " + gap + " ms though the server asked for 1 s");
  }

  @Test
  void aBackoffLongerThanTheRetryAfterIsKept() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpAnswer answer =
        engine.execute(call(backoff(Duration.ofMillis(600)), Duration.ofSeconds(30)).build());
    assertEquals(200, answer.status());
    long gap = millisBetweenAttempts();
    assertTrue(gap >= 300, "retried after " + gap + " ms, the backoff is at least 300 ms");
  }

  @Test
  void aThrottledAnswerIsReturnedAtOnceWhenItsRetryWouldNotFitTheDeadline() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "5").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    long started = System.nanoTime();
    HttpAnswer answer =
        engine.execute(call(backoff(Duration.ofMillis(2)), Duration.ofSeconds(1)).build());
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(503, answer.status());
    assertEquals(1, answer.attempts());
    assertEquals(1, server.getRequestCount());
    assertTrue(took < NO_PAUSE_MILLIS, "waited " + took + " ms for a retry that could not happen");
  }

  @Test
  void aThrottledAnswerEndsInATimeoutWhenTheCallAsksForIt() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "5").build());
    long started = System.nanoTime();
    HttpCallException e =
        assertThrows(
            HttpCallException.class,
            () ->
                engine.execute(
                    call(backoff(Duration.ofMillis(2)), Duration.ofSeconds(1))
                        .timeoutWhenRetryDoesNotFit(true)
                        .build()));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(TransportFailure.CALL_TIMEOUT, e.failure());
    assertEquals("the call timed out before the next retry", e.getMessage());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
    assertTrue(took < NO_PAUSE_MILLIS, "waited " + took + " ms for a retry that could not happen");
  }

  @Test
  void aFailedConnectionIsReportedAtOnceWhenItsRetryWouldNotFitTheDeadline() throws Exception {
    URI refused = refusedUri();
    long started = System.nanoTime();
    HttpCallException e =
        assertThrows(
            HttpCallException.class,
            () ->
                engine.execute(
                    call(refused, backoff(Duration.ofSeconds(10)), Duration.ofSeconds(1)).build()));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(TransportFailure.CONNECT_REFUSED, e.failure());
    assertEquals(1, e.attempts());
    assertFalse(e.requestSent());
    assertTrue(took < NO_PAUSE_MILLIS, "waited " + took + " ms for a retry that could not happen");
  }

  @Test
  void aFailedConnectionEndsInATimeoutWhenTheCallAsksForIt() throws Exception {
    URI refused = refusedUri();
    long started = System.nanoTime();
    HttpCallException e =
        assertThrows(
            HttpCallException.class,
            () ->
                engine.execute(
                    call(refused, backoff(Duration.ofSeconds(10)), Duration.ofSeconds(1))
                        .timeoutWhenRetryDoesNotFit(true)
                        .build()));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(TransportFailure.CALL_TIMEOUT, e.failure());
    assertEquals("the call timed out before the next retry", e.getMessage());
    assertEquals(1, e.attempts());
    assertFalse(e.requestSent());
    assertTrue(took < NO_PAUSE_MILLIS, "waited " + took + " ms for a retry that could not happen");
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
