package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.TenantInputJson;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssetMatchersTest {

  @Test
  void discoversCustomMatchersThroughServiceLoader() {
    List<AssetMatcher> found = AssetMatchers.discover();
    assertEquals(1, found.size());
    assertInstanceOf(StaticTestMatcher.class, found.get(0));
    AssetMatcher byName = AssetMatchers.discover("static-test").orElseThrow();
    assertEquals(
        "fixed", byName.matchAsset(Asset.of("a", Map.of())).productMatches().get(0).productSku());
    assertTrue(AssetMatchers.discover(StaticTestMatcher.class.getName()).isPresent());
    assertTrue(AssetMatchers.discover("nope").isEmpty());
  }

  @Test
  void buildsMatchBySkuFromATenant() {
    TenantInput tenant =
        TenantInput.builder().projectId("p").rule(MatchBySkuRuleInput.of("my:skus")).build();
    AssetMatcher m = AssetMatchers.forTenant(tenant);
    assertEquals("my:skus", ((MatchBySku) m).metadataField());
    assertEquals("matchBySKU(my:skus)", m.name());
  }

  @Test
  void buildsAnExternalMatcherFromATenantJsonAndRefusesPlainHttp() {
    String json =
        "{\"projectId\":\"p\",\"ruleType\":\"externalMatcher\",\"externalMatcher\":{"
            + "\"assetToProductUrl\":\"%s/a\",\"productToAssetUrl\":\"%s/b\",\"credentials\":{"
            + "\"oauthServerUrl\":\"%s/ims\",\"clientId\":\"c\",\"clientSecret\":\"s\",\"imsOrgId\":\"o@AdobeOrg\"}}}";
    try (AssetMatcher m =
        AssetMatchers.forTenant(
            TenantInputJson.read(
                json.formatted(
                    "https://x.example.com",
                    "https://x.example.com",
                    "https://ims.example.com")))) {
      assertInstanceOf(ExternalMatcher.class, m);
      assertEquals("externalMatcher(x.example.com)", m.name());
    }
    TenantInput plain =
        TenantInputJson.read(
            json.formatted(
                "http://x.example.com", "https://x.example.com", "https://ims.example.com"));
    AresValidationException e =
        assertThrows(AresValidationException.class, () -> AssetMatchers.forTenant(plain));
    assertEquals("externalMatcher.assetToProductUrl", e.violations().get(0).path());
  }
}
