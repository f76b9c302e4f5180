package dev.ares.core.internal;

import dev.ares.core.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: before attempt {@code n + 1} wait a random time between half and
 * all of {@code min(maxBackoff, initialBackoff * 2^(n-1))}, so many clients failing together do not
 * retry in step.
 *
 * <p>Internal: not part of the public API.
 */
public final class Backoff {

  private Backoff() {}

  /** The wait after failed attempt number {@code attempt} (1-based), before the next one. */
  public static Duration after(int attempt, RetryPolicy policy) {
    long initial = policy.initialBackoff().toNanos();
    long max = policy.maxBackoff().toNanos();
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long ceiling = initial > (max >> shift) ? max : Math.min(max, initial << shift);
    if (ceiling <= 1) {
      return Duration.ofNanos(Math.max(ceiling, 0));
    }
    long half = ceiling / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }
}
