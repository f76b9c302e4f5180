package dev.ares.matching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ProductMatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one reader of asset → product answers gives what the tree reader it replaced gave: the same
 * result, or the same problems by path, or the same refusal of JSON that is not strict. The
 * replaced tree reader is kept here, verbatim, as the oracle.
 */
class AssetToProductOneReaderTest {

  private static final String ID = "urn:aaid:aem:fallback";

  /** What the one reader makes of {@code json}: a result, or its problems by path. */
  private static String read(String json) {
    try {
      return "result "
          + WireJson.readAssetToProduct(
              json.getBytes(StandardCharsets.UTF_8), ID, "response", false);
    } catch (WireJson.NotJson e) {
      return "not JSON " + e.refusal().violations();
    } catch (AresValidationException e) {
      return "malformed " + e.violations();
    }
  }

  /** What the replaced tree reader made of {@code json}. */
  private static String oracleRead(String json) {
    JsonNode node;
    try {
      node = WireJson.parse(json, "response");
    } catch (AresValidationException e) {
      return "not JSON " + e.violations();
    }
    try {
      return "result " + oracle(node, ID, "response");
    } catch (AresValidationException e) {
      return "malformed " + e.violations();
    }
  }

  @Test
  void agreesWithTheReplacedTreeReaderOnRandomAnswers() {
    int results = 0;
    int malformed = 0;
    for (long seed = 0; seed < 20_000; seed++) {
      String json = randomAnswer(new SplittableRandom(seed));
      String expected = oracleRead(json);
      assertEquals(expected, read(json), json);
      results += expected.startsWith("result") ? 1 : 0;
      malformed += expected.startsWith("malformed") ? 1 : 0;
    }
    assertTrue(
        results > 2_000 && malformed > 2_000, results + " results, " + malformed + " malformed");
  }

  @Test
  void agreesOnTheUnusualAnswersTheFastPathUsedToLeaveToTheTree() {
    for (String json :
        List.of(
            "{\"statusCode\":200,\"body\":{\"asset_id\":\"a\"}}",
            "{\"asset_id\":null}",
            "{\"asset_id\":\" \"}",
            "{\"asset_id\":\"a\",\"asset_id\":\"b\"}",
            "{\"product_matches\":[],\"product_matches\":[{\"product_sku\":\"s\"}]}",
            "{\"skip\":\"yes\"}",
            "{\"product_matches\":null}",
            "{\"product_matches\":[1]}",
            "{\"product_matches\":[{\"asset_roles\":[]}]}",
            "{\"product_matches\":[{\"product_sku\":\"s\",\"asset_position\":-1}]}",
            "{\"product_matches\":[{\"product_sku\":\"s\",\"asset_position\":3000000000}]}",
            "{\"product_matches\":[{\"product_sku\":\"s\",\"asset_roles\":[\"a\",2,{\"b\":1}]}]}",
            "{\"warnings\":[\"w\",3,1.50,1e2,{\"a\":[1]},null,false]}",
            "{\"asset_id\":\"a\"} trailing",
            "[]",
            "[1,2",
            "",
            "  ",
            "{\"asset_id\":",
            "{\"asset_id\":\"a\"}{\"asset_id\":\"b\"}",
            "{\"asset_id\":\"a\"}}}",
            "{\"asset_id\":\"a\",\"x\":{\"y\":[{\"z\":1,\"z\":1}]}}",
            "{\"asset_id\":\"a\",\"x\":{\"y\":[-1E400]}}",
            "{\"skip\":1e999}",
            "{\"asset_id\":\"a\",\"x\":1" + "0".repeat(400) + "}",
            "{\"asset_id\":NaN}",
            "{\"product_matches\":[{\"product_sku\":\"s\",\"asset_position\":1e999}]}")) {
      assertEquals(oracleRead(json), read(json), json);
    }
  }

  @Test
  void leavesAPossibleEnvelopeOrANonObjectToTheCallerWhenAsked() {
    for (String json :
        List.of("{\"statusCode\":200,\"body\":\"{}\"}", "{\"body\":{}}", "[]", "\"x\"")) {
      assertNull(
          WireJson.readAssetToProduct(json.getBytes(StandardCharsets.UTF_8), ID, "response", true),
          json);
    }
  }

  // The replaced tree reader, verbatim.

  static AssetToProductResult oracle(JsonNode node, String fallbackAssetId, String path) {
    List<FieldViolation> violations = new ArrayList<>();
    AssetToProductResult.Builder b = AssetToProductResult.builder();
    if (!node.isObject()) {
      throw WireJson.invalid(path, "must be a JSON object");
    }
    String id = text(node, "asset_id", path, violations, fallbackAssetId);
    b.assetId(id == null ? "" : id);
    b.skip(bool(node, "skip", path, violations));
    JsonNode matches = node.get("product_matches");
    if (matches != null && !matches.isNull()) {
      if (!matches.isArray()) {
        violations.add(FieldViolation.of(path + ".product_matches", "must be an array"));
      } else {
        for (int i = 0; i < matches.size(); i++) {
          String p = path + ".product_matches[" + i + "]";
          JsonNode m = matches.get(i);
          if (!m.isObject()) {
            violations.add(FieldViolation.of(p, "must be a JSON object"));
            continue;
          }
          ProductMatch.Builder pm = ProductMatch.builder();
          String sku = text(m, "product_sku", p, violations, null);
          pm.productSku(sku == null ? "" : sku);
          pm.assetRoles(roles(m, p, violations));
          Integer position = position(m, p, violations);
          if (position != null) {
            pm.assetPosition(position);
          }
          b.addProductMatches(pm.build());
        }
      }
    }
    JsonNode warnings = node.get("warnings");
    if (warnings != null && warnings.isArray()) {
      warnings.forEach(w -> b.addWarnings(w.asText()));
    }
    if (!violations.isEmpty()) {
      throw new AresValidationException(violations);
    }
    return b.build();
  }

  private static String text(
      JsonNode node, String field, String path, List<FieldViolation> v, String fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        v.add(FieldViolation.of(path + "." + field, "is required"));
      }
      return fallback;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      v.add(FieldViolation.of(path + "." + field, "must be a non-blank string"));
      return null;
    }
    return value.textValue().trim();
  }

  private static boolean bool(JsonNode node, String field, String path, List<FieldViolation> v) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      v.add(FieldViolation.of(path + "." + field, "must be true or false"));
      return false;
    }
    return value.booleanValue();
  }

  private static List<String> roles(JsonNode m, String path, List<FieldViolation> v) {
    JsonNode value = m.get("asset_roles");
    List<String> roles = new ArrayList<>();
    if (value == null || value.isNull()) {
      return roles;
    }
    if (!value.isArray()) {
      v.add(FieldViolation.of(path + ".asset_roles", "must be an array of strings"));
      return roles;
    }
    for (JsonNode r : value) {
      if (!r.isTextual()) {
        v.add(FieldViolation.of(path + ".asset_roles", "must be an array of strings"));
        return roles;
      }
      roles.add(r.textValue());
    }
    return roles;
  }

  private static Integer position(JsonNode m, String path, List<FieldViolation> v) {
    JsonNode value = m.get("asset_position");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
      v.add(FieldViolation.of(path + ".asset_position", "must be a whole number, 0 or more"));
      return null;
    }
    return value.intValue();
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
      fields.add(
          "\"product_matches\":"
              + (r.nextInt(20) == 0 ? "null" : "[" + String.join(",", matches) + "]"));
    }
    if (r.nextInt(4) == 0) {
      fields.add(
          "\"warnings\":" + pick(r, "[\"w\"]", "[]", "[\"a\",\"b\"]", "[1]", "null", "\"w\""));
    }
    if (r.nextInt(5) == 0) {
      fields.add(
          pick(
              r,
              "\"extra\":{\"a\":[1,{\"b\":2}]}",
              "\"statusCode\":200",
              "\"body\":{}",
              "\"asset_id\":\"again\"",
              "\"x\":null",
              "\"x\":1,\"x\":2",
              "\"n\":1e999",
              "\"extra\":{\"d\":1,\"d\":[1.5e400]}",
              "\"extra\":{\"d\":1,\"e\":[1.5e300]}",
              "\"warnings\":[1.50,-0,7,true,null,{\"a\":1},[2]]"));
    }
    java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
    return "{"
        + String.join(",", fields)
        + "}"
        + (r.nextInt(30) == 0 ? pick(r, " x", "}}", "{}", "]") : "");
  }

  private static String match(SplittableRandom r) {
    List<String> fields = new ArrayList<>();
    if (r.nextInt(8) > 0) {
      fields.add("\"product_sku\":" + text(r));
    }
    if (r.nextInt(3) > 0) {
      fields.add(
          "\"asset_roles\":"
              + pick(
                  r,
                  "[\"image\"]",
                  "[]",
                  "[\"image\",\" Thumb \"]",
                  "[\"image\",2]",
                  "null",
                  "\"image\"",
                  "[\"\"]"));
    }
    if (r.nextInt(3) > 0) {
      fields.add(
          "\"asset_position\":" + pick(r, "0", "7", "-1", "1.5", "3000000000", "null", "\"2\""));
    }
    if (r.nextInt(6) == 0) {
      fields.add(
          pick(
              r,
              "\"product_sku\":\"dup\"",
              "\"other\":[1,2]",
              "\"asset_format\":\"image\"",
              "\"o\":1,\"o\":{}",
              "\"o\":-1e999",
              "\"o\":{\"p\":null,\"p\":1}"));
    }
    java.util.Collections.shuffle(fields, new java.util.Random(r.nextLong()));
    return "{" + String.join(",", fields) + "}";
  }

  private static String text(SplittableRandom r) {
    return pick(
        r, "\"a-1\"", "\" padded \"", "\"\"", "\"  \"", "null", "42", "\"\\u00fc-\\ud83d\\ude42\"");
  }

  private static String pick(SplittableRandom r, String... options) {
    return options[r.nextInt(options.length)];
  }
}
