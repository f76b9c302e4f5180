package dev.ares.matching;

import dev.ares.core.AresServiceException;
import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.internal.ServerText;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Why one item of a bulk run failed: a {@link Kind}, a short machine-readable {@link #reason()} to
 * count failures by, and a message made safe for display. Immutable.
 */
public final class BulkFailure {

  /** The longest {@link #message()}, in characters, before the {@code …}. */
  public static final int MAX_MESSAGE_CHARS = 500;

  /** What kind of thing went wrong. */
  public enum Kind {
    /**
     * The matcher's service was not reached or did not answer in time; the reason is the {@link
     * dev.ares.core.TransportFailure} name, such as {@code ATTEMPT_TIMEOUT}.
     */
    TRANSPORT,
    /** The service answered with an error status; the reason is {@code HTTP_<status>}. */
    HTTP_STATUS,
    /**
     * The answer could not be used; the reason is the {@link ExternalMatcherException.Reason} name,
     * such as {@code MALFORMED_RESPONSE}.
     */
    BAD_ANSWER,
    /** The item was refused as invalid before any call; the reason is {@code INVALID_INPUT}. */
    INVALID_INPUT,
    /** The call was cancelled; the reason is {@code CANCELLED}. */
    CANCELLED,
    /** Anything else the matcher threw; the reason is the exception's simple class name. */
    MATCHER_ERROR
  }

  private final Kind kind;
  private final String reason;
  private final String message;
  private final Throwable exception;

  private BulkFailure(Kind kind, String reason, String message, Throwable exception) {
    this.kind = kind;
    this.reason = reason;
    this.message = message;
    this.exception = exception;
  }

  /**
   * The failure for what a matcher threw (or completed its future with). The message is the
   * exception's, made printable as one line and cut to {@link #MAX_MESSAGE_CHARS}; the SDK's own
   * exceptions carry no secret in their messages, and a custom matcher's should not either.
   */
  public static BulkFailure of(Throwable exception) {
    Objects.requireNonNull(exception, "exception");
    Kind kind;
    String reason;
    if (exception instanceof AresTransportException t) {
      kind = Kind.TRANSPORT;
      reason = t.failure().name();
    } else if (exception instanceof AresServiceException s) {
      kind = Kind.HTTP_STATUS;
      reason = "HTTP_" + s.statusCode();
    } else if (exception instanceof ExternalMatcherException e) {
      kind = Kind.BAD_ANSWER;
      reason = e.reason().name();
    } else if (exception instanceof AresValidationException) {
      kind = Kind.INVALID_INPUT;
      reason = "INVALID_INPUT";
    } else if (exception instanceof CancellationException) {
      kind = Kind.CANCELLED;
      reason = "CANCELLED";
    } else {
      kind = Kind.MATCHER_ERROR;
      reason = exception.getClass().getSimpleName();
    }
    String text = exception.getMessage();
    String message =
        ServerText.withoutSecrets()
            .printable(
                text == null || text.isBlank() ? exception.getClass().getSimpleName() : text,
                MAX_MESSAGE_CHARS);
    return new BulkFailure(kind, reason, message, exception);
  }

  /** What kind of thing went wrong. */
  public Kind kind() {
    return kind;
  }

  /**
   * A short code to count failures by, such as {@code ATTEMPT_TIMEOUT}, {@code HTTP_503} or {@code
   * MALFORMED_RESPONSE}; see {@link Kind}.
   */
  public String reason() {
    return reason;
  }

  /** What happened, printable as one line, at most {@link #MAX_MESSAGE_CHARS} characters. */
  public String message() {
    return message;
  }

  /** The exception itself, for logging or rethrowing. */
  public Throwable exception() {
    return exception;
  }

  @Override
  public String toString() {
    return "BulkFailure{" + kind + ", " + reason + ": " + message + "}";
  }
}
