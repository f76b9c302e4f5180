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

  /** The path of the input field, for example {@code [tenantInput, projectId]}; may be empty. */
  @Value.Parameter
  public abstract List<String> path();

  /**
   * The error as one printable line, prefixed by its dotted path when it has one: {@code
   * tenantInput.projectId: Tenant already exists}.
   */
  public final String describe() {
    return ErrorText.at(path(), message());
  }
}
