package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.client.testing.FakeAresServer;
import dev.ares.client.testing.InMemoryAresClient;
import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.TransportFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakesTest {

  @Test
  void inMemoryClientRegistersRefusesDuplicatesAndRecords() {
    try (InMemoryAresClient ares = new InMemoryAresClient()) {
      registersRefusesDuplicatesAndRecords(ares);
    }
  }

  private static void registersRefusesDuplicatesAndRecords(InMemoryAresClient ares) {
    TenantInput tenant = Fixtures.tenant();
    assertEquals("tenant-0001", ares.registerTenant(tenant).requireTenantId());
    RegisterTenantResult again = ares.registerTenant(tenant);
    assertEquals(
        List.of(UserError.of("Tenant already exists", List.of("tenantInput", "projectId"))),
        again.userErrors());
    TenantInput otherEnvironment =
        tenant.withAem(AemInput.builder().programId("11111").environmentId("333333").build());
    assertEquals("tenant-0002", ares.registerTenant(otherEnvironment).requireTenantId());
    assertEquals(List.of(tenant, tenant, otherEnvironment), ares.registrations());
    assertEquals(List.of("tenant-0001", "tenant-0002"), List.copyOf(ares.tenants().keySet()));
    ares.reset();
    assertEquals("tenant-0001", ares.registerTenant(tenant).requireTenantId());
  }

  @Test
  void inMemoryClientFailsTheNextCallsAsTold() {
    AresTransportException down =
        new AresTransportException(
            TransportFailure.CALL_TIMEOUT, "down", "ares.test", 1, false, null);
    InMemoryAresClient ares =
        new InMemoryAresClient()
            .failNextWith(down)
            .failNextWithUserError("Commerce credentials are invalid", "tenantInput", "commerce");
    assertSame(
        down,
        assertThrows(AresTransportException.class, () -> ares.registerTenant(Fixtures.tenant())));
    assertEquals(
        "Commerce credentials are invalid",
        ares.registerTenant(Fixtures.tenant()).userErrors().get(0).message());
    assertTrue(ares.registerTenant(Fixtures.tenant()).isSuccess());
    assertThrows(AresValidationException.class, () -> ares.registerTenant(null));
    ares.close();
    assertThrows(AresTransportException.class, () -> ares.registerTenant(Fixtures.tenant()));
  }

  @Test
  void fakeServerSpeaksTheWireFormThroughTheRealClient() {
    try (FakeAresServer fake = FakeAresServer.start();
        AresClient ares =
            AresClient.builder()
                .endpoint(fake.endpoint())
                .apiKey("k")
                .environmentId("e")
                .gatewaySignature("j")
                .build()) {
      assertEquals("tenant-0001", ares.registerTenant(Fixtures.tenant()).requireTenantId());
      assertEquals(
          "Tenant already exists",
          ares.registerTenant(Fixtures.tenant()).userErrors().get(0).message());
      TenantInput external =
          Fixtures.tenantBuilder().projectId("p2").rule(Fixtures.externalMatcher()).build();
      assertEquals("tenant-0002", ares.registerTenant(external).requireTenantId());
      assertEquals(external, fake.tenants().get("tenant-0002"));
      assertEquals(3, fake.requestCount());
    }
  }

  @Test
  void fakeServerChecksHeadersAndInputLikeAres() throws Exception {
    try (FakeAresServer fake = FakeAresServer.start()) {
      String body =
          "{\"query\":\"mutation registerTenant($tenantInput: TenantInput!) { registerTenant(tenantInput: $tenantInput) { tenantId userErrors { message path } } }\","
              + "\"variables\":{\"tenantInput\":{\"projectId\":\"p\",\"ruleType\":\"matchBySKU\","
              + "\"commerce\":{\"credentials\":{\"consumerKey\":\"k\"}}}}}";
      assertTrue(
          post(fake.endpoint(), body, "x-gw-signature", "j", "magento-environment-id", "e")
              .contains("Client ID is missing"));
      assertTrue(
          post(fake.endpoint(), body, "x-api-key", "k", "magento-environment-id", "e")
              .contains("JWT is required"));
      String refused =
          post(
              fake.endpoint(),
              body,
              "x-api-key",
              "k",
              "x-gw-signature",
              "j",
              "magento-environment-id",
              "e");
      assertTrue(
          refused.contains(
              "{\"message\":\"is required\",\"path\":[\"tenantInput\",\"commerce\",\"credentials\",\"consumerSecret\"]}"),
          refused);
      assertTrue(
          post(fake.endpoint(), "{\"query\":\"{ ping }\"}", "x-api-key", "k")
              .contains("Unknown operation"));
      assertTrue(post(fake.endpoint(), "not json", "x-api-key", "k").contains("not valid JSON"));
    }
  }

  private static String post(URI uri, String body, String... headers) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
