package dev.ares.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hosted matcher and the Commerce signer check an external matcher or Commerce credentials on
 * their own, under their own root, with the same rules a tenant input follows.
 */
class StandaloneValidationTest {

  private static List<String> described(List<FieldViolation> violations) {
    return violations.stream().map(FieldViolation::toString).toList();
  }

  private static ExternalMatcherInput.Builder matcher() {
    return ExternalMatcherInput.builder()
        .assetToProductUrl("https://matcher.example/asset-to-product")
        .productToAssetUrl("https://matcher.example/product-to-asset");
  }

  private static ExternalMatcherCredentialsInput.Builder matcherCredentials() {
    return ExternalMatcherCredentialsInput.builder()
        .oauthServerUrl("https://ims.example/ims/token/v3")
        .clientId("client-id")
        .clientSecret("client-secret")
        .imsOrgId("ORG@AdobeOrg");
  }

  @Test
  void anExternalMatcherIsCheckedUnderTheGivenRoot() {
    assertEquals(
        List.of(),
        TenantInputValidator.violations(
            matcher().credentials(matcherCredentials().build()).build(), "matcher"));
    assertEquals(
        List.of("matcher.productToAssetUrl must be an absolute http(s) URL"),
        described(
            TenantInputValidator.violations(
                matcher()
                    .productToAssetUrl("ftp://x/y")
                    .credentials(matcherCredentials().build())
                    .build(),
                "matcher")));
    assertEquals(
        List.of("rule.credentials is required"),
        described(TenantInputValidator.violations(matcher().build(), "rule")));
  }

  @Test
  void commerceCredentialsAreCheckedUnderTheGivenRoot() {
    CommerceCredentialsInput.Builder good =
        CommerceCredentialsInput.builder()
            .consumerKey("ck")
            .consumerSecret("cs")
            .accessToken("at")
            .accessTokenSecret("ats");
    assertEquals(List.of(), TenantInputValidator.violations(good.build(), "store"));
    // Credentials that break the rules are never built: build() names them under its own root.
    assertEquals(
        List.of(
            "commerceCredentialsInput.accessToken must not be blank",
            "commerceCredentialsInput.accessTokenSecret is required"),
        described(
            assertThrows(
                    AresValidationException.class,
                    () -> good.accessToken(" ").accessTokenSecret(null).build())
                .violations()));
  }
}
