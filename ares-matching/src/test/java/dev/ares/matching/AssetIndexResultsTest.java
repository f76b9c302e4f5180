package dev.ares.matching;

import static dev.ares.matching.MatchBySkuTest.asset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What {@link AssetIndex#put} hands back, the counts it keeps, and an update that arrives late. */
class AssetIndexResultsTest {

  @Test
  void putReturnsTheMatchResultWithItsWarnings() {
    AssetIndex index = MatchBySku.commerceSkus().index();
    AssetToProductResult matched =
        index.put(
            asset(
                "a1",
                Map.of("commerce:skus", List.of("p1", "p2"), "commerce:positions", List.of(1))));
    assertEquals("a1", matched.assetId());
    assertEquals(
        List.of("p1", "p2"),
        matched.productMatches().stream().map(ProductMatch::productSku).toList());
    assertEquals(List.of("commerce:positions has 1 entries for 2 SKUs"), matched.warnings());

    AssetToProductResult skipped = index.put(Asset.of("a2", Map.of("commerce:skus", "p1")));
    assertTrue(skipped.skip());
    assertEquals("a2", skipped.assetId());
    assertEquals(List.of("commerce:isCommerce is not yes"), skipped.warnings());
  }

  @Test
  void countsProductsAndAssetsAndSaysSo() {
    AssetIndex index = MatchBySku.commerceSkus().index();
    assertEquals("AssetIndex{products=0, assets=0}", index.toString());
    index.put(asset("a1", Map.of("commerce:skus", List.of("p1", "p2", "p3"))));
    index.put(asset("a2", Map.of("commerce:skus", "p1")));
    index.put(asset("a3", Map.of("commerce:skus", List.of())));
    assertEquals(3, index.productCount());
    assertEquals(2, index.assetCount());
    assertEquals("AssetIndex{products=3, assets=2}", index.toString());
    index.remove("a1");
    assertEquals(1, index.productCount());
    assertEquals("AssetIndex{products=1, assets=1}", index.toString());
  }

  @Test
  void aPutOvertakenByALaterPutStillReturnsItsResultAndChangesNothing() throws Exception {
    CountDownLatch matching = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MatchBySku bySku = MatchBySku.commerceSkus();
    AssetMatcher slowForOld =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            if (asset.metadata().containsKey("old")) {
              matching.countDown();
              try {
                assertTrue(release.await(10, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return bySku.matchAsset(asset);
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            throw new UnsupportedOperationException();
          }
        };
    AssetIndex index = AssetIndex.of(slowForOld);
    CompletableFuture<AssetToProductResult> oldPut =
        CompletableFuture.supplyAsync(
            () -> index.put(asset("a1", Map.of("commerce:skus", "old-sku", "old", "yes"))));
    try {
      assertTrue(matching.await(10, TimeUnit.SECONDS));
      index.put(asset("a1", Map.of("commerce:skus", "new-sku")));
    } finally {
      release.countDown();
    }
    AssetToProductResult stale = oldPut.get(10, TimeUnit.SECONDS);
    assertEquals("a1", stale.assetId());
    assertEquals(
        List.of("old-sku"), stale.productMatches().stream().map(ProductMatch::productSku).toList());
    assertEquals(
        List.of("a1"),
        index.matchProduct("new-sku").assetMatches().stream().map(AssetMatch::assetId).toList());
    assertEquals(List.of(), index.matchProduct("old-sku").assetMatches());
  }

  @Test
  void theDefaultNameOfAMatcherIsItsClassName() {
    AssetMatcher custom =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            return AssetToProductResult.skipped(asset.assetId(), "never");
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            return ProductToAssetResult.builder().productSku(productSku).build();
          }
        };
    assertEquals(custom.getClass().getName(), custom.name());
    assertNotEquals("", custom.name());
  }
}
