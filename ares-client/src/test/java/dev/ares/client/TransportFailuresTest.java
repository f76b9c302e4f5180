package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresTransportException;
import dev.ares.core.RetryPolicy;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each {@link TransportFailure} the ARES client can meet, produced for real on loopback: the {@link
 * AresTransportException} names it, the host, whether the request may have been sent, and whether a
 * timeout ended the call.
 */
@ParameterizedClass
@EnumSource(CallStyle.class)
class TransportFailuresTest {

  @Parameter CallStyle style;

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

  private AresClient client(String endpoint, AresClientBuilder settings) {
    AresClient c =
        settings
            .endpoint(endpoint)
            .apiKey(Fixtures.API_KEY)
            .environmentId("env-123")
            .gatewaySignature(Fixtures.JWT)
            .retryPolicy(
                RetryPolicy.builder()
                    .maxAttempts(2)
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(2))
                    .build())
            .build();
    c = style.calling(c);
    closeables.add(c);
    return c;
  }

  private AresTransportException fails(AresClient c) {
    return assertThrows(AresTransportException.class, () -> c.registerTenant(Fixtures.tenant()));
  }

  @Test
  void anUnknownHost() {
    AresTransportException e = fails(client("https://ares.invalid/graphql", AresClient.builder()));
    assertEquals(TransportFailure.UNKNOWN_HOST, e.failure());
    assertEquals("ares.invalid", e.host());
    assertFalse(e.requestSent());
    assertFalse(e.isTimeout());
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws Exception {
    int port = FaultyPeers.closedPort();
    AresTransportException e =
        fails(client("http://127.0.0.1:" + port + "/graphql", AresClient.builder()));
    assertEquals(TransportFailure.CONNECT_REFUSED, e.failure());
    assertEquals("127.0.0.1:" + port, e.host());
    assertEquals(2, e.attempts());
    assertFalse(e.requestSent());
  }

  @Test
  void aConnectTimeout() throws Exception {
    int port = FaultyPeers.unansweredPort(closeables);
    AresTransportException e =
        fails(
            client(
                "http://127.0.0.1:" + port + "/graphql",
                AresClient.builder()
                    .connectTimeout(Duration.ofMillis(200))
                    .callTimeout(Duration.ofSeconds(20))));
    assertEquals(TransportFailure.CONNECT_TIMEOUT, e.failure());
    assertTrue(e.isTimeout());
    assertFalse(e.requestSent());
  }

  @Test
  void aTlsHandshakeFailure() throws Exception {
    int port = FaultyPeers.plainHttpPort(closeables);
    AresTransportException e =
        fails(client("https://127.0.0.1:" + port + "/graphql", AresClient.builder()));
    assertEquals(TransportFailure.TLS, e.failure());
    assertFalse(e.isTimeout());
  }

  @Test
  void aResetAfterSendingIsNotRetriedForTheMutation() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    AresTransportException e =
        fails(client(server.url("/graphql").toString(), AresClient.builder()));
    assertEquals(TransportFailure.CONNECTION_RESET, e.failure());
    assertTrue(e.requestSent());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void anAttemptTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    AresTransportException e =
        fails(
            client(
                server.url("/graphql").toString(),
                AresClient.builder()
                    .attemptTimeout(Duration.ofMillis(300))
                    .callTimeout(Duration.ofSeconds(20))));
    assertEquals(TransportFailure.ATTEMPT_TIMEOUT, e.failure());
    assertTrue(e.isTimeout());
    assertTrue(e.requestSent());
  }

  @Test
  void aCallTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    AresTransportException e =
        fails(
            client(
                server.url("/graphql").toString(),
                AresClient.builder()
                    .attemptTimeout(Duration.ofSeconds(20))
                    .callTimeout(Duration.ofMillis(300))));
    assertEquals(TransportFailure.CALL_TIMEOUT, e.failure());
    assertTrue(e.isTimeout());
  }

  @Test
  void aClosedClient() {
    AresClient c = client(server.url("/graphql").toString(), AresClient.builder());
    c.close();
    AresTransportException e = fails(c);
    assertEquals(TransportFailure.CLOSED, e.failure());
    assertEquals(0, e.attempts());
    assertFalse(e.requestSent());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aFailingJwtSupplierIsARequestNotBuilt() {
    AresClient c =
        AresClient.builder()
            .endpoint(server.url("/graphql").uri())
            .apiKey(Fixtures.API_KEY)
            .environmentId("env-123")
            .gatewaySignature(
                () -> {
                  throw new IllegalStateException("vault down");
                })
            .build();
    c = style.calling(c);
    c = style.calling(c);
    closeables.add(c);
    AresTransportException e = fails(c);
    assertEquals(TransportFailure.REQUEST_NOT_BUILT, e.failure());
    assertFalse(e.requestSent());
    assertNull(e.getCause());
    assertEquals(0, server.getRequestCount());
  }
}
