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

  private final List<FieldViolation> violations = new ArrayList<>();

  private TenantInputValidator() {}

  /** Throws when the tenant input has any problem. */
  public static void requireValid(TenantInput input) {
    List<FieldViolation> found = violations(input);
    if (!found.isEmpty()) {
      throw new AresValidationException(found);
    }
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

  private void tenant(TenantInput t, String path) {
    required(t.projectId(), path + ".projectId");
    t.aem().ifPresent(aem -> aem(aem, path + ".aem"));
    t.commerce().ifPresent(commerce -> commerce(commerce, path + ".commerce"));
    MatchingRule rule = t.rule();
    if (rule == null) {
      violations.add(FieldViolation.of(path + ".ruleType", "is required"));
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
    requiredUrl(credentials.oauthServerUrl(), path + ".credentials.oauthServerUrl");
    required(credentials.clientId(), path + ".credentials.clientId");
    required(credentials.clientSecret(), path + ".credentials.clientSecret");
    required(credentials.imsOrgId(), path + ".credentials.imsOrgId");
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
    }
  }
}
