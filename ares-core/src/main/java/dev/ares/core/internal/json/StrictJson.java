package dev.ares.core.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one way the SDK reads JSON it is given (tenant files, assets, requests to the hosted matcher,
 * matcher answers): exactly one value, no key given twice, no number beyond the range of a double.
 * Each refusal names the path and, where Jackson knows it, the line and column; values are never
 * quoted, as they may be secrets.
 *
 * <p>Internal: not part of the public API.
 */
public final class StrictJson {

  /** Jackson's own duplicate detection, on the shared mapper's configuration. */
  private static final ObjectReader READER = Json.STRICT_READER;

  private StrictJson() {}

  /**
   * The single JSON value of {@code json}, or a {@link MissingNode} when there is none (empty or
   * blank text); {@code root} names the value in problems, such as {@code tenantInput}.
   *
   * @throws AresValidationException for a syntax error, a key given twice, content after the value
   *     or a number out of range
   */
  public static JsonNode read(String json, String root) {
    try (JsonParser p = READER.createParser(json == null ? "" : json)) {
      return read(p, root);
    } catch (IOException e) { // closing an in-memory parser: not expected
      throw syntax(root, e);
    }
  }

  /**
   * Like {@link #read(String, String)}, from UTF-8 bytes. Jackson refuses most bytes that are not
   * UTF-8 but decodes some malformed forms (overlong sequences, code points past U+10FFFF): a
   * caller that must refuse every one checks the bytes first.
   */
  public static JsonNode read(byte[] json, String root) {
    try (JsonParser p = READER.createParser(json == null ? new byte[0] : json)) {
      return read(p, root);
    } catch (IOException e) {
      throw syntax(root, e);
    }
  }

  private static JsonNode read(JsonParser p, String root) {
    JsonNode node;
    try {
      node = READER.readTree(p);
    } catch (JsonProcessingException e) {
      throw problem(p, root, e);
    } catch (IOException e) {
      throw syntax(root, e);
    }
    if (node == null || node.isMissingNode()) {
      return MissingNode.getInstance();
    }
    // FAIL_ON_TRAILING_TOKENS makes the same check, but its failure does not say whether the
    // value itself or what follows it was broken; asking for the next token here does.
    requireEnd(p, root);
    requireFiniteNumbers(node, root);
    return node;
  }

  /**
   * The value at the parser's current token, read with duplicate detection for that value and every
   * value inside it; the parser's own setting applies again afterwards. For readers of the SDK's
   * types inside a caller's {@code ObjectMapper}, which decides about the rest of its input.
   *
   * @throws AresValidationException for a key given twice or a number out of range, with paths
   *     relative to the value, under {@code root}
   */
  public static JsonNode readValue(JsonParser p, String root) throws IOException {
    boolean wasStrict = p.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // Jackson attaches a detector to the current context when the feature is turned on mid-stream.
    p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonStreamContext start = p.getParsingContext();
    JsonNode node;
    try {
      node = p.readValueAsTree();
    } catch (JsonParseException e) {
      String duplicate = duplicatePath(p, start.getParent(), e);
      if (duplicate == null) {
        throw e;
      }
      throw invalid(root + duplicate, "is given twice" + at(location(e)));
    } finally {
      if (!wasStrict) {
        p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      }
    }
    if (node != null) {
      requireFiniteNumbers(node, root);
    }
    return node;
  }

  /**
   * For readers that walk a strict parser's tokens themselves: the refusal of {@code e} (a syntax
   * error or a key given twice) in the words {@link #read(byte[], String)} uses, under {@code
   * root}.
   */
  public static AresValidationException refusal(JsonParser p, String root, IOException e) {
    return e instanceof JsonProcessingException processing
        ? problem(p, root, processing)
        : syntax(root, e);
  }

  /**
   * For readers that walk a parser's tokens themselves: refuses the parser's current number when it
   * is beyond a double's range, naming its path under {@code root} as {@link #read} does.
   */
  public static void requireFinite(JsonParser p, String root) throws IOException {
    JsonToken t = p.currentToken();
    boolean mayOverflow =
        t == JsonToken.VALUE_NUMBER_FLOAT
            || (t == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() == JsonParser.NumberType.BIG_INTEGER);
    if (mayOverflow && !Double.isFinite(p.getDoubleValue())) {
      throw invalid(root + pathBelow(p.getParsingContext(), null), "is a number out of range");
    }
  }

  /**
   * For readers that walk a parser's tokens themselves: refuses content after the value, as {@link
   * #read} does.
   */
  public static void requireEnd(JsonParser p, String root) {
    try {
      if (p.nextToken() != null) {
        throw invalid(
            root, "has unexpected content after the JSON value" + at(p.currentTokenLocation()));
      }
    } catch (IOException e) {
      throw invalid(root, "has unexpected content after the JSON value" + at(location(e)));
    }
  }

  /** A one-line description of a syntax error, with its position but none of the text. */
  public static String describeSyntax(JsonProcessingException e) {
    return "is not valid JSON" + at(e.getLocation());
  }

  private static AresValidationException problem(
      JsonParser p, String root, JsonProcessingException e) {
    if (e instanceof JsonParseException parse) {
      String duplicate = duplicatePath(p, null, parse);
      if (duplicate != null) {
        return invalid(root + duplicate, "is given twice" + at(location(e)));
      }
    }
    return invalid(root, describeSyntax(e));
  }

  /**
   * The path, below {@code top} (or the root), of the key Jackson's duplicate detection refused
   * with {@code e}, or null when {@code e} is another failure. Jackson leaves the repeated key as
   * the current name of the object being read, and names it in a fixed message.
   */
  private static String duplicatePath(JsonParser p, JsonStreamContext top, JsonParseException e) {
    JsonStreamContext context = p.getParsingContext();
    if (!context.inObject()
        || context.getCurrentName() == null
        || !("Duplicate field '" + context.getCurrentName() + "'").equals(e.getOriginalMessage())) {
      return null;
    }
    return pathBelow(context, top);
  }

  /** The path of {@code context}'s current value below {@code top} (or the root). */
  private static String pathBelow(JsonStreamContext context, JsonStreamContext top) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext c = context; c != null && c != top && !c.inRoot(); c = c.getParent()) {
      path.insert(0, c.inObject() ? "." + c.getCurrentName() : "[" + c.getCurrentIndex() + "]");
    }
    return path.toString();
  }

  private static void requireFiniteNumbers(JsonNode node, String root) {
    String path = outOfRange(node);
    if (path != null) {
      throw invalid(root + path, "is a number out of range");
    }
  }

  /** The path below {@code node} of its first number beyond a double's range, or null. */
  private static String outOfRange(JsonNode node) {
    if (node.isNumber()) {
      return Double.isFinite(node.doubleValue()) ? null : "";
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String below = outOfRange(e.getValue());
        if (below != null) {
          return "." + e.getKey() + below;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String below = outOfRange(node.get(i));
        if (below != null) {
          return "[" + i + "]" + below;
        }
      }
    }
    return null;
  }

  private static JsonLocation location(IOException e) {
    return e instanceof JsonProcessingException processing ? processing.getLocation() : null;
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static AresValidationException syntax(String root, IOException e) {
    return invalid(root, "is not valid JSON" + at(location(e)));
  }

  private static AresValidationException invalid(String path, String message) {
    return new AresValidationException(List.of(FieldViolation.of(path, message)));
  }
}
