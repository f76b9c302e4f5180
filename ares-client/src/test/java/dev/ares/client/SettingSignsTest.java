package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A zero or negative timeout, and a negative wait, are refused by name with the reason. */
class SettingSignsTest {

  private static AresClientBuilder builder() {
    return AresClient.builder()
        .endpoint("http://127.0.0.1:1/graphql")
        .apiKey(Fixtures.API_KEY)
        .environmentId("env-1")
        .gatewaySignature(Fixtures.JWT);
  }

  private static List<String> problems(Runnable build) {
    return assertThrows(AresValidationException.class, build::run).violations().stream()
        .map(FieldViolation::toString)
        .toList();
  }

  @Test
  void zeroOrNegativeTimeoutsMustBePositive() {
    assertEquals(
        List.of(
            "aresClient.connectTimeout must be positive",
            "aresClient.attemptTimeout must be positive",
            "aresClient.callTimeout must be positive"),
        problems(
            () ->
                builder()
                    .connectTimeout(Duration.ZERO)
                    .attemptTimeout(Duration.ZERO)
                    .callTimeout(Duration.ZERO)
                    .build()));
    assertEquals(
        List.of(
            "aresClient.connectTimeout must be positive",
            "aresClient.attemptTimeout must be positive",
            "aresClient.callTimeout must be positive"),
        problems(
            () ->
                builder()
                    .connectTimeout(Duration.ofMillis(-1))
                    .attemptTimeout(Duration.ofSeconds(-30))
                    .callTimeout(Duration.ofNanos(-1))
                    .build()));
  }

  @Test
  void negativeRetryWaitsAreRefusedAndZeroIsFine() {
    assertEquals(
        List.of(
            "retryPolicy.initialBackoff must not be negative",
            "retryPolicy.maxBackoff must not be negative",
            "retryPolicy.maxRetryAfter must not be negative"),
        problems(
            () ->
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofNanos(-1))
                    .maxBackoff(Duration.ofMillis(-1))
                    .maxRetryAfter(Duration.ofSeconds(-1))
                    .build()));
    RetryPolicy zero =
        RetryPolicy.builder()
            .initialBackoff(Duration.ZERO)
            .maxBackoff(Duration.ZERO)
            .maxRetryAfter(Duration.ZERO)
            .build();
    assertEquals(Duration.ZERO, zero.maxRetryAfter());
  }
}
