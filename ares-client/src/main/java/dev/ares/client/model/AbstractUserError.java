package dev.ares.client.model;

import dev.ares.core.internal.ErrorText;
import java.util.List;
import org.immutables.value.Value;

/**
 * A problem ARES found with the input it was given, such as {@code Tenant already exists}, with the
 * path of the input field it concerns.
 *
 * <p>When the SDK reads one from an answer, the message and each path element are server text made
 * safe by one rule: the secrets of the call (the API key, every JWT sent, the four Commerce values,
 * the external matcher's client id and secret; also JSON-escaped or percent-encoded) masked as
 * {@code ****}, control characters (ESC, BEL, CR, LF, TAB, DEL, C1) and bidirectional overrides
 * written as visible escapes such as {@code \u005cu001b}, and cut to 500 characters.
 */
@Value.Immutable
abstract class AbstractUserError {

  /** What ARES found wrong. */
  @Value.Parameter
  public abstract String message();

  /**
   * The path of the input field as GraphQL gives it, one element per segment, for example {@code
   * [tenantInput, projectId]}; may be empty. {@link #pathText()} is the same path in the dotted
   * form of {@link dev.ares.core.FieldViolation#path()}.
   */
  @Value.Parameter
  public abstract List<String> path();

  /**
   * The path in the dotted form every {@link dev.ares.core.FieldViolation#path()} has, for example
   * {@code tenantInput.projectId}; empty when the error has no path.
   */
  public final String pathText() {
    return String.join(".", path());
  }

  /**
   * Which of Adobe's documented errors this is, recognised from {@link #message()} whatever its
   * case, punctuation or surrounding text; {@link UserErrorCode#UNKNOWN} for any other message.
   * {@link UserErrorCode#remediation()} says what to do.
   */
  public final UserErrorCode code() {
    return UserErrorCode.of(message());
  }

  /**
   * The error as one printable line, prefixed by its dotted path when it has one: {@code
   * tenantInput.projectId: Tenant already exists}.
   */
  public final String describe() {
    return ErrorText.at(path(), message());
  }
}
