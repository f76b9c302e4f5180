package dev.ares.matching;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a bulk run stands, as its progress callback hears it: how many outcomes were delivered, how
 * many of them are failures, how many calls are in flight and the rate so far. Immutable.
 */
public final class BulkProgress {

  private final long done;
  private final long failed;
  private final int inFlight;
  private final Duration elapsed;

  /**
   * @param done outcomes delivered, failures included
   * @param failed outcomes delivered that are failures
   * @param inFlight calls started that have not completed yet
   * @param elapsed time since the run started
   */
  public BulkProgress(long done, long failed, int inFlight, Duration elapsed) {
    this.done = done;
    this.failed = failed;
    this.inFlight = inFlight;
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Outcomes delivered so far, failures included. */
  public long done() {
    return done;
  }

  /** Outcomes delivered so far that are failures. */
  public long failed() {
    return failed;
  }

  /** Calls started that have not completed yet. */
  public int inFlight() {
    return inFlight;
  }

  /** Time since the run started. */
  public Duration elapsed() {
    return elapsed;
  }

  /** Outcomes delivered per second since the run started; 0 before any time has passed. */
  public double perSecond() {
    long nanos = elapsed.toNanos();
    return nanos <= 0 ? 0 : done * 1e9 / nanos;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "BulkProgress{done=%d, failed=%d, inFlight=%d, elapsed=%s, perSecond=%.1f}",
        done,
        failed,
        inFlight,
        elapsed,
        perSecond());
  }
}
