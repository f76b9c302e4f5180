package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The catalog lookup against the signature-checking fake store and against hostile answers. */
class CatalogLookupTest {

  private static final CommerceCredentialsInput CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-SECRETVALUE-1")
          .consumerSecret("cs-SECRETVALUE-2")
          .accessToken("at-SECRETVALUE-3")
          .accessTokenSecret("ats-SECRETVALUE-4")
          .build();

  private static CommerceCatalogLookup lookup(String baseUrl) {
    return CommerceCatalogLookup.builder()
        .baseUrl(baseUrl)
        .credentials(CREDENTIALS)
        .httpOptions(
            HttpOptions.builder()
                .from(CommerceCredentialsCheck.defaultHttpOptions())
                .retryPolicy(RetryPolicy.none())
                .maxResponseBytes(64 * 1024)
                .build())
        .build();
  }

  private static FakeCommerceServer store(Predicate<String> catalog, int maxPageSize) {
    return FakeCommerceServer.builder(CREDENTIALS)
        .catalog(catalog)
        .maxPageSize(maxPageSize)
        .start();
  }

  @Test
  void oneSignedSearchFindsWhatTheCatalogHas() {
    try (FakeCommerceServer store = store(Set.of("24-MB01", "24-MB03")::contains, 300);
        CommerceCatalogLookup lookup = lookup(store.baseUrl())) {
      CatalogLookupResult result =
          lookup.lookUp(List.of("24-MB01", "24-MB02", "24-MB03", "24-MB01"));
      assertTrue(result.isComplete(), () -> result.toString());
      assertEquals(List.of("24-MB01", "24-MB03"), result.found());
      assertEquals(1, result.requests());
      assertEquals(1, store.acceptedCount());
    }
  }

  @Test
  void skusThatNeedEncodingAreSignedAndSentIntact() {
    Set<String> odd = Set.of("a b", "a+b", "x&y=z", "50%", "[sku]", "ünï", "q?#");
    try (FakeCommerceServer store = store(odd::contains, 300);
        CommerceCatalogLookup lookup = lookup(store.baseUrl())) {
      CatalogLookupResult result = lookup.lookUp(new ArrayList<>(odd));
      assertTrue(result.isComplete(), () -> result.toString());
      assertEquals(odd, Set.copyOf(result.found()));
      assertEquals(1, store.acceptedCount());
    }
  }

  @Test
  void pagesWhenTheStoreCutsThePage() {
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < CommerceCatalogLookup.MAX_SKUS_PER_SEARCH; i++) {
      skus.add("SKU-" + i);
    }
    try (FakeCommerceServer store = store(sku -> !sku.endsWith("7"), 30);
        CommerceCatalogLookup lookup = lookup(store.baseUrl())) {
      CatalogLookupResult result = lookup.lookUp(skus);
      assertTrue(result.isComplete(), () -> result.toString());
      assertEquals(90, result.found().size());
      assertEquals(3, result.requests()); // 90 found, 30 a page
      assertEquals(3, store.acceptedCount());
    }
  }

  @Test
  void countsTheCatalogWithOneSearch() {
    try (FakeCommerceServer store =
            FakeCommerceServer.builder(CREDENTIALS).catalogSize(100_000).start();
        CommerceCatalogLookup lookup = lookup(store.baseUrl())) {
      CatalogLookupResult result = lookup.catalogSize();
      assertTrue(result.isComplete(), () -> result.toString());
      assertEquals(100_000, result.catalogProducts().getAsLong());
      assertEquals(1, store.acceptedCount());
    }
  }

  @Test
  void refusesWhatAnInListCannotCarry() {
    try (CommerceCatalogLookup lookup = lookup("http://127.0.0.1:9")) {
      assertThrows(IllegalArgumentException.class, () -> lookup.lookUp(List.of("a,b")));
      assertThrows(IllegalArgumentException.class, () -> lookup.lookUp(List.of()));
      List<String> tooMany = new ArrayList<>();
      for (int i = 0; i <= CommerceCatalogLookup.MAX_SKUS_PER_SEARCH; i++) {
        tooMany.add("S" + i);
      }
      assertThrows(IllegalArgumentException.class, () -> lookup.lookUp(tooMany));
    }
  }

  @Test
  void aStoreWithoutPermissionIsARefusalInTheCredentialsCheckWords() {
    try (FakeCommerceServer store =
            FakeCommerceServer.builder(CREDENTIALS).catalogPermission(false).start();
        CommerceCatalogLookup lookup = lookup(store.baseUrl())) {
      CatalogLookupResult result = lookup.lookUp(List.of("A"));
      assertEquals(CredentialsVerdict.MISSING_PERMISSION, result.failure().orElseThrow().verdict());
      assertEquals(1, result.requests());
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void hostileAnswersEndTheLookupWithoutASecretOrAControlCharacter() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "text/html")
              .body("<html>storefront</html>")
              .build());
      server.enqueue(json(200, "{\"items\":[{\"sku\":7}],\"total_count\":1}"));
      server.enqueue(json(200, "{\"items\":[],\"total_count\":1,\"total_count\":2}"));
      server.enqueue(json(200, "x".repeat(200_000)));
      server.enqueue(
          json(400, "{\"message\":\"bad %1\\u001b[31m\",\"parameters\":[\"cs-SECRETVALUE-2\"]}"));
      try (CommerceCatalogLookup lookup = lookup(server.url("/").toString())) {
        for (int i = 0; i < 4; i++) {
          CredentialsCheckResult failure = lookup.lookUp(List.of("A")).failure().orElseThrow();
          assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, failure.verdict(), failure::message);
        }
        String message = lookup.lookUp(List.of("A")).failure().orElseThrow().message();
        assertFalse(message.contains("SECRETVALUE"), message);
        assertFalse(message.contains("\u001b"), message);
      }
      RecordedRequest first = server.takeRequest();
      String target = first.getTarget();
      assertTrue(
          target.startsWith(
              "/rest/V1/products?searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D"
                  + "%5Bfield%5D=sku&"),
          target);
      assertTrue(target.contains("%5Bcondition_type%5D=in&"), target);
      assertTrue(target.endsWith("&fields=items%5Bsku%5D%2Ctotal_count"), target);
      assertTrue(first.getHeaders().get("Authorization").contains("HMAC-SHA256"));
    }
  }

  @Test
  void aStoreThatLiesAboutItsTotalIsAskedNoMoreThanItHelps() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      // The same page again and again, claiming a million more.
      for (int i = 0; i < 5; i++) {
        server.enqueue(json(200, "{\"items\":[{\"sku\":\"a\"}],\"total_count\":1000000}"));
      }
      try (CommerceCatalogLookup lookup = lookup(server.url("/").toString())) {
        CatalogLookupResult result = lookup.lookUp(List.of("A", "B", "C"));
        assertTrue(result.isComplete());
        assertEquals(List.of("A"), result.found()); // the store compares SKUs ignoring case
        assertEquals(2, result.requests());
      }
      assertEquals(2, server.getRequestCount());
    }
  }
}
