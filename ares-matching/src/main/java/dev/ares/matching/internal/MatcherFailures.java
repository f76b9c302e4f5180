package dev.ares.matching.internal;

import dev.ares.core.AresHttpException;
import dev.ares.core.AresTransportException;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.ServerText;
import java.time.Duration;

/**
 * The matcher's failures in the SDK's shared types, all worded {@code <detail> (host <host>, status
 * <status>, <n> attempts)}: the detail made printable (and cut) here again, never a token, a secret
 * or a body.
 *
 * <p>Internal: not part of the public API.
 */
public final class MatcherFailures {

  private MatcherFailures() {}

  /** No answer from {@code host}. */
  public static AresTransportException transport(
      TransportFailure failure,
      String host,
      String detail,
      int attempts,
      boolean requestSent,
      Throwable cause) {
    return new AresTransportException(
        failure, describe(host, 0, detail, attempts), host, attempts, requestSent, cause);
  }

  /** {@code host} answered with a status other than 2xx, or App Builder wrapped one in a 200. */
  public static AresHttpException status(
      String host, int status, String detail, int attempts, String requestId, Duration retryAfter) {
    return new AresHttpException(
        describe(host, status, detail, attempts), status, requestId, retryAfter, attempts, host);
  }

  /** The one wording of every matcher failure. */
  public static String describe(String host, int statusCode, String detail, int attempts) {
    ServerText printable = ServerText.withoutSecrets();
    return printable.printable(detail, 1000)
        + " (host "
        + printable.printable(host)
        + (statusCode == 0 ? "" : ", status " + statusCode)
        + ", "
        + attempts
        + (attempts == 1 ? " attempt)" : " attempts)");
  }
}
