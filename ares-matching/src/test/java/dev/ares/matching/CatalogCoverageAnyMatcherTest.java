package dev.ares.matching;

import static dev.ares.matching.MatchBySkuTest.asset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Coverage of a rule that is not {@link MatchBySku}: measured from its {@code matchAsset} results,
 * with the same counts and bounded samples as the SKU rule.
 */
class CatalogCoverageAnyMatcherTest {

  /** Matches each asset to the products listed in its "products" field, under an id of its own. */
  private static final AssetMatcher LISTED =
      new AssetMatcher() {
        @Override
        public AssetToProductResult matchAsset(Asset asset) {
          if (asset.metadata().containsKey("skip")) {
            return AssetToProductResult.skipped(asset.assetId(), "skipped");
          }
          AssetToProductResult.Builder r =
              AssetToProductResult.builder().assetId("id-" + asset.assetId());
          for (Object sku : asset.values("products")) {
            r.addProductMatches(ProductMatch.builder().productSku((String) sku).build());
          }
          return r.build();
        }

        @Override
        public ProductToAssetResult matchProduct(String productSku) {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void countsFromTheMatchersResults() {
    Stream<Asset> assets =
        Stream.of(
            Asset.of("a1", Map.of("products", List.of("first", "x1"))),
            Asset.of("a2", Map.of("products", List.of("x2", "x3"))),
            Asset.of("a3", Map.of("products", "third", "skip", true)),
            Asset.of("a4", Map.of("products", List.of("first", "third"))),
            Asset.of("a5", Map.of()));
    CoverageReport r =
        CatalogCoverage.of(LISTED).measure(assets, Stream.of("first", "second", "third"));
    assertEquals(3, r.catalogProducts());
    assertEquals(2, r.matchedProducts());
    assertEquals(5, r.assetsScanned());
    assertEquals(1, r.assetsSkipped());
    assertEquals(2, r.assetsMatched());
    assertEquals(2, r.assetsWithSkusNotInCatalog());
    assertEquals(List.of("second"), r.sampleProductsWithoutAssets());
    assertEquals(List.of("id-a1", "id-a2"), r.sampleAssetsWithSkusNotInCatalog());
    assertEquals(List.of("x1", "x2", "x3"), r.sampleSkusNotInCatalog());
  }

  @Test
  void samplesHoldExactlyTheSampleSize() {
    Stream<Asset> assets =
        Stream.of(
            Asset.of("a1", Map.of("products", List.of("x1", "x2"))),
            Asset.of("a2", Map.of("products", "x3")));
    CoverageReport r =
        CatalogCoverage.of(LISTED).sampleSize(1).measure(assets, Stream.of("p1", "p2"));
    assertEquals(List.of("x1"), r.sampleSkusNotInCatalog());
    assertEquals(List.of("id-a1"), r.sampleAssetsWithSkusNotInCatalog());
    assertEquals(List.of("p1"), r.sampleProductsWithoutAssets());
    assertEquals(2, r.assetsWithSkusNotInCatalog());
  }

  @Test
  void aSampleSizeOfZeroKeepsNoIdsButExactCounts() {
    Stream<Asset> assets =
        Stream.of(
            asset("a1", Map.of("commerce:skus", List.of("p1", "x1"))),
            asset("a2", Map.of("commerce:skus", "x2")));
    CoverageReport r =
        CatalogCoverage.of(MatchBySku.commerceSkus())
            .sampleSize(0)
            .measure(assets, Stream.of("p1", "p2"));
    assertEquals(1, r.matchedProducts());
    assertEquals(2, r.assetsWithSkusNotInCatalog());
    assertEquals(List.of(), r.sampleProductsWithoutAssets());
    assertEquals(List.of(), r.sampleAssetsWithSkusNotInCatalog());
    assertEquals(List.of(), r.sampleSkusNotInCatalog());
    assertThrows(IllegalArgumentException.class, () -> CatalogCoverage.of(LISTED).sampleSize(-1));
  }
}
