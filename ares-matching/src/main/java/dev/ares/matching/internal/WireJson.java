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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

  /** Longest query string the GET form's readers take, in characters. */
  public static final int MAX_QUERY_CHARS = 8192;

  /** The forms {@code eventData} is accepted in, as refusals name them. */
  private static final String EVENT_DATA_FORMS = "must be a JSON object, or a string holding one";

  /**
   * Reads an asset → product request, {@code {"assetId", "eventData"}}: {@code eventData} a JSON
   * object, a string holding one (read strictly, once: a string in that string is refused), absent
   * or {@code null}; the metadata is {@code eventData.assetMetadata}, none when either is absent.
   * Every problem is reported at once under {@code request}.
   */
  public static Asset readAssetRequest(JsonNode request) {
    requireObject(request);
    List<FieldViolation> violations = new ArrayList<>();
    String assetId = requestText(request, "assetId", violations);
    JsonNode eventData = eventData(request, violations);
    JsonNode metadata = eventData == null ? null : eventData.get("assetMetadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      violations.add(FieldViolation.of("request.eventData.assetMetadata", "must be a JSON object"));
    }
    if (!violations.isEmpty()) {
      throw new AresValidationException(violations);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map =
        metadata == null || metadata.isNull() ? Map.of() : Json.toMap(metadata);
    return Asset.of(assetId, map);
  }

  /**
   * Reads a product → asset request, {@code {"productSku", "eventData"}}: the SKU, from {@code
   * productSku} or {@code productSKU} (both may be given only with the same SKU); {@code
   * eventData}, unused, must still be one of the forms {@link #readAssetRequest} takes.
   */
  public static String readProductRequest(JsonNode request) {
    requireObject(request);
    List<FieldViolation> violations = new ArrayList<>();
    JsonNode lower = request.get("productSku");
    JsonNode upper = request.get("productSKU");
    String sku = null;
    if (lower == null && upper == null) {
      violations.add(
          FieldViolation.of(
              "request.productSku",
              "is required: a non-blank string, as productSku (or productSKU)"));
    } else {
      String a = lower == null ? null : requestText(request, "productSku", violations);
      String b = upper == null ? null : requestText(request, "productSKU", violations);
      if (a != null && b != null && !a.equals(b)) {
        violations.add(
            FieldViolation.of(
                "request.productSku",
                "differs from request.productSKU: send one of them (or both with the same SKU)"));
      }
      sku = a != null ? a : b;
    }
    eventData(request, violations);
    if (!violations.isEmpty()) {
      throw new AresValidationException(violations);
    }
    return sku;
  }

  /**
   * The request of the GET form: the query string's parameters (still percent-encoded, without the
   * {@code ?}) as a JSON object of strings, which {@link #readAssetRequest} and {@link
   * #readProductRequest} then read as they read a body. Escapes are UTF-8, {@code +} is a space, a
   * parameter without {@code =} has the empty value; a parameter given twice, a bad escape, a
   * character that is not visible ASCII and a query over {@value #MAX_QUERY_CHARS} characters are
   * refused. Parameter names other than the request's fields are never quoted.
   */
  public static ObjectNode queryRequest(String query) {
    String q = query == null ? "" : query;
    if (q.length() > MAX_QUERY_CHARS) {
      throw invalid("request.query", "is longer than " + MAX_QUERY_CHARS + " characters");
    }
    ObjectNode request = Json.object();
    for (String parameter : q.split("&", -1)) {
      if (parameter.isEmpty()) {
        continue;
      }
      int eq = parameter.indexOf('=');
      String name = percentDecoded(eq < 0 ? parameter : parameter.substring(0, eq));
      if (name == null) {
        throw invalid("request.query", "has a parameter name that is not percent-encoded UTF-8");
      }
      String path = queryPath(name);
      String value = percentDecoded(eq < 0 ? "" : parameter.substring(eq + 1));
      if (value == null) {
        throw invalid(path, "is not percent-encoded UTF-8");
      }
      if (request.has(name)) {
        throw invalid(path, "is given twice");
      }
      request.put(name, value);
    }
    return request;
  }

  /** {@code request.<name>} for a field of the requests, else {@code request.query}. */
  private static String queryPath(String name) {
    return switch (name) {
      case "assetId", "eventData", "productSku", "productSKU" -> "request." + name;
      default -> "request.query";
    };
  }

  /**
   * {@code text} with {@code %XX} escapes (UTF-8) and {@code +} decoded, or {@code null} when an
   * escape is broken, the bytes are not UTF-8, or a character is not visible ASCII.
   */
  private static String percentDecoded(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
        if (lo < 0) {
          return null;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (c > ' ' && c < 0x7f) {
        bytes.write(c);
      } else {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static void requireObject(JsonNode request) {
    if (!request.isObject()) {
      throw invalid("request", "must be a JSON object");
    }
  }

  /**
   * The request's {@code eventData} as an object, or {@code null} when absent or {@code null}; a
   * string is read as the JSON it holds, which must be an object (a string inside it is not read
   * again). Anything else is a violation naming the accepted forms.
   */
  private static JsonNode eventData(JsonNode request, List<FieldViolation> violations) {
    JsonNode eventData = request.get("eventData");
    if (eventData == null || eventData.isNull() || eventData.isObject()) {
      return eventData == null || eventData.isNull() ? null : eventData;
    }
    if (!eventData.isTextual()) {
      violations.add(
          FieldViolation.of("request.eventData", EVENT_DATA_FORMS + ": it is " + kind(eventData)));
      return null;
    }
    JsonNode held;
    try {
      held = StrictJson.read(eventData.textValue(), "request.eventData");
    } catch (AresValidationException e) {
      for (FieldViolation v : e.violations()) {
        violations.add(
            v.path().equals("request.eventData")
                ? FieldViolation.of(v.path(), EVENT_DATA_FORMS + ": its string " + v.message())
                : v);
      }
      return null;
    }
    if (held.isObject()) {
      return held;
    }
    violations.add(
        FieldViolation.of(
            "request.eventData",
            EVENT_DATA_FORMS
                + (held.isMissingNode()
                    ? ": its string holds no JSON value"
                    : ": its string holds " + kind(held) + ", not an object")));
    return null;
  }

  /** What kind of JSON value {@code node} is, in words, without its value. */
  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case NULL -> "null";
      default -> "not an object";
    };
  }

  private static String requestText(JsonNode request, String field, List<FieldViolation> v) {
    JsonNode value = request.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      v.add(FieldViolation.of("request." + field, "must be a non-blank string"));
      return null;
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
