package dev.ares.matching;

import java.util.List;
import org.immutables.value.Value;

/**
 * The assets of one product: {@code {"product_sku", "asset_matches": [...], "skip"}} on the wire.
 * {@code skip} means "send nothing to Commerce for this product".
 */
@Value.Immutable
abstract class AbstractProductToAssetResult {

  /** The product SKU. */
  public abstract String productSku();

  /** The product's assets, in gallery order. */
  public abstract List<AssetMatch> assetMatches();

  /** Whether nothing should be sent to Commerce for this product. */
  @Value.Default
  public boolean skip() {
    return false;
  }
}
