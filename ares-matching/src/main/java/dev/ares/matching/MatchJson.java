package dev.ares.matching;

import dev.ares.matching.internal.WireJson;
import java.nio.charset.StandardCharsets;

/**
 * Match results as the JSON of the external matcher's wire form, one object per result, and the
 * requests the actions receive.
 *
 * <p>Reading ignores unknown fields, as matchers may add their own, and reports every problem at
 * once by path in a {@link dev.ares.core.AresValidationException}. The text must be exactly one
 * JSON value: a key given twice (at any depth), content after the value and a number beyond the
 * range of a double are refused by path.
 */
public final class MatchJson {

  private MatchJson() {}

  /** {@code {"asset_id", "product_matches": [...], "skip"}}, plus {@code "warnings"} when any. */
  public static String write(AssetToProductResult result) {
    return WireJson.toJson(result).toString();
  }

  /** {@code {"product_sku", "asset_matches": [...], "skip"}}. */
  public static String write(ProductToAssetResult result) {
    return WireJson.toJson(result).toString();
  }

  /**
   * The asset → product request an action receives, {@code {"assetId", "eventData":
   * {"assetMetadata": {...}}}}, as {@link ExternalMatcher} sends it.
   */
  public static String writeAssetRequest(Asset asset) {
    return new String(WireJson.assetRequestBytes(asset), StandardCharsets.UTF_8);
  }

  /**
   * The product → asset request an action receives, {@code {"productSku", "eventData": {}}}, as
   * {@link ExternalMatcher} sends it.
   */
  public static String writeProductRequest(String productSku) {
    return WireJson.productRequest(productSku).toString();
  }

  /**
   * Reads the asset → product request an action receives ({@link #writeAssetRequest}'s form), as a
   * hosted matcher does.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field under {@code request}
   */
  public static Asset readAssetRequest(String json) {
    return WireJson.readAssetRequest(WireJson.parse(json, "request"));
  }

  /**
   * Reads the product → asset request an action receives ({@link #writeProductRequest}'s form): the
   * product's SKU.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field under {@code request}
   */
  public static String readProductRequest(String json) {
    return WireJson.readProductRequest(WireJson.parse(json, "request"));
  }

  /**
   * Reads an asset → product result.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field
   */
  public static AssetToProductResult readAssetToProduct(String json) {
    try {
      return WireJson.readAssetToProduct(
          json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8),
          null,
          "result",
          false);
    } catch (WireJson.NotJson e) {
      throw e.refusal();
    }
  }

  /**
   * Reads a product → asset result.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field
   */
  public static ProductToAssetResult readProductToAsset(String json) {
    return WireJson.readProductToAsset(WireJson.parse(json, "result"), null, "result");
  }
}
