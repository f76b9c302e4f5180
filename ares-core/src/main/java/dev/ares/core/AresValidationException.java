package dev.ares.core;

import java.util.List;
import java.util.stream.Collectors;

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
