package dev.ares.matching;

import java.util.List;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * One asset of a product: {@code {"asset_id", "asset_roles", "asset_format", "asset_position"}} on
 * the wire.
 */
@Value.Immutable
abstract class AbstractAssetMatch {

  /** The asset id. */
  public abstract String assetId();

  /** The asset's roles for this product. */
  public abstract List<String> assetRoles();

  /** Whether the asset is an image or a video; {@code image} when not said. */
  @Value.Default
  public AssetFormat assetFormat() {
    return AssetFormat.IMAGE;
  }

  /** The asset's place in the product gallery, when known. */
  public abstract OptionalInt assetPosition();
}
