package dev.ares.client.model;

import dev.ares.core.internal.Nullable;
import org.immutables.value.Value;

/**
 * The {@code matchBySKU} rule: match assets to products by the SKUs found in one asset metadata
 * field. Use {@link MatchBySkuRuleInput#commerceSkus()} for the default field {@code
 * commerce:skus}, or {@code MatchBySkuRuleInput.of("my:field")}.
 */
@Value.Immutable
abstract non-sealed class AbstractMatchBySkuRuleInput implements MatchingRule {

  /** The metadata field ARES reads for SKUs when no other is given. */
  public static final String DEFAULT_METADATA_FIELD = "commerce:skus";

  /** The asset metadata field that holds the product SKUs; {@code commerce:skus} by default. */
  @Value.Parameter
  @Value.Default
  @Nullable
  public String metadataField() {
    return DEFAULT_METADATA_FIELD;
  }

  @Override
  public final RuleType ruleType() {
    return RuleType.MATCH_BY_SKU;
  }

  /** The rule on the default metadata field {@code commerce:skus}. */
  public static MatchBySkuRuleInput commerceSkus() {
    return MatchBySkuRuleInput.of(DEFAULT_METADATA_FIELD);
  }
}
