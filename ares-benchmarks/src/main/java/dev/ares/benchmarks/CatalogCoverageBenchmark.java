package dev.ares.benchmarks;

import dev.ares.matching.Asset;
import dev.ares.matching.CatalogCoverage;
import dev.ares.matching.CoverageReport;
import dev.ares.matching.MatchBySku;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link CatalogCoverage#measure} of 1,000,000 assets (1–5 SKUs each, 5% of SKUs outside the
 * catalog, 5% of assets not approved) against 1,000,000 catalog SKUs, all built once, against a
 * plain loop over the same strings: the catalog into a {@code HashSet}, then per eligible asset
 * each trimmed SKU looked up, the matched ones kept in a second {@code HashSet}, and the same
 * counts kept.
 */
@State(Scope.Benchmark)
public class CatalogCoverageBenchmark {

  static final int SIZE = 1_000_000;

  private Asset[] assets;
  private String[] catalog;
  private MatchBySku rule;

  /** The counts the baseline keeps. */
  record Counts(
      int catalogProducts,
      int matchedProducts,
      long scanned,
      long skipped,
      long matched,
      long outside) {}

  @Setup(Level.Trial)
  public void setUp() {
    catalog = MatchingData.catalog(SIZE);
    assets = MatchingData.assets(SIZE, SIZE, 0.05, 0.05, 3L);
    rule = MatchBySku.commerceSkus();
  }

  /** The SDK: catalog and assets streamed through {@code CatalogCoverage}. */
  @Benchmark
  public CoverageReport sdk() {
    return CatalogCoverage.of(rule).measure(Arrays.stream(assets), Arrays.stream(catalog));
  }

  /** Baseline: {@code HashSet} lookups over the same strings. */
  @Benchmark
  public Counts baselineHashSet() {
    Set<String> products = new HashSet<>();
    for (String sku : catalog) {
      String trimmed = sku.trim();
      if (!trimmed.isEmpty()) {
        products.add(trimmed);
      }
    }
    Set<String> matchedProducts = new HashSet<>();
    long scanned = 0;
    long skipped = 0;
    long matched = 0;
    long outside = 0;
    for (Asset asset : assets) {
      scanned++;
      Map<String, Object> metadata = asset.metadata();
      if (!"yes".equalsIgnoreCase(((String) metadata.get(MatchBySku.IS_COMMERCE)).trim())
          || !"approved".equalsIgnoreCase(((String) metadata.get(MatchBySku.STATUS)).trim())) {
        skipped++;
        continue;
      }
      boolean any = false;
      boolean unknown = false;
      for (Object sku : (List<?>) metadata.get(MatchingData.SKUS)) {
        String trimmed = ((String) sku).trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        if (products.contains(trimmed)) {
          matchedProducts.add(trimmed);
          any = true;
        } else {
          unknown = true;
        }
      }
      matched += any ? 1 : 0;
      outside += unknown ? 1 : 0;
    }
    return new Counts(products.size(), matchedProducts.size(), scanned, skipped, matched, outside);
  }
}
