package dev.ares.matching.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.json.Json;
import dev.ares.core.internal.json.StrictJson;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetFormat;
import dev.ares.matching.AssetMatch;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ProductMatch;
import dev.ares.matching.ProductToAssetResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
   * from the asset by a byte generator, with no tree or text in between.
   */
  public static byte[] assetRequestBytes(Asset asset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    // Jackson's byte generator escapes characters beyond the BMP as surrogate pairs
    // (\uD83D\uDE42), which is the same JSON string as their raw UTF-8 bytes. Writing
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
    if (value instanceof String text) {
      g.writeString(text);
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (int i = 0; i < list.size(); i++) {
        writeValue(g, list.get(i));
      }
      g.writeEndArray();
    } else if (value instanceof Integer || value instanceof Long) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
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
   * The one reader of an asset → product result, from the answer's bytes: every problem of shape is
   * reported by path under {@code path}; unknown fields are skipped (matchers may add their own),
   * and {@code fallbackAssetId} stands in for a missing {@code asset_id} when not {@code null}.
   *
   * @return the result, or {@code null} when {@code envelope} is set and the answer may be App
   *     Builder's {@code {"statusCode": …, "body": …}} or is no object: the caller unwraps the tree
   *     and reads the object inside with {@link #readAssetToProduct(JsonNode, String, String)}
   * @throws NotJson when the bytes are not one strict JSON value
   * @throws AresValidationException when the value is not the result's shape
   */
  public static AssetToProductResult readAssetToProduct(
      byte[] json, String fallbackAssetId, String path, boolean envelope) {
    try (JsonParser p = Json.parser(json)) {
      return readAssetToProduct(p, fallbackAssetId, path, envelope);
    } catch (IOException e) { // closing an in-memory parser: not expected
      throw new NotJson(StrictJson.refusal(null, path, e));
    }
  }

  /** The same reader over a tree already read, such as the object inside App Builder's envelope. */
  public static AssetToProductResult readAssetToProduct(
      JsonNode node, String fallbackAssetId, String path) {
    try (JsonParser p = node.traverse()) {
      return readAssetToProduct(p, fallbackAssetId, path, false);
    } catch (IOException e) {
      throw new NotJson(StrictJson.refusal(null, path, e));
    }
  }

  private static AssetToProductResult readAssetToProduct(
      JsonParser p, String fallbackAssetId, String path, boolean envelope) {
    AssetToProductReading reading = new AssetToProductReading(p, path);
    AssetToProductResult result;
    try {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new NotJson(invalid(path, "is empty"));
      }
      if (first != JsonToken.START_OBJECT) {
        if (envelope) {
          return null;
        }
        reading.skip(first);
        result = null;
      } else {
        result = reading.result(fallbackAssetId, envelope);
        if (result == null) {
          return null;
        }
      }
    } catch (IOException e) {
      throw new NotJson(StrictJson.refusal(p, path, e));
    }
    // In a tree reader's order: syntax and keys given twice (above), content after the value,
    // numbers out of range, then the shape.
    try {
      StrictJson.requireEnd(p, path);
    } catch (AresValidationException e) {
      throw new NotJson(e);
    }
    if (reading.outOfRange != null) {
      throw new NotJson(reading.outOfRange);
    }
    if (result == null) {
      throw invalid(path, "must be a JSON object");
    }
    if (!reading.violations.isEmpty()) {
      throw new AresValidationException(reading.violations);
    }
    return result;
  }

  /** An answer that is not one strict JSON value; {@link #refusal()} says why, by path. */
  public static final class NotJson extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final AresValidationException refusal;

    NotJson(AresValidationException refusal) {
      super(refusal.getMessage(), null, false, false);
      this.refusal = refusal;
    }

    /** The refusal, as {@link StrictJson} words it. */
    public AresValidationException refusal() {
      return refusal;
    }
  }

  /** Reads a product → asset result, like {@link #readAssetToProduct}. */
  public static ProductToAssetResult readProductToAsset(
      JsonNode node, String fallbackSku, String path) {
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

  /** Reads an asset → product request {@code {"assetId", "eventData": {"assetMetadata"}}}. */
  public static Asset readAssetRequest(JsonNode request) {
    String assetId = requestText(request, "assetId");
    JsonNode eventData = request.get("eventData");
    JsonNode metadata = eventData == null ? null : eventData.get("assetMetadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      throw invalid("request.eventData.assetMetadata", "must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map =
        metadata == null || metadata.isNull() ? Map.of() : Json.toMap(metadata);
    return Asset.of(assetId, map);
  }

  /** Reads a product → asset request {@code {"productSku"}}: the SKU. */
  public static String readProductRequest(JsonNode request) {
    return requestText(request, "productSku");
  }

  private static String requestText(JsonNode request, String field) {
    if (!request.isObject()) {
      throw invalid("request", "must be a JSON object");
    }
    JsonNode value = request.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw invalid("request." + field, "must be a non-blank string");
    }
    return value.textValue();
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
    node.fieldNames()
        .forEachRemaining(
            name -> {
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
}
