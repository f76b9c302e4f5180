package dev.ares.client.model;

import dev.ares.client.AresUserErrorsException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@code registerTenant} answered: the new tenant's id, or the user errors that stopped the
 * registration. User errors are data here; {@link #requireTenantId()} turns them into an exception.
 *
 * <p>When the SDK reads one from an answer, the tenant id and the user errors are server text made
 * safe by one rule: the secrets of the call (the API key, every JWT sent, the four Commerce values,
 * the external matcher's client id and secret; also JSON-escaped or percent-encoded) masked as
 * {@code ****}, control characters (ESC, BEL, CR, LF, TAB, DEL, C1) and bidirectional overrides
 * written as visible escapes such as {@code \u005cu001b}, and cut to 500 characters.
 */
@Value.Immutable
abstract class AbstractRegisterTenantResult {

  /** The id ARES assigned to the tenant; empty when the registration was refused. */
  public abstract Optional<String> tenantId();

  /** The problems ARES found with the input; empty on success. */
  public abstract List<UserError> userErrors();

  /** Whether ARES registered the tenant: it gave an id and no user errors. */
  public boolean isSuccess() {
    return tenantId().isPresent() && userErrors().isEmpty();
  }

  /**
   * The tenant id, or an exception listing the user errors.
   *
   * @throws AresUserErrorsException when ARES refused the registration
   */
  public String requireTenantId() {
    if (!isSuccess()) {
      throw new AresUserErrorsException(userErrors());
    }
    return tenantId().get();
  }
}
