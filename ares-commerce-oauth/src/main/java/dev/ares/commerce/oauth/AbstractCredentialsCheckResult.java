package dev.ares.commerce.oauth;

import dev.ares.core.TransportFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * The result of one {@link CommerceCredentialsCheck}: a typed verdict and the store's own message
 * (or, when no answer came, what failed), with the number of attempts it took. Holds no credential.
 */
@Value.Immutable
abstract class AbstractCredentialsCheckResult {

  /** The verdict. */
  public abstract CredentialsVerdict verdict();

  /**
   * The store's own message when it gave one, such as {@code The signature is invalid. Verify and
   * try again.}; otherwise a short description of what happened, naming the host but no secret. The
   * store's text is shown with the credentials masked as {@code ****}, control characters written
   * as visible escapes such as {@code \u005cu001b}, and cut to 500 characters.
   */
  public abstract String message();

  /**
   * Why the store was not reached, the same {@link TransportFailure} the other clients' {@code
   * AresTransportException} carries; the check sets it with every {@link
   * CredentialsVerdict#STORE_NOT_REACHED} verdict, and only then.
   */
  public abstract Optional<TransportFailure> transportFailure();

  /** The HTTP status of the store's last answer; empty when the store was not reached. */
  public abstract OptionalInt httpStatus();

  /**
   * How many requests the check sent (or tried to connect for), retries included; 1 when the first
   * answer settled it, 0 when the check was closed before it could send anything.
   */
  @Value.Default
  public int attempts() {
    return 1;
  }

  /**
   * The wait the store asked for with {@code Retry-After} in its last answer (429 or 503), when it
   * gave one; the check stops retrying when the wait is longer than its retry policy allows.
   */
  public abstract Optional<Duration> retryAfter();

  /** Whether the verdict is {@link CredentialsVerdict#OK}. */
  public boolean isOk() {
    return verdict() == CredentialsVerdict.OK;
  }
}
