package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.core.AresValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every request form Adobe's custom-match page has documented is read by {@link MatchJson}'s
 * request readers, and nothing else is read as a request. The page is {@code
 * help/aem-assets-integration/synchronize/custom-match.md} in {@code AdobeDocs/commerce.en} (first
 * {@code help/product-visuals/custom-match.md}) and its localized siblings; each test names the
 * version whose example it takes. The pages show no whole request body: they give the parameter
 * tables quoted below and the action code that reads {@code params.assetId}, {@code
 * params.eventData.assetMetadata['commerce:isCommerce' | 'commerce:skus' | 'commerce:roles' |
 * 'commerce:positions']} and {@code params.productSku}, with example values {@code
 * urn:aaid:aem:1aa1d4a0-18b8-40a7-a228-e0ab588deee1}, {@code SKU1}, roles {@code
 * ["thumbnail","image"]} and position {@code 1}. The bodies below are those fields and values.
 */
class MatchJsonRequestFormsTest {

  /** The asset id of the page's example (custom-match.md of 2025-06 to 2025-07). */
  static final String ASSET_ID = "urn:aaid:aem:1aa1d4a0-18b8-40a7-a228-e0ab588deee1";

  /**
   * {@code eventData.assetMetadata} with the four fields the page's example code reads, and the
   * approval the metadata page asks for.
   */
  static final String ASSET_METADATA =
      "{\"commerce:isCommerce\":\"Yes\",\"commerce:skus\":[\"SKU1\"],"
          + "\"commerce:roles\":[\"thumbnail;image\"],\"commerce:positions\":[1],"
          + "\"dam:status\":\"approved\"}";

  static final String EVENT_DATA = "{\"assetMetadata\":" + ASSET_METADATA + "}";

  static Asset documentedAsset() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("commerce:isCommerce", "Yes");
    metadata.put("commerce:skus", List.of("SKU1"));
    metadata.put("commerce:roles", List.of("thumbnail;image"));
    metadata.put("commerce:positions", List.of(1));
    metadata.put("dam:status", "approved");
    return Asset.of(ASSET_ID, metadata);
  }

  /** {@code text} as a JSON string literal. */
  static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static String refusal(Executable read) {
    return assertThrows(AresValidationException.class, read).getMessage();
  }

  // --- POST, asset → product ---

  /**
   * The current English page (2026-02 onwards, snapshot of 2026-08) and the localized pages
   * (commerce.pt-BR: "| `eventData` | Objeto |"): "POST
   * https://your-app-builder-url/api/v1/web/app-builder-external-rule/asset-to-product", "|
   * `eventData` | Object | Event payload associated with the asset (for example, asset metadata
   * your matcher reads from `eventData.assetMetadata`). |".
   */
  @Test
  void postWithEventDataAnObject() {
    String body = "{\"assetId\":" + quoted(ASSET_ID) + ",\"eventData\":" + EVENT_DATA + "}";
    assertEquals(documentedAsset(), MatchJson.readAssetRequest(body));
    assertEquals(
        body, MatchJson.writeAssetRequest(documentedAsset())); // what ExternalMatcher sends
  }

  /**
   * The English page of 2025-08 to 2026-02 (commits ff6affa5 … 6e8d266a): "| `eventData` | String |
   * Returns the data payload associated with the asset ID. |": the same object, in a string.
   */
  @Test
  void postWithEventDataAStringHoldingTheObject() {
    String body = "{\"assetId\":" + quoted(ASSET_ID) + ",\"eventData\":" + quoted(EVENT_DATA) + "}";
    assertEquals(documentedAsset(), MatchJson.readAssetRequest(body));
    // Whitespace around the held object is JSON's own; the object is read, not its text.
    String spaced =
        "{\"assetId\":" + quoted(ASSET_ID) + ",\"eventData\":" + quoted(" \n" + EVENT_DATA) + "}";
    assertEquals(documentedAsset(), MatchJson.readAssetRequest(spaced));
  }

  /**
   * The first pages (2025-06 to 2025-07, commit 995fb071): "| `assetId` | String | Represents the
   * updated asset ID |" and no other field: an asset without metadata, for a matcher that looks the
   * asset up itself.
   */
  @Test
  void postWithTheAssetIdAlone() {
    assertEquals(
        Asset.of(ASSET_ID, Map.of()),
        MatchJson.readAssetRequest("{\"assetId\":" + quoted(ASSET_ID) + "}"));
    assertEquals(
        Asset.of(ASSET_ID, Map.of()),
        MatchJson.readAssetRequest("{\"assetId\":" + quoted(ASSET_ID) + ",\"eventData\":null}"));
    assertEquals(
        Asset.of(ASSET_ID, Map.of()),
        MatchJson.readAssetRequest("{\"assetId\":" + quoted(ASSET_ID) + ",\"eventData\":{}}"));
  }

  // --- POST, product → asset ---

  /**
   * The current English page and commerce.pt-BR: "POST …/product-to-asset", "| `productSku` |
   * String | Represents the updated product SKU. |", "| `eventData` | Object | … |"; its code reads
   * {@code params.productSku}.
   */
  @Test
  void postWithProductSku() {
    String body = "{\"productSku\":\"SKU1\",\"eventData\":{}}";
    assertEquals("SKU1", MatchJson.readProductRequest(body));
    assertEquals(body, MatchJson.writeProductRequest("SKU1")); // what ExternalMatcher sends
  }

  /**
   * The English page of 2025-08 to 2026-02 (commits ee1dd902 … 6e8d266a): "POST
   * …/product-to-asset", "| `productSKU` | String | Represents the updated product SKU. |", "|
   * `eventData` | String | Returns the data payload associated with the Product SKU. |".
   */
  @Test
  void postWithProductSkuSpelledProductSKUAndEventDataAString() {
    assertEquals(
        "SKU1", MatchJson.readProductRequest("{\"productSKU\":\"SKU1\",\"eventData\":\"{}\"}"));
    assertEquals("SKU1", MatchJson.readProductRequest("{\"productSKU\":\"SKU1\"}"));
  }

  @Test
  void bothSpellingsWithTheSameSkuAreOneSku() {
    assertEquals(
        "SKU1", MatchJson.readProductRequest("{\"productSku\":\"SKU1\",\"productSKU\":\"SKU1\"}"));
  }

  @Test
  void bothSpellingsWithDifferentSkusAreRefusedNamingBoth() {
    String message =
        refusal(
            () ->
                MatchJson.readProductRequest(
                    "{\"productSku\":\"SKU1\",\"productSKU\":\"secret-SKU2\"}"));
    assertEquals(
        "request.productSku differs from request.productSKU: send one of them (or both with the"
            + " same SKU)",
        message);
    assertFalse(message.contains("secret"), message);
    // A SKU differing only in case or spaces is another SKU: no guess is made.
    assertThrows(
        AresValidationException.class,
        () -> MatchJson.readProductRequest("{\"productSku\":\"sku1\",\"productSKU\":\"SKU1\"}"));
    assertThrows(
        AresValidationException.class,
        () -> MatchJson.readProductRequest("{\"productSku\":\"SKU1 \",\"productSKU\":\"SKU1\"}"));
  }

  @Test
  void aMissingSkuNamesBothSpellings() {
    assertEquals(
        "request.productSku is required: a non-blank string, as productSku (or productSKU)",
        refusal(() -> MatchJson.readProductRequest("{\"product_sku\":\"SKU1\"}")));
    assertEquals(
        "request.productSKU must be a non-blank string",
        refusal(() -> MatchJson.readProductRequest("{\"productSKU\":\" \"}")));
    assertEquals(
        "request.productSku must be a non-blank string; request.productSKU must be a non-blank"
            + " string",
        refusal(() -> MatchJson.readProductRequest("{\"productSku\":1,\"productSKU\":null}")));
  }

  /** The rules a SKU meets are the same under either spelling: a JSON string, not blank. */
  @Test
  void productSkuWithControlCharactersIsReadAsProductSkuIs() {
    String sku = "SKU\u0001\u001b[2J\r\n1";
    String escaped = "SKU\\u0001\\u001b[2J\\r\\n1";
    assertEquals(sku, MatchJson.readProductRequest("{\"productSku\":\"" + escaped + "\"}"));
    assertEquals(sku, MatchJson.readProductRequest("{\"productSKU\":\"" + escaped + "\"}"));
    assertEquals(sku, MatchJson.readProductRequestQuery("productSKU=SKU%01%1B%5B2J%0D%0A1"));
    // The answer carries it escaped, never raw.
    String answer = MatchJson.write(ProductToAssetResult.builder().productSku(sku).build());
    assertFalse(answer.chars().anyMatch(Character::isISOControl), answer);
  }

  // --- GET, the earliest pages ---

  /**
   * The first pages (2025-06 to 2025-07, commit 995fb071): "GET
   * https://your-app-builder-url/api/v1/web/app-builder-external-rule/asset-to-product", "|
   * `assetId` | String | Represents the updated asset ID |".
   */
  @Test
  void getWithTheAssetId() {
    assertEquals(
        Asset.of(ASSET_ID, Map.of()),
        MatchJson.readAssetRequestQuery(
            "assetId=urn%3Aaaid%3Aaem%3A1aa1d4a0-18b8-40a7-a228-e0ab588deee1"));
    assertEquals( // ':' needs no escape in a query
        Asset.of(ASSET_ID, Map.of()), MatchJson.readAssetRequestQuery("assetId=" + ASSET_ID));
  }

  /**
   * A GET with the page's {@code eventData} too: in a query it can only be a string, the form the
   * English page typed it in.
   */
  @Test
  void getWithTheAssetIdAndEventData() {
    String query =
        "assetId="
            + ASSET_ID
            + "&eventData="
            + java.net.URLEncoder.encode(EVENT_DATA, java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(documentedAsset(), MatchJson.readAssetRequestQuery(query));
  }

  /**
   * The pages of 2025-06 to 2025-08 (commits 995fb071 … ff6affa5): "GET
   * https://your-app-builder-url/api/v1/web/app-builder-external-rule/product-to-asset", "|
   * `productSKU` | String | Represents the updated product SKU |".
   */
  @Test
  void getWithProductSKU() {
    assertEquals("SKU1", MatchJson.readProductRequestQuery("productSKU=SKU1"));
  }

  /**
   * The same pages' action code reads the GET's SKU as {@code params.productSku} ("product_sku:
   * params.productSku, //SKU-1").
   */
  @Test
  void getWithProductSku() {
    assertEquals("SKU-1", MatchJson.readProductRequestQuery("productSku=SKU-1"));
  }

  @Test
  void queryEscapesAreUtf8AndPlusIsASpace() {
    assertEquals("sku 8+ü", MatchJson.readProductRequestQuery("productSku=sku+8%2B%C3%BC"));
    assertEquals("SKU1", MatchJson.readProductRequestQuery("&productSku=SKU1&&other=x&"));
    assertEquals("SKU1", MatchJson.readProductRequestQuery("productSKU=SKU1&productSku=SKU1"));
    assertEquals(
        "request.productSku differs from request.productSKU: send one of them (or both with the"
            + " same SKU)",
        refusal(() -> MatchJson.readProductRequestQuery("productSKU=SKU1&productSku=SKU2")));
  }

  // --- Refused: eventData in any other form ---

  /**
   * Before, a string {@code eventData} was read as no metadata and the asset answered {@code
   * "skip": true}; now only a string holding an object is read, and the rest refused by name.
   */
  @Test
  void eventDataInAnyOtherFormIsRefusedNeverReadAsNoMetadata() {
    String forms = "request.eventData must be a JSON object, or a string holding one: ";
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put(quoted(""), forms + "its string holds no JSON value");
    refusals.put(quoted("   "), forms + "its string holds no JSON value");
    refusals.put(quoted("secret text"), forms + "its string is not valid JSON (line 1, column 1)");
    refusals.put(quoted("[\"secret\"]"), forms + "its string holds an array, not an object");
    refusals.put(quoted("null"), forms + "its string holds null, not an object");
    refusals.put(quoted("42"), forms + "its string holds a number, not an object");
    refusals.put(
        quoted("{} {\"secret\":1}"),
        forms + "its string has unexpected content after the JSON value (line 1, column 4)");
    refusals.put("42", forms + "it is a number");
    refusals.put("true", forms + "it is true or false");
    refusals.put("[" + EVENT_DATA + "]", forms + "it is an array");
    for (Map.Entry<String, String> r : refusals.entrySet()) {
      String body = "{\"assetId\":\"urn:aaid:aem:1\",\"eventData\":" + r.getKey() + "}";
      String message = refusal(() -> MatchJson.readAssetRequest(body));
      assertEquals(r.getValue(), message, body);
      assertFalse(message.contains("secret"), message);
      String product = "{\"productSku\":\"SKU1\",\"eventData\":" + r.getKey() + "}";
      assertEquals(r.getValue(), refusal(() -> MatchJson.readProductRequest(product)), product);
    }
    assertEquals(
        forms + "its string holds no JSON value",
        refusal(() -> MatchJson.readAssetRequestQuery("assetId=a&eventData=")));
    assertEquals(
        forms + "its string holds no JSON value",
        refusal(() -> MatchJson.readAssetRequestQuery("assetId=a&eventData")));
  }

  /** A string holding a string holding the object is refused: it is not read a second time. */
  @Test
  void aStringInsideTheStringIsNotReadAgain() {
    String twice = quoted(quoted(EVENT_DATA));
    assertEquals(
        "request.eventData must be a JSON object, or a string holding one: its string holds a"
            + " string, not an object",
        refusal(
            () -> MatchJson.readAssetRequest("{\"assetId\":\"a\",\"eventData\":" + twice + "}")));
  }

  /** The held object is read as strictly as the body: a key given twice is refused by path. */
  @Test
  void theHeldObjectIsReadStrictly() {
    String held = "{\"assetMetadata\":{\"commerce:skus\":[\"a\"],\"commerce:skus\":[\"b\"]}}";
    assertEquals(
        "request.eventData.assetMetadata.commerce:skus is given twice (line 1, column 56)",
        refusal(
            () ->
                MatchJson.readAssetRequest(
                    "{\"assetId\":\"a\",\"eventData\":" + quoted(held) + "}")));
    assertEquals(
        "request.eventData.assetMetadata.size is a number out of range",
        refusal(
            () ->
                MatchJson.readAssetRequest(
                    "{\"assetId\":\"a\",\"eventData\":"
                        + quoted("{\"assetMetadata\":{\"size\":1e999999}}")
                        + "}")));
    assertEquals(
        "request.eventData.assetMetadata must be a JSON object",
        refusal(
            () ->
                MatchJson.readAssetRequest(
                    "{\"assetId\":\"a\",\"eventData\":"
                        + quoted("{\"assetMetadata\":" + quoted(ASSET_METADATA) + "}")
                        + "}")));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertEquals(
        "request.assetId must be a non-blank string; request.eventData must be a JSON object, or"
            + " a string holding one: it is a number",
        refusal(() -> MatchJson.readAssetRequest("{\"asset_id\":\"a\",\"eventData\":1}")));
    assertEquals(
        "request must be a JSON object",
        refusal(() -> MatchJson.readAssetRequest(quoted("{\"assetId\":\"a\"}"))));
  }

  // --- Refused: a query that is not one ---

  @Test
  void aBrokenQueryIsRefusedByNameWithoutItsValue() {
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("assetId=a&assetId=b", "request.assetId is given twice");
    refusals.put("assetId=a&secret=1&secret=2", "request.query is given twice");
    refusals.put("assetId=secret%zz", "request.assetId is not percent-encoded UTF-8");
    refusals.put("assetId=secret%4", "request.assetId is not percent-encoded UTF-8");
    refusals.put("assetId=secret%C3%28", "request.assetId is not percent-encoded UTF-8");
    refusals.put("assetId=secret%FF", "request.assetId is not percent-encoded UTF-8");
    refusals.put("assetId=secret\u00e9", "request.assetId is not percent-encoded UTF-8");
    refusals.put("assetId=secret value", "request.assetId is not percent-encoded UTF-8");
    refusals.put("assetId=secret\r\nX: y", "request.assetId is not percent-encoded UTF-8");
    refusals.put(
        "assetId=a&secret%FF=1",
        "request.query has a parameter name that is not percent-encoded UTF-8");
    refusals.put("", "request.assetId must be a non-blank string");
    refusals.put("assetid=a", "request.assetId must be a non-blank string");
    for (Map.Entry<String, String> r : refusals.entrySet()) {
      String message = refusal(() -> MatchJson.readAssetRequestQuery(r.getKey()));
      assertEquals(r.getValue(), message, r.getKey());
      assertFalse(message.contains("secret"), message);
    }
    assertEquals(
        "request.query is longer than 8192 characters",
        refusal(() -> MatchJson.readAssetRequestQuery("assetId=" + "a".repeat(8192))));
    assertEquals(8192, MatchJson.MAX_QUERY_CHARS);
    assertEquals(
        ASSET_ID,
        MatchJson.readAssetRequestQuery("assetId=" + ASSET_ID + "&x=" + "a".repeat(8100))
            .assetId());
  }
}
