package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry rules that differ between idempotent reads and the ARES mutation. */
class HttpEngineTest {

  private MockWebServer server;
  private HttpEngine engine;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
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

  private HttpCall call(boolean idempotent) {
    URI uri = server.url("/read").uri();
    return HttpCall.to("test", uri, () -> new HttpGet(uri))
        .idempotent(idempotent)
        .retryPolicy(
            RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(2))
                .build())
        .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10))
        .build();
  }

  @Test
  void anIdempotentCallIsRetriedAfterAnAttemptTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    HttpAnswer answer = engine.execute(call(true));
    assertEquals(200, answer.status());
    assertEquals(2, answer.attempts());
    assertEquals("ok", new String(answer.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aNonIdempotentCallIsNotRetriedAfterAnAttemptTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    HttpCallException e = assertThrows(HttpCallException.class, () -> engine.execute(call(false)));
    assertEquals(TransportFailure.ATTEMPT_TIMEOUT, e.failure());
    assertEquals(1, e.attempts());
  }

  @Test
  void throttlingIsReturnedAfterTheLastAttempt() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
    }
    HttpAnswer answer = engine.execute(call(true));
    assertEquals(429, answer.status());
    assertEquals(3, answer.attempts());
  }

  @Test
  void aClosedEngineRefusesCalls() {
    engine.close();
    assertEquals(
        TransportFailure.CLOSED,
        assertThrows(HttpCallException.class, () -> engine.execute(call(true))).failure());
  }
}
