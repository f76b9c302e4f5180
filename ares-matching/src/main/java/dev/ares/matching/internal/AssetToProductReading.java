package dev.ares.matching.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.json.StrictJson;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ProductMatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One reading of an asset → product result from a strict parser's tokens, for {@link WireJson}.
 * Problems of shape are collected by path in the order of the result's fields (asset_id, skip, then
 * each match), whatever the order of the answer; the first number out of range is kept apart, as it
 * makes the answer no strict JSON.
 */
final class AssetToProductReading {

  private final JsonParser p;
  private final String path;
  final List<FieldViolation> violations = new ArrayList<>();

  /** The first number beyond a double's range, or null. */
  AresValidationException outOfRange;

  AssetToProductReading(JsonParser p, String path) {
    this.p = p;
    this.path = path;
  }

  /**
   * The result, the parser on the root object's START_OBJECT; {@code null} when {@code envelope} is
   * set and a {@code statusCode} or {@code body} key appears.
   */
  AssetToProductResult result(String fallbackAssetId, boolean envelope) throws IOException {
    AssetToProductResult.Builder b = AssetToProductResult.builder();
    List<FieldViolation> idProblems = new ArrayList<>();
    List<FieldViolation> skipProblems = new ArrayList<>();
    List<FieldViolation> matchProblems = new ArrayList<>();
    String id = null;
    boolean idGiven = false;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "asset_id" -> {
          idGiven = value != JsonToken.VALUE_NULL;
          id = idGiven ? text(value, path + ".asset_id", idProblems) : null;
        }
        case "skip" -> b.skip(bool(value, path + ".skip", skipProblems));
        case "product_matches" -> {
          if (value == JsonToken.START_ARRAY) {
            matches(b, matchProblems);
          } else if (value != JsonToken.VALUE_NULL) {
            matchProblems.add(FieldViolation.of(path + ".product_matches", "must be an array"));
            skip(value);
          }
        }
        case "warnings" -> {
          if (value == JsonToken.START_ARRAY) {
            for (JsonToken w = p.nextToken(); w != JsonToken.END_ARRAY; w = p.nextToken()) {
              b.addWarnings(asText(w));
            }
          } else {
            skip(value);
          }
        }
        case "statusCode", "body" -> {
          if (envelope) {
            return null; // perhaps App Builder's wrapper: the caller reads the tree
          }
          skip(value);
        }
        default -> skip(value); // matchers may add fields of their own
      }
    }
    if (!idGiven) {
      id = fallbackAssetId;
      if (id == null) {
        idProblems.add(FieldViolation.of(path + ".asset_id", "is required"));
      }
    }
    violations.addAll(idProblems);
    violations.addAll(skipProblems);
    violations.addAll(matchProblems);
    return b.assetId(id == null ? "" : id).build();
  }

  /** The elements of {@code product_matches}, the parser on its START_ARRAY. */
  private void matches(AssetToProductResult.Builder b, List<FieldViolation> problems)
      throws IOException {
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      String at = path + ".product_matches[" + i + "]";
      if (t != JsonToken.START_OBJECT) {
        problems.add(FieldViolation.of(at, "must be a JSON object"));
        skip(t);
        continue;
      }
      b.addProductMatches(match(at, problems));
    }
  }

  /** One match, the parser on its START_OBJECT. */
  private ProductMatch match(String at, List<FieldViolation> problems) throws IOException {
    ProductMatch.Builder m = ProductMatch.builder();
    List<FieldViolation> skuProblems = new ArrayList<>();
    List<FieldViolation> roleProblems = new ArrayList<>();
    List<FieldViolation> positionProblems = new ArrayList<>();
    String sku = null;
    boolean skuGiven = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "product_sku" -> {
          skuGiven = value != JsonToken.VALUE_NULL;
          sku = skuGiven ? text(value, at + ".product_sku", skuProblems) : null;
        }
        case "asset_roles" -> roles(m, value, at + ".asset_roles", roleProblems);
        case "asset_position" -> {
          if (value != JsonToken.VALUE_NULL) {
            finite();
            if (value == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() == JsonParser.NumberType.INT
                && p.getIntValue() >= 0) {
              m.assetPosition(p.getIntValue());
            } else {
              positionProblems.add(
                  FieldViolation.of(at + ".asset_position", "must be a whole number, 0 or more"));
              skip(value);
            }
          }
        }
        default -> skip(value);
      }
    }
    if (!skuGiven) {
      skuProblems.add(FieldViolation.of(at + ".product_sku", "is required"));
    }
    problems.addAll(skuProblems);
    problems.addAll(roleProblems);
    problems.addAll(positionProblems);
    return m.productSku(sku == null ? "" : sku).build();
  }

  private void roles(
      ProductMatch.Builder m, JsonToken value, String at, List<FieldViolation> problems)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_ARRAY) {
      problems.add(FieldViolation.of(at, "must be an array of strings"));
      skip(value);
      return;
    }
    boolean allText = true;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (allText && t == JsonToken.VALUE_STRING) {
        m.addAssetRoles(p.getText());
      } else {
        if (allText) {
          problems.add(FieldViolation.of(at, "must be an array of strings"));
          allText = false;
        }
        skip(t);
      }
    }
  }

  /** The trimmed text of a non-blank string; else a problem at {@code at}, and null. */
  private String text(JsonToken value, String at, List<FieldViolation> problems)
      throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      String text = p.getText();
      if (!text.isBlank()) {
        return text.trim();
      }
    }
    problems.add(FieldViolation.of(at, "must be a non-blank string"));
    skip(value);
    return null;
  }

  private boolean bool(JsonToken value, String at, List<FieldViolation> problems)
      throws IOException {
    if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
      return value == JsonToken.VALUE_TRUE;
    }
    if (value != JsonToken.VALUE_NULL) {
      problems.add(FieldViolation.of(at, "must be true or false"));
      skip(value);
    }
    return false;
  }

  /** A warning as Jackson's {@code JsonNode.asText()} gives it; containers skipped as "". */
  private String asText(JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue().toString();
      case VALUE_NUMBER_FLOAT -> {
        finite();
        yield Double.toString(p.getDoubleValue());
      }
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> "null";
      default -> {
        skip(t);
        yield "";
      }
    };
  }

  /**
   * Notes the first number beyond a double's range; it is reported after any syntax error, key
   * given twice or content after the value, as a tree reader would.
   */
  private void finite() throws IOException {
    try {
      StrictJson.requireFinite(p, path);
    } catch (AresValidationException e) {
      if (outOfRange == null) {
        outOfRange = e;
      }
    }
  }

  /**
   * Skips a value, reading it as a tree would: its strings decoded, its numbers checked, its keys
   * checked by the parser's duplicate detection. Depth is bounded by Jackson's nesting limit.
   */
  void skip(JsonToken value) throws IOException {
    switch (value) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> finite();
      case START_ARRAY, START_OBJECT -> {
        for (JsonToken t = p.nextToken();
            t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT;
            t = p.nextToken()) {
          if (t == null) {
            throw new IOException("the answer ends inside a value");
          }
          if (t != JsonToken.FIELD_NAME) {
            skip(t);
          }
        }
      }
      default -> {} // true, false, null
    }
  }
}
