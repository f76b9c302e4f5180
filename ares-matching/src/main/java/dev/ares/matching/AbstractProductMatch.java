package dev.ares.matching;

import java.util.List;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * One product an asset belongs to: {@code {"product_sku", "asset_roles", "asset_position"}} on the
 * wire.
 */
@Value.Immutable
abstract class AbstractProductMatch {

  /** The product SKU, trimmed. */
  public abstract String productSku();

  /** The asset's roles for this product, such as {@code image} or {@code thumbnail}. */
  public abstract List<String> assetRoles();

  /** The asset's place in the product gallery, when known. */
  public abstract OptionalInt assetPosition();
}
