package dev.ares.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.AresClient;
import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresTransportException;
import dev.ares.core.HttpEventListener;
import dev.ares.core.RetryPolicy;
import dev.ares.core.testsupport.FaultyPeers;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a service's dashboard sees of an {@link AresClient} through the Micrometer listener. */
class MicrometerEventListenerTest {

  private static final String SUCCESS =
      "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-42\",\"userErrors\":[]}}}";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AresClient client(URI endpoint) {
    return AresClient.builder()
        .endpoint(endpoint)
        .apiKey("api-key-1234")
        .environmentId("env-123")
        .gatewaySignature("eyJhbGciOiJIUzI1NiJ9.e30.signature")
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(1))
                .build())
        .eventListener(HttpEventListener.logging().andThen(MicrometerEventListener.of(registry)))
        .build();
  }

  private static TenantInput tenant() {
    return TenantInput.builder()
        .enabled(true)
        .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
        .aem(AemInput.builder().programId("11111").environmentId("222222").build())
        .commerce(
            CommerceInput.builder()
                .baseUrl("https://store.example.com")
                .credentials(
                    CommerceCredentialsInput.builder()
                        .consumerKey("ck-1")
                        .consumerSecret("cs-1")
                        .accessToken("at-1")
                        .accessTokenSecret("ats-1")
                        .build())
                .build())
        .rule(MatchBySkuRuleInput.commerceSkus())
        .build();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void aRetriedRegistrationIsOneTimedCallOfTwoAttemptsAndOneRetry() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(SUCCESS)
            .build());
    try (AresClient client = client(server.url("/graphql").uri())) {
      client.registerTenant(tenant());
    }
    Timer calls =
        registry
            .get(MicrometerEventListener.CALLS)
            .tags("client", "AresClient", "operation", "registerTenant", "outcome", "SUCCESS")
            .timer();
    assertEquals(1, calls.count());
    assertTrue(calls.totalTime(TimeUnit.NANOSECONDS) > 0);
    String[] call = {"client", "AresClient", "operation", "registerTenant"};
    assertEquals(1, counter(MicrometerEventListener.ATTEMPTS, with(call, "result", "503")));
    assertEquals(1, counter(MicrometerEventListener.ATTEMPTS, with(call, "result", "200")));
    assertEquals(1, counter(MicrometerEventListener.RETRIES, call));
  }

  @Test
  void anUnreachableServiceIsCountedByItsTransportFailure() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + FaultyPeers.closedPort() + "/graphql");
    try (AresClient client = client(closed)) {
      assertThrows(AresTransportException.class, () -> client.registerTenant(tenant()));
    }
    assertEquals(
        1,
        registry
            .get(MicrometerEventListener.CALLS)
            .tags("outcome", "TRANSPORT_FAILURE")
            .timer()
            .count());
    // Refused before anything was sent: retried once, so two attempts.
    assertEquals(
        2,
        counter(
            MicrometerEventListener.ATTEMPTS,
            "operation",
            "registerTenant",
            "result",
            "CONNECT_REFUSED"));
  }

  @Test
  void everyTagHasAFixedSetOfValuesAndNoHost() {
    server.enqueue(new MockResponse.Builder().code(500).build());
    try (AresClient client = client(server.url("/graphql").uri())) {
      assertThrows(RuntimeException.class, () -> client.registerTenant(tenant()));
    }
    Set<String> tagKeys =
        registry.getMeters().stream()
            .map(Meter::getId)
            .flatMap(id -> id.getTags().stream())
            .map(tag -> tag.getKey())
            .collect(Collectors.toSet());
    assertEquals(Set.of("client", "operation", "outcome", "result"), tagKeys);
    assertEquals(
        List.of("HTTP_ERROR"),
        registry.find(MicrometerEventListener.CALLS).timers().stream()
            .map(t -> t.getId().getTag("outcome"))
            .toList());
  }

  @Test
  void aRegistryIsRequired() {
    assertThrows(NullPointerException.class, () -> MicrometerEventListener.of(null));
    assertEquals(
        "MicrometerEventListener{SimpleMeterRegistry}",
        MicrometerEventListener.of(registry).toString());
  }

  private static String[] with(String[] tags, String key, String value) {
    String[] all = java.util.Arrays.copyOf(tags, tags.length + 2);
    all[tags.length] = key;
    all[tags.length + 1] = value;
    return all;
  }
}
