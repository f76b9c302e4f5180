package dev.ares.matching;

import java.util.List;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * One product an asset belongs to: {@code {"product_sku", "asset_roles", "asset_position"}} on the
 * wire. Made with {@code ProductMatch.builder()} or, in one step that copies the roles once, {@code
 * ProductMatch.of(productSku, assetRoles, assetPosition)}.
 */
@Value.Immutable
abstract class AbstractProductMatch {

  /** The product SKU, trimmed. */
  @Value.Parameter
  public abstract String productSku();

  /** The asset's roles for this product, such as {@code image} or {@code thumbnail}. */
  @Value.Parameter
  public abstract List<String> assetRoles();

  /** The asset's place in the product gallery, when known. */
  @Value.Parameter
  public abstract OptionalInt assetPosition();
}
