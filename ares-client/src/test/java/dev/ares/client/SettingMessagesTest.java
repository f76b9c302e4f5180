package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.RetryPolicy;
import dev.ares.core.internal.http.HttpEngine;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each refused setting says exactly what is wrong, and each limit is inclusive: the largest value
 * allowed builds, one more is refused.
 */
class SettingMessagesTest {

  private static final String NOT_VISIBLE_ASCII =
      "must be visible ASCII (spaces and tabs only between visible characters):"
          + " encode other text, such as with percent-encoding or Base64";

  private static AresClientBuilder builder() {
    return AresClient.builder()
        .endpoint("http://127.0.0.1:1/graphql")
        .apiKey(Fixtures.API_KEY)
        .environmentId("env-1")
        .gatewaySignature(Fixtures.JWT);
  }

  private static List<String> problems(Supplier<?> build) {
    return assertThrows(AresValidationException.class, build::get).violations().stream()
        .map(FieldViolation::toString)
        .toList();
  }

  private static void builds(AresClientBuilder b) {
    b.build().close();
  }

  @Test
  void aMissingOrSubMillisecondTimeoutSaysWhy() {
    assertEquals(
        List.of(
            "aresClient.connectTimeout is required",
            "aresClient.attemptTimeout must be at least 1 ms"),
        problems(
            () ->
                builder().connectTimeout(null).attemptTimeout(Duration.ofNanos(999_999)).build()));
  }

  @Test
  void aMissingRetryWaitSaysItIsRequired() {
    assertEquals(
        List.of("retryPolicy.maxBackoff is required"),
        problems(() -> RetryPolicy.builder().maxBackoff(null).build()));
  }

  @Test
  void theResponseSizeLimitRunsFromOneByteToTheLargestBody() {
    builds(builder().maxResponseBytes(1));
    builds(builder().maxResponseBytes(HttpEngine.MAX_BODY_BYTES));
    // The same words as every other client's limit (SettingRules).
    assertEquals(
        List.of("aresClient.maxResponseBytes must be at least 1"),
        problems(() -> builder().maxResponseBytes(0).build()));
    assertEquals(
        List.of("aresClient.maxResponseBytes must be at most " + HttpEngine.MAX_BODY_BYTES),
        problems(() -> builder().maxResponseBytes(HttpEngine.MAX_BODY_BYTES + 1).build()));
  }

  @Test
  void anExtraHeaderValueIsRequiredAndAtMost8192Characters() {
    builds(builder().header("x-note", "n".repeat(8192)));
    assertEquals(
        List.of("aresClient.headers.x-note must be at most 8192 characters"),
        problems(() -> builder().header("x-note", "n".repeat(8193)).build()));
    assertEquals(
        List.of("aresClient.headers.x-note is required"),
        problems(() -> builder().header("x-note", null).build()));
    builds(builder().header("x-note", ""));
  }

  @Test
  void aSpaceOrTabMayNotStartOrEndAHeaderValue() {
    builds(builder().header("x-note", "a b").apiKey("key with inner gaps"));
    assertEquals(
        List.of("aresClient.headers.x-note " + NOT_VISIBLE_ASCII),
        problems(() -> builder().header("x-note", "a ").build()));
    assertEquals(
        List.of("aresClient.headers.x-note " + NOT_VISIBLE_ASCII),
        problems(() -> builder().header("x-note", " a").build()));
    assertEquals(
        List.of("aresClient.headers.x-note " + NOT_VISIBLE_ASCII),
        problems(() -> builder().header("x-note", "ab\t").build()));
    assertEquals(
        List.of("aresClient.apiKey " + NOT_VISIBLE_ASCII),
        problems(() -> builder().apiKey("key ").build()));
  }

  @Test
  void aTextValueMayHaveUpTo8192Characters() {
    TenantInput.Builder longest = Fixtures.tenantBuilder().projectId("p".repeat(8192));
    assertEquals(8192, longest.build().projectId().length());
    assertEquals(
        List.of("tenantInput.projectId must be at most 8192 characters"),
        problems(() -> Fixtures.tenantBuilder().projectId("p".repeat(8193)).build()));
  }

  @Test
  void plainHttpToALoopbackAddressWithAnUnknownInterfaceIsRefused() {
    assertEquals(
        List.of(
            "aresClient.endpoint must use https (plain http is allowed for loopback,"
                + " or with allowInsecureHttp(true))"),
        problems(() -> builder().endpoint("http://[::1%nosuchif0]:8080/graphql").build()));
  }
}
