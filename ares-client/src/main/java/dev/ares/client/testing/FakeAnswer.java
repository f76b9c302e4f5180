package dev.ares.client.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One scripted answer of the fake ARES ({@link FakeAresServer#enqueue} and {@link
 * InMemoryAresClient#enqueue}): it replaces the fake's own answer to the next request, that is to
 * the next attempt, so a script of {@code status(503)} then the fake's own answer tests a retry.
 * Immutable.
 *
 * <pre>{@code
 * fake.enqueue(FakeAnswer.status(503).withRetryAfter(Duration.ofSeconds(1)),
 *              FakeAnswer.userError("Tenant already exists", "tenantInput", "projectId"));
 * }</pre>
 */
public final class FakeAnswer {

  /** The longest delay or {@code Retry-After} a script may ask for. */
  public static final Duration MAX_WAIT = Duration.ofHours(24);

  enum Kind {
    STATUS,
    GRAPHQL_ERROR,
    USER_ERROR,
    DELAY,
    DROP
  }

  final Kind kind;
  final int status;
  final Duration retryAfter;
  final String message;
  final List<String> path;
  final Duration delay;

  private FakeAnswer(
      Kind kind,
      int status,
      Duration retryAfter,
      String message,
      List<String> path,
      Duration delay) {
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.message = message;
    this.path = path;
    this.delay = delay;
  }

  /**
   * An HTTP status with an empty GraphQL body, such as 429 or 503 (throttling, retried by the
   * client) or 500.
   *
   * @throws IllegalArgumentException unless {@code status} is 200 to 599
   */
  public static FakeAnswer status(int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be 200 to 599, was " + status);
    }
    return new FakeAnswer(Kind.STATUS, status, null, null, List.of(), Duration.ZERO);
  }

  /**
   * This status answer with a {@code Retry-After} header of whole seconds (rounded up), at most
   * {@link #MAX_WAIT}.
   */
  public FakeAnswer withRetryAfter(Duration retryAfter) {
    if (kind != Kind.STATUS) {
      throw new IllegalStateException("only a status answer has a Retry-After");
    }
    if (retryAfter.isNegative() || retryAfter.compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException("retryAfter must be 0 to 24 hours, was " + retryAfter);
    }
    return new FakeAnswer(kind, status, retryAfter, message, path, delay);
  }

  /** A 200 answer with this GraphQL error and no data. */
  public static FakeAnswer graphQlError(String message) {
    return new FakeAnswer(
        Kind.GRAPHQL_ERROR,
        200,
        null,
        Objects.requireNonNull(message, "message"),
        List.of(),
        Duration.ZERO);
  }

  /**
   * A 200 answer refusing the registration with this user error, such as {@code Tenant already
   * exists} at {@code tenantInput.projectId}; nothing is registered.
   */
  public static FakeAnswer userError(String message, String... path) {
    return new FakeAnswer(
        Kind.USER_ERROR,
        200,
        null,
        Objects.requireNonNull(message, "message"),
        List.of(path),
        Duration.ZERO);
  }

  /**
   * The fake's own answer, sent after {@code delay} (at most {@link #MAX_WAIT}); a delay longer
   * than the client's attempt timeout makes the attempt time out.
   */
  public static FakeAnswer delayed(Duration delay) {
    if (delay.isNegative() || delay.compareTo(MAX_WAIT) > 0) {
      throw new IllegalArgumentException("delay must be 0 to 24 hours, was " + delay);
    }
    return new FakeAnswer(Kind.DELAY, 200, null, null, List.of(), delay);
  }

  /** No answer: the connection is closed after the request was read. */
  public static FakeAnswer dropConnection() {
    return new FakeAnswer(Kind.DROP, 0, null, null, List.of(), Duration.ZERO);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STATUS ->
          "status(" + status + (retryAfter == null ? ")" : ", retryAfter " + retryAfter + ")");
      case GRAPHQL_ERROR -> "graphQlError(" + message + ")";
      case USER_ERROR -> "userError(" + message + " at " + String.join(".", path) + ")";
      case DELAY -> "delayed(" + delay + ")";
      case DROP -> "dropConnection()";
    };
  }
}
