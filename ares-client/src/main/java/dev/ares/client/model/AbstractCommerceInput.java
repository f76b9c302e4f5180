package dev.ares.client.model;

import dev.ares.core.internal.Nullable;
import java.util.Optional;
import org.immutables.value.Value;

/** The Commerce project ARES synchronizes with: its storefront URL and API credentials. */
@Value.Immutable
abstract class AbstractCommerceInput {

  /** The base URL of the Commerce storefront, an absolute http(s) URL. */
  public abstract Optional<String> baseUrl();

  /** The OAuth credentials of the Commerce integration; required. */
  @Nullable
  public abstract CommerceCredentialsInput credentials();

  /** The version of the AEM Assets Integration extension installed on Commerce, if known. */
  public abstract Optional<String> extensionVersion();

  /** The version of the Commerce application, if known. */
  public abstract Optional<String> version();
}
