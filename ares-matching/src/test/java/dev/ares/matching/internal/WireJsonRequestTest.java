package dev.ares.matching.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.core.internal.json.StrictJson;
import dev.ares.matching.Asset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streamed asset request is byte for byte the text route's for every kind of metadata value,
 * except characters beyond the BMP, which it escapes: the same JSON strings.
 */
class WireJsonRequestTest {

  /** How the request was built before: Jackson's map serializer to text, then UTF-8. */
  private static byte[] textRequest(Asset asset) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("assetId", asset.assetId());
    body.put("eventData", Map.of("assetMetadata", asset.metadata()));
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .writeValueAsString(body)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void streamedRequestEqualsTheTextRequest() throws Exception {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("commerce:isCommerce", "yes");
    metadata.put("commerce:skus", List.of("sku-7", "sku \"8\"", "ümlaut-漢字"));
    metadata.put("commerce:roles", List.of("thumbnail;image", ""));
    metadata.put("commerce:positions", List.of(4, 2.5, -1));
    metadata.put("dam:status", "approved");
    metadata.put("flag", true);
    metadata.put("nested", Map.of("a", List.of(1, 2)));
    metadata.put("nothing", null);
    metadata.put("escapes", "tab\there\nnew \\ slash / \u0001 \u2028");
    metadata.put(
        "numbers",
        List.of(
            Long.MAX_VALUE,
            Integer.MIN_VALUE,
            1e300,
            0.1f,
            new java.math.BigDecimal("1.50"),
            new java.math.BigInteger("123456789012345678901234567890"),
            (short) 7,
            (byte) -8));
    metadata.put("empty", List.of());
    metadata.put("emptyMap", Map.of());
    Asset asset = Asset.of("urn:aaid:aem:0001", metadata);
    assertArrayEquals(textRequest(asset), WireJson.assetRequestBytes(asset));
  }

  @Test
  void charactersBeyondTheBmpAreEscapedAndReadBackAsTheyWere() throws Exception {
    Asset asset = Asset.of("urn:aaid:aem:0004", Map.of("sku \ud83d\ude42", List.of("🙂-漢字")));
    byte[] bytes = WireJson.assetRequestBytes(asset);
    assertEquals(
        "{\"assetId\":\"urn:aaid:aem:0004\",\"eventData\":{\"assetMetadata\":"
            + "{\"sku \\uD83D\\uDE42\":[\"\\uD83D\\uDE42-漢字\"]}}}",
        new String(bytes, StandardCharsets.UTF_8));
    assertEquals(StrictJson.read(textRequest(asset), "request"), StrictJson.read(bytes, "request"));
  }

  @Test
  void aLoneSurrogateInAValueIsEscapedAndReadsBackAsItWas() throws Exception {
    Asset asset = Asset.of("urn:aaid:aem:0002", Map.of("k", "half \ud83d pair"));
    byte[] bytes = WireJson.assetRequestBytes(asset);
    assertEquals(
        "{\"assetId\":\"urn:aaid:aem:0002\",\"eventData\":{\"assetMetadata\":"
            + "{\"k\":\"half \\uD83D pair\"}}}",
        new String(bytes, StandardCharsets.US_ASCII));
    assertEquals(
        "half \ud83d pair",
        StrictJson.read(bytes, "request")
            .get("eventData")
            .get("assetMetadata")
            .get("k")
            .textValue());
  }

  @Test
  void aLoneSurrogateInAFieldNameIsEscaped() {
    Asset asset = Asset.of("urn:aaid:aem:0003", Map.of("k\udc00", "v"));
    assertEquals(
        "{\"assetId\":\"urn:aaid:aem:0003\",\"eventData\":{\"assetMetadata\":"
            + "{\"k\\uDC00\":\"v\"}}}",
        new String(WireJson.assetRequestBytes(asset), StandardCharsets.US_ASCII));
  }
}
