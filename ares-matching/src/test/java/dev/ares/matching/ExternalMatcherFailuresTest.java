package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresHttpException;
import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.TransportFailure;
import dev.ares.matching.ExternalMatcherException.Reason;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ExternalMatcher against a scripted server: wire details and every failure type. */
class ExternalMatcherFailuresTest {

  static final String SECRET = "s3cr3t-client-value";
  static final String TOKEN = "tok-ABCDEF-123456";
  static final Asset ASSET = Asset.of("urn:aaid:aem:1", Map.of("commerce:skus", List.of("sku-7")));

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

  static ExternalMatcherInput rule(String base) {
    return ExternalMatcherInput.builder()
        .assetToProductUrl(base + "/a2p")
        .productToAssetUrl(base + "/p2a")
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl(base + "/ims/token/v3")
                .clientId("client-1")
                .clientSecret(SECRET)
                .imsOrgId("ORG1@AdobeOrg")
                .build())
        .build();
  }

  private ExternalMatcher.Builder matcher() {
    return ExternalMatcher.builder()
        .rule(rule(server.url("").toString().replaceAll("/$", "")))
        .retryPolicy(TestPolicies.backoff(Duration.ofMillis(1)))
        .attemptTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(10));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse token() {
    return json(
        200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":86399}");
  }

  static final String A2P =
      "{\"asset_id\":\"urn:aaid:aem:1\",\"product_matches\":[{\"product_sku\":\"sku-7\","
          + "\"asset_roles\":[\"image\"],\"asset_position\":2}],\"skip\":false}";

  @Test
  void sendsTheTokenRequestAndTheActionCallAsSpecified() throws Exception {
    server.enqueue(token());
    server.enqueue(json(200, A2P));
    server.enqueue(json(200, "{\"product_sku\":\"sku-7\",\"asset_matches\":[],\"skip\":true}"));
    try (ExternalMatcher m = matcher().build()) {
      AssetToProductResult r = m.matchAsset(ASSET);
      assertEquals(OptionalInt.of(2), r.productMatches().get(0).assetPosition());
      assertTrue(m.matchProduct("sku-7").skip());
    }
    RecordedRequest ims = server.takeRequest();
    assertEquals("/ims/token/v3", ims.getUrl().encodedPath());
    assertEquals(
        "application/x-www-form-urlencoded; charset=ISO-8859-1".split(";")[0],
        ims.getHeaders().get("Content-Type").split(";")[0]);
    assertEquals(
        "grant_type=client_credentials&client_id=client-1&client_secret="
            + SECRET
            + "&scope=AdobeID%2Copenid%2Cread_organizations",
        ims.getBody().utf8());
    RecordedRequest a2p = server.takeRequest();
    assertEquals("/a2p", a2p.getUrl().encodedPath());
    assertEquals("Bearer " + TOKEN, a2p.getHeaders().get("Authorization"));
    assertEquals("ORG1@AdobeOrg", a2p.getHeaders().get("x-gw-ims-org-id"));
    assertEquals(
        "{\"assetId\":\"urn:aaid:aem:1\",\"eventData\":{\"assetMetadata\":{\"commerce:skus\":[\"sku-7\"]}}}",
        a2p.getBody().utf8());
    RecordedRequest p2a = server.takeRequest();
    assertEquals("{\"productSku\":\"sku-7\",\"eventData\":{}}", p2a.getBody().utf8());
    assertEquals("Bearer " + TOKEN, p2a.getHeaders().get("Authorization"));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void acceptsTheWrappedAppBuilderReplyAsObjectOrString() {
    server.enqueue(token());
    server.enqueue(json(200, "{\"statusCode\":200,\"body\":" + A2P + "}"));
    server.enqueue(json(200, "{\"statusCode\":200,\"body\":\"{\\\"product_sku\\\":\\\"p\\\"}\"}"));
    try (ExternalMatcher m = matcher().build()) {
      assertEquals("sku-7", m.matchAsset(ASSET).productMatches().get(0).productSku());
      assertEquals("p", m.matchProduct("p").productSku());
    }
  }

  @Test
  void wrappedErrorStatusIsAnHttpStatusFailure() {
    server.enqueue(token());
    server.enqueue(json(200, "{\"statusCode\":500,\"body\":{\"error\":\"boom\"}}"));
    try (ExternalMatcher m = matcher().build()) {
      AresHttpException e = assertThrows(AresHttpException.class, () -> m.matchAsset(ASSET));
      assertEquals(500, e.statusCode());
    }
  }

  @Test
  void retriesThrottlingHonouringRetryAfterThenSucceeds() {
    server.enqueue(token());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(429).build());
    server.enqueue(json(200, A2P));
    try (ExternalMatcher m = matcher().build()) {
      assertEquals(1, m.matchAsset(ASSET).productMatches().size());
    }
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void givesUpAfterMaxAttemptsNamingHostAndStatus() {
    server.enqueue(token());
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(429).build());
    }
    try (ExternalMatcher m = matcher().build()) {
      AresHttpException e = assertThrows(AresHttpException.class, () -> m.matchAsset(ASSET));
      assertEquals(429, e.statusCode());
      assertTrue(e.isThrottling());
      assertEquals(3, e.attempts());
      assertEquals("localhost:" + server.getPort(), e.host());
      assertEquals(
          "the matcher action answered with an error (host localhost:"
              + server.getPort()
              + ", status 429, 3 attempts)",
          e.getMessage());
    }
  }

  @Test
  void retryAfterBeyondTheDeadlineStopsAtOnce() {
    server.enqueue(token());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "3600").build());
    try (ExternalMatcher m = matcher().build()) {
      AresTransportException e =
          assertThrows(AresTransportException.class, () -> m.matchAsset(ASSET));
      assertEquals(TransportFailure.CALL_TIMEOUT, e.failure());
      assertEquals(1, e.attempts());
    }
  }

  @Test
  void otherErrorsAreNotRetried() {
    server.enqueue(token());
    server.enqueue(json(500, "{}"));
    try (ExternalMatcher m = matcher().build()) {
      AresHttpException e = assertThrows(AresHttpException.class, () -> m.matchAsset(ASSET));
      assertEquals(500, e.statusCode());
      assertEquals(1, e.attempts());
    }
  }

  @Test
  void refreshesTheTokenOnceOn401ThenGivesUp() {
    server.enqueue(token());
    server.enqueue(json(401, "{}"));
    server.enqueue(token());
    server.enqueue(json(401, "{}"));
    try (ExternalMatcher m = matcher().build()) {
      AresHttpException e = assertThrows(AresHttpException.class, () -> m.matchAsset(ASSET));
      assertEquals(401, e.statusCode());
      assertEquals(2, e.attempts());
    }
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void imsRefusingTheCredentialsIsTokenRefused() {
    server.enqueue(json(401, "{\"error\":\"invalid_client\"}"));
    try (ExternalMatcher m = matcher().build()) {
      ExternalMatcherException e =
          assertThrows(ExternalMatcherException.class, () -> m.matchAsset(ASSET));
      assertEquals(Reason.TOKEN_REFUSED, e.reason());
      assertEquals(1, server.getRequestCount());
    }
  }

  @Test
  void imsAnswerWithoutTokenIsMalformed() {
    server.enqueue(json(200, "{\"expires_in\":10}"));
    try (ExternalMatcher m = matcher().build()) {
      assertEquals(
          Reason.MALFORMED_RESPONSE,
          assertThrows(ExternalMatcherException.class, () -> m.matchAsset(ASSET)).reason());
    }
  }

  @Test
  void malformedResultsNameThePath() {
    server.enqueue(token());
    server.enqueue(json(200, "not json"));
    server.enqueue(json(200, "{\"product_matches\":[{\"asset_roles\":[]}]}"));
    server.enqueue(json(200, "[1]"));
    try (ExternalMatcher m = matcher().build()) {
      assertEquals(
          Reason.MALFORMED_RESPONSE,
          assertThrows(ExternalMatcherException.class, () -> m.matchAsset(ASSET)).reason());
      ExternalMatcherException e =
          assertThrows(ExternalMatcherException.class, () -> m.matchAsset(ASSET));
      assertTrue(
          e.getMessage().contains("response.product_matches[0].product_sku is required"),
          e.getMessage());
      assertEquals(
          Reason.MALFORMED_RESPONSE,
          assertThrows(ExternalMatcherException.class, () -> m.matchProduct("p")).reason());
    }
  }

  @Test
  void capsTheResponseSize() {
    server.enqueue(token());
    server.enqueue(json(200, "{\"asset_id\":\"" + "x".repeat(5000) + "\"}"));
    try (ExternalMatcher m = matcher().maxResponseBytes(1000).build()) {
      ExternalMatcherException e =
          assertThrows(ExternalMatcherException.class, () -> m.matchAsset(ASSET));
      assertEquals(Reason.RESPONSE_TOO_LARGE, e.reason());
    }
  }

  @Test
  void capsAChunkedResponseWithoutReadingItAllAndKeepsWorking() {
    server.enqueue(token());
    server.enqueue(
        new MockResponse.Builder().code(200).chunkedBody("x".repeat(4 << 20), 8192).build());
    server.enqueue(json(200, A2P));
    try (ExternalMatcher m = matcher().maxResponseBytes(1000).build()) {
      assertEquals(
          Reason.RESPONSE_TOO_LARGE,
          assertThrows(ExternalMatcherException.class, () -> m.matchAsset(ASSET)).reason());
      assertEquals(1, m.matchAsset(ASSET).productMatches().size());
    }
  }

  @Test
  void attemptTimeoutIsRetriedThenReported() {
    server.enqueue(token());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    try (ExternalMatcher m =
        matcher()
            .attemptTimeout(Duration.ofMillis(200))
            .retryPolicy(TestPolicies.of(2, Duration.ofMillis(1)))
            .build()) {
      AresTransportException e =
          assertThrows(AresTransportException.class, () -> m.matchAsset(ASSET));
      assertEquals(TransportFailure.ATTEMPT_TIMEOUT, e.failure());
      assertEquals(2, e.attempts());
    }
  }

  @Test
  void wholeCallTimeoutCutsAStalledAttempt() {
    server.enqueue(token());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    try (ExternalMatcher m =
        matcher()
            .attemptTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofMillis(300))
            .build()) {
      AresTransportException e =
          assertThrows(AresTransportException.class, () -> m.matchAsset(ASSET));
      assertEquals(TransportFailure.CALL_TIMEOUT, e.failure());
    }
  }

  @Test
  void connectionRefusedIsAConnectionFailureAfterRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ExternalMatcher m =
        ExternalMatcher.builder()
            .rule(rule("http://127.0.0.1:" + port))
            .retryPolicy(TestPolicies.backoff(Duration.ofMillis(1)))
            .build()) {
      AresTransportException e =
          assertThrows(AresTransportException.class, () -> m.matchAsset(ASSET));
      assertEquals(TransportFailure.CONNECT_REFUSED, e.failure());
      assertEquals(3, e.attempts());
      assertEquals("127.0.0.1:" + port, e.host());
    }
  }

  @Test
  void closingAbortsACallInFlight() throws Exception {
    server.enqueue(token());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    ExternalMatcher m =
        matcher()
            .attemptTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(60))
            .build();
    java.util.concurrent.CompletableFuture<Object> call =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return m.matchAsset(ASSET);
              } catch (AresTransportException e) {
                return e;
              }
            });
    assertNotNull(server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS), "token request");
    assertNotNull(
        server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS), "action call in flight");
    m.close();
    Object outcome = call.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(TransportFailure.CLOSED, ((AresTransportException) outcome).failure());
  }

  @Test
  void aClosedMatcherRefusesCalls() {
    ExternalMatcher m = matcher().build();
    m.close();
    m.close();
    assertEquals(
        TransportFailure.CLOSED,
        assertThrows(AresTransportException.class, () -> m.matchAsset(ASSET)).failure());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void refusesPlainHttpToOtherHostsAndBadSettingsBeforeAnyCall() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                ExternalMatcher.builder()
                    .rule(rule("http://matcher.example.com"))
                    .maxConnections(0)
                    .build());
    assertEquals(
        List.of(
            "externalMatcher.assetToProductUrl",
            "externalMatcher.productToAssetUrl",
            "externalMatcher.credentials.oauthServerUrl",
            "externalMatcher.maxConnections"),
        e.violations().stream().map(v -> v.path()).toList());
    ExternalMatcher.builder()
        .rule(rule("http://matcher.example.com"))
        .allowInsecureHttp(true)
        .build()
        .close();
    ExternalMatcher.builder().rule(rule("https://matcher.example.com")).build().close();
    AresValidationException missing =
        assertThrows(
            AresValidationException.class,
            () -> ExternalMatcher.builder().rule(ExternalMatcherInput.builder().build()).build());
    assertTrue(
        missing.getMessage().contains("externalMatcher.assetToProductUrl is required"),
        missing.getMessage());
  }
}
