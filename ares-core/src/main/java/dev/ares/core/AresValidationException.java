package dev.ares.core;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Input that cannot be sent: thrown before any network call, listing every problem at once by field
 * path.
 */
public final class AresValidationException extends AresException {

  private final List<FieldViolation> violations;

  /** An exception for these violations; the list must not be empty. */
  public AresValidationException(List<FieldViolation> violations) {
    super(describe(violations), 0, null);
    this.violations = List.copyOf(violations);
  }

  /**
   * An exception for required fields that were not set, each violation {@code <field> is required}.
   * The builders of the SDK's value types throw it from {@code build()}; the list must not be
   * empty.
   *
   * @param missingFields the names of the fields, such as {@code message}
   */
  public AresValidationException(String... missingFields) {
    this(
        Stream.of(missingFields)
            .map(field -> FieldViolation.of(field, "is required"))
            .collect(Collectors.toList()));
  }

  /** Every problem found, in field order. */
  public List<FieldViolation> violations() {
    return violations;
  }

  private static String describe(List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations must not be empty");
    }
    return violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; "));
  }
}
