package dev.ares.consumercheck;

import dev.ares.client.AresClient;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.client.model.UserErrorCode;
import dev.ares.core.AresHttpException;
import dev.ares.core.AresTransportException;

/**
 * A user's onboarding service, as a team would write it on the SDK: register the tenant, tell an
 * operator what to fix from ARES's user error codes, and queue a retry when ARES is busy or could
 * not be reached. Its tests run it against the SDK's fakes from the testing jars.
 */
public final class TenantOnboarding {

  /** What happened to one tenant. */
  public enum Status {
    /** Registered now. */
    REGISTERED,
    /** Registered before. */
    ALREADY_REGISTERED,
    /** Refused: an operator must fix the set-up, as {@link Outcome#advice()} says. */
    FIX_SET_UP,
    /** Not done now: try again later. */
    TRY_LATER
  }

  /**
   * The outcome: the status, the tenant id when registered, and what to do otherwise.
   *
   * @param status what happened
   * @param tenantId the id, or empty
   * @param advice what to do next, or empty
   */
  public record Outcome(Status status, String tenantId, String advice) {}

  private final AresClient ares;

  /** A service registering through {@code ares}. */
  public TenantOnboarding(AresClient ares) {
    this.ares = ares;
  }

  /** Registers the tenant and says what happened. */
  public Outcome onboard(TenantInput tenant) {
    try {
      RegisterTenantResult result = ares.registerTenant(tenant);
      if (result.tenantId().isPresent()) {
        return new Outcome(Status.REGISTERED, result.tenantId().get(), "");
      }
      UserError first = result.userErrors().get(0);
      if (first.code() == UserErrorCode.TENANT_ALREADY_EXISTS) {
        return new Outcome(Status.ALREADY_REGISTERED, "", "");
      }
      return new Outcome(
          Status.FIX_SET_UP,
          "",
          first.code() + " at " + first.pathText() + ": " + first.code().remediation());
    } catch (AresHttpException e) {
      return new Outcome(Status.TRY_LATER, "", "ARES answered HTTP " + e.statusCode());
    } catch (AresTransportException e) {
      return new Outcome(
          Status.TRY_LATER, "", e.failure() + (e.requestSent() ? ", check before resending" : ""));
    }
  }
}
