package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresValidationException;
import dev.ares.core.HttpOptions;
import org.junit.jupiter.api.Test;

/** {@link BulkMatcher#externalMatcherHttpOptions(int)} gives one host a connection per call. */
class BulkMatcherPoolTest {

  @Test
  void everyCallInFlightHasAConnectionToTheOneHost() {
    for (int n :
        new int[] {1, 2, 31, 32, 33, 100, 200, 4999, BulkMatcher.MAX_EXTERNAL_CONCURRENCY}) {
      HttpOptions http = BulkMatcher.externalMatcherHttpOptions(n);
      assertTrue(ExternalMatcher.maxConnectionsPerHost(http.maxConnections()) >= n, "n=" + n);
      assertTrue(http.maxConnections() >= ExternalMatcher.defaultHttpOptions().maxConnections());
      assertEquals(
          ExternalMatcher.defaultHttpOptions().withMaxConnections(http.maxConnections()), http);
    }
    assertEquals(5000, BulkMatcher.MAX_EXTERNAL_CONCURRENCY);
  }

  @Test
  void aConcurrencyNoPoolCanServeIsRefusedByName() {
    for (int n : new int[] {0, -1, BulkMatcher.MAX_EXTERNAL_CONCURRENCY + 1, Integer.MAX_VALUE}) {
      AresValidationException e =
          assertThrows(
              AresValidationException.class, () -> BulkMatcher.externalMatcherHttpOptions(n));
      assertTrue(
          e.getMessage().contains("bulkMatcher.concurrency must be from 1 to 5000"),
          e.getMessage());
    }
  }

  @Test
  void aTenantsExternalMatcherTakesTheSettingsAndMatchBySkuIgnoresThem() {
    String json =
        "{\"projectId\":\"p\",\"ruleType\":\"externalMatcher\",\"externalMatcher\":{"
            + "\"assetToProductUrl\":\"https://x.example.com/a\","
            + "\"productToAssetUrl\":\"https://x.example.com/b\",\"credentials\":{"
            + "\"oauthServerUrl\":\"https://ims.example.com/ims\",\"clientId\":\"c\","
            + "\"clientSecret\":\"s\",\"imsOrgId\":\"o@AdobeOrg\"}}}";
    HttpOptions http = BulkMatcher.externalMatcherHttpOptions(200);
    try (AssetMatcher m =
        AssetMatchers.forTenant(dev.ares.client.TenantInputJson.read(json), http)) {
      assertEquals(http, ((ExternalMatcher) m).httpOptions());
      assertEquals(200, ExternalMatcher.maxConnectionsPerHost(http.maxConnections()));
    }
    try (AssetMatcher m =
        AssetMatchers.forRule(dev.ares.client.model.MatchBySkuRuleInput.of("my:skus"), http)) {
      assertEquals("matchBySKU(my:skus)", m.name());
    }
  }
}
