package dev.ares.client.internal;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.MatchingRule;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.TextRules;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.WireTextRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a whole input tree and names every bad field by its path. One instance collects the
 * problems of one check.
 *
 * <p>Internal: not part of the public API.
 */
public final class TenantInputValidator {

  /** The root of every path, as in the GraphQL variables. */
  public static final String ROOT = "tenantInput";

  /** The root of the paths of {@code CommerceCredentialsInput.builder().build()}. */
  public static final String COMMERCE_CREDENTIALS_ROOT = "commerceCredentialsInput";

  /** The root of the paths of {@code ExternalMatcherCredentialsInput.builder().build()}. */
  public static final String MATCHER_CREDENTIALS_ROOT = "externalMatcherCredentialsInput";

  /** What a tenant without a rule is told: the builder's method, not the wire's field. */
  public static final String RULE_REQUIRED =
      "is required: call rule(...) with MatchBySkuRuleInput or ExternalMatcherInput";

  private final List<FieldViolation> violations = new ArrayList<>();

  private TenantInputValidator() {}

  /** Throws when the tenant input has any problem. */
  public static void requireValid(TenantInput input) {
    throwIfAny(violations(input));
  }

  /** Every problem of the tenant input, in field order; empty when it is valid. */
  public static List<FieldViolation> violations(TenantInput input) {
    TenantInputValidator v = new TenantInputValidator();
    v.tenant(input, ROOT);
    return List.copyOf(v.violations);
  }

  /** Every problem of an external matcher input standing on its own, under {@code root}. */
  public static List<FieldViolation> violations(ExternalMatcherInput input, String root) {
    TenantInputValidator v = new TenantInputValidator();
    v.externalMatcher(input, root);
    return List.copyOf(v.violations);
  }

  /** Every problem of Commerce credentials standing on their own, under {@code root}. */
  public static List<FieldViolation> violations(CommerceCredentialsInput input, String root) {
    TenantInputValidator v = new TenantInputValidator();
    v.commerceCredentials(input, root);
    return List.copyOf(v.violations);
  }

  /** Throws when Commerce credentials being built have any problem, under their own root. */
  public static void requireValid(CommerceCredentialsInput input) {
    throwIfAny(violations(input, COMMERCE_CREDENTIALS_ROOT));
  }

  /** Throws when IMS credentials being built have any problem, under their own root. */
  public static void requireValid(ExternalMatcherCredentialsInput input) {
    TenantInputValidator v = new TenantInputValidator();
    v.matcherCredentials(input, MATCHER_CREDENTIALS_ROOT);
    throwIfAny(v.violations);
  }

  private static void throwIfAny(List<FieldViolation> found) {
    if (!found.isEmpty()) {
      throw new AresValidationException(found);
    }
  }

  private void tenant(TenantInput t, String path) {
    required(t.projectId(), path + ".projectId");
    t.aem().ifPresent(aem -> aem(aem, path + ".aem"));
    t.commerce().ifPresent(commerce -> commerce(commerce, path + ".commerce"));
    MatchingRule rule = t.rule();
    if (rule == null) {
      violations.add(FieldViolation.of(path + ".rule", RULE_REQUIRED));
    } else if (rule instanceof MatchBySkuRuleInput bySku) {
      required(bySku.metadataField(), path + ".matchBySkuRule.metadataField");
    } else {
      externalMatcher((ExternalMatcherInput) rule, path + ".externalMatcher");
    }
    if (t.threshold().isPresent()) {
      int threshold = t.threshold().getAsInt();
      if (threshold < 0 || threshold > 100) {
        violations.add(FieldViolation.of(path + ".threshold", "must be between 0 and 100"));
      }
    }
  }

  private void aem(AemInput aem, String path) {
    required(aem.programId(), path + ".programId");
    required(aem.environmentId(), path + ".environmentId");
  }

  private void commerce(CommerceInput commerce, String path) {
    optionalUrl(commerce.baseUrl(), path + ".baseUrl");
    if (commerce.credentials() == null) {
      violations.add(FieldViolation.of(path + ".credentials", "is required"));
    } else {
      commerceCredentials(commerce.credentials(), path + ".credentials");
    }
    optionalText(commerce.extensionVersion(), path + ".extensionVersion");
    optionalText(commerce.version(), path + ".version");
  }

  private void commerceCredentials(CommerceCredentialsInput credentials, String path) {
    required(credentials.consumerKey(), path + ".consumerKey");
    required(credentials.consumerSecret(), path + ".consumerSecret");
    required(credentials.accessToken(), path + ".accessToken");
    required(credentials.accessTokenSecret(), path + ".accessTokenSecret");
  }

  private void externalMatcher(ExternalMatcherInput matcher, String path) {
    requiredUrl(matcher.assetToProductUrl(), path + ".assetToProductUrl");
    requiredUrl(matcher.productToAssetUrl(), path + ".productToAssetUrl");
    ExternalMatcherCredentialsInput credentials = matcher.credentials();
    if (credentials == null) {
      violations.add(FieldViolation.of(path + ".credentials", "is required"));
      return;
    }
    matcherCredentials(credentials, path + ".credentials");
  }

  private void matcherCredentials(ExternalMatcherCredentialsInput credentials, String path) {
    requiredUrl(credentials.oauthServerUrl(), path + ".oauthServerUrl");
    required(credentials.clientId(), path + ".clientId");
    required(credentials.clientSecret(), path + ".clientSecret");
    required(credentials.imsOrgId(), path + ".imsOrgId");
  }

  private boolean required(String value, String path) {
    return noted(TextRules.problemWithRequired(value), path);
  }

  private boolean text(String value, String path) {
    return noted(TextRules.problemWithPresent(value), path);
  }

  private boolean noted(String problem, String path) {
    if (problem != null) {
      violations.add(FieldViolation.of(path, problem));
    }
    return problem == null;
  }

  private void optionalText(Optional<String> value, String path) {
    value.ifPresent(v -> text(v, path));
  }

  private void requiredUrl(String value, String path) {
    if (required(value, path)) {
      url(value, path);
    }
  }

  private void optionalUrl(Optional<String> value, String path) {
    value.ifPresent(
        v -> {
          if (text(v, path)) {
            url(v, path);
          }
        });
  }

  private void url(String value, String path) {
    if (!Urls.isAbsoluteHttpUrl(value)) {
      violations.add(FieldViolation.of(path, "must be an absolute http(s) URL"));
    } else if (WireTextRules.problemWithUserInfo(value) != null) {
      violations.add(FieldViolation.of(path, WireTextRules.problemWithUserInfo(value)));
    }
  }
}
