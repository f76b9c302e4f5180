package dev.ares.commerce.oauth;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * What one {@link CommerceCatalogLookup#lookUp} found: the SKUs asked about that the store's
 * catalog has, how many requests it took, and, when the store refused or could not be read, why, in
 * the words of the {@link CommerceCredentialsCheck} ({@link CredentialsVerdict} and the store's
 * masked, printable message). Holds no credential.
 */
@Value.Immutable
abstract class AbstractCatalogLookupResult {

  /**
   * The SKUs asked about that the catalog has, as they were asked (the store compares SKUs ignoring
   * case); what was found before a failure is kept.
   */
  public abstract List<String> found();

  /**
   * How many products the whole catalog holds, by the store's {@code total_count}; given by {@link
   * CommerceCatalogLookup#catalogSize()} only.
   */
  public abstract OptionalLong catalogProducts();

  /** How many searches were sent, pages included, retries not counted. */
  public abstract int requests();

  /**
   * Why the lookup stopped before it had every answer: never {@link CredentialsVerdict#OK}; empty
   * when it completed.
   */
  public abstract Optional<CredentialsCheckResult> failure();

  /** Whether every SKU asked about was looked up. */
  public boolean isComplete() {
    return failure().isEmpty();
  }
}
