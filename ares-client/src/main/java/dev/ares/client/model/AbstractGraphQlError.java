package dev.ares.client.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of a GraphQL response's {@code errors}: a request error when {@link #path()} is empty,
 * a field error otherwise.
 *
 * <p>When the SDK reads one from an answer, the message, each path element and the classification
 * are server text made safe by one rule: the secrets of the call (the API key, every JWT sent, the
 * four Commerce values, the external matcher's client id and secret; also JSON-escaped or
 * percent-encoded) masked as {@code ****}, control characters (ESC, BEL, CR, LF, TAB, DEL, C1) and
 * bidirectional overrides written as visible escapes such as {@code \u005cu001b}, and cut to 500
 * characters.
 */
@Value.Immutable
abstract class AbstractGraphQlError {

  /** The error message the service gave. */
  public abstract String message();

  /** The response path of the failed field, as strings; empty for a request error. */
  public abstract List<String> path();

  /** The {@code extensions.classification} or {@code extensions.code}, if any. */
  public abstract Optional<String> classification();

  /** Whether this error belongs to a field (has a path) rather than to the whole request. */
  public boolean isFieldError() {
    return !path().isEmpty();
  }
}
