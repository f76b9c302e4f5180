package dev.ares.matcher.server;

import java.time.Duration;
import java.util.Objects;

/**
 * One request a {@link MatcherServer} received, once it has ended: which route it asked for, how it
 * ended and how long it took. Given to {@link MatcherServerListener#requestEnd}. Holds no header
 * value, body, token, query or client address. Immutable.
 */
public final class ServedRequest {

  /** The route of {@link AssetMatcherHttpHandler#ASSET_TO_PRODUCT_PATH}. */
  public static final String ASSET_TO_PRODUCT = "asset-to-product";

  /** The route of {@link AssetMatcherHttpHandler#PRODUCT_TO_ASSET_PATH}. */
  public static final String PRODUCT_TO_ASSET = "product-to-asset";

  /** The route of {@link MatcherServer#HEALTH_PATH}. */
  public static final String HEALTH = "health";

  /** The route of every other path. */
  public static final String OTHER = "other";

  private final String route;
  private final int status;
  private final RequestOutcome outcome;
  private final Duration duration;

  private ServedRequest(String route, int status, RequestOutcome outcome, Duration duration) {
    this.route = route;
    this.status = status;
    this.outcome = outcome;
    this.duration = duration;
  }

  /**
   * A request that ended so.
   *
   * @param route one of {@link #ASSET_TO_PRODUCT}, {@link #PRODUCT_TO_ASSET}, {@link #HEALTH} and
   *     {@link #OTHER}
   * @param status the status sent, or 0 when none was ({@link RequestOutcome#ABANDONED})
   * @param outcome how it ended
   * @param duration from the arrival of its head to its end
   * @throws IllegalArgumentException for another route, a status outside 0 and 100–599, or a
   *     negative duration
   */
  public static ServedRequest of(
      String route, int status, RequestOutcome outcome, Duration duration) {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    if (!route.equals(ASSET_TO_PRODUCT)
        && !route.equals(PRODUCT_TO_ASSET)
        && !route.equals(HEALTH)
        && !route.equals(OTHER)) {
      throw new IllegalArgumentException("unknown route " + route);
    }
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be 0 or between 100 and 599");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative");
    }
    return new ServedRequest(route, status, outcome, duration);
  }

  /**
   * Which route the path named: {@value #ASSET_TO_PRODUCT}, {@value #PRODUCT_TO_ASSET}, {@value
   * #HEALTH} or {@value #OTHER} (a small, fixed set: fit for a metric tag).
   */
  public String route() {
    return route;
  }

  /** The status sent, or 0 when none was. */
  public int status() {
    return status;
  }

  /** How the request ended. */
  public RequestOutcome outcome() {
    return outcome;
  }

  /** From the arrival of the request's head to the end of its exchange (the answer written). */
  public Duration duration() {
    return duration;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServedRequest r
        && route.equals(r.route)
        && status == r.status
        && outcome == r.outcome
        && duration.equals(r.duration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(route, status, outcome, duration);
  }

  @Override
  public String toString() {
    return "ServedRequest{"
        + route
        + " "
        + status
        + " "
        + outcome
        + " "
        + duration.toMillis()
        + " ms}";
  }
}
