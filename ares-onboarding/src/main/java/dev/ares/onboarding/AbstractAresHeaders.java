package dev.ares.onboarding;

import dev.ares.core.internal.Nullable;
import org.immutables.value.Value;

/**
 * The ARES header settings a preflight checks when given: the same three values {@code
 * AresClient.builder()} takes ({@code apiKey}, {@code environmentId}, {@code gatewaySignature}).
 * Every one may be missing (each missing one is a failed check, not a build error); the API key and
 * the JWT print as {@code ****}.
 */
@Value.Immutable
abstract class AbstractAresHeaders {

  /** The API key sent as {@code x-api-key}; never printed. */
  @Value.Redacted
  @Nullable
  public abstract String apiKey();

  /** The SaaS data space environment id, sent as {@code magento-environment-id}. */
  @Nullable
  public abstract String environmentId();

  /** The JWT sent as {@code x-gw-signature}; never printed. */
  @Value.Redacted
  @Nullable
  public abstract String gatewaySignature();
}
