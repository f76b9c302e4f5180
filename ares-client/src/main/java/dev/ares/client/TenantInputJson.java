package dev.ares.client;

import dev.ares.client.internal.json.TenantInputCodec;
import dev.ares.client.model.TenantInput;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Reads and writes {@link TenantInput} as the JSON of the ARES reference.
 *
 * <p>Reading accepts the bare object or the GraphQL variables form {@code {"tenantInput": {...}}},
 * and either rule form. Unknown fields, wrong types and invalid values are reported together in one
 * {@link dev.ares.core.AresValidationException} by field path; values are never quoted, as they may
 * be secrets. The text must be exactly one JSON value: a key given twice (such as a second {@code
 * consumerSecret}), content after the value and a number beyond the range of a double are refused,
 * naming the path and, where known, the line and column.
 */
public final class TenantInputJson {

  private TenantInputJson() {}

  /**
   * Reads a tenant input from JSON text.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field, or the syntax error's
   *     position
   */
  public static TenantInput read(String json) {
    return TenantInputCodec.read(json);
  }

  /**
   * Reads a tenant input from JSON text read fully from {@code reader}.
   *
   * @throws dev.ares.core.AresValidationException naming every bad field, or the syntax error's
   *     position
   * @throws UncheckedIOException when the reader fails
   */
  public static TenantInput read(Reader reader) {
    StringWriter text = new StringWriter();
    try {
      reader.transferTo(text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the tenant input", e);
    }
    return read(text.toString());
  }

  /** The bare tenant input object, with the rule in the reference form. */
  public static String write(TenantInput input) {
    return write(input, RuleWireForm.REFERENCE);
  }

  /** The bare tenant input object, with the rule in the given form. */
  public static String write(TenantInput input, RuleWireForm form) {
    return TenantInputCodec.toJson(input, form).toString();
  }

  /** {@code {"tenantInput": {...}}}, the GraphQL variables of {@code registerTenant}. */
  public static String writeVariables(TenantInput input, RuleWireForm form) {
    return TenantInputCodec.toVariables(input, form).toString();
  }
}
