package dev.ares.core.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.core.FieldViolation;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object by name, noting each type problem by path, and at the end
 * reports the fields nobody asked for. Values are never quoted in problems: they may be secrets.
 *
 * <p>Internal: not part of the public API.
 */
public final class JsonObjectReader {

  private final ObjectNode node;
  private final String path;
  private final List<FieldViolation> violations;
  private final Set<String> read = new HashSet<>();

  private JsonObjectReader(ObjectNode node, String path, List<FieldViolation> violations) {
    this.node = node;
    this.path = path;
    this.violations = violations;
  }

  /**
   * A reader of {@code node} at {@code path}, or {@code null} (with a violation noted) when the
   * node is not an object.
   */
  public static JsonObjectReader of(JsonNode node, String path, List<FieldViolation> violations) {
    if (node instanceof ObjectNode object) {
      return new JsonObjectReader(object, path, violations);
    }
    violations.add(FieldViolation.of(path, "must be a JSON object"));
    return null;
  }

  /** The path of this object. */
  public String path() {
    return path;
  }

  /** Whether the field is present and not {@code null}. */
  public boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  /** The raw field, or {@code null} when absent or JSON {@code null}; marks it as read. */
  public JsonNode raw(String name) {
    read.add(name);
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** A string field, or {@code null} when absent or of another type (noted). */
  public String string(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      violations.add(FieldViolation.of(path + "." + name, "must be a string"));
      return null;
    }
    return value.textValue();
  }

  /** A boolean field, or {@code null} when absent or of another type (noted). */
  public Boolean bool(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      violations.add(FieldViolation.of(path + "." + name, "must be true or false"));
      return null;
    }
    return value.booleanValue();
  }

  /** An int field, or {@code null} when absent or not a whole number in int range (noted). */
  public Integer integer(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      violations.add(FieldViolation.of(path + "." + name, "must be a whole number"));
      return null;
    }
    return value.intValue();
  }

  /** A nested object field, or {@code null} when absent or not an object (noted). */
  public JsonObjectReader object(String name) {
    JsonNode value = raw(name);
    return value == null ? null : of(value, path + "." + name, violations);
  }

  /** Notes every field of this object that was never read as unknown. */
  public void rejectUnknownFields() {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!read.contains(name)) {
        violations.add(FieldViolation.of(path + "." + name, "is not a known field"));
      }
    }
  }
}
