package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatch;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetMatchers;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ExternalMatcher;
import dev.ares.matching.ProductMatch;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's custom matcher does what its documentation says, directly, through an index, when
 * hosted on the external-matcher contract and called by {@link ExternalMatcher}, and when found by
 * {@link java.util.ServiceLoader}.
 */
class FileNameMatcherTest {

  private static Asset named(String id, Object name) {
    return Asset.of(id, Map.of("name", name));
  }

  @Test
  void anAssetNamedSkuAndPositionBelongsToThatProduct() {
    FileNameMatcher matcher = new FileNameMatcher();
    ProductMatch first = matcher.matchAsset(named("a1", "MH01-XS_1.jpg")).productMatches().get(0);
    ProductMatch second = matcher.matchAsset(named("a2", "MH01-XS_2.png")).productMatches().get(0);
    assertEquals("MH01-XS", first.productSku());
    assertEquals(List.of("image", "small_image", "thumbnail"), first.assetRoles());
    assertEquals(OptionalInt.of(1), first.assetPosition());
    assertEquals(List.of("image"), second.assetRoles());
    assertEquals(OptionalInt.of(2), second.assetPosition());
  }

  @Test
  void anyOtherAssetIsSkippedWithTheReason() {
    FileNameMatcher matcher = new FileNameMatcher();
    for (Object name : List.of("MH01-XS.jpg", "MH01-XS_0.jpg", "_1.jpg", "a b_1.jpg", 42)) {
      AssetToProductResult result = matcher.matchAsset(named("a", name));
      assertTrue(result.skip(), name + " matched");
      assertEquals(1, result.warnings().size());
    }
    assertTrue(matcher.matchAsset(Asset.of("a", Map.of())).skip());
  }

  @Test
  void productsListTheirRememberedAssetsInGalleryOrder() {
    FileNameMatcher matcher = new FileNameMatcher();
    matcher.remember(named("back", "MH01-XS_2.jpg"));
    matcher.remember(named("front", "MH01-XS_1.jpg"));
    matcher.remember(named("other", "WS03_1.jpg"));
    assertEquals(
        List.of("front", "back"),
        matcher.matchProduct("MH01-XS").assetMatches().stream().map(AssetMatch::assetId).toList());
    matcher.forget("front");
    assertEquals(1, matcher.matchProduct("MH01-XS").assetMatches().size());
  }

  @Test
  void hostedOnTheContractItAnswersAresAsItAnswersDirectly() {
    FileNameMatcher matcher = new FileNameMatcher();
    matcher.remember(named("front", "MH01-XS_1.jpg"));
    try (LoopbackMatcherServer server = LoopbackMatcherServer.start(matcher);
        ExternalMatcher ares =
            ExternalMatcher.builder().rule(server.externalMatcherInput()).build()) {
      Asset asset = named("back", "MH01-XS_2.jpg");
      assertEquals(matcher.matchAsset(asset), ares.matchAsset(asset));
      assertEquals(matcher.matchProduct("MH01-XS"), ares.matchProduct("MH01-XS"));
      assertTrue(ares.matchAsset(named("x", "notes.txt")).skip());
    }
  }

  @Test
  void listedForServiceLoaderItIsFoundByName(@TempDir Path jar) throws Exception {
    Path services = jar.resolve("META-INF/services/dev.ares.matching.AssetMatcher");
    Files.createDirectories(services.getParent());
    Files.writeString(services, FileNameMatcher.class.getName() + "\n", StandardCharsets.UTF_8);
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      thread.setContextClassLoader(loader);
      Optional<AssetMatcher> found = AssetMatchers.discover("file-name");
      assertTrue(found.isPresent());
      assertTrue(found.get() instanceof FileNameMatcher);
      assertFalse(AssetMatchers.discover("no-such-matcher").isPresent());
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
