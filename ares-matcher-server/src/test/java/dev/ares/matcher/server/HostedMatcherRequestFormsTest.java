package dev.ares.matcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.MatchBySku;
import dev.ares.matching.ProductToAssetResult;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each request form Adobe's custom-match page has documented, sent to a running {@link
 * MatcherServer} with a token, is answered 200 in the documented shape (numeric {@code
 * asset_position}, {@code asset_format}, {@code skip}); every other form is a 400 naming the field
 * and the accepted forms. The page is {@code
 * help/aem-assets-integration/synchronize/custom-match.md} of {@code AdobeDocs/commerce.en} (first
 * {@code help/product-visuals/custom-match.md}) and its localized siblings; each test names the
 * version whose example it takes. The pages give parameter tables and action code, not whole
 * bodies: the bodies are the documented fields with the page's example values ({@code
 * urn:aaid:aem:1aa1d4a0-18b8-40a7-a228-e0ab588deee1}, {@code SKU1}, roles {@code
 * ["thumbnail","image"]}, position {@code 1}).
 */
class HostedMatcherRequestFormsTest {

  private static final String TOKEN = "good-token";
  private static final String ASSET_ID = "urn:aaid:aem:1aa1d4a0-18b8-40a7-a228-e0ab588deee1";

  /** The four fields the page's action code reads, and the approval the metadata page asks for. */
  private static final String EVENT_DATA =
      "{\"assetMetadata\":{\"commerce:isCommerce\":\"Yes\",\"commerce:skus\":[\"SKU1\"],"
          + "\"commerce:roles\":[\"thumbnail;image\"],\"commerce:positions\":[1],"
          + "\"dam:status\":\"approved\"}}";

  /** The answers, in the page's response shape. */
  private static final String ASSET_ANSWER =
      "{\"asset_id\":\""
          + ASSET_ID
          + "\",\"product_matches\":[{\"product_sku\":\"SKU1\",\"asset_roles\":[\"thumbnail\","
          + "\"image\"],\"asset_position\":1}],\"skip\":false}";

  private static final String PRODUCT_ANSWER =
      "{\"product_sku\":\"SKU1\",\"asset_matches\":[{\"asset_id\":\""
          + ASSET_ID
          + "\",\"asset_roles\":[\"thumbnail\",\"image\"],\"asset_format\":\"image\","
          + "\"asset_position\":1}],\"skip\":false}";

  private MatcherServer server;
  private final List<Socket> sockets = new ArrayList<>();

  /**
   * {@code matchBySKU} with the documented asset in its index; an asset sent without metadata (the
   * earliest form, for "assets coming from a third-party system") is looked up by its id first, as
   * such a matcher would.
   */
  @BeforeEach
  void start() {
    MatchBySku bySku = MatchBySku.commerceSkus();
    Asset documented =
        Asset.of(
            ASSET_ID,
            Map.of(
                "commerce:isCommerce", "Yes",
                "commerce:skus", List.of("SKU1"),
                "commerce:roles", List.of("thumbnail;image"),
                "commerce:positions", List.of(1),
                "dam:status", "approved"));
    bySku.index().put(documented);
    AssetMatcher matcher =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            return bySku.matchAsset(
                asset.metadata().isEmpty() && asset.assetId().equals(ASSET_ID)
                    ? documented
                    : asset);
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            return bySku.matchProduct(productSku);
          }
        };
    server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(matcher)
                    .tokenValidator(
                        token -> {
                          if (!TOKEN.equals(token)) {
                            throw new InvalidAccessTokenException(
                                InvalidAccessTokenException.Reason.NOT_ACCEPTED, "not the token");
                          }
                        })
                    .build())
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    server.close();
  }

  /** The whole answer (status line, headers, body) to {@code request}, sent as raw bytes. */
  private String exchange(byte[] request) throws IOException {
    Socket s = RawHttp.open(server.port(), 5000);
    sockets.add(s);
    RawHttp.send(s, request);
    return RawHttp.readResponse(s);
  }

  private String post(String path, String body) throws IOException {
    return exchange(
        RawHttp.post(
            path,
            "application/json",
            "Authorization: Bearer " + TOKEN + "\r\n",
            body.getBytes(StandardCharsets.UTF_8)));
  }

  /** A GET of {@code target} (path and query, sent exactly as given), with the token. */
  private String get(String target) throws IOException {
    return exchange(
        ("GET "
                + target
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
                + TOKEN
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
  }

  private static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  private static String body(String answer) {
    return answer.substring(answer.indexOf("\n\n") + 2);
  }

  private static void answered(String expectedBody, String answer) {
    assertEquals(200, status(answer), answer);
    assertEquals(expectedBody, body(answer));
  }

  private static void refused(String expectedError, String answer) {
    assertEquals(400, status(answer), answer);
    assertEquals("{\"error\":\"" + expectedError + "\"}", body(answer));
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  // --- POST ---

  /**
   * The current English page (2026-02 onwards, snapshot of 2026-08) and commerce.pt-BR: "POST
   * …/asset-to-product", "| `eventData` | Object | Event payload associated with the asset (for
   * example, asset metadata your matcher reads from `eventData.assetMetadata`). |".
   */
  @Test
  void postAssetWithEventDataAnObject() throws IOException {
    answered(
        ASSET_ANSWER,
        post(
            "/asset-to-product",
            "{\"assetId\":\"" + ASSET_ID + "\",\"eventData\":" + EVENT_DATA + "}"));
  }

  /**
   * The English page of 2025-08 to 2026-02 (commits ff6affa5 … 6e8d266a): "| `eventData` | String |
   * Returns the data payload associated with the asset ID. |". Before, this was answered 200 with
   * {@code "skip": true} and no match: the string was read as no metadata.
   */
  @Test
  void postAssetWithEventDataAString() throws IOException {
    answered(
        ASSET_ANSWER,
        post(
            "/asset-to-product",
            "{\"assetId\":\"" + ASSET_ID + "\",\"eventData\":" + quoted(EVENT_DATA) + "}"));
  }

  /** The first pages (2025-06 to 2025-07, commit 995fb071): "| `assetId` | String | … |" alone. */
  @Test
  void postAssetWithTheAssetIdAlone() throws IOException {
    answered(ASSET_ANSWER, post("/asset-to-product", "{\"assetId\":\"" + ASSET_ID + "\"}"));
  }

  /**
   * The current English page and commerce.pt-BR: "POST …/product-to-asset", "| `productSku` |
   * String | Represents the updated product SKU. |", "| `eventData` | Object | … |".
   */
  @Test
  void postProductWithProductSku() throws IOException {
    answered(
        PRODUCT_ANSWER, post("/product-to-asset", "{\"productSku\":\"SKU1\",\"eventData\":{}}"));
  }

  /**
   * The English page of 2025-08 to 2026-02 (commits ee1dd902 … 6e8d266a): "| `productSKU` | String
   * | Represents the updated product SKU. |", "| `eventData` | String | Returns the data payload
   * associated with the Product SKU. |".
   */
  @Test
  void postProductWithProductSKUAndEventDataAString() throws IOException {
    answered(
        PRODUCT_ANSWER,
        post("/product-to-asset", "{\"productSKU\":\"SKU1\",\"eventData\":\"{}\"}"));
  }

  // --- GET ---

  /**
   * The first pages (2025-06 to 2025-07, commit 995fb071): "GET
   * https://your-app-builder-url/api/v1/web/app-builder-external-rule/asset-to-product", "|
   * `assetId` | String | Represents the updated asset ID |".
   */
  @Test
  void getAssetWithTheAssetId() throws IOException {
    answered(ASSET_ANSWER, get("/asset-to-product?assetId=" + encoded(ASSET_ID)));
  }

  /** The same GET with {@code eventData} too: in a query, the string form. */
  @Test
  void getAssetWithTheAssetIdAndEventData() throws IOException {
    answered(
        ASSET_ANSWER,
        get("/asset-to-product?assetId=" + ASSET_ID + "&eventData=" + encoded(EVENT_DATA)));
  }

  /**
   * The pages of 2025-06 to 2025-08 (commits 995fb071 … ff6affa5): "GET
   * https://your-app-builder-url/api/v1/web/app-builder-external-rule/product-to-asset", "|
   * `productSKU` | String | Represents the updated product SKU |".
   */
  @Test
  void getProductWithProductSKU() throws IOException {
    answered(PRODUCT_ANSWER, get("/product-to-asset?productSKU=SKU1"));
  }

  /** The same pages' action code reads it as {@code params.productSku} ("//SKU-1"). */
  @Test
  void getProductWithProductSku() throws IOException {
    answered(PRODUCT_ANSWER, get("/product-to-asset?productSku=SKU1"));
  }

  @Test
  void aGetKeepsTheConnectionForTheNextRequest() throws IOException {
    Socket s = RawHttp.open(server.port(), 5000);
    sockets.add(s);
    for (int i = 0; i < 2; i++) {
      RawHttp.send(
          s,
          "GET /product-to-asset?productSKU=SKU1 HTTP/1.1\r\nHost: localhost\r\n"
              + "Authorization: Bearer "
              + TOKEN
              + "\r\n\r\n");
      answered(PRODUCT_ANSWER, RawHttp.readResponse(s));
    }
  }

  // --- Refused ---

  /** The silent skip is gone: a string that holds no object is a 400 naming the field. */
  @Test
  void eventDataThatIsNoObjectIsRefusedNotSkipped() throws IOException {
    String forms = "request.eventData must be a JSON object, or a string holding one: ";
    refused(
        forms + "its string holds no JSON value",
        post("/asset-to-product", "{\"assetId\":\"a\",\"eventData\":\"\"}"));
    refused(
        forms + "its string holds a string, not an object",
        post(
            "/asset-to-product",
            "{\"assetId\":\"a\",\"eventData\":" + quoted(quoted(EVENT_DATA)) + "}"));
    refused(
        forms + "it is a number",
        post("/product-to-asset", "{\"productSku\":\"p\",\"eventData\":1}"));
    refused(
        forms + "its string holds no JSON value", get("/asset-to-product?assetId=a&eventData="));
    String duplicate =
        post(
            "/asset-to-product",
            "{\"assetId\":\"a\",\"eventData\":"
                + quoted("{\"assetMetadata\":{\"k\":\"secret\",\"k\":\"x\"}}")
                + "}");
    assertEquals(400, status(duplicate), duplicate);
    assertTrue(body(duplicate).contains("request.eventData.assetMetadata.k is given twice"));
    assertFalse(duplicate.contains("secret"), duplicate);
  }

  @Test
  void twoDifferentSkusAreRefusedNamingBoth() throws IOException {
    String both =
        "request.productSku differs from request.productSKU: send one of them (or both with the"
            + " same SKU)";
    refused(both, post("/product-to-asset", "{\"productSku\":\"SKU1\",\"productSKU\":\"SKU2\"}"));
    refused(both, get("/product-to-asset?productSku=SKU1&productSKU=SKU2"));
    answered(
        PRODUCT_ANSWER,
        post("/product-to-asset", "{\"productSku\":\"SKU1\",\"productSKU\":\"SKU1\"}"));
  }

  @Test
  void aGuessedBodyIsToldTheFields() throws IOException {
    refused(
        "request.assetId must be a non-blank string",
        post("/asset-to-product", "{\"asset_id\":\"a\",\"metadata\":{}}"));
    refused(
        "request.productSku is required: a non-blank string, as productSku (or productSKU)",
        post("/product-to-asset", "{\"product_sku\":\"SKU1\"}"));
    refused("request.assetId must be a non-blank string", get("/asset-to-product"));
  }

  @Test
  void aBrokenQueryIsRefusedWithoutItsValue() throws IOException {
    for (String query :
        List.of(
            "assetId=secret%FF",
            "assetId=secret%C3%28",
            "assetId=secret%zz",
            "assetId=secret\u00e9",
            "assetId=a&assetId=secret")) {
      String answer = get("/asset-to-product?" + query);
      assertEquals(400, status(answer), query + ": " + answer);
      assertTrue(body(answer).startsWith("{\"error\":\"request.assetId "), answer);
      assertFalse(answer.contains("secret"), answer);
    }
  }

  @Test
  void aGetWithABodyIsRefused() throws IOException {
    String answer =
        exchange(
            ("GET /product-to-asset?productSKU=SKU1 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\nAuthorization: Bearer "
                    + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 19\r\n\r\n"
                    + "{\"productSku\":\"p1\"}")
                .getBytes(StandardCharsets.ISO_8859_1));
    refused("request has a body, but a GET carries its fields in the query: POST a body", answer);
  }

  @Test
  void aGetNeedsTheTokenAsAPostDoes() throws IOException {
    String answer =
        exchange(
            "GET /product-to-asset?productSKU=SKU1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(401, status(answer), answer);
  }

  @Test
  void otherMethodsAreTold405WithBothAllowed() throws IOException {
    for (String method : List.of("PUT", "DELETE", "HEAD", "PATCH")) {
      String answer =
          exchange(
              (method
                      + " /product-to-asset?productSKU=SKU1 HTTP/1.1\r\nHost: x\r\n"
                      + "Connection: close\r\nAuthorization: Bearer "
                      + TOKEN
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      assertEquals(405, status(answer), method + ": " + answer);
      assertTrue(answer.toLowerCase(Locale.ROOT).contains("allow: get, post\n"), answer);
    }
  }

  /**
   * The server reads request lines of at most 4 KiB, so a longer query never reaches the handler
   * (HttpCore answers 431); the handler itself answers 414 beyond {@link
   * dev.ares.matching.MatchJson#MAX_QUERY_CHARS}, whatever the server's line limit.
   */
  @Test
  void anOverLongQueryIsRefused() throws IOException {
    String answer = get("/product-to-asset?productSKU=SKU1&pad=" + "x".repeat(5000));
    assertEquals(431, status(answer), answer);
    AssetMatcherHttpHandler handler =
        AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus()).allowAnonymous().build();
    AssetMatcherHttpHandler.Reply reply =
        handler.answer(false, "productSKU=SKU1&pad=" + "x".repeat(8192), new byte[0]);
    assertEquals(414, reply.status());
    assertEquals("{\"error\":\"the query is longer than 8192 characters\"}", reply.json());
  }
}
