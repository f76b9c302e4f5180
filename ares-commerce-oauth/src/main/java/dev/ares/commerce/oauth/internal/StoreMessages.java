package dev.ares.commerce.oauth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code message} of a Commerce REST error answer, with its {@code parameters} filled
 * in: Commerce sends {@code {"message": "The consumer isn't authorized to access %resources.",
 * "parameters": {"resources": "Magento_Catalog::products"}}} or positional {@code %1}.
 *
 * <p>Internal: not part of the public API.
 */
public final class StoreMessages {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LENGTH = 500;

  private StoreMessages() {}

  /** The JSON tree of {@code body}, if it is JSON. */
  public static Optional<JsonNode> json(String body) {
    try {
      return Optional.ofNullable(JSON.readTree(body));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The filled-in message of a Commerce JSON error body, if it has one. */
  public static Optional<String> message(String body) {
    Optional<JsonNode> tree = json(body);
    if (tree.isEmpty() || !tree.get().path("message").isTextual()) {
      return Optional.empty();
    }
    String message = tree.get().get("message").asText();
    JsonNode parameters = tree.get().path("parameters");
    if (parameters.isObject()) {
      for (Map.Entry<String, JsonNode> p : parameters.properties()) {
        message = message.replace("%" + p.getKey(), p.getValue().asText());
      }
    } else if (parameters.isArray()) {
      for (int i = parameters.size(); i >= 1; i--) {
        message = message.replace("%" + i, parameters.get(i - 1).asText());
      }
    }
    return Optional.of(clean(message));
  }

  /** Drops control characters and cuts very long text: the message ends up in terminals and logs. */
  public static String clean(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", " ").trim();
    return printable.length() <= MAX_LENGTH ? printable : printable.substring(0, MAX_LENGTH) + "…";
  }
}
