package dev.ares.matching.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.matching.Asset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streamed asset request is byte for byte the tree's, for every kind of metadata value. */
class WireJsonRequestTest {

  /** How the request was built before: a Jackson tree of the whole body. */
  private static ObjectNode treeRequest(Asset asset) {
    ObjectNode body = WireJson.MAPPER.createObjectNode();
    body.put("assetId", asset.assetId());
    body.putObject("eventData").set("assetMetadata", WireJson.MAPPER.valueToTree(asset.metadata()));
    return body;
  }

  @Test
  void streamedRequestEqualsTheTreeRequest() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("commerce:isCommerce", "yes");
    metadata.put("commerce:skus", List.of("sku-7", "sku \"8\"", "ümlaut-漢字-🙂"));
    metadata.put("commerce:roles", List.of("thumbnail;image", ""));
    metadata.put("commerce:positions", List.of(4, 2.5, -1));
    metadata.put("dam:status", "approved");
    metadata.put("flag", true);
    metadata.put("nested", Map.of("a", List.of(1, 2)));
    metadata.put("nothing", null);
    metadata.put("escapes", "tab\there\nnew \\ slash / \u0001");
    Asset asset = Asset.of("urn:aaid:aem:0001", metadata);
    assertArrayEquals(
        treeRequest(asset).toString().getBytes(StandardCharsets.UTF_8),
        WireJson.assetRequestBytes(asset));
  }
}
