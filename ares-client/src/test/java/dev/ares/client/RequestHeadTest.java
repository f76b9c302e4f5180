package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.RetryPolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What goes into each request's head, what a bad supplied JWT is told, and how the client and its
 * builder describe themselves (the endpoint, never a credential).
 */
class RequestHeadTest {

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

  private AresClientBuilder builder() {
    return AresClient.builder()
        .endpoint(server.url("/graphql").uri())
        .apiKey(Fixtures.API_KEY)
        .environmentId("env-123")
        .gatewaySignature(Fixtures.JWT)
        .retryPolicy(RetryPolicy.none());
  }

  @Test
  void theRequestAsksForJson() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"data\":{\"registerTenant\":{\"tenantId\":\"t-1\",\"userErrors\":[]}}}")
            .build());
    try (AresClient client = builder().build()) {
      assertEquals("t-1", client.registerTenant(Fixtures.tenant()).requireTenantId());
    }
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request);
    assertEquals("application/json", request.getHeaders().get("Accept"));
  }

  @Test
  void aSupplierGivingNoJwtOrABadOneIsToldWhichBeforeAnythingIsSent() {
    try (AresClient none = builder().gatewaySignature(() -> null).build();
        AresClient blank = builder().gatewaySignature(() -> "  ").build()) {
      assertEquals(
          List.of("aresClient.gatewaySignature supplied no JWT"),
          violations(
              assertThrows(
                  AresValidationException.class, () -> none.registerTenant(Fixtures.tenant()))));
      assertEquals(
          List.of("aresClient.gatewaySignature supplied a JWT that must not be blank"),
          violations(
              assertThrows(
                  AresValidationException.class, () -> blank.registerTenant(Fixtures.tenant()))));
    }
    assertEquals(0, server.getRequestCount());
  }

  private static List<String> violations(AresValidationException e) {
    return e.violations().stream().map(FieldViolation::toString).toList();
  }

  @Test
  void theClientAndItsBuilderNameTheEndpointButNoCredential() {
    String endpoint = server.url("/graphql").uri().toString();
    AresClientBuilder b = builder();
    try (AresClient client = b.build()) {
      for (String text : List.of(client.toString(), b.toString())) {
        assertTrue(text.contains(endpoint), text);
        for (String secret : Fixtures.SECRETS) {
          assertFalse(text.contains(secret), text);
        }
      }
      assertTrue(b.toString().contains("env-123"), b.toString());
    }
  }
}
