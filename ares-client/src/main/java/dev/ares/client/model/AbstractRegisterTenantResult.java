package dev.ares.client.model;

import dev.ares.client.AresUserErrorsException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@code registerTenant} answered: the new tenant's id, or the user errors that stopped the
 * registration. User errors are data here; {@link #requireTenantId()} turns them into an exception.
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
