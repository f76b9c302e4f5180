package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.TenantInputJson;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void discoverByNameClosesEveryMatcherItDoesNotReturn(@TempDir Path dir) throws Exception {
    Path services = dir.resolve("META-INF/services/" + AssetMatcher.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, ClosingTestMatcher.class.getName() + "\n");
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      thread.setContextClassLoader(loader);
      assertEquals(2, AssetMatchers.discover().size());
      int before = ClosingTestMatcher.CLOSED.get();
      try (AssetMatcher found = AssetMatchers.discover("static-test").orElseThrow()) {
        assertInstanceOf(StaticTestMatcher.class, found);
        assertEquals(before + 1, ClosingTestMatcher.CLOSED.get(), "the other one is closed");
      }
      assertTrue(AssetMatchers.discover("nope").isEmpty());
      assertEquals(before + 2, ClosingTestMatcher.CLOSED.get(), "none returned: all closed");
      AssetMatcher closing = AssetMatchers.discover("closing-test").orElseThrow();
      assertEquals(before + 2, ClosingTestMatcher.CLOSED.get(), "the one returned stays open");
      closing.close();
    } finally {
      thread.setContextClassLoader(previous);
    }
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
