package dev.ares.matching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ares.matching.AssetToProductResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader reads the common answers itself, including the fields a matcher adds of its
 * own at any depth, and gives exactly the tree reader's result; what it leaves (null) the tree
 * reader decides.
 */
class WireJsonFastReadAcceptsTest {

  private static final String ID = "urn:aaid:aem:fallback";

  private static AssetToProductResult tree(String json) {
    return WireJson.readAssetToProduct(WireJson.parse(json, "response"), ID, "response");
  }

  private static AssetToProductResult fast(String json) {
    return WireJson.readAssetToProductFast(json.getBytes(StandardCharsets.UTF_8), ID);
  }

  private static void readsLikeTheTree(String json) {
    AssetToProductResult fast = fast(json);
    assertNotNull(fast, () -> "the fast reader left a common answer to the tree: " + json);
    assertEquals(tree(json), fast, json);
  }

  @Test
  void readsAnswersWithFieldsOfTheMatchersOwn() {
    readsLikeTheTree("{\"asset_id\":\"a\",\"model\":\"v2\",\"product_matches\":[]}");
    readsLikeTheTree("{\"asset_id\":\"a\",\"model\":\"v2\",\"score\":0.5,\"took_ms\":3,\"skip\":false}");
    readsLikeTheTree("{\"asset_id\":\"a\",\"product_matches\":[{\"product_sku\":\"p1\",\"score\":0.9,"
        + "\"source\":\"ml\",\"asset_roles\":[\"image\"],\"asset_position\":2}]}");
  }

  @Test
  void readsOwnFieldsHoldingArraysAndObjects() {
    readsLikeTheTree("{\"asset_id\":\"a\",\"debug\":[1,\"x\",[2,[]],{\"k\":true,\"j\":null},-1.5e3],"
        + "\"product_matches\":[{\"product_sku\":\"p\"}]}");
    readsLikeTheTree("{\"trace\":{\"a\":{\"b\":[1,2]},\"c\":\"d\",\"e\":{}},\"asset_id\":\"a\",\"skip\":true}");
    readsLikeTheTree("{\"asset_id\":\"a\",\"product_matches\":[{\"product_sku\":\"p\",\"meta\":{\"x\":1,\"y\":[{}]}}]}");
  }

  @Test
  void readsWarnings() {
    readsLikeTheTree("{\"asset_id\":\"a\",\"warnings\":[\"w1\",\"w2\"]}");
    readsLikeTheTree("{\"asset_id\":\"a\",\"warnings\":[]}");
  }

  @Test
  void leavesToTheTreeWhatItCannotReadWhole() {
    // A warning that is not a string: the tree reader reads it as text, the fast one leaves it.
    assertNull(fast("{\"asset_id\":\"a\",\"warnings\":[\"w\",1]}"));
    assertNull(fast("{\"asset_id\":\"a\",\"product_matches\":[{\"product_sku\":\"p\",\"asset_roles\":[\"r\",2]}]}"));
    // A key given twice in a field of the matcher's own, or the field itself twice.
    assertNull(fast("{\"asset_id\":\"a\",\"x\":{\"k\":1,\"k\":2}}"));
    assertNull(fast("{\"asset_id\":\"a\",\"x\":1,\"x\":2}"));
    assertNull(fast("{\"asset_id\":\"a\",\"product_matches\":[{\"product_sku\":\"p\",\"x\":1,\"x\":1}]}"));
    assertNull(fast("{\"asset_id\":\"a\",\"x\":[1,2"));
    assertNull(fast("{\"asset_id\":\"a\",\"x\":{\"k\":1"));
  }
}
