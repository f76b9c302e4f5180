package dev.ares.commerce.oauth;

import dev.ares.commerce.oauth.testing.FakeCommerceServer;
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
 * refuses them with {@link AresValidationException}, or {@link CommerceCredentialsCheck#run()}
 * returns a verdict — never an ArithmeticException, IllegalArgumentException or
 * NullPointerException.
 */
class TypedFailuresPropertiesTest {

  private static FakeCommerceServer store;

  @BeforeContainer
  static void startStore() {
    store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start();
  }

  @AfterContainer
  static void stopStore() {
    store.close();
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
    return usuallyFine(Duration.ofMillis(1), extremeDurations());
  }

  @Provide
  Arbitrary<Integer> count() {
    return usuallyFine(
        3,
        Arbitraries.oneOf(
            Arbitraries.of(
                Integer.MIN_VALUE, -1, 0, 1, 100, 101, 10_000, 10_001, Integer.MAX_VALUE),
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
                (long) Integer.MAX_VALUE,
                Long.MAX_VALUE),
            Arbitraries.longs()));
  }

  @Property(tries = 200)
  void buildRefusesOrRunGivesAVerdict(
      @ForAll("timeout") Duration connect,
      @ForAll("timeout") Duration attempt,
      @ForAll("timeout") Duration call,
      @ForAll("backoff") Duration initialBackoff,
      @ForAll("backoff") Duration maxRetryAfter,
      @ForAll("count") int maxAttempts,
      @ForAll("count") int maxConnections,
      @ForAll("size") long maxResponseBytes) {
    CommerceCredentialsCheck check;
    try {
      RetryPolicy policy =
          RetryPolicy.builder()
              .initialBackoff(initialBackoff)
              .maxRetryAfter(maxRetryAfter)
              .maxAttempts(maxAttempts)
              .build();
      check =
          CommerceCredentialsCheck.builder()
              .baseUrl(store.baseUrl())
              .credentials(TestCredentials.DISTINCT)
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
    try (check) {
      if (check.run() == null) {
        throw new AssertionError("run() returned no verdict");
      }
    } catch (RuntimeException e) {
      throw new AssertionError("run() threw instead of giving a verdict: " + e, e);
    }
  }
}
