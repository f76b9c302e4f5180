package dev.ares.matching;

import java.util.List;
import org.immutables.value.Value;

/**
 * How much of a catalog a rule covers: what {@code TenantInput.threshold} speaks of. Counts are
 * exact; the id lists are samples of at most {@link CatalogCoverage#sampleSize(int)} entries.
 */
@Value.Immutable
abstract class AbstractCoverageReport {

  /** Distinct SKUs in the catalog. */
  public abstract int catalogProducts();

  /** Catalog products with at least one asset. */
  public abstract int matchedProducts();

  /** Catalog products without any asset: {@code catalogProducts - matchedProducts}. */
  @Value.Derived
  public int productsWithoutAssets() {
    return catalogProducts() - matchedProducts();
  }

  /** Assets read. */
  public abstract long assetsScanned();

  /** Assets the rule skipped (not Commerce assets, or not approved). */
  public abstract long assetsSkipped();

  /** Assets matched to at least one catalog product. */
  public abstract long assetsMatched();

  /** Assets naming at least one SKU that is not in the catalog. */
  public abstract long assetsWithSkusNotInCatalog();

  /** Matched products in percent of catalog products; 0 for an empty catalog. */
  @Value.Derived
  public double matchRatePercent() {
    return catalogProducts() == 0 ? 0.0 : 100.0 * matchedProducts() / catalogProducts();
  }

  /** Some catalog SKUs without any asset, in catalog order. */
  public abstract List<String> sampleProductsWithoutAssets();

  /** Some ids of assets naming SKUs that are not in the catalog, in input order. */
  public abstract List<String> sampleAssetsWithSkusNotInCatalog();

  /** Some SKUs named by assets that are not in the catalog, in input order, distinct. */
  public abstract List<String> sampleSkusNotInCatalog();
}
