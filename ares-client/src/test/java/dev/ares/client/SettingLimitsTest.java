package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.testing.FakeAresServer;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Durations and counts beyond the documented limits are refused by build(), naming the field. */
class SettingLimitsTest {

  private static AresClientBuilder builder() {
    return AresClient.builder()
        .endpoint("http://127.0.0.1:1/graphql")
        .apiKey(Fixtures.API_KEY)
        .environmentId("env-1")
        .gatewaySignature(Fixtures.JWT);
  }

  private static Set<String> fieldsRefused(Runnable build) {
    AresValidationException e = assertThrows(AresValidationException.class, build::run);
    return e.violations().stream().map(FieldViolation::path).collect(Collectors.toSet());
  }

  @Test
  void aCallTimeoutOfThreeHundredYearsIsRefusedAtBuild() {
    assertEquals(
        Set.of("aresClient.callTimeout"),
        fieldsRefused(() -> builder().callTimeout(Duration.ofDays(365 * 300)).build()));
  }

  @Test
  void everyTimeoutHasAMaximumAndAMinimum() {
    Duration tooLong = Duration.ofHours(24).plusNanos(1);
    assertEquals(
        Set.of("aresClient.connectTimeout", "aresClient.attemptTimeout", "aresClient.callTimeout"),
        fieldsRefused(
            () ->
                builder()
                    .connectTimeout(tooLong)
                    .attemptTimeout(tooLong)
                    .callTimeout(tooLong)
                    .build()));
    assertEquals(
        Set.of("aresClient.connectTimeout", "aresClient.attemptTimeout", "aresClient.callTimeout"),
        fieldsRefused(
            () ->
                builder()
                    .connectTimeout(Duration.ofNanos(1))
                    .attemptTimeout(Duration.ofNanos(999_999))
                    .callTimeout(Duration.ZERO)
                    .build()));
    builder()
        .connectTimeout(Duration.ofMillis(1))
        .attemptTimeout(Duration.ofHours(24))
        .callTimeout(Duration.ofHours(24))
        .build()
        .close();
  }

  @Test
  void retryPolicyWaitsAndAttemptsHaveMaxima() {
    assertEquals(
        Set.of(
            "retryPolicy.initialBackoff",
            "retryPolicy.maxBackoff",
            "retryPolicy.maxRetryAfter",
            "retryPolicy.maxAttempts"),
        fieldsRefused(
            () ->
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofSeconds(Long.MAX_VALUE))
                    .maxBackoff(Duration.ofDays(2))
                    .maxRetryAfter(Duration.ofDays(365 * 300))
                    .maxAttempts(Integer.MAX_VALUE)
                    .build()));
    RetryPolicy.builder()
        .initialBackoff(Duration.ZERO)
        .maxBackoff(Duration.ofHours(24))
        .maxRetryAfter(Duration.ofHours(24))
        .maxAttempts(100)
        .build();
  }

  @Test
  void countsHaveMaxima() {
    assertEquals(
        Set.of("aresClient.maxConnections", "aresClient.maxResponseBytes"),
        fieldsRefused(
            () ->
                builder()
                    .maxConnections(Integer.MAX_VALUE)
                    .maxResponseBytes(Long.MAX_VALUE)
                    .build()));
  }

  @Test
  void theLongestAllowedTimeoutsStillMakeCalls() {
    try (FakeAresServer fake = FakeAresServer.start();
        AresClient client =
            builder()
                .endpoint(fake.endpoint())
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
      assertTrue(client.registerTenant(Fixtures.tenant()).tenantId().isPresent());
      assertEquals(1, fake.requestCount());
    }
  }

  @Test
  void violationsListEveryBadSettingAtOnce() {
    List<FieldViolation> violations =
        assertThrows(
                AresValidationException.class,
                () ->
                    builder()
                        .connectTimeout(Duration.ofSeconds(Long.MIN_VALUE))
                        .callTimeout(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))
                        .build())
            .violations();
    assertEquals(2, violations.size(), violations.toString());
  }

  @Test
  void nullRetryWaitsAreNamedByBuild() {
    assertEquals(
        Set.of("retryPolicy.initialBackoff", "retryPolicy.maxBackoff", "retryPolicy.maxRetryAfter"),
        fieldsRefused(
            () ->
                RetryPolicy.builder()
                    .initialBackoff(null)
                    .maxBackoff(null)
                    .maxRetryAfter(null)
                    .build()));
    assertEquals(Duration.ofMillis(200), RetryPolicy.defaults().initialBackoff());
  }
}
