package dev.ares.matching;

import dev.ares.matching.internal.WireJson;
import java.nio.charset.StandardCharsets;

/**
 * Match results as the JSON of the external matcher's wire form, one object per result, and the
 * requests the actions receive: written in the form ARES sends today ({@link #writeAssetRequest},
 * {@link #writeProductRequest}) and read in every form Adobe's custom-match page has documented
 * ({@link #readAssetRequest(String)}, {@link #readProductRequest(String)} for a POST body, {@link
 * #readAssetRequestQuery(String)}, {@link #readProductRequestQuery(String)} for the GET form).
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
   * The longest query string {@link #readAssetRequestQuery} and {@link #readProductRequestQuery}
   * take, in characters.
   */
  public static final int MAX_QUERY_CHARS = WireJson.MAX_QUERY_CHARS;

  /**
   * Reads the asset → product request an action receives as a POST body, as a hosted matcher does.
   * Every form Adobe's custom-match page has documented is accepted:
   *
   * <ul>
   *   <li>{@code eventData} a JSON object (the current page, and {@link #writeAssetRequest}'s
   *       form): {@code {"assetId": "urn:aaid:aem:…", "eventData": {"assetMetadata":
   *       {"commerce:skus": ["SKU1"], …}}}};
   *   <li>{@code eventData} a string holding that object (the pages of 2025–2026 type it String):
   *       {@code {"assetId": "urn:aaid:aem:…", "eventData": "{\"assetMetadata\": {…}}"}}. The
   *       string is read once, as strictly as the body (a key given twice is refused); it must hold
   *       an object, and a string inside it is refused, not read again;
   *   <li>{@code eventData} absent or {@code null}, or an object without {@code assetMetadata} (the
   *       earliest page sent only {@code assetId}): an asset without metadata.
   * </ul>
   *
   * <p>Anything else in {@code eventData} (an empty string, a string holding no object, a number,
   * an array) is refused naming {@code request.eventData} and the accepted forms: it is never read
   * as an asset without metadata. Unknown fields are ignored.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field under {@code request}
   */
  public static Asset readAssetRequest(String json) {
    return WireJson.readAssetRequest(WireJson.parse(json, "request"));
  }

  /**
   * Reads the product → asset request an action receives as a POST body: the product's SKU. The SKU
   * is accepted as {@code productSku} ({@link #writeProductRequest}'s form and the current page's:
   * {@code {"productSku": "SKU-1", "eventData": {}}}) or {@code productSKU} (as earlier pages spell
   * it: {@code {"productSKU": "SKU-1", "eventData": "{}"}}), a non-blank string. Both may be given
   * with the same SKU (a sender moving from one spelling to the other may send both; the matcher
   * still sees one SKU); with different SKUs the request is refused naming both, never answered for
   * one of them. {@code eventData} is not used, but must be one of the forms {@link
   * #readAssetRequest(String)} accepts.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field under {@code request}
   */
  public static String readProductRequest(String json) {
    return WireJson.readProductRequest(WireJson.parse(json, "request"));
  }

  /**
   * Reads the asset → product request of the GET form of earlier pages ({@code GET
   * …/asset-to-product?assetId=…}) from its query string, still percent-encoded and without the
   * {@code ?}: {@code assetId=urn%3Aaaid%3Aaem%3A…} and, optionally, {@code eventData=} the
   * percent-encoded JSON object, read as {@link #readAssetRequest(String)} reads a string {@code
   * eventData}. Escapes are UTF-8 and {@code +} is a space (as in a form), so a literal {@code +}
   * is sent as {@code %2B}. A parameter given twice, a broken escape, bytes that are not UTF-8, a
   * raw character that is not visible ASCII and a query longer than {@value #MAX_QUERY_CHARS}
   * characters are refused; other parameters are ignored.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field under {@code request}
   */
  public static Asset readAssetRequestQuery(String query) {
    return WireJson.readAssetRequest(WireJson.queryRequest(query));
  }

  /**
   * Reads the product → asset request of the GET form of earlier pages ({@code GET
   * …/product-to-asset?productSKU=…}) from its query string, as {@link
   * #readAssetRequestQuery(String)} reads one, with the rules of {@link
   * #readProductRequest(String)}: {@code productSku} or {@code productSKU}, and an optional {@code
   * eventData}.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field under {@code request}
   */
  public static String readProductRequestQuery(String query) {
    return WireJson.readProductRequest(WireJson.queryRequest(query));
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
