package dev.ares.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.MatchingRule;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserErrorCode;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpEventListener;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.Asset;
import dev.ares.matching.MatchBySku;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every check against loopback fakes: a clean tenant passes all, and each planted failure fails its
 * check with the remediation, never printing a secret.
 */
class PreflightTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final CommerceCredentialsInput CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-SECRET-key-1")
          .consumerSecret("cs-SECRET-secret-2")
          .accessToken("at-SECRET-token-3")
          .accessTokenSecret("ats-SECRET-tokensecret-4")
          .build();
  private static final String API_KEY = "api-SECRET-key-5";

  private FakeCommerceServer store;
  private MockWebServer aem;
  private LoopbackMatcherServer matcher;

  @BeforeEach
  void start() throws Exception {
    store = FakeCommerceServer.builder(CREDENTIALS).catalog("sku-1"::equals).catalogSize(1).start();
    aem = new MockWebServer();
    aem.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(302).addHeader("Location", "/login").build();
          }
        });
    aem.start();
    matcher = LoopbackMatcherServer.start(MatchBySku.commerceSkus());
  }

  @AfterEach
  void stop() {
    store.close();
    aem.close();
    matcher.close();
  }

  private String aemTemplate() {
    return aem.url("").toString() + "author-p{programId}-e{environmentId}";
  }

  private TenantInput.Builder tenant(MatchingRule rule) {
    return TenantInput.builder()
        .enabled(true)
        .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
        .aem(AemInput.builder().programId("11111").environmentId("222222").build())
        .commerce(
            CommerceInput.builder()
                .baseUrl(store.baseUrl())
                .credentials(CREDENTIALS)
                .version("2.4.7-p3")
                .extensionVersion("1.3.6")
                .build())
        .rule(rule);
  }

  private static String jwt(String header, String claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }

  private static final String GOOD_JWT =
      jwt("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", "{\"sub\":\"mage-SECRET\",\"exp\":1900000000}");

  private static AresHeaders headers(String apiKey, String environmentId, String jwt) {
    return AresHeaders.builder()
        .apiKey(apiKey)
        .environmentId(environmentId)
        .gatewaySignature(jwt)
        .build();
  }

  private static HttpOptions quickHttp() {
    return Preflight.defaultHttpOptions()
        .withRetryPolicy(RetryPolicy.none())
        .withEventListener(HttpEventListener.none());
  }

  private Preflight.Builder preflight(TenantInput tenant) {
    return Preflight.builder()
        .tenant(tenant)
        .aresHeaders(headers(API_KEY, "env-1234", GOOD_JWT))
        .clock(CLOCK)
        .aemAuthorUrlTemplate(aemTemplate())
        .httpOptions(quickHttp());
  }

  private static void assertNoSecret(PreflightReport report) {
    String text = report.toText() + report.checks();
    for (String secret :
        List.of(
            "ck-SECRET",
            "cs-SECRET",
            "at-SECRET",
            "ats-SECRET",
            "api-SECRET",
            GOOD_JWT,
            "mage-SECRET",
            LoopbackMatcherServer.CLIENT_SECRET)) {
      assertFalse(text.contains(secret), () -> secret + " leaked in " + text);
    }
  }

  private static CheckResult check(PreflightReport report, String id) {
    return report.check(id).orElseThrow(() -> new AssertionError("no check " + id));
  }

  private static void assertFails(PreflightReport report, String id, String evidence) {
    CheckResult result = check(report, id);
    assertEquals(CheckStatus.FAIL, result.status(), report::toText);
    assertTrue(result.evidence().contains(evidence), () -> result.evidence());
    assertTrue(result.remediation().isPresent());
    assertEquals(CheckStatus.FAIL, report.verdict());
    assertFalse(report.canRegister());
  }

  private static void assertRemedy(PreflightReport report, String id, String remedy) {
    String said = check(report, id).remediation().orElseThrow(() -> new AssertionError(id));
    assertTrue(said.contains(remedy), said);
  }

  private static void assertAdobeRemedy(PreflightReport report, String id, UserErrorCode code) {
    String remedy = check(report, id).remediation().orElseThrow();
    assertTrue(remedy.contains(code.remediation()), remedy);
    assertTrue(remedy.contains(code.documentedMessage()), remedy);
  }

  @Test
  void aCleanTenantWithAnExternalMatcherPassesEveryCheckInTheStableOrder() {
    Asset approved =
        Asset.of(
            "urn:aaid:aem:1",
            Map.of(
                "commerce:isCommerce",
                "Yes",
                "dam:status",
                "approved",
                "commerce:skus",
                List.of("sku-1"),
                "commerce:roles",
                List.of("image;thumbnail")));
    PreflightReport report =
        preflight(tenant(matcher.externalMatcherInput()).build())
            .assets(() -> Stream.of(approved))
            .build()
            .run();

    assertEquals(CheckStatus.PASS, report.verdict(), report::toText);
    assertTrue(report.canRegister());
    assertEquals(
        List.of(
            "ares.apiKey",
            "ares.environmentId",
            "ares.jwt",
            "commerce.baseUrl",
            "commerce.rest",
            "commerce.credentials",
            "commerce.version",
            "aem.ids",
            "aem.author",
            "matcher.urls",
            "matcher.imsToken",
            "matcher.assetToProduct",
            "matcher.productToAsset",
            "matcher.tokenRequired",
            "assets.eligible",
            "assets.metadata",
            "assets.catalog"),
        report.checks().stream().map(CheckResult::id).collect(Collectors.toList()));
    assertTrue(report.checks().stream().allMatch(c -> c.status() == CheckStatus.PASS));
    assertTrue(report.checks().stream().allMatch(c -> c.remediation().isEmpty()));
    assertTrue(check(report, "aem.author").evidence().contains("HTTP 302"));
    assertTrue(
        check(report, "commerce.rest").evidence().contains("Request does not match any route."),
        report::toText);
    assertTrue(check(report, "matcher.tokenRequired").evidence().contains("HTTP 401"));
    assertTrue(report.toText().startsWith("Preflight: PASS\n"));
    assertNoSecret(report);
  }

  @Test
  void matchBySkuSkipsTheMatcherAndNoHeadersSkipsTheHeaderChecks() {
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build())
            .aresHeaders(null)
            .build()
            .run();

    assertEquals(CheckStatus.PASS, report.verdict(), report::toText);
    assertEquals(11, report.withStatus(CheckStatus.SKIPPED).size(), report::toText); // no assets
    assertEquals(CheckStatus.SKIPPED, check(report, "ares.jwt").status());
    assertEquals(CheckStatus.SKIPPED, check(report, "matcher.imsToken").status());
  }

  // ---- ARES headers

  @Test
  void aMissingApiKeyIsAdobesClientIdIsMissing() {
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build())
            .aresHeaders(headers(null, "env-1", GOOD_JWT))
            .build()
            .run();
    assertFails(report, "ares.apiKey", "the API key");
    assertAdobeRemedy(report, "ares.apiKey", UserErrorCode.CLIENT_ID_MISSING);
  }

  @Test
  void aMissingEnvironmentIdFailsBeforeAresIsAsked() {
    for (String environmentId : new String[] {null, " "}) {
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build())
              .aresHeaders(headers(API_KEY, environmentId, GOOD_JWT))
              .build()
              .run();
      assertFails(report, "ares.environmentId", "the environment id");
      assertAdobeRemedy(report, "ares.environmentId", UserErrorCode.IMS_ORG_NOT_ASSOCIATED);
      assertEquals(CheckStatus.PASS, check(report, "ares.apiKey").status());
    }
  }

  @Test
  void anUnprintableApiKeyOrEnvironmentIdFails() {
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build())
            .aresHeaders(headers("api-SECRET-\u00e9", "env\u001b[2J", GOOD_JWT))
            .build()
            .run();
    assertFails(report, "ares.apiKey", "the API key");
    assertAdobeRemedy(report, "ares.apiKey", UserErrorCode.CLIENT_ID_INVALID);
    assertFails(report, "ares.environmentId", "the environment id");
    assertAdobeRemedy(report, "ares.environmentId", UserErrorCode.IMS_ORG_NOT_ASSOCIATED);
    assertFalse(report.toText().contains("\u001b"));
  }

  @Test
  void aMissingJwtIsRequiredAndMalformedOnesAreInvalid() {
    String header = "{\"alg\":\"RS256\"}";
    List<String[]> cases =
        List.of(
            new String[] {"", "the JWT"},
            new String[] {"abc.def", "2 dot-separated parts"},
            new String[] {"a.b.c.d", "4 dot-separated parts"},
            new String[] {"a+b.c.d", "header is not base64url"},
            new String[] {jwt("not json", "{}"), "header is not a JSON object"},
            new String[] {jwt(header, "[1]"), "claims are not a JSON object"},
            new String[] {jwt(header, "{\"exp\":\"soon\"}"), "exp claim is not a number"},
            new String[] {jwt(header, "{\"exp\":1700000000}"), "the JWT expired at 2023"});
    for (String[] c : cases) {
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build())
              .aresHeaders(headers(API_KEY, "env-1", c[0]))
              .build()
              .run();
      assertFails(report, "ares.jwt", c[1]);
      assertAdobeRemedy(
          report,
          "ares.jwt",
          c[0].isEmpty() ? UserErrorCode.JWT_REQUIRED : UserErrorCode.JWT_INVALID);
      assertFalse(report.toText().contains(c[0].isEmpty() ? "\u0000" : c[0]));
    }
  }

  @Test
  void aJwtWithoutExpOrAHugeExpPasses() {
    for (String claims : List.of("{}", "{\"exp\":1e300}", "{\"exp\":99999999999999999999}")) {
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build())
              .aresHeaders(headers(API_KEY, "env-1", jwt("{\"alg\":\"none\"}", claims)))
              .build()
              .run();
      assertEquals(CheckStatus.PASS, check(report, "ares.jwt").status(), report::toText);
    }
  }

  // ---- Commerce

  @Test
  void plainHttpToAStoreIsAdobesUnexpectedErrorWithCommerce() {
    CommerceInput commerce =
        CommerceInput.builder()
            .baseUrl("http://store.example.com")
            .credentials(CREDENTIALS)
            .build();
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
            .build()
            .run();
    assertFails(report, "commerce.baseUrl", "plain http to store.example.com");
    assertEquals(CheckStatus.SKIPPED, check(report, "commerce.rest").status(), report::toText);
    assertAdobeRemedy(report, "commerce.baseUrl", UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
    assertEquals(CheckStatus.FAIL, check(report, "commerce.credentials").status());
    assertNoSecret(report);
  }

  @Test
  void wrongCredentialsAreAdobesUnauthorized() {
    CommerceCredentialsInput wrong = CREDENTIALS.withConsumerSecret("cs-SECRET-wrong-9");
    CommerceInput commerce =
        CommerceInput.builder().baseUrl(store.baseUrl()).credentials(wrong).build();
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
            .build()
            .run();
    assertFails(report, "commerce.credentials", "(HTTP 401)");
    assertAdobeRemedy(report, "commerce.credentials", UserErrorCode.COMMERCE_UNAUTHORIZED);
    assertFalse(report.toText().contains("cs-SECRET-wrong"));
    assertNoSecret(report);
  }

  @Test
  void aStoreWithoutCatalogPermissionFailsNamingTheResource() {
    store.close();
    store = FakeCommerceServer.builder(CREDENTIALS).catalogPermission(false).start();
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build()).build().run();
    assertFails(report, "commerce.credentials", "Magento_Catalog::products");
    assertTrue(
        check(report, "commerce.credentials").remediation().orElseThrow().contains("Products"));
  }

  @Test
  void aStoreRefusingTheSignatureMethodIsNamedWithTheMethodItWants() throws Exception {
    try (MockWebServer old = new MockWebServer()) {
      old.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return request.getHeaders().get("Authorization") == null
                  ? commerceError(404, "Request does not match any route.")
                  : new MockResponse.Builder()
                      .code(400)
                      .addHeader("Content-Type", "application/json")
                      .body(
                          "{\"message\":\"Signature method %1 is not supported\","
                              + "\"parameters\":[\"HMAC-SHA256\"]}")
                      .build();
            }
          });
      old.start();
      CommerceInput commerce =
          CommerceInput.builder().baseUrl(old.url("").toString()).credentials(CREDENTIALS).build();
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
              .build()
              .run();
      assertFails(
          report,
          "commerce.credentials",
          "signature method not supported: Signature method HMAC-SHA256 is not supported");
      String remedy = check(report, "commerce.credentials").remediation().orElseThrow();
      assertTrue(remedy.contains("wants HMAC-SHA1"), remedy);
    }
  }

  @Test
  void aStoreRefusingHmacSha1IsToldItWantsHmacSha256() throws Exception {
    try (MockWebServer store = new MockWebServer()) {
      store.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return request.getHeaders().get("Authorization") == null
                  ? commerceError(404, "Request does not match any route.")
                  : commerceError(401, "Signature method HMAC-SHA1 is not supported");
            }
          });
      store.start();
      CommerceInput commerce =
          CommerceInput.builder()
              .baseUrl(store.url("").toString())
              .credentials(CREDENTIALS)
              .build();
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
              .build()
              .run();
      assertFails(
          report,
          "commerce.credentials",
          "signature method not supported: Signature method HMAC-SHA1 is not supported");
      assertRemedy(report, "commerce.credentials", "the store wants HMAC-SHA256");
    }
  }

  private static MockResponse commerceError(int status, String message) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .body("{\"message\":\"" + message + "\"}")
        .build();
  }

  @Test
  void aStorefrontIsNotACommerceRestBaseUrlAndTheCredentialsAreNotBlamed() {
    store.close();
    store =
        FakeCommerceServer.builder(CREDENTIALS).site(FakeCommerceServer.Site.STOREFRONT).start();
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build()).build().run();
    assertFails(report, "commerce.rest", "not a Commerce REST base URL");
    String evidence = check(report, "commerce.rest").evidence();
    assertTrue(evidence.contains("HTTP 200"), evidence);
    assertTrue(evidence.contains("text/html"), evidence);
    assertTrue(evidence.contains("<!DOCTYPE html> <html lang="), evidence);
    assertTrue(evidence.length() < 200, evidence);
    assertAdobeRemedy(report, "commerce.rest", UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
    assertEquals(
        CheckStatus.SKIPPED, check(report, "commerce.credentials").status(), report::toText);
    assertNoSecret(report);
  }

  @Test
  void theCatalogIsNotSearchedAtABaseUrlThatIsNotCommerceRest() {
    store.close();
    store =
        FakeCommerceServer.builder(CREDENTIALS).site(FakeCommerceServer.Site.STOREFRONT).start();
    Asset approved =
        Asset.of(
            "urn:aaid:aem:1",
            Map.of(
                "commerce:isCommerce",
                "Yes",
                "dam:status",
                "approved",
                "commerce:skus",
                List.of("sku-1"),
                "commerce:roles",
                List.of("image")));
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build())
            .assets(() -> Stream.of(approved))
            .build()
            .run();
    assertFails(report, "commerce.rest", "not a Commerce REST base URL");
    CheckResult catalog = check(report, "assets.catalog");
    assertEquals(CheckStatus.SKIPPED, catalog.status(), report::toText);
    assertTrue(catalog.evidence().contains("see commerce.rest"), catalog::toString);
    assertEquals(1, store.requestCount(), "the unsigned REST probe only, made once");
  }

  @Test
  void aForeignJsonApiIsNotACommerceRestBaseUrl() {
    store.close();
    store =
        FakeCommerceServer.builder(CREDENTIALS)
            .site(FakeCommerceServer.Site.FOREIGN_JSON_API)
            .start();
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build()).build().run();
    assertFails(report, "commerce.rest", "not a Commerce REST base URL");
    String evidence = check(report, "commerce.rest").evidence();
    assertTrue(evidence.contains("HTTP 404 application/json"), evidence);
    assertTrue(evidence.contains("{\"timestamp\""), evidence);
    assertAdobeRemedy(report, "commerce.rest", UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
  }

  @Test
  void aHostileAnswerIsShownShortPrintableAndWithoutEchoedSecrets() throws Exception {
    String hostile = "\u001b[2J\u202e ck-SECRET-key-1 " + "<p>".repeat(10_000) + "\n\n end of page";
    try (MockWebServer site = new MockWebServer()) {
      site.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "text/html; charset=utf-8")
                  .body(hostile)
                  .build();
            }
          });
      site.start();
      CommerceInput commerce =
          CommerceInput.builder().baseUrl(site.url("").toString()).credentials(CREDENTIALS).build();
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
              .build()
              .run();
      assertFails(report, "commerce.rest", "not a Commerce REST base URL");
      String evidence = check(report, "commerce.rest").evidence();
      assertTrue(evidence.length() < 250, evidence);
      assertTrue(evidence.contains("starting \"\\u001b[2J\\u202e **** <p><p>"), evidence);
      assertFalse(evidence.contains("\u001b"), evidence);
      assertFalse(evidence.contains("\u202e"), evidence);
      assertNoSecret(report);
    }
  }

  @Test
  void aCommerceErrorOfAnyShapeCommerceSendsIsCommerce() throws Exception {
    String[] bodies = {
      "{\"message\":\"Request does not match any route.\"}",
      "{\"message\":\"Die Anfrage passt zu keiner Route.\",\"trace\":\"#0 ...\"}",
      "{\"message\":\"%1 and %2\",\"parameters\":[\"a\",\"b\"],\"code\":0}",
    };
    for (String body : bodies) {
      try (MockWebServer site = new MockWebServer()) {
        site.setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                    .code(404)
                    .addHeader("Content-Type", "application/json")
                    .body(body)
                    .build();
              }
            });
        site.start();
        PreflightReport report =
            preflight(
                    tenant(MatchBySkuRuleInput.commerceSkus())
                        .commerce(
                            CommerceInput.builder()
                                .baseUrl(site.url("/").toString())
                                .credentials(CREDENTIALS)
                                .build())
                        .build())
                .build()
                .run();
        assertEquals(CheckStatus.PASS, check(report, "commerce.rest").status(), body);
        assertTrue(
            site.takeRequest().getUrl().encodedPath().startsWith("/rest/V1/"),
            "the probe is a route under /rest/V1/");
      }
    }
  }

  @Test
  void aJsonWithAMessageButOtherFieldsOrAnotherStatusIsNotCommerce() throws Exception {
    String[][] answers = {
      {"403", "{\"message\":\"Missing Authentication Token\"}"}, // a gateway's 403
      {"404", "{\"message\":\"Not Found\",\"documentation_url\":\"https://x\"}"},
      {"200", "{\"message\":\"ok\"}"},
      {"404", "[\"message\"]"},
    };
    for (String[] answer : answers) {
      try (MockWebServer site = new MockWebServer()) {
        site.setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                    .code(Integer.parseInt(answer[0]))
                    .addHeader("Content-Type", "application/json")
                    .body(answer[1])
                    .build();
              }
            });
        site.start();
        PreflightReport report =
            preflight(
                    tenant(MatchBySkuRuleInput.commerceSkus())
                        .commerce(
                            CommerceInput.builder()
                                .baseUrl(site.url("").toString())
                                .credentials(CREDENTIALS)
                                .build())
                        .build())
                .build()
                .run();
        assertFails(report, "commerce.rest", "not a Commerce REST base URL");
      }
    }
  }

  @Test
  void aRedirectIsNotCommerceAndShowsOnlyTheHostItPointsAt() throws Exception {
    try (MockWebServer site = new MockWebServer()) {
      site.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse.Builder()
                  .code(302)
                  .addHeader("Location", "https://login.example/sso?session=sess-SECRET-9")
                  .build();
            }
          });
      site.start();
      CommerceInput commerce =
          CommerceInput.builder().baseUrl(site.url("").toString()).credentials(CREDENTIALS).build();
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
              .build()
              .run();
      assertFails(report, "commerce.rest", "HTTP 302 redirecting to login.example");
      assertFalse(report.toText().contains("sess-SECRET-9"), report::toText);
    }
  }

  @Test
  void aBaseUrlThatDoesNotResolveIsAdobesUnexpectedErrorWithCommerce() {
    CommerceInput commerce =
        CommerceInput.builder().baseUrl("https://store.invalid").credentials(CREDENTIALS).build();
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
            .build()
            .run();
    assertFails(report, "commerce.rest", "store.invalid does not resolve");
    assertAdobeRemedy(report, "commerce.rest", UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
  }

  @Test
  void aCommerceOlderThan245Fails() {
    for (String version : List.of("2.4.4", "2.4.4-p9", "2.3.7", "1.9.99")) {
      CommerceInput commerce =
          CommerceInput.builder()
              .baseUrl(store.baseUrl())
              .credentials(CREDENTIALS)
              .version(version)
              .build();
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
              .build()
              .run();
      assertFails(report, "commerce.version", "is older than 2.4.5");
      assertRemedy(report, "commerce.version", "needs Commerce 2.4.5 or later: upgrade Commerce");
    }
    for (String version : List.of("2.4.5", "2.4.5-p1", "2.4.10", "3.0.0")) {
      CommerceInput commerce =
          CommerceInput.builder()
              .baseUrl(store.baseUrl())
              .credentials(CREDENTIALS)
              .version(version)
              .build();
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
              .build()
              .run();
      assertEquals(CheckStatus.PASS, check(report, "commerce.version").status(), version);
    }
  }

  @Test
  void anUnreadableVersionFailsAndAnUnreadableExtensionVersionWarns() {
    CommerceInput commerce =
        CommerceInput.builder()
            .baseUrl(store.baseUrl())
            .credentials(CREDENTIALS)
            .version("latest")
            .build();
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
            .build()
            .run();
    assertFails(report, "commerce.version", "not a version number");
    assertRemedy(report, "commerce.version", "set tenantInput.commerce.version");

    CommerceInput extension =
        CommerceInput.builder()
            .baseUrl(store.baseUrl())
            .credentials(CREDENTIALS)
            .extensionVersion("v-next")
            .build();
    PreflightReport warned =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(extension).build())
            .build()
            .run();
    assertEquals(CheckStatus.WARN, check(warned, "commerce.version").status());
    assertRemedy(warned, "commerce.version", "set tenantInput.commerce.extensionVersion");
    assertEquals(CheckStatus.WARN, warned.verdict());
    assertTrue(warned.canRegister());
  }

  @Test
  void theExtensionVersionIsNotHeldTo245() {
    // Extension versions are 1.x; only Commerce's own version must be 2.4.5 or later.
    for (String extensionVersion : List.of("1.0.0", "1.2.13", "1.3.6")) {
      CommerceInput commerce =
          CommerceInput.builder()
              .baseUrl(store.baseUrl())
              .credentials(CREDENTIALS)
              .extensionVersion(extensionVersion)
              .build();
      PreflightReport report =
          preflight(tenant(MatchBySkuRuleInput.commerceSkus()).commerce(commerce).build())
              .build()
              .run();
      CheckResult version = check(report, "commerce.version");
      assertEquals(CheckStatus.PASS, version.status(), report::toText);
      assertEquals("extension " + extensionVersion, version.evidence());
    }
  }

  // ---- AEM

  @Test
  void anAuthorHostThatDoesNotResolveIsAdobesUnexpectedErrorWithAem() {
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build())
            .aemAuthorUrlTemplate("https://author-p{programId}-e{environmentId}.invalid/")
            .build()
            .run();
    assertFails(report, "aem.author", "author-p11111-e222222.invalid does not resolve");
    assertAdobeRemedy(report, "aem.author", UserErrorCode.AEM_ASSETS_UNEXPECTED_ERROR);
  }

  @Test
  void idsThatAreNotDigitsFailAndTheAuthorCheckIsSkipped() {
    PreflightReport report =
        preflight(
                tenant(MatchBySkuRuleInput.commerceSkus())
                    .aem(AemInput.builder().programId("p11111").environmentId("222222").build())
                    .build())
            .build()
            .run();
    assertFails(report, "aem.ids", "programId is not 1 to 18 digits");
    assertAdobeRemedy(report, "aem.ids", UserErrorCode.AEM_ASSETS_UNEXPECTED_ERROR);
    assertEquals(CheckStatus.SKIPPED, check(report, "aem.author").status());
  }

  @Test
  void anyStatusOfTheAuthorHostProvesTheEnvironmentExists() {
    aem.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(404).body("<html>not found</html>").build();
          }
        });
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build()).build().run();
    assertEquals(CheckStatus.PASS, check(report, "aem.author").status());
    assertTrue(check(report, "aem.author").evidence().endsWith("answered HTTP 404"));
  }

  // ---- timeouts

  @Test
  void aHungCheckFailsTimedOutAndTheRunReturns() {
    aem.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
          }
        });
    long start = System.nanoTime();
    PreflightReport report =
        preflight(tenant(MatchBySkuRuleInput.commerceSkus()).build())
            .checkTimeout(Duration.ofMillis(1500))
            .build()
            .run();
    assertFails(report, "aem.author", "timed out after 1500 ms");
    // The Commerce task makes two calls (the REST probe, then the signed read) in its time.
    assertEquals(CheckStatus.PASS, check(report, "commerce.credentials").status(), report::toText);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
  }

  // ---- external matcher

  @Test
  void aPublicActionIsAWarningThatItAnsweredWithoutAToken() {
    matcher.close();
    matcher = LoopbackMatcherServer.startOpen(MatchBySku.commerceSkus());
    PreflightReport report =
        preflight(tenant(matcher.externalMatcherInput()).build()).build().run();
    CheckResult result = check(report, "matcher.tokenRequired");
    assertEquals(CheckStatus.WARN, result.status(), report::toText);
    assertTrue(
        result.evidence().contains("your action is public: it answered without a token"),
        result.evidence());
    assertTrue(result.evidence().contains("assetToProduct"), result.evidence());
    assertTrue(result.evidence().contains("productToAsset"), result.evidence());
    assertTrue(result.remediation().orElseThrow().contains("require-adobe-auth: true"));
    assertEquals(CheckStatus.PASS, check(report, "matcher.assetToProduct").status());
    assertEquals(CheckStatus.WARN, report.verdict());
    assertTrue(report.canRegister());
    assertNoSecret(report);
  }

  @Test
  void theCallWithoutATokenCarriesNoTokenAndOnlyOneOpenActionIsNamed() throws Exception {
    try (MockWebServer actions = new MockWebServer()) {
      actions.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String path = request.getUrl().encodedPath();
              boolean token = request.getHeaders().get("Authorization") != null;
              if (path.startsWith("/ims")) {
                return new MockResponse.Builder()
                    .body("{\"access_token\":\"tok-SECRET-1\",\"expires_in\":86399}")
                    .build();
              }
              if (!token && path.endsWith("p2a")) {
                return new MockResponse.Builder().code(403).body("{\"error\":\"no\"}").build();
              }
              return new MockResponse.Builder()
                  .body(
                      path.endsWith("a2p")
                          ? "{\"asset_id\":\"urn:aaid:aem:00000000-0000-0000-0000-preflight000\","
                              + "\"product_matches\":[]}"
                          : "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[]}")
                  .build();
            }
          });
      actions.start();
      PreflightReport report = preflight(tenant(rule(actions)).build()).build().run();
      CheckResult result = check(report, "matcher.tokenRequired");
      assertEquals(CheckStatus.WARN, result.status(), report::toText);
      assertTrue(result.evidence().contains("assetToProduct"), result.evidence());
      assertTrue(
          result
              .evidence()
              .contains(
                  "productToAsset (localhost:" + actions.getPort() + ") refused it (HTTP 403)"),
          result.evidence());
      int withoutToken = 0;
      for (int i = actions.getRequestCount(); i > 0; i--) {
        RecordedRequest request = actions.takeRequest();
        if (!request.getUrl().encodedPath().startsWith("/ims")
            && request.getHeaders().get("Authorization") == null) {
          withoutToken++;
          assertEquals("ABC@AdobeOrg", request.getHeaders().get("x-gw-ims-org-id"));
        }
      }
      assertEquals(2, withoutToken);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {307, 400, 500})
  void anActionAnsweringWithoutATokenOtherThan401Or403IsNotConfirmedProtected(int status)
      throws Exception {
    try (MockWebServer actions = new MockWebServer()) {
      actions.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String path = request.getUrl().encodedPath();
              if (path.startsWith("/ims")) {
                return new MockResponse.Builder()
                    .body("{\"access_token\":\"tok-SECRET-1\",\"expires_in\":86399}")
                    .build();
              }
              if (request.getHeaders().get("Authorization") == null) {
                return new MockResponse.Builder()
                    .code(status)
                    .setHeader("Location", "/login")
                    .build();
              }
              return new MockResponse.Builder()
                  .body(
                      path.endsWith("a2p")
                          ? "{\"asset_id\":\"urn:aaid:aem:00000000-0000-0000-0000-preflight000\","
                              + "\"product_matches\":[]}"
                          : "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[]}")
                  .build();
            }
          });
      actions.start();
      PreflightReport report = preflight(tenant(rule(actions)).build()).build().run();
      CheckResult result = check(report, "matcher.tokenRequired");
      assertEquals(CheckStatus.WARN, result.status(), report::toText);
      assertTrue(
          result.evidence().startsWith("not confirmed that each action requires a token"),
          result.evidence());
      assertTrue(result.evidence().contains("HTTP " + status), result.evidence());
    }
  }

  @Test
  void anActionNotReachedWithoutATokenIsNotASecondFailure() {
    ExternalMatcherInput good = matcher.externalMatcherInput();
    ExternalMatcherInput nowhere =
        good.withAssetToProductUrl("http://127.0.0.1:1/a2p")
            .withProductToAssetUrl("http://127.0.0.1:1/p2a");
    PreflightReport report = preflight(tenant(nowhere).build()).build().run();
    assertEquals(CheckStatus.FAIL, check(report, "matcher.assetToProduct").status());
    assertEquals(
        CheckStatus.SKIPPED, check(report, "matcher.tokenRequired").status(), report::toText);
  }

  @Test
  void wrongImsCredentialsFailTheTokenAndSkipTheActions() {
    ExternalMatcherInput good = matcher.externalMatcherInput();
    ExternalMatcherInput wrong =
        good.withCredentials(good.credentials().withClientSecret("wrong-SECRET-7"));
    PreflightReport report = preflight(tenant(wrong).build()).build().run();
    assertFails(report, "matcher.imsToken", "127.0.0.1");
    assertRemedy(report, "matcher.imsToken", "client id, client secret and oauthServerUrl");
    assertEquals(CheckStatus.SKIPPED, check(report, "matcher.assetToProduct").status());
    assertEquals(CheckStatus.SKIPPED, check(report, "matcher.productToAsset").status());
    assertFalse(report.toText().contains("wrong-SECRET-7"));
  }

  @Test
  void plainHttpActionsAndAnOddImsOrgAreNamed() {
    ExternalMatcherInput good = matcher.externalMatcherInput();
    ExternalMatcherInput insecure = good.withAssetToProductUrl("http://actions.example/a2p");
    PreflightReport report = preflight(tenant(insecure).build()).build().run();
    assertFails(report, "matcher.urls", "assetToProductUrl (actions.example)");
    assertRemedy(report, "matcher.urls", "serve the actions and the token endpoint over https");
    assertEquals(CheckStatus.SKIPPED, check(report, "matcher.tokenRequired").status());

    ExternalMatcherInput oddOrg = good.withCredentials(good.credentials().withImsOrgId("1234"));
    PreflightReport warned = preflight(tenant(oddOrg).build()).build().run();
    assertEquals(CheckStatus.WARN, check(warned, "matcher.urls").status(), warned::toText);
    assertEquals("imsOrgId does not end with @AdobeOrg", check(warned, "matcher.urls").evidence());
    assertRemedy(warned, "matcher.urls", "copy the IMS org id (such as 1234ABCD@AdobeOrg)");
  }

  @Test
  void actionsAnsweringOffTheContractFailWithTheMatchersEvidence() throws Exception {
    try (MockWebServer actions = new MockWebServer()) {
      actions.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String path = request.getUrl().encodedPath();
              String body =
                  path.startsWith("/ims")
                      ? "{\"access_token\":\"tok-SECRET-1\",\"token_type\":\"bearer\","
                          + "\"expires_in\":86399}"
                      : path.endsWith("a2p")
                          ? "{\"statusCode\":500,\"body\":{\"error\":\"boom\"}}"
                          : "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":"
                              + "[{\"asset_id\":\"a1\",\"asset_roles\":[\"image\"],"
                              + "\"asset_format\":\"audio\"}]}";
              return new MockResponse.Builder()
                  .addHeader("Content-Type", "application/json")
                  .body(body)
                  .build();
            }
          });
      actions.start();
      ExternalMatcherInput rule =
          ExternalMatcherInput.builder()
              .assetToProductUrl(actions.url("/a2p").toString())
              .productToAssetUrl(actions.url("/p2a").toString())
              .credentials(
                  ExternalMatcherCredentialsInput.builder()
                      .oauthServerUrl(actions.url("/ims/token/v3").toString())
                      .clientId("client")
                      .clientSecret("client-SECRET-2")
                      .imsOrgId("ABC@AdobeOrg")
                      .build())
              .build();
      PreflightReport report = preflight(tenant(rule).build()).build().run();
      assertEquals(CheckStatus.PASS, check(report, "matcher.imsToken").status(), report::toText);
      assertFails(report, "matcher.assetToProduct", "an error in its body: boom (host localhost");
      assertRemedy(report, "matcher.assetToProduct", "App Builder's {\"statusCode\": 200");
      assertFails(report, "matcher.productToAsset", "asset_format");
      assertRemedy(report, "matcher.productToAsset", "the documented reply");
      assertFalse(report.toText().contains("tok-SECRET-1"));
      assertFalse(report.toText().contains("client-SECRET-2"));
    }
  }

  @Test
  void eachContractViolationIsNamedByItsJsonPath() throws Exception {
    String[][] cases = {
      {
        "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[{\"asset_roles\":[]}]}",
        "response.asset_matches[0].asset_id is required"
      },
      {
        "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[{\"asset_id\":\"a\","
            + "\"asset_roles\":[],\"asset_position\":\"first\"}]}",
        "response.asset_matches[0].asset_position must be a whole number"
      },
      {
        "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[{\"asset_id\":\"a\","
            + "\"asset_roles\":[\"banner\"]}]}",
        "[response.asset_matches[0].asset_roles[0]] not one of image",
        "answer only Commerce's roles: image, small_image, thumbnail, swatch_image"
      },
      {
        "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[{\"asset_id\":\"a\","
            + "\"asset_roles\":[\"image\"],\"asset_format\":\"audio\"}]}",
        "response.asset_matches[0].asset_format must be image or video"
      },
      {
        "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[],\"skip\":\"yes\"}",
        "response.skip must be true or false"
      },
      {
        "{\"statusCode\":400,\"body\":{\"error\":\"unknown sku\"}}",
        "an error in its body: unknown sku"
      },
      {"<html>maintenance</html>", "response is not valid JSON"},
    };
    for (String[] c : cases) {
      try (MockWebServer actions = new MockWebServer()) {
        actions.setDispatcher(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                String body =
                    path.startsWith("/ims")
                        ? "{\"access_token\":\"tok-SECRET-1\",\"expires_in\":86399}"
                        : path.endsWith("a2p")
                            ? "{\"asset_id\":\"urn:aaid:aem:00000000-0000-0000-0000-preflight000\","
                                + "\"product_matches\":[]}"
                            : c[0];
                return new MockResponse.Builder().body(body).build();
              }
            });
        actions.start();
        PreflightReport report = preflight(tenant(rule(actions)).build()).build().run();
        assertEquals(
            CheckStatus.PASS, check(report, "matcher.assetToProduct").status(), report::toText);
        assertFails(report, "matcher.productToAsset", c[1]);
        assertRemedy(
            report, "matcher.productToAsset", c.length > 2 ? c[2] : "the documented reply");
      }
    }
  }

  private static ExternalMatcherInput rule(MockWebServer actions) {
    return ExternalMatcherInput.builder()
        .assetToProductUrl(actions.url("/a2p").toString())
        .productToAssetUrl(actions.url("/p2a").toString())
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl(actions.url("/ims/token/v3").toString())
                .clientId("client")
                .clientSecret("client-SECRET-2")
                .imsOrgId("ABC@AdobeOrg")
                .build())
        .build();
  }

  // ---- the builder

  @Test
  void theBuilderNamesEveryBadSettingAtOnce() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                Preflight.builder()
                    .clock(null)
                    .checkTimeout(Duration.ZERO)
                    .concurrency(0)
                    .aemAuthorUrlTemplate("https://author.example/")
                    .httpOptions(null)
                    .probeSku(" ")
                    .maxCatalogSkus(0)
                    .build());
    for (String field :
        List.of(
            "preflight.tenant is required",
            "preflight.clock is required",
            "preflight.checkTimeout",
            "preflight.concurrency",
            "preflight.aemAuthorUrlTemplate must contain",
            "preflight.httpOptions is required",
            "preflight.probeSku is required",
            "preflight.maxCatalogSkus must be 1 to 10,000,000")) {
      assertTrue(e.getMessage().contains(field), e.getMessage());
    }
  }

  @Test
  void theHeadersPrintNoSecret() {
    String text = headers(API_KEY, "env-1", GOOD_JWT).toString();
    assertFalse(text.contains(API_KEY));
    assertFalse(text.contains(GOOD_JWT));
  }
}
