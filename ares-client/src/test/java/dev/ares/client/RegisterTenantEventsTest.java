package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.model.TenantInput;
import dev.ares.core.AresHttpException;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.core.testsupport.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A service team's listener hears each {@code registerTenant} call as {@code AresClient
 * registerTenant} with its attempts and outcome, and never a secret, even from a server that echoes
 * them back in its request id; blocking and async alike.
 */
@ParameterizedClass
@EnumSource(CallStyle.class)
class RegisterTenantEventsTest {

  @Parameter CallStyle style;

  private static final String SUCCESS =
      "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-42\",\"userErrors\":[]}}}";

  private MockWebServer server;
  private final RecordingListener heard = new RecordingListener();
  private AresClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client =
        style.calling(
            AresClient.builder()
                .endpoint(server.url("/graphql").uri())
                .apiKey(Fixtures.API_KEY)
                .environmentId("env-123")
                .gatewaySignature(Fixtures.JWT)
                .retryPolicy(
                    RetryPolicy.builder()
                        .initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(2))
                        .build())
                .eventListener(heard)
                .build());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void aRetriedRegistrationIsHeardAttemptByAttempt() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .body(SUCCESS)
            .build());
    assertEquals("t-42", client.registerTenant(Fixtures.tenant()).tenantId().orElseThrow());
    assertEquals(
        List.of(
            "callStart",
            "attemptStart 1",
            "response 1 503 null",
            "retryScheduled 1",
            "attemptStart 2",
            "response 2 200 null",
            "callEnd SUCCESS 200 - 2"),
        heard.lines);
    String host = server.getHostName() + ":" + server.getPort();
    assertEquals(
        Set.of(HttpCallInfo.of("AresClient", "registerTenant", host)), Set.copyOf(heard.calls));
  }

  @Test
  void aServerEchoingEverySecretInItsRequestIdReachesTheListenerMasked() {
    String echo = String.join(" ", Fixtures.SECRETS) + " " + Fixtures.JWT;
    server.enqueue(
        new MockResponse.Builder().code(400).addHeaderLenient("x-request-id", echo).build());
    TenantInput withMatcher =
        Fixtures.tenantBuilder().rule(Fixtures.externalMatcher()).build(); // knows clientSecret
    assertThrows(AresHttpException.class, () -> client.registerTenant(withMatcher));
    assertEquals("callEnd HTTP_ERROR 400 - 1", heard.last());
    for (String secret : Fixtures.SECRETS) {
      assertFalse(heard.toString().contains(secret), secret + " in " + heard);
    }
    assertFalse(heard.toString().contains(Fixtures.JWT));
  }

  @Test
  void aMissingListenerIsNamedByEitherWayOfSettingIt() {
    AresValidationException shortcut =
        assertThrows(
            AresValidationException.class, () -> AresClient.builder().eventListener(null).build());
    assertEquals(
        1,
        shortcut.violations().stream()
            .filter(v -> v.toString().equals("aresClient.eventListener is required"))
            .count(),
        shortcut.getMessage());
    AresValidationException value =
        assertThrows(
            AresValidationException.class, () -> HttpOptions.builder().eventListener(null).build());
    assertEquals("httpOptions.eventListener is required", value.violations().get(0).toString());
  }
}
