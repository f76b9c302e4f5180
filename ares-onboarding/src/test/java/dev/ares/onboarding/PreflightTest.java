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
import dev.ares.matching.Asset;
import dev.ares.matching.MatchBySku;
import dev.ares.matching.testing.LoopbackMatcherServer;
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
            "commerce.version",
            "commerce.credentials",
            "aem.ids",
            "aem.author",
            "matcher.urls",
            "matcher.imsToken",
            "matcher.assetToProduct",
            "matcher.productToAsset",
            "assets.eligible",
            "assets.metadata",
            "assets.catalog"),
        report.checks().stream().map(CheckResult::id).collect(Collectors.toList()));
    assertTrue(report.checks().stream().allMatch(c -> c.status() == CheckStatus.PASS));
    assertTrue(report.checks().stream().allMatch(c -> c.remediation().isEmpty()));
    assertTrue(check(report, "aem.author").evidence().contains("HTTP 302"));
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
    assertEquals(10, report.withStatus(CheckStatus.SKIPPED).size(), report::toText); // no assets
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
      old.enqueue(
          new MockResponse.Builder()
              .code(400)
              .addHeader("Content-Type", "application/json")
              .body(
                  "{\"message\":\"Signature method %1 is not supported\","
                      + "\"parameters\":[\"HMAC-SHA256\"]}")
              .build());
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
    assertEquals(CheckStatus.WARN, warned.verdict());
    assertTrue(warned.canRegister());
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
            .checkTimeout(Duration.ofMillis(300))
            .build()
            .run();
    assertFails(report, "aem.author", "timed out after 300 ms");
    assertEquals(CheckStatus.PASS, check(report, "commerce.credentials").status());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
  }

  // ---- external matcher

  @Test
  void wrongImsCredentialsFailTheTokenAndSkipTheActions() {
    ExternalMatcherInput good = matcher.externalMatcherInput();
    ExternalMatcherInput wrong =
        good.withCredentials(good.credentials().withClientSecret("wrong-SECRET-7"));
    PreflightReport report = preflight(tenant(wrong).build()).build().run();
    assertFails(report, "matcher.imsToken", "127.0.0.1");
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

    ExternalMatcherInput oddOrg = good.withCredentials(good.credentials().withImsOrgId("1234"));
    PreflightReport warned = preflight(tenant(oddOrg).build()).build().run();
    assertEquals(CheckStatus.WARN, check(warned, "matcher.urls").status(), warned::toText);
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
      assertFails(report, "matcher.productToAsset", "asset_format");
      assertFalse(report.toText().contains("tok-SECRET-1"));
      assertFalse(report.toText().contains("client-SECRET-2"));
    }
  }

  @Test
  void eachContractViolationIsNamedByItsJsonPath() throws Exception {
    String[][] cases = {
      {
        "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[{\"asset_roles\":[]}]}",
        "asset_id"
      },
      {
        "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[{\"asset_id\":\"a\","
            + "\"asset_roles\":[],\"asset_position\":\"first\"}]}",
        "asset_position"
      },
      {
        "{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[{\"asset_id\":\"a\","
            + "\"asset_roles\":[\"banner\"]}]}",
        "asset_roles"
      },
      {"{\"product_sku\":\"ARES-PREFLIGHT-PROBE\",\"asset_matches\":[],\"skip\":\"yes\"}", "skip"},
      {"<html>maintenance</html>", "invalid JSON"},
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
