package dev.ares.client.model;

import dev.ares.core.internal.Nullable;
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
}
