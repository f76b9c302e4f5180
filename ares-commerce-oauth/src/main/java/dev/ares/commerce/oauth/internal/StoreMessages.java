package dev.ares.commerce.oauth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.core.AresValidationException;
import dev.ares.core.internal.json.StrictJson;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code message} of a Commerce REST error answer, with its {@code parameters} filled in:
 * Commerce sends {@code {"message": "The consumer isn't authorized to access %resources.",
 * "parameters": {"resources": "Magento_Catalog::products"}}} or positional {@code %1}.
 *
 * <p>The message is the store's raw text: the caller masks secrets and makes it printable (with
 * {@code ServerText}) before showing it. Filling in stops at about {@link #MAX_FILLED_LENGTH}
 * characters, between two pieces, never inside a parameter: a message of many placeholders times a
 * long parameter would otherwise grow beyond memory, and a cut inside a parameter could leave the
 * start of an echoed secret that masking no longer recognises.
 *
 * <p>Internal: not part of the public API.
 */
public final class StoreMessages {

  /** About the longest filled-in message built; far more than is ever shown. */
  public static final int MAX_FILLED_LENGTH = 64 * 1024;

  // Commerce's placeholder names are short words; a longer run is not looked up.
  private static final int MAX_PLACEHOLDER_LENGTH = 64;

  private StoreMessages() {}

  /**
   * The JSON tree of {@code body}, if it is one strict JSON value: an answer with a key given
   * twice, content after the value or a number out of range is no Commerce answer.
   */
  public static Optional<JsonNode> json(String body) {
    try {
      JsonNode node = StrictJson.read(body, "answer");
      return node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (AresValidationException e) {
      return Optional.empty();
    }
  }

  /** The filled-in message of a Commerce JSON error body, if it has one; raw server text. */
  public static Optional<String> message(String body) {
    Optional<JsonNode> tree = json(body);
    if (tree.isEmpty() || !tree.get().path("message").isTextual()) {
      return Optional.empty();
    }
    String message = tree.get().get("message").asText();
    Map<String, String> values = new HashMap<>();
    JsonNode parameters = tree.get().path("parameters");
    if (parameters.isObject()) {
      parameters.properties().forEach(p -> values.put(p.getKey(), p.getValue().asText()));
    } else if (parameters.isArray()) {
      for (int i = 0; i < parameters.size(); i++) {
        values.put(Integer.toString(i + 1), parameters.get(i).asText());
      }
    }
    return Optional.of(values.isEmpty() ? message : fill(message, values));
  }

  /** Replaces each {@code %name} by its value, the longest name that has one winning. */
  private static String fill(String message, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    int literalStart = 0;
    for (int i = message.indexOf('%'); i >= 0; i = message.indexOf('%', i + 1)) {
      String name = placeholderAt(message, i + 1, values);
      if (name == null) {
        continue;
      }
      if (!appendWhole(out, message.substring(literalStart, i))
          || !appendWhole(out, values.get(name))) {
        return out.toString();
      }
      i += name.length();
      literalStart = i + 1;
    }
    appendWhole(out, message.substring(literalStart));
    return out.toString();
  }

  private static String placeholderAt(String message, int start, Map<String, String> values) {
    int end = start;
    while (end < message.length()
        && end - start < MAX_PLACEHOLDER_LENGTH
        && (Character.isLetterOrDigit(message.charAt(end)) || message.charAt(end) == '_')) {
      end++;
    }
    for (; end > start; end--) {
      String name = message.substring(start, end);
      if (values.containsKey(name)) {
        return name;
      }
    }
    return null;
  }

  /** Appends the whole piece, unless the text is already long and would grow past the limit. */
  private static boolean appendWhole(StringBuilder out, String piece) {
    if (out.length() > 0 && out.length() + (long) piece.length() > MAX_FILLED_LENGTH) {
      return false;
    }
    out.append(piece);
    return true;
  }
}
