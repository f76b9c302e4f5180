package dev.ares.client.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.ares.client.internal.TenantInputValidator;
import dev.ares.client.internal.json.TenantInputJacksonDeserializer;
import dev.ares.client.internal.json.TenantInputJacksonSerializer;
import dev.ares.core.internal.Nullable;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * Everything ARES needs to register a tenant: the SaaS project, the AEM and Commerce environments
 * and the matching rule.
 *
 * <pre>{@code
 * TenantInput tenant = TenantInput.builder()
 *     .enabled(true)
 *     .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
 *     .aem(AemInput.fromAuthorUrl("https://author-p11111-e222222.adobeaemcloud.com/"))
 *     .commerce(CommerceInput.builder()
 *         .baseUrl("https://store.example.com")
 *         .credentials(credentials)
 *         .build())
 *     .rule(MatchBySkuRuleInput.commerceSkus())
 *     .build();
 * }</pre>
 *
 * <p>{@code build()} validates the whole tree and throws {@link
 * dev.ares.core.AresValidationException} listing every problem by path, so an instance that exists
 * is always valid.
 *
 * <p>A plain Jackson {@code ObjectMapper} reads and writes it as the JSON of the ARES reference,
 * like {@link dev.ares.client.TenantInputJson}.
 */
@Value.Immutable
@JsonSerialize(using = TenantInputJacksonSerializer.class)
@JsonDeserialize(using = TenantInputJacksonDeserializer.class)
abstract class AbstractTenantInput {

  /** Whether asset sync is on for this tenant; left out of the request when not set. */
  public abstract Optional<Boolean> enabled();

  /** The SaaS project id from the Commerce Services Connector; required. */
  @Nullable
  public abstract String projectId();

  /** The AEM Assets environment. */
  public abstract Optional<AemInput> aem();

  /** The Commerce project and its credentials. */
  public abstract Optional<CommerceInput> commerce();

  /** The matching rule; required. */
  @Nullable
  public abstract MatchingRule rule();

  /** Minimum percentage (0 to 100) of matched products for a full sync; not used by ARES yet. */
  public abstract OptionalInt threshold();

  /** The rule type on the wire; follows from {@link #rule()}. */
  @Value.Derived
  @Nullable
  public RuleType ruleType() {
    return rule() == null ? null : rule().ruleType();
  }

  @Value.Check
  final void validate() {
    TenantInputValidator.requireValid((TenantInput) this);
  }
}
