package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.RegisterTenantResult;
import dev.ares.core.AresHttpException;
import dev.ares.core.RetryPolicy;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What a caller reads off each kind of answer: success, refusal, throttling or not. */
@ParameterizedClass
@EnumSource(CallStyle.class)
class ServiceAnswersTest {

  @Parameter CallStyle style;

  private MockWebServer server;
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
                .retryPolicy(RetryPolicy.none())
                .build());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private RegisterTenantResult answered(String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
    return client.registerTenant(Fixtures.tenant());
  }

  @Test
  void anEmptyErrorsListBesideDataIsASuccess() {
    RegisterTenantResult result =
        answered(
            "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-7\",\"userErrors\":[]}},\"errors\":[]}");
    assertTrue(result.isSuccess());
    assertEquals("t-7", result.requireTenantId());
  }

  @Test
  void anIdWithUserErrorsOrNoIdAtAllIsNoSuccess() {
    RegisterTenantResult withErrors =
        answered(
            "{\"data\":{\"registerTenant\":{\"tenantId\":"
                + "\"t-7\",\"userErrors\":[{\"message\":\"threshold ignored\"}]}}}");
    assertFalse(withErrors.isSuccess());
    assertThrows(AresUserErrorsException.class, withErrors::requireTenantId);
    RegisterTenantResult noId =
        answered("{\"data\":{\"registerTenant\":{\"tenantId\":null,\"userErrors\":[]}}}");
    assertFalse(noId.isSuccess());
    assertThrows(AresUserErrorsException.class, noId::requireTenantId);
  }

  @Test
  void onlyTooManyRequestsAndUnavailableAreThrottling() {
    for (int status : new int[] {400, 401, 403, 404, 409, 500, 502, 504, 429, 503}) {
      server.enqueue(new MockResponse.Builder().code(status).build());
      AresHttpException e =
          assertThrows(AresHttpException.class, () -> client.registerTenant(Fixtures.tenant()));
      assertEquals(status, e.statusCode());
      assertEquals(status == 429 || status == 503, e.isThrottling(), "HTTP " + status);
    }
    assertEquals(10, server.getRequestCount());
  }
}
