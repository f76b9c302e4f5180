package dev.ares.matching.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.core.AresValidationException;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.json.StrictJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The short error text a server puts in its JSON error answer, for an exception message: IMS's
 * {@code {"error": "invalid_client", "error_description": "…"}}, an action's {@code {"error": "…"}}
 * or {@code {"message": "…"}}, bare or inside App Builder's {@code body}. Only that text, never the
 * rest of the body, and only as the call's {@link ServerText} makes it: secrets masked, printable,
 * cut.
 *
 * <p>Internal: not part of the public API.
 */
public final class ServerErrors {

  /** The longest error text shown. */
  private static final int MAX_LENGTH = 300;

  private static final List<String> FIELDS = List.of("error", "error_description", "message");

  private ServerErrors() {}

  /** {@code ": invalid_client: …"} for a body with an error text, else the empty string. */
  public static String detail(byte[] body, ServerText serverText) {
    try {
      return detail(StrictJson.read(body, "answer"), serverText);
    } catch (AresValidationException e) {
      return ""; // not strict JSON: an HTML error page says nothing worth showing
    }
  }

  /**
   * As {@link #detail(byte[], ServerText)}, for a body already read, or its App Builder wrapper.
   */
  public static String detail(JsonNode node, ServerText serverText) {
    if (node != null && node.isObject() && node.path("body").isObject()) {
      node = node.get("body");
    }
    if (node == null || !node.isObject()) {
      return "";
    }
    List<String> texts = new ArrayList<>();
    for (String field : FIELDS) {
      JsonNode value = node.get(field);
      if (value != null && value.isTextual() && !value.textValue().isBlank()) {
        texts.add(value.textValue());
      }
    }
    return texts.isEmpty() ? "" : ": " + serverText.printable(String.join(": ", texts), MAX_LENGTH);
  }
}
