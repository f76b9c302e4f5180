package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.matching.ExternalMatcherException.Reason;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settings beyond the documented limits are refused by build(); any {@code expires_in} IMS sends is
 * clamped instead of breaking every call; header values that HTTP would alter are refused.
 */
class ExternalMatcherLimitsTest {

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String base() {
    return server.url("").toString().replaceAll("/$", "");
  }

  private ExternalMatcher.Builder matcher() {
    return ExternalMatcher.builder()
        .rule(ExternalMatcherFailuresTest.rule(base()))
        .retryPolicy(TestPolicies.backoff(Duration.ofMillis(1)))
        .callTimeout(Duration.ofSeconds(5));
  }

  private static Set<String> refused(ExternalMatcher.Builder builder) {
    AresValidationException e = assertThrows(AresValidationException.class, builder::build);
    return e.violations().stream().map(FieldViolation::path).collect(Collectors.toSet());
  }

  @Test
  void durationsAndCountsBeyondTheirLimitsAreRefused() {
    assertEquals(
        Set.of("externalMatcher.callTimeout"),
        refused(matcher().callTimeout(Duration.ofDays(365 * 300))));
    assertEquals(
        Set.of(
            "externalMatcher.connectTimeout",
            "externalMatcher.attemptTimeout",
            "externalMatcher.retryPolicy"),
        refused(
            matcher()
                .connectTimeout(Duration.ofSeconds(Long.MAX_VALUE))
                .attemptTimeout(Duration.ofNanos(1))
                .retryPolicy(null)));
    // The backoff and attempt limits are RetryPolicy's own, refused when the policy is built.
    AresValidationException policy =
        assertThrows(AresValidationException.class, () -> TestPolicies.of(101, Duration.ofDays(2)));
    assertEquals(
        Set.of("retryPolicy.maxAttempts", "retryPolicy.initialBackoff"),
        policy.violations().stream().map(FieldViolation::path).collect(Collectors.toSet()));
    assertEquals(
        Set.of("externalMatcher.maxConnections", "externalMatcher.maxResponseBytes"),
        refused(matcher().maxConnections(10_001).maxResponseBytes(Integer.MAX_VALUE)));
    matcher()
        .callTimeout(Duration.ofHours(24))
        .connectTimeout(Duration.ofHours(24))
        .attemptTimeout(Duration.ofMillis(1))
        .retryPolicy(TestPolicies.of(100, Duration.ZERO))
        .maxConnections(10_000)
        .build()
        .close();
  }

  @Test
  void aNonAsciiImsOrgIdIsRefusedByName() {
    ExternalMatcherInput rule =
        ExternalMatcherInput.builder()
            .from(ExternalMatcherFailuresTest.rule(base()))
            .credentials(
                ExternalMatcherCredentialsInput.builder()
                    .from(ExternalMatcherFailuresTest.rule(base()).credentials())
                    .imsOrgId("ORG\u00e9@AdobeOrg")
                    .build())
            .build();
    assertEquals(
        Set.of("externalMatcher.credentials.imsOrgId"),
        refused(ExternalMatcher.builder().rule(rule)));
  }

  /** Two calls; how many token requests they made. Answers go by path, whatever the order. */
  private int tokenRequestsForTwoCalls(String expiresIn) throws Exception {
    AtomicInteger tokens = new AtomicInteger();
    MockResponse token =
        ExternalMatcherFailuresTest.json(
            200,
            "{\"access_token\":\""
                + ExternalMatcherFailuresTest.TOKEN
                + "\",\"token_type\":\"bearer\""
                + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn)
                + "}");
    MockResponse answer = ExternalMatcherFailuresTest.json(200, ExternalMatcherFailuresTest.A2P);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getUrl().encodedPath().startsWith("/ims")) {
              tokens.incrementAndGet();
              return token;
            }
            return answer;
          }
        });
    try (ExternalMatcher m = matcher().build()) {
      m.matchAsset(ExternalMatcherFailuresTest.ASSET);
      m.matchAsset(ExternalMatcherFailuresTest.ASSET);
    }
    return tokens.get();
  }

  @Test
  void hugeLifetimesAreClampedAndTheTokenIsKept() throws Exception {
    // 1e400, beyond a double, is no strict JSON at all: StrictImsAnswersTest has it malformed.
    for (String huge :
        new String[] {"10000000000", "9223372036854775807", "1e30", "99999999999999999999999999"}) {
      assertEquals(1, tokenRequestsForTwoCalls(huge), huge);
      server.close();
      start();
    }
  }

  @Test
  void missingZeroNegativeOrNonNumericLifetimesServeOneCallEach() throws Exception {
    for (String once :
        new String[] {null, "0", "-5", "-1e30", "\"3600\"", "null", "true", "{}", "0.4"}) {
      assertEquals(2, tokenRequestsForTwoCalls(once), String.valueOf(once));
      server.close();
      start();
    }
  }

  @Test
  void fractionalLifetimesAreRoundedDown() throws Exception {
    assertEquals(1, tokenRequestsForTwoCalls("3599.9"));
  }

  @Test
  void aTokenHttpWouldAlterIsAMalformedAnswer() {
    server.enqueue(
        ExternalMatcherFailuresTest.json(
            200, "{\"access_token\":\"tok-\u00e9\u00e9\",\"expires_in\":100}"));
    try (ExternalMatcher m = matcher().build()) {
      ExternalMatcherException e =
          assertThrows(
              ExternalMatcherException.class,
              () -> m.matchAsset(ExternalMatcherFailuresTest.ASSET));
      assertEquals(Reason.MALFORMED_RESPONSE, e.reason());
      assertFalse(e.getMessage().contains("tok-"), e.getMessage());
      assertEquals(1, server.getRequestCount());
    }
  }

  @Test
  void nonAsciiUrlsAreRefusedByName() {
    ExternalMatcherInput rule =
        ExternalMatcherInput.builder()
            .from(ExternalMatcherFailuresTest.rule(base()))
            .assetToProductUrl(base() + "/caf\u00e9")
            .build();
    assertEquals(
        Set.of("externalMatcher.assetToProductUrl"), refused(ExternalMatcher.builder().rule(rule)));
  }
}
