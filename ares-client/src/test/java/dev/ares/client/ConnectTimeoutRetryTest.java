package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresTransportException;
import dev.ares.core.RetryPolicy;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mutation is retried after a timeout only when that timeout came before anything was sent: a
 * connect timeout is safe to retry, a request that went out and got no answer is not.
 */
class ConnectTimeoutRetryTest {

  private MockWebServer server;
  private final CloseableHttpClient real = HttpClients.createDefault();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    real.close();
    server.close();
  }

  private AresClient over(CloseableHttpClient http) {
    return AresClient.builder()
        .endpoint(server.url("/graphql").uri())
        .apiKey(Fixtures.API_KEY)
        .environmentId("env-123")
        .gatewaySignature(Fixtures.JWT)
        .httpClient(http)
        .retryPolicy(
            RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(2))
                .build())
        .build();
  }

  @Test
  void aConnectTimeoutIsRetriedAndTheMutationIsSentOnce() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"data\":{\"registerTenant\":{\"tenantId\":\"t-42\",\"userErrors\":[]}}}")
            .build());
    Network network = new Network(real, true, false);
    try (AresClient client = over(network)) {
      assertEquals("t-42", client.registerTenant(Fixtures.tenant()).tenantId().get());
    }
    assertEquals(2, network.calls.get());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aTimeoutAfterTheMutationWentOutIsNotRetried() {
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    Network network = new Network(real, false, true);
    AresTransportException e;
    try (AresClient client = over(network)) {
      e =
          assertThrows(
              AresTransportException.class, () -> client.registerTenant(Fixtures.tenant()));
    }
    assertTrue(e.isTimeout());
    assertTrue(e.requestSent());
    assertEquals(1, e.attempts());
    assertEquals(1, network.calls.get());
    assertEquals(1, server.getRequestCount());
  }

  /** A caller's client over a network whose first connect times out, or whose answers get lost. */
  private static final class Network extends CloseableHttpClient {
    final AtomicInteger calls = new AtomicInteger();
    private final CloseableHttpClient real;
    private final boolean firstConnectTimesOut;
    private final boolean answersAreLost;

    Network(CloseableHttpClient real, boolean firstConnectTimesOut, boolean answersAreLost) {
      this.real = real;
      this.firstConnectTimesOut = firstConnectTimesOut;
      this.answersAreLost = answersAreLost;
    }

    @Override
    @SuppressWarnings("deprecation") // the one public way to hand on a CloseableHttpResponse
    protected CloseableHttpResponse doExecute(
        HttpHost target, ClassicHttpRequest request, HttpContext context) throws IOException {
      if (calls.incrementAndGet() == 1 && firstConnectTimesOut) {
        throw new ConnectTimeoutException("Connect to " + target + " timed out");
      }
      CloseableHttpResponse response = real.execute(target, request, context);
      if (answersAreLost) {
        response.close();
        throw new SocketTimeoutException("Read timed out");
      }
      return response;
    }

    @Override
    public void close(CloseMode closeMode) {}

    @Override
    public void close() {}
  }
}
