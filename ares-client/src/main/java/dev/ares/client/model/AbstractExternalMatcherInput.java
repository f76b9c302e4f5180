package dev.ares.client.model;

import dev.ares.client.internal.TenantInputValidator;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.Nullable;
import java.util.List;
import org.immutables.value.Value;

/**
 * The {@code externalMatcher} rule: ARES calls two App Builder actions to match assets to products
 * and products to assets.
 */
@Value.Immutable
abstract non-sealed class AbstractExternalMatcherInput implements MatchingRule {

  /** The action ARES calls with an asset to learn its products. */
  @Nullable
  public abstract String assetToProductUrl();

  /** The action ARES calls with a product SKU to learn its assets. */
  @Nullable
  public abstract String productToAssetUrl();

  /** The IMS credentials ARES uses to call both actions. */
  @Nullable
  public abstract ExternalMatcherCredentialsInput credentials();

  @Override
  public final RuleType ruleType() {
    return RuleType.EXTERNAL_MATCHER;
  }

  /**
   * Every problem with this rule standing on its own (the URLs, the IMS credentials), each path
   * under {@code root}, such as {@code externalMatcher}; empty when it can be used. A {@code
   * TenantInput} checks the same when it is built.
   */
  public final List<FieldViolation> violations(String root) {
    return TenantInputValidator.violations((ExternalMatcherInput) this, root);
  }
}
