package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builder's messages name its methods; a tenant file's name its fields. Credentials that check
 * themselves when built still have their problems named by their place in the file.
 */
class ValidationMatchesBuilderTest {

  private static final String AEM = "\"aem\": {\"programId\": \"1\", \"environmentId\": \"2\"}";
  private static final String MATCHER =
      "\"assetToProductUrl\": \"https://m.example/a\", \"productToAssetUrl\": \"https://m.example/p\"";

  private static List<String> problems(String json) {
    return assertThrows(AresValidationException.class, () -> TenantInputJson.read(json))
        .violations()
        .stream()
        .map(FieldViolation::toString)
        .toList();
  }

  @Test
  void aTenantBuiltWithoutARuleIsToldToCallRule() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class, () -> Fixtures.tenantBuilder().rule(null).build());
    assertEquals(
        "tenantInput.rule is required: call rule(...) with MatchBySkuRuleInput or"
            + " ExternalMatcherInput",
        e.getMessage());
  }

  @Test
  void partialCommerceCredentialsInAFileAreNamedByTheirPathInFieldOrder() {
    assertEquals(
        List.of(
            "tenantInput.commerce.credentials.consumerSecret is required",
            "tenantInput.commerce.credentials.accessToken must not be blank",
            "tenantInput.commerce.credentials.accessTokenSecret is required",
            "tenantInput.ruleType is required"),
        problems(
            "{\"tenantInput\": {\"projectId\": \"p\", "
                + AEM
                + ", \"commerce\": {\"credentials\": {\"consumerKey\": \"k\","
                + " \"accessToken\": \" \"}}}}"));
    assertEquals(
        List.of(
            "tenantInput.commerce.credentials.consumerKey must be a string",
            "tenantInput.projectId is required",
            "tenantInput.commerce.credentials.consumerKey is required",
            "tenantInput.commerce.credentials.consumerSecret is required",
            "tenantInput.commerce.credentials.accessToken is required",
            "tenantInput.commerce.credentials.accessTokenSecret is required"),
        problems(
            "{\"ruleType\": \"matchBySKU\", \"commerce\": {\"credentials\": {\"consumerKey\": 1}}}"));
  }

  @Test
  void partialMatcherCredentialsInAFileAreNamedWhereTheyAreInEitherRuleForm() {
    String credentials = "\"credentials\": {\"oauthServerUrl\": \"x\", \"clientId\": \"c\"}";
    assertEquals(
        List.of(
            "tenantInput.externalMatcher.credentials.oauthServerUrl must be an absolute http(s) URL",
            "tenantInput.externalMatcher.credentials.clientSecret is required",
            "tenantInput.externalMatcher.credentials.imsOrgId is required"),
        problems(
            "{\"projectId\": \"p\", \"ruleType\": \"externalMatcher\", \"externalMatcher\": {"
                + MATCHER
                + ", "
                + credentials
                + "}}"));
    assertEquals(
        List.of(
            "tenantInput.rule.externalMatcher.credentials.oauthServerUrl must be an absolute"
                + " http(s) URL",
            "tenantInput.rule.externalMatcher.credentials.clientSecret is required",
            "tenantInput.rule.externalMatcher.credentials.imsOrgId is required"),
        problems(
            "{\"projectId\": \"p\", \"rule\": {\"type\": \"externalMatcher\", \"externalMatcher\": {"
                + MATCHER
                + ", "
                + credentials
                + "}}}"));
  }

  @Test
  void aFileWithoutARuleTypeNamesItsTypeField() {
    assertEquals(List.of("tenantInput.ruleType is required"), problems("{\"projectId\": \"p\"}"));
    assertEquals(
        List.of("tenantInput.rule.type is required"),
        problems("{\"projectId\": \"p\", \"rule\": {\"matchBySkuRule\": {}}}"));
    assertEquals(
        List.of("tenantInput.ruleType must be a string"),
        problems("{\"projectId\": \"p\", \"ruleType\": 7}"));
    assertEquals(
        List.of("tenantInput.rule must be a JSON object"),
        problems("{\"projectId\": \"p\", \"rule\": 7}"));
  }

  @Test
  void anEmptyMatchBySkuRuleIsTheDefaultField() {
    for (String rule :
        List.of("{}", "{\"metadataField\": null}", "{\"metadataField\": \"commerce:skus\"}")) {
      TenantInput t =
          TenantInputJson.read(
              "{\"projectId\": \"p\", \"ruleType\": \"matchBySKU\", \"matchBySkuRule\": "
                  + rule
                  + "}");
      assertEquals(MatchBySkuRuleInput.commerceSkus(), t.rule(), rule);
    }
    TenantInput nested =
        TenantInputJson.read(
            "{\"projectId\": \"p\", \"rule\": {\"type\": \"matchBySKU\", \"matchBySkuRule\": {}}}");
    assertEquals(MatchBySkuRuleInput.commerceSkus(), nested.rule());
    assertEquals(
        List.of("tenantInput.matchBySkuRule.metadataField must not be blank"),
        problems(
            "{\"projectId\": \"p\", \"ruleType\": \"matchBySKU\","
                + " \"matchBySkuRule\": {\"metadataField\": \" \"}}"));
  }
}
