package dev.ares.matching.internal;

import dev.ares.core.internal.json.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matching.Asset;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.MatchBySku;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader of asset → product answers never disagrees with the tree reader: where it
 * gives a result, the tree reader gives the same one; everything else it leaves to the tree.
 */
class WireJsonFastReadTest {

  private static final String ID = "urn:aaid:aem:fallback";

  /** The tree reader's result, or null where it refuses the answer. */
  private static AssetToProductResult treeRead(String json) {
    try {
      return WireJson.readAssetToProduct(WireJson.parse(json, "response"), ID, "response");
    } catch (Exception e) {
      return null;
    }
  }

  private static AssetToProductResult fastRead(String json) {
    return WireJson.readAssetToProductFast(json.getBytes(StandardCharsets.UTF_8), ID);
  }

  @Test
  void readsWhatTheMatcherServerWrites() {
    Asset asset = Asset.of("urn:aaid:aem:1", Map.of("commerce:isCommerce", "yes",
        "dam:status", "approved", "commerce:skus", List.of("sku-1", " sku-2 ", "sku-1"),
        "commerce:roles", List.of("image;Thumbnail", "swatch_image", "small_image"),
        "commerce:positions", List.of(3, 1, 0)));
    AssetToProductResult result = MatchBySku.commerceSkus().matchAsset(asset);
    String json = WireJson.toJson(result).toString();
    assertEquals(result, fastRead(json));
    AssetToProductResult skipped = AssetToProductResult.skipped("urn:aaid:aem:2", "not approved");
    assertEquals(skipped, fastRead(WireJson.toJson(skipped).toString()));
  }

  @Test
  void leavesEveryUnusualAnswerToTheTreeReader() {
    for (String json : List.of(
        "{\"statusCode\":200,\"body\":{\"asset_id\":\"a\"}}",
        "{\"asset_id\":null}", "{\"asset_id\":\" \"}", "{\"asset_id\":\"a\",\"asset_id\":\"b\"}",
        "{\"product_matches\":[],\"product_matches\":[{\"product_sku\":\"s\"}]}",
        "{\"product_matches\":[{\"product_sku\":\"s\",\"asset_roles\":[],\"asset_roles\":[\"a\"]}]}",
        "{\"skip\":\"yes\"}", "{\"product_matches\":null}", "{\"product_matches\":[1]}",
        "{\"product_matches\":[{\"asset_roles\":[]}]}",
        "{\"product_matches\":[{\"product_sku\":\"s\",\"asset_position\":-1}]}",
        "{\"product_matches\":[{\"product_sku\":\"s\",\"asset_position\":1.0}]}",
        "{\"product_matches\":[{\"product_sku\":\"s\",\"asset_position\":3000000000}]}",
        "{\"product_matches\":[{\"product_sku\":\"s\",\"asset_roles\":[\"a\",2]}]}",
        "{\"warnings\":[\"w\",3]}", "{\"asset_id\":\"a\"} trailing", "[]", "", "{\"asset_id\":",
        "{\"asset_id\":\"a\"}{\"asset_id\":\"b\"}", "{\"asset_id\":\"a\"}}}", "{\"asset_id\":\"a\"}]",
        "{\"asset_id\":\"a\",\"x\":1,\"x\":2}", "{\"asset_id\":\"a\",\"x\":{\"y\":[{\"z\":1,\"z\":1}]}}",
        "{\"asset_id\":\"a\",\"product_matches\":[{\"product_sku\":\"s\",\"o\":1,\"o\":1}]}",
        "{\"asset_id\":\"a\",\"x\":1e999}", "{\"asset_id\":\"a\",\"x\":{\"y\":[-1E400]}}",
        "{\"asset_id\":\"a\",\"x\":1" + "0".repeat(400) + "}")) {
      assertNull(fastRead(json), json);
    }
  }

  @Test
  void refusesBadUtf8EvenInFieldsItDoesNotRead() {
    byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80}; // U+D800 as UTF-8: not allowed
    for (String template : List.of("{\"asset_id\":\"a\",\"x\":\"#\"}",
        "{\"asset_id\":\"a\",\"x\":[{\"y\":\"#\"}]}",
        "{\"asset_id\":\"a\",\"product_matches\":[{\"product_sku\":\"s\",\"x\":\"#\"}]}")) {
      int at = template.indexOf('#');
      byte[] prefix = template.substring(0, at).getBytes(StandardCharsets.UTF_8);
      byte[] suffix = template.substring(at + 1).getBytes(StandardCharsets.UTF_8);
      byte[] json = new byte[prefix.length + surrogate.length + suffix.length];
      System.arraycopy(prefix, 0, json, 0, prefix.length);
      System.arraycopy(surrogate, 0, json, prefix.length, surrogate.length);
      System.arraycopy(suffix, 0, json, prefix.length + surrogate.length, suffix.length);
      assertThrows(Exception.class, () -> Json.readTree(json), template);
      assertNull(WireJson.readAssetToProductFast(json, ID), template);
    }
  }

  @Test
  void agreesWithTheTreeReaderOnRandomAnswers() {
    int read = 0;
    for (long seed = 0; seed < 20_000; seed++) {
      String json = randomAnswer(new SplittableRandom(seed));
      AssetToProductResult fast = fastRead(json);
      if (fast != null) {
        read++;
        assertEquals(treeRead(json), fast, json);
      }
    }
    // The generator mostly writes clean answers: the fast path must have taken a good share.
    assertTrue(read > 2_000, "fast path read only " + read + " answers");
  }

  private static String randomAnswer(SplittableRandom r) {
    List<String> fields = new ArrayList<>();
    if (r.nextInt(4) > 0) {
      fields.add("\"asset_id\":" + text(r));
    }
    if (r.nextInt(3) > 0) {
      fields.add("\"skip\":" + pick(r, "true", "false", "false", "\"true\"", "null", "1"));
    }
    if (r.nextInt(4) > 0) {
      List<String> matches = new ArrayList<>();
      for (int i = r.nextInt(4); i > 0; i--) {
        matches.add(r.nextInt(20) == 0 ? pick(r, "1", "null", "\"s\"") : match(r));
      }
      fields.add("\"product_matches\":" + (r.nextInt(20) == 0 ? "null" : "[" + String.join(",", matches) + "]"));
    }
    if (r.nextInt(4) == 0) {
      fields.add("\"warnings\":" + pick(r, "[\"w\"]", "[]", "[\"a\",\"b\"]", "[1]", "null", "\"w\""));
    }
    if (r.nextInt(5) == 0) {
      fields.add(pick(r, "\"extra\":{\"a\":[1,{\"b\":2}]}", "\"statusCode\":200", "\"body\":{}",
          "\"asset_id\":\"again\"", "\"x\":null", "\"x\":1,\"x\":2", "\"n\":1e999",
          "\"extra\":{\"d\":1,\"d\":[1.5e400]}", "\"extra\":{\"d\":1,\"e\":[1.5e300]}"));
    }
    java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
    return "{" + String.join(",", fields) + "}" + (r.nextInt(30) == 0 ? pick(r, " x", "}}", "{}", "]") : "");
  }

  private static String match(SplittableRandom r) {
    List<String> fields = new ArrayList<>();
    if (r.nextInt(8) > 0) {
      fields.add("\"product_sku\":" + text(r));
    }
    if (r.nextInt(3) > 0) {
      fields.add("\"asset_roles\":" + pick(r, "[\"image\"]", "[]", "[\"image\",\" Thumb \"]",
          "[\"image\",2]", "null", "\"image\"", "[\"\"]"));
    }
    if (r.nextInt(3) > 0) {
      fields.add("\"asset_position\":" + pick(r, "0", "7", "-1", "1.5", "3000000000", "null", "\"2\""));
    }
    if (r.nextInt(6) == 0) {
      fields.add(pick(r, "\"product_sku\":\"dup\"", "\"other\":[1,2]", "\"asset_format\":\"image\"",
          "\"o\":1,\"o\":{}", "\"o\":-1e999", "\"o\":{\"p\":null,\"p\":1}"));
    }
    java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
    return "{" + String.join(",", fields) + "}";
  }

  private static String text(SplittableRandom r) {
    return pick(r, "\"a-1\"", "\" padded \"", "\"\"", "\"  \"", "null", "42", "\"\\u00fc-\\ud83d\\ude42\"");
  }

  private static String pick(SplittableRandom r, String... options) {
    return options[r.nextInt(options.length)];
  }
}
