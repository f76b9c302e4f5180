package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.RetryPolicy;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Durations and counts beyond the documented limits, and nulls, are named by build(). */
class CredentialsCheckLimitsTest {

  private static CommerceCredentialsCheck.Builder check() {
    return CommerceCredentialsCheck.builder()
        .baseUrl("http://127.0.0.1:1")
        .credentials(TestCredentials.DISTINCT);
  }

  private static Set<String> refused(CommerceCredentialsCheck.Builder builder) {
    AresValidationException e = assertThrows(AresValidationException.class, builder::build);
    return e.violations().stream().map(FieldViolation::path).collect(Collectors.toSet());
  }

  @Test
  void aCallTimeoutOfThreeHundredYearsIsRefusedAtBuild() {
    assertEquals(
        Set.of("commerceCredentialsCheck.callTimeout"),
        refused(check().callTimeout(Duration.ofDays(365 * 300))));
  }

  @Test
  void everyDurationAndCountHasAMaximum() {
    assertEquals(
        Set.of(
            "commerceCredentialsCheck.connectTimeout",
            "commerceCredentialsCheck.attemptTimeout",
            "commerceCredentialsCheck.maxConnections"),
        refused(
            check()
                .connectTimeout(Duration.ofSeconds(Long.MAX_VALUE))
                .attemptTimeout(Duration.ofNanos(1))
                .maxConnections(Integer.MAX_VALUE)));
  }

  @Test
  void nullsAreNamedByBuildNotThrownBySetters() {
    assertEquals(
        Set.of(
            "commerceCredentialsCheck.connectTimeout",
            "commerceCredentialsCheck.attemptTimeout",
            "commerceCredentialsCheck.callTimeout",
            "commerceCredentialsCheck.retryPolicy",
            "commerceCredentialsCheck.signatureMethod"),
        refused(
            check()
                .connectTimeout(null)
                .attemptTimeout(null)
                .callTimeout(null)
                .retryPolicy(null)
                .signatureMethod(null)));
  }

  @Test
  void theLongestAllowedSettingsStillGiveAVerdict() {
    try (FakeCommerceServer store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start();
        CommerceCredentialsCheck check =
            CommerceCredentialsCheck.builder()
                .baseUrl(store.baseUrl())
                .credentials(TestCredentials.DISTINCT)
                .connectTimeout(Duration.ofHours(24))
                .attemptTimeout(Duration.ofHours(24))
                .callTimeout(Duration.ofHours(24))
                .retryPolicy(
                    RetryPolicy.builder()
                        .maxAttempts(100)
                        .initialBackoff(Duration.ofHours(24))
                        .maxBackoff(Duration.ofHours(24))
                        .maxRetryAfter(Duration.ofHours(24))
                        .build())
                .build()) {
      assertEquals(CredentialsVerdict.OK, check.run().verdict());
    }
  }

  @Test
  void aNonAsciiBaseUrlIsRefused() {
    assertEquals(
        Set.of("commerceCredentialsCheck.baseUrl"),
        refused(check().baseUrl("http://127.0.0.1:1/caf\u00e9")));
  }
}
