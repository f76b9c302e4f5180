package dev.ares.matching;

import static dev.ares.matching.MatchBySkuTest.asset;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.core.internal.CompactSkuSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogCoverageTest {

  @Test
  void reportsMatchedMissingAndOutsideTheCatalog() {
    Stream<Asset> assets =
        Stream.of(
            asset("a1", Map.of("commerce:skus", List.of("p1", "p2"))),
            asset("a2", Map.of("commerce:skus", List.of("p1", "x9"))),
            asset("a3", Map.of("commerce:skus", "x8")),
            Asset.of("a4", Map.of("commerce:skus", "p3")));
    CoverageReport r =
        CatalogCoverage.of(MatchBySku.commerceSkus())
            .measure(assets, Stream.of("p1", " p2", "p3", "", "p4", "p1"));
    assertEquals(4, r.catalogProducts());
    assertEquals(2, r.matchedProducts());
    assertEquals(2, r.productsWithoutAssets());
    assertEquals(50.0, r.matchRatePercent());
    assertEquals(4, r.assetsScanned());
    assertEquals(1, r.assetsSkipped());
    assertEquals(2, r.assetsMatched());
    assertEquals(2, r.assetsWithSkusNotInCatalog());
    assertEquals(List.of("p3", "p4"), r.sampleProductsWithoutAssets());
    assertEquals(List.of("a2", "a3"), r.sampleAssetsWithSkusNotInCatalog());
    assertEquals(List.of("x9", "x8"), r.sampleSkusNotInCatalog());
  }

  @Test
  void samplesAreBoundedWhileCountsStayExact() {
    Stream<Asset> assets =
        IntStream.range(0, 1000)
            .mapToObj(i -> asset("a" + i, Map.of("commerce:skus", "sku-" + (i * 2))));
    CoverageReport r =
        CatalogCoverage.of(MatchBySku.commerceSkus())
            .sampleSize(3)
            .measure(assets, IntStream.range(0, 1000).mapToObj(i -> "sku-" + i));
    assertEquals(500, r.matchedProducts());
    assertEquals(500, r.assetsWithSkusNotInCatalog());
    assertEquals(List.of("sku-1", "sku-3", "sku-5"), r.sampleProductsWithoutAssets());
    assertEquals(3, r.sampleAssetsWithSkusNotInCatalog().size());
    assertEquals(3, r.sampleSkusNotInCatalog().size());
  }

  @Test
  void emptyCatalogHasZeroRate() {
    assertEquals(
        0.0,
        CatalogCoverage.of(MatchBySku.commerceSkus())
            .measure(Stream.empty(), Stream.empty())
            .matchRatePercent());
  }

  @Test
  void compactSetDedupesGrowsAndHandlesUnicode() {
    CompactSkuSet set = new CompactSkuSet();
    for (int i = 0; i < 50_000; i++) {
      set.add("sku-" + i);
    }
    set.add("größe-ü");
    assertEquals(false, set.add("sku-7"));
    assertEquals(50_001, set.size());
    assertEquals(7, set.indexOf("sku-7"));
    assertEquals(-1, set.indexOf("sku-50000"));
    assertEquals("größe-ü", set.get(set.indexOf("größe-ü")));
    assertEquals("sku-49999", set.get(49_999));
    String longest = "x".repeat(CompactSkuSet.MAX_SKU_BYTES);
    CompactSkuSet pages = new CompactSkuSet();
    for (int i = 0; i < 40; i++) {
      pages.add(i + longest.substring(String.valueOf(i).length()));
    }
    assertEquals(40, pages.size());
    assertEquals(39, pages.indexOf(39 + longest.substring(2)));
    assertEquals(-1, pages.indexOf(longest + "y"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> pages.add(longest + "y"));
  }
}
