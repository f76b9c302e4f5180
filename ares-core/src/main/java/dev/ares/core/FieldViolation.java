package dev.ares.core;

import java.util.Objects;

/**
 * One problem with one input field, named by its path from the root, such as {@code
 * tenantInput.commerce.credentials.consumerKey} with message {@code is required}.
 */
public final class FieldViolation {

  private final String path;
  private final String message;

  private FieldViolation(String path, String message) {
    this.path = Objects.requireNonNull(path, "path");
    this.message = Objects.requireNonNull(message, "message");
  }

  /** A violation of the field at {@code path}. */
  public static FieldViolation of(String path, String message) {
    return new FieldViolation(path, message);
  }

  /** The dotted path of the field, for example {@code tenantInput.aem.programId}. */
  public String path() {
    return path;
  }

  /** What is wrong, for example {@code is required}; never the field's value. */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldViolation that
        && path.equals(that.path)
        && message.equals(that.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, message);
  }

  /** The path and the message, as {@code tenantInput.projectId is required}. */
  @Override
  public String toString() {
    return path + " " + message;
  }
}
