package dev.ares.client.model;

import dev.ares.client.internal.TenantInputValidator;
import dev.ares.core.internal.Nullable;
import org.immutables.value.Value;

/**
 * Adobe IMS server-to-server credentials that ARES uses to call the App Builder actions of an
 * external matcher. All four fields are required; {@code clientSecret} prints as a mask.
 *
 * <p>{@code build()} checks them and throws {@link dev.ares.core.AresValidationException} naming
 * every problem at once ({@code externalMatcherCredentialsInput.clientId is required}), so an
 * instance that exists can be used.
 */
@Value.Immutable
abstract class AbstractExternalMatcherCredentialsInput {

  /** The IMS token endpoint, for example {@code https://ims-na1.adobelogin.com/ims/token/v3}. */
  @Nullable
  public abstract String oauthServerUrl();

  /** The OAuth client id of the App Builder project. */
  @Nullable
  public abstract String clientId();

  /** The OAuth client secret; never printed. */
  @Nullable
  @Value.Redacted
  public abstract String clientSecret();

  /** The IMS organization id, such as {@code 1234ABCD@AdobeOrg}. */
  @Nullable
  public abstract String imsOrgId();

  @Value.Check
  final void validate() {
    TenantInputValidator.requireValid((ExternalMatcherCredentialsInput) this);
  }
}
