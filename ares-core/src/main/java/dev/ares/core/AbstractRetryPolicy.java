package dev.ares.core;

import dev.ares.core.internal.Nullable;
import dev.ares.core.internal.SettingRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * When and how the client tries a request again. Only failures that certainly did not change
 * anything are retried: a connection that could not be made (the request was never sent), 429 and
 * 503. Waits grow exponentially with jitter; a {@code Retry-After} from the service is honoured up
 * to {@link #maxRetryAfter()}.
 *
 * <p>Defaults: 3 attempts, 200 ms first backoff, 5 s longest backoff, 30 s longest Retry-After.
 * {@link RetryPolicy#none()} sends each request once.
 *
 * <p>Limits, checked when the policy is built: 1 to 100 attempts; every duration from zero to 24
 * hours. Anything else, {@code null} included, is refused with {@link AresValidationException}
 * naming the field, so a built policy never holds a {@code null}.
 */
@Value.Immutable
abstract class AbstractRetryPolicy {

  /** How many attempts in all, the first included; 1 to 100. */
  @Value.Default
  public int maxAttempts() {
    return 3;
  }

  /** The backoff before the second attempt; each later one doubles, up to {@link #maxBackoff()}. */
  @Value.Default
  @Nullable // so that build() names a null instead of the builder throwing NullPointerException
  public Duration initialBackoff() {
    return Duration.ofMillis(200);
  }

  /** The longest backoff between two attempts. */
  @Value.Default
  @Nullable // so that build() names a null instead of the builder throwing NullPointerException
  public Duration maxBackoff() {
    return Duration.ofSeconds(5);
  }

  /**
   * The longest {@code Retry-After} honoured; a longer one ends the call with the error. {@link
   * #ANY_RETRY_AFTER} leaves the bound to the call timeout alone.
   */
  @Value.Default
  @Nullable // so that build() names a null instead of the builder throwing NullPointerException
  public Duration maxRetryAfter() {
    return Duration.ofSeconds(30);
  }

  /**
   * A {@link #maxRetryAfter()} that honours every {@code Retry-After} the call timeout leaves room
   * for: no call timeout exceeds 24 hours, so only the call's deadline bounds the wait. A wait that
   * does not fit in the rest of the call ends it as its client documents.
   */
  public static final Duration ANY_RETRY_AFTER = SettingRules.MAX_DURATION;

  /** The default policy. */
  public static RetryPolicy defaults() {
    return RetryPolicy.builder().build();
  }

  /** A policy that never retries. */
  public static RetryPolicy none() {
    return RetryPolicy.builder().maxAttempts(1).build();
  }

  @Value.Check
  final void check() {
    List<FieldViolation> problems = new ArrayList<>();
    String attempts = SettingRules.problemWithCount(maxAttempts(), 1, SettingRules.MAX_ATTEMPTS);
    if (attempts != null) {
      problems.add(FieldViolation.of("retryPolicy.maxAttempts", attempts));
    }
    checkWait(initialBackoff(), "retryPolicy.initialBackoff", problems);
    checkWait(maxBackoff(), "retryPolicy.maxBackoff", problems);
    checkWait(maxRetryAfter(), "retryPolicy.maxRetryAfter", problems);
    if (!problems.isEmpty()) {
      throw new AresValidationException(problems);
    }
  }

  private static void checkWait(Duration d, String path, List<FieldViolation> problems) {
    String problem = SettingRules.problemWithWait(d);
    if (problem != null) {
      problems.add(FieldViolation.of(path, problem));
    }
  }
}
