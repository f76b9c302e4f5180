package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

/** Every verdict of the credentials check, against the fake store and MockWebServer. */
class CredentialsCheckTest {

  private static final CommerceCredentialsInput GOOD = TestCredentials.DISTINCT;

  private static CredentialsCheckResult check(String baseUrl, CommerceCredentialsInput creds)
      throws Exception {
    try (CommerceCredentialsCheck check =
        CommerceCredentialsCheck.builder().baseUrl(baseUrl).credentials(creds).build()) {
      return check.run();
    }
  }

  @Test
  void okWhenTheStoreAcceptsTheSignedRead() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(GOOD).start()) {
      CredentialsCheckResult result = check(store.baseUrl() + "/", GOOD);

      assertEquals(CredentialsVerdict.OK, result.verdict());
      assertTrue(result.isOk());
      assertEquals(OptionalInt.of(200), result.httpStatus());
      assertEquals(1, store.acceptedCount());
    }
  }

  @Test
  void badCredentialsWithTheStoresMessage() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(GOOD).start()) {
      CredentialsCheckResult wrongSecret =
          check(store.baseUrl(), GOOD.withAccessTokenSecret("mistyped"));
      CredentialsCheckResult wrongKey = check(store.baseUrl(), GOOD.withConsumerKey("mistyped"));

      assertEquals(CredentialsVerdict.BAD_CREDENTIALS, wrongSecret.verdict());
      assertEquals("The signature is invalid. Verify and try again.", wrongSecret.message());
      assertEquals(OptionalInt.of(401), wrongSecret.httpStatus());
      assertEquals(CredentialsVerdict.BAD_CREDENTIALS, wrongKey.verdict());
      assertEquals("A consumer having the specified key does not exist", wrongKey.message());
    }
  }

  @Test
  void badCredentialsWhenTheStoreRefusesHmacSha1() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(GOOD).start();
        CommerceCredentialsCheck check =
            CommerceCredentialsCheck.builder()
                .baseUrl(store.baseUrl())
                .credentials(GOOD)
                .signatureMethod(SignatureMethod.HMAC_SHA1)
                .build()) {
      CredentialsCheckResult result = check.run();

      assertEquals(CredentialsVerdict.BAD_CREDENTIALS, result.verdict());
      assertEquals("Signature method HMAC-SHA1 is not supported", result.message());
      assertEquals(OptionalInt.of(400), result.httpStatus());
    }
  }

  @Test
  void missingPermissionWithTheResourceNamed() throws Exception {
    try (FakeCommerceServer store =
        FakeCommerceServer.builder(GOOD).catalogPermission(false).start()) {
      CredentialsCheckResult result = check(store.baseUrl(), GOOD);

      assertEquals(CredentialsVerdict.MISSING_PERMISSION, result.verdict());
      assertEquals(
          "The consumer isn't authorized to access Magento_Catalog::products.", result.message());
    }
  }

  @Test
  void storeNotReachedWhenNothingListens() throws Exception {
    String baseUrl;
    try (FakeCommerceServer store = FakeCommerceServer.builder(GOOD).start()) {
      baseUrl = store.baseUrl();
    }
    CredentialsCheckResult result = check(baseUrl, GOOD);

    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertTrue(result.message().startsWith("could not connect to 127.0.0.1:"), result.message());
    assertEquals(OptionalInt.empty(), result.httpStatus());
  }

  @Test
  void storeNotReachedWhenItNeverAnswers() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
      server.start();
      try (CommerceCredentialsCheck check =
          CommerceCredentialsCheck.builder()
              .baseUrl(server.url("/").toString())
              .credentials(GOOD)
              .attemptTimeout(Duration.ofMillis(300))
              .build()) {
        CredentialsCheckResult result = check.run();

        assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
        assertTrue(result.message().startsWith("no answer from"), result.message());
      }
    }
  }

  @Test
  void unexpectedAnswerInMaintenance() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(GOOD).maintenance(true).start()) {
      CredentialsCheckResult result = check(store.baseUrl(), GOOD);

      assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, result.verdict());
      assertEquals(OptionalInt.of(503), result.httpStatus());
      assertEquals("HTTP 503 without a Commerce message", result.message());
    }
  }

  @Test
  void unexpectedAnswerForHtmlPagesAndRedirects() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("<html>shop</html>").build());
      server.enqueue(
          new MockResponse.Builder()
              .code(302)
              .addHeader("Location", "https://elsewhere.example/login")
              .build());
      server.start();
      String baseUrl = server.url("/").toString();

      CredentialsCheckResult html = check(baseUrl, GOOD);
      CredentialsCheckResult redirect = check(baseUrl, GOOD);

      assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, html.verdict());
      assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, redirect.verdict());
      assertEquals(
          "HTTP 302 redirect to elsewhere.example; check the base URL", redirect.message());
      assertEquals(
          "/rest/V1/products?searchCriteria%5BpageSize%5D=1", server.takeRequest().getTarget());
    }
  }

  @Test
  void aCallersClientIsUsedAndLeftOpen() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(GOOD).start();
        CloseableHttpClient client = HttpClients.createDefault()) {
      try (CommerceCredentialsCheck check =
          CommerceCredentialsCheck.builder()
              .commerce(
                  dev.ares.client.model.CommerceInput.builder()
                      .baseUrl(store.baseUrl())
                      .credentials(GOOD)
                      .build())
              .httpClient(client)
              .build()) {
        assertTrue(check.run().isOk());
      }
      int status =
          client.execute(new HttpGet(store.baseUrl() + "/rest/V1/products"), r -> r.getCode());
      assertEquals(401, status);
    }
  }

  @Test
  void badInputIsNamedBeforeAnyCall() throws Exception {
    AresValidationException none =
        assertThrows(
            AresValidationException.class,
            () ->
                CommerceCredentialsCheck.builder()
                    .connectTimeout(Duration.ZERO)
                    .attemptTimeout(Duration.ofSeconds(-1))
                    .build());
    assertEquals(
        List.of(
            FieldViolation.of("commerceCredentialsCheck.baseUrl", "is required"),
            FieldViolation.of("commerceCredentialsCheck.credentials", "is required"),
            FieldViolation.of("commerceCredentialsCheck.connectTimeout", "must be positive"),
            FieldViolation.of("commerceCredentialsCheck.attemptTimeout", "must be positive")),
        none.violations());
    AresValidationException insecure =
        assertThrows(
            AresValidationException.class,
            () ->
                CommerceCredentialsCheck.builder()
                    .baseUrl("http://shop.example")
                    .credentials(GOOD)
                    .build());
    assertEquals(
        List.of(
            FieldViolation.of(
                "commerceCredentialsCheck.baseUrl",
                "must use https (http only for a loopback host)")),
        insecure.violations());
    try (CommerceCredentialsCheck optedIn =
        CommerceCredentialsCheck.builder()
            .baseUrl("http://shop.example")
            .credentials(GOOD)
            .allowInsecureHttp(true)
            .build()) {
      assertFalse(optedIn.toString().contains("SECRETVALUE"));
    }
    assertThrows(
        AresValidationException.class,
        () -> CommerceCredentialsCheck.builder().baseUrl("shop.example").credentials(GOOD).build());
  }
}
