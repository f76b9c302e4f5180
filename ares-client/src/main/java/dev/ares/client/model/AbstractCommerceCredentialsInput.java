package dev.ares.client.model;

import dev.ares.client.internal.TenantInputValidator;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.Nullable;
import java.util.List;
import org.immutables.value.Value;

/**
 * The four OAuth 1.0a values of the Commerce integration that ARES uses to call the Commerce REST
 * API. All are required and all print as a mask in {@code toString()}.
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
   * they can be used. A {@code TenantInput} checks the same when it is built.
   */
  public final List<FieldViolation> violations(String root) {
    return TenantInputValidator.violations((CommerceCredentialsInput) this, root);
  }
}
