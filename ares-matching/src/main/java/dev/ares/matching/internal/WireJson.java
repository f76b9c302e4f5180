package dev.ares.matching.internal;

import dev.ares.core.internal.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.json.StrictJson;
import dev.ares.client.internal.json.TenantInputCodec;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetFormat;
import dev.ares.matching.AssetMatch;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ProductMatch;
import dev.ares.matching.ProductToAssetResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The external matcher's wire form: requests, results and assets as JSON trees. Readers collect
 * every problem by path; values are never quoted in problems.
 *
 * <p>Internal: not part of the public API.
 */
public final class WireJson {

  private WireJson() {}

  /**
   * Parses JSON text as {@link StrictJson} does (one value, no key twice, no number out of range),
   * or throws naming {@code what}, the path and the position.
   */
  public static JsonNode parse(String json, String what) {
    return present(StrictJson.read(json, what), what);
  }

  /**
   * Like {@link #parse(String, String)}, from UTF-8 bytes, with {@link StrictJson#read(byte[],
   * String)}'s caveat about malformed UTF-8.
   */
  public static JsonNode parse(byte[] json, String what) {
    return present(StrictJson.read(json, what), what);
  }

  private static JsonNode present(JsonNode node, String what) {
    if (node.isMissingNode()) {
      throw invalid(what, "is empty");
    }
    return node;
  }

  /**
   * {@code {"assetId": …, "eventData": {"assetMetadata": {…}}}} as UTF-8 bytes, written straight
   * from the asset by a byte generator: a Jackson tree, then a map serializer and a detour through
   * text were most of the client's cost of a call.
   */
  public static byte[] assetRequestBytes(Asset asset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    // Jackson's byte generator escapes characters beyond the BMP as surrogate pairs
    // (\uD83D\uDE42), where the text route wrote their UTF-8 bytes: the same JSON string. Writing
    // them raw needs COMBINE_UNICODE_SURROGATES_IN_UTF8, which is reliable only from Jackson 2.21,
    // and applications often pin an older Jackson.
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField("assetId", asset.assetId());
      g.writeObjectFieldStart("eventData");
      g.writeFieldName("assetMetadata");
      writeValue(g, asset.metadata());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) { // in-memory output: not expected
      throw new IllegalStateException("asset metadata could not be written as JSON", e);
    }
    return out.toByteArray();
  }

  /** A JSON-like value ({@link Asset} guarantees the kinds) as Jackson's serializers write it. */
  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value instanceof String) {
      g.writeString((String) value);
    } else if (value instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        g.writeFieldName((String) e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      g.writeStartArray();
      for (int i = 0; i < list.size(); i++) {
        writeValue(g, list.get(i));
      }
      g.writeEndArray();
    } else if (value instanceof Integer || value instanceof Long) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean) {
      g.writeBoolean((Boolean) value);
    } else {
      Json.write(g, value); // other numbers: exactly as Jackson's own serializer writes them
    }
  }

  /** {@code {"error": message}}: how the matcher handler and the fake IMS refuse a request. */
  public static ObjectNode error(String message) {
    ObjectNode o = Json.object();
    o.put("error", message);
    return o;
  }

  /** {@code {"productSku": …, "eventData": {}}}. */
  public static ObjectNode productRequest(String productSku) {
    ObjectNode body = Json.object();
    body.put("productSku", productSku);
    body.putObject("eventData");
    return body;
  }

  /** The asset → product result in wire form. */
  public static ObjectNode toJson(AssetToProductResult result) {
    ObjectNode o = Json.object();
    o.put("asset_id", result.assetId());
    ArrayNode matches = o.putArray("product_matches");
    for (ProductMatch p : result.productMatches()) {
      ObjectNode m = matches.addObject();
      m.put("product_sku", p.productSku());
      roles(m, p.assetRoles());
      p.assetPosition().ifPresent(pos -> m.put("asset_position", pos));
    }
    o.put("skip", result.skip());
    if (!result.warnings().isEmpty()) {
      ArrayNode w = o.putArray("warnings");
      result.warnings().forEach(w::add);
    }
    return o;
  }

  /** The product → asset result in wire form. */
  public static ObjectNode toJson(ProductToAssetResult result) {
    ObjectNode o = Json.object();
    o.put("product_sku", result.productSku());
    ArrayNode matches = o.putArray("asset_matches");
    for (AssetMatch a : result.assetMatches()) {
      ObjectNode m = matches.addObject();
      m.put("asset_id", a.assetId());
      roles(m, a.assetRoles());
      m.put("asset_format", a.assetFormat().wireName());
      a.assetPosition().ifPresent(pos -> m.put("asset_position", pos));
    }
    o.put("skip", result.skip());
    return o;
  }

  /**
   * Reads an asset → product result; {@code fallbackAssetId} stands in for a missing {@code
   * asset_id} when not {@code null}. Unknown fields are ignored: matchers may add their own.
   */
  public static AssetToProductResult readAssetToProduct(JsonNode node, String fallbackAssetId, String path) {
    List<FieldViolation> violations = new ArrayList<>();
    AssetToProductResult.Builder b = AssetToProductResult.builder();
    if (!node.isObject()) {
      throw invalid(path, "must be a JSON object");
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

  /**
   * Reads an asset → product answer in its common shape straight from its bytes, without a tree:
   * a bare object whose known fields appear once with the expected types and valid values. Returns
   * {@code null} for anything else (App Builder's wrapper, a null, a wrong type, a blank id, a
   * duplicate key at any depth, a number out of range, trailing text…): the caller then reads the
   * tree from {@link #parse(byte[], String)} with {@link #readAssetToProduct}, which gives the same
   * result where this one gives any, and names the problems where this one gives none.
   */
  public static AssetToProductResult readAssetToProductFast(byte[] json, String fallbackAssetId) {
    try (JsonParser p = Json.parser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      AssetToProductResult.Builder b = AssetToProductResult.builder();
      String id = fallbackAssetId;
      // A repeated key goes to the tree, which refuses it. Known keys are tracked by flags, other
      // keys by a set made only when there are any: Jackson's duplicate detection would allocate a
      // set for every object of 3+ fields.
      Set<String> otherKeys = null;
      boolean seenId = false;
      boolean seenSkip = false;
      boolean seenMatches = false;
      boolean seenWarnings = false;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "asset_id":
            if (seenId || (id = nonBlankText(p, value)) == null) {
              return null;
            }
            seenId = true;
            break;
          case "skip":
            if (seenSkip || (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE)) {
              return null;
            }
            seenSkip = true;
            b.skip(value == JsonToken.VALUE_TRUE);
            break;
          case "product_matches":
            if (seenMatches || value != JsonToken.START_ARRAY) {
              return null;
            }
            seenMatches = true;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
              ProductMatch match = productMatchFast(p);
              if (match == null) {
                return null;
              }
              b.addProductMatches(match);
            }
            if (t != JsonToken.END_ARRAY) {
              return null;
            }
            break;
          case "warnings":
            if (seenWarnings || !readStrings(p, value, b::addWarnings)) {
              return null;
            }
            seenWarnings = true;
            break;
          case "statusCode":
          case "body":
            return null; // perhaps App Builder's wrapper: the tree reader decides
          default: // matchers may add fields of their own
            if ((otherKeys = addNew(otherKeys, field)) == null) {
              return null;
            }
            skipValue(p, value);
        }
      }
      if (t != JsonToken.END_OBJECT || id == null || p.nextToken() != null) {
        return null;
      }
      return b.assetId(id).build();
    } catch (IOException | RuntimeException e) {
      return null; // malformed: the tree reader reports it
    }
  }

  /** One {@code product_matches} element, the parser on its START_OBJECT; null unless clean. */
  private static ProductMatch productMatchFast(JsonParser p) throws IOException {
    ProductMatch.Builder m = ProductMatch.builder();
    String sku = null;
    boolean seenRoles = false;
    boolean seenPosition = false;
    Set<String> otherKeys = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "product_sku":
          if (sku != null || (sku = nonBlankText(p, value)) == null) {
            return null;
          }
          break;
        case "asset_roles":
          if (seenRoles || !readStrings(p, value, m::addAssetRoles)) {
            return null;
          }
          seenRoles = true;
          break;
        case "asset_position":
          if (seenPosition || value != JsonToken.VALUE_NUMBER_INT
              || p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0) {
            return null;
          }
          seenPosition = true;
          m.assetPosition(p.getIntValue());
          break;
        default:
          if ((otherKeys = addNew(otherKeys, field)) == null) {
            return null;
          }
          skipValue(p, value);
      }
    }
    return t == JsonToken.END_OBJECT && sku != null ? m.productSku(sku).build() : null;
  }

  /** An array of strings, each given to {@code into}; false when the value is anything else. */
  private static boolean readStrings(JsonParser p, JsonToken value, Consumer<String> into)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      return false;
    }
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
      into.accept(p.getText());
    }
    return t == JsonToken.END_ARRAY;
  }

  /**
   * {@code keys} (made when null) with {@code key} added, or null when it was there already.
   */
  private static Set<String> addNew(Set<String> keys, String key) {
    Set<String> set = keys == null ? new HashSet<>() : keys;
    return set.add(key) ? set : null;
  }

  /**
   * Skips a value the way the tree reader would read it: its strings are decoded (Jackson's own
   * skip does not check their UTF-8 or length), and a key given twice or a number out of range
   * fails, as an answer the tree reader refuses must not be read here. The depth is bounded by
   * Jackson's nesting limit.
   */
  private static void skipValue(JsonParser p, JsonToken value) throws IOException {
    switch (value) {
      case VALUE_STRING:
        p.getText();
        break;
      case VALUE_NUMBER_FLOAT:
        requireFinite(p);
        break;
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          requireFinite(p);
        }
        break;
      case START_ARRAY:
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t == null) {
            throw new IOException("the answer ends inside an array");
          }
          skipValue(p, t);
        }
        break;
      case START_OBJECT:
        Set<String> keys = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          if ((keys = addNew(keys, p.currentName())) == null) {
            throw new IOException("a key is given twice");
          }
          skipValue(p, p.nextToken());
        }
        if (t != JsonToken.END_OBJECT) {
          throw new IOException("the answer ends inside an object");
        }
        break;
      default: // true, false, null
    }
  }

  private static void requireFinite(JsonParser p) throws IOException {
    if (!Double.isFinite(p.getDoubleValue())) {
      throw new IOException("a number is out of range");
    }
  }

  /** The trimmed text of a string value that is not blank, else null. */
  private static String nonBlankText(JsonParser p, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      return null;
    }
    String text = p.getText();
    return text.isBlank() ? null : text.trim();
  }

  /** Reads a product → asset result, like {@link #readAssetToProduct}. */
  public static ProductToAssetResult readProductToAsset(JsonNode node, String fallbackSku, String path) {
    List<FieldViolation> violations = new ArrayList<>();
    if (!node.isObject()) {
      throw invalid(path, "must be a JSON object");
    }
    ProductToAssetResult.Builder b = ProductToAssetResult.builder();
    String sku = text(node, "product_sku", path, violations, fallbackSku);
    b.productSku(sku == null ? "" : sku);
    b.skip(bool(node, "skip", path, violations));
    JsonNode matches = node.get("asset_matches");
    if (matches != null && !matches.isNull()) {
      if (!matches.isArray()) {
        violations.add(FieldViolation.of(path + ".asset_matches", "must be an array"));
      } else {
        for (int i = 0; i < matches.size(); i++) {
          String p = path + ".asset_matches[" + i + "]";
          JsonNode m = matches.get(i);
          if (!m.isObject()) {
            violations.add(FieldViolation.of(p, "must be a JSON object"));
            continue;
          }
          AssetMatch.Builder am = AssetMatch.builder();
          String id = text(m, "asset_id", p, violations, null);
          am.assetId(id == null ? "" : id);
          am.assetRoles(roles(m, p, violations));
          JsonNode format = m.get("asset_format");
          if (format != null && !format.isNull()) {
            try {
              am.assetFormat(AssetFormat.fromWireName(format.asText()));
            } catch (IllegalArgumentException e) {
              violations.add(FieldViolation.of(p + ".asset_format", "must be image or video"));
            }
          }
          Integer position = position(m, p, violations);
          if (position != null) {
            am.assetPosition(position);
          }
          b.addAssetMatches(am.build());
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new AresValidationException(violations);
    }
    return b.build();
  }

  /** Reads one asset object {@code {"assetId", "metadata"}}. */
  public static Asset readAsset(JsonNode node, String path) {
    List<FieldViolation> violations = new ArrayList<>();
    if (!node.isObject()) {
      throw invalid(path, "must be a JSON object");
    }
    String id = text(node, "assetId", path, violations, null);
    JsonNode metadata = node.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      violations.add(FieldViolation.of(path + ".metadata", "must be a JSON object"));
    }
    node.fieldNames().forEachRemaining(name -> {
      if (!name.equals("assetId") && !name.equals("metadata")) {
        violations.add(FieldViolation.of(path + "." + name, "is not a known field"));
      }
    });
    if (!violations.isEmpty()) {
      throw new AresValidationException(violations);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map =
        metadata == null || metadata.isNull() ? Map.of() : Json.toMap(metadata);
    return Asset.of(id, map);
  }

  /** A validation error for one path. */
  public static AresValidationException invalid(String path, String message) {
    return new AresValidationException(List.of(FieldViolation.of(path, message)));
  }

  private static void roles(ObjectNode m, List<String> roles) {
    ArrayNode r = m.putArray("asset_roles");
    roles.forEach(r::add);
  }

  private static String text(JsonNode node, String field, String path, List<FieldViolation> v, String fallback) {
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
}
