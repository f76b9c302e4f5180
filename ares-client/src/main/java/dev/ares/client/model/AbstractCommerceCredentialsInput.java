package dev.ares.client.model;

import dev.ares.client.internal.TenantInputValidator;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.Nullable;
import java.util.List;
import org.immutables.value.Value;

/**
 * The four OAuth 1.0a values of the Commerce integration that ARES uses to call the Commerce REST
 * API. All are required and all print as a mask in {@code toString()}.
 *
 * <p>{@code build()} checks them and throws {@link dev.ares.core.AresValidationException} naming
 * every problem at once ({@code commerceCredentialsInput.consumerSecret is required}), so an
 * instance that exists can be used.
 */
@Value.Immutable
abstract class AbstractCommerceCredentialsInput {

  /** The integration's consumer key. */
  @Nullable
  @Value.Redacted
  public abstract String consumerKey();

  /** The integration's consumer secret. */
  @Nullable
  @Value.Redacted
  public abstract String consumerSecret();

  /** The integration's access token. */
  @Nullable
  @Value.Redacted
  public abstract String accessToken();

  /** The integration's access token secret. */
  @Nullable
  @Value.Redacted
  public abstract String accessTokenSecret();

  /**
   * Every problem with these credentials standing on their own (a value missing, blank, too long or
   * not valid text), each path under {@code root}, such as {@code commerce.credentials}; empty when
   * they can be used, which {@code build()} makes sure of: kept for callers that name problems
   * under their own root.
   */
  public final List<FieldViolation> violations(String root) {
    return TenantInputValidator.violations((CommerceCredentialsInput) this, root);
  }

  @Value.Check
  final void validate() {
    TenantInputValidator.requireValid((CommerceCredentialsInput) this);
  }
}
