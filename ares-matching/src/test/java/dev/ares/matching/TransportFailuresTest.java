package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static dev.ares.matching.ExternalMatcherFailuresTest.rule;
import static dev.ares.matching.ExternalMatcherFailuresTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresException;
import dev.ares.core.AresTransportException;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.FaultyPeers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each {@link TransportFailure} the {@link ExternalMatcher} can meet, produced for real on
 * loopback: it throws the SDK's shared {@link AresTransportException}, so one {@code catch} serves
 * every client.
 */
class TransportFailuresTest {

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    closeables.add(server);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private ExternalMatcher matcher(ExternalMatcher.Builder settings) {
    ExternalMatcher m = settings.retryPolicy(TestPolicies.backoff(Duration.ofMillis(1))).build();
    closeables.add(m);
    return m;
  }

  private ExternalMatcher.Builder builder(String base) {
    return ExternalMatcher.builder().rule(rule(base));
  }

  private String base() {
    return server.url("").toString().replaceAll("/$", "");
  }

  /** Caught as the base type a user would catch around any client, then switched on. */
  private static AresTransportException fails(ExternalMatcher m) {
    try {
      m.matchAsset(ASSET);
    } catch (AresException e) {
      assertTrue(e instanceof AresTransportException, e.toString());
      return (AresTransportException) e;
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void anUnknownHostIsNotRetried() {
    String base = "https://" + FaultyPeers.UNKNOWN_HOST;
    AresTransportException e = fails(matcher(builder(base)));
    assertEquals(TransportFailure.UNKNOWN_HOST, e.failure());
    assertEquals(FaultyPeers.UNKNOWN_HOST, e.host());
    assertEquals(1, e.attempts());
    assertFalse(e.requestSent());
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws Exception {
    String base = "http://127.0.0.1:" + FaultyPeers.closedPort();
    AresTransportException e = fails(matcher(builder(base)));
    assertEquals(TransportFailure.CONNECT_REFUSED, e.failure());
    assertEquals(3, e.attempts());
    assertFalse(e.requestSent());
  }

  @Test
  void aConnectTimeout() throws Exception {
    String base = "http://127.0.0.1:" + FaultyPeers.unansweredPort(closeables);
    AresTransportException e =
        fails(
            matcher(
                builder(base)
                    .connectTimeout(Duration.ofMillis(200))
                    .retryPolicy(TestPolicies.of(1, Duration.ofMillis(1)))));
    assertEquals(TransportFailure.CONNECT_TIMEOUT, e.failure());
    assertTrue(e.isTimeout());
    assertFalse(e.requestSent());
  }

  @Test
  void aTlsHandshakeFailure() throws Exception {
    String base = "https://127.0.0.1:" + FaultyPeers.plainHttpPort(closeables);
    AresTransportException e = fails(matcher(builder(base)));
    assertEquals(TransportFailure.TLS, e.failure());
  }

  @Test
  void aResetAtTheActionIsRetriedThenReported() {
    MockResponse reset =
        new MockResponse.Builder()
            .code(200)
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
    server.enqueue(token());
    server.enqueue(reset);
    server.enqueue(reset);
    server.enqueue(reset);
    AresTransportException e = fails(matcher(builder(base())));
    assertEquals(TransportFailure.CONNECTION_RESET, e.failure());
    assertEquals(3, e.attempts());
    assertTrue(e.requestSent());
  }

  @Test
  void anAttemptTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    AresTransportException e =
        fails(
            matcher(
                builder(base())
                    .attemptTimeout(Duration.ofMillis(200))
                    .retryPolicy(TestPolicies.of(1, Duration.ofMillis(1)))));
    assertEquals(TransportFailure.ATTEMPT_TIMEOUT, e.failure());
    assertTrue(e.isTimeout());
  }

  @Test
  void aCallTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    AresTransportException e =
        fails(
            matcher(
                builder(base())
                    .attemptTimeout(Duration.ofSeconds(20))
                    .callTimeout(Duration.ofMillis(300))));
    assertEquals(TransportFailure.CALL_TIMEOUT, e.failure());
    assertTrue(e.isTimeout());
  }

  @Test
  void aClosedMatcher() {
    ExternalMatcher m = matcher(builder(base()));
    m.close();
    AresTransportException e = fails(m);
    assertEquals(TransportFailure.CLOSED, e.failure());
    assertEquals(0, e.attempts());
    assertEquals(0, server.getRequestCount());
  }
}
