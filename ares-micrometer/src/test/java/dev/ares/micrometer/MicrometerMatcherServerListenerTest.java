package dev.ares.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matcher.server.AssetMatcherHttpHandler;
import dev.ares.matcher.server.ConnectionRefusal;
import dev.ares.matcher.server.MatcherServer;
import dev.ares.matcher.server.RequestOutcome;
import dev.ares.matcher.server.ServedRequest;
import dev.ares.matching.MatchBySku;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a dashboard sees of a hosted matcher through the Micrometer server listener. */
class MicrometerMatcherServerListenerTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerMatcherServerListener listener =
      MicrometerMatcherServerListener.of(registry);

  private Timer requests(String route, String status, String outcome) {
    return registry
        .get(MicrometerMatcherServerListener.REQUESTS)
        .tags("route", route, "status", status, "outcome", outcome)
        .timer();
  }

  private double refused(String reason) {
    Counter c =
        registry
            .find(MicrometerMatcherServerListener.REFUSED_CONNECTIONS)
            .tag("reason", reason)
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void eachRequestIsTimedByRouteStatusAndOutcome() {
    listener.requestEnd(
        ServedRequest.of(
            ServedRequest.ASSET_TO_PRODUCT, 200, RequestOutcome.ANSWERED, Duration.ofMillis(30)));
    listener.requestEnd(
        ServedRequest.of(
            ServedRequest.ASSET_TO_PRODUCT, 200, RequestOutcome.ANSWERED, Duration.ofMillis(10)));
    listener.requestEnd(
        ServedRequest.of(
            ServedRequest.PRODUCT_TO_ASSET, 503, RequestOutcome.BUSY, Duration.ofMillis(1)));
    listener.requestEnd(
        ServedRequest.of(ServedRequest.OTHER, 0, RequestOutcome.ABANDONED, Duration.ofMillis(2)));

    Timer answered = requests("asset-to-product", "200", "answered");
    assertEquals(2, answered.count());
    assertEquals(40, answered.totalTime(TimeUnit.MILLISECONDS), 0.001);
    assertEquals(1, requests("product-to-asset", "503", "busy").count());
    assertEquals(1, requests("other", "none", "abandoned").count());
    assertEquals(3, registry.getMeters().size());
  }

  @Test
  void refusedConnectionsAreCountedByReason() {
    listener.connectionRefused(ConnectionRefusal.CONNECTION_CAP);
    listener.connectionRefused(ConnectionRefusal.CONNECTION_CAP);
    listener.connectionRefused(ConnectionRefusal.TLS_HANDSHAKE);
    assertEquals(2, refused("connection_cap"), 0.0);
    assertEquals(1, refused("tls_handshake"), 0.0);
  }

  @Test
  void aServedMatcherShowsItsRequestsAndRefusals() throws Exception {
    MatcherServer server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus()).allowAnonymous().build())
            .maxRequestBytes(1000)
            .eventListener(listener)
            .start();
    MatcherServer capped =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus()).allowAnonymous().build())
            .maxConnections(1)
            .eventListener(listener)
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      assertEquals(200, post(http, server.productToAssetUrl(), "{\"productSku\":\"p1\"}"));
      assertEquals(200, post(http, server.productToAssetUrl(), "{\"productSku\":\"p2\"}"));
      assertEquals(400, post(http, server.productToAssetUrl(), "{}"));
      assertEquals(
          200,
          http.send(
                  HttpRequest.newBuilder(URI.create(server.healthUrl())).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode());
      assertEquals(413, post(http, server.assetToProductUrl(), " ".repeat(1001)));
      // one connection held without a request head: the next one over the cap takes its room
      try (Socket held = new Socket(InetAddress.getLoopbackAddress(), capped.port());
          Socket over = connectAfter(capped, 1)) {
        held.setSoTimeout(5000);
        InputStream in = held.getInputStream();
        try {
          assertEquals(-1, in.read(), "closed to make room");
        } catch (java.net.SocketException e) {
          assertTrue(String.valueOf(e.getMessage()).contains("reset"), e.toString());
        }
        assertTrue(over.isConnected());
      }
    } finally {
      assertTrue(server.shutdown(Duration.ofSeconds(5))); // every event is in once it returns
      assertTrue(capped.shutdown(Duration.ofSeconds(5)));
    }
    assertEquals(2, requests("product-to-asset", "200", "answered").count());
    assertEquals(1, requests("product-to-asset", "400", "bad_request").count());
    assertEquals(1, requests("asset-to-product", "413", "too_large").count());
    assertEquals(1, requests("health", "200", "answered").count());
    assertEquals(1, refused("made_room"), 0.0);
    Set<String> tagKeys =
        registry.getMeters().stream()
            .map(Meter::getId)
            .flatMap(id -> id.getTags().stream())
            .map(tag -> tag.getKey())
            .collect(Collectors.toSet());
    assertEquals(Set.of("route", "status", "outcome", "reason"), tagKeys, "no path, address, id");
  }

  @Test
  void aRegistryIsRequired() {
    assertThrows(NullPointerException.class, () -> MicrometerMatcherServerListener.of(null));
    assertTrue(listener.toString().contains("SimpleMeterRegistry"), listener.toString());
  }

  /** A connection opened once the server has accepted {@code n} (so it is the one over the cap). */
  private static Socket connectAfter(MatcherServer server, long n) throws java.io.IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.connectionsAccepted() < n && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return new Socket(InetAddress.getLoopbackAddress(), server.port());
  }

  private static int post(HttpClient http, String url, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
