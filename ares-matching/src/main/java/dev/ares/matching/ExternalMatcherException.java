package dev.ares.matching;

import dev.ares.core.AresException;
import dev.ares.matching.internal.MatcherFailures;
import java.util.OptionalInt;

/**
 * A call of the {@link ExternalMatcher} got an answer it cannot use: IMS refused the client
 * credentials, the answer was over the size cap, or it was not the expected JSON. Failures to reach
 * a host are {@link dev.ares.core.AresTransportException} and other error statuses are {@link
 * dev.ares.core.AresHttpException}, the same types every client of the SDK throws; all three name
 * the {@code host()}.
 *
 * <p>The message names the host, the status and the number of attempts, never a token, a secret or
 * a body. When the server's JSON error answer gave a short error text (IMS's {@code error} and
 * {@code error_description}, an action's {@code error} or {@code message}, also inside App
 * Builder's {@code body}), the message adds it, with the client id, the client secret and the
 * bearer token masked as {@code ****} (also URL-encoded and JSON-escaped), control characters and
 * bidirectional overrides written as visible escapes such as {@code \u005cu001b}, and cut to 300
 * characters.
 */
public final class ExternalMatcherException extends AresException {

  /** Why the answer could not be used. */
  public enum Reason {
    /** IMS refused the client credentials (400, 401 or 403 from the token endpoint). */
    TOKEN_REFUSED,
    /** The answer was larger than the configured cap; it was not read to its end. */
    RESPONSE_TOO_LARGE,
    /** The answer was not the expected JSON: empty, not JSON (an HTML page), or the wrong shape. */
    MALFORMED_RESPONSE
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
    super(MatcherFailures.describe(host, statusCode, detail, attempts), attempts, cause);
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

  /** The HTTP status of the answer, when there was one. */
  public OptionalInt statusCode() {
    return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }
}
