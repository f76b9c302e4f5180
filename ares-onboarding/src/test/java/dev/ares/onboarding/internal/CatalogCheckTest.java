package dev.ares.onboarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserErrorCode;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.HttpEventListener;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.matching.Asset;
import dev.ares.onboarding.CheckResult;
import dev.ares.onboarding.CheckStatus;
import dev.ares.onboarding.Preflight;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The assets' SKUs looked up live in the (fake) store's catalog. */
class CatalogCheckTest {

  private static final CommerceCredentialsInput CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-SECRET-1")
          .consumerSecret("cs-SECRET-2")
          .accessToken("at-SECRET-3")
          .accessTokenSecret("ats-SECRET-4")
          .build();

  private static final HttpOptions HTTP =
      Preflight.defaultHttpOptions()
          .withRetryPolicy(RetryPolicy.none())
          .withEventListener(HttpEventListener.none());

  private static TenantInput tenant(String baseUrl, Integer threshold) {
    TenantInput.Builder b =
        TenantInput.builder()
            .enabled(true)
            .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
            .aem(AemInput.builder().programId("11111").environmentId("222222").build())
            .commerce(CommerceInput.builder().baseUrl(baseUrl).credentials(CREDENTIALS).build())
            .rule(MatchBySkuRuleInput.commerceSkus());
    if (threshold != null) {
      b.threshold(threshold);
    }
    return b.build();
  }

  private static Asset asset(String id, List<String> skus) {
    return Asset.of(
        id, Map.of("commerce:isCommerce", "Yes", "dam:status", "approved", "commerce:skus", skus));
  }

  /** {@code count} assets, the i-th naming SKU-i and SKU-(i/2): repeats across assets. */
  private static List<Asset> assets(int count) {
    List<Asset> assets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      assets.add(asset("a" + i, List.of("SKU-" + i, "SKU-" + i / 2)));
    }
    return assets;
  }

  private static CheckResult catalog(TenantInput tenant, List<Asset> assets, int max) {
    List<CheckTask> tasks =
        AssetChecks.tasks(
            tenant, assets::stream, HTTP, verdict(tenant), max, Duration.ofMinutes(1));
    assertEquals(1, tasks.size());
    List<CheckResult> results = tasks.get(0).work().get();
    assertEquals(
        List.of("assets.eligible", "assets.metadata", "assets.catalog"),
        results.stream().map(CheckResult::id).toList());
    return results.get(2);
  }

  private static FakeCommerceServer store(Predicate<String> catalog, long size, int pageSize) {
    return FakeCommerceServer.builder(CREDENTIALS)
        .catalog(catalog)
        .catalogSize(size)
        .maxPageSize(pageSize)
        .start();
  }

  private static final Predicate<String> ALL_BUT_THREE =
      sku -> !List.of("SKU-7", "SKU-70", "SKU-170").contains(sku);

  @Test
  void missingSkusWarnWithExamplesAndTheRequestsAreOnePer100Skus() {
    try (FakeCommerceServer store = store(ALL_BUT_THREE, 1000, 300)) {
      CheckResult result = catalog(tenant(store.baseUrl(), null), assets(250), 1000);
      assertEquals(CheckStatus.WARN, result.status(), result::toString);
      assertTrue(
          result
              .evidence()
              .startsWith(
                  "250 distinct SKU(s) named, 247 in the catalog, 3 missing, such as 'SKU-7',"
                      + " 'SKU-70', 'SKU-170'; coverage 24.7% of the catalog's 1000 products have"
                      + " an asset; 4 request(s)"),
          result::toString);
      assertTrue(
          result.remediation().orElseThrow().contains("assets naming missing SKUs do not"),
          result::toString);
      // One search counts the catalog, then ceil(250 / 100) searches.
      assertEquals(4, store.acceptedCount());
      assertEquals(4, store.requestCount());
    }
  }

  @Test
  void aStoreThatCutsPagesIsPagedAndEverythingFoundPasses() {
    try (FakeCommerceServer store = store(sku -> true, 100, 30)) {
      CheckResult result = catalog(tenant(store.baseUrl(), 100), assets(100), 1000);
      assertEquals(CheckStatus.PASS, result.status(), result::toString);
      assertTrue(result.evidence().contains("coverage 100.0%"), result::toString);
      assertTrue(result.evidence().contains("(threshold 100%)"), result::toString);
      assertEquals(1 + 4, store.acceptedCount()); // 100 SKUs, 30 a page
    }
  }

  @Test
  void coverageBelowTheThresholdWarns() {
    try (FakeCommerceServer store = store(sku -> true, 1000, 300)) {
      CheckResult result = catalog(tenant(store.baseUrl(), 50), assets(100), 1000);
      assertEquals(CheckStatus.WARN, result.status(), result::toString);
      assertTrue(result.evidence().contains("coverage 10.0%"), result::toString);
      assertTrue(result.remediation().orElseThrow().contains("threshold"));
    }
  }

  @Test
  void noNamedSkuInTheCatalogFails() {
    try (FakeCommerceServer store = store(sku -> false, 10, 300)) {
      CheckResult result = catalog(tenant(store.baseUrl(), null), assets(3), 1000);
      assertEquals(CheckStatus.FAIL, result.status(), result::toString);
      assertTrue(result.evidence().startsWith("3 distinct SKU(s) named, 0 in the catalog"));
      assertTrue(result.remediation().orElseThrow().contains("metadataField"));
    }
  }

  @Test
  void theLimitBoundsTheLookupAndTheRestIsCounted() {
    try (FakeCommerceServer store = store(sku -> true, 1000, 300)) {
      CheckResult result = catalog(tenant(store.baseUrl(), null), assets(150), 100);
      assertEquals(CheckStatus.WARN, result.status(), result::toString);
      assertTrue(result.evidence().startsWith("100 distinct SKU(s) named, 100 in the catalog"));
      // SKU-100 .. SKU-149, each named once beyond the limit.
      assertTrue(
          result
              .evidence()
              .contains("50 SKU mention(s) beyond the limit of 100 distinct SKUs not looked up"),
          result::toString);
      assertEquals(2, store.acceptedCount());
    }
  }

  @Test
  void aSkuWithACommaIsNotCheckableAndNotSent() {
    try (FakeCommerceServer store = store(sku -> true, 10, 300)) {
      CheckResult result =
          catalog(
              tenant(store.baseUrl(), null),
              List.of(asset("a", List.of("A,B", "C")), asset("b", List.of("x".repeat(65)))),
              1000);
      assertEquals(CheckStatus.WARN, result.status(), result::toString);
      assertTrue(result.evidence().contains("1 SKU mention(s) not checkable"), result::toString);
      // Longer than Commerce's 64 characters: missing without asking.
      assertTrue(
          result.evidence().startsWith("2 distinct SKU(s) named, 1 in the catalog, 1 missing"));
      assertEquals(2, store.acceptedCount());
    }
  }

  private static NamedSkus named(int count) {
    NamedSkus named = new NamedSkus(1000);
    for (int i = 0; i < count; i++) {
      named.add("SKU-" + i);
    }
    return named;
  }

  @Test
  void noSearchStartsWhenTheTimeRanOutAndWhatWasLeftIsCounted() {
    try (FakeCommerceServer store = store(sku -> true, 1000, 300)) {
      CheckResult none =
          CatalogCheck.check(
              tenant(store.baseUrl(), null),
              HTTP,
              verdict(tenant(store.baseUrl(), null)),
              named(250),
              System.nanoTime());
      assertEquals(CheckStatus.FAIL, none.status(), none::toString);
      assertTrue(none.evidence().startsWith("no SKU looked up before the check's time ran out"));
      assertEquals(1, store.acceptedCount()); // the count of the catalog only
    }
  }

  @Test
  void theLookupLeavesOneCallTimeoutOfTheCheckTimeout() {
    assertEquals(
        Duration.ofSeconds(18), AssetChecks.lookupTime(Duration.ofSeconds(30), HTTP)); // call 12 s
    assertEquals(Duration.ofSeconds(5), AssetChecks.lookupTime(Duration.ofSeconds(10), HTTP));
  }

  @Test
  void withoutAssetsItIsSkipped() {
    List<CheckTask> tasks =
        AssetChecks.tasks(
            tenant("https://shop.example", null),
            null,
            HTTP,
            verdict(tenant("https://shop.example", null)),
            10,
            Duration.ofMinutes(1));
    assertEquals(CheckStatus.SKIPPED, tasks.get(2).work().get().get(0).status());
  }

  @Test
  void assetsWithoutSkusSkipIt() {
    try (FakeCommerceServer store = store(sku -> true, 10, 300)) {
      CheckResult result =
          catalog(tenant(store.baseUrl(), null), List.of(asset("a", List.of())), 1000);
      assertEquals(CheckStatus.SKIPPED, result.status(), result::toString);
      assertEquals(0, store.requestCount());
    }
  }

  @Test
  void aHostileSkuIsShownPrintable() {
    try (FakeCommerceServer store = store(sku -> false, 10, 300)) {
      CheckResult result =
          catalog(
              tenant(store.baseUrl(), null),
              List.of(asset("a", List.of("\u001b[2Jcs-SECRET-2\u202e"))),
              1000);
      assertFalse(result.evidence().contains("\u001b"), result::toString);
      assertFalse(result.evidence().contains("\u202e"), result::toString);
      assertFalse(result.evidence().contains("cs-SECRET-2"), result::toString);
    }
  }

  private static MockResponse answer(int code, String type, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", type).body(body).build();
  }

  @Test
  void aStoreThatIsNoCommerceOrRefusesOrEchoesFailsNamingTheCause() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(answer(200, "text/html", "<html><title>Luma</title></html>"));
      server.enqueue(answer(200, "application/json", "{\"items\":[],\"total_count\":5}"));
      server.enqueue(
          answer(
              401,
              "application/json",
              "{\"message\":\"bad token %1\\u001b[31m\",\"parameters\":[\"at-SECRET-3\"]}"));
      server.enqueue(
          answer(200, "application/json", "{\"items\":[" + "1,".repeat(600_000) + "1]}"));
      TenantInput tenant = tenant(server.url("/").toString(), null);

      CheckResult html = catalog(tenant, assets(2), 1000);
      assertEquals(CheckStatus.FAIL, html.status(), html::toString);
      assertTrue(html.evidence().contains("not a Commerce product search answer"), html::toString);
      assertTrue(
          html.remediation()
              .orElseThrow()
              .contains(UserErrorCode.COMMERCE_UNEXPECTED_ERROR.documentedMessage()));

      CheckResult refused = catalog(tenant, assets(2), 1000);
      assertEquals(CheckStatus.FAIL, refused.status(), refused::toString);
      assertTrue(refused.evidence().contains("bad credentials: bad token"), refused::toString);
      assertTrue(refused.evidence().contains("(HTTP 401)"), refused::toString);
      assertFalse(refused.evidence().contains("at-SECRET-3"), refused::toString);
      assertFalse(refused.evidence().contains("\u001b"), refused::toString);
      assertTrue(
          refused
              .remediation()
              .orElseThrow()
              .contains(UserErrorCode.COMMERCE_UNAUTHORIZED.documentedMessage()));

      CheckResult huge = catalog(tenant, assets(2), 1000);
      assertEquals(CheckStatus.FAIL, huge.status(), huge::toString);
      assertTrue(huge.evidence().contains("with a body larger than"), huge::toString);
      assertEquals(4, server.getRequestCount());
    }
  }

  @Test
  void manySkusStayBounded() {
    try (FakeCommerceServer store = store(sku -> true, 5000, 300)) {
      List<Asset> many =
          IntStream.range(0, 5000).mapToObj(i -> asset("a" + i, List.of("S" + i))).toList();
      CheckResult result = catalog(tenant(store.baseUrl(), null), many, 1_000_000);
      assertEquals(CheckStatus.PASS, result.status(), result::toString);
      assertEquals(1 + 50, store.acceptedCount());
      assertTrue(result.evidence().contains("; 51 request(s)"), result::toString);
    }
  }

  /** The REST probe's verdict, as commerce.rest found it: Commerce REST. */
  private static CommerceRestVerdict verdict(dev.ares.client.model.TenantInput tenant) {
    return CommerceRestVerdict.known(
        new CommerceRestProbe.Outcome(CommerceRestProbe.Kind.COMMERCE, "the test's store"));
  }

  @Test
  void noSignedSearchGoesToABaseUrlThatIsNotCommerceRest() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      TenantInput tenant = tenant(server.url("/").toString(), null);
      NamedSkus named = named(5);
      for (CommerceRestProbe.Kind kind :
          List.of(
              CommerceRestProbe.Kind.NOT_COMMERCE,
              CommerceRestProbe.Kind.NOT_REACHED,
              CommerceRestProbe.Kind.PROXY_FAILED)) {
        CheckResult result =
            CatalogCheck.check(
                tenant,
                HTTP,
                CommerceRestVerdict.known(new CommerceRestProbe.Outcome(kind, "the test's probe")),
                named,
                System.nanoTime() + 60_000_000_000L);
        assertEquals(CheckStatus.SKIPPED, result.status(), result::toString);
        assertTrue(result.evidence().contains("see commerce.rest"), result::toString);
      }
      assertEquals(0, server.getRequestCount());
    }
  }
}
