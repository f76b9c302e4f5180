package dev.ares.matching;

import java.util.List;
import org.immutables.value.Value;

/**
 * The products of one asset: {@code {"asset_id", "product_matches": [...], "skip"}} on the wire.
 * {@code skip} means "send nothing to Commerce for this asset".
 */
@Value.Immutable
abstract class AbstractAssetToProductResult {

  /** The asset id. */
  public abstract String assetId();

  /** The products the asset belongs to, one per SKU. */
  public abstract List<ProductMatch> productMatches();

  /** Whether nothing should be sent to Commerce for this asset. */
  @Value.Default
  public boolean skip() {
    return false;
  }

  /**
   * Problems with single rows that did not stop the match, such as a roles array shorter than the
   * SKUs; {@code "warnings"} on the wire, left out when empty. From an {@link ExternalMatcher},
   * each is server text made safe for display: the client id, client secret and bearer token masked
   * as {@code ****}, control characters written as visible escapes such as {@code \u005cu001b}, cut
   * to 500 characters. Ids, SKUs and roles are data and come as sent.
   */
  public abstract List<String> warnings();

  /** The result for an asset that is to be left alone. */
  public static AssetToProductResult skipped(String assetId, String reason) {
    return AssetToProductResult.builder().assetId(assetId).skip(true).addWarnings(reason).build();
  }
}
