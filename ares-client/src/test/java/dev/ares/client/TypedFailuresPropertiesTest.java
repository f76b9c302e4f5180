package dev.ares.client;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ares.client.testing.FakeAresServer;
import dev.ares.core.AresException;
import dev.ares.core.AresValidationException;
import dev.ares.core.RetryPolicy;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * "Every failure is typed", over extreme durations and numbers: for any settings, {@code build()}
 * either refuses them with {@link AresValidationException}, or builds a client whose calls succeed
 * or fail with an {@link AresException} — never an ArithmeticException, IllegalArgumentException or
 * NullPointerException.
 */
class TypedFailuresPropertiesTest {

  private static FakeAresServer fake;

  @BeforeContainer
  static void startFake() {
    fake = FakeAresServer.start();
  }

  @AfterContainer
  static void stopFake() {
    fake.close();
  }

  /** Durations around every edge: zero, negative, sub-millisecond, the maximum, overflow. */
  @Provide
  Arbitrary<Duration> durations() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            Duration.ZERO,
            Duration.ofNanos(1),
            Duration.ofNanos(-1),
            Duration.ofNanos(999_999),
            Duration.ofMillis(1),
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            Duration.ofHours(24),
            Duration.ofHours(24).plusNanos(1),
            Duration.ofDays(365 * 300),
            Duration.ofSeconds(Long.MAX_VALUE),
            Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
            Duration.ofSeconds(Long.MIN_VALUE),
            Duration.ofNanos(Long.MAX_VALUE),
            Duration.ofNanos(Long.MIN_VALUE)),
        Arbitraries.longs().map(Duration::ofNanos),
        Arbitraries.longs().map(Duration::ofMillis),
        Arbitraries.longs().map(Duration::ofSeconds));
  }

  /** Mostly the usual value, so that each extreme is also tried with everything else valid. */
  private static <T> Arbitrary<T> usuallyFine(T usual, Arbitrary<T> extreme) {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(usual)), Tuple.of(1, extreme));
  }

  @Provide
  Arbitrary<Duration> timeout() {
    return usuallyFine(
        Duration.ofSeconds(5), Arbitraries.oneOf(durations(), Arbitraries.just(null)));
  }

  @Provide
  Arbitrary<Duration> backoff() {
    return usuallyFine(
        Duration.ofMillis(1), Arbitraries.oneOf(durations(), Arbitraries.just(null)));
  }

  @Provide
  Arbitrary<Integer> count() {
    return usuallyFine(
        3,
        Arbitraries.oneOf(
            Arbitraries.of(
                Integer.MIN_VALUE, -1, 0, 1, 2, 100, 101, 10_000, 10_001, Integer.MAX_VALUE),
            Arbitraries.integers()));
  }

  @Provide
  Arbitrary<Long> size() {
    return usuallyFine(
        4096L,
        Arbitraries.oneOf(
            Arbitraries.of(
                Long.MIN_VALUE,
                -1L,
                0L,
                1L,
                Integer.MAX_VALUE - 8L,
                Integer.MAX_VALUE - 7L,
                (long) Integer.MAX_VALUE,
                Long.MAX_VALUE),
            Arbitraries.longs()));
  }

  @Property(tries = 300)
  void buildRefusesOrCallsFailTyped(
      @ForAll("timeout") Duration connect,
      @ForAll("timeout") Duration attempt,
      @ForAll("timeout") Duration call,
      @ForAll("backoff") Duration initialBackoff,
      @ForAll("backoff") Duration maxBackoff,
      @ForAll("backoff") Duration maxRetryAfter,
      @ForAll("count") int maxAttempts,
      @ForAll("count") int maxConnections,
      @ForAll("size") long maxResponseBytes) {
    AresClient client;
    try {
      RetryPolicy policy =
          RetryPolicy.builder()
              .initialBackoff(initialBackoff)
              .maxBackoff(maxBackoff)
              .maxRetryAfter(maxRetryAfter)
              .maxAttempts(maxAttempts)
              .build();
      client =
          AresClient.builder()
              .endpoint(fake.endpoint())
              .apiKey(Fixtures.API_KEY)
              .environmentId("env-1")
              .gatewaySignature(Fixtures.JWT)
              .connectTimeout(connect)
              .attemptTimeout(attempt)
              .callTimeout(call)
              .retryPolicy(policy)
              .maxConnections(maxConnections)
              .maxResponseBytes(maxResponseBytes)
              .build();
    } catch (AresValidationException refused) {
      return;
    } catch (RuntimeException e) {
      throw new AssertionError("build() failed untyped: " + e, e);
    }
    try (client) {
      client.registerTenant(Fixtures.tenant());
    } catch (AresException typed) {
      // a typed failure, such as a timeout of 1 ms, keeps the promise
    } catch (RuntimeException e) {
      fail("registerTenant failed untyped: " + e, e);
    }
  }
}
