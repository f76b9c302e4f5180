package dev.ares.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Immutables-generated builders throw is what their docs say: AresValidationException. */
class GeneratedBuildersTest {

  @Test
  void aMissingRequiredAttributeIsAValidationErrorNamingEachField() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class, () -> HttpCallInfo.builder().client("c").build());
    assertEquals(
        List.of(
            FieldViolation.of("operation", "is required"),
            FieldViolation.of("host", "is required")),
        e.violations());
    assertEquals("operation is required; host is required", e.getMessage());
  }

  @Test
  void noMissingFieldIsRefusedLikeAnEmptyList() {
    assertThrows(IllegalArgumentException.class, AresValidationException::new);
  }
}
