package dev.ares.commerce.oauth;

import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * The result of one {@link CommerceCredentialsCheck}: a typed verdict and the store's own message
 * (or, when no answer came, what failed). Holds no credential.
 */
@Value.Immutable
abstract class AbstractCredentialsCheckResult {

  /** The verdict. */
  public abstract CredentialsVerdict verdict();

  /**
   * The store's own message when it gave one, such as {@code The signature is invalid. Verify and
   * try again.}; otherwise a short description of what happened, naming the host but no secret.
   */
  public abstract String message();

  /** The HTTP status of the store's answer; empty when the store was not reached. */
  public abstract OptionalInt httpStatus();

  /** Whether the verdict is {@link CredentialsVerdict#OK}. */
  public boolean isOk() {
    return verdict() == CredentialsVerdict.OK;
  }
}
