package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.model.CommerceInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad optional URL gets the one problem that applies to it, not a second one on top. */
class OneProblemPerFieldTest {

  @ParameterizedTest(name = "baseUrl \"{0}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "'   '                  | must not be blank",
        "'https://store\texample' | must not contain control characters",
        "ftp://store.example      | must be an absolute http(s) URL",
      })
  void aBadCommerceBaseUrlIsNamedOnce(String baseUrl, String problem) {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                Fixtures.tenantBuilder()
                    .commerce(
                        CommerceInput.builder()
                            .baseUrl(baseUrl)
                            .credentials(Fixtures.commerceCredentials())
                            .build())
                    .build());
    assertEquals(
        List.of("tenantInput.commerce.baseUrl " + problem),
        e.violations().stream().map(FieldViolation::toString).toList());
  }

  @Test
  void anOverlongCommerceBaseUrlIsNamedOnce() {
    String baseUrl = "https://store.example/" + "p".repeat(8192);
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                Fixtures.tenantBuilder()
                    .commerce(
                        CommerceInput.builder()
                            .baseUrl(baseUrl)
                            .credentials(Fixtures.commerceCredentials())
                            .build())
                    .build());
    assertEquals(
        List.of("tenantInput.commerce.baseUrl must be at most 8192 characters"),
        e.violations().stream().map(FieldViolation::toString).toList());
  }
}
