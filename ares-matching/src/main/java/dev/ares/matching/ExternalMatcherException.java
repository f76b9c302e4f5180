package dev.ares.matching;

import dev.ares.core.AresException;
import dev.ares.core.internal.ServerText;
import java.util.OptionalInt;

/**
 * A call of the {@link ExternalMatcher} failed: at the IMS token endpoint or at an App Builder
 * action. The message names the host, the status and the number of attempts, never a token, a
 * secret or a body. When the server's JSON error answer gave a short error text (IMS's {@code
 * error} and {@code error_description}, an action's {@code error} or {@code message}, also inside
 * App Builder's {@code body}), the message adds it, with the client id, the client secret and the
 * bearer token masked as {@code ****} (also URL-encoded and JSON-escaped), control characters and
 * bidirectional overrides written as visible escapes such as {@code \u005cu001b}, and cut to 300
 * characters.
 */
public final class ExternalMatcherException extends AresException {

  /** Why the call failed. */
  public enum Reason {
    /** The host could not be reached, or the connection broke (also in the middle of an answer). */
    CONNECTION,
    /**
     * An attempt or the whole call ran out of time, or a {@code Retry-After} reached past the
     * whole-call deadline.
     */
    TIMEOUT,
    /**
     * The host answered with a status other than 2xx (after any retries), a redirect (3xx, not
     * followed) included, or App Builder wrapped an error {@code statusCode} in a 200.
     */
    HTTP_STATUS,
    /** IMS refused the client credentials (400, 401 or 403 from the token endpoint). */
    TOKEN_REFUSED,
    /** The answer was larger than the configured cap; it was not read to its end. */
    RESPONSE_TOO_LARGE,
    /** The answer was not the expected JSON: empty, not JSON (an HTML page), or the wrong shape. */
    MALFORMED_RESPONSE,
    /** The matcher was closed before or during the call. */
    CLOSED
  }

  private final Reason reason;
  private final String host;
  private final int statusCode;

  /**
   * @param reason why the call failed
   * @param host the host (and port) called, never a path or query
   * @param statusCode the HTTP status, or 0 when there was none
   * @param detail what happened, free of secrets; made printable (and cut) here again
   * @param attempts how many attempts were made
   * @param cause the underlying failure, or {@code null}
   */
  public ExternalMatcherException(
      Reason reason, String host, int statusCode, String detail, int attempts, Throwable cause) {
    super(describe(host, statusCode, detail, attempts), attempts, cause);
    this.reason = reason;
    this.host = host;
    this.statusCode = statusCode;
  }

  /** Why the call failed. */
  public Reason reason() {
    return reason;
  }

  /** The host (and port) that was called. */
  public String host() {
    return host;
  }

  /** The HTTP status (or the wrapped App Builder {@code statusCode}), when there was one. */
  public OptionalInt statusCode() {
    return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  private static String describe(String host, int statusCode, String detail, int attempts) {
    ServerText printable = ServerText.withoutSecrets();
    return printable.printable(detail, 1000) + " (host " + printable.printable(host) + (statusCode == 0 ? "" : ", status " + statusCode)
        + ", " + attempts + (attempts == 1 ? " attempt)" : " attempts)");
  }
}
