package dev.ares.matching;

import dev.ares.core.AresException;
import dev.ares.core.AresValidationException;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * "Every failure is typed", over extreme durations, counts and IMS token lifetimes: for any
 * settings, {@code build()} refuses them with {@link AresValidationException}, or the matcher's
 * calls succeed or fail with an {@link AresException} (transport, status or matcher) — never an
 * ArithmeticException, IllegalArgumentException or NullPointerException.
 */
class TypedFailuresPropertiesTest {

  private static MockWebServer server;
  private static volatile String expiresIn = "100";

  @BeforeContainer
  static void startServer() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getUrl().encodedPath().startsWith("/ims")) {
              return ExternalMatcherFailuresTest.json(
                  200,
                  "{\"access_token\":\"tok-1\","
                      + "\"token_type\":\"bearer\",\"expires_in\":"
                      + expiresIn
                      + "}");
            }
            return ExternalMatcherFailuresTest.json(200, ExternalMatcherFailuresTest.A2P);
          }
        });
    server.start();
  }

  @AfterContainer
  static void stopServer() {
    server.close();
  }

  private static <T> Arbitrary<T> usuallyFine(T usual, Arbitrary<T> extreme) {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(usual)), Tuple.of(1, extreme));
  }

  private static Arbitrary<Duration> extremeDurations() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            Duration.ZERO,
            Duration.ofNanos(1),
            Duration.ofNanos(-1),
            Duration.ofNanos(999_999),
            Duration.ofMillis(1),
            Duration.ofHours(24),
            Duration.ofHours(24).plusNanos(1),
            Duration.ofDays(365 * 300),
            Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
            Duration.ofSeconds(Long.MIN_VALUE),
            Duration.ofNanos(Long.MAX_VALUE)),
        Arbitraries.longs().map(Duration::ofNanos),
        Arbitraries.longs().map(Duration::ofSeconds));
  }

  @Provide
  Arbitrary<Duration> timeout() {
    return usuallyFine(
        Duration.ofSeconds(5), Arbitraries.oneOf(extremeDurations(), Arbitraries.just(null)));
  }

  @Provide
  Arbitrary<Duration> backoff() {
    return usuallyFine(
        Duration.ofMillis(1), Arbitraries.oneOf(extremeDurations(), Arbitraries.just(null)));
  }

  @Provide
  Arbitrary<Integer> count() {
    return usuallyFine(
        3,
        Arbitraries.oneOf(
            Arbitraries.of(
                Integer.MIN_VALUE, -1, 0, 1, 100, 101, Integer.MAX_VALUE - 8, Integer.MAX_VALUE),
            Arbitraries.integers()));
  }

  @Provide
  Arbitrary<String> lifetime() {
    return usuallyFine(
        "100",
        Arbitraries.oneOf(
            Arbitraries.of(
                "0",
                "-1",
                "1",
                "0.5",
                "3599.9",
                "10000000000",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "1e30",
                "1e400",
                "-1e400",
                "null",
                "\"3600\"",
                "\"\"",
                "true",
                "[]",
                "{}"),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf)));
  }

  @Property(tries = 200)
  void buildRefusesOrCallsFailTyped(
      @ForAll("timeout") Duration connect,
      @ForAll("timeout") Duration attempt,
      @ForAll("timeout") Duration call,
      @ForAll("backoff") Duration backoff,
      @ForAll("count") int maxAttempts,
      @ForAll("count") int maxResponseBytes,
      @ForAll("lifetime") String lifetime) {
    expiresIn = lifetime;
    ExternalMatcher matcher;
    try {
      matcher =
          ExternalMatcher.builder()
              .rule(
                  ExternalMatcherFailuresTest.rule(server.url("").toString().replaceAll("/$", "")))
              .connectTimeout(connect)
              .attemptTimeout(attempt)
              .callTimeout(call)
              .retryPolicy(TestPolicies.of(maxAttempts, backoff))
              .maxResponseBytes(maxResponseBytes)
              .build();
    } catch (AresValidationException refused) {
      return;
    } catch (RuntimeException e) {
      throw new AssertionError("build() failed untyped: " + e, e);
    }
    try (matcher) {
      for (int i = 0; i < 2; i++) {
        try {
          matcher.matchAsset(ExternalMatcherFailuresTest.ASSET);
        } catch (AresException typed) {
          // a typed failure, such as an attempt timeout of 1 ms, keeps the promise
        } catch (RuntimeException e) {
          throw new AssertionError("matchAsset failed untyped: " + e, e);
        }
      }
    }
  }
}
