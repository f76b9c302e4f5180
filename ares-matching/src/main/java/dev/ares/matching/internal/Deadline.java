package dev.ares.matching.internal;

import java.time.Duration;

/**
 * The end of a whole call, on the monotonic clock.
 *
 * <p>Internal: not part of the public API.
 */
public final class Deadline {

  private final long endNanos;

  private Deadline(long endNanos) {
    this.endNanos = endNanos;
  }

  /** A deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** Time left; zero or negative once passed. */
  public Duration remaining() {
    return Duration.ofNanos(endNanos - System.nanoTime());
  }

  /** The end, on the {@link System#nanoTime()} clock. */
  public long endNanos() {
    return endNanos;
  }

  /** Whether the deadline has passed. */
  public boolean passed() {
    return endNanos - System.nanoTime() <= 0;
  }
}
