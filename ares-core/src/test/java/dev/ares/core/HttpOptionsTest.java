package dev.ares.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpOptionsTest {

  private static List<String> refused(HttpOptions.Builder builder) {
    AresValidationException e = assertThrows(AresValidationException.class, builder::build);
    return e.violations().stream().map(FieldViolation::toString).collect(Collectors.toList());
  }

  @Test
  void theLimitsThemselvesAreAccepted() {
    HttpOptions edge =
        HttpOptions.builder()
            .connectTimeout(Duration.ofMillis(1))
            .attemptTimeout(Duration.ofHours(24))
            .callTimeout(Duration.ofHours(24))
            .maxResponseBytes(Integer.MAX_VALUE - 8)
            .maxConnections(10_000)
            .build();
    assertEquals(Integer.MAX_VALUE - 8, edge.maxResponseBytes());
    HttpOptions.builder().maxResponseBytes(1).maxConnections(1).build();
  }

  @Test
  void justBeyondTheLimitsEachFieldIsNamed() {
    assertEquals(
        List.of(
            "httpOptions.connectTimeout must be at least 1 ms",
            "httpOptions.attemptTimeout must be at most 24 hours",
            "httpOptions.callTimeout must be positive",
            "httpOptions.maxResponseBytes must be at most 2147483639",
            "httpOptions.maxConnections must be at most 10000"),
        refused(
            HttpOptions.builder()
                .connectTimeout(Duration.ofNanos(999_999))
                .attemptTimeout(Duration.ofHours(24).plusNanos(1))
                .callTimeout(Duration.ofSeconds(-1))
                .maxResponseBytes(Integer.MAX_VALUE - 7L)
                .maxConnections(10_001)));
    assertEquals(
        List.of(
            "httpOptions.maxResponseBytes must be at least 1",
            "httpOptions.maxConnections must be at least 1"),
        refused(
            HttpOptions.builder()
                .maxResponseBytes(Long.MIN_VALUE)
                .maxConnections(Integer.MIN_VALUE)));
  }

  @Test
  void aCopyIsCheckedToo() {
    assertThrows(
        AresValidationException.class, () -> HttpOptions.defaults().withCallTimeout(Duration.ZERO));
    assertThrows(AresValidationException.class, () -> HttpOptions.defaults().withRetryPolicy(null));
  }

  @Test
  void anyRetryAfterIsTheLongestAcceptedWait() {
    RetryPolicy any = RetryPolicy.builder().maxRetryAfter(RetryPolicy.ANY_RETRY_AFTER).build();
    assertEquals(Duration.ofHours(24), any.maxRetryAfter());
    assertThrows(
        AresValidationException.class,
        () ->
            RetryPolicy.builder().maxRetryAfter(RetryPolicy.ANY_RETRY_AFTER.plusNanos(1)).build());
  }
}
