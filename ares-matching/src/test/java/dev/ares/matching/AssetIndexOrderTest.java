package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Updates of one asset land in the order they were asked, even when matching finishes later. */
class AssetIndexOrderTest {

  @Test
  void aSlowEarlierPutDoesNotOverwriteALaterOne() throws Exception {
    CountDownLatch firstMatching = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    MatchBySku bySku = MatchBySku.commerceSkus();
    AssetMatcher slowOnOld =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            if (asset.values("commerce:skus").contains("old-sku")) {
              firstMatching.countDown();
              try {
                assertTrue(releaseFirst.await(5, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
            return bySku.matchAsset(asset);
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            throw new UnsupportedOperationException();
          }
        };
    AssetIndex index = AssetIndex.of(slowOnOld);
    CompletableFuture<AssetToProductResult> first =
        CompletableFuture.supplyAsync(
            () ->
                index.put(MatchBySkuTest.asset("a1", Map.of("commerce:skus", List.of("old-sku")))));
    assertTrue(firstMatching.await(5, TimeUnit.SECONDS));
    index.put(MatchBySkuTest.asset("a1", Map.of("commerce:skus", List.of("new-sku"))));
    releaseFirst.countDown();
    first.get(5, TimeUnit.SECONDS);

    assertEquals(1, index.matchProduct("new-sku").assetMatches().size());
    assertEquals(0, index.matchProduct("old-sku").assetMatches().size());
  }
}
